"""A second, independent gazette layout engine: the held-out PDFs the reader was not tuned on.

tests/pdfgen sets every glyph itself; this package hands the same structured content
(tests/fixtures/pdf_content/*.json, read with `tests.pdfgen.load_content`) to MuPDF's HTML/CSS
layout engine, `pymupdf.Story`, and keeps only the page plan to itself:

- font: WenQuanYi Micro Hei (Debian's fonts-wqy-microhei), loaded through CSS @font-face from
  a `pymupdf.Archive`; PyMuPDF's built-in CJK font only when that file is missing. No bold
  face: titles stand out by size alone, as a 小标宋 title does.
- geometry: 16开 (185 × 260 mm) pages with mirrored margins, two 10 pt columns 16 pt apart,
  line breaking and (space-only) justification by MuPDF, so CJK lines end ragged.
- every notice starts a new page: title lines and 文号 centred across both columns, covering
  text across the block or in the columns, signature and date flush right, the body flowed
  down the left column then the right with `Story.place()`; columns are balanced (by
  bisection on their height) only where a table or chart follows on the same page.
- tables are HTML <table>s with collapsed 0.6 pt borders (MuPDF draws each border as a thin
  filled rectangle), rowspan / colspan for merged cells, column widths chosen by MuPDF; a
  table longer than the page is cut between row groups into one table per page, each with
  the header rows again. Landscape attachments get a landscape MediaBox; "rotated" ones are
  laid out landscape and drawn on an upright page turned clockwise (text reads top to bottom).
- a chart is an SVG image; running headers (gazette name, issue and 总第N期 on even pages,
  the section label on odd pages, over a rule) and `— N —` footers at the outer corner are
  stories drawn after the page's content; the cover counts as page 1, so the first notice is
  on page 3.
- the 目录 is laid out after a first pass has placed the body: 文号 lines end in "…" leaders
  and the real page number.

    from tests.pdfgen import load_content
    from tests.pdfgen_story import build_issue_pdf
    pdf = build_issue_pdf(load_content("luzhou_2024_12"))

    python -m tests.pdfgen_story OUT_DIR   # one PDF per content file

Same content gives identical bytes (fixed metadata dates, no document id).
"""

from __future__ import annotations

from .engine import StoryLayout, build
from .markup import font_source

__all__ = ["StoryLayout", "build_issue_layout", "build_issue_pdf", "font_source"]


def build_issue_pdf(content: dict) -> bytes:
    return build(content)[0]


def build_issue_layout(content: dict) -> tuple[bytes, StoryLayout]:
    """The PDF and where its notices and page numbers ended up."""
    return build(content)
