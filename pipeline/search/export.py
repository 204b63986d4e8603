"""`gazette export`: one dataset of the corpus as a file a spreadsheet opens.

CSV is written as UTF-8 with a byte-order mark: without it Excel reads a UTF-8 CSV in the
system's legacy code page and shows the Chinese as mojibake. .xlsx goes through openpyxl,
with the header row bold and frozen, dates as dates and lists joined by 、. Rows come from the
same DuckDB views `gazette query` reads (query.py), in the dataset's own order.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

from pipeline.search.query import Result, datasets, run_query

EXPORT_FORMATS = ("csv", "xlsx")
CSV_ENCODING = "utf-8-sig"  # UTF-8 with the BOM spreadsheets look for
XLSX_MAX_CELL = 32_767  # characters Excel keeps in one cell; longer texts are cut with …
XLSX_COLUMN_WIDTH = 40  # the widest a column is made, in Excel's character units


class ExportError(Exception):
    """The dataset is not in the corpus, or the format is not one of EXPORT_FORMATS."""


def export(out_dir: str | Path, dataset: str, path: Path, fmt: str | None = None) -> int:
    """Write DATASET of the corpus at OUT_DIR to PATH (format from FMT or the suffix); rows."""
    fmt = fmt or path.suffix.lstrip(".").lower()
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"cannot export to {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    known = datasets(out_dir)
    if dataset not in known:
        raise ExportError(
            f"no dataset {dataset!r} in {out_dir}; there are: {', '.join(sorted(known))}"
        )
    result = run_query(out_dir, f'SELECT * FROM "{dataset}"')
    if fmt == "csv":
        _csv(result, path)
    else:
        _xlsx(result, path, sheet=dataset)
    return len(result.rows)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(map(str, value))
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def _csv(result: Result, path: Path) -> None:
    with path.open("w", encoding=CSV_ENCODING, newline="") as f:
        writer = csv.writer(f)
        writer.writerow(result.columns)
        writer.writerows([_text(v) for v in row] for row in result.rows)


def _xlsx(result: Result, path: Path, sheet: str) -> None:
    from openpyxl import Workbook  # here: only this command needs it
    from openpyxl.styles import Font

    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]  # Excel's limit on sheet names
    ws.append(result.columns)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    widths = [len(c) for c in result.columns]
    for row in result.rows:
        values = [_xlsx_value(v) for v in row]
        ws.append(values)
        for i, v in enumerate(values):
            widths[i] = max(widths[i], min(len(str(v or "")), XLSX_COLUMN_WIDTH))
    for i, width in enumerate(widths):
        ws.column_dimensions[ws.cell(row=1, column=i + 1).column_letter].width = width + 2
    book.save(path)


def _xlsx_value(value: object) -> object:
    if isinstance(value, (int, float, date, datetime)) or value is None:
        return value
    text = _text(value)
    # Characters XML 1.0 cannot hold make openpyxl refuse the cell; a printed text has none.
    text = "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)
    return text if len(text) <= XLSX_MAX_CELL else text[: XLSX_MAX_CELL - 1] + "…"


def schemas_json() -> dict:
    """Every dataset's schema as plain data, for `gazette schema --json`: its description,
    and per column the name, Arrow type, nullability and description (from `schemas`)."""
    from schemas import DATASETS  # here: pyarrow is only needed when asked

    def doc(meta: dict | None) -> str:
        return meta[b"description"].decode() if meta and b"description" in meta else ""

    return {
        name: {
            "description": doc(schema.metadata),
            "columns": [
                {
                    "name": f.name,
                    "type": str(f.type),
                    "nullable": f.nullable,
                    "description": doc(f.metadata),
                }
                for f in schema
            ],
        }
        for name, schema in DATASETS.items()
    }
