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


_EXPR = status_sql(
    "c.day",
    repealed_on="d.repealed_on",
    ceased_on="d.ceased_on",
    amended_on="d.amended_on",
    effective="d.effective_date",
    expiry="d.expiry_date",
    signing="d.signing_date",
)
# Every case in one query: the cases as a table, joined to each document's dates.
_ALL = f"""
SELECT c.i, {_EXPR} FROM cases c
JOIN notices n ON n.doc_number = c.number
JOIN document_dates d ON d.notice_id = n.notice_id
ORDER BY c.i"""


def _duckdb(out, cases) -> list[str]:
    duck = connect(out)
    duck.execute("CREATE TEMP TABLE cases (i INTEGER, number VARCHAR, day DATE)")
    duck.executemany(
        "INSERT INTO cases VALUES (?, ?, ?)", [(i, n, day) for i, (n, day, _) in enumerate(cases)]
    )
    return [status for _i, status in duck.execute(_ALL).fetchall()]


def _sqlite(out, cases) -> list[str]:
    con: sqlite3.Connection = open_index(out)
    con.execute("CREATE TEMP TABLE cases (i INTEGER, number TEXT, day TEXT)")
    con.executemany(
        "INSERT INTO cases VALUES (?, ?, ?)",
        [(i, n, day.isoformat()) for i, (n, day, _) in enumerate(cases)],
    )
    return [status for _i, status in con.execute(_ALL).fetchall()]


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


def _relation(doc: Doc) -> str:
    if "关于修改" in doc.title:
        return "amends"
    if "停止执行" in doc.effective_clause:
        return "replaces"
    return "repeals"  # 同时废止, or a decision 废止《…》等N件


_LINKED = """
SELECT DISTINCT fn.doc_number, tn.doc_number, l.relation
FROM links l
JOIN document_copies fc ON fc.document_id = l.from_document_id AND fc.is_canonical
JOIN notices fn ON fn.notice_id = fc.notice_id
LEFT JOIN document_copies tc ON tc.document_id = l.to_document_id AND tc.is_canonical
LEFT JOIN notices tn ON tn.notice_id = tc.notice_id
WHERE l.relation <> 'cites'"""


def test_links_resolve_every_act_by_number_or_title(corpus) -> None:
    issues, out = corpus
    expected = {(d.doc_number, target, _relation(d)) for d in _docs(issues) for target in d.acts_on}
    by_title = [
        d
        for d in _docs(issues)
        if any(f"《{d.enclosed}》同时废止" in x.effective_clause for x in _docs(issues))
    ]
    assert by_title, "the history names no predecessor by title alone"
    duck = set(connect(out).execute(_LINKED).fetchall())
    lite = {tuple(r) for r in open_index(out).execute(_LINKED).fetchall()}
    assert duck == lite == expected
