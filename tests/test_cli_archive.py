"""The command line as sqlite-utils and DuckDB users expect it (issue 13): query from a file or
stdin in six formats and read-only, show several documents and as JSON, search with OR / NOT /
"phrases" and date ranges, schema as JSON, NO_COLOR, export to CSV with a BOM and to .xlsx.

The corpus is raw/'s text dump and converter Markdown (tests/test_serve.py's build_corpus).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.search.tokens import fts_query, parse_query, text_matches
from tests.test_serve import BIRTH_CERTIFICATES, HISTORIC_BUILDINGS, build_corpus

PRICES = "泸市医保规〔2024〕4号"  # 取卵术等医疗服务项目价格
DISABLED_CHILDREN = "泸市府规〔2024〕4号"  # 残疾儿童康复救助, 2024-12-04, mentions 价格


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("cli") / "out").parent


def run(*args: str, stdin: str | None = None, env: dict | None = None) -> str:
    result = CliRunner().invoke(main, list(args), input=stdin, env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def numbers(out: Path, *words: str) -> list[str]:
    hits = json.loads(run("search", *words, "--out", str(out), "--json", "-n", "50"))
    return [h["doc_number"] for h in hits]


# --- query ---------------------------------------------------------------------------------

SQL = "select doc_number, signing_date from documents where doc_number = '泸市府办规〔2024〕7号'"


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("csv", "doc_number,signing_date\n泸市府办规〔2024〕7号,2024-09-19\n"),
        ("tsv", "doc_number\tsigning_date\n泸市府办规〔2024〕7号\t2024-09-19\n"),
        ("nl-json", '{"doc_number": "泸市府办规〔2024〕7号", "signing_date": "2024-09-19"}\n'),
        (
            "markdown",
            "| doc_number | signing_date |\n|---|---|\n| 泸市府办规〔2024〕7号 | 2024-09-19 |\n",
        ),
    ],
)
def test_query_formats(out: Path, fmt: str, expected: str) -> None:
    assert run("query", SQL, "--out", str(out), "-f", fmt) == expected


def test_query_reads_sql_from_stdin_and_from_a_file(out: Path, tmp_path: Path) -> None:
    from_stdin = json.loads(run("query", "-", "--out", str(out), "-f", "json", stdin=SQL))
    path = tmp_path / "q.sql"
    path.write_text(SQL + ";\n", encoding="utf-8")
    from_file = json.loads(run("query", str(path), "--out", str(out), "-f", "json"))
    assert (
        from_stdin
        == from_file
        == [{"doc_number": HISTORIC_BUILDINGS, "signing_date": "2024-09-19"}]
    )


@pytest.mark.parametrize(
    "sql",
    [
        "copy (select * from notices) to '{out}/notices/evil.parquet'",
        "create table t as select 1",
        "attach '{out}/x.duckdb' as x",
        "select 1; copy (select 1) to '{out}/x.csv'",
    ],
)
def test_query_is_read_only(out: Path, sql: str) -> None:
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    result = CliRunner().invoke(main, ["query", sql.format(out=out), "--out", str(out)])
    assert result.exit_code == 1
    assert "only reads" in result.output and len(result.output.strip().splitlines()) == 1
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before


# --- show ----------------------------------------------------------------------------------


def test_show_two_documents(out: Path) -> None:
    text = run("show", HISTORIC_BUILDINGS, BIRTH_CERTIFICATES, "--out", str(out))
    first, second = text.index(HISTORIC_BUILDINGS), text.index(BIRTH_CERTIFICATES)
    assert first < second
    assert "历史风貌建筑" in text[:second] and "出生医学证明" in text[second:]


def test_show_a_number_typed_with_a_space(out: Path) -> None:
    assert "历史风貌建筑" in run("show", "泸市府办规", "〔2024〕7号", "--out", str(out))


def test_show_json(out: Path) -> None:
    (doc,) = json.loads(run("show", HISTORIC_BUILDINGS, "--json", "--out", str(out)))
    assert doc["notice"]["doc_number"] == HISTORIC_BUILDINGS
    assert doc["notice"]["signing_date"] == "2024-09-19"
    labels = [
        a["label"]
        for p in doc["parts"]
        for c in p["chapters"]
        for _, arts in c["sections"]
        for a in arts
    ]
    assert labels[0] == "第一条" and "第十一条" in labels
    assert len(doc["sources"]) >= 1


# --- search --------------------------------------------------------------------------------


def test_search_or_not_and_phrase(out: Path) -> None:
    assert numbers(out, "取卵术") == [PRICES]
    either = numbers(out, "取卵术", "OR", "历史风貌建筑")
    assert set(either) == {PRICES, HISTORIC_BUILDINGS}
    with_price = numbers(out, "价格")
    assert DISABLED_CHILDREN in with_price
    without = numbers(out, "价格", "NOT", "残疾")
    assert DISABLED_CHILDREN not in without and set(without) < set(with_price)
    assert numbers(out, "价格 -残疾") == without  # one argument: click reads -x as an option
    # A phrase must be printed as typed; its words in another order are not it.
    assert numbers(out, '"历史风貌建筑"') == [HISTORIC_BUILDINGS]
    assert numbers(out, '"建筑风貌历史"') == []


def test_search_date_ranges(out: Path) -> None:
    every = numbers(out, "价格")
    late = numbers(out, "价格", "--signed-from", "2024-11-01")
    assert DISABLED_CHILDREN in late and PRICES not in late  # signed 2024-12-04, 2024-10-29
    early = numbers(out, "价格", "--signed-to", "2024-10-31")
    assert set(early) | set(late) == set(every) and not set(early) & set(late)
    effective = numbers(
        out, "价格", "--effective-from", "2025-01-01", "--effective-to", "2025-01-31"
    )
    assert effective == [DISABLED_CHILDREN]  # effective 2025-01-06


def test_query_syntax_is_never_fts5_syntax() -> None:
    assert fts_query("NOT 价格") == '""'  # nothing required: matches nothing
    assert fts_query('"') == '""'
    parsed = parse_query('"历史 风貌" OR 建筑 -拆除 NOT 文物')
    assert parsed.groups == [["历史 风貌", "建筑"]]
    assert parsed.excluded == ["拆除", "文物"] and parsed.phrases == ["历史风貌"]
    assert text_matches('"历史风貌"', "历史\n风貌建筑") == 1  # print wraps anywhere
    assert text_matches("价格 -残疾", "残疾儿童", None) == 0


def test_no_color_and_pipes_get_plain_marks(out: Path) -> None:
    # CliRunner's stdout is no terminal: the hits are marked 【】, never with escape codes.
    for env in ({}, {"NO_COLOR": "1"}):
        text = run("search", "历史风貌建筑", "--out", str(out), env=env)
        assert "【历史风貌建筑】" in text and "\x1b[" not in text


# --- schema and export ---------------------------------------------------------------------


def test_schema_json() -> None:
    schema = json.loads(run("schema", "--json"))
    columns = {c["name"]: c for c in schema["notices"]["columns"]}
    assert columns["doc_number"]["description"].startswith("文号")
    assert columns["signing_date"]["type"] == "date32[day]"
    assert {"price_items", "table_cells", "diagnostics"} <= set(schema)


def test_export_csv_has_a_bom_and_reads_back(out: Path, tmp_path: Path) -> None:
    path = tmp_path / "prices.csv"
    CliRunner().invoke(main, ["export", "price_items", str(path), "--out", str(out)])
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    egg = [r for r in rows if r["name"] == "取卵术" and r["grade"] == "三甲"]
    assert egg and egg[0]["price_yuan"] == "1769.0"  # as printed: 1769 元 at a 三甲 hospital


def test_export_xlsx(out: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "notices.xlsx"
    result = CliRunner().invoke(main, ["export", "notices", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    rows = [
        dict(zip(header, (c.value for c in r), strict=True)) for r in sheet.iter_rows(min_row=2)
    ]
    mine = [r for r in rows if r["doc_number"] == HISTORIC_BUILDINGS]
    assert mine and mine[0]["signing_date"].date().isoformat() == "2024-09-19"
    assert "泸州市人民政府办公室" in mine[0]["issuers"]
    assert sheet.freeze_panes == "A2"


def test_export_refuses_an_unknown_dataset(out: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["export", "nope", str(tmp_path / "x.csv"), "--out", str(out)]
    )
    assert result.exit_code == 1 and "price_items" in result.output
    assert not (tmp_path / "x.csv").exists()
