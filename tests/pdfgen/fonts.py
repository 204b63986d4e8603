"""The one embedded font: PyMuPDF's built-in CJK font (Droid Sans Fallback), no download.

Text is written as glyph ids (Identity-H), so layout needs advances and glyph ids only. The
font is added to each page with `insert_font(fontbuffer=…)` (one embedded copy per document)
and subset when the document is saved.
"""

from __future__ import annotations

import functools

import pymupdf

FONT_NAME = "F0"


class CJKFont:
    def __init__(self) -> None:
        self.font = pymupdf.Font("cjk")
        self._adv: dict[str, float] = {}
        self._hex: dict[str, str] = {}

    @property
    def buffer(self) -> bytes:
        return self.font.buffer

    def adv(self, ch: str) -> float:
        """Advance of one character, in em."""
        a = self._adv.get(ch)
        if a is None:
            a = self._adv[ch] = round(self.font.glyph_advance(ord(ch)), 4)
        return a

    def width(self, text: str, size: float) -> float:
        return sum(self.adv(c) for c in text) * size

    def encode(self, text: str) -> str:
        """Hex string of 2-byte glyph ids, for a `<…> Tj` operand."""
        out = []
        for c in text:
            h = self._hex.get(c)
            if h is None:
                gid = self.font.has_glyph(ord(c))
                if not gid:
                    raise ValueError(f"no glyph for {c!r} (U+{ord(c):04X}) in the CJK font")
                h = self._hex[c] = f"{gid:04x}"
            out.append(h)
        return "".join(out)


@functools.lru_cache(maxsize=1)
def cjk() -> CJKFont:
    return CJKFont()
