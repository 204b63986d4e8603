"""Reader for Markdown that a PDF-to-Markdown converter made of a gazette.

The converter's structure is a guess: `#` headings are kept only as a hint (heading_level),
list markers and bold are dropped, tab-separated rows become tables. The converter marks no
page breaks, so the whole file is read as one page; layout re-paginates where it can.
"""

from __future__ import annotations

import html
import re

from extractors.model import Document, Line, Page, Source, TableGrid
from extractors.textnorm import clean_line, unescape_markdown

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_RULE = re.compile(r"^\s*(-{3,}|\*{3,}|_{3,})\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?=\S)")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_BLOCK_TAG = re.compile(r"</p>\s*<p>|<br\s*/?>|</li>\s*<li>", re.I)
_TAG = re.compile(r"<[^>]+>")


def read_markdown(text: str, source: Source) -> Document:
    page = Page(index=1)
    tables: list[TableGrid] = []
    rows: list[list[str]] = []

    def flush_table() -> None:
        if rows:
            tables.append(TableGrid(rows=list(rows), page_start=1, page_end=1))
            page.lines.append(Line(text="", page=1, kind="table", table=len(tables) - 1))
            rows.clear()

    for raw in text.split("\n"):
        if "\t" in raw and raw.strip():
            rows.append([_cell_text(cell) for cell in raw.split("\t")])
            continue
        flush_table()
        line = _line_from_markdown(raw)
        if line is not None:
            page.lines.append(line)
    flush_table()
    return Document(source=source, pages=[page], tables=tables)


def _line_from_markdown(raw: str) -> Line | None:
    if not raw.strip():
        return None
    if _RULE.match(raw):
        return Line(text="", page=1, kind="rule")
    level = None
    body = raw
    heading = _HEADING.match(raw.strip())
    if heading:
        level, body = len(heading.group(1)), heading.group(2)
    body = _LIST_ITEM.sub("", body)
    bold = bool(_BOLD.search(body))
    body = _BOLD.sub(lambda m: m.group(1) or m.group(2), body)
    # Autolinks (<http://…>) are content; other tags are converter markup.
    body = re.sub(r"<(https?://[^>]+)>", r"\1", body)
    body = clean_line(unescape_markdown(_TAG.sub("", body)))
    if not body:
        return None
    return Line(text=body, page=1, heading_level=level, bold=bold or None)


def _cell_text(cell: str) -> str:
    cell = _BLOCK_TAG.sub("\n", cell)
    cell = html.unescape(_TAG.sub("", cell))
    parts = [clean_line(unescape_markdown(part)) for part in cell.split("\n")]
    return "\n".join(p for p in parts if p)
