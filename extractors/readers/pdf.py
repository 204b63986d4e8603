"""Reader for born-digital gazette PDFs: text with positions and fonts, in reading order.

PyMuPDF gives lines with geometry; this module decides, from geometry alone, which lines are
page furniture (header band, footer band), which span the full width (titles, 文号, covering
text) and which sit in a column, and emits them in the order a person reads: full-width blocks
where they stand, and between them the left column before the right. Ruled tables are handed to
`extractors.readers.pdf_tables` and stand in the line stream as one placeholder each.

Takes bytes, not a path: extractors never touch the file system.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import pymupdf

from extractors.layout.furniture import is_section_label
from extractors.model import Diagnostic, Document, Line, Page, Source, TableGrid
from extractors.patterns import PAGE_NUMBER
from extractors.readers.pdf_settings import PDF_SETTINGS as S
from extractors.readers.pdf_tables import Rect, RuledTable, find_ruled_tables
from extractors.textnorm import clean_line

# Glyphs without a Unicode mapping come out as private-use code points, U+FFFD or NUL.
_UNMAPPED = re.compile(r"[\ue000-\uf8ff\ufffd\x00]")
_CID = re.compile(r"\(cid:\d+\)")


class UnreadablePdf(Exception):
    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


@dataclass
class _Raw:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    bold: bool


def read_pdf(data: bytes, source: Source) -> Document:
    """Every page of the PDF as the page model. Raises UnreadablePdf for unusable files."""
    try:
        pdf = pymupdf.open(stream=data, filetype="pdf")
    except Exception as err:  # PyMuPDF raises its own and generic errors for broken files
        raise UnreadablePdf("corrupt_pdf", f"not a readable PDF ({err})") from err
    with pdf:
        if pdf.needs_pass:
            raise UnreadablePdf("encrypted_pdf", "the PDF is encrypted with a password")
        if pdf.page_count == 0:
            # A page tree with no pages is an empty PDF; no page tree at all is a broken file.
            if re.search(rb"/Type\s*/Pages", data):
                raise UnreadablePdf("empty_pdf", "the PDF has no pages")
            raise UnreadablePdf("corrupt_pdf", "not a readable PDF (no page tree found)")
        doc = Document(source=source, pages=[])
        scanned = [_scan_page(pdf, index, doc) for index in range(pdf.page_count)]
    repeated = _repeated_band_texts(scanned)
    bodies = [_split_furniture(scan, repeated) for scan in scanned]
    gutters = [_gutter(body, scan.width) for scan, (_, body) in zip(scanned, bodies, strict=True)]
    for scan, (furniture, body), own in zip(scanned, bodies, gutters, strict=True):
        gutter = _better_gutter(body, own, _usual_gutter(gutters, scan.number))
        doc.pages.append(_build_page(scan, furniture, body, gutter))
    _report_text_layer(doc, [s.number for s in scanned if s.image_only])
    return doc


@dataclass
class _Scan:
    """What one pass over a page keeps: its lines with geometry, bands, tables."""

    number: int
    width: float
    height: float
    rotation: int
    raws: list[_Raw]
    header_end: float
    footer_start: float
    tables: list[RuledTable]
    first_table: int  # index in Document.tables of this page's first table
    image_only: bool = False


def _scan_page(pdf: pymupdf.Document, index: int, doc: Document) -> _Scan:
    number = index + 1
    try:
        page = pdf.load_page(index)
        raws, turn = _raw_lines(page)
    except Exception as err:  # one damaged page costs that page, not the file
        doc.diagnostics.append(
            Diagnostic("read", "error", "unreadable_page", f"page {number}: {err}", number)
        )
        return _Scan(number, 0, 0, 0, [], 0, 0, [], len(doc.tables))
    width, height = page.rect.width, page.rect.height
    if turn is not None:
        width, height = height, width
    header_end, footer_start = _bands(page, height, turned=turn is not None)
    tables = find_ruled_tables(page, turn)
    first = len(doc.tables)
    for table in tables:
        doc.tables.append(
            TableGrid(rows=table.rows, page_start=number, page_end=number, spans=table.spans)
        )
    image_only = not raws and bool(page.get_images())
    rotation = page.rotation or (90 if turn is not None else 0)
    return _Scan(
        number, width, height, rotation, raws, header_end, footer_start, tables, first, image_only
    )


def _split_furniture(scan: _Scan, repeated: set[str]) -> tuple[list[Line], list[_Raw]]:
    furniture: list[Line] = []
    body: list[_Raw] = []
    for raw in scan.raws:
        in_band = raw.y1 <= scan.header_end or raw.y0 >= scan.footer_start
        near_edge = _near_edge(raw, scan.height)
        if in_band or (near_edge and _band_key(raw.text) in repeated):
            furniture.append(_furniture_line(raw, scan.number))
        elif not any(_inside(raw, t.bbox) for t in scan.tables):
            body.append(raw)
    return furniture, body


def _build_page(
    scan: _Scan, furniture: list[Line], body: list[_Raw], gutter: Gutter | None
) -> Page:
    page = Page(index=scan.number, width=scan.width, height=scan.height, rotation=scan.rotation)
    placeholders = [
        (table.bbox[1], Line(text="", page=scan.number, kind="table", table=scan.first_table + k))
        for k, table in enumerate(scan.tables)
    ]
    page.lines = furniture + _in_reading_order(body, scan.width, scan.number, placeholders, gutter)
    return page


def _usual_gutter(gutters: list[Gutter | None], number: int) -> Gutter | None:
    """The gutter most pages of the same side (odd or even: margins mirror) have."""
    same_side = [g for n, g in enumerate(gutters, start=1) if g and n % 2 == number % 2]
    if not same_side:
        return None
    return Counter((round(a), round(b)) for a, b in same_side).most_common(1)[0][0]


def _better_gutter(body: list[_Raw], own: Gutter | None, usual: Gutter | None) -> Gutter | None:
    """The page's own gutter, or the document's usual one where that fits the page as well: a
    page whose second column holds a few lines only (a signature, the end of a notice, a list
    set indented) still has the document's columns."""
    fits = _crossings(body, usual)
    if fits is None or fits > len(body) * S.usual_gutter_max_crossing:
        return own
    own_fit = _crossings(body, own)
    return usual if own_fit is None or fits <= own_fit else own


def _crossings(body: list[_Raw], gutter: Gutter | None) -> int | None:
    """Lines crossing the gutter, or None when it does not split the page's lines."""
    if gutter is None or not body:
        return None
    right = [r for r in body if r.x0 >= gutter[1] - S.gutter_slack]
    left = [r for r in body if r.x1 <= gutter[0] + S.gutter_slack]
    if not left or not right:
        return None
    return len(body) - len(left) - len(right)


def _raw_lines(page: pymupdf.Page) -> tuple[list[_Raw], Callable[[Rect], Rect] | None]:
    """Lines of the page, and when most text runs vertically (a table set sideways), the map
    that turns page rectangles into the reading orientation (lines come back already turned)."""
    found: list[tuple[_Raw, tuple[int, int]]] = []
    # A page with /Rotate is read as shown: its text comes in unrotated coordinates.
    shown = page.rotation_matrix if page.rotation else None
    for block in page.get_text("dict", flags=pymupdf.TEXTFLAGS_TEXT)["blocks"]:
        for line in block.get("lines", []):
            spans = [s for s in line["spans"] if s["text"].strip()]
            if not spans:
                continue
            text = "".join(s["text"] for s in line["spans"])
            x0, y0, x1, y1 = pymupdf.Rect(line["bbox"]) * shown if shown else line["bbox"]
            size = max(s["size"] for s in spans)
            bold = any(s["flags"] & 16 or "bold" in s["font"].lower() for s in spans)
            dx, dy = line["dir"]
            if shown:  # turn the direction with the page (translation left out)
                dx, dy = dx * shown.a + dy * shown.c, dx * shown.b + dy * shown.d
            direction = (round(dx), round(dy))
            found.append((_Raw(text, x0, y0, x1, y1, size, bold), direction))
    directions = Counter(d for _, d in found)
    main_dir = directions.most_common(1)[0][0] if directions else (1, 0)
    if main_dir not in ((0, -1), (0, 1)):
        return _merge_same_baseline([r for r, d in found if d == (1, 0)]), None
    turn = _turn(main_dir, page.rect.width, page.rect.height)
    turned = []
    for raw, d in found:
        if d == main_dir:
            x0, y0, x1, y1 = turn((raw.x0, raw.y0, raw.x1, raw.y1))
            turned.append(_Raw(raw.text, x0, y0, x1, y1, raw.size, raw.bold))
    return _merge_same_baseline(turned), turn


def _turn(direction: tuple[int, int], width: float, height: float) -> Callable[[Rect], Rect]:
    if direction == (0, -1):  # text reads bottom to top: the reading top is the page's left

        def turn(r: Rect) -> Rect:
            return (height - r[3], r[0], height - r[1], r[2])

    else:  # reads top to bottom: the reading top is the page's right

        def turn(r: Rect) -> Rect:
            return (r[1], width - r[2], r[3], width - r[0])

    return turn


def _merge_same_baseline(raws: list[_Raw]) -> list[_Raw]:
    """Spans PyMuPDF split on one baseline with a small gap are one line of text."""
    raws = sorted(raws, key=lambda r: (round(r.y1), r.x0))
    merged: list[_Raw] = []
    for raw in raws:
        prev = merged[-1] if merged else None
        same_line = (
            prev
            and abs(prev.y1 - raw.y1) < S.baseline_tolerance
            and (0 <= raw.x0 - prev.x1 < raw.size * S.join_gap)
        )
        if prev and same_line:
            gap = " " if raw.x0 - prev.x1 > raw.size * S.word_gap else ""
            merged[-1] = _Raw(
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


def _bands(page: pymupdf.Page, height: float, turned: bool) -> tuple[float, float]:
    header_end = height * S.header_share
    footer_start = height * (1 - S.footer_share)
    if turned:
        return header_end, footer_start
    width = page.rect.width
    for drawing in page.get_drawings():
        for item in drawing["items"]:
            if item[0] != "l":
                continue
            p1, p2 = item[1], item[2]
            horizontal = abs(p1.y - p2.y) < S.header_rule_flatness and (
                abs(p2.x - p1.x) > width * S.header_rule_min_width
            )
            if horizontal and p1.y < height * S.edge_top_share:
                header_end = max(header_end, p1.y + S.header_rule_clearance)
    return header_end, footer_start


def _near_edge(raw: _Raw, height: float) -> bool:
    return raw.y1 <= height * S.edge_top_share or raw.y0 >= height * S.edge_bottom_share


def _furniture_line(raw: _Raw, number: int) -> Line:
    text = clean_line(raw.text)
    if PAGE_NUMBER.match(text):
        kind = "page_number"
    else:
        kind = "section_label" if is_section_label(text) else "running_header"
    return Line(
        text=text,
        page=number,
        kind=kind,
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


def _in_reading_order(
    body: list[_Raw],
    width: float,
    number: int,
    placeholders: list[tuple[float, Line]],
    gutter: Gutter | None,
) -> list[Line]:
    ordered: list[tuple[float, list[_Raw]]] = []  # (y where a block starts, its lines in order)
    region: list[list[_Raw]] = []
    for row in _rows(body):
        if gutter is not None and any(_spans_gutter(r, gutter) for r in row):
            _flush(region, gutter, ordered)
            region = []
            ordered.append((row[0].y0, sorted(row, key=lambda r: r.x0)))
        else:
            region.append(row)
    _flush(region, gutter, ordered)
    mid = gutter[1] if gutter else None
    text_right = max((r.x1 for r in body), default=width)  # the text block's right edge
    lines: list[Line] = []
    pending = sorted(placeholders, key=lambda p: p[0])
    for y, raws in ordered:
        while pending and pending[0][0] < y:
            lines.append(pending.pop(0)[1])
        lines.extend(_to_lines(raws, number, text_right, mid))
    lines.extend(line for _, line in pending)
    return lines


Gutter = tuple[float, float]  # x where the left column's text stops, x where the right's starts


def _gutter(body: list[_Raw], width: float) -> Gutter | None:
    """Where a second column starts and where the first one's text stops, or None.

    Columns show as a left edge many lines share (x0) with other lines ending before it. Of
    the candidate edges, the one that splits the lines most evenly wins; lines crossing it are
    full width (titles, covering text, a centred 文号). Unequal columns (a 目录 beside a
    masthead sidebar) are found the same way as equal ones.
    """
    starts = Counter(round(r.x0 / S.start_bucket) * S.start_bucket for r in body)
    text_right = max((r.x1 for r in body), default=0)
    best: tuple[tuple[int, int], Gutter] | None = None
    for edge, count in starts.items():
        if count < 2 or edge < width * S.min_edge_share:
            continue
        left = [r for r in body if r.x1 <= edge - S.left_clearance]
        right = [r for r in body if r.x0 >= edge - S.gutter_slack]
        crossing = len(body) - len(left) - len(right)
        if (
            len(left) < S.min_left_lines
            or len(right) < S.min_right_lines
            or crossing > len(body) * S.max_crossing_share
        ):
            continue
        if min(_widest(left), _widest(right)) < width * S.min_column_share:
            continue  # a run of page numbers after dot leaders is no column of text
        # The right column's edge, leaving out page numbers after 目录 leaders.
        edge_right = max(
            (r.x1 for r in right if r.x1 - r.x0 >= width * S.min_column_share), default=text_right
        )
        full = [
            r
            for r in right
            if r.x0 <= edge + r.size * S.full_line_start
            and r.x1 >= edge_right - r.size * S.full_line_end
        ]
        if len(full) < S.min_full_lines:
            continue  # centred titles, a flush-right signature: no column runs edge to edge
        # The true edge leaves the fewest lines crossing it; then the most even split.
        score = (-crossing, min(len(left), len(right)))
        if best is None or score > best[0]:
            best = (score, (max(r.x1 for r in left), float(edge)))
    return best[1] if best else None


def _widest(raws: list[_Raw]) -> float:
    return max(r.x1 - r.x0 for r in raws)


def _spans_gutter(raw: _Raw, gutter: Gutter) -> bool:
    """Full width: starts left of the right column and runs past the left column's end."""
    return raw.x0 < gutter[1] - S.gutter_slack and raw.x1 > gutter[0] + S.gutter_slack


def _rows(body: list[_Raw]) -> list[list[_Raw]]:
    """Lines grouped by baseline (the left and right column lines of one printed row)."""
    rows: list[list[_Raw]] = []
    for raw in sorted(body, key=lambda r: (r.y1, r.x0)):
        if rows and abs(rows[-1][0].y1 - raw.y1) < S.row_tolerance:
            rows[-1].append(raw)
        else:
            rows.append([raw])
    return rows


def _flush(
    region: list[list[_Raw]], gutter: Gutter | None, ordered: list[tuple[float, list[_Raw]]]
) -> None:
    """Rows between full-width lines: two columns if both sides have text, the left read first."""
    if not region:
        return
    flat = [r for row in region for r in row]
    is_right = [gutter is not None and r.x0 >= gutter[1] - S.gutter_slack for r in flat]
    if not any(is_right) or all(is_right):
        ordered.append((region[0][0].y0, sorted(flat, key=lambda r: (r.y1, r.x0))))
        return
    left = sorted(
        (r for r, right in zip(flat, is_right, strict=True) if not right), key=lambda r: r.y1
    )
    right = sorted(
        (r for r, right in zip(flat, is_right, strict=True) if right), key=lambda r: r.y1
    )
    ordered.append((region[0][0].y0, left + right))


def _to_lines(raws: list[_Raw], number: int, text_right: float, mid: float | None) -> list[Line]:
    lines = []
    for raw in raws:
        text = clean_line(raw.text)
        if not text:
            continue
        lines.append(
            Line(
                text=text,
                page=number,
                bbox=(raw.x0, raw.y0, raw.x1, raw.y1),
                font_size=raw.size,
                bold=raw.bold,
                wrapped=None,
            )
        )
    _mark_wrapped(lines, mid, text_right)
    return lines


# Characters a line may not start with (避头尾): they go down with the character before them,
# so a line can stop short of the edge and still continue.
_NO_LINE_START = set("，。、；：？！）」』》〉”’…—·%")
_ASCII_RUN = re.compile(r"^[A-Za-z0-9.．\-—/%+~]+")


def _mark_wrapped(lines: list[Line], mid: float | None, text_right: float) -> None:
    """A line continues on the next one when it runs to its column's right edge, or when the
    next line's first unbreakable unit (a character with the punctuation that may not start a
    line, or a number or Latin word) would not have fitted in the space left. Unless the next
    line is indented (首行缩进): then a paragraph ended there."""
    columns: dict[bool, list[Line]] = {}
    for line in lines:
        columns.setdefault(mid is not None and line.bbox[0] >= mid - S.gutter_slack, []).append(
            line
        )
    for column in columns.values():
        edges = sorted(line.bbox[2] for line in column)
        # The column's right edge: where most full lines stop (the upper half's median); a
        # block of one or two lines (a full-width row) is measured against the text block.
        right_edge = (
            statistics.median(edges[len(edges) // 2 :])
            if len(edges) >= S.min_lines_for_edge
            else text_right
        )
        left_edge = min(line.bbox[0] for line in column)
        for line, nxt in zip(column, [*column[1:], None], strict=True):
            size = line.font_size or S.default_font_size
            gap = right_edge - line.bbox[2]
            line.wrapped = gap <= size * S.wrap_gap or (
                nxt is not None
                and gap < _first_unit_width(nxt.text, size) + size * S.wrap_unit_slack
            )
            if line.wrapped and nxt is not None and nxt.bbox[0] >= left_edge + size * S.indent:
                line.wrapped = False


_NO_LINE_END = set("（「『《〈“‘([")  # openers go down with what follows them


def _first_unit_width(text: str, size: float) -> float:
    """Width of what a line breaker must keep together at the start of `text`: a character or
    a number/Latin run, with the openers before it and the closing punctuation after it."""
    width = 0.0
    i = 0
    while i < len(text):
        run = _ASCII_RUN.match(text[i:])
        token = run.group(0) if run else text[i]
        width += len(token) * size * (S.latin_width if run else 1.0)
        i += len(token)
        ends_open = token[-1] in _NO_LINE_END
        next_closes = i < len(text) and text[i] in _NO_LINE_START
        if not (ends_open or next_closes):
            break
    return width


def _inside(raw: _Raw, bbox: tuple[float, float, float, float]) -> bool:
    cx, cy = (raw.x0 + raw.x1) / 2, (raw.y0 + raw.y1) / 2
    slack = S.table_box_slack
    return bbox[0] - slack <= cx <= bbox[2] + slack and bbox[1] - slack <= cy <= bbox[3] + slack


def _report_text_layer(doc: Document, image_only_pages: list[int]) -> None:
    text = "".join(line.text for line in doc.lines())
    if not text.strip():
        doc.diagnostics.append(
            Diagnostic(
                "read",
                "error",
                "no_text_layer",
                "the PDF has no text layer (a scan?): OCR is needed",
            )
        )
        return
    broken = len(_CID.findall(text)) + len(_UNMAPPED.findall(text))
    if broken > max(S.broken_min, len(text) * S.broken_share):
        doc.diagnostics.append(
            Diagnostic(
                "read",
                "error",
                "broken_text_layer",
                f"{broken} characters have no Unicode mapping ((cid:N) or private-use): the font's ToUnicode map is broken",
            )
        )
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
