"""Header rows of a table block: how many there are, and whether the converter garbled them."""

from __future__ import annotations

import re

from extractors.tables.predicates import is_label, is_value
from extractors.textnorm import compact, nfkc

Rows = list[list[str]]

# Years head columns as often as they label rows (污染物 | 2022年 | 2023年).
_YEAR_LABEL = re.compile(r"^(?:19|20)\d{2}年度?$")


def _header_label(text: str) -> bool:
    return is_label(text) or bool(_YEAR_LABEL.match(compact(nfkc(text))))


def pad(rows: Rows) -> Rows:
    """Every row as wide as the widest: converters drop trailing empty cells unevenly."""
    n = max((len(r) for r in rows), default=0)
    return [list(r) + [""] * (n - len(r)) for r in rows]


def empty_columns(rows: Rows) -> list[int]:
    """Columns with no text in any row, header included: nothing printed there, so a column
    the converter invented (the garbled price-table page has three)."""
    if not rows:
        return []
    return [c for c in range(len(rows[0])) if not any(r[c].strip() for r in rows)]


def drop_columns(rows: Rows, cols: list[int]) -> Rows:
    gone = set(cols)
    return [[t for c, t in enumerate(r) if c not in gone] for r in rows]


def count_header_rows(rows: Rows) -> int:
    """Leading rows that name columns rather than hold data.

    Row 0 is a header when at least two of its cells are short labels and none is a value.
    A following row is a header too when it holds only labels, its leading cell is empty (the
    column headers to the left span both rows) and it fills columns the row above left empty
    (sub-headers under a spanning parent: 价格（元） over 三甲 … 二乙以下)."""
    if len(rows) < 2:
        return 0
    first = [t for t in rows[0] if t.strip()]
    if len(first) < 2 or not all(_header_label(t) for t in first):
        return 0
    h = 1
    while h < len(rows) - 1 and _sub_header(rows[h - 1], rows[h]):
        h += 1
    return h


def _sub_header(above: list[str], row: list[str]) -> bool:
    cells = [t for t in row if t.strip()]
    if not cells or row[0].strip() or any(is_value(t) or not is_label(t) for t in cells):
        return False
    return any(t.strip() and not above[c].strip() for c, t in enumerate(row))


def same_header(a: Rows, b: Rows) -> bool:
    return len(a) == len(b) and all(
        len(ra) == len(rb) and [compact(x) for x in ra] == [compact(y) for y in rb]
        for ra, rb in zip(a, b, strict=True)
    )


def garbled_like(header: Rows, reference: Rows) -> bool:
    """`header` is `reference` with its sub-header rows garbled: same width, same first row,
    and every sub-header row that differs holds one label repeated (三甲 三甲 三甲 三甲 三甲)
    where the reference has distinct labels in the same places."""
    if len(header) != len(reference) or len(header) < 2 or same_header(header, reference):
        return False
    if len(header[0]) != len(reference[0]) or not same_header(header[:1], reference[:1]):
        return False
    for row, ref in zip(header[1:], reference[1:], strict=True):
        if [compact(t) for t in row] == [compact(t) for t in ref]:
            continue
        cells = {compact(t) for t in row if t.strip()}
        ref_cells = [compact(t) for t in ref if t.strip()]
        filled = [c for c, t in enumerate(row) if t.strip()]
        ref_filled = [c for c, t in enumerate(ref) if t.strip()]
        if len(cells) != 1 or len(set(ref_cells)) < 2 or filled != ref_filled:
            return False
    return True
