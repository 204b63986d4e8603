"""Which PDF pages are read by OCR: a page is OCR'd when it has no text layer but shows an
image (a scan), when its text layer is garbage (glyphs mapped to no Unicode: `(cid:N)`,
private-use, U+FFFD), or when a page-sized image sits under a text layer that is not Chinese
(a scanner's bad OCR layer, Latin mojibake). `--ocr always` reads every page by OCR, `never`
none; `auto` (the default) decides page by page, so a mixed PDF keeps its born-digital pages
as they are.

Apart from the OCR itself (extractors.readers.pdf_ocr) so that deciding costs no import of
the recogniser, OpenCV and numpy: a born-digital PDF never loads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from extractors.readers.mupdf import pymupdf

OcrMode = Literal["auto", "always", "never"]
OCR_MODES: tuple[OcrMode, ...] = ("auto", "always", "never")

# Glyphs without a Unicode mapping come out as private-use code points, U+FFFD or NUL, or as
# pdfminer-style (cid:N) placeholders.
UNMAPPED = re.compile(r"[\ue000-\uf8ff\ufffd\x00]")
CID = re.compile(r"\(cid:\d+\)")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff\u3400-\u9fff\uf900-\ufaff]")


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
