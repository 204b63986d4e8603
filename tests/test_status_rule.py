"""The status rule with events: Python and its SQL agree in SQLite and DuckDB on the day
before, of and after each event, and the order in which the rule's steps apply."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import duckdb
import pytest

from extractors.metadata.status import (
    AMENDED,
    EXPIRED,
    IN_FORCE,
    NOT_YET,
    REPEALED,
    in_force,
    status_of,
    status_on,
    status_sql,
)

ONE = timedelta(days=1)
SIGNED = date(2024, 9, 19)
EFFECTIVE = date(2024, 10, 19)  # 本办法自2024年10月19日起施行，有效期5年。
EXPIRY = date(2029, 10, 18)
AMENDED_ON = date(2025, 3, 1)  # 关于修改《…》的决定, 自公布之日起施行
REPEALED_ON = date(2026, 7, 1)  # 原《…》（…）同时废止, the new one effective that day
CEASED_ON = date(2027, 1, 1)  # 本办法自…起施行，原…停止执行

COLUMNS = ("effective", "expiry", "signing", "repealed_on", "ceased_on", "amended_on")


def _doc(**dates: date | None) -> dict[str, date | None]:
    base = dict.fromkeys(COLUMNS)
    base.update(effective=EFFECTIVE, expiry=EXPIRY, signing=SIGNED)
    base.update(dates)
    return base


# (day, the document's dates, expected status)
CASES = [
    (EFFECTIVE - ONE, _doc(), NOT_YET),
    (EFFECTIVE, _doc(), IN_FORCE),
    (EFFECTIVE + ONE, _doc(), IN_FORCE),
    (EXPIRY, _doc(), IN_FORCE),
    (EXPIRY + ONE, _doc(), EXPIRED),
    (AMENDED_ON - ONE, _doc(amended_on=AMENDED_ON), IN_FORCE),
    (AMENDED_ON, _doc(amended_on=AMENDED_ON), AMENDED),
    (AMENDED_ON + ONE, _doc(amended_on=AMENDED_ON), AMENDED),
    # Amended, then repealed: the repeal ends it.
    (REPEALED_ON - ONE, _doc(amended_on=AMENDED_ON, repealed_on=REPEALED_ON), AMENDED),
    (REPEALED_ON, _doc(amended_on=AMENDED_ON, repealed_on=REPEALED_ON), REPEALED),
    (REPEALED_ON + ONE, _doc(amended_on=AMENDED_ON, repealed_on=REPEALED_ON), REPEALED),
    (CEASED_ON - ONE, _doc(ceased_on=CEASED_ON), IN_FORCE),
    (CEASED_ON, _doc(ceased_on=CEASED_ON), EXPIRED),
    (CEASED_ON + ONE, _doc(ceased_on=CEASED_ON), EXPIRED),
    # Expired, then swept up by a repealing decision: 已废止 from the decision on.
    (date(2030, 6, 1), _doc(repealed_on=date(2031, 1, 1)), EXPIRED),
    (date(2031, 1, 1), _doc(repealed_on=date(2031, 1, 1)), REPEALED),
    # Repealed before it took effect: repealed, not "not yet".
    (EFFECTIVE - ONE, _doc(repealed_on=EFFECTIVE - 2 * ONE), REPEALED),
    # No effective date: the signing date starts it; no dates at all: no lower bound.
    (SIGNED - ONE, _doc(effective=None), NOT_YET),
    (SIGNED, _doc(effective=None), IN_FORCE),
    (date(1990, 1, 1), _doc(effective=None, signing=None, expiry=None), IN_FORCE),
]


@pytest.mark.parametrize(("day", "dates", "expected"), CASES)
def test_python(day: date, dates: dict, expected: str) -> None:
    assert (
        status_on(
            day,
            dates["effective"],
            dates["expiry"],
            dates["signing"],
            repealed_on=dates["repealed_on"],
            ceased_on=dates["ceased_on"],
            amended_on=dates["amended_on"],
        )
        == expected
    )
    row = {
        "effective_date": dates["effective"],
        "expiry_date": dates["expiry"],
        "signing_date": dates["signing"],
        **{k: dates[k] for k in ("repealed_on", "ceased_on", "amended_on")},
    }
    assert status_of(row, day) == expected
    assert in_force(
        day,
        dates["effective"],
        dates["expiry"],
        dates["signing"],
        repealed_on=dates["repealed_on"],
        ceased_on=dates["ceased_on"],
        amended_on=dates["amended_on"],
    ) is (expected in (IN_FORCE, AMENDED))


def _sql() -> str:
    return status_sql(
        "day",
        effective="effective",
        expiry="expiry",
        signing="signing",
        repealed_on="repealed_on",
        ceased_on="ceased_on",
        amended_on="amended_on",
    )


def _table_rows(iso: bool) -> list[tuple]:
    def v(d: date | None):
        return d.isoformat() if iso and d else d

    return [(i, v(day), *(v(dates[c]) for c in COLUMNS)) for i, (day, dates, _) in enumerate(CASES)]


def test_sqlite_agrees() -> None:
    con = sqlite3.connect(":memory:")
    con.execute(f"CREATE TABLE t (i INTEGER, day TEXT, {', '.join(c + ' TEXT' for c in COLUMNS)})")
    con.executemany(f"INSERT INTO t VALUES ({', '.join('?' * 8)})", _table_rows(iso=True))
    got = [r[0] for r in con.execute(f"SELECT {_sql()} FROM t ORDER BY i")]
    assert got == [c[2] for c in CASES]


def test_duckdb_agrees() -> None:
    con = duckdb.connect()
    con.execute(f"CREATE TABLE t (i INTEGER, day DATE, {', '.join(c + ' DATE' for c in COLUMNS)})")
    con.executemany(f"INSERT INTO t VALUES ({', '.join('?' * 8)})", _table_rows(iso=False))
    got = [r[0] for r in con.execute(f"SELECT {_sql()} FROM t ORDER BY i").fetchall()]
    assert got == [c[2] for c in CASES]
