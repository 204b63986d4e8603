"""The one status rule: a document's status on a given day, and whether it is in force.

Statuses, as legal databases show them: 尚未生效 (not yet in force), 现行有效 (in force),
已修改 (in force, amended by a later document), 已失效 (expired, or replaced and stopped),
已废止 (repealed). On day ``d``, first match wins:

1. 已废止 when another document repealed it on or before ``d`` (``repealed_on`` ≤ d);
2. 已失效 when a replacement stopped it (``ceased_on`` ≤ d) or its expiry date has passed
   (``expiry`` < d: the expiry date is the last day in force);
3. 尚未生效 when its start — its effective date, or its signing date when the effective date
   is unknown — is after ``d``; when neither is known there is no lower bound (a published
   document is taken to be in force until it ends);
4. 已修改 when another document amended it on or before ``d``;
5. 现行有效 otherwise.

In force means 现行有效 or 已修改. The rule is written here once, as Python (`status_on`,
`in_force`, `notice_in_force`) and as SQL expressions (`status_sql`, `in_force_sql`) valid in
SQLite and DuckDB, so the index's views, the search filters and the browser build their SQL
from it. The dates of repeal, replacement and amendment come from the `status_events` of the
other documents, resolved to this one (pipeline.corpus.document_dates_sql).
tests/test_status.py checks that Python and SQL agree on the boundary days in both engines.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

__all__ = [
    "AMENDED",
    "EXPIRED",
    "IN_FORCE",
    "IN_FORCE_STATUSES",
    "NOT_YET",
    "REPEALED",
    "STATUSES",
    "in_force",
    "in_force_sql",
    "notice_in_force",
    "status_of",
    "status_on",
    "status_sql",
]

NOT_YET = "尚未生效"
IN_FORCE = "现行有效"
AMENDED = "已修改"
EXPIRED = "已失效"
REPEALED = "已废止"
STATUSES = (NOT_YET, IN_FORCE, AMENDED, EXPIRED, REPEALED)
IN_FORCE_STATUSES = (IN_FORCE, AMENDED)


def status_on(
    day: date,
    effective: date | None,
    expiry: date | None,
    signing: date | None = None,
    *,
    repealed_on: date | None = None,
    ceased_on: date | None = None,
    amended_on: date | None = None,
) -> str:
    """The status on ``day`` of a document with these dates (see the module docstring)."""
    if repealed_on is not None and repealed_on <= day:
        return REPEALED
    if (ceased_on is not None and ceased_on <= day) or (expiry is not None and expiry < day):
        return EXPIRED
    start = effective if effective is not None else signing
    if start is not None and day < start:
        return NOT_YET
    if amended_on is not None and amended_on <= day:
        return AMENDED
    return IN_FORCE


def in_force(
    day: date,
    effective: date | None,
    expiry: date | None,
    signing: date | None = None,
    **events: date | None,
) -> bool:
    """Whether the document is in force on ``day``: its status is 现行有效 or 已修改."""
    return status_on(day, effective, expiry, signing, **events) in IN_FORCE_STATUSES


_DATE_FIELDS = {
    "effective": "effective_date",
    "expiry": "expiry_date",
    "signing": "signing_date",
    "repealed_on": "repealed_on",
    "ceased_on": "ceased_on",
    "amended_on": "amended_on",
}


def status_of(row: Mapping[str, Any], day: date) -> str:
    """The status on ``day`` of a row holding the dates under their column names (a `notices`
    row, a row of the `document_dates` view; dicts or pandas rows)."""
    dates = {arg: _as_date(row.get(column)) for arg, column in _DATE_FIELDS.items()}
    return status_on(
        day,
        dates.pop("effective"),
        dates.pop("expiry"),
        dates.pop("signing"),
        **dates,
    )


def notice_in_force(notice: Mapping[str, Any], day: date) -> bool:
    """Whether a `notices` row (a dict, a pandas row) is in force on ``day``."""
    return status_of(notice, day) in IN_FORCE_STATUSES


def status_sql(
    day_sql: str,
    *,
    effective: str = "effective_date",
    expiry: str = "expiry_date",
    signing: str = "signing_date",
    repealed_on: str = "NULL",
    ceased_on: str = "NULL",
    amended_on: str = "NULL",
) -> str:
    """The rule as an SQL CASE expression giving the status text, for SQLite and DuckDB.

    ``day_sql`` is an SQL expression for the day: ``date('now')`` (SQLite), ``current_date``
    (DuckDB), or a placeholder; it appears several times, so pass a named parameter (``:day``
    in SQLite, ``$day`` in both). The other arguments are SQL expressions for the dates
    (``n.effective_date``); the event dates default to NULL (no such event). Dates compare as
    ISO text in SQLite and as DATE in DuckDB.
    """
    start = f"coalesce({effective}, {signing})"
    return (
        f"(CASE WHEN {repealed_on} <= {day_sql} THEN '{REPEALED}'"
        f" WHEN {ceased_on} <= {day_sql} OR {expiry} < {day_sql} THEN '{EXPIRED}'"
        f" WHEN {start} > {day_sql} THEN '{NOT_YET}'"
        f" WHEN {amended_on} <= {day_sql} THEN '{AMENDED}'"
        f" ELSE '{IN_FORCE}' END)"
    )


def in_force_sql(day_sql: str, **columns: str) -> str:
    """Whether the status is 现行有效 or 已修改, as an SQL boolean expression (never NULL);
    takes the arguments of `status_sql`. Wrap it in ``CAST(... AS INTEGER)`` for 0/1."""
    statuses = ", ".join(f"'{s}'" for s in IN_FORCE_STATUSES)
    return f"({status_sql(day_sql, **columns)} IN ({statuses}))"


def _as_date(value: Any) -> date | None:
    # pandas gives NaT/None for nulls and Timestamps for dates read back from Parquet.
    if value is None or value != value:
        return None
    return value.date() if hasattr(value, "date") and callable(value.date) else value
