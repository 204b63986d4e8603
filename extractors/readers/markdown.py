"""Reader for Markdown that a PDF-to-Markdown converter made of a gazette.

The converter's structure is a guess: `#` headings are kept only as a hint (heading_level),
list markers, bold, images and link targets are dropped, and tables of every kind a converter
writes (tab-separated rows, GFM pipe tables, HTML `<table>` blocks: `markdown_tables`) become
`TableGrid`s with a placeholder line where they stood. Converters mark page breaks in ways
that do not agree (or not at all), so the whole file is read as one page and layout
re-paginates where it can; the marks they do write stay as separator lines.
"""

from __future__ import annotations

import html
import re

from extractors.metadata.dates import is_date_line
from extractors.metadata.organs.names import is_org_name
from extractors.model import Document, Line, Page, Source, TableGrid
from extractors.patterns import CN_NUM, PAGE_NUMBER, RUNNING_HEADER
from extractors.readers.markdown_math import plain_math
from extractors.readers.markdown_tables import (
    cell_text,
    continues_without_header,
    html_block_end,
    html_table_grids,
    is_pipe_row,
    is_prose_table,
    opens_html_table,
    pipe_segments,
    prose_lines,
    split_html_block,
    starts_pipe_table,
)
from extractors.segmentation.headers import is_addressee_end, looks_like_addressees
from extractors.segmentation.site_fields import label_field
from extractors.textnorm import clean_line, compact, unescape_markdown

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
# Thematic breaks, and the page separators converters write: pymupdf4llm's `-----` and
# `--- end of page=3 ---`, marker's `{3}------`.
_RULE = re.compile(
    r"^\s*(?:-{3,}|\*{3,}|_{3,}|-{3}\s*end of page=\d+\s*-{3}|\{\d+\}-{3,})\s*$", re.I
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?=\S)")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_TAG = re.compile(r"<[^>]+>")
# A line break inside HTML a post or converter writes in its Markdown (<p>note<br>第一章 …</p>):
# the text on either side are two printed lines.
_BREAK = re.compile(r"<br\s*/?>", re.I)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_COMMENT_OPEN = "<!--"
_COMMENT_CLOSE = "-->"
# A heading a converter guessed from a font that holds a sentence is a body line: titles and
# headings never carry sentence-final punctuation.
_SENTENCE_END = re.compile(r"[。；！？]")
# pymupdf4llm joins the printed lines of a block with spaces, so a signature and the date under
# it arrive as one line (`泸州市人民政府 2024年12月4日`), and so do the addressees and the first
# line of the text under them (`各区县卫生健康局，…，委机关相关科室： 现将…`). They are split again
# where the text before the join is an organ's name or a list of addressees.
# A date's tokens: `2024年12月4日`, or `2024 年 12 月 4 日` as some converters pad digits.
MAX_DATE_TOKENS = 6
_ADDRESSEES_JOIN = re.compile(r"^(?P<head>[^。]*?[：:])\s+(?P<rest>\S.*)$")
# …and an article or chapter that starts a printed line after the previous one ended its
# sentence (`…接受行业监管。 第十二条 上级另有规定…`): the label, then the space printed after it.
_LABEL_JOIN = re.compile(rf"(?<=[。；])\s+(?=第{CN_NUM}[条章]\s)")


class _Reader:
    def __init__(self) -> None:
        self.page = Page(index=1)
        self.tables: list[TableGrid] = []
        self.tab_rows: list[list[str]] = []
        # The rows of the last pipe table while nothing but furniture follows it.
        self.open_pipe: list[list[str]] | None = None
        # The source line being read (Line.source_line), and where pending tab rows began.
        self.at = 0
        self.tab_start = 0

    def add_table(self, grid: TableGrid) -> None:
        self.tables.append(grid)
        index = len(self.tables) - 1
        at = self.tab_start if self.tab_rows else self.at
        self.page.lines.append(Line(text="", page=1, kind="table", table=index, source_line=at))

    def flush_tab_rows(self) -> None:
        if self.tab_rows:
            self.add_table(TableGrid(rows=list(self.tab_rows), page_start=1, page_end=1))
            self.tab_rows.clear()
            self.open_pipe = None

    def add_pipe_segment(self, rows: list[list[str]]) -> None:
        if is_prose_table(rows):
            for text in prose_lines(rows):
                self.add_line(Line(text=text, page=1))
            return
        if self.open_pipe is not None and continues_without_header(self.open_pipe, rows):
            self.open_pipe.extend(rows)
            return
        grid = TableGrid(rows=rows, page_start=1, page_end=1)
        self.add_table(grid)
        self.open_pipe = grid.rows

    def add_line(self, line: Line) -> None:
        if line.source_line is None:
            line.source_line = self.at
        self.page.lines.append(line)
        if line.kind == "body" and not _is_furniture_like(line.text):
            self.open_pipe = None


def _is_furniture_like(text: str) -> bool:
    """A page number or running header: what stands between the parts of a table cut by a
    page break (layout marks it as furniture later; the reader only needs to see past it)."""
    flat = compact(text)
    return bool(PAGE_NUMBER.match(flat) or RUNNING_HEADER.match(flat))


# A blog post (Jekyll, Hugo) opens with YAML front matter between --- fences: the site's
# fields, not the document. Its title: is the page's title, set as a heading over the text
# (segmentation decides whether the document prints its own title under it); the blog's own
# fields (date:, author:, categories:) are no text. A crawler that files a government page
# keys the page's fields by the site's own labels (文号:, 发布单位:, 发布日期:): those are
# the site's block, printed as its `label：value` lines, as the HTML reader prints <meta>.
_FENCE = re.compile(r"^\ufeff?---\s*$")
_FRONT_TITLE = re.compile(r"^title:\s*(?P<title>.+?)\s*$")
_FRONT_FIELD = re.compile(r"^(?P<label>[^\s:：]{2,8})\s*[:：]\s*(?P<value>.+?)\s*$")
MAX_FRONT_MATTER_LINES = 40


def _front_matter(lines: list[str]) -> tuple[list[Line], int]:
    """(the front matter's title as a heading line and its site fields as lines, index after
    the front matter), or ([], 0) when the text has none."""
    if not lines or not _FENCE.match(lines[0]):
        return [], 0
    for end in range(1, min(len(lines), MAX_FRONT_MATTER_LINES)):
        if not _FENCE.match(lines[end]):
            continue
        titles = [m.group("title") for m in map(_FRONT_TITLE.match, lines[1:end]) if m]
        shown = titles[0].replace("\ufeff", "").strip("'\"").strip() if titles else ""
        title = clean_line(shown)
        # raw keeps the title's word spaces (……规范性文件 制定和……) for segmentation.
        raw = shown if shown != title else None
        heading = [Line(text=title, page=1, heading_level=1, raw=raw)] if title else []
        fields = [m for m in map(_FRONT_FIELD.match, lines[1:end]) if m]
        site = [
            Line(text=clean_line(f"{m['label']}：{m['value'].strip(chr(39) + chr(34))}"), page=1)
            for m in fields
            if label_field(m["label"]) is not None
        ]
        return site + heading, end + 1
    return [], 0


def read_markdown(text: str, source: Source) -> Document:
    lines = text.split("\n")
    reader = _Reader()
    head, i = _front_matter(lines)
    for line in head:
        reader.add_line(line)
    while i < len(lines):
        raw = lines[i]
        reader.at = i
        if "\t" in raw and raw.strip() and not is_pipe_row(raw):
            if not reader.tab_rows:
                reader.tab_start = i
            reader.tab_rows.append([cell_text(cell) for cell in raw.split("\t")])
            i += 1
            continue
        reader.flush_tab_rows()
        if raw.lstrip().startswith(_COMMENT_OPEN):
            i = _comment_end(lines, i)
            continue
        if opens_html_table(raw):
            end = html_block_end(lines, i)
            before, markup, after = split_html_block(lines[i:end])
            for line in _lines_from_markdown(before):
                reader.add_line(line)
            for grid in html_table_grids(markup):
                reader.add_table(grid)
            reader.open_pipe = None
            for line in _lines_from_markdown(after):
                reader.add_line(line)
            i = end
            continue
        if starts_pipe_table(lines, i):
            end = i
            while end < len(lines) and is_pipe_row(lines[end]):
                end += 1
            for rows in pipe_segments(lines[i:end]):
                reader.add_pipe_segment(rows)
            i = end
            continue
        for line in _lines_from_markdown(raw):
            reader.add_line(line)
        i += 1
    reader.flush_tab_rows()
    return Document(source=source, pages=[reader.page], tables=reader.tables)


def _comment_end(lines: list[str], i: int) -> int:
    """The index after an HTML comment (`<!-- image -->`, `<!-- TABLE -->`) opened on line i."""
    for j in range(i, len(lines)):
        start = lines[j].find(_COMMENT_OPEN) + len(_COMMENT_OPEN) if j == i else 0
        if _COMMENT_CLOSE in lines[j][start:]:
            return j + 1
    return len(lines)


def _lines_from_markdown(raw: str) -> list[Line]:
    if not raw.strip():
        return []
    if _BREAK.search(raw):
        return [line for piece in _BREAK.split(raw) for line in _lines_from_markdown(piece)]
    if _RULE.match(raw):
        return [Line(text="", page=1, kind="rule")]
    level = None
    body = raw
    heading = _HEADING.match(raw.strip())
    if heading:
        level, body = len(heading.group(1)), heading.group(2)
    body = _LIST_ITEM.sub("", body)
    bold = bool(_BOLD.search(body))
    body = _BOLD.sub(lambda m: m.group(1) or m.group(2), body)
    body = _IMAGE.sub("", body)
    body = _LINK.sub(r"\1", body)
    # Autolinks (<http://…>) are content; other tags are converter markup.
    body = re.sub(r"<(https?://[^>]+)>", r"\1", body)
    # Converters keep the page's HTML entities (&nbsp; between a label and its text).
    body = plain_math(html.unescape(unescape_markdown(_TAG.sub("", body))))
    if level is not None and _SENTENCE_END.search(body):
        level = None
    parts = _split_joined_lines(body) if level is None else [body]
    lines = []
    for part in parts:
        text = clean_line(part)
        if text:
            # raw keeps the spaces clean-up squeezed (a title's word space).
            shown = part.strip()
            raw = shown if shown != text else None
            lines.append(Line(text=text, page=1, heading_level=level, bold=bold or None, raw=raw))
    return lines


def _split_joined_lines(body: str) -> list[str]:
    parts = _LABEL_JOIN.split(body)
    if len(parts) > 1:
        return [line for part in parts for line in _split_joined_lines(part)]
    tokens = body.split()
    for k in range(max(1, len(tokens) - MAX_DATE_TOKENS), len(tokens)):
        head, tail = " ".join(tokens[:k]), "".join(tokens[k:])
        if is_date_line(tail) and is_org_name(head):
            return [head, tail]
    m = _ADDRESSEES_JOIN.match(body)
    if m and is_addressee_end(m.group("head")) and looks_like_addressees(m.group("head")):
        return [m.group("head"), m.group("rest")]
    return [body]
