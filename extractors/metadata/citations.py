"""Documents a notice cites by 文号, with the 《title》 printed just before the number."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from extractors.metadata.docnumber import find_doc_numbers

# 《title》（文号）: the title closes right before the bracket that opens the number.
_TITLE_BEFORE = re.compile(r"《([^《》]{2,120}(?:《[^《》]*》[^《》]*)*)》[（(]?$")


@dataclass(frozen=True)
class Citation:
    doc_number: str
    title: str | None


def find_citations(text: str, own_number: str | None = None) -> list[Citation]:
    """Every distinct 文号 in the text except the document's own, in order of first mention."""
    seen: set[str] = set()
    out: list[Citation] = []
    for start, _end, number in find_doc_numbers(text):
        if number.text == own_number or number.text in seen:
            continue
        seen.add(number.text)
        out.append(Citation(doc_number=number.text, title=_title_before(text, start)))
    return out


def _title_before(text: str, start: int) -> str | None:
    window = text[max(0, start - 200) : start].rstrip()
    window = re.sub(r"\s+", "", window)
    m = _TITLE_BEFORE.search(window)
    if not m:
        return None
    return m.group(1).replace("〈", "《").replace("〉", "》")


class PlacedCitation(NamedTuple):
    attachment_no: int | None  # None: cited in the notice itself
    citation: Citation


def notice_citations(
    texts: list[tuple[int | None, str]], own_number: str | None
) -> list[PlacedCitation]:
    """Citations of the notice's texts, (attachment no, text) in reading order; distinct
    within each text, so a number cited in the notice and an attachment is listed in both."""
    return [
        PlacedCitation(attachment_no, cite)
        for attachment_no, text in texts
        for cite in find_citations(text, own_number)
    ]
