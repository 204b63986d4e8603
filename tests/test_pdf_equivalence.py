"""A gazette read from PDF gives what its text and Markdown give.

The PDFs are laid out from content transcribed from the two real samples, by tests/pdfgen in
several geometries (margins, fonts, one or two columns, rotated and landscape table pages) and
by the held-out generator tests/pdfgen_story (another engine, font and page size).
Notices, their metadata and articles must equal the text/Markdown path's, citations too where
the transcription is whole, and every notice must start on the page its 目录 entry gives.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from extractors.extract import extract_bytes
from tests.pdfgen import build_issue_pdf, load_content, variant

RAW = Path(__file__).resolve().parent.parent / "raw"
SAMPLES = {
    "luzhou_2024_12": RAW / "003_e888584f49a9a9b6.txt",
    "luzhou_2024_09_10": RAW / "000_bbc4044de49a57c2.txt",
}
VARIANTS = (0, 3, 5, 8)  # canonical; sideways tables anticlockwise; 16开 inline 目录; one column
FIELDS = (
    "title",
    "doc_type",
    "issuers",
    "section",
    "doc_agency_code",
    "doc_year",
    "doc_serial",
    "is_normative",
    "addressees",
    "signing_date",
    "effective_date",
    "validity_months",
    "is_trial",
    "expiry_date",
    "enclosed_title",
)


@cache
def from_text(name: str) -> dict:
    path = SAMPLES[name]
    return extract_bytes(path.read_bytes(), str(path)).rows


@cache
def from_pdf(name: str, n: int) -> dict:
    result = extract_bytes(build_issue_pdf(load_content(name), variant(n)), f"{name}_v{n}.pdf")
    assert result.ok, result.diagnostics
    return result.rows


def by_number(rows: dict) -> dict[str, dict]:
    return {n["doc_number"]: n for n in rows["notices"]}


def main_articles(rows: dict, notice_id: str) -> list[tuple]:
    return [
        (a["label"], a["chapter_no"], a["chapter_title"])
        for a in rows["articles"]
        if a["notice_id"] == notice_id and a["attachment_no"] is None
    ]


def whole_notices(name: str) -> set[str]:
    """文号 of the notices the content file transcribes in full (citations can be compared)."""
    content = load_content(name)
    return {
        n["doc_number"]
        for section in content["sections"]
        for n in section["notices"]
        if not n.get("abridged")
    }


@cache
def from_story(name: str) -> dict:
    """The held-out generator's layout (tests/pdfgen_story; more checks of it in
    tests/test_pdf_heldout.py)."""
    from tests.pdfgen_story import build_issue_pdf as build_story_pdf

    result = extract_bytes(build_story_pdf(load_content(name)), f"{name}_story.pdf")
    assert result.ok, result.diagnostics
    return result.rows


# Every layout of every sample: tests/pdfgen's variants, and the held-out Story generator.
LAYOUTS = [*(f"pdfgen-v{n}" for n in VARIANTS), "story"]
CASES = [(name, layout) for name in SAMPLES for layout in LAYOUTS]


def from_layout(name: str, layout: str) -> dict:
    if layout == "story":
        return from_story(name)
    return from_pdf(name, int(layout.removeprefix("pdfgen-v")))


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_same_notices_in_the_same_order(name, layout):
    assert [x["doc_number"] for x in from_layout(name, layout)["notices"]] == [
        x["doc_number"] for x in from_text(name)["notices"]
    ]


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_same_metadata(name, layout):
    text, pdf = by_number(from_text(name)), by_number(from_layout(name, layout))
    differences = [
        (number, field, text[number][field], pdf.get(number, {}).get(field, "<no notice>"))
        for number in text
        for field in FIELDS
        if text[number][field] != pdf.get(number, {}).get(field, "<no notice>")
    ]
    assert differences == []


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_same_articles_with_their_chapters(name, layout):
    text_rows, pdf_rows = from_text(name), from_layout(name, layout)
    text, pdf = by_number(text_rows), by_number(pdf_rows)
    for number, notice in text.items():
        expected = main_articles(text_rows, notice["notice_id"])
        assert number in pdf, number
        assert main_articles(pdf_rows, pdf[number]["notice_id"]) == expected, number


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_same_citations_where_transcribed_whole(name, layout):
    def cited(rows: dict, notice_id: str) -> set[str]:
        return {c["cited_doc_number"] for c in rows["citations"] if c["notice_id"] == notice_id}

    text_rows, pdf_rows = from_text(name), from_layout(name, layout)
    text, pdf = by_number(text_rows), by_number(pdf_rows)
    for number in whole_notices(name):
        assert number in pdf, number
        assert cited(pdf_rows, pdf[number]["notice_id"]) == cited(
            text_rows, text[number]["notice_id"]
        ), number


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_every_notice_starts_on_the_page_its_toc_entry_gives(name, layout):
    rows = from_layout(name, layout)
    notices = {x["notice_id"]: x for x in rows["notices"]}
    toc = rows["toc_entries"]
    assert len(toc) == len(notices)
    for entry in toc:
        assert entry["notice_id"] is not None, entry
        assert notices[entry["notice_id"]]["page_label_start"] == str(entry["page"]), entry


@pytest.mark.parametrize("layout", LAYOUTS)
def test_issue_metadata_from_the_cover_and_running_headers(layout):
    issue = from_layout("luzhou_2024_12", layout)["issues"][0]
    assert (
        issue["gazette_name"],
        issue["year"],
        issue["issue_label"],
        issue["total_issue_no"],
        issue["source_format"],
    ) == ("泸州市人民政府公报", 2024, "12", 69, "pdf")


TYPED = ("pollutant_concentrations", "price_items", "land_price_standards")


@pytest.mark.parametrize(("name", "layout"), CASES)
@pytest.mark.parametrize("dataset", TYPED)
def test_same_typed_table_records(name, layout, dataset):
    """Every pollutant value, price, surcharge and land price read from the PDF's ruled (and
    rotated, landscape, page-crossing) tables equals the one read from the text."""

    def records(rows: dict) -> list[dict]:
        # Ids and provenance differ by source; every other column must agree.
        ids = ("table_id", "issue_id", "notice_id", "source_sha256", "text_source")
        return [{k: v for k, v in r.items() if k not in ids} for r in rows[dataset]]

    assert records(from_layout(name, layout)) == records(from_text(name))


@pytest.mark.parametrize("name", list(SAMPLES))
def test_bundled_pdfs_are_the_generators_current_output(name):
    """raw/pdf/ holds the generator's canonical layout of each sample, for the README's main job;
    regenerate with `python -m tests.pdfgen raw/pdf --variant 0` when the generator changes."""
    bundled = RAW / "pdf" / f"{name}_v0.pdf"
    assert bundled.read_bytes() == build_issue_pdf(load_content(name), variant(0))
