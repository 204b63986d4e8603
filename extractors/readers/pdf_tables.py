"""Ruled tables of a PDF page: found from the page's rulings, read with pdfplumber.

Only pages whose drawings hold a grid are handed to pdfplumber (it is slow, and most pages
have none), cropped to the grid's area. Merged cells keep their spans: the cell grid is rebuilt
from the distinct x and y edges of the cells pdfplumber finds, so a cell that covers two edges
spans two columns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pymupdf

from extractors.model import TableGrid
from extractors.textnorm import clean_line, squeeze_near_cjk

Rect = tuple[float, float, float, float]
MIN_RULES = 3  # horizontal rules, and at least two vertical ones, make a grid


@dataclass
class RuledTable:
    bbox: Rect  # in the reading orientation of the page
    rows: list[list[str]]
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)

    def register_spans(self, grid: TableGrid) -> None:
        grid.spans = list(self.spans)


def find_ruled_tables(
    page: pymupdf.Page,
    plumber_page: Callable[[], object],
    turn: Callable[[Rect], Rect] | None = None,
) -> list[RuledTable]:
    """Tables drawn with rulings on this page. `turn` maps page rectangles into reading
    orientation for pages whose content is set sideways."""
    regions = _grid_regions(page)
    if not regions:
        return []
    chars = _page_chars(page)
    plumber = plumber_page()
    tables: list[RuledTable] = []
    # PyMuPDF's drawings and text boxes use the unrotated page; pdfplumber the page as shown.
    shown, unrotated = page.rotation_matrix, page.derotation_matrix
    for region in regions:
        cropped = plumber.crop(_clip(tuple(pymupdf.Rect(region) * shown), plumber.bbox))
        for found in cropped.find_tables(
            {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
        ):
            shown_cells = [tuple(c) for c in found.cells if c]
            cells = [tuple(pymupdf.Rect(c) * unrotated) for c in shown_cells]
            # In reading orientation: as shown, or turned when the content itself is sideways.
            oriented = [turn(c) for c in cells] if turn else shown_cells
            table = _table_from_cells(chars, cells, oriented)
            if table and len(table.rows) >= 2:
                tables.append(table)
    return tables


def _grid_regions(page: pymupdf.Page) -> list[Rect]:
    horizontal: list[Rect] = []
    vertical: list[Rect] = []
    for drawing in page.get_drawings():
        for item in drawing["items"]:
            for x0, y0, x1, y1 in _segments(item):
                if abs(y1 - y0) < 1.5 and abs(x1 - x0) > 8:
                    horizontal.append((min(x0, x1), y0, max(x0, x1), y0))
                elif abs(x1 - x0) < 1.5 and abs(y1 - y0) > 4:
                    vertical.append((x0, min(y0, y1), x0, max(y0, y1)))
    if len(horizontal) < MIN_RULES or len(vertical) < 2:
        return []
    regions: list[list[float]] = []
    for seg in horizontal + vertical:
        for region in regions:
            if _touch(seg, region):
                region[:] = [
                    min(region[0], seg[0]),
                    min(region[1], seg[1]),
                    max(region[2], seg[2]),
                    max(region[3], seg[3]),
                ]
                break
        else:
            regions.append(list(seg))
    regions = _merge_regions(regions)
    return [
        tuple(r)
        for r in regions
        if sum(_touch(h, r) for h in horizontal) >= MIN_RULES
        and sum(_touch(v, r) for v in vertical) >= 2
    ]


def _segments(item: tuple) -> list[Rect]:
    if item[0] == "l":
        p1, p2 = item[1], item[2]
        return [(p1.x, p1.y, p2.x, p2.y)]
    if item[0] == "re":
        r = item[1]
        if r.width < 1.5 or r.height < 1.5:  # a thin filled rectangle drawn as a rule
            return [(r.x0, r.y0, r.x1, r.y0) if r.height < 1.5 else (r.x0, r.y0, r.x0, r.y1)]
        return [
            (r.x0, r.y0, r.x1, r.y0),
            (r.x0, r.y1, r.x1, r.y1),
            (r.x0, r.y0, r.x0, r.y1),
            (r.x1, r.y0, r.x1, r.y1),
        ]
    return []


def _touch(a, b, tol: float = 2.0) -> bool:
    return a[0] <= b[2] + tol and b[0] <= a[2] + tol and a[1] <= b[3] + tol and b[1] <= a[3] + tol


def _merge_regions(regions: list[list[float]]) -> list[list[float]]:
    merged = True
    while merged:
        merged = False
        for i in range(len(regions)):
            for j in range(i + 1, len(regions)):
                if _touch(regions[i], regions[j]):
                    a, b = regions[i], regions[j]
                    regions[i] = [
                        min(a[0], b[0]),
                        min(a[1], b[1]),
                        max(a[2], b[2]),
                        max(a[3], b[3]),
                    ]
                    del regions[j]
                    merged = True
                    break
            if merged:
                break
    return regions


def _clip(region: Rect, bounds: Rect) -> Rect:
    return (
        max(region[0] - 1, bounds[0]),
        max(region[1] - 1, bounds[1]),
        min(region[2] + 1, bounds[2]),
        min(region[3] + 1, bounds[3]),
    )


def _table_from_cells(
    chars: list[tuple[float, float, int, str]], cells: list[Rect], oriented: list[Rect]
) -> RuledTable | None:
    """cells: in the unrotated page, to read their text; oriented: the same cells as read."""
    if not cells:
        return None
    xs = _edges([c[0] for c in oriented] + [c[2] for c in oriented])
    ys = _edges([c[1] for c in oriented] + [c[3] for c in oriented])
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 1:
        return None
    rows = [["" for _ in range(n_cols)] for _ in range(n_rows)]
    spans: list[tuple[int, int, int, int]] = []
    for cell, box in zip(cells, oriented, strict=True):
        r0, r1 = _index(ys, box[1]), _index(ys, box[3])
        c0, c1 = _index(xs, box[0]), _index(xs, box[2])
        if r1 <= r0 or c1 <= c0:
            continue
        rows[r0][c0] = _cell_text(chars, cell)
        if r1 - r0 > 1 or c1 - c0 > 1:
            spans.append((r0, c0, r1 - r0, c1 - c0))
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    return RuledTable(bbox=bbox, rows=rows, spans=spans)


def _edges(values: list[float], tol: float = 2.0) -> list[float]:
    edges: list[float] = []
    for v in sorted(values):
        if not edges or v - edges[-1] > tol:
            edges.append(v)
    return edges


def _index(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _page_chars(page: pymupdf.Page) -> list[tuple[float, float, int, str]]:
    """Every character once, as (centre x, centre y, line number, char), in reading order.

    One pass per page: asking PyMuPDF for each cell's text box walks the page's characters
    once per cell, which made a price-table page cost seconds."""
    chars: list[tuple[float, float, int, str]] = []
    line_no = 0
    for block in page.get_text("rawdict", flags=pymupdf.TEXTFLAGS_TEXT)["blocks"]:
        for line in block.get("lines", []):
            line_no += 1
            for span in line["spans"]:
                for ch in span["chars"]:
                    x0, y0, x1, y1 = ch["bbox"]
                    chars.append(((x0 + x1) / 2, (y0 + y1) / 2, line_no, ch["c"]))
    return chars


def _cell_text(chars: list[tuple[float, float, int, str]], cell: Rect) -> str:
    x0, y0, x1, y1 = cell
    inside = [(line, c) for cx, cy, line, c in chars if x0 <= cx <= x1 and y0 <= cy <= y1]
    lines: dict[int, str] = {}
    for line, c in inside:
        lines[line] = lines.get(line, "") + c
    parts = [clean_line(text) for text in lines.values()]
    return squeeze_near_cjk("".join(p for p in parts if p))
