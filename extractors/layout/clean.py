"""Clean layout: page furniture, page labels, pages for sources that lost them, reading order.

Input and output are the page model. After this stage every line knows whether it is body
text or furniture (running header, section label, page number), pages carry their printed
labels where one was seen, and the header block of a notice stands before its body.
"""

from __future__ import annotations

from extractors.layout.furniture import mark_furniture
from extractors.layout.pages import (
    label_pages,
    paginate_at_section_labels,
    split_pages_at_running_headers,
)
from extractors.layout.reading_order import move_enclosed_titles_to_page_top, repair_header_order
from extractors.model import Document
from extractors.tables import find_column_major_tables


def clean_layout(doc: Document, in_reading_order: bool = False) -> Document:
    """Every layout repair the source's format needs, in order.

    in_reading_order: the text is known to be in reading order (a crawler's text of a web
    page, taken from the page's DOM): the repairs for a PDF extractor's column order would
    only move its lines.
    """
    mark_furniture(doc)
    if doc.source.format == "markdown":
        doc = paginate_at_section_labels(doc)
    if doc.source.format == "text":
        doc = split_pages_at_running_headers(doc)
        if not in_reading_order:
            for page in doc.pages:
                repair_header_order(page)
            move_enclosed_titles_to_page_top(doc)
        _collapse_column_major_tables(doc)
    label_pages(doc)
    return doc


def _collapse_column_major_tables(doc: Document) -> None:
    """Tables a text dump wrote one cell per line, column by column, become one table each:
    their cells leave the body text and a placeholder keeps their place in reading order.
    The placeholder carries the caption, so a listed attachment title can still be found."""
    body = [line for line in doc.lines() if line.kind == "body"]
    found = find_column_major_tables(
        [line.raw or line.text for line in body], [line.page for line in body]
    )
    drop: set[int] = set()
    for start, end, grid in found:
        doc.tables.append(grid)
        first = body[start]
        first.kind, first.table, first.text = "table", len(doc.tables) - 1, grid.caption or ""
        drop.update(id(line) for line in body[start + 1 : end])
    for page in doc.pages:
        page.lines = [line for line in page.lines if id(line) not in drop]
