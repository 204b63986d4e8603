"""The page model every reader produces, and the plain records later stages pass along.

Plain dataclasses, no I/O: a PDF, a text dump and a converter's Markdown differ only in the
reader that builds a `Document`; layout, segmentation and extraction see this model alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SourceFormat = Literal["pdf", "text", "markdown", "html"]
Severity = Literal["error", "warning", "info"]

# What layout decided a line is. Readers start every text line as "body" (and mark tables and
# rules); layout reclassifies furniture. A converter's heading is `Line.heading_level`.
LineKind = Literal[
    "body",
    "running_header",  # 泸州市人民政府公报2024年 第9/10期
    "section_label",  # 市政府文件 / 市政府办公室文件 / 部门文件 printed in the header band
    "page_number",
    "colophon",  # the back cover's imprint: 编印单位 … 地址 … 印刷时间 … 开本
    "figure_label",  # text drawn inside a chart: axis labels, bar values
    "table",  # placeholder standing where a table sits in reading order
    "rule",  # horizontal rule / separator
]


@dataclass(frozen=True)
class Source:
    path: str
    sha256: str
    format: SourceFormat
    size: int = 0


@dataclass
class Diagnostic:
    stage: str  # read | layout | segment | extract | validate | write
    severity: Severity
    code: str  # short, stable, machine-readable: empty_file, toc_mismatch, ...
    message: str
    page: int | None = None


@dataclass
class TableGrid:
    """A table as rows of cell texts; spans are filled in by the tables stage."""

    rows: list[list[str]]
    page_start: int
    page_end: int
    caption: str | None = None
    header_rows: int = 0
    # Merged cells as (row, col, row_span, col_span), anchored at their top-left cell; the
    # cells they cover hold "". Readers that see rulings fill this; others leave it empty.
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)


@dataclass
class Line:
    text: str
    page: int  # 1-based index of the page in the source (not the printed label)
    kind: LineKind = "body"
    bbox: tuple[float, float, float, float] | None = None
    font_size: float | None = None
    bold: bool | None = None
    heading_level: int | None = None  # Markdown `#` depth: a hint, never the structure
    table: int | None = None  # index into Document.tables when kind == "table"
    # The reader saw where the line stopped: True when it runs to the column edge, so the
    # paragraph continues on the next line. None where the source does not say.
    wrapped: bool | None = None
    # The line as the source gave it, before clean-up; kept where spacing still carries meaning
    # (a table a text dump wrote one cell per line keeps its cells apart with spaces).
    raw: str | None = None
    # Printed in the page's header or footer band (PDF geometry: above the rule under the
    # running header, or near the edge and repeated on many pages). Layout decides what it is.
    in_band: bool = False
    # OCR'd lines: the recogniser's mean confidence over the line's characters (0–1). None
    # for text a file carried.
    confidence: float | None = None
    # Index of the source line the reader made it from (0-based, in the text it was given);
    # None where the reader does not say. A long text dump is extracted in sections, and the
    # next section starts at the source line of the last notice's first line
    # (extractors/sections.py). Not compared: two lines equal in content stay equal.
    source_line: int | None = field(default=None, compare=False)


# Where a page's text came from: the PDF's own text layer, or OCR of the page image. None for
# sources that are text already (text dumps, Markdown, HTML).
TextSource = Literal["pdf_text", "ocr"]


@dataclass
class Page:
    index: int  # 1-based
    label: str | None = None  # printed page number, when one was seen
    lines: list[Line] = field(default_factory=list)
    width: float | None = None
    height: float | None = None
    rotation: int | None = None
    text_source: TextSource | None = None


@dataclass
class Document:
    source: Source
    pages: list[Page]
    tables: list[TableGrid] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in page.lines]
