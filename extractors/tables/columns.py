"""Finding a logical table's columns by what their headers say."""

from __future__ import annotations

from extractors.tables.grid import LogicalTable
from extractors.textnorm import compact, nfkc


def plain(text: str) -> str:
    """Compared form: NFKC (full-width digits and brackets, SO₂ → SO2), no whitespace."""
    return compact(nfkc(text))


def header_paths(table: LogicalTable) -> list[list[str]]:
    """Per column, its header labels top to bottom in compared form."""
    return [[plain(t) for t in table.header_path(c)] for c in range(table.n_cols)]


def find_column(table: LogicalTable, *keys: str, exclude: tuple[str, ...] = ()) -> int | None:
    """The first column whose top header label contains one of `keys` (and none of `exclude`)."""
    for c, path in enumerate(header_paths(table)):
        head = path[0] if path else ""
        if any(k in head for k in keys) and not any(x in head for x in exclude):
            return c
    return None
