"""Flow items → pages. Positions are relative to the page's body area, so the same pagination
serves odd and even pages (their areas differ only in x) and page numbers can be assigned
after the front matter is counted."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .flow import Columns, Figure, Full, Item, NewPage, Table
from .geometry import Geometry
from .tables import LaidTable, layout_table, split_rows
from .typeset import TLine


@dataclass
class Placed:
    kind: str  # line | table | figure
    obj: object
    x: float
    y: float
    w: float
    extra: object = None  # table: (laid table, body row range); figure: caption lines


@dataclass
class PageSpec:
    orientation: str
    section: str
    items: list[Placed] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)


class Paginator:
    def __init__(self, g: Geometry) -> None:
        self.g = g
        self.pages: list[PageSpec] = []
        self.y = 0.0

    @property
    def cur(self) -> PageSpec | None:
        return self.pages[-1] if self.pages else None

    def area(self):
        return self.g.area(self.cur.orientation if self.cur else "portrait")

    def room(self) -> float:
        return self.area().h - self.y

    def new_page(self, orientation: str, section: str) -> None:
        self.pages.append(PageSpec(orientation, section))
        self.y = 0.0

    def ensure(self, section: str, orientation: str | None = None) -> None:
        if self.cur is None or (orientation and self.cur.orientation != orientation):
            self.new_page(orientation or "portrait", section)

    def empty(self) -> bool:
        return self.cur is None or not self.cur.items

    # -- items -------------------------------------------------------------------------------

    def run(self, items: list[Item]) -> list[PageSpec]:
        for it in items:
            if isinstance(it, NewPage):
                if self.empty() and self.cur and self.cur.orientation == it.orientation:
                    self.cur.section = it.section
                else:
                    self.new_page(it.orientation, it.section)
            elif isinstance(it, Full):
                self.full(it)
            elif isinstance(it, Columns):
                self.columns(it)
            elif isinstance(it, Table):
                self.table(it)
            elif isinstance(it, Figure):
                self.figure(it)
        return self.pages

    def _line(self, ln: TLine, x: float, w: float) -> None:
        self.cur.items.append(Placed("line", ln, x, self.y, w))

    def full(self, it: Full) -> None:
        self.ensure(it.section, "portrait" if it.anchor else None)
        total = sum(ln.height for ln in it.lines)
        sb = it.space_before if not self.empty() else 0.0
        if it.keep and sb + total + it.need_after > self.room() and not self.empty():
            self.new_page(self.cur.orientation, it.section)
            sb = 0.0
        self.y += sb
        if it.anchor:
            self.cur.anchors.append(it.anchor)
        w = self.area().w
        for ln in it.lines:
            if ln.height > self.room() + 0.01 and not self.empty():
                self.new_page(self.cur.orientation, it.section)
            if not ln.runs and self.y == 0:
                continue
            self._line(ln, 0.0, w)
            self.y += ln.height

    def _fill(
        self, lines: list[TLine], rows: int, ncols: int, balance: bool
    ) -> tuple[list[list[TLine]], int]:
        cols: list[list[TLine]] = []
        i, n = 0, len(lines)
        for k in range(ncols):
            left = n - i
            cap = rows if not balance else min(rows, math.ceil(left / (ncols - k))) if left else 0
            col: list[TLine] = []
            while i < n and not lines[i].runs:  # no blank line at a column head
                i += 1
            while i < n and len(col) < cap:
                col.append(lines[i])
                i += 1
            while col and col[-1].keep_with_next and i < n and len(col) > 1:
                i -= 1
                col.pop()
            cols.append(col)
        return cols, i

    def columns(self, it: Columns) -> None:
        g = self.g
        L = g.leading
        self.ensure(it.section)
        lines = it.lines
        if self.cur.orientation != "portrait":
            ncols, col_w, gap = 1, self.area().w, 0.0
        else:
            ncols, col_w, gap = g.ncols, g.col_w, g.gap
        if not self.empty():
            self.y += it.space_before
        i = 0
        while i < len(lines):
            rows = int((self.room() + 0.01) // L)
            if rows < 2:
                self.new_page(self.cur.orientation, it.section)
                continue
            rest = lines[i:]
            cols, used = self._fill(rest, rows, ncols, balance=True)
            final = used == len(rest)
            if not final:
                cols, used = self._fill(rest, rows, ncols, balance=False)
            for k, col in enumerate(cols):
                y = self.y
                for ln in col:
                    self.cur.items.append(Placed("line", ln, k * (col_w + gap), y, col_w))
                    y += L
            i += used
            if final:
                self.y += max(len(c) for c in cols) * L
            else:
                self.new_page(self.cur.orientation, it.section)

    def table(self, it: Table) -> None:
        self.ensure(it.section)
        w = self.area().w
        lt: LaidTable = layout_table(it.spec, w, it.size)
        cap_h = sum(ln.height for ln in it.caption)
        sb = it.space_before if not self.empty() else 0.0
        first_group = lt.height(*lt.groups[0]) if lt.groups else 0.0
        if sb + cap_h + lt.header_height() + first_group > self.room() and not self.empty():
            self.new_page(self.cur.orientation, it.section)
            sb = 0.0
        self.y += sb
        for ln in it.caption:
            self._line(ln, 0.0, w)
            self.y += ln.height
        parts = split_rows(lt, self.room(), self.area().h)
        for pi, rows in enumerate(parts):
            if pi:
                self.new_page(self.cur.orientation, it.section)
            self.cur.items.append(Placed("table", lt, 0.0, self.y, w, rows))
            self.y += lt.header_height() + lt.height(*rows)
        self.y += 0.3 * self.g.leading

    def figure(self, it: Figure) -> None:
        self.ensure(it.section)
        cap_h = sum(ln.height for ln in it.caption)
        sb = it.space_before if not self.empty() else 0.0
        if sb + it.height + cap_h > self.room() and not self.empty():
            self.new_page(self.cur.orientation, it.section)
            sb = 0.0
        self.y += sb
        w = self.area().w
        self.cur.items.append(Placed("figure", None, 0.0, self.y, w, it.height))
        self.y += it.height
        for ln in it.caption:
            self._line(ln, 0.0, w)
            self.y += ln.height
        self.y += 0.3 * self.g.leading


def paginate(items: list[Item], g: Geometry) -> list[PageSpec]:
    return Paginator(g).run(items)
