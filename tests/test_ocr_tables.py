"""Ruled tables on scans (extractors/readers/scan_tables.py): rulings from the page image give
the cells the PDF's own drawings give, and the shared grid path gives the same table."""

from __future__ import annotations

import difflib
from functools import cache

import pymupdf
import pytest

from extractors.readers import ocr, pdf_tables
from extractors.readers.ocr import OcrSettings, read_image
from extractors.readers.pdf_ocr import OCR_DPI
from extractors.readers.scan_tables import find_rulings, tables_from_ocr
from tests.scangen import ScanSettings, render_grey, scan_pdf
from tests.test_ocr import PDF_12

# 0-based pages of the committed 12期 PDF with ruled tables: the 噪声 law table (merged
# cells), the website check (附件1), the land price table, a landscape price-table page.
TABLE_PAGES = (8, 12, 17, 25)


@cache
def _scan(index: int) -> tuple[pymupdf.Document, pymupdf.Document]:
    with pymupdf.open(PDF_12) as pdf:
        one = pymupdf.open()
        one.insert_pdf(pdf, from_page=index, to_page=index)
    scanned = pymupdf.open(stream=scan_pdf(one.tobytes(), ScanSettings(seed=index)), filetype="pdf")
    return one, scanned


@cache
def _deskewed(index: int):
    """The scan's image levelled as the OCR levels it (no recognition: rulings need none)."""
    _, scanned = _scan(index)
    page = scanned[0]
    grey = render_grey(page, OCR_DPI)
    settings = OcrSettings()
    grey = ocr._rotate(grey, ocr._skew(ocr._ink(grey, settings.profile_side), settings))
    return grey, grey.shape[1] / page.rect.width


@cache
def _upright(index: int):
    """The scan read upright (OCR included: its deskewed image carries the rulings)."""
    _, scanned = _scan(index)
    page = scanned[0]
    return read_image(render_grey(page, OCR_DPI), page.rect.width, page.rect.height)


def _cells(page: pymupdf.Page) -> list[tuple[float, ...]]:
    horizontal, vertical = pdf_tables._rulings(pdf_tables.read_drawings(page))
    shown = page.rotation_matrix
    return [
        tuple(pymupdf.Rect(c) * shown)
        for table in pdf_tables._plumber_cells(horizontal, vertical)
        for c in table
    ]


@pytest.mark.parametrize("index", TABLE_PAGES)
def test_rulings_on_the_image_give_the_drawings_cells(index):
    born, _ = _scan(index)
    expected = _cells(born[0])
    horizontal, vertical = find_rulings(*_deskewed(index))
    found = [c for t in pdf_tables._plumber_cells(horizontal, vertical) for c in t]
    # The scan is skewed, then deskewed about the page centre: cells land within a few points.
    tol = 4.0
    unmatched = [
        c
        for c in expected
        if not any(all(abs(a - b) <= tol for a, b in zip(c, f, strict=True)) for f in found)
    ]
    assert len(found) == len(expected)
    assert unmatched == []


@pytest.mark.parametrize("index", TABLE_PAGES[:2])
def test_scan_tables_equal_the_born_digital_tables(index):
    born, _ = _scan(index)
    expected = pdf_tables.find_ruled_tables(born[0])
    upright = _upright(index)
    horizontal, vertical = find_rulings(upright.image, upright.scale)
    got = tables_from_ocr(horizontal, vertical, upright.lines, 0.5)
    assert [len(t.rows) for t in got] == [len(t.rows) for t in expected]
    assert [len(t.rows[0]) for t in got] == [len(t.rows[0]) for t in expected]
    assert [t.spans for t in got] == [t.spans for t in expected]
    want = "|".join(c for t in expected for row in t.rows for c in row)
    have = "|".join(c for t in got for row in t.rows for c in row)
    assert difflib.SequenceMatcher(None, want, have, autojunk=False).ratio() >= 0.95
