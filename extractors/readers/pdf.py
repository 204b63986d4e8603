"""Reader for born-digital gazette PDFs: text with positions and fonts, in reading order.

PyMuPDF gives lines with geometry; this module reports, from geometry alone, which lines sit in
the header or footer band (`Line.in_band`: layout decides what furniture they are), which span
the full width (titles, 文号, covering
text) and which sit in a column, and emits them in the order a person reads: full-width blocks
where they stand, and between them the left column before the right. Ruled tables are handed to
`extractors.readers.pdf_tables` and stand in the line stream as one placeholder each.

Takes bytes, not a path: extractors never touch the file system.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from extractors.forks import fork_map
from extractors.model import Diagnostic, Document, Line, Page, Source, TableGrid, TextSource
from extractors.readers.mupdf import pymupdf, release_memory
from extractors.readers.ocr_threads import shared_among
from extractors.readers.pdf_columns import (
    Gutter,
    Raw,
    better_gutter,
    find_gutter,
    in_reading_order,
    usual_gutter,
)
from extractors.readers.pdf_settings import PDF_SETTINGS as S
from extractors.readers.pdf_tables import (
    Rect,
    RuledTable,
    find_ruled_tables,
    has_grid,
    read_drawings,
)
from extractors.readers.pdf_text_layer import CID, UNMAPPED, OcrMode, ocr_reason
from extractors.textnorm import clean_line

# Where %%EOF must appear: within the last KiB (the PDF standard lets a little trail it).
EOF_TAIL = 1024


def _damage(data: bytes, repaired: bool) -> list[Diagnostic]:
    """Warnings that the file is damaged, so an issue read in part says so (`damaged_pdf`).

    A file cut short lacks its final %%EOF; a broken cross-reference table is rebuilt by
    MuPDF from the objects it finds (`is_repaired`). Either way what is read may be a part.
    """
    found = []
    if b"%%EOF" not in data[-EOF_TAIL:]:
        found.append("the file ends early (no %%EOF at its end): it was cut short")
    if repaired:
        found.append("MuPDF rebuilt its broken cross-reference table")
    return [
        Diagnostic("read", "warning", "damaged_pdf", f"damaged PDF, read in part: {why}")
        for why in found
    ]


class UnreadablePdf(Exception):
    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def read_pdf(data: bytes, source: Source, ocr: OcrMode = "auto", jobs: int = 1) -> Document:
    """Every page of the PDF as the page model. Raises UnreadablePdf for unusable files.

    `ocr`: auto reads by OCR the pages that need it (no text layer under an image, a garbage
    text layer), always every page, never none (see extractors.readers.pdf_text_layer).
    `jobs`: processes that scan a long file's pages (extractors.forks); the result is the same."""
    try:
        pdf = pymupdf.open(stream=data, filetype="pdf")
    except Exception as err:  # PyMuPDF raises its own and generic errors for broken files
        raise UnreadablePdf("corrupt_pdf", f"not a readable PDF ({err})") from err
    with pdf:
        try:
            # In the try: MuPDF opens a file cut short, then cannot count its pages (code=7).
            needs_pass, page_count = pdf.needs_pass, pdf.page_count
        except Exception as err:
            raise UnreadablePdf(
                "corrupt_pdf", f"not a readable PDF: damaged or cut short ({err})"
            ) from err
        if needs_pass:
            raise UnreadablePdf("encrypted_pdf", "the PDF is encrypted with a password")
        if page_count == 0:
            # A page tree with no pages is an empty PDF; no page tree at all is a broken file.
            if re.search(rb"/Type\s*/Pages", data):
                raise UnreadablePdf("empty_pdf", "the PDF has no pages")
            raise UnreadablePdf("corrupt_pdf", "not a readable PDF (no page tree found)")
        doc = Document(source=source, pages=[])
        doc.diagnostics.extend(_damage(data, pdf.is_repaired))
        scanned = _scan_pages(pdf, ocr, jobs)
    release_memory()
    for scan in scanned:
        scan.first_table = len(doc.tables)
        doc.tables.extend(scan.grids)
        doc.diagnostics.extend(scan.diagnostics)
    repeated = _repeated_band_texts(scanned)
    bodies = [_split_bands(scan, repeated) for scan in scanned]
    gutters = [
        find_gutter(body, scan.width) for scan, (_, body) in zip(scanned, bodies, strict=True)
    ]
    usual = [usual_gutter(gutters, side) for side in (2, 1)]  # even and odd pages' gutter
    for scan, (band, body), own in zip(scanned, bodies, gutters, strict=True):
        gutter = better_gutter(body, own, usual[scan.number % 2])
        doc.pages.append(_build_page(scan, band, body, gutter))
    _report_text_layer(doc, scanned)
    return doc


@dataclass
class _Scan:
    """What one pass over a page keeps: its lines with geometry, bands, tables."""

    number: int
    width: float
    height: float
    rotation: int
    raws: list[Raw]
    header_end: float
    footer_start: float
    tables: list[RuledTable]
    image_only: bool = False
    text_source: TextSource = "pdf_text"
    unmapped: int = 0  # characters of the text layer that map to no Unicode
    diagnostics: list[Diagnostic] = field(default_factory=list)
    first_table: int = 0  # index in Document.tables of this page's first table, once placed

    @property
    def grids(self) -> list[TableGrid]:
        n = self.number
        return [
            TableGrid(rows=t.rows, page_start=n, page_end=n, spans=t.spans) for t in self.tables
        ]


def _scan_pages(pdf: pymupdf.Document, ocr: OcrMode, jobs: int) -> list[_Scan]:
    """Each page scanned on its own (a page's scan depends on no other page), in `jobs`
    processes when the file is long enough to be worth it."""
    pages = range(pdf.page_count)
    if pdf.page_count < S.pages_per_job * 2:
        jobs = 1
    with shared_among(jobs):  # pages read by OCR: each process's engine takes its share
        return fork_map(lambda index: _scan_page(pdf, index, ocr), pages, jobs)


def _scan_page(pdf: pymupdf.Document, index: int, ocr: OcrMode) -> _Scan:
    number = index + 1
    try:
        page = pdf.load_page(index)
        # One text page and one read of the drawings serve the lines, the bands and tables.
        textpage = page.get_textpage(flags=pymupdf.TEXTFLAGS_TEXT)
        drawings = read_drawings(page)
        # A page ruled for a table reads its characters too: its lines come from that read.
        ruled = has_grid(drawings)
        blocks = page.get_text("rawdict" if ruled else "dict", textpage=textpage)["blocks"]
        raws, turn = _raw_lines(page, blocks)
        layer = "".join(r.text for r in raws)
        unmapped = len(UNMAPPED.findall(layer)) + len(CID.findall(layer))
        if ocr_reason(page, layer, ocr):
            return _ocr_page(page, number, unmapped)
    except Exception as err:  # one damaged page costs that page, not the file
        unreadable = Diagnostic("read", "error", "unreadable_page", f"page {number}: {err}", number)
        return _Scan(number, 0, 0, 0, [], 0, 0, [], diagnostics=[unreadable])
    width, height = page.rect.width, page.rect.height
    if turn is not None:
        width, height = height, width
    header_end, footer_start = _bands(height, width, [] if turn is not None else drawings.lines)
    tables = find_ruled_tables(page, turn, drawings, textpage, blocks if ruled else None)
    image_only = not raws and bool(page.get_images())
    rotation = page.rotation or (90 if turn is not None else 0)
    return _Scan(
        number,
        width,
        height,
        rotation,
        raws,
        header_end,
        footer_start,
        tables,
        image_only,
        unmapped=unmapped,
    )


def _ocr_page(page: pymupdf.Page, number: int, unmapped: int) -> _Scan:
    """The page read by OCR: the same raw lines, bands and tables a text layer gives."""
    from extractors.readers.ocr_text import UNSURE_SHOWN
    from extractors.readers.pdf_ocr import ocr_scan

    scan = ocr_scan(page)
    header_end, footer_start = _bands(scan.height, scan.width, scan.horizontal)
    diagnostics = []
    if scan.unsure:
        shown = "; ".join(scan.unsure[:UNSURE_SHOWN])
        diagnostics.append(
            Diagnostic(
                "read",
                "warning",
                "low_confidence_ocr",
                f"page {number}: {len(scan.unsure)} lines have characters OCR could not read "
                f"confidently, left out as □ (a 文号 or date there stays null): {shown}",
                number,
            )
        )
    rotation = (page.rotation + scan.turn) % 360
    return _Scan(
        number,
        scan.width,
        scan.height,
        rotation,
        scan.raws,
        header_end,
        footer_start,
        scan.tables,
        text_source="ocr",
        unmapped=unmapped,
        diagnostics=diagnostics,
    )


def _split_bands(scan: _Scan, repeated: set[str]) -> tuple[list[Line], list[Raw]]:
    band: list[Line] = []
    body: list[Raw] = []
    for raw in scan.raws:
        in_band = raw.y1 <= scan.header_end or raw.y0 >= scan.footer_start
        near_edge = _near_edge(raw, scan.height)
        if in_band or (near_edge and _band_key(raw.text) in repeated):
            band.append(_band_line(raw, scan.number))
        elif not any(_inside(raw, t.bbox) for t in scan.tables):
            body.append(raw)
    return band, body


def _build_page(scan: _Scan, band: list[Line], body: list[Raw], gutter: Gutter | None) -> Page:
    page = Page(
        index=scan.number,
        width=scan.width,
        height=scan.height,
        rotation=scan.rotation,
        text_source=scan.text_source,
    )
    placeholders = [
        (table.bbox[1], Line(text="", page=scan.number, kind="table", table=scan.first_table + k))
        for k, table in enumerate(scan.tables)
    ]
    page.lines = band + in_reading_order(body, scan.width, scan.number, placeholders, gutter)
    return page


def _raw_lines(
    page: pymupdf.Page, blocks: list[dict]
) -> tuple[list[Raw], Callable[[Rect], Rect] | None]:
    """Lines of the page from its "dict" or "rawdict" blocks, and when most text runs
    vertically (a table set sideways), the map that turns page rectangles into the reading
    orientation (lines come back already turned)."""
    found: list[tuple[Raw, tuple[int, int]]] = []
    # A page with /Rotate is read as shown: its text comes in unrotated coordinates.
    shown = page.rotation_matrix if page.rotation else None
    for block in blocks:
        for line in block.get("lines", []):
            texts = [_span_text(s) for s in line["spans"]]
            spans = [s for s, t in zip(line["spans"], texts, strict=True) if t.strip()]
            if not spans:
                continue
            text = "".join(texts)
            x0, y0, x1, y1 = pymupdf.Rect(line["bbox"]) * shown if shown else line["bbox"]
            size = max(s["size"] for s in spans)
            bold = any(s["flags"] & 16 or "bold" in s["font"].lower() for s in spans)
            dx, dy = line["dir"]
            if shown:  # turn the direction with the page (translation left out)
                dx, dy = dx * shown.a + dy * shown.c, dx * shown.b + dy * shown.d
            direction = (round(dx), round(dy))
            found.append((Raw(text, x0, y0, x1, y1, size, bold), direction))
    directions = Counter(d for _, d in found)
    main_dir = directions.most_common(1)[0][0] if directions else (1, 0)
    if main_dir not in ((0, -1), (0, 1)):
        return _merge_same_baseline([r for r, d in found if d == (1, 0)]), None
    turn = _turn(main_dir, page.rect.width, page.rect.height)
    turned = []
    for raw, d in found:
        if d == main_dir:
            x0, y0, x1, y1 = turn((raw.x0, raw.y0, raw.x1, raw.y1))
            turned.append(Raw(raw.text, x0, y0, x1, y1, raw.size, raw.bold))
    return _merge_same_baseline(turned), turn


def _span_text(span: dict) -> str:
    # "rawdict" gives a span's characters, "dict" their text.
    text = span.get("text")
    return text if text is not None else "".join(c["c"] for c in span["chars"])


def _turn(direction: tuple[int, int], width: float, height: float) -> Callable[[Rect], Rect]:
    if direction == (0, -1):  # text reads bottom to top: the reading top is the page's left

        def turn(r: Rect) -> Rect:
            return (height - r[3], r[0], height - r[1], r[2])

    else:  # reads top to bottom: the reading top is the page's right

        def turn(r: Rect) -> Rect:
            return (r[1], width - r[2], r[3], width - r[0])

    return turn


def _merge_same_baseline(raws: list[Raw]) -> list[Raw]:
    """Spans PyMuPDF split on one baseline with a small gap are one line of text."""
    raws = sorted(raws, key=lambda r: (round(r.y1), r.x0))
    merged: list[Raw] = []
    for raw in raws:
        prev = merged[-1] if merged else None
        same_line = (
            prev
            and abs(prev.y1 - raw.y1) < S.baseline_tolerance
            and (0 <= raw.x0 - prev.x1 < raw.size * S.join_gap)
        )
        if prev and same_line:
            gap = " " if raw.x0 - prev.x1 > raw.size * S.word_gap else ""
            merged[-1] = Raw(
                prev.text + gap + raw.text,
                prev.x0,
                min(prev.y0, raw.y0),
                raw.x1,
                max(prev.y1, raw.y1),
                max(prev.size, raw.size),
                prev.bold or raw.bold,
            )
        else:
            merged.append(raw)
    return merged


def _bands(height: float, width: float, rules: list[Rect]) -> tuple[float, float]:
    """Where the header band ends and the footer band starts; `rules` are the page's lines
    (drawn, or found on a scan's image), the rule under the running header among them."""
    header_end = height * S.header_share
    footer_start = height * (1 - S.footer_share)
    for x0, y0, x1, y1 in rules:
        horizontal = abs(y0 - y1) < S.header_rule_flatness and (
            abs(x1 - x0) > width * S.header_rule_min_width
        )
        if horizontal and y0 < height * S.edge_top_share:
            header_end = max(header_end, y0 + S.header_rule_clearance)
    return header_end, footer_start


def _near_edge(raw: Raw, height: float) -> bool:
    return raw.y1 <= height * S.edge_top_share or raw.y0 >= height * S.edge_bottom_share


def _band_line(raw: Raw, number: int) -> Line:
    return Line(
        text=clean_line(raw.text),
        page=number,
        in_band=True,
        bbox=(raw.x0, raw.y0, raw.x1, raw.y1),
        font_size=raw.size,
        bold=raw.bold,
    )


def _band_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _repeated_band_texts(scans: list[_Scan]) -> set[str]:
    """Texts (digits masked) printed near the top or bottom edge of many pages: furniture
    even where no rule marks the header band."""
    counts: Counter[str] = Counter()
    for scan in scans:
        keys = {_band_key(raw.text) for raw in scan.raws if _near_edge(raw, scan.height)}
        counts.update(keys)
    threshold = max(S.repeat_min_pages, len(scans) * S.repeat_share)
    return {key for key, n in counts.items() if n >= threshold}


def _inside(raw: Raw, bbox: tuple[float, float, float, float]) -> bool:
    cx, cy = (raw.x0 + raw.x1) / 2, (raw.y0 + raw.y1) / 2
    slack = S.table_box_slack
    return bbox[0] - slack <= cx <= bbox[2] + slack and bbox[1] - slack <= cy <= bbox[3] + slack


def _report_text_layer(doc: Document, scans: list[_Scan]) -> None:
    text = "".join(line.text for line in doc.lines())
    ocred = [s for s in scans if s.text_source == "ocr"]
    if not text.strip():
        reason = (
            "its pages are images and OCR found no text in them"
            if ocred
            else "the PDF has no text layer (a scan?): OCR is needed (--ocr auto)"
        )
        doc.diagnostics.append(Diagnostic("read", "error", "no_text_layer", reason))
        return
    broken = sum(s.unmapped for s in scans)
    if broken > max(S.broken_min, len(text) * S.broken_share):
        read_by_ocr = all(s.text_source == "ocr" for s in scans if s.unmapped)
        doc.diagnostics.append(
            Diagnostic(
                "read",
                "warning" if read_by_ocr else "error",
                "broken_text_layer",
                f"{broken} characters have no Unicode mapping ((cid:N) or private-use): the font's ToUnicode map is broken"
                + ("; those pages were read by OCR" if read_by_ocr else ""),
            )
        )
    image_only_pages = [s.number for s in scans if s.image_only]
    for number in image_only_pages:
        doc.diagnostics.append(
            Diagnostic(
                "read",
                "warning",
                "image_only_page",
                f"page {number} has images but no text",
                number,
            )
        )
