"""Pages where the source lost them, and the printed label of every page."""

from __future__ import annotations

from bisect import bisect_left

from extractors.model import Document, Line, Page
from extractors.patterns import PAGE_NUMBER
from extractors.segmentation.headers import (
    is_anchor_line,
)


def paginate_at_section_labels(doc: Document) -> Document:
    """The converter drops page breaks but repeats the section label at each: break there."""
    pages: list[Page] = [Page(index=1)]
    # Section headings inside the 目录 are not page breaks: only those after the first notice.
    notice_seen = False
    table_pages: dict[int, int] = {}
    for page in doc.pages:
        for line in page.lines:
            if (
                line.kind == "section_label"
                and line.heading_level
                and pages[-1].lines
                and notice_seen
            ):
                pages.append(Page(index=len(pages) + 1))
            line.page = pages[-1].index
            pages[-1].lines.append(line)
            notice_seen = notice_seen or is_anchor_line(line.text)
            if line.kind == "table" and line.table is not None:
                table_pages.setdefault(line.table, line.page)
    # One pass, a dict: a search per table made long Markdown dumps quadratic (issue 15).
    for index, table in enumerate(doc.tables):
        table.page_start = table.page_end = table_pages.get(index, 1)
    doc.pages = pages
    return doc


def split_pages_at_running_headers(doc: Document) -> Document:
    """A running header whose printed number breaks the page sequence starts a new page.

    Text dumps mark pages with a leading space, which the extractor sometimes omits; the
    running header (page number + gazette name) then shows where the page really began.
    """
    expected: int | None = None
    pages: list[Page] = []
    for page in doc.pages:
        current = Page(index=0, lines=[])
        pages.append(current)
        if expected is not None:
            expected += 1
        for i, line in enumerate(page.lines):
            number = _page_number_at(page.lines, i)
            if (
                number is not None
                and expected is not None
                and number == expected + 1
                and current.lines
            ):
                current = Page(index=0, lines=[])
                pages.append(current)
                expected = number
            elif number is not None and expected is None:
                expected = number
            current.lines.append(line)
    for index, page in enumerate(pages, start=1):
        page.index = index
        for line in page.lines:
            line.page = index
    doc.pages = pages
    return doc


def _page_number_at(lines: list[Line], i: int) -> int | None:
    """The printed page number if lines[i] opens a header group (number + running header)."""
    line = lines[i]
    if line.kind != "page_number":
        return None
    m = PAGE_NUMBER.match(line.text)
    return int(m.group(1)) if m else None


def label_pages(doc: Document) -> None:
    """Printed labels from page-number lines, carried to unlabelled pages by position."""
    seen: dict[int, int] = {}
    for page in doc.pages:
        for line in page.lines:
            if line.kind == "page_number":
                m = PAGE_NUMBER.match(line.text)
                if m:
                    seen.setdefault(page.index, int(m.group(1)))
    if not seen or doc.source.format == "markdown":
        return
    anchors = sorted(seen.items())
    indexes = [index for index, _ in anchors]
    for page in doc.pages:
        nearest = _nearest(anchors, indexes, page.index)
        label = nearest[1] + (page.index - nearest[0])
        if label > 0:
            page.label = str(label)


def _nearest(anchors: list[tuple[int, int]], indexes: list[int], index: int) -> tuple[int, int]:
    """The anchor whose page is nearest to `index`, the earlier one on a tie: a bisection,
    not a scan of every anchor for every page (pages × anchors on a long dump)."""
    pos = bisect_left(indexes, index)
    if pos == 0:
        return anchors[0]
    if pos == len(anchors):
        return anchors[-1]
    before, after = anchors[pos - 1], anchors[pos]
    return before if index - before[0] <= after[0] - index else after
