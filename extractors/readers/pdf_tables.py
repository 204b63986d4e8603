"""Ruled tables of a PDF page: the page's rulings, cut into cells by pdfplumber's algorithm.

PyMuPDF reads the drawings (lines and thin rectangles); pdfplumber's table module snaps and
joins them into edges, finds their intersections, the cells and the tables. Merged cells keep
their spans: the grid is rebuilt from the distinct x and y edges of the cells, so a cell that
covers two edges spans two columns. Cell text comes from one pass over the page's characters.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from pdfplumber import table as plumber_table

from extractors.readers.mupdf import pymupdf
from extractors.textnorm import clean_line, squeeze_near_cjk

Rect = tuple[float, float, float, float]
MIN_RULES = 3  # horizontal rules, and at least two vertical ones, make a grid


@dataclass
class Drawings:
    """A page's vector drawings read once (PyMuPDF's C-level paths, no Point/Rect objects),
    shared by the header-band rule finder and the table finder."""

    lines: list[Rect]  # straight lines, as drawn (start point, end point)
    segments: list[Rect]  # lines and the sides of rectangles, in drawing order

    @cached_property
    def rulings(self) -> tuple[list[Rect], list[Rect]]:
        """The horizontal and vertical rulings among the segments (worked out once a page)."""
        return _rulings(self)


def read_drawings(page: pymupdf.Page) -> Drawings:
    lines: list[Rect] = []
    segments: list[Rect] = []
    for drawing in page.get_cdrawings():
        for item in drawing["items"]:
            if item[0] == "l":
                (ax, ay), (bx, by) = item[1], item[2]
                lines.append((ax, ay, bx, by))
                segments.append((ax, ay, bx, by))
            elif item[0] == "re":
                x0, y0, x1, y1 = item[1]
                box = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
                segments.extend(_rect_sides(box))
    return Drawings(lines, segments)


@dataclass
class RuledTable:
    bbox: Rect  # in the reading orientation of the page
    rows: list[list[str]]
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)


def has_grid(drawings: Drawings) -> bool:
    """Rulings enough for a table: the page's characters will be wanted (`find_ruled_tables`)."""
    horizontal, vertical = drawings.rulings
    return len(horizontal) >= MIN_RULES and len(vertical) >= 2


def find_ruled_tables(
    page: pymupdf.Page,
    turn: Callable[[Rect], Rect] | None = None,
    drawings: Drawings | None = None,
    textpage: pymupdf.TextPage | None = None,
    raw_blocks: list[dict] | None = None,
) -> list[RuledTable]:
    """Tables drawn with rulings on this page. `turn` maps page rectangles into reading
    orientation for pages whose content is set sideways. `drawings`, `textpage` and
    `raw_blocks` (the page's "rawdict" blocks): what the reader already took from the page,
    so the page is not parsed twice."""
    horizontal, vertical = (drawings or read_drawings(page)).rulings
    if len(horizontal) < MIN_RULES or len(vertical) < 2:
        return []
    if raw_blocks is None:
        raw_blocks = page.get_text("rawdict", flags=pymupdf.TEXTFLAGS_TEXT, textpage=textpage)
        raw_blocks = raw_blocks["blocks"]
    shown = page.rotation_matrix
    # In reading orientation: turned when the content itself is sideways, else as shown
    # (nothing to map on a page without /Rotate).
    orient = turn or ((lambda c: tuple(pymupdf.Rect(c) * shown)) if page.rotation else None)
    return tables_from_rulings(horizontal, vertical, _page_chars(raw_blocks), orient)


def tables_from_rulings(
    horizontal: list[Rect],
    vertical: list[Rect],
    chars: list[tuple[float, float, int, str]],
    orient: Callable[[Rect], Rect] | None = None,
) -> list[RuledTable]:
    """Tables from rulings, whoever found them (a PDF's drawings, a scan's image), their cells
    filled from `chars` (centre x, centre y, line number, character) in the rulings' frame;
    `orient` maps that frame into reading orientation where they differ."""
    if len(horizontal) < MIN_RULES or len(vertical) < 2:
        return []
    tables: list[RuledTable] = []
    for cells in _plumber_cells(horizontal, vertical):
        oriented = [orient(c) for c in cells] if orient else cells
        table = _table_from_cells(chars, cells, oriented)
        if table and len(table.rows) >= 2:
            tables.append(table)
    return tables


def _plumber_cells(horizontal: list[Rect], vertical: list[Rect]) -> list[list[Rect]]:
    """pdfplumber's ruled-table algorithm (snap and join edges, intersections, cells, tables)
    on the rulings PyMuPDF already read: pdfplumber's own page parsing (pdfminer) would cost
    a second pass over every table page's content stream."""
    edges = [_edge(r, "h") for r in horizontal] + [_edge(r, "v") for r in vertical]
    tol = plumber_table.DEFAULT_SNAP_TOLERANCE
    edges = plumber_table.merge_edges(
        edges, tol, tol, plumber_table.DEFAULT_JOIN_TOLERANCE, plumber_table.DEFAULT_JOIN_TOLERANCE
    )
    intersections = plumber_table.edges_to_intersections(edges, 1, 1)
    cells = intersections_to_cells(intersections)
    return [[tuple(c) for c in table] for table in plumber_table.cells_to_tables(cells)]


def intersections_to_cells(intersections: dict) -> list[Rect]:
    """pdfplumber's `intersections_to_cells`, the same cells in the same order, in linear
    rather than quadratic time per point: each point looks down its own column and along its
    own row (pdfplumber filters every later point of the page for them), and the edges at a
    point are turned into sets once (pdfplumber does it per pair tried). A cell is the
    smallest rectangle from a point whose four sides are edges the corners share."""
    v = {p: {_bbox(e) for e in found["v"]} for p, found in intersections.items()}
    h = {p: {_bbox(e) for e in found["h"]} for p, found in intersections.items()}
    points = sorted(intersections)
    columns: dict[float, list[tuple[float, float]]] = {}
    rows: dict[float, list[tuple[float, float]]] = {}
    for point in points:  # sorted by x then y: a column runs down, a row to the right
        columns.setdefault(point[0], []).append(point)
        rows.setdefault(point[1], []).append(point)
    cells: list[Rect] = []
    for x, y in points:
        below = [q for q in columns[x] if q[1] > y]
        right = [q for q in rows[y] if q[0] > x]
        cell = _smallest_cell((x, y), below, right, v, h)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(
    top_left: tuple[float, float],
    below: list[tuple[float, float]],
    right: list[tuple[float, float]],
    v: dict[tuple[float, float], set[Rect]],
    h: dict[tuple[float, float], set[Rect]],
) -> Rect | None:
    for down in below:
        if v[top_left].isdisjoint(v[down]):
            continue
        for across in right:
            if h[top_left].isdisjoint(h[across]):
                continue
            corner = (across[0], down[1])
            closed = (
                corner in v
                and not v[corner].isdisjoint(v[across])
                and not h[corner].isdisjoint(h[down])
            )
            if closed:
                return (top_left[0], top_left[1], corner[0], corner[1])
    return None


def _bbox(edge: dict) -> Rect:
    return (edge["x0"], edge["top"], edge["x1"], edge["bottom"])


def _edge(r: Rect, orientation: str) -> dict:
    x0, y0, x1, y1 = r
    return {
        "x0": x0,
        "x1": x1,
        "top": y0,
        "bottom": y1,
        "width": x1 - x0,
        "height": y1 - y0,
        "orientation": orientation,
        "object_type": "line",
    }


def _rulings(drawings: Drawings) -> tuple[list[Rect], list[Rect]]:
    horizontal: list[Rect] = []
    vertical: list[Rect] = []
    for x0, y0, x1, y1 in drawings.segments:
        if abs(y1 - y0) < 1.5 and abs(x1 - x0) > 8:
            horizontal.append((min(x0, x1), y0, max(x0, x1), y0))
        elif abs(x1 - x0) < 1.5 and abs(y1 - y0) > 4:
            vertical.append((x0, min(y0, y1), x0, max(y0, y1)))
    return horizontal, vertical


def _rect_sides(r: Rect) -> list[Rect]:
    x0, y0, x1, y1 = r
    if x1 - x0 < 1.5 or y1 - y0 < 1.5:  # a thin filled rectangle drawn as a rule
        return [(x0, y0, x1, y0) if y1 - y0 < 1.5 else (x0, y0, x0, y1)]
    return [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)]


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
    index = _CharIndex(chars)
    for cell, box in zip(cells, oriented, strict=True):
        r0, r1 = _index(ys, box[1]), _index(ys, box[3])
        c0, c1 = _index(xs, box[0]), _index(xs, box[2])
        if r1 <= r0 or c1 <= c0:
            continue
        rows[r0][c0] = _cell_text(index, cell)
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
    """The edge nearest to value (the first of two as near); edges are sorted."""
    i = bisect_left(edges, value)
    if i == 0:
        return 0
    if i == len(edges) or abs(edges[i - 1] - value) <= abs(edges[i] - value):
        return i - 1
    return i


def _page_chars(raw_blocks: list[dict]) -> list[tuple[float, float, int, str]]:
    """Every character once, as (centre x, centre y, line number, char), in reading order.

    One pass per page: asking PyMuPDF for each cell's text box walks the page's characters
    once per cell, which made a price-table page cost seconds."""
    chars: list[tuple[float, float, int, str]] = []
    line_no = 0
    for block in raw_blocks:
        for line in block.get("lines", []):
            line_no += 1
            for span in line["spans"]:
                for ch in span["chars"]:
                    x0, y0, x1, y1 = ch["bbox"]
                    chars.append(((x0 + x1) / 2, (y0 + y1) / 2, line_no, ch["c"]))
    return chars


class _CharIndex:
    """The page's characters sorted by centre y: a cell takes the band between its top and
    bottom by bisection instead of scanning every character of the page, then its characters
    in their reading order (the order of the page's list), as the scan gave them."""

    def __init__(self, chars: list[tuple[float, float, int, str]]) -> None:
        self.chars = chars
        self.order = sorted(range(len(chars)), key=lambda i: chars[i][1])
        self.ys = [chars[i][1] for i in self.order]

    def inside(self, cell: Rect) -> list[tuple[int, str]]:
        x0, y0, x1, y1 = cell
        band = self.order[bisect_left(self.ys, y0) : bisect_right(self.ys, y1)]
        hits = sorted(i for i in band if x0 <= self.chars[i][0] <= x1)
        return [(self.chars[i][2], self.chars[i][3]) for i in hits]


def _cell_text(index: _CharIndex, cell: Rect) -> str:
    lines: dict[int, str] = {}
    for line, c in index.inside(cell):
        lines[line] = lines.get(line, "") + c
    parts = [clean_line(text) for text in lines.values()]
    return squeeze_near_cjk("".join(p for p in parts if p))
