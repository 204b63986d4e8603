"""Real converters' Markdown of the samples' PDFs gives what the samples' text gives.

tests/fixtures/markdown holds what pymupdf4llm (classic and layout modes) and markitdown wrote
of raw/pdf/*.pdf, of the one-column variant 8 and of tests/pdfgen_story's layout, and the MinerU-style variant with HTML
tables that make_html_tables.py writes from the classic pymupdf4llm output (README there).
Notices, their metadata and articles are compared as tests/test_pdf_equivalence.py compares
them, and the typed records of every table the converter wrote whole.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from extractors.extract import extract_bytes
from tests.test_pdf_equivalence import FIELDS, SAMPLES, by_number, from_text, main_articles

MARKDOWN = Path(__file__).resolve().parent / "fixtures" / "markdown"
ISSUES = tuple(SAMPLES)
TYPED = ("pollutant_concentrations", "price_items", "land_price_standards")
# Converter outputs whose tables come out whole (classic pymupdf4llm's grids, and the HTML
# tables made from them), and those that keep only the text.
WHOLE = ("v0_pymupdf4llm", "story_pymupdf4llm", "v0_mineru_style")
TEXT_ONLY = ("v0_pymupdf4llm_layout", "v8_markitdown")
_IDS = ("table_id", "issue_id", "notice_id", "source_sha256")


@cache
def from_markdown(issue: str, flavour: str) -> dict:
    path = MARKDOWN / f"{issue}_{flavour}.md"
    result = extract_bytes(path.read_bytes(), str(path))
    assert result.ok, result.diagnostics
    return result.rows


def records(rows: dict, dataset: str) -> list[dict]:
    return [{k: v for k, v in r.items() if k not in _IDS} for r in rows[dataset]]


@pytest.mark.parametrize("flavour", WHOLE + TEXT_ONLY)
@pytest.mark.parametrize("issue", ISSUES)
def test_same_notices_in_the_same_order(issue, flavour):
    assert [n["doc_number"] for n in from_markdown(issue, flavour)["notices"]] == [
        n["doc_number"] for n in from_text(issue)["notices"]
    ]


@pytest.mark.parametrize("flavour", WHOLE)
@pytest.mark.parametrize("issue", ISSUES)
def test_same_metadata_and_articles(issue, flavour):
    text_rows, md_rows = from_text(issue), from_markdown(issue, flavour)
    text, md = by_number(text_rows), by_number(md_rows)
    differences = [
        (number, field, text[number][field], md[number][field])
        for number in text
        for field in FIELDS
        if text[number][field] != md[number][field]
    ]
    assert differences == []
    for number, notice in text.items():
        assert main_articles(md_rows, md[number]["notice_id"]) == main_articles(
            text_rows, notice["notice_id"]
        ), number


@pytest.mark.parametrize("dataset", ("pollutant_concentrations", "price_items"))
@pytest.mark.parametrize("flavour", WHOLE)
@pytest.mark.parametrize("issue", ISSUES)
def test_same_pollutant_and_price_records(issue, flavour, dataset):
    assert records(from_markdown(issue, flavour), dataset) == records(from_text(issue), dataset)


@pytest.mark.parametrize("flavour", WHOLE)
def test_land_prices_where_the_converter_kept_the_merged_cells(flavour):
    """PyMuPDF writes a merged cell in every position it covers; a price spanning both
    frontage columns (住宅用地 368) then reads as two equal prices, which no reader can tell
    from two printed cells. Every other land price is the text path's."""
    text = records(from_text("luzhou_2024_12"), "land_price_standards")
    md = records(from_markdown("luzhou_2024_12", flavour), "land_price_standards")
    spanning = [r for r in text if r["frontage"] is None]
    assert [r for r in md if r["land_use"] != "住宅用地"] == [r for r in text if r not in spanning]
    leaves = ("临街且平街一层", "其他")
    assert [r for r in md if r["land_use"] == "住宅用地"] == [
        r | {"frontage": leaf} for r in spanning for leaf in leaves
    ]


def test_notices_and_articles_from_pymupdf4llm_layout_mode():
    """On 第9/10期 layout mode keeps every notice's text in reading order (on 第12期 it
    interleaves the columns of one page: 第二十二条 lands inside an attachment list)."""
    text_rows = from_text("luzhou_2024_09_10")
    md_rows = from_markdown("luzhou_2024_09_10", "v0_pymupdf4llm_layout")
    text, md = by_number(text_rows), by_number(md_rows)
    assert [(n, f) for n in text for f in FIELDS if text[n][f] != md[n][f]] == []
    for number, notice in text.items():
        assert main_articles(md_rows, md[number]["notice_id"]) == main_articles(
            text_rows, notice["notice_id"]
        ), number


def test_pollutants_from_pymupdf4llm_layout_mode():
    """The layout mode garbles the headers of ruled price and land tables (a merged cell's text
    lands in the middle of its area), but writes the plain pollutant table whole."""
    rows = from_markdown("luzhou_2024_09_10", "v0_pymupdf4llm_layout")
    text = from_text("luzhou_2024_09_10")
    assert records(rows, "pollutant_concentrations") == records(text, "pollutant_concentrations")


@pytest.mark.parametrize("issue", ISSUES)
def test_every_table_of_the_text_is_found_in_the_html_variant(issue):
    text, html = from_text(issue)["tables"], from_markdown(issue, "v0_mineru_style")["tables"]
    assert sorted((t["n_cols"], t["kind"]) for t in html if t["kind"]) == sorted(
        (t["n_cols"], t["kind"]) for t in text if t["kind"]
    )
