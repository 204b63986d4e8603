"""A notice's table blocks, stitched per attachment into logical tables, captioned and typed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import groupby

from extractors.model import TableGrid
from extractors.segmentation.notice_parts import PlacedTable
from extractors.tables.grid import LogicalTable, logical_tables
from extractors.tables.typed import (
    classify,
    land_price_standards,
    pollutant_concentrations,
    price_items,
)

# Kind of table (as `classify` names it) → its typed records; each kind is also the name of
# the dataset those records go to.
TYPED: dict[str, Callable[[LogicalTable], list[dict]]] = {
    "pollutant_concentrations": pollutant_concentrations,
    "price_items": price_items,
    "land_price_standards": land_price_standards,
}


@dataclass(frozen=True)
class NoticeTable:
    seq: int  # 1-based, in the notice's reading order
    attachment_no: int | None
    table: LogicalTable
    caption: str | None
    kind: str | None  # a key of TYPED, or None
    records: list[dict]  # typed records, when the kind is known


def notice_tables(
    grids: Sequence[TableGrid],
    placed: list[PlacedTable],
    attachment_titles: dict[int, str | None],
) -> list[NoticeTable]:
    """`placed` lists the notice's tables in reading order; blocks of one attachment are
    stitched into logical tables. A block without a caption takes the line printed above it,
    a table without either the title of its attachment."""
    out: list[NoticeTable] = []
    for attachment_no, group in groupby(placed, key=lambda p: p.attachment_no):
        blocks = [replace(grids[p.index], caption=grids[p.index].caption or p.above) for p in group]
        for table in logical_tables(blocks):
            kind = classify(table)
            out.append(
                NoticeTable(
                    seq=len(out) + 1,
                    attachment_no=attachment_no,
                    table=table,
                    caption=table.caption or attachment_titles.get(attachment_no or 0),
                    kind=kind,
                    records=TYPED[kind](table) if kind in TYPED else [],
                )
            )
    return out
