"""What a cell's text looks like: a value, a label, or neither. Shared by every table stage."""

from __future__ import annotations

import re

from extractors.textnorm import compact, nfkc

# A value cell: a number (full-width digits and thousands separators allowed), a percentage,
# a year, or a code made of digits and hyphens (311201070-1).
_VALUE = re.compile(r"^[+-]?\d[\d,]*(?:\.\d+)?(?:%|年|年度)?$|^\d+(?:-\d+)+$")
# Markers a table prints for "no value".
NULL_MARKERS = frozenset({"—", "——", "-", "--", "/", "\\", "…", "……", "无", "空"})
# Punctuation that only running text has: a cell holding it is content, never a header label.
_SENTENCE_PUNCT = re.compile(r"[。；，、：！？;:!?]")
_BRACKETED = re.compile(r"[（(][^()（）]*[)）]")


def is_value(text: str) -> bool:
    """A number, percentage, year or numeric code, in any width."""
    return bool(_VALUE.match(compact(nfkc(text)).replace("，", ",")))


def is_null(text: str) -> bool:
    return compact(nfkc(text)) in NULL_MARKERS or compact(text) in NULL_MARKERS


def is_label(text: str, max_len: int = 20) -> bool:
    """Short text that could name a column: no sentence punctuation, not a value.
    A bracketed unit, `(元/建筑平方米)`, does not count towards the length."""
    t = compact(text)
    if not t or is_value(t) or is_null(t):
        return False
    if _SENTENCE_PUNCT.search(t):
        return False
    return len(_BRACKETED.sub("", t)) <= max_len
