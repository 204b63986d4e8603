"""What OCR text may say: characters read unsure masked, confusions no reading could mean undone.

A character the recogniser was unsure of becomes UNSURE (□, what transcribers write for an
illegible character): no pattern (文号, date, 第X条 label) accepts it, so an unsure character
can leave a field null but never give it a wrong value. Only characters values are made of
are masked (digits, letters, CJK); punctuation stays as read, since a misread bracket or dash
can make a pattern fail but not make a wrong number.
"""

from __future__ import annotations

import re

from extractors.readers.ocr import OcrLine

UNSURE = "□"
UNSURE_SHOWN = 3  # lines quoted in the low_confidence_ocr diagnostic


# What a value is made of: digits, letters, CJK characters. Punctuation read unsure stays as
# read (a bracket or dash misread can make a pattern fail, never make a wrong number).
_VALUE_CHAR = re.compile(r"[0-9A-Za-z\u3400-\u9fff\uf900-\ufaff\uff10-\uff19\u3007]")
# A line of a page number between dashes, with the dash read as 一 (the classic confusion).
_DASHED_NUMBER = re.compile(r"^([-—–一\s]*)(\d{1,4})([-—–一\s]*)$")
_MIXED_PAIR = re.compile(r"\(([^()（）]*)）|（([^()（）]*)\)")
# Letters whose small and capital shapes differ only in size: OCR confuses their case.
_SAME_SHAPE = re.compile(r"(?<![A-Za-z])([cosvwxz])(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]+\b)")


def masked_text(line: OcrLine, min_confidence: float) -> str:
    """The line's text with every value character read below `min_confidence` replaced by
    UNSURE."""
    if not line.chars or "".join(c.text for c in line.chars) != line.text:
        return line.text if line.confidence >= min_confidence else UNSURE * len(line.text)
    return "".join(
        UNSURE if c.confidence < min_confidence and _VALUE_CHAR.match(c.text) else c.text
        for c in line.chars
    )


def fix_confusions(text: str) -> str:
    """Undo OCR confusions that no reading of the page could mean: 一 for the dashes around
    a page number, a small s/o/c… in a token of capitals and digits (sO2 is SO2)."""
    number = _DASHED_NUMBER.match(text)
    if number:
        return number[1].replace("一", "—") + number[2] + number[3].replace("一", "—")
    text = _SAME_SHAPE.sub(lambda m: m[1].upper(), text)
    # One bracket read half-width, its partner full-width: the pair is one width (full-width,
    # as Chinese is set; textnorm then treats the pair as it treats any other).
    return _MIXED_PAIR.sub(lambda m: f"（{m[1] if m[1] is not None else m[2]}）", text)


def ocr_line_text(line: OcrLine, min_confidence: float) -> str:
    """The line as the reader takes it: a page number between dashes as read (its 一 is a
    dash), anything else masked where unsure, then confusions undone."""
    if _DASHED_NUMBER.match(line.text):
        return fix_confusions(line.text)
    return fix_confusions(masked_text(line, min_confidence))
