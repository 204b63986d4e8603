"""`gazette index`, `search`, `show` and `query` as a user runs them, on the real samples."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pipeline.cli import main
from pipeline.runner import run
from tests.conftest import RAW_MARKDOWN, RAW_TEXT

JSON_KEYS = {
    "notice_id",
    "doc_number",
    "title",
    "signing_date",
    "article",
    "score",
    "snippet",
    "attachment_no",
    "kind",
    "matches",
}


def gazette(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="session")
def extracted(tmp_path_factory) -> Path:
    """OUT with both samples extracted by the real pipeline, not indexed."""
    out = tmp_path_factory.mktemp("cli") / "out"
    run([RAW_TEXT, RAW_MARKDOWN], out, on_problem=lambda line: None)
    return out


@pytest.fixture(scope="session")
def indexed(extracted, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cli-indexed") / "out"
    shutil.copytree(extracted, out)
    assert gazette("index", "--out", out).exit_code == 0
    return out


@pytest.fixture
def fresh(extracted, tmp_path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(extracted, out)
    return out


def test_index_reports_what_it_did_then_that_nothing_changed(fresh):
    first = gazette("index", "--out", fresh)
    second = gazette("index", "--out", fresh)

    assert first.exit_code == second.exit_code == 0
    assert first.stdout.splitlines()[0] == (
        "issues       2 indexed, 0 unchanged, 0 removed (new database: built from scratch)"
    )
    assert "notices 15, articles 85, attachments 25" in first.stdout
    assert second.stdout.splitlines()[0] == (
        "issues       0 indexed, 2 unchanged, 0 removed (up to date: nothing written)"
    )
    assert second.stdout.splitlines()[1:] == first.stdout.splitlines()[1:]
    assert (fresh / "gazette.db").exists()


def test_index_without_a_corpus_fails_in_one_line(tmp_path):
    result = gazette("index", "--out", tmp_path / "nothing")

    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "gazette extract" in result.stderr


def test_search_prints_title_number_date_and_snippet(indexed):
    result = gazette("search", "历史风貌建筑", "--out", indexed, "--limit", "2")

    lines = result.stdout.splitlines()
    assert result.exit_code == 0
    assert (
        lines[0]
        == " 1. 泸州市人民政府办公室关于印发《泸州市历史风貌建筑修缮补助资金管理办法》的通知"
    )
    assert lines[1].startswith("    泸市府办规〔2024〕7号 · 2024-09-19 · ")
    assert "【历史风貌建筑】" in lines[2]
    assert len(lines) <= 6


def test_search_names_the_article_that_matched(indexed):
    result = gazette("search", "不予拨付", "--out", indexed)

    assert "泸市府办规〔2024〕7号 · 2024-09-19 · 第十三条" in result.stdout


def test_search_words_may_come_as_several_arguments(indexed):
    result = gazette("search", "医疗服务", "价格", "--out", indexed, "--json")

    assert {h["doc_number"] for h in json.loads(result.stdout)} >= {
        "泸市医保规〔2024〕1号",
        "泸市医保规〔2024〕4号",
    }


def test_search_json_shape(indexed):
    result = gazette("search", "出生医学证明", "--out", indexed, "--json")

    hits = json.loads(result.stdout)
    assert result.exit_code == 0
    assert hits[0]["doc_number"] == "泸市卫规〔2024〕1号"
    assert hits[0]["signing_date"] == "2024-09-12"
    assert all(set(h) == JSON_KEYS for h in hits)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert "<mark>出生医学证明</mark>" in hits[0]["snippet"]


def test_search_json_article_is_a_label_or_null(indexed):
    hits = json.loads(gazette("search", "不予拨付", "--out", indexed, "--json").stdout)

    assert (hits[0]["kind"], hits[0]["article"]) == ("article", "第十三条")


def test_search_filters(indexed):
    def numbers(*args: str) -> list[str]:
        result = gazette("search", *args, "--out", indexed, "--json", "--limit", "50")
        return [h["doc_number"] for h in json.loads(result.stdout)]

    assert numbers("检查", "--doc-type", "通报") == [
        "泸市府室发〔2024〕34号",
        "泸市府室发〔2024〕25号",
    ]
    assert "泸市医保规〔2024〕4号" in numbers("取卵术")
    assert "泸市医保规〔2024〕4号" not in numbers("取卵术", "--in-force-on", "2030-06-01")
    assert numbers("通知", "--year", "2023") == []
    assert numbers("通知", "--year", "2024") == numbers("通知")
    assert numbers("出生医学证明", "--issuer", "卫生健康委员会") == ["泸市卫规〔2024〕1号"]


def test_search_with_no_match(indexed):
    result = gazette("search", "火星探测器", "--out", indexed)

    assert result.exit_code == 0
    assert result.stdout == ""
    assert gazette("search", "火星探测器", "--out", indexed, "--json").stdout.strip() == "[]"


def test_search_without_words_is_a_usage_error(indexed):
    assert gazette("search", "，。", "--out", indexed).exit_code == 2


def test_search_without_an_index_says_how_to_build_it(fresh):
    result = gazette("search", "历史", "--out", fresh)

    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert f"gazette index --out {fresh}" in result.stderr


def test_search_on_a_stale_index_warns_and_answers(fresh):
    gazette("index", "--out", fresh)
    manifest = fresh / "_manifest.json"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "\n", encoding="utf-8")

    result = gazette("search", "历史", "--out", fresh)

    assert result.exit_code == 0
    assert result.stderr.count("\n") == 1
    assert "older than" in result.stderr and "gazette index" in result.stderr
    assert "泸市府办规〔2024〕7号" in result.stdout
    gazette("index", "--out", fresh)
    assert gazette("search", "历史", "--out", fresh).stderr == ""


@pytest.mark.parametrize(
    "ref", ["泸市府办规〔2024〕7号", "泸市府办规[2024]7号", "泸市府办规【2024】7号"]
)
def test_show_prints_the_notice(indexed, ref):
    result = gazette("show", ref, "--out", indexed)

    assert result.exit_code == 0
    assert (
        "泸州市人民政府办公室关于印发《泸州市历史风貌建筑修缮补助资金管理办法》的通知"
        in result.stdout
    )
    assert "泸市府办规〔2024〕7号" in result.stdout
    assert "第十五条 本办法自2024年10月19日起施行，有效期5年。" in result.stdout


def test_show_an_unknown_number_fails_in_one_line(indexed):
    result = gazette("show", "泸市府办规〔2099〕7号", "--out", indexed)

    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1


def test_query_count(indexed):
    result = gazette("query", "select count(*) as n from notices", "--out", indexed)

    assert result.exit_code == 0
    assert result.stdout.splitlines() == [" n", "--", "15", "(1 row)"]


def test_query_csv_and_json(indexed):
    sql = "select doc_number, signing_date from notices where doc_type = '通报' order by 1"

    csv_out = gazette("query", sql, "--out", indexed, "--format", "csv").stdout
    json_out = gazette("query", sql, "--out", indexed, "-f", "json").stdout

    assert csv_out.splitlines() == [
        "doc_number,signing_date",
        "泸市府室发〔2024〕25号,2024-09-09",
        "泸市府室发〔2024〕34号,2024-12-09",
    ]
    assert json.loads(json_out)[1] == {
        "doc_number": "泸市府室发〔2024〕34号",
        "signing_date": "2024-12-09",
    }


def test_query_error_is_one_line(indexed):
    result = gazette("query", "select nope from notices", "--out", indexed)

    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1


# 泸市医保规〔2024〕4号: "本通知自2024年11月1日起施行,试行期两年" (raw/003), so in force
# 2024-11-01 through 2026-10-31, both days included (the in-force rule of
# extractors.metadata.status, which `--in-force-on` applies).
@pytest.mark.parametrize(
    ("day", "in_force"),
    [("2024-10-31", False), ("2024-11-01", True), ("2026-10-31", True), ("2026-11-01", False)],
)
def test_search_in_force_on_at_the_boundary_days(indexed, day, in_force):
    result = gazette("search", "取卵术", "--out", indexed, "--json", "--in-force-on", day)
    numbers = {h["doc_number"] for h in json.loads(result.stdout)}
    assert ("泸市医保规〔2024〕4号" in numbers) is in_force
