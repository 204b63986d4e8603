"""`gazette query`: SQL over the Parquet datasets with DuckDB, no index needed.

Every dataset folder under OUT (issues, notices, articles, … and any dataset added later, such
as tables) is a view named after it, and so are the corpus views of pipeline.corpus
(document_copies, links, document_dates, documents). Results print as an aligned table, CSV,
TSV, JSON, newline-delimited JSON or a Markdown table, as sqlite-utils and DuckDB users expect.
Read-only: only SELECT-like statements run (no COPY … TO, no ATTACH, no CREATE), so a query
can never write into the corpus or anywhere else.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

__all__ = [
    "FORMATS",
    "QueryInvalid",
    "QueryRefused",
    "Result",
    "connect",
    "datasets",
    "display_width",
    "render",
    "run_query",
]

FORMATS = ("table", "csv", "tsv", "json", "nl-json", "markdown")
# Statement types that only read (DuckDB's StatementType names).
READ_ONLY_STATEMENTS = ("SELECT", "EXPLAIN", "PRAGMA")
MAX_CELL_WIDTH = 60  # terminal columns a table cell may take before it is cut with …
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Result:
    columns: list[str]
    rows: list[tuple]


def datasets(out_dir: str | Path) -> dict[str, Path]:
    """Dataset name → folder, for every folder under OUT that holds Parquet files."""
    found = {}
    for folder in sorted(Path(out_dir).iterdir()) if Path(out_dir).is_dir() else []:
        named = folder.is_dir() and _IDENTIFIER.fullmatch(folder.name)
        if named and any(folder.glob("*.parquet")):
            found[folder.name] = folder
    return found


def connect(out_dir: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one view per dataset of OUT."""
    import duckdb  # here: `gazette --help` and the other commands need none of it

    con = duckdb.connect()
    for name, folder in datasets(out_dir).items():
        # writer.SCHEMA_FILE (no rows) is in the glob on purpose: it gives an empty dataset
        # its columns. union_by_name: files written before a column was added lack it.
        glob = str(folder / "*.parquet").replace("'", "''")
        con.execute(
            f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{glob}', union_by_name = true)"
        )
    _corpus_views(con, set(datasets(out_dir)))
    return con


def _corpus_views(con: duckdb.DuckDBPyConnection, present: set[str]) -> None:
    """The corpus-level views (pipeline.corpus: document_copies, links, document_dates,
    documents) over the dataset views, where their datasets are there."""
    from pipeline.corpus import DERIVED, derived_sql

    for name, needs in DERIVED:
        if set(needs) <= present:
            con.execute(f"CREATE VIEW {name} AS {derived_sql(name, 'current_date')}")


class QueryRefused(Exception):
    """A statement that would write (COPY … TO, CREATE, ATTACH, SET …): not run."""


class QueryInvalid(Exception):
    """No statement to run: the SQL is empty, only comments, or does not parse."""


def run_query(out_dir: str | Path, sql: str) -> Result:
    """Run SQL's statements in order; the last one's rows are the result."""
    con = connect(out_dir)
    try:
        statements = _statements(con, sql)
        for statement in statements:
            kind = statement.type.name
            if kind not in READ_ONLY_STATEMENTS:
                raise QueryRefused(
                    f"{kind} statements are not run: `gazette query` only reads the corpus "
                    "(use `gazette export` to write a dataset to a file)"
                )
        for statement in statements[:-1]:
            con.execute(statement)
        cursor = con.execute(statements[-1])
        if cursor.description is None:  # a statement without a result, e.g. SET
            return Result([], [])
        return Result([d[0] for d in cursor.description], cursor.fetchall())
    finally:
        con.close()


def _statements(con: duckdb.DuckDBPyConnection, sql: str) -> list[duckdb.Statement]:
    """SQL's statements, parsed; QueryInvalid when there are none or it does not parse."""
    import duckdb

    try:
        statements = con.extract_statements(sql)
    except duckdb.ParserException as exc:
        # DuckDB's first line is the reason; the lines after it draw the position with ^^^.
        reason = str(exc).strip().splitlines()[0].removeprefix("Parser Error: ")
        raise QueryInvalid(f"the SQL does not parse: {reason}") from exc
    if not statements:
        raise QueryInvalid("no SQL to run: the query is empty, blank or only comments")
    return statements


def render(result: Result, fmt: str) -> str:
    """The result in one of FORMATS."""
    if fmt in ("csv", "tsv"):
        return _csv(result, "," if fmt == "csv" else "\t")
    if fmt == "json":
        return _json(result)
    if fmt == "nl-json":
        return "\n".join(
            json.dumps(
                dict(zip(result.columns, row, strict=True)), ensure_ascii=False, default=_json_value
            )
            for row in result.rows
        )
    if fmt == "markdown":
        return _markdown(result)
    return _table(result)


def _markdown(result: Result) -> str:
    def cell(value: object) -> str:
        text = "" if value is None else _plain(value)
        return " ".join(text.split()).replace("|", "\\|")

    lines = ["| " + " | ".join(result.columns) + " |", "|" + "---|" * len(result.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in result.rows]
    return "\n".join(lines)


def _json(result: Result) -> str:
    records = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
    return json.dumps(records, ensure_ascii=False, indent=2, default=_json_value)


def _json_value(value: object) -> object:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


def _csv(result: Result, delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow(["" if v is None else _plain(v) for v in row])
    return buffer.getvalue().rstrip("\n")


def _table(result: Result) -> str:
    header = list(result.columns)
    cells = [[_cell(v) for v in row] for row in result.rows]
    widths = [
        max([display_width(h)] + [display_width(r[i]) for r in cells]) for i, h in enumerate(header)
    ]
    numeric = [
        all(isinstance(row[i], (int, float, Decimal)) or row[i] is None for row in result.rows)
        and any(row[i] is not None for row in result.rows)
        for i in range(len(header))
    ]

    def line(values: list[str]) -> str:
        padded = [
            _pad(v, w, right=numeric[i])
            for i, (v, w) in enumerate(zip(values, widths, strict=True))
        ]
        return "  ".join(padded).rstrip()

    lines = [line(header), "  ".join("-" * w for w in widths)]
    lines += [line(r) for r in cells]
    n = len(result.rows)
    lines.append(f"({n} row{'' if n == 1 else 's'})")
    return "\n".join(lines)


def _plain(value: object) -> str:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=_json_value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def _cell(value: object) -> str:
    if value is None:
        return ""
    text = " ⏎ ".join(_plain(value).splitlines())  # one row per line, still showing breaks
    if display_width(text) <= MAX_CELL_WIDTH:
        return text
    out, width = [], 0
    for ch in text:
        width += _char_width(ch)
        if width > MAX_CELL_WIDTH - 1:
            break
        out.append(ch)
    return "".join(out) + "…"


def _pad(text: str, width: int, *, right: bool) -> str:
    gap = " " * (width - display_width(text))
    return gap + text if right else text + gap


def display_width(text: str) -> int:
    """Terminal columns: CJK and full-width characters take two."""
    return sum(_char_width(ch) for ch in text)


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1
