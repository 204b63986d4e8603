"""Cell values as numbers, years, grades and units, in any width the gazette prints them."""

from __future__ import annotations

import re

from extractors.metadata.dates import cn_to_int
from extractors.tables.predicates import is_null
from extractors.textnorm import compact, nfkc

_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")
_YEAR = re.compile(r"^((?:19|20)\d{2})年?度?$")
_ROMAN = {"I": 1, "V": 5, "X": 10}
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNIT_IN_BRACKETS = re.compile(r"\(([^()]*)\)")


def _plain(text: str) -> str:
    # NFKC turns full-width digits, ％, ，, （） and Ⅶ into their ASCII forms.
    return compact(nfkc(text))


def parse_number(text: str) -> float | None:
    """`1,425` / `１４２５` / `14.0` → float; blank and `—` → None; anything else → None."""
    t = _THOUSANDS.sub("", _plain(text))
    if not t or is_null(text) or not _NUMBER.match(t):
        return None
    return float(t)


def parse_percent(text: str) -> float | None:
    """`39%` / `39％` → 39.0; a cell that is not a percentage → None."""
    t = _plain(text)
    if not t.endswith("%"):
        return None
    return parse_number(t[:-1])


def parse_year(text: str) -> int | None:
    m = _YEAR.match(_plain(text))
    return int(m.group(1)) if m else None


def parse_grade(text: str) -> int | None:
    """Ⅰ级 / I级 / I 级 / 一级 / 1级 / 第一级 → 1."""
    t = _plain(text).removeprefix("第").removesuffix("级").removesuffix("类")
    if t.isdigit():
        return int(t)
    if t and all(ch in _CN_DIGITS or ch == "十" for ch in t):
        return cn_to_int(t)  # the one Chinese-numeral parser (dates, labels, grades)
    if t and all(ch in _ROMAN for ch in t.upper()):
        return _roman(t.upper())
    return None


def _roman(t: str) -> int:
    total = 0
    for i, ch in enumerate(t):
        value = _ROMAN[ch]
        total += -value if i + 1 < len(t) and _ROMAN[t[i + 1]] > value else value
    return total


def header_unit(text: str) -> str | None:
    """The unit a header states in brackets: `SO2(μg/m3)` → μg/m3, `价格（元）` → 元."""
    found = _UNIT_IN_BRACKETS.findall(_plain(text))
    return normalise_unit(found[-1]) if found else None


def normalise_unit(unit: str) -> str:
    """µ (micro sign) and μ (mu) are one letter; m³ is m3; `ug` is the ASCII spelling of μg."""
    u = compact(nfkc(unit)).replace("µ", "μ").replace("³", "3").replace("㎡", "m2")
    return re.sub(r"^ug/", "μg/", u)
