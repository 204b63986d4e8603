"""Tables in converter Markdown: tab-separated rows, GFM pipe tables and HTML `<table>` blocks.

Converters write the same printed table three ways. The samples' converter writes one
tab-separated row per line; pymupdf4llm, docling, marker and markitdown write GFM pipe tables
(`<br>` for a line break inside a cell, `\\|` for a literal bar, merged cells left empty);
MinerU writes HTML tables with rowspan/colspan. All three become the same `TableGrid` the
tables stage stitches, repairs and types; nothing here decides what a table holds.

Converter habits undone here, because only the Markdown shows them (PyMuPDF's filled grids
in `filled_grids`):
- a table cut by a page break whose second part lost its header: the converter writes a new
  table whose header row is a data row (`| 第375条第2款 … | … |` over `|---|---|`). When it
  follows a table of the same width with nothing but blank lines, comments or page furniture
  between, and its first row reads as no header, it continues that table.
- false tables: markitdown turns justified lines with wide gaps into pipe tables whose cells
  are pieces of one printed line (`| 知》（国发〔2018〕41 | 号）、《国务院关于… |`). Such a
  table is read back as text lines, one per row.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from selectolax.lexbor import LexborHTMLParser, LexborNode

from extractors.model import TableGrid
from extractors.readers.filled_grids import repair_filled_grid
from extractors.readers.html_tables import table_grid
from extractors.readers.markdown_math import plain_math
from extractors.tables.headers import count_header_rows
from extractors.textnorm import clean_line, squeeze_near_cjk, unescape_markdown

Rows = list[list[str]]

# --- cell text -------------------------------------------------------------------------------

# Paragraph and list-item boundaries inside a cell stay line breaks ("\n"), as in every reader.
_PARAGRAPH_TAG = re.compile(r"</p>\s*<p>|</li>\s*<li>", re.I)
# `<br>` is where the converter saw a printed line end inside the cell (pymupdf4llm writes one
# at every wrap): the lines are joined as the PDF reader joins a cell's printed lines.
_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
_WRAP = "\x00"
_TAG = re.compile(r"<[^>]+>")


def cell_text(cell: str) -> str:
    """A Markdown cell's text: paragraphs on their own lines, wrapped lines joined, markup and
    TeX removed."""
    cell = _BREAK_TAG.sub(_WRAP, _PARAGRAPH_TAG.sub("\n", cell))
    cell = html.unescape(_TAG.sub("", cell))
    return _clean_paragraphs(cell, markdown=True)


def _clean_paragraphs(text: str, markdown: bool) -> str:
    paragraphs = []
    for paragraph in text.split("\n"):
        parts = []
        for part in paragraph.split(_WRAP):
            part = plain_math(part)
            if markdown:
                part = unescape_markdown(part)
            part = clean_line(part)
            if part:
                parts.append(part)
        joined = squeeze_near_cjk("".join(parts)) if len(parts) > 1 else "".join(parts)
        if joined:
            paragraphs.append(joined)
    return "\n".join(paragraphs)


# --- GFM pipe tables -------------------------------------------------------------------------

# A pipe-table row as converters write it: opens with a bar and holds at least one more.
_PIPE_ROW = re.compile(r"^\s*\|.*\|")
_DELIMITER_CELL = re.compile(r"^\s*:?-+:?\s*$")


def is_pipe_row(line: str) -> bool:
    return bool(_PIPE_ROW.match(line))


def split_pipe_row(line: str) -> list[str]:
    """The raw cells of one pipe row; `\\|` is a bar inside a cell, not a boundary."""
    s = line.strip()
    s = s[1:] if s.startswith("|") else s
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    cells: list[str] = []
    buf: list[str] = []
    i = 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s) and s[i + 1] == "|":
            buf.append("|")
            i += 2
            continue
        if s[i] == "|":
            cells.append("".join(buf))
            buf = []
        else:
            buf.append(s[i])
        i += 1
    cells.append("".join(buf))
    return cells


def is_delimiter_row(line: str) -> bool:
    """`|---|:---:|`: the line under a GFM header (converters also write it mid-table)."""
    if not is_pipe_row(line):
        return False
    cells = split_pipe_row(line)
    return bool(cells) and all(_DELIMITER_CELL.match(c) for c in cells)


def starts_pipe_table(lines: list[str], i: int) -> bool:
    """A GFM table starts at line i: a pipe row directly over a delimiter row."""
    return (
        i + 1 < len(lines)
        and is_pipe_row(lines[i])
        and not is_delimiter_row(lines[i])
        and is_delimiter_row(lines[i + 1])
    )


def pipe_segments(block: list[str]) -> list[Rows]:
    """A run of pipe lines cut at its delimiter rows: each segment's first row stood over one."""
    segments: list[Rows] = []
    rows: Rows = []
    for k, line in enumerate(block):
        if is_delimiter_row(line):
            continue
        opens_segment = k + 1 < len(block) and is_delimiter_row(block[k + 1])
        if opens_segment and rows:
            segments.append(rows)
            rows = []
        rows.append([cell_text(c) for c in split_pipe_row(line)])
    if rows:
        segments.append(rows)
    return [repair_filled_grid(_pad(s)) for s in segments]


def _pad(rows: Rows) -> Rows:
    n = max((len(r) for r in rows), default=0)
    return [r + [""] * (n - len(r)) for r in rows]


def continues_without_header(previous: Rows, rows: Rows) -> bool:
    """`rows` is the rest of `previous` after a page break that dropped the header: same
    width, a header above, and its own first row is data, not a (repeated) header."""
    if not previous or not rows or len(previous[0]) != len(rows[0]):
        return False
    return count_header_rows(previous) > 0 and count_header_rows(rows) == 0


# --- false tables ----------------------------------------------------------------------------

# A row is a piece of running text when reading its cells in order mends what the cell
# boundaries cut: a number and its counter (860 | 号, 2019 年 1 | 月 1 日), or a bracket opened
# in one cell and closed in a later one.
_NUMBER_END = re.compile(r"\d$")
_COUNTER_START = re.compile(r"^[号年月日条款项期]")
_OPEN_TO_CLOSE = {"（": "）", "(": ")", "《": "》", "〔": "〕", "[": "]", "【": "】", "“": "”"}
_CLOSERS = set(_OPEN_TO_CLOSE.values())
# A table is text when at least this share of its rows are such pieces.
MIN_PROSE_ROW_SHARE = 0.5


def _cuts_a_token(cells: list[str]) -> bool:
    filled = [c.strip() for c in cells if c.strip()]
    for a, b in zip(filled, filled[1:], strict=False):
        if _NUMBER_END.search(a) and _COUNTER_START.match(b):
            return True
    stack: list[tuple[str, int]] = []
    for k, cell in enumerate(filled):
        for ch in cell:
            if ch in _OPEN_TO_CLOSE:
                stack.append((_OPEN_TO_CLOSE[ch], k))
            elif ch in _CLOSERS and stack and stack[-1][0] == ch and stack.pop()[1] < k:
                return True
    return False


def is_prose_table(rows: Rows) -> bool:
    """The table's rows are pieces of printed lines, not cells: a converter's false table."""
    filled = [r for r in rows if any(c.strip() for c in r)]
    if not filled:
        return False
    pieces = sum(1 for r in filled if _cuts_a_token(r))
    return pieces >= MIN_PROSE_ROW_SHARE * len(filled)


def prose_lines(rows: Rows) -> list[str]:
    """Each row of a false table as the printed line it was cut from."""
    lines = []
    for row in rows:
        text = clean_line(" ".join(c.replace("\n", " ") for c in row if c.strip()))
        if text:
            lines.append(text)
    return lines


# --- HTML tables (MinerU) --------------------------------------------------------------------

_TABLE_OPEN = re.compile(r"<table\b", re.I)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)
_HTML_PARAGRAPH_TAGS = frozenset({"p", "div", "li", "tr"})


def opens_html_table(line: str) -> bool:
    return bool(_TABLE_OPEN.search(line))


def html_block_end(lines: list[str], i: int) -> int:
    """The index after the line that closes the `<table>` opened on line i (nesting counted)."""
    depth = 0
    for j in range(i, len(lines)):
        depth += len(_TABLE_OPEN.findall(lines[j])) - len(_TABLE_CLOSE.findall(lines[j]))
        if depth <= 0:
            return j + 1
    return len(lines)


def split_html_block(lines: list[str]) -> tuple[str, str, str]:
    """The text before the first `<table`, the markup, and the text after the last `</table>`
    of a block (a caption a converter wrote on the table's own line stays a text line)."""
    block = "\n".join(lines)
    start = _TABLE_OPEN.search(block)
    closes = list(_TABLE_CLOSE.finditer(block))
    if start is None or not closes:
        return "", block, ""
    end = closes[-1].end()
    return block[: start.start()], block[start.start() : end], block[end:]


def html_table_grids(markup: str) -> list[TableGrid]:
    """Every outermost `<table>` of an HTML block, rowspan/colspan resolved by the HTML
    reader's one grid builder."""
    tree = LexborHTMLParser(markup)
    outer = [t for t in tree.css("table") if not _inside_table(t)]
    return [table_grid(t, html_cell_text) for t in outer]


def _inside_table(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == "table":
            return True
        parent = parent.parent
    return False


def html_cell_text(cell: LexborNode) -> str:
    """An HTML cell's text: `<p>`, `<li>` and `<div>` as line breaks, `<br>` as a printed
    line end, cleaned like a pipe cell."""
    parts: list[str] = []
    _collect(cell, parts.append)
    return _clean_paragraphs("".join(parts), markdown=False)


def _collect(node: LexborNode, emit: Callable[[str], None]) -> None:
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            emit(child.text(deep=False) or "")
        elif tag in ("-comment", "script", "style"):
            continue
        elif tag == "br":
            emit(_WRAP)
        elif tag in _HTML_PARAGRAPH_TAGS:
            emit("\n")
            _collect(child, emit)
            emit("\n")
        else:
            _collect(child, emit)
