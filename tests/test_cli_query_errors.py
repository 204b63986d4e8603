"""`gazette query` on SQL it cannot run: one line `gazette: query: <reason>` on stderr, no
traceback; exit status 2 when there is no statement (empty, blank, only comments, does not
parse), 1 when a statement is refused or fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.runner import run
from tests.conftest import RAW_MARKDOWN


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("query_errors") / "out"
    run([RAW_MARKDOWN], out, on_problem=lambda line: None)
    return out


def query(out: Path, sql: str, stdin: str | None = None):
    return CliRunner().invoke(main, ["query", sql, "--out", str(out)], input=stdin)


@pytest.mark.parametrize(
    ("sql", "stdin", "reason"),
    [
        ("", None, "no SQL to run: the query is empty, blank or only comments"),
        ("   \n\t ", None, "no SQL to run: the query is empty, blank or only comments"),
        (";", None, "no SQL to run: the query is empty, blank or only comments"),
        ("-", "-- a comment only\n", "no SQL to run: the query is empty, blank or only comments"),
        ("selec * from notices", None, 'the SQL does not parse: syntax error at or near "selec"'),
        ("select 'open", None, "the SQL does not parse: unterminated string literal"),
        ("select * from", None, 'the SQL does not parse: syntax error at or near "from"'),
    ],
)
def test_no_statement_is_one_line_and_status_2(out: Path, sql: str, stdin, reason: str) -> None:
    result = query(out, sql, stdin)
    assert result.exit_code == 2
    assert result.stderr == f"gazette: query: {reason}\n"
    assert result.stdout == ""
    assert isinstance(result.exception, SystemExit)  # a clean exit, not an exception


def test_a_failing_statement_is_one_line_and_status_1(out: Path) -> None:
    result = query(out, "select nope from notices")
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("gazette: query: Binder Error:") and '"nope" not found' in line


def test_a_good_query_still_runs(out: Path) -> None:
    result = query(out, "select count(*) as n from notices")
    assert result.exit_code == 0 and result.stdout.split()[-3:] == ["9", "(1", "row)"]
