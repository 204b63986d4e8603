"""Logical tables: the table blocks of one notice or attachment, stitched and given spans.

A converter writes one block per printed page and repeats the header on each; it leaves merged
cells empty; on one page of the 003 price table it garbled the grade sub-header and added empty
columns. `logical_tables` undoes that from the blocks' own shape, never from a sample's title.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from extractors.model import TableGrid
from extractors.tables.headers import (
    count_header_rows,
    drop_columns,
    empty_columns,
    garbled_like,
    pad,
    same_header,
)
from extractors.tables.spans import Span, data_spans, group_parents, header_spans

Rows = list[list[str]]


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    row_span: int
    col_span: int
    is_header: bool
    text: str


@dataclass
class LogicalTable:
    """One table as printed: every grid position is covered by exactly one cell."""

    cells: list[Cell]
    n_rows: int
    n_cols: int
    header_rows: int
    page_start: int
    page_end: int
    caption: str | None = None
    notes: list[str] = field(default_factory=list)  # repairs made, for diagnostics
    _at: dict[tuple[int, int], Cell] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def cell_at(self, row: int, col: int) -> Cell:
        """The cell covering a grid position (a span's anchor for the positions it covers)."""
        if not self._at:
            for cell in self.cells:
                for r in range(cell.row, cell.row + cell.row_span):
                    for c in range(cell.col, cell.col + cell.col_span):
                        self._at[(r, c)] = cell
        return self._at[(row, col)]

    def text_at(self, row: int, col: int) -> str:
        return self.cell_at(row, col).text

    def rows(self) -> Rows:
        """The grid as text, each cell's text at its anchor and "" where a span covers."""
        grid = [[""] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            grid[cell.row][cell.col] = cell.text
        return grid

    def header_path(self, col: int) -> list[str]:
        """The header labels over a column, top to bottom, each spanning cell once."""
        path: list[str] = []
        seen: set[tuple[int, int]] = set()
        for r in range(self.header_rows):
            cell = self.cell_at(r, col)
            if (cell.row, cell.col) not in seen and cell.text.strip():
                seen.add((cell.row, cell.col))
                path.append(cell.text)
        return path

    def data_rows(self) -> range:
        return range(self.header_rows, self.n_rows)


@dataclass
class _Block:
    header: Rows
    data: Rows
    spans: list[Span]  # given by the reader, in the block's own coordinates
    page_start: int
    page_end: int
    caption: str | None
    notes: list[str]

    @property
    def width(self) -> int:
        return len((self.header or self.data or [[]])[0])


def logical_tables(blocks: list[TableGrid]) -> list[LogicalTable]:
    """The logical tables of one notice's (or attachment's) table blocks, in reading order."""
    prepared = [_prepare(b) for b in blocks if b.rows]
    _repair_garbled_headers(prepared)
    groups: list[list[_Block]] = []
    for block in prepared:
        if groups and _continues(groups[-1], block):
            groups[-1].append(block)
        else:
            groups.append([block])
    return [_build(group) for group in groups]


def _prepare(grid: TableGrid) -> _Block:
    rows = pad([list(r) for r in grid.rows])
    notes: list[str] = []
    # Columns with nothing at all in them are the converter's (spans given by a reader refer to
    # column numbers, so then the grid is kept as it is).
    empty = [] if grid.spans else empty_columns(rows)
    if empty and len(empty) < len(rows[0]):
        rows = drop_columns(rows, empty)
        notes.append(f"dropped {len(empty)} empty column(s)")
    h = grid.header_rows or count_header_rows(rows)
    return _Block(
        rows[:h], rows[h:], list(grid.spans), grid.page_start, grid.page_end, grid.caption, notes
    )


def _repair_garbled_headers(blocks: list[_Block]) -> None:
    """A block whose sub-header repeats one label where a neighbouring block of the same shape
    has distinct ones takes the neighbour's header (nearest first, earlier before later)."""
    for i, block in enumerate(blocks):
        if len(block.header) < 2:
            continue
        order = sorted(range(len(blocks)), key=lambda j: (abs(j - i), j > i))
        for j in order:
            if j != i and garbled_like(block.header, blocks[j].header):
                block.header = copy.deepcopy(blocks[j].header)
                block.notes.append("garbled header replaced by the header of the same table")
                break


def _continues(group: list[_Block], block: _Block) -> bool:
    first = group[0]
    if block.width != first.width or not first.header:
        return False
    if block.header:
        return same_header(block.header, first.header)
    # A page that does not repeat the header continues the table when its numbering does.
    return _numbering_continues(group[-1].data, block.data)


def _numbering_continues(before: Rows, after: Rows) -> bool:
    if not before or not after:
        return False
    last, nxt = before[-1][0].strip(), after[0][0].strip()
    return (
        bool(re.fullmatch(r"\d+", last) and re.fullmatch(r"\d+", nxt)) and int(nxt) == int(last) + 1
    )


def _build(group: list[_Block]) -> LogicalTable:
    first = group[0]
    header = first.header
    h = len(header)
    data = [row for block in group for row in block.data]
    rows = header + data
    notes = [note for block in group for note in block.notes]
    if len(group) > 1:
        notes.append(f"merged {len(group)} blocks whose header repeats")
    if any(block.spans for block in group):
        spans = _given_spans(group, h)
    else:
        hs = header_spans(header)
        spans = hs + [
            (r + h, c, rs, cs) for r, c, rs, cs in data_spans(data, group_parents(header, hs))
        ]
    return LogicalTable(
        cells=_cells(rows, h, spans),
        n_rows=len(rows),
        n_cols=first.width,
        header_rows=h,
        page_start=min(b.page_start for b in group),
        page_end=max(b.page_end for b in group),
        caption=next((b.caption for b in group if b.caption), None),
        notes=notes,
    )


def _given_spans(group: list[_Block], h: int) -> list[Span]:
    """The readers' spans moved to the merged grid; spans in dropped repeated headers go."""
    spans = [s for s in group[0].spans if s[0] < h]
    offset = h
    for block in group:
        hb = len(block.header)
        for r, c, rs, cs in block.spans:
            if r >= hb:
                spans.append((r - hb + offset, c, rs, cs))
        offset += len(block.data)
    return spans


def _cells(rows: Rows, h: int, spans: list[Span]) -> list[Cell]:
    n_rows, n_cols = len(rows), len(rows[0]) if rows else 0
    anchors: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for r, c, rs, cs in sorted(spans):
        rs, cs = min(rs, n_rows - r), min(cs, n_cols - c)
        area = {(rr, cc) for rr in range(r, r + rs) for cc in range(c, c + cs)}
        if r >= n_rows or c >= n_cols or area & covered:
            continue  # out of the grid, or overlapping an earlier span: not trusted
        anchors[(r, c)] = (rs, cs)
        covered |= area
    cells: list[Cell] = []
    for r in range(n_rows):
        for c in range(n_cols):
            if (r, c) in anchors:
                rs, cs = anchors[(r, c)]
                # A reader's span may cover text (it should not); keep it rather than lose it.
                texts = [rows[rr][cc] for rr in range(r, r + rs) for cc in range(c, c + cs)]
                text = "\n".join(t for t in texts if t.strip())
                cells.append(Cell(r, c, rs, cs, r < h, text))
            elif (r, c) not in covered:
                cells.append(Cell(r, c, 1, 1, r < h, rows[r][c]))
    return cells
