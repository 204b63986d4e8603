"""A long text source read in sections, so memory is bounded by a section, not by the file.

A text dump or converter Markdown of many issues (a year of a gazette in one file: 200 MB,
five million lines) cannot be held whole as a page model and its rows. It is read
SECTION_LINES source lines at a time; each section is read, laid out and segmented on its
own, and keeps the notices that end inside it. The last notice may go on past the section,
so it is not kept: the next section starts at its first source line (`Line.source_line`),
so that notice is read whole, once, with the lines that follow it. Pages are numbered across
the file, notices keep one sequence.

What a section cannot see: layout learns furniture (running headers, section labels) from
repetition inside the section, and a document longer than MAX_SECTION_FACTOR × SECTION_LINES source lines
(no gazette prints one) is cut where the section ends, with a diagnostic. A source of at most
SECTION_LINES lines is one section, read exactly as it always was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice

from extractors.layout.clean import clean_layout
from extractors.model import Diagnostic, Document, Source
from extractors.segmentation.segment import NoticeBlock, Segmented, segment

# Source lines read before a section is extracted: 100,000 lines of a two-column dump are
# about 4 MB and 900 pages, several whole issues (a 300-page issue is ~35,000 lines), and
# peak memory of a section is ~60 MB.
SECTION_LINES = 100_000
# A section that has not closed a notice after this many times SECTION_LINES is cut there.
MAX_SECTION_FACTOR = 4

Reader = Callable[[str, Source], Document]


@dataclass
class Section:
    doc: Document  # laid out; page indices count from the file's first page
    segmented: Segmented  # the notices this section keeps, numbered across the file
    first: bool  # the file's first section: its front matter is the issue's
    diagnostics: list[Diagnostic]


def read_sections(
    lines: Iterable[str],
    source: Source,
    read: Reader,
    section_lines: int | None = None,
    max_section_lines: int | None = None,
) -> Iterator[Section]:
    """The sections of a text source given as its lines (without line ends)."""
    section_lines = section_lines or SECTION_LINES
    limit = max_section_lines or MAX_SECTION_FACTOR * section_lines
    source_lines = iter(lines)
    carry: list[str] = []
    page_offset = 0  # pages of the file before this section's first page
    seq = 0  # notices kept so far
    first = True
    resume = 0  # source line (in the section) where the carried notice begins
    while True:
        buffer = carry
        # Every section reads SECTION_LINES new lines, however long the carried notice is.
        wanted = len(carry) + section_lines
        while True:
            want = wanted - len(buffer)
            got = list(islice(source_lines, want))
            buffer.extend(got)
            at_end = len(got) < want
            doc = _laid_out(buffer, source, read, page_offset)
            segmented = segment(doc)
            # Notices wholly inside the carried page's part before the cut were kept already.
            notices = [b for b in segmented.notices if _last_source_line(b) >= resume]
            cut = None if at_end else _last_notice_start(doc, notices)
            if at_end or cut is not None or len(buffer) >= limit:
                break
            wanted += section_lines  # no notice closed before the last one's page: read on
        diagnostics: list[Diagnostic] = []
        if cut is not None:
            page_start, start, page = cut
            kept = notices[:-1]
            carry = buffer[page_start:]
            resume = start - page_start
            next_offset = page - 1  # the next section starts with this page
        else:
            kept = notices
            carry = []
            resume = 0
            next_offset = doc.pages[-1].index if doc.pages else page_offset
            if not at_end and notices:
                diagnostics.append(_cut_diagnostic(limit, doc))
        blocks = [replace(block, seq=seq + n) for n, block in enumerate(kept, start=1)]
        seq += len(blocks)
        front = segmented.front_matter if first else []
        yield Section(doc, Segmented(front_matter=front, notices=blocks), first, diagnostics)
        first = False
        page_offset = next_offset
        if at_end:
            return


def _laid_out(buffer: list[str], source: Source, read: Reader, page_offset: int) -> Document:
    doc = clean_layout(read("\n".join(buffer), source))
    if page_offset:
        for page in doc.pages:
            page.index += page_offset
            for line in page.lines:
                line.page += page_offset
        for table in doc.tables:
            table.page_start += page_offset
            table.page_end += page_offset
    return doc


def _last_notice_start(doc: Document, notices: list[NoticeBlock]) -> tuple[int, int, int] | None:
    """Where the next section starts, when there are two or more notices: (the first source
    line of the page the last notice begins on, the notice's first source line, that page).
    The whole page is carried, so it is laid out again with its running header and label.
    None when there is no earlier notice to keep (the section must grow, or be cut)."""
    if len(notices) < 2:
        return None
    placed = [line for line in notices[-1].lines if line.source_line is not None]
    if not placed:
        return None
    first = min(placed, key=lambda line: line.source_line or 0)
    page = next((p for p in doc.pages if p.index == first.page), None)
    on_page = (
        [line.source_line for line in page.lines if line.source_line is not None] if page else []
    )
    start = first.source_line or 0
    page_start = min([start, *on_page])
    if not page_start:
        return None
    return page_start, start, first.page


def _last_source_line(block: NoticeBlock) -> int:
    return max(
        (line.source_line for line in block.lines if line.source_line is not None), default=0
    )


def _cut_diagnostic(limit: int, doc: Document) -> Diagnostic:
    return Diagnostic(
        "segment",
        "warning",
        "section_cut",
        f"no document ends within {limit} source lines: the text was cut there and the "
        "document that spans the cut is read in two parts",
        doc.pages[-1].index if doc.pages else None,
    )
