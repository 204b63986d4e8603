"""The OCR of the PDF pages extractors.readers.pdf_text_layer chose: lines, rulings, ruled
tables.

The page is rendered once, at the resolution the recogniser wants (its crops are scaled to
48 px high, which 150 dpi gives 10.5 pt text), then `extractors.readers.ocr` reads it upright
and `extractors.readers.scan_tables` finds its rulings and tables. Imported only when a page
needs OCR: the recogniser, OpenCV and numpy cost a born-digital PDF nothing.

Pure: a PyMuPDF page (already opened from bytes by the PDF reader) in, plain data out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from extractors.readers.mupdf import pymupdf
from extractors.readers.ocr import OcrLine, OcrPage, OcrSettings, read_image
from extractors.readers.ocr_text import UNSURE, ocr_line_text
from extractors.readers.pdf_columns import Raw
from extractors.readers.pdf_tables import Rect, RuledTable
from extractors.readers.scan_tables import find_rulings, tables_from_ocr

OCR_DPI = 150
_FULL_WIDTH = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def render_grey(page: pymupdf.Page, dpi: int = OCR_DPI) -> np.ndarray:
    """The page as shown (its /Rotate applied), grey, one byte per pixel."""
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    return np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width).copy()


@dataclass
class OcrResult:
    page: OcrPage
    horizontal: list[Rect]  # rulings in points, upright page
    tables: list[RuledTable]


def ocr_pdf_page(page: pymupdf.Page, settings: OcrSettings | None = None) -> OcrResult:
    """Render, read upright, find rulings and ruled tables (cells filled from OCR characters)."""
    settings = settings or OcrSettings()
    shown = page.rect * page.rotation_matrix if page.rotation else page.rect
    result = read_image(render_grey(page), abs(shown.width), abs(shown.height), settings)
    horizontal, vertical = find_rulings(result.image, result.scale)
    tables = tables_from_ocr(horizontal, vertical, result.lines, settings.min_char_confidence)
    return OcrResult(result, horizontal, tables)


@dataclass
class OcrScan:
    """An OCR'd page as the PDF reader's raw lines, rulings and tables."""

    raws: list[Raw]
    tables: list[RuledTable]
    horizontal: list[Rect]
    width: float
    height: float
    turn: int
    unsure: list[str]  # lines with characters masked as UNSURE


def ocr_scan(page: pymupdf.Page, settings: OcrSettings | None = None) -> OcrScan:
    settings = settings or OcrSettings()
    result = ocr_pdf_page(page, settings)
    raws: list[Raw] = []
    unsure: list[str] = []
    for line in result.page.lines:
        text = ocr_line_text(line, settings.min_char_confidence)
        if UNSURE in text:
            unsure.append(text)
        x0, y0, x1, y1 = line.bbox
        raws.append(Raw(text, x0, y0, x1, y1, font_size(line), False, line.confidence))
    ocr = result.page
    return OcrScan(raws, result.tables, result.horizontal, ocr.width, ocr.height, ocr.turn, unsure)


def font_size(line: OcrLine) -> float:
    """The line's type size in points: CJK glyphs are one em wide and set solid, so the line's
    width over its characters (half-width ones counting half) is the em; a short line with
    few characters falls back on the box height."""
    x0, y0, x1, y1 = line.bbox
    text = "".join(line.text.split())
    ems = sum(1.0 if _FULL_WIDTH.match(c) else 0.55 for c in text)
    height = (y1 - y0) * 0.85  # the detector's box stands a little taller than the type
    if ems < 2:
        return height
    return min((x1 - x0) / ems, height * 1.3)
