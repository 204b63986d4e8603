"""A held-out PDF, laid out by a different generator, is read with the same accuracy.

tests/pdfgen (the engine the PDF reader was developed against) is not used for layout here:
tests/pdfgen_story sets the same content with MuPDF's HTML/CSS engine (`pymupdf.Story`), in
WenQuanYi Micro Hei, on 16开 pages with other margins, ragged-right CJK lines, HTML tables with
collapsed borders and every notice starting a new page. The checks are those of
tests/test_pdf_equivalence.py, against the same text/Markdown samples.
"""

from __future__ import annotations

import re
import time
from functools import cache

import pymupdf
import pytest

from extractors.extract import extract_bytes
from tests.pdfgen import load_content
from tests.pdfgen_story import build_issue_layout, build_issue_pdf, font_source
from tests.test_pdf_equivalence import (
    FIELDS,
    SAMPLES,
    TYPED,
    by_number,
    from_pdf,
    from_text,
    main_articles,
    whole_notices,
)

NAMES = list(SAMPLES)


@cache
def story_layout(name: str):
    start = time.perf_counter()
    data, layout = build_issue_layout(load_content(name))
    return data, layout, time.perf_counter() - start


@cache
def from_story(name: str) -> dict:
    data = story_layout(name)[0]
    result = extract_bytes(data, f"{name}_story.pdf")
    assert result.ok, result.diagnostics
    return result.rows


@pytest.mark.parametrize("name", NAMES)
def test_the_generator_is_deterministic_fast_and_uses_its_own_font(name):
    data, layout, seconds = story_layout(name)
    assert seconds < 5.0
    assert build_issue_pdf(load_content(name)) == data
    with pymupdf.open(stream=data, filetype="pdf") as pdf:
        fonts = {f[3] for page in pdf for f in page.get_fonts()}
        assert pdf.page_count == layout.front_pages + len(layout.body_numbers) + bool(
            load_content(name).get("colophon")
        )
    if font_source()[0].endswith(".ttc"):  # WenQuanYi Micro Hei, and nothing else
        assert fonts and all("WenQuanYi" in f for f in fonts), fonts
    else:  # fonts-wqy-microhei missing: PyMuPDF's CJK font (MuPDF adds Noto for the rest)
        assert any("Droid" in f for f in fonts), fonts


@pytest.mark.parametrize("name", NAMES)
def test_same_notices_in_the_same_order(name):
    assert [x["doc_number"] for x in from_story(name)["notices"]] == [
        x["doc_number"] for x in from_text(name)["notices"]
    ]


@pytest.mark.parametrize("name", NAMES)
def test_same_metadata(name):
    text, pdf = by_number(from_text(name)), by_number(from_story(name))
    differences = [
        (number, field, text[number][field], pdf.get(number, {}).get(field, "<no notice>"))
        for number in text
        for field in FIELDS
        if text[number][field] != pdf.get(number, {}).get(field, "<no notice>")
    ]
    assert differences == []


@pytest.mark.parametrize("name", NAMES)
def test_same_articles_with_their_chapters(name):
    text_rows, pdf_rows = from_text(name), from_story(name)
    text, pdf = by_number(text_rows), by_number(pdf_rows)
    for number, notice in text.items():
        expected = main_articles(text_rows, notice["notice_id"])
        assert number in pdf, number
        assert main_articles(pdf_rows, pdf[number]["notice_id"]) == expected, number


@pytest.mark.parametrize("name", NAMES)
def test_same_citations_where_transcribed_whole(name):
    def cited(rows: dict, notice_id: str) -> set[str]:
        return {c["cited_doc_number"] for c in rows["citations"] if c["notice_id"] == notice_id}

    text_rows, pdf_rows = from_text(name), from_story(name)
    text, pdf = by_number(text_rows), by_number(pdf_rows)
    for number in whole_notices(name):
        assert number in pdf, number
        assert cited(pdf_rows, pdf[number]["notice_id"]) == cited(
            text_rows, text[number]["notice_id"]
        ), number


@pytest.mark.parametrize("name", NAMES)
def test_every_notice_starts_on_the_page_its_toc_entry_gives(name):
    rows = from_story(name)
    notices = {x["notice_id"]: x for x in rows["notices"]}
    toc = rows["toc_entries"]
    assert len(toc) == len(notices)
    for entry in toc:
        assert entry["notice_id"] is not None, entry
        assert notices[entry["notice_id"]]["page_label_start"] == str(entry["page"]), entry


@pytest.mark.parametrize("name", NAMES)
def test_page_labels_are_the_printed_page_numbers(name):
    """The 目录 could agree with a wrong reading of it: check against where the generator put
    each notice (the cover counts as page 1 in this layout)."""
    placed = story_layout(name)[1].notice_pages
    read = {n["doc_number"]: n["page_label_start"] for n in from_story(name)["notices"]}
    assert read == {number: str(page) for number, page in placed.items()}


def test_issue_metadata_from_the_cover_and_running_headers():
    issue = from_story("luzhou_2024_12")["issues"][0]
    assert (
        issue["gazette_name"],
        issue["year"],
        issue["issue_label"],
        issue["total_issue_no"],
        issue["source_format"],
    ) == ("泸州市人民政府公报", 2024, "12", 69, "pdf")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("dataset", TYPED)
def test_same_typed_table_records(name, dataset):
    def records(rows: dict) -> list[dict]:
        ids = ("table_id", "issue_id", "notice_id", "source_sha256")
        return [{k: v for k, v in r.items() if k not in ids} for r in rows[dataset]]

    assert records(from_story(name)) == records(from_text(name))


# -- beyond test_pdf_equivalence: the text itself, against the canonical pdfgen layout ----------


def _flat(text: str) -> str:
    return re.sub(r"\s", "", text)


def content_paragraphs(name: str) -> dict[str, list[str]]:
    """文号 → the notice's covering and body paragraphs (articles with their label, headings),
    whitespace removed, as the content file gives them."""
    out: dict[str, list[str]] = {}
    for section in load_content(name)["sections"]:
        for n in section["notices"]:
            paras = list(n.get("cover_paragraphs") or [])
            for b in n.get("body") or []:
                if b["kind"] in ("paragraph", "heading"):
                    paras.append(b["text"])
                elif b["kind"] == "article":
                    paras.append(b["label"] + b["text"])
            out[n["doc_number"]] = [_flat(p) for p in paras]
    return out


def _whole(rows: dict) -> dict[str, set[str]]:
    return {n["doc_number"]: {_flat(x) for x in n["text"].split("\n")} for n in rows["notices"]}


def _joined(rows: dict) -> dict[str, str]:
    return {n["doc_number"]: _flat(n["text"]) for n in rows["notices"]}


@pytest.mark.parametrize("name", NAMES)
def test_reading_order_keeps_every_paragraph_in_one_piece(name):
    """Columns read left before right, full-width blocks where they stand: each paragraph's
    characters follow one another in the notice text (wherever the canonical layout does)."""
    canonical, story = _joined(from_pdf(name, 0)), _joined(from_story(name))
    broken = [
        (number, p[:24])
        for number, paras in content_paragraphs(name).items()
        for p in paras
        if p in canonical[number] and p not in story.get(number, "")
    ]
    assert broken == []


MAX_CUT_SHARE = 0.05  # measured: 2 of 176 (12期) and 4 of 137 (9/10期) paragraphs


@pytest.mark.parametrize("name", NAMES)
def test_paragraphs_come_out_whole_where_the_canonical_layout_gives_them_whole(name):
    """Near the accuracy of tests/pdfgen's variant 0: a paragraph read as one line of the notice
    text there is one line here too, not cut where MuPDF's line breaker left a line short of
    the column edge (避头尾, unbreakable numbers). The few still cut stop short by more than
    their next unit; they are listed on failure."""
    canonical, story = _whole(from_pdf(name, 0)), _whole(from_story(name))
    whole = [
        (number, p)
        for number, paras in content_paragraphs(name).items()
        for p in paras
        if p in canonical[number]
    ]
    cut = [(number, p[:24]) for number, p in whole if p not in story.get(number, set())]
    assert len(cut) <= MAX_CUT_SHARE * len(whole), cut
