"""Columns of a PDF page and the order a person reads them in, from line geometry alone.

A page's lines are grouped into printed rows; rows crossing the gutter are full width (titles,
文号, covering text) and stand where they are; between them the left column is read before
the right. Thresholds are `PdfSettings` fields.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from extractors.model import Line
from extractors.readers.pdf_settings import PDF_SETTINGS as S
from extractors.readers.pdf_wrap import mark_wrapped
from extractors.textnorm import clean_line


class Raw(NamedTuple):
    """A line as the page gives it. A tuple: a forked reader sends pages of them back."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    bold: bool
    confidence: float | None = None  # OCR'd lines: the recogniser's confidence


def usual_gutter(gutters: list[Gutter | None], number: int) -> Gutter | None:
    """The gutter most pages of the same side (odd or even: margins mirror) have."""
    same_side = [g for n, g in enumerate(gutters, start=1) if g and n % 2 == number % 2]
    if not same_side:
        return None
    return Counter((round(a), round(b)) for a, b in same_side).most_common(1)[0][0]


def better_gutter(body: list[Raw], own: Gutter | None, usual: Gutter | None) -> Gutter | None:
    """The page's own gutter, or the document's usual one where that fits the page as well: a
    page whose second column holds a few lines only (a signature, the end of a notice, a list
    set indented) still has the document's columns."""
    fits = _crossings(body, usual)
    if fits is None or fits > len(body) * S.usual_gutter_max_crossing:
        return own
    own_fit = _crossings(body, own)
    return usual if own_fit is None or fits <= own_fit else own


def _crossings(body: list[Raw], gutter: Gutter | None) -> int | None:
    """Lines crossing the gutter, or None when it does not split the page's lines."""
    if gutter is None or not body:
        return None
    right = [r for r in body if r.x0 >= gutter[1] - S.gutter_slack]
    left = [r for r in body if r.x1 <= gutter[0] + S.gutter_slack]
    if not left or not right:
        return None
    return len(body) - len(left) - len(right)


def in_reading_order(
    body: list[Raw],
    width: float,
    number: int,
    placeholders: list[tuple[float, Line]],
    gutter: Gutter | None,
) -> list[Line]:
    ordered: list[tuple[float, list[Raw]]] = []  # (y where a block starts, its lines in order)
    region: list[list[Raw]] = []
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
        lines.extend(to_lines(raws, number, text_right, mid))
    lines.extend(line for _, line in pending)
    return lines


Gutter = tuple[float, float]  # x where the left column's text stops, x where the right's starts


def find_gutter(body: list[Raw], width: float) -> Gutter | None:
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


def _widest(raws: list[Raw]) -> float:
    return max(r.x1 - r.x0 for r in raws)


def _spans_gutter(raw: Raw, gutter: Gutter) -> bool:
    """Full width: starts left of the right column and runs past the left column's end."""
    return raw.x0 < gutter[1] - S.gutter_slack and raw.x1 > gutter[0] + S.gutter_slack


def _rows(body: list[Raw]) -> list[list[Raw]]:
    """Lines grouped by baseline (the left and right column lines of one printed row)."""
    rows: list[list[Raw]] = []
    for raw in sorted(body, key=lambda r: (r.y1, r.x0)):
        if rows and abs(rows[-1][0].y1 - raw.y1) < S.row_tolerance:
            rows[-1].append(raw)
        else:
            rows.append([raw])
    return rows


def _flush(
    region: list[list[Raw]], gutter: Gutter | None, ordered: list[tuple[float, list[Raw]]]
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


def to_lines(raws: list[Raw], number: int, text_right: float, mid: float | None) -> list[Line]:
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
                confidence=raw.confidence,
                # the printed spacing, where clean-up squeezed it: a title keeps the spaces it
                # prints between its words (textnorm.keep_word_spaces reads raw)
                raw=raw.text if raw.text != text else None,
            )
        )
    mark_wrapped(lines, mid, text_right)
    return lines
