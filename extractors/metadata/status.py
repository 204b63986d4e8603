"""The one in-force rule: whether a notice is in force on a given day.

A notice is in force from its start — its effective date, or its signing date when the
effective date is unknown — through its expiry date, both ends inclusive. No expiry means
open-ended; when neither start is known there is no lower bound (a published document is
taken to be in force until it expires).

The rule is written here once, as Python (`in_force`, `notice_in_force`) and as an SQL
expression (`in_force_sql`) valid in SQLite and DuckDB, so the index's view and the search
filter build their SQL from it instead of restating it. tests/test_status.py checks that the
two agree on the boundary days in both engines.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

__all__ = ["in_force", "in_force_sql", "notice_in_force"]


def in_force(
    day: date,
    effective: date | None,
    expiry: date | None,
    signing: date | None = None,
) -> bool:
    """Whether a document with these dates is in force on ``day`` (see the module docstring)."""
    start = effective if effective is not None else signing
    if start is not None and day < start:
        return False
    return not (expiry is not None and day > expiry)


def notice_in_force(notice: Mapping[str, Any], day: date) -> bool:
    """Whether a `notices` row (a dict, a pandas row) is in force on ``day``."""
    return in_force(
        day,
        _as_date(notice.get("effective_date")),
        _as_date(notice.get("expiry_date")),
        _as_date(notice.get("signing_date")),
    )


def in_force_sql(
    day_sql: str,
    *,
    effective: str = "effective_date",
    expiry: str = "expiry_date",
    signing: str = "signing_date",
) -> str:
    """The rule as an SQL boolean expression, for SQLite and DuckDB.

    ``day_sql`` is an SQL expression for the day: ``date('now')`` (SQLite), ``current_date``
    (DuckDB), or a placeholder. It appears twice in the result, so with positional ``?``
    parameters pass the day twice, or use a named one (``:day`` in SQLite, ``$day`` in both).
    The column arguments are SQL expressions too (``n.effective_date``). Dates compare as
    ISO text in SQLite and as DATE in DuckDB. The result is never NULL; wrap it in
    ``CAST(... AS INTEGER)`` for a 0/1 column.
    """
    start = f"coalesce({effective}, {signing})"
    return (
        f"(({start} IS NULL OR {start} <= {day_sql})"
        f" AND ({expiry} IS NULL OR {expiry} >= {day_sql}))"
    )


def _as_date(value: Any) -> date | None:
    # pandas gives NaT/None for nulls and Timestamps for dates read back from Parquet.
    if value is None or value != value:
        return None
    return value.date() if hasattr(value, "date") and callable(value.date) else value
