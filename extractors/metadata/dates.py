"""Dates as gazettes write them: 2024年9月19日, 二〇二四年十二月四日, 2024.12.4, 2024-12-04.

Text comes out of PDF layout, so spaces and line breaks can sit between any two parts of a
date ("2024 年 10 月\\n19日"); every pattern here tolerates them.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import cache
from typing import NamedTuple

__all__ = [
    "DATE_PATTERN",
    "add_months",
    "cn_to_int",
    "FoundDate",
    "digits_date",
    "find_dates",
    "is_date_line",
    "parse_date",
    "to_halfwidth_digits",
]

# Full-width digits map one char to one char, so translating keeps every span valid.
_HALFWIDTH = str.maketrans("０１２３４５６７８９．－／", "0123456789.-/")
# str.translate looks every character up in the table (µs per line): most lines have none.
_HAS_FULLWIDTH = re.compile("[０-９．－／]")

# Year digits are written one by one (二〇二四); 〇 (U+3007) and ○ (U+25CB) both appear as zero
# in real documents, and cn2an rejects ○, so these are mapped digit by digit instead.
_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_DIGIT_CLASS = "〇○零一二三四五六七八九"
# Numerals with place units (十, 二十三, 一百零五) go to cn2an.
_CN_NUMERAL_CLASS = _CN_DIGIT_CLASS + "两十百千"


# A Latin O typed for a zero inside a year (二OO三年, 国函[20O0]31号): a year run of four
# characters, digits of one script and the letter, at least one a digit.
_LATIN_O = "OoＯｏ"
_HAS_LATIN_O = re.compile(f"[{_LATIN_O}]")
_CN_YEAR_WITH_O = re.compile(rf"(?<![A-Za-z])[〇○零一二三四五六七八九{_LATIN_O}]{{4}}(?=\s*年)")
_YEAR_WITH_O = re.compile(rf"(?<![A-Za-z0-9])[0-9{_LATIN_O}]{{4}}(?=\s*(?:年|[〕\]】）)］〗]))")


def to_halfwidth_digits(s: str) -> str:
    """Full-width digits and ．－／ to ASCII, a Latin O typed for a year's zero to the zero;
    every other character is left as it is (one character for one, so spans stay valid)."""
    if _HAS_FULLWIDTH.search(s):
        s = s.translate(_HALFWIDTH)
    if _HAS_LATIN_O.search(s):
        s = _CN_YEAR_WITH_O.sub(lambda m: _zero_for_o(m.group(0), "〇"), s)
        s = _YEAR_WITH_O.sub(lambda m: _zero_for_o(m.group(0), "0"), s)
    return s


def _zero_for_o(year: str, zero: str) -> str:
    if all(ch in _LATIN_O for ch in year):
        return year  # no digit at all: a word, not a year
    return "".join(zero if ch in _LATIN_O else ch for ch in year)


def cn_to_int(s: str) -> int | None:
    """A non-negative integer written in Arabic or Chinese numerals, or None.

    "12", "１２", "十二", "两", "二十三", "一百零五" and digit-by-digit "二〇二四" all work.
    """
    s = to_halfwidth_digits(s.strip())
    if not s:
        return None
    if s.isascii() and s.isdigit():
        return int(s)
    if all(ch in _CN_DIGITS for ch in s):
        value = 0
        for ch in s:
            value = value * 10 + _CN_DIGITS[ch]
        return value
    if not all(ch in _CN_NUMERAL_CLASS for ch in s):
        return None
    if s == "两":  # 两年, 两个月: the counting form of 2
        return 2
    tens = _TENS.fullmatch(s)
    if tens:  # 十, 十二, 二十, 二十三: what article numbers, months and days mostly are
        high, low = tens.groups()
        return _CN_DIGITS.get(high, 1) * 10 + _CN_DIGITS.get(low, 0)
    try:
        # "normal" accepts 两 and 十-style forms but, unlike "smart", no mixed Arabic/units.
        return int(_cn2an()(s.replace("○", "〇"), "normal"))
    except (ValueError, KeyError, IndexError):
        return None


# Below a hundred the reading is fixed (cn2an agrees on every one: tests/test_dates.py);
# cn2an itself compiles its patterns on import (~0.2 s), paid only when a larger numeral comes.
_TENS = re.compile("([一二三四五六七八九])?十([一二三四五六七八九])?")


@cache
def _cn2an():
    import cn2an

    return cn2an.cn2an


_YEAR = rf"(?:(?<![0-9])[0-9]{{4}}|(?<![{_CN_DIGIT_CLASS}])[{_CN_DIGIT_CLASS}]{{4}})"
_MONTH_DAY = r"(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})"
# The 年月日 date as a pattern fragment without groups, for the genre's patterns to embed
# (they match compacted text, so no spaces inside): the one home of the date's shape.
DATE_PATTERN = (
    rf"(?:(?<![0-9０-９])[0-9０-９]{{4}}|(?<![{_CN_DIGIT_CLASS}])[{_CN_DIGIT_CLASS}]{{4}})年"
    r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})月(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})日"
)
_YMD = re.compile(
    rf"(?P<y>{_YEAR})\s*年\s*(?P<m>{_MONTH_DAY})\s*月\s*(?P<d>{_MONTH_DAY})\s*日(?![0-9])"
)
# Numeric forms are only accepted as a whole string (parse_date), never inside running text,
# where "2024.12.4"-like runs are as likely to be version or section numbers.
_NUMERIC = re.compile(r"([0-9]{4})([.\-/])([0-9]{1,2})\2([0-9]{1,2})")
_WS = re.compile(r"\s+")


def _make_date(y: str, m: str, d: str) -> date | None:
    year, month, day = cn_to_int(y), cn_to_int(m), cn_to_int(d)
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(s: str) -> date | None:
    """The date when the whole of ``s`` (whitespace ignored) is one date, else None.

    Blank templates ("年 月 日") and impossible dates (2024年2月30日) give None.
    """
    compact = _WS.sub("", to_halfwidth_digits(s))
    m = _YMD.fullmatch(compact)
    if m:
        return _make_date(m["y"], m["m"], m["d"])
    m = _NUMERIC.fullmatch(compact)
    if m:
        return _make_date(m[1], m[3], m[4])
    return None


def is_date_line(line: str) -> bool:
    """True when the whole line, spaces ignored, is one date (the 成文日期 under a signature)."""
    return parse_date(line) is not None


_BRACKETED = re.compile(r"^\s*[（(]\s*(?P<date>[^（()）]+?)\s*[)）]\s*$")


def bracketed_date(line: str) -> date | None:
    """A date alone in brackets on its line, as a 公报 or a speech prints its date under the
    title and issuers: （2023年4月12日）; else None."""
    m = _BRACKETED.match(line)
    return parse_date(m.group("date")) if m else None


# The years a document's date may fall in (the genre's: the People's Republic on).
YEAR_MIN, YEAR_MAX = 1949, 2100
_DIGITS_DATE = re.compile(r"^\s*(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})\s*$")


def digits_date(line: str) -> date | None:
    """A date written as one run of eight digits alone on its line (20151214, as a site's
    page prints the date under a document whose formatting it lost); else None."""
    m = _DIGITS_DATE.match(to_halfwidth_digits(line))
    if not m or not (YEAR_MIN <= int(m["y"]) <= YEAR_MAX):
        return None
    return _make_date(m["y"], m["m"], m["d"])


class FoundDate(NamedTuple):
    """A date found in running text; start and end index into the text searched."""

    start: int
    end: int
    date: date


def find_dates(text: str) -> list[FoundDate]:
    """Every full 年-月-日 date in running text, in text order.

    Only the 年月日 form is searched; invalid dates are skipped.
    """
    found: list[FoundDate] = []
    for m in _YMD.finditer(to_halfwidth_digits(text)):
        d = _make_date(m["y"], m["m"], m["d"])
        if d is not None:
            found.append(FoundDate(m.start(), m.end(), d))
    return found


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole calendar months, clamped to the month's last day (01-31 + 1 → 02-29)."""
    index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(d.day, last))
