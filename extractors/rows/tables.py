"""Rows of the table datasets: every table as cells, the known kinds as typed records."""

from __future__ import annotations

from itertools import groupby

from extractors.model import Document
from extractors.tables import (
    LogicalTable,
    classify,
    land_price_standards,
    logical_tables,
    pollutant_concentrations,
    price_items,
)

TYPED = {
    "pollutant_concentrations": pollutant_concentrations,
    "price_items": price_items,
    "land_price_standards": land_price_standards,
}


def table_rows(
    doc: Document,
    notice_id: str,
    issue_id: str,
    placed: list[tuple[int, int | None, str | None]],
    attachment_titles: dict[int, str | None],
    prov: dict,
) -> dict[str, list[dict]]:
    """Rows for one notice's tables. `placed` lists (table index, attachment no, the line
    above) in reading order; blocks of one attachment are stitched into logical tables."""
    out: dict[str, list[dict]] = {name: [] for name in ("tables", "table_cells", *TYPED)}
    seq = 0
    for attachment_no, group in groupby(placed, key=lambda p: p[1]):
        group = list(group)
        for index, _, above in group:
            grid = doc.tables[index]
            grid.caption = grid.caption or above
        for table in logical_tables([doc.tables[index] for index, _, _ in group]):
            seq += 1
            table_id = f"{notice_id}-t{seq:02d}"
            caption = table.caption or attachment_titles.get(attachment_no or 0)
            kind = classify(table)
            out["tables"].append(
                _table_row(table, table_id, issue_id, notice_id, attachment_no, caption, kind, prov)
            )
            out["table_cells"] += [
                {
                    "table_id": table_id,
                    "issue_id": issue_id,
                    "row": c.row,
                    "col": c.col,
                    "row_span": c.row_span,
                    "col_span": c.col_span,
                    "is_header": c.is_header,
                    "text": c.text,
                    **prov,
                }
                for c in table.cells
            ]
            if kind in TYPED:
                out[kind] += [
                    {
                        "table_id": table_id,
                        "issue_id": issue_id,
                        "notice_id": notice_id,
                        **record,
                        **prov,
                    }
                    for record in TYPED[kind](table)
                ]
    return out


def _table_row(
    table: LogicalTable,
    table_id: str,
    issue_id: str,
    notice_id: str,
    attachment_no: int | None,
    caption: str | None,
    kind: str | None,
    prov: dict,
) -> dict:
    return {
        "table_id": table_id,
        "issue_id": issue_id,
        "notice_id": notice_id,
        "attachment_no": attachment_no,
        "caption": caption,
        "kind": kind,
        "page_start": table.page_start,
        "page_end": table.page_end,
        "n_rows": table.n_rows,
        "n_cols": table.n_cols,
        "header_rows": table.header_rows,
        **prov,
    }
