"""Merged cells a converter left empty, turned back into spans.

A converter writes a merged cell's text once, in its top-left position, and leaves the cells
it covered empty. Only emptiness that the table's own structure explains becomes a span:
- a header label with sub-headers under the empty cells to its right spans them
  (价格（元） over 三甲 … 二乙以下); a header label with nothing below it spans down (序号);
- a leading grouping column, left of the first column that is filled in every data row, spans
  down over its empty cells (商服用地 over Ⅰ级 … Ⅶ级);
- a data value in the first column under a spanning header, with every other column under
  that header empty, spans the group (住宅用地 Ⅰ级 368 '' under 临街且平街一层 / 其他).
Every other empty cell stays empty: nothing is invented.
"""

from __future__ import annotations

Span = tuple[int, int, int, int]  # row, col, row_span, col_span (TableGrid.spans)
Rows = list[list[str]]


def header_spans(header: Rows) -> list[Span]:
    h = len(header)
    n = len(header[0]) if header else 0
    covered: set[tuple[int, int]] = set()
    spans: list[Span] = []
    for r in range(h):
        for c in range(n):
            if (r, c) in covered or not header[r][c].strip():
                continue
            c2 = c + 1
            while (
                c2 < n
                and (r, c2) not in covered
                and not header[r][c2].strip()
                and any(header[rr][c2].strip() for rr in range(r + 1, h))
            ):
                c2 += 1
            r2 = r + 1
            while r2 < h and all(
                not header[r2][cc].strip() and (r2, cc) not in covered for cc in range(c, c2)
            ):
                r2 += 1
            if r2 - r > 1 or c2 - c > 1:
                spans.append((r, c, r2 - r, c2 - c))
                covered.update((rr, cc) for rr in range(r, r2) for cc in range(c, c2))
    return spans


def group_parents(header: Rows, spans: list[Span]) -> list[tuple[int, int] | None]:
    """For each column, the (first, last+1) columns of the spanning header cell above it in
    the last header row but one, or None: the columns whose data may merge horizontally."""
    n = len(header[0]) if header else 0
    parents: list[tuple[int, int] | None] = [None] * n
    if len(header) < 2:
        return parents
    leaf_row = len(header) - 1
    depth = [-1] * n  # the deepest spanning cell wins: it is the nearest parent
    for r, c, rs, cs in spans:
        bottom = r + rs - 1
        if cs > 1 and bottom < leaf_row:
            for cc in range(c, c + cs):
                if bottom > depth[cc]:
                    parents[cc], depth[cc] = (c, c + cs), bottom
    return parents


def data_spans(data: Rows, parents: list[tuple[int, int] | None]) -> list[Span]:
    """Spans among data rows (row indexes relative to the first data row)."""
    if not data:
        return []
    n = len(data[0])
    parents = list(parents) + [None] * (n - len(parents))
    spans = _fill_down(data, n)
    covered = {(r + dr, c + dc) for r, c, rs, cs in spans for dr in range(rs) for dc in range(cs)}
    for r, row in enumerate(data):
        if not any(t.strip() for t in row):
            continue
        c = 0
        while c < n:
            group = parents[c]
            if (
                group
                and c == group[0]
                and row[c].strip()
                and (r, c) not in covered
                and all(
                    not row[cc].strip() and (r, cc) not in covered for cc in range(c + 1, group[1])
                )
            ):
                spans.append((r, c, 1, group[1] - c))
                c = group[1]
                continue
            c += 1
    return spans


def _fill_down(data: Rows, n: int) -> list[Span]:
    key = next((c for c in range(n) if all(row[c].strip() for row in data)), None)
    if key is None:
        return []
    spans: list[Span] = []
    starts: set[int] = set()  # rows where a group to the left begins: a group ends there
    for c in range(key):
        column = [row[c].strip() for row in data]
        if not column[0] or all(column):
            continue
        r = 0
        new_starts: set[int] = set()
        while r < len(data):
            r2 = r + 1
            while r2 < len(data) and not column[r2] and r2 not in starts:
                r2 += 1
            if column[r]:
                new_starts.add(r)
                if r2 - r > 1:
                    spans.append((r, c, r2 - r, 1))
            r = r2
        starts |= new_starts
    return spans
