"""Rows of the table datasets: every table, its cells, and the typed records of known kinds."""

from __future__ import annotations

from extractors.rows.ids import table_id
from extractors.tables.notice_tables import NoticeTable


def table_rows(
    tables: list[NoticeTable], notice_id: str, issue_id: str, page_offset: int, prov: dict
) -> dict[str, list[dict]]:
    """`tables`, `table_cells` and one typed dataset per known kind, for one notice."""
    out: dict[str, list[dict]] = {"tables": [], "table_cells": []}
    for found in tables:
        tid = table_id(notice_id, found.seq)
        table = found.table
        out["tables"].append(
            {
                "table_id": tid,
                "issue_id": issue_id,
                "notice_id": notice_id,
                "attachment_no": found.attachment_no,
                "caption": found.caption,
                "kind": found.kind,
                "page_start": table.page_start + page_offset,
                "page_end": table.page_end + page_offset,
                "n_rows": table.n_rows,
                "n_cols": table.n_cols,
                "header_rows": table.header_rows,
                **prov,
            }
        )
        out["table_cells"] += [
            {
                "table_id": tid,
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
        if found.kind is not None and found.records:
            out.setdefault(found.kind, [])
            out[found.kind] += [
                {"table_id": tid, "issue_id": issue_id, "notice_id": notice_id, **record, **prov}
                for record in found.records
            ]
    return out
