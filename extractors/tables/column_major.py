"""Tables that a text dump wrote one cell per line, column by column.

What can be relied on: an index column (序号 1 … N, or consecutive years) gives the number of
data rows; every following column is a header of one to three short lines and then exactly as
many cells as there are rows (the index column may carry a few more, row labels such as the
limit row 环境空气质量标准二级浓度限值); a cell that wraps does so because its line reached the
column's width, so a line is joined to the next only when it is (nearly) as wide as the widest
line of its column. Among the parses that end cleanly (at a line that cannot start another
column), the one that covers the most lines and needs the fewest unlikely joins wins.

Tables printed sideways, one character per line, are handled by `sideways`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from extractors.model import TableGrid
from extractors.patterns import CN_NUM
from extractors.tables.predicates import is_label, is_null, is_value
from extractors.tables.sideways import find_sideways_tables
from extractors.textnorm import display_width

MIN_ROWS = 3  # an index column of 1, 2 is too easily a list in prose
MAX_EXTRA_ROWS = 2  # row labels the index column may carry after its numbers
MAX_CELL_LINES = 3
MAX_HEADER_LINES = 3
MAX_HEADER_WIDTH = 10.0  # a column header line, in CJK character widths
FULL = 0.85  # a line this close to the column's widest line may wrap
UNLIKELY_JOIN = 3.0  # cost of joining a line that did not reach the column edge
INF = float("inf")

_STOP = re.compile(
    rf"^(?:附件|附表|注[：:]|说明[：:]|备注[：:]|第{CN_NUM}[章节条]"
    r"|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)"
)
# Page furniture that may sit right after a table: running headers and section labels.
_FURNITURE = re.compile(r"公报.*期|^\S{0,8}文件$")
_CAPTION = re.compile(r"(?:结果|情况|一览表|统计表|汇总表|明细表|清单|名单|表)$")
_YEAR = re.compile(r"^((?:19|20)\d{2})(年度?)?$")
# Two runs of text on one line (证件编号 签发机构): the dump saw them side by side, so this is
# not a column written one cell per line.
_TWO_RUNS = re.compile(r"[^\x00-\x7f]\s+[^\x00-\x7f]")


def find_column_major_tables(
    lines: list[str], pages: Sequence[int] | None = None
) -> list[tuple[int, int, TableGrid]]:
    """(start, end, grid) for each table rebuilt from `lines` (stripped, no blank lines);
    `lines[start:end]` is the table with its caption. `pages`, one per line, sets the grids'
    page_start / page_end; without it they are 0."""
    runs = _index_runs(lines)
    facts = _Facts(lines) if runs else None
    found = [t for t in (_table_at(facts, a, b) for a, b in runs) if t] if facts else []
    found += find_sideways_tables(lines)
    found.sort(key=lambda t: t[0])
    result: list[tuple[int, int, TableGrid]] = []
    for start, end, grid in found:
        if result and start < result[-1][1]:
            continue  # overlaps a table found earlier in the text
        if pages is not None:
            grid.page_start, grid.page_end = pages[start], pages[end - 1]
        result.append((start, end, grid))
    return result


# --- the index column --------------------------------------------------------------------


def _index_value(line: str) -> tuple[str, int] | None:
    if re.fullmatch(r"\d{1,3}", line):
        return ("n", int(line))
    m = _YEAR.match(line)
    return (f"y{m.group(2) or ''}", int(m.group(1))) if m else None


def _index_runs(lines: list[str]) -> list[tuple[int, int]]:
    """Runs of lines counting up by one: 1, 2, 3 … or 2018年, 2019年 …"""
    runs = []
    i = 0
    while i < len(lines):
        first = _index_value(lines[i])
        j = i + 1
        if first:
            kind, value = first
            while j < len(lines) and _index_value(lines[j]) == (kind, value + j - i):
                j += 1
            if j - i >= MIN_ROWS and (kind != "n" or value == 1):
                runs.append((i, j))
        i = j
    return runs


def _index_header(lines: Sequence[str], a: int) -> int | None:
    """Where the index column's header starts: up to three short label lines before the
    numbers (序 / 号, 序号, 年份)."""
    start = a
    while start > 0 and a - start < MAX_HEADER_LINES:
        line = lines[start - 1]
        if display_width(line) > 4 or not is_label(line) or _stop(line) or _CAPTION.search(line):
            break
        start -= 1
    return start if start < a else None


def _caption(lines: Sequence[str], header_start: int) -> tuple[int, str | None]:
    i = header_start - 1
    if i < 0 or not _CAPTION.search(lines[i]) or _stop(lines[i]):
        return header_start, None
    start, text = i, lines[i]
    # A caption wrapped over two lines: 2024年第三季度全市政务数据汇集工作 / 检查情况.
    before = lines[i - 1] if i > 0 else ""
    if (
        display_width(text) <= 6
        and before
        and not _stop(before)
        and not re.search(r"[。；：，]$", before)
    ):
        start, text = i - 1, before + text
    return start, text


# --- one table ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Column:
    header: tuple[int, int]  # line range
    cells: tuple[tuple[int, int], ...]  # line ranges, one per row


class _Facts:
    """Per-line facts, computed once per document: the cell DP asks for them many times."""

    def __init__(self, lines: list[str]):
        self.lines = tuple(lines)
        self.numeric = tuple(_numeric(x) for x in lines)
        self.width = tuple(display_width(x) for x in lines)
        self.bad = tuple(_bad(x) for x in lines)
        self.header_like = tuple(_header_like(x) for x in lines)


def _table_at(facts: _Facts, a: int, b: int) -> tuple[int, int, TableGrid] | None:
    lines = facts.lines
    hs = _index_header(lines, a)
    if hs is None:
        return None
    best = None
    for extra in range(MAX_EXTRA_ROWS + 1):
        parse = _Parser(facts, b - a + extra).table(hs, a, b)
        if parse and (best is None or (parse[0], -parse[1]) > (best[0], -best[1])):
            best = parse
    if best is None:
        return None
    end, _cost, columns = best
    start, caption = _caption(lines, hs)
    text = [[_join(lines, *col.header)] + [_join(lines, *c) for c in col.cells] for col in columns]
    rows = [list(row) for row in zip(*text, strict=True)]
    return (
        start,
        end,
        TableGrid(rows=rows, page_start=0, page_end=0, caption=caption, header_rows=1),
    )


def _join(lines: Sequence[str], start: int, end: int) -> str:
    # A wrapped cell continues on the next line: the break is layout, not a space.
    return "".join(lines[start:end])


def _stop(line: str) -> bool:
    return bool(_STOP.match(line) or _FURNITURE.search(line))


def _header_like(line: str) -> bool:
    return is_label(line) and not _bad(line) and display_width(line) <= MAX_HEADER_WIDTH


def _bad(line: str) -> bool:
    """A line no header or cell of a column-major table can be."""
    return _stop(line) or "。" in line or bool(_TWO_RUNS.search(line))


def _numeric(line: str) -> bool:
    return is_value(line) or is_null(line)


class _Parser:
    """Column-by-column parse of the lines after an index column, for a fixed row count."""

    def __init__(self, facts: _Facts, rows: int):
        self.lines = facts.lines
        self.numeric, self.width = facts.numeric, facts.width
        self.bad, self.header_like = facts.bad, facts.header_like
        self.rows = rows
        self.rest = cache(self._rest)

    def table(self, hs: int, a: int, b: int) -> tuple[int, float, list[_Column]] | None:
        """The index column (header hs..a, numbers a..b, then row labels), then the rest."""
        extra = self.rows - (b - a)
        numbers = tuple((i, i + 1) for i in range(a, b))
        best = None
        for labels in self._groupings(b, extra):
            q = labels[-1][1] if labels else b
            w = max(self.width[hs:q])
            cost = self._join_costs(hs, a, w, None)  # 序 / 号
            for s, e in labels:
                if any(self.numeric[i] or self.bad[i] for i in range(s, e)):
                    cost = INF
                cost += self._join_costs(s, e, w, None)
            rest = self.rest(q)
            if cost == INF or rest is None or not rest[2]:
                continue
            column = _Column((hs, a), numbers + tuple(labels))
            parse = (rest[0], cost + rest[1], [column, *rest[2]])
            if best is None or (parse[0], -parse[1]) > (best[0], -best[1]):
                best = parse
        return best

    def _groupings(self, start: int, count: int) -> list[tuple[tuple[int, int], ...]]:
        if count == 0:
            return [()]
        found = []
        for n in range(1, MAX_CELL_LINES + 1):
            if start + n <= len(self.lines):
                found += [
                    ((start, start + n), *rest) for rest in self._groupings(start + n, count - 1)
                ]
        return found

    def _clean_end(self, p: int) -> bool:
        """A table ends where no column can start: at the end, at a stop line (附件2, 说明：),
        page furniture, a number (the page number) or prose. Not at a line holding two runs
        of text side by side: that is a form's layout, and the "table" was its labels."""
        if p >= len(self.lines):
            return True
        return not self.header_like[p] and not _TWO_RUNS.search(self.lines[p])

    def _rest(self, p: int) -> tuple[int, float, list[_Column]] | None:
        """Best parse of complete columns from line p to a clean end: most lines, then least cost."""
        best = (p, 0.0, []) if self._clean_end(p) else None
        for column, q, cost in self._columns_at(p):
            rest = self.rest(q)
            if rest is None:
                continue
            parse = (rest[0], cost + rest[1], [column, *rest[2]])
            if best is None or (parse[0], -parse[1]) > (best[0], -best[1]):
                best = parse
        return best

    def _columns_at(self, p: int) -> list[tuple[_Column, int, float]]:
        lines, rows = self.lines, self.rows
        options = []
        for h in range(1, MAX_HEADER_LINES + 1):
            s = p + h
            if s > len(lines) or not all(self.header_like[p:s]):
                break
            for q in range(s + rows, min(len(lines), s + rows * MAX_CELL_LINES) + 1):
                found = self._cells(p, s, q)
                if found:
                    cells, cost = found
                    options.append((_Column((p, s), cells), q, cost))
        return options

    def _cells(self, p: int, s: int, q: int) -> tuple[tuple[tuple[int, int], ...], float] | None:
        """Lines s..q as exactly `rows` cells under the header p..s, with their cost."""
        lines, rows = self.lines, self.rows
        window = lines[s:q]
        if any(self.bad[s:q]):
            return None
        numeric = sum(self.numeric[s:q])
        if numeric * 2 >= len(window) and numeric < len(window):
            return None  # a numeric column holds numbers only
        w = max(self.width[p:q])
        lead = _common_start(window)
        # A header that wraps is less likely than one that does not (ties go to one line), a
        # long one or one holding a title in 《》 is more likely a cell.
        cost = (
            self._join_costs(p, s, w, None) + max(0.0, display_width(_join(lines, p, s)) - 8) * 0.3
        )
        cost += sum(0.5 for x in lines[p + 1 : s] if x[:1] not in "(（")
        cost += sum(1.0 for x in lines[p:s] if "《" in x)
        # f[k][i]: least cost of k cells over lines s..i; back[k][i]: where the k-th cell began.
        n = q - s
        f = [[INF] * (n + 1) for _ in range(rows + 1)]
        back = [[0] * (n + 1) for _ in range(rows + 1)]
        f[0][0] = 0.0
        # cell_cost[i][m - 1]: the cell of m lines ending at line s + i (the same for every k).
        cell_cost = [
            [
                self._cell_cost(s + i - m, s + i, w, lead) if m <= i else INF
                for m in range(1, MAX_CELL_LINES + 1)
            ]
            for i in range(n + 1)
        ]
        for k in range(1, rows + 1):
            for i in range(k, n + 1):
                for m in range(1, min(MAX_CELL_LINES, i) + 1):
                    prev = f[k - 1][i - m]
                    if prev == INF:
                        continue
                    c = prev + cell_cost[i][m - 1]
                    if c < f[k][i]:
                        f[k][i], back[k][i] = c, i - m
        if f[rows][n] == INF:
            return None
        cells = []
        i = n
        for k in range(rows, 0, -1):
            cells.append((s + back[k][i], s + i))
            i = back[k][i]
        cells.reverse()
        if self._short_joins(cells, w) > max(1, rows // 5):
            return None  # too many joins of short lines: not a column of this table
        return tuple(cells), cost + f[rows][n]

    def _cell_cost(self, s: int, e: int, w: float, lead: str | None) -> float:
        first = self.lines[s]
        if e - s == 1:
            return 0.5 if lead and not first.startswith(lead) else 0.0
        if any(self.numeric[s:e]):
            return INF  # numbers fit their cells: two numbers are two cells
        return self._join_costs(s, e, w, lead)

    def _short_joins(self, cells: list[tuple[int, int]], w: float) -> int:
        return sum(
            1
            for s, e in cells
            for i in range(s, e - 1)
            if self.width[i] < FULL * w and self.lines[i + 1][:1] not in "(（"
        )

    def _join_costs(self, s: int, e: int, w: float, lead: str | None) -> float:
        cost = 0.0
        for i in range(s, e - 1):
            b = self.lines[i + 1]
            if b[:1] in "(（":
                continue  # a bracketed unit or note under its label: CO / (mg/m3)
            cost += 0.0 if self.width[i] >= FULL * w else UNLIKELY_JOIN
            if lead and b.startswith(lead):
                cost += 1.0
        return cost


def _common_start(window: tuple[str, ...]) -> str | None:
    """The first character most cells of a column share (泸 of 泸州市…网站), if any: a line
    that does not start with it is more likely a wrapped cell's tail."""
    if len(window) < 3:
        return None
    ch, count = Counter(x[:1] for x in window).most_common(1)[0]
    return ch if count >= max(3, len(window) / 2) and not ch.isdigit() else None
