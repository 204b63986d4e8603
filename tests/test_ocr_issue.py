"""A noisy scan of a whole issue gives the born-digital path's fields (the bar: ≥ 0.90).

The issue is laid out by the held-out generator (tests/pdfgen_story: another engine, font and
page size than the PDF reader was developed on), scanned by tests/scangen (200 dpi, skew up
to ±1.5°, grain, dust, JPEG) with one page fed sideways, and extracted with OCR; every field
its born-digital extract gives is looked for in the scan's rows (tests/ocr_score.py). A mixed
PDF (one page scanned) is read page by page.
"""

from __future__ import annotations

from functools import cache

import pymupdf

from extractors.extract import extract_bytes
from tests.conftest import RAW
from tests.ocr_score import score
from tests.pdfgen import load_content
from tests.pdfgen_story import build_issue_pdf
from tests.scangen import ScanSettings, scan_pdf

MIN_SCORE = 0.90
ISSUE = "luzhou_2024_09_10"
SIDEWAYS_PAGE = 9  # 0-based: a body page of the enclosed plan, fed sideways


@cache
def _issue() -> tuple[dict, dict, list]:
    pdf = build_issue_pdf(load_content(ISSUE))
    born = extract_bytes(pdf, f"{ISSUE}_story.pdf")
    scanned = scan_pdf(pdf, ScanSettings(turned_pages=(SIDEWAYS_PAGE,)))
    result = extract_bytes(scanned, f"{ISSUE}_story.scan.pdf")
    assert born.ok and result.ok, result.diagnostics
    return born.rows, result.rows, result.diagnostics


def test_a_scanned_issue_scores_at_least_0_90_of_the_born_digital_fields():
    born, scan, _ = _issue()
    result = score(born, scan)
    print(result.report())
    assert result.total >= MIN_SCORE, (result.report(), result.misses[:30])
    # Each kind of field on its own clears the bar too: no category is carried by another.
    for category, given in result.given.items():
        assert result.found[category] / given >= MIN_SCORE, (category, result.report())


def test_rows_from_the_scan_say_ocr_and_the_born_digital_ones_pdf_text():
    born, scan, _ = _issue()
    for dataset in ("notices", "articles", "tables", "table_cells", "pollutant_concentrations"):
        assert scan[dataset] and {r["text_source"] for r in scan[dataset]} == {"ocr"}, dataset
        assert {r["text_source"] for r in born[dataset]} == {"pdf_text"}, dataset


def test_the_issue_metadata_comes_from_the_scanned_cover():
    born, scan, _ = _issue()
    keys = ("gazette_name", "year", "issue_label", "page_count", "notice_count")
    assert {k: scan["issues"][0][k] for k in keys} == {k: born["issues"][0][k] for k in keys}


def test_unsure_characters_are_reported_not_guessed():
    _, scan, diagnostics = _issue()
    unsure = [d for d in diagnostics if d.code == "low_confidence_ocr"]
    assert all(d.severity == "warning" and d.page for d in unsure)
    # A notice whose 文号 OCR could not read has none, never a made-up one.
    numbers = {n["doc_number"] for n in scan["notices"]} - {None}
    assert all("□" not in n for n in numbers)


def test_a_mixed_pdf_is_read_page_by_page():
    """The committed 12期 with its 聘任 notice page (6) replaced by a scan of it."""
    data = (RAW / "pdf" / "luzhou_2024_12_v0.pdf").read_bytes()
    with pymupdf.open(stream=data, filetype="pdf") as pdf:
        single = pymupdf.open()
        single.insert_pdf(pdf, from_page=5, to_page=5)
        with pymupdf.open(stream=scan_pdf(single.tobytes()), filetype="pdf") as scanned:
            pdf.delete_page(5)
            pdf.insert_pdf(scanned, start_at=5)
        mixed = pdf.tobytes()
    born = extract_bytes(data, "a.pdf").rows
    rows = extract_bytes(mixed, "b.pdf").rows
    sources = {n["doc_number"]: n["text_source"] for n in rows["notices"]}
    assert list(sources) == [n["doc_number"] for n in born["notices"]]
    assert sources["泸市府函〔2024〕270号"] == "ocr"
    assert {s for number, s in sources.items() if number != "泸市府函〔2024〕270号"} == {"pdf_text"}
    ocr = next(n for n in rows["notices"] if n["doc_number"] == "泸市府函〔2024〕270号")
    want = next(n for n in born["notices"] if n["doc_number"] == "泸市府函〔2024〕270号")
    assert (ocr["title"], ocr["signing_date"]) == (want["title"], want["signing_date"])
