"""Ruled tables: column widths, wrapped cells, row and column spans, drawing.

Row indices in a table spec count the header rows first, then the body rows; a span names the
top-left cell it starts at. A table breaks across pages between body rows, never inside a
group of rows a row span ties together, and its header rows repeat on every page.
"""

from __future__ import annotations

from dataclasses import dataclass

from .canvas import Canvas
from .fonts import cjk
from .typeset import TLine, layout_lines

PAD_X = 3.0
PAD_Y = 2.6


@dataclass
class Cell:
    r: int
    c: int
    rs: int
    cs: int
    lines: list[TLine]
    align: str


@dataclass
class LaidTable:
    col_x: list[float]  # column boundaries from the table's left edge, ncols + 1 of them
    row_h: list[float]  # every grid row, header rows first
    n_header: int
    cells: list[Cell]
    groups: list[tuple[int, int]]  # body row ranges (grid indices) that must stay together
    line_h: float
    rule: float

    @property
    def width(self) -> float:
        return self.col_x[-1]

    def header_height(self) -> float:
        return sum(self.row_h[: self.n_header])

    def height(self, a: int, b: int) -> float:
        return sum(self.row_h[a:b])


def _grid(spec: dict) -> tuple[list[list[str]], int, dict[tuple[int, int], tuple[int, int]]]:
    header = [list(r) for r in spec.get("header_rows") or []]
    rows = [list(r) for r in spec["rows"]]
    grid = header + rows
    ncols = max(len(r) for r in grid)
    for r in grid:
        r += [""] * (ncols - len(r))
    spans = {
        (s["row"], s["col"]): (s.get("row_span", 1), s.get("col_span", 1))
        for s in spec.get("spans") or []
    }
    return grid, len(header), spans


def _widths(grid, spans, covered, size, width, weights) -> list[float]:
    ncols = len(grid[0])
    if weights:
        total = sum(weights)
        return [width * w / total for w in weights]
    font = cjk()
    natural = [2 * size + 2 * PAD_X] * ncols
    minimum = [size + 2 * PAD_X] * ncols
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if (r, c) in covered or spans.get((r, c), (1, 1))[1] > 1 or not text:
                continue
            parts = text.split("\n")
            nat = max(font.width(p, size) for p in parts) + 2 * PAD_X
            natural[c] = max(natural[c], nat)
            longest_word = max(
                (
                    font.width(w, size)
                    for p in parts
                    for w in p.replace("，", " ").split()
                    if w.isascii()
                ),
                default=0.0,
            )
            minimum[c] = max(
                minimum[c], min(longest_word, 6 * size) + 2 * PAD_X, 2 * size + 2 * PAD_X
            )
    if sum(natural) <= width:
        scale = width / sum(natural)
        return [w * scale for w in natural]
    spare = width - sum(minimum)
    if spare <= 0:
        return [width * m / sum(minimum) for m in minimum]
    extra = [max(0.0, n - m) for n, m in zip(natural, minimum, strict=True)]
    # long cells take the room: weight by the square root, so one long column does not starve
    weights = [e**0.75 for e in extra]
    total = sum(weights) or 1.0
    return [m + spare * w / total for m, w in zip(minimum, weights, strict=True)]


def layout_table(spec: dict, width: float, size: float) -> LaidTable:
    grid, n_header, spans = _grid(spec)
    nrows, ncols = len(grid), len(grid[0])
    covered: set[tuple[int, int]] = set()
    for (r, c), (rs, cs) in spans.items():
        for i in range(r, r + rs):
            for j in range(c, c + cs):
                if (i, j) != (r, c):
                    covered.add((i, j))
    widths = _widths(grid, spans, covered, size, width, spec.get("col_widths"))
    col_x = [0.0]
    for w in widths:
        col_x.append(col_x[-1] + w)
    line_h = round(size * 1.42, 2)
    cells: list[Cell] = []
    row_h = [line_h + 2 * PAD_Y] * nrows
    tall: list[tuple[int, int, float]] = []
    for r in range(nrows):
        for c in range(ncols):
            if (r, c) in covered:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            text = grid[r][c]
            inner = col_x[c + cs] - col_x[c] - 2 * PAD_X
            lines = layout_lines(text, inner, size, height=line_h) if text else []
            header = r < n_header
            single = len(lines) <= 1
            align = "center" if (single or header) else "left"
            if align == "center":
                lines = (
                    layout_lines(text, inner, size, height=line_h, justify=False, align="center")
                    if text
                    else []
                )
            cells.append(Cell(r, c, rs, cs, lines, align))
            need = max(1, len(lines)) * line_h + 2 * PAD_Y
            if rs == 1:
                row_h[r] = max(row_h[r], need)
            else:
                tall.append((r, rs, need))
    for r in range(n_header, nrows):
        row_h[r] = max(row_h[r], float(spec.get("min_row_height") or 0))
    for r, rs, need in tall:
        have = sum(row_h[r : r + rs])
        if need > have:
            row_h[r + rs - 1] += need - have
    # body rows tied together by a row span
    groups: list[tuple[int, int]] = []
    r = n_header
    while r < nrows:
        end = r + 1
        for (sr, _), (rs, _) in spans.items():
            if sr <= r < sr + rs:
                end = max(end, sr + rs)
        changed = True
        while changed:
            changed = False
            for (sr, _), (rs, _) in spans.items():
                if r <= sr < end and sr + rs > end:
                    end = sr + rs
                    changed = True
        groups.append((r, end))
        r = end
    return LaidTable(col_x, row_h, n_header, cells, groups, line_h, 0.5)


def split_rows(lt: LaidTable, first_room: float, room: float) -> list[tuple[int, int]]:
    """Body row ranges per page: the first page has `first_room`, the next ones `room`."""
    parts: list[tuple[int, int]] = []
    head = lt.header_height()
    avail = first_room - head
    start = lt.n_header
    cur = start
    for a, b in lt.groups:
        h = lt.height(a, b)
        if h > avail and cur > start:
            parts.append((start, cur))
            start = cur
            avail = room - head
        avail -= h
        cur = b
    parts.append((start, cur))
    return parts


def draw_table(canvas: Canvas, lt: LaidTable, x: float, y: float, rows: tuple[int, int]) -> float:
    """Draw the header rows and body rows `rows` at (x, y); returns the height drawn."""
    a, b = rows
    shown = list(range(lt.n_header)) + list(range(a, b))
    ys: dict[int, float] = {}
    cy = y
    for r in shown:
        ys[r] = cy
        cy += lt.row_h[r]
    for cell in lt.cells:
        if cell.r not in ys:
            continue
        top = ys[cell.r]
        last = cell.r + cell.rs - 1
        bottom = ys[last] + lt.row_h[last] if last in ys else cy
        x0 = x + lt.col_x[cell.c]
        x1 = x + lt.col_x[cell.c + cell.cs]
        canvas.rect(x0, top, x1, bottom, width=lt.rule)
        if not cell.lines:
            continue
        text_h = len(cell.lines) * lt.line_h
        ty = top + (bottom - top - text_h) / 2
        inner = x1 - x0 - 2 * PAD_X
        for ln in cell.lines:
            lx = x0 + PAD_X + ((inner - ln.width) / 2 if ln.align == "center" else 0.0)
            base = ty + (ln.height - ln.size) / 2 + ln.size * 0.86
            for run in ln.runs:
                canvas.text(
                    lx + run.x,
                    base,
                    run.text,
                    ln.size,
                    bold=run.bold or cell.r < lt.n_header,
                    tc=run.tc,
                )
            ty += ln.height
    return cy - y
