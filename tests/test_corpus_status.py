"""The generated multi-year corpus, end to end: extract, index, then every document's status on
the day before, of and after each of its events, from Python, DuckDB over the Parquet and the
SQLite index, against the history the generator built (tests/corpusgen)."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from extractors.metadata.status import STATUSES, status_of, status_sql
from pipeline.runner import run
from pipeline.search.database import open_index
from pipeline.search.index import build_index
from pipeline.search.query import connect
from tests.corpusgen import MARKDOWN_EVERY, write_corpus
from tests.corpusgen.scenario import Doc, Issue

ONE = timedelta(days=1)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Issue], object]:
    root = tmp_path_factory.mktemp("corpus")
    issues = write_corpus(root / "in")
    out = root / "out"
    result = run([root / "in"], out, on_problem=lambda line: None)
    assert result.count("read") == len(list((root / "in").iterdir()))
    build_index(out)
    return issues, out


def _docs(issues: list[Issue]) -> list[Doc]:
    return [d for issue in issues for d in issue.docs]


def _days(doc: Doc) -> list[date]:
    days = {d + k * ONE for d in doc.fate.change_days() for k in (-1, 0, 1)}
    days |= {date(y, 1, 1) for y in range(2019, 2031)}
    return sorted(days)


def _cases(issues: list[Issue]) -> list[tuple[str, date, str]]:
    return [(d.doc_number, day, d.fate.status_on(day)) for d in _docs(issues) for day in _days(d)]


def test_the_history_uses_every_status_and_event(corpus) -> None:
    """The generated history must exercise what it is for, else the test below proves little."""
    issues, _ = corpus
    expected = {status for _n, _d, status in _cases(issues)}
    assert expected == set(STATUSES)
    events = [d.title for d in _docs(issues)]
    assert any("关于修改" in t for t in events) and any("废止" in t for t in events)
    assert any("停止执行" in d.effective_clause for d in _docs(issues))


def test_each_document_once_with_its_copies(corpus) -> None:
    issues, out = corpus
    duck = connect(out)
    got = dict(
        duck.execute(
            "SELECT n.doc_number, c.copies FROM document_copies c"
            " JOIN notices n USING (notice_id) WHERE c.is_canonical"
        ).fetchall()
    )
    expected = {
        d.doc_number: 2 if k % MARKDOWN_EVERY == 0 else 1
        for k, issue in enumerate(issues)
        for d in issue.docs
    }
    assert got == expected
    # Both copies of a document read from the text dump and the Markdown: Markdown wins
    # (SOURCE_RANK) when both texts are complete.
    formats = duck.execute(
        "SELECT DISTINCT source_format FROM document_copies WHERE is_canonical AND copies = 2"
    ).fetchall()
    assert formats == [("markdown",)]


def _python(out, cases) -> list[str]:
    duck = connect(out)
    frame = duck.execute(
        "SELECT n.doc_number, d.* FROM document_dates d JOIN notices n USING (notice_id)"
    ).df()
    rows = {r["doc_number"]: r for _, r in frame.iterrows()}
    return [status_of(rows[number], day) for number, day, _ in cases]


def _duckdb(out, cases) -> list[str]:
    duck = connect(out)
    expr = status_sql(
        "$day",
        repealed_on="d.repealed_on",
        ceased_on="d.ceased_on",
        amended_on="d.amended_on",
        effective="d.effective_date",
        expiry="d.expiry_date",
        signing="d.signing_date",
    )
    sql = (
        f"SELECT {expr} FROM document_dates d JOIN notices n USING (notice_id)"
        " WHERE n.doc_number = $number"
    )
    return [duck.execute(sql, {"day": day, "number": n}).fetchone()[0] for n, day, _ in cases]


def _sqlite(out, cases) -> list[str]:
    con: sqlite3.Connection = open_index(out)
    expr = status_sql(
        ":day",
        repealed_on="d.repealed_on",
        ceased_on="d.ceased_on",
        amended_on="d.amended_on",
        effective="d.effective_date",
        expiry="d.expiry_date",
        signing="d.signing_date",
    )
    sql = (
        f"SELECT {expr} FROM document_dates d JOIN notices n USING (notice_id)"
        " WHERE n.doc_number = :number"
    )
    return [
        con.execute(sql, {"day": day.isoformat(), "number": n}).fetchone()[0] for n, day, _ in cases
    ]


@pytest.mark.parametrize("engine", [_python, _duckdb, _sqlite])
def test_every_status_on_every_tested_day(corpus, engine) -> None:
    issues, out = corpus
    cases = _cases(issues)
    got = engine(out, cases)
    wrong = [
        (n, day.isoformat(), want, have)
        for (n, day, want), have in zip(cases, got, strict=True)
        if want != have
    ]
    assert wrong == []
    assert len(cases) > 500
