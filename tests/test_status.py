"""The in-force rule: Python and its SQL form agree, in SQLite and DuckDB, on the boundary days."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta

import duckdb
import pandas as pd
import pytest

from extractors.metadata.status import in_force, in_force_sql, notice_in_force

EFFECTIVE = date(2024, 10, 19)  # 本办法自2024年10月19日起施行，有效期5年。
EXPIRY = date(2029, 10, 18)
SIGNING = date(2024, 9, 30)
ONE = timedelta(days=1)

# (day, effective, expiry, signing, expected): the day before, of and after each boundary.
CASES = [
    (EFFECTIVE - ONE, EFFECTIVE, EXPIRY, None, False),
    (EFFECTIVE, EFFECTIVE, EXPIRY, None, True),
    (EFFECTIVE + ONE, EFFECTIVE, EXPIRY, None, True),
    (date(2027, 1, 1), EFFECTIVE, EXPIRY, None, True),
    (EXPIRY - ONE, EFFECTIVE, EXPIRY, None, True),
    (EXPIRY, EFFECTIVE, EXPIRY, None, True),
    (EXPIRY + ONE, EFFECTIVE, EXPIRY, None, False),
    (date(2099, 1, 1), EFFECTIVE, None, None, True),
    # No effective date: the signing date starts it.
    (SIGNING - ONE, None, None, SIGNING, False),
    (SIGNING, None, None, SIGNING, True),
    (SIGNING + ONE, None, None, SIGNING, True),
    # An effective date wins over the signing date.
    (date(2024, 10, 1), EFFECTIVE, None, SIGNING, False),
    # No start at all: no lower bound, the expiry still ends it.
    (date(1990, 1, 1), None, EXPIRY, None, True),
    (EXPIRY, None, EXPIRY, None, True),
    (EXPIRY + ONE, None, EXPIRY, None, False),
    (date(1990, 1, 1), None, None, None, True),
]


@pytest.mark.parametrize(("day", "effective", "expiry", "signing", "expected"), CASES)
def test_in_force(
    day: date, effective: date | None, expiry: date | None, signing: date | None, expected: bool
) -> None:
    assert in_force(day, effective, expiry, signing) is expected


def _rows() -> list[tuple[int, str, date | None, date | None, date | None]]:
    return [(i, c[0].isoformat(), c[1], c[3], c[2]) for i, c in enumerate(CASES)]


def test_sql_agrees_with_python_in_sqlite() -> None:
    con = sqlite3.connect(":memory:")
    # The index stores dates as ISO text.
    con.execute(
        "CREATE TABLE n (i INTEGER, day TEXT, effective_date TEXT, signing_date TEXT,"
        " expiry_date TEXT)"
    )
    iso = [(i, d, *(v.isoformat() if v else None for v in rest)) for i, d, *rest in _rows()]
    con.executemany("INSERT INTO n VALUES (?, ?, ?, ?, ?)", iso)
    got = con.execute(
        f"SELECT i, CAST({in_force_sql('day')} AS INTEGER) FROM n ORDER BY i"
    ).fetchall()
    assert got == [(i, int(c[4])) for i, c in enumerate(CASES)]


def test_sql_agrees_with_python_in_duckdb() -> None:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE n (i INTEGER, day DATE, effective_date DATE, signing_date DATE,"
        " expiry_date DATE)"
    )
    con.executemany("INSERT INTO n VALUES (?, ?, ?, ?, ?)", _rows())
    got = con.execute(
        f"SELECT i, CAST({in_force_sql('day')} AS INTEGER) FROM n ORDER BY i"
    ).fetchall()
    assert got == [(i, int(c[4])) for i, c in enumerate(CASES)]


@pytest.mark.parametrize(("day", "effective", "expiry", "signing", "expected"), CASES)
def test_sql_with_a_named_day_parameter_and_qualified_columns(
    day: date, effective: date | None, expiry: date | None, signing: date | None, expected: bool
) -> None:
    """How search filters on a user's day: a `$day` parameter, columns of alias `n`."""
    expr = in_force_sql(
        "$day", effective="n.effective_date", expiry="n.expiry_date", signing="n.signing_date"
    )
    iso = [v.isoformat() if v else None for v in (effective, signing, expiry)]
    lite = sqlite3.connect(":memory:")
    lite.execute("CREATE TABLE notices (effective_date TEXT, signing_date TEXT, expiry_date TEXT)")
    lite.execute("INSERT INTO notices VALUES (?, ?, ?)", iso)
    sql = f"SELECT count(*) FROM notices n WHERE {expr}"
    assert lite.execute(sql, {"day": day.isoformat()}).fetchone()[0] == int(expected)
    duck = duckdb.connect()
    duck.execute("CREATE TABLE notices (effective_date DATE, signing_date DATE, expiry_date DATE)")
    duck.execute("INSERT INTO notices VALUES (?, ?, ?)", [effective, signing, expiry])
    assert duck.execute(sql, {"day": day}).fetchone()[0] == int(expected)


def test_sql_against_today_in_both_engines() -> None:
    """The view's form: the engine's own today (SQLite's date('now') is UTC, so is the test's)."""
    today = datetime.now(UTC).date()
    lite = sqlite3.connect(":memory:")
    duck = duckdb.connect()
    for start, end in [(today, today), (today + ONE, None), (None, today - ONE), (None, today)]:
        expected = int(in_force(today, start, end))
        lite_sql = in_force_sql("date('now')", effective=":e", expiry=":x", signing=":s")
        params = {"e": start and start.isoformat(), "x": end and end.isoformat(), "s": None}
        assert lite.execute(f"SELECT CAST({lite_sql} AS INTEGER)", params).fetchone()[0] == (
            expected
        )
        duck_sql = in_force_sql(
            "current_date", effective="$e::DATE", expiry="$x::DATE", signing="$s::DATE"
        )
        params = {"e": start, "x": end, "s": None}
        assert duck.execute(f"SELECT CAST({duck_sql} AS INTEGER)", params).fetchone()[0] == (
            expected
        )


def test_notice_in_force_reads_rows_as_written_and_read_back() -> None:
    row = {
        "signing_date": date(2024, 9, 19),
        "effective_date": EFFECTIVE,
        "expiry_date": EXPIRY,
    }
    assert not notice_in_force(row, EFFECTIVE - ONE)
    assert notice_in_force(row, EFFECTIVE)
    assert notice_in_force(row, EXPIRY)
    assert not notice_in_force(row, EXPIRY + ONE)
    from_pandas = pd.Series({k: pd.Timestamp(v) for k, v in row.items()} | {"expiry_date": pd.NaT})
    assert notice_in_force(from_pandas, date(2040, 1, 1))
