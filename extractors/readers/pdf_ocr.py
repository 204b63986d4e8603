"""Which PDF pages are read by OCR, and their OCR: lines, rulings and ruled tables.

A page is OCR'd when it has no text layer but shows an image (a scan), when its text layer
is garbage (glyphs mapped to no Unicode: `(cid:N)`, private-use, U+FFFD), or when a page-sized
image sits under a text layer that is not Chinese (a scanner's bad OCR layer, Latin
mojibake). `--ocr always` reads every page by OCR, `never` none; `auto` (the default) decides
page by page, so a mixed PDF keeps its born-digital pages as they are.

The page is rendered once, at the resolution the recogniser wants (its crops are scaled to
48 px high, which 150 dpi gives 10.5 pt text), then `extractors.readers.ocr` reads it upright
and `extractors.readers.scan_tables` finds its rulings and tables.

Pure: a PyMuPDF page (already opened from bytes by the PDF reader) in, plain data out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pymupdf

from extractors.readers.ocr import OcrLine, OcrPage, OcrSettings, read_image
from extractors.readers.ocr_text import UNSURE, ocr_line_text
from extractors.readers.pdf_columns import Raw
from extractors.readers.pdf_tables import Rect, RuledTable
from extractors.readers.scan_tables import find_rulings, tables_from_ocr

OcrMode = Literal["auto", "always", "never"]
OCR_MODES: tuple[OcrMode, ...] = ("auto", "always", "never")
OCR_DPI = 150

# Glyphs without a Unicode mapping come out as private-use code points, U+FFFD or NUL, or as
# pdfminer-style (cid:N) placeholders.
UNMAPPED = re.compile(r"[\ue000-\uf8ff\ufffd\x00]")
CID = re.compile(r"\(cid:\d+\)")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff\u3400-\u9fff\uf900-\ufaff]")
_FULL_WIDTH = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


@dataclass(frozen=True)
class TextLayerCheck:
    # More than this share of a page's characters unmapped: the layer is garbage.
    max_unmapped_share: float = 0.05
    # Fewer unmapped characters than this are a stray symbol font, not a broken page.
    min_unmapped: int = 5
    # An image covering this share of the page is a scan under whatever text there is.
    scan_image_share: float = 0.6
    # Under a scan, a text layer whose letters are less than this share Chinese is not the
    # page's text (a gazette is Chinese).
    min_cjk_share: float = 0.3
    min_letters: int = 20  # fewer letters say nothing either way


TEXT_LAYER_CHECK = TextLayerCheck()


def ocr_reason(
    page: pymupdf.Page, text: str, mode: OcrMode, check: TextLayerCheck = TEXT_LAYER_CHECK
) -> str | None:
    """Why this page is to be read by OCR, or None to keep its text layer."""
    if mode == "never":
        return None
    if mode == "always":
        return "ocr_always"
    stripped = "".join(text.split())
    if not stripped:
        return "no_text_layer" if page.get_images() else None
    unmapped = len(UNMAPPED.findall(stripped)) + len(CID.findall(stripped))
    if unmapped >= check.min_unmapped and unmapped > len(stripped) * check.max_unmapped_share:
        return "unmapped_glyphs"
    letters = len(_LETTER.findall(stripped))
    if letters < check.min_letters:
        return None
    cjk = len(_CJK.findall(stripped))  # every CJK character is a letter
    # The image is looked for last: finding it builds a second text page of the page.
    if cjk < letters * check.min_cjk_share and _image_share(page) >= check.scan_image_share:
        return "not_chinese"
    return None


def _image_share(page: pymupdf.Page) -> float:
    area = abs(page.rect) or 1.0
    best = 0.0
    for info in page.get_image_info():
        best = max(best, abs(pymupdf.Rect(info["bbox"]) & page.rect) / area)
    return best


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
