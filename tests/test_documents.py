"""The samples as a corpus of documents: each sample issue read from two sources (the text
dump or converter Markdown, and the PDF in raw/pdf) is one issue, each notice one document
with two copies; search, show, the browser's facets and the extract summary say so."""

from __future__ import annotations

import asyncio
import json
from datetime import date
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from click.testing import CliRunner

import pipeline.runner
from extractors.metadata.status import STATUSES
from pipeline.cli import main
from pipeline.search.index import build_index
from pipeline.search.query import connect
from pipeline.search.serve import make_datasette
from pipeline.summary import render

RAW = Path(__file__).resolve().parent.parent / "raw"
HISTORIC_BUILDINGS = "泸市府办规〔2024〕7号"
AIR_PLAN = "泸市府办发〔2024〕39号"  # 《泸州市大气环境质量限期达标规划（2024—2025年）》


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("documents") / "out"
    result = CliRunner().invoke(main, ["extract", str(RAW), "--out", str(folder)])
    assert result.exit_code == 0, result.output
    build_index(folder)
    return folder


def gazette(*args: str):
    return CliRunner().invoke(main, list(args))


def test_extract_reports_each_document_once_with_two_sources(out: Path, tmp_path: Path) -> None:
    result = gazette("extract", str(RAW), "--out", str(tmp_path / "again"))
    lines = result.stdout.splitlines()
    assert "documents    15 (15 in 2 sources)" in lines
    listed = [line for line in lines if line.startswith("  ") and "〔" in line]
    assert len(listed) == 15 and all(line.endswith("[2 sources]") for line in listed)
    assert len({line.split()[0] for line in listed}) == 15


def test_one_document_per_notice_and_the_canonical_copy(out: Path) -> None:
    duck = connect(out)
    rows = duck.execute(
        "SELECT n.doc_number, c.source_format, c.copies FROM document_copies c"
        " JOIN notices n USING (notice_id) WHERE c.is_canonical ORDER BY 1"
    ).fetchall()
    assert len(rows) == 15 and {r[2] for r in rows} == {2}
    canonical = {number: fmt for number, fmt, _ in rows}
    # Born-digital PDF first when its text is complete …
    assert canonical[HISTORIC_BUILDINGS] == "pdf"
    # … but raw/pdf prints the plans abridged (1,434 of 19,395 characters): the dump wins.
    assert canonical[AIR_PLAN] == "text"


def test_search_and_show_give_each_document_once(out: Path) -> None:
    result = gazette("search", "历史风貌建筑", "--out", str(out), "--json")
    hits = [h for h in json.loads(result.stdout) if h["doc_number"] == HISTORIC_BUILDINGS]
    assert len(hits) == 1
    shown = gazette("show", HISTORIC_BUILDINGS, "--out", str(out)).stdout
    sources = shown.split("── Sources")[1].splitlines()[1:]
    assert [line.split()[0] for line in sources if line.strip()] == ["canonical", "copy"]
    assert "Same number in other issues" not in shown


def test_a_plan_ends_with_the_period_in_its_name(out: Path) -> None:
    def found(day: str) -> list[str]:
        result = gazette(
            "search",
            "大气环境质量",
            "--out",
            str(out),
            "--json",
            "--status",
            "已失效",
            "--status-on",
            day,
        )
        return [h["doc_number"] for h in json.loads(result.stdout)]

    assert AIR_PLAN not in found("2025-12-31")
    assert AIR_PLAN in found("2026-01-01")
    in_force = gazette(
        "search", "大气环境质量", "--out", str(out), "--json", "--in-force-on", "2025-12-31"
    )
    assert AIR_PLAN in in_force.stdout


def test_every_status_facet_value_returns_rows(out: Path) -> None:
    ds = make_datasette(out / "gazette.db")

    def get(path: str):
        return asyncio.run(ds.client.get(path))

    facets = get("/gazette/notices_view.json?_extra=facet_results").json()["facet_results"]
    for column in ("status", "in_force"):
        values = facets[column]["results"]
        assert values, column
        for value in values:
            query = dict(parse_qsl(urlsplit(value["toggle_url"]).query))
            page = get(f"/gazette/notices_view.json?_shape=array&{column}={query[column]}")
            assert len(page.json()) == value["count"] > 0, (column, value["value"])
    assert {v["value"] for v in facets["status"]["results"]} <= set(STATUSES)


def test_a_new_extractor_version_rereads_without_force(
    out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "versions"
    pipeline.runner.run([RAW / "000_bbc4044de49a57c2.txt"], folder)
    again = pipeline.runner.run([RAW / "000_bbc4044de49a57c2.txt"], folder)
    assert (again.count("unchanged"), again.reread_for_version) == (1, 0)
    monkeypatch.setattr(pipeline.runner, "EXTRACTOR_VERSION", "99.0.0+rules.000000000000")
    upgraded = pipeline.runner.run([RAW / "000_bbc4044de49a57c2.txt"], folder)
    assert (upgraded.count("read"), upgraded.reread_for_version) == (1, 1)
    assert "1 re-read for a new extractor version" in render(upgraded).splitlines()[0]


def test_status_today_is_the_rule_on_today(out: Path) -> None:
    duck = connect(out)
    today = date.today()
    got = dict(duck.execute("SELECT doc_number, status FROM documents").fetchall())
    # The trial prices of 泸市医保规〔2024〕1号 ran two years from 2024-10-15.
    assert got["泸市医保规〔2024〕1号"] == ("已失效" if today > date(2026, 10, 14) else "现行有效")
