"""Ruled tables on a page image: the rulings found by morphology, then the PDF path's grid.

A born-digital page hands its rulings over as drawings; a scan has them as runs of dark
pixels. Opening the binarised image with a long, thin structuring element keeps what is
longer than any glyph stroke in that direction (a horizontal or vertical rule) and drops the
text; each remaining run becomes one ruling, in points, exactly what
`extractors.readers.pdf_tables` reads from a PDF's drawings. From there the path is shared:
pdfplumber's algorithm (snap, join, intersections, cells), the grid rebuilt from the cell
edges with its spans, and cell text from characters (here the OCR's, with their boxes).

Pure: a grey image (the OCR's upright, deskewed page) and its scale in, plain data out.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extractors.readers.ocr import OcrLine
from extractors.readers.ocr_text import fix_confusions, masked_text
from extractors.readers.pdf_tables import Rect, RuledTable, tables_from_rulings


@dataclass(frozen=True)
class RulingSettings:
    # A horizontal ruling is longer than any run of glyph strokes (一 is 1 em, —— 2 em).
    min_horizontal_pt: float = 30.0
    # A vertical ruling is longer than a glyph's vertical stroke (about 1 em) and shorter
    # than a one-line table row (text plus padding, some 16 pt).
    min_vertical_pt: float = 13.0
    # A ruling is thin; a thicker run is a filled block, a photo edge, a stamp.
    max_thickness_pt: float = 3.0
    # Local thresholding window (pixels, odd) and offset: scans are unevenly lit.
    threshold_window: int = 31
    threshold_offset: int = 15
    # Gaps of up to this many points in a printed rule (JPEG, toner) are bridged.
    bridge_pt: float = 0.5
    # Rule ends this close share an x; this many rules ending together mark a table's side.
    frame_tolerance_pt: float = 2.0
    min_frame_rules: int = 3


def find_rulings(
    image: np.ndarray, scale: float, settings: RulingSettings | None = None
) -> tuple[list[Rect], list[Rect]]:
    """Horizontal and vertical rulings of a grey page image, in points (pixels / `scale`),
    as (x0, y, x1, y) and (x, y0, x, y1)."""
    settings = settings or RulingSettings()
    ink = cv2.adaptiveThreshold(
        image,
        255,
        cv2.ADAPTIVE_THRESH_MEAN_C,
        cv2.THRESH_BINARY_INV,
        settings.threshold_window,
        settings.threshold_offset,
    )
    bridge = max(1, round(settings.bridge_pt * scale))
    horizontal = _runs(ink, (max(3, round(settings.min_horizontal_pt * scale)), 1), bridge)
    vertical = _runs(ink, (1, max(3, round(settings.min_vertical_pt * scale))), bridge)
    thick = settings.max_thickness_pt * scale
    h_rules = [
        (x / scale, (y + h / 2) / scale, (x + w) / scale, (y + h / 2) / scale)
        for x, y, w, h in _boxes(horizontal)
        if h <= thick
    ]
    v_rules = [
        ((x + w / 2) / scale, y / scale, (x + w / 2) / scale, (y + h) / scale)
        for x, y, w, h in _boxes(vertical)
        if w <= thick
    ]
    return h_rules, _close_frames(h_rules, v_rules, settings)


def _close_frames(
    horizontal: list[Rect], vertical: list[Rect], settings: RulingSettings
) -> list[Rect]:
    """Vertical rulings the print lost where the horizontal ones say a border stands.

    A hairline border is the first thing a scan loses (anti-aliased to light grey, then
    blurred and compressed away). Horizontal rules that end together at an x where no vertical
    ruling stands mark a table's side: the border is put back between the first and the last
    of them, so the outer column keeps its cells."""
    added: list[Rect] = []
    tol = settings.frame_tolerance_pt
    for side in (0, 2):  # left ends, right ends
        groups: list[list[Rect]] = []
        for rule in sorted(horizontal, key=lambda r: r[side]):
            if groups and abs(groups[-1][-1][side] - rule[side]) <= tol:
                groups[-1].append(rule)
            else:
                groups.append([rule])
        for group in groups:
            # Only rules a vertical ruling crosses belong to a grid (not a rule under the
            # running header that happens to end where the table does).
            grid = [r for r in group if any(_crosses(r, v, tol) for v in vertical)]
            if len(grid) < settings.min_frame_rules:
                continue
            x = sum(r[side] for r in grid) / len(grid)
            top, bottom = min(r[1] for r in grid), max(r[1] for r in grid)
            standing = any(
                abs(v[0] - x) <= tol and v[1] <= top + tol and v[3] >= bottom - tol
                for v in vertical
            )
            if not standing:
                added.append((x, top, x, bottom))
    return vertical + added


def _crosses(h: Rect, v: Rect, tol: float) -> bool:
    return h[0] - tol <= v[0] <= h[2] + tol and v[1] - tol <= h[1] <= v[3] + tol


def _runs(ink: np.ndarray, kernel: tuple[int, int], bridge: int) -> np.ndarray:
    """What survives an opening with a `kernel`-long line (after closing small gaps along it)."""
    along = (bridge, 1) if kernel[0] > 1 else (1, bridge)
    closed = cv2.morphologyEx(
        ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, along)
    )
    return cv2.morphologyEx(
        closed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel)
    )


def _boxes(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return [tuple(int(v) for v in stats[i, :4]) for i in range(1, count)]


def tables_from_ocr(
    horizontal: list[Rect], vertical: list[Rect], lines: list[OcrLine], min_confidence: float
) -> list[RuledTable]:
    """Ruled tables from a scan's rulings, their cells filled with the OCR's characters (each
    by the centre of its box; lines are numbered so a cell's text keeps their order). Unsure
    characters are masked as in running text, and OCR's confusions undone cell by cell."""
    chars = []
    for number, line in enumerate(lines):
        masked = masked_text(line, min_confidence)
        same = len(masked) == len(line.chars)
        for k, c in enumerate(line.chars):
            cx, cy = (c.bbox[0] + c.bbox[2]) / 2, (c.bbox[1] + c.bbox[3]) / 2
            chars.append((cx, cy, number, masked[k] if same else c.text))
    tables = tables_from_rulings(horizontal, vertical, chars)
    for table in tables:
        table.rows = [[fix_confusions(cell) for cell in row] for row in table.rows]
    return tables
