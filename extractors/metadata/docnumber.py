"""文号 (document numbers) such as 泸市府办规〔2024〕7号, and 令/公告 numbers such as 第5号.

Sources write the year brackets many ways (〔〕 [] 【】 （） () ［］ 〖〗, markdown-escaped \\[ \\]),
and PDF layout puts spaces and line breaks anywhere inside a number, even inside the agency
code ("（泸污防攻坚\\n\\n〔2023〕2 号）"). Everything is normalised to 〔〕 with no whitespace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from extractors.metadata.dates import YEAR_MAX, YEAR_MIN, cn_to_int, find_dates, to_halfwidth_digits
from extractors.patterns import CODED_ORDER_NUMBER, ORDER_NUMBER

__all__ = [
    "DocNumber",
    "FoundNumber",
    "find_doc_numbers",
    "is_doc_number_line",
    "DatedNumber",
    "normalize_brackets",
    "parse_coded_order_number",
    "parse_dated_number",
    "parse_doc_number",
    "parse_order_number",
]

MAX_CODE_LEN = 12

_OPEN = r"\\?[〔\[【（(［〖]"
_CLOSE = r"\\?[〕\]】）)］〗]"
# Bracketed year followed by a serial: requiring the serial keeps "规划（2024）" untouched.
_BRACKETED_YEAR = re.compile(rf"{_OPEN}\s*([0-9]{{4}})\s*{_CLOSE}(?=\s*(?:第\s*)?[0-9])")
_NUMBER_TAIL = re.compile(rf"{_OPEN}\s*([0-9]{{4}})\s*{_CLOSE}\s*(?:第\s*)?([0-9]{{1,5}})\s*号")
# Every 文号 and 令/公告 number ends with it.
NUMBER_SIGN = "号"
_WHOLE = re.compile(r"(?P<code>[^〔]+)〔(?P<year>[0-9]{4})〕(?:第)?(?P<serial>[0-9]{1,5})号")

# Characters that open a citation: a code wrapped across lines is only joined back together
# when one of these bounds it, so a heading line above a 文号 line is never glued onto it.
_CITATION_OPENERS = "（(【[［〖"
# Words that end the phrase before a code ("…的通知》" is already cut by 》; "国发…和国办发…"
# needs 和). Longest first so that a two-char word wins over its own last char.
_STOP_WORDS = sorted(
    [
        "根据",
        "依据",
        "按照",
        "参照",
        "参见",
        "详见",
        "对照",
        "印发",
        "转发",
        "关于",
        "通知",
        "意见",
        "文件",
        "要求",
        "精神",
        "落实",
        "贯彻",
        "执行",
        "的",
        "和",
        "及",
        "与",
        "或",
        "号",
        "等",
        "见",
        "年",
        "月",
        "日",
        "第",
    ],
    key=len,
    reverse=True,
)
_STOP_RE = re.compile("|".join(map(re.escape, _STOP_WORDS)))
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class DocNumber:
    text: str  # normalised: 〔〕 brackets, no whitespace, e.g. "泸市府办规〔2024〕7号"
    agency_code: str  # "泸市府办规"
    year: int
    serial: int

    @property
    def is_normative(self) -> bool:
        """规范性文件 carry 规 in their code (泸市府规, 泸市府办规, 川医保规)."""
        return "规" in self.agency_code


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _make(code: str, year: str, serial: str) -> DocNumber | None:
    y, n = int(year), int(serial)
    if not (YEAR_MIN <= y <= YEAR_MAX) or n < 1:
        return None
    if not code or len(code) > MAX_CODE_LEN or not all(_is_cjk(ch) for ch in code):
        return None
    return DocNumber(text=f"{code}〔{y}〕{n}号", agency_code=code, year=y, serial=n)


def normalize_brackets(s: str) -> str:
    """Rewrite the brackets around a 文号's 4-digit year as 〔〕 (spaces inside them dropped).

    Only a bracketed year followed by a serial number is touched, so "规划（2024）" stays.
    """
    return _BRACKETED_YEAR.sub(r"〔\1〕", to_halfwidth_digits(s))


def _strip_line(s: str) -> str:
    # Markdown escapes (\[ \( \.) and emphasis are layout, not content.
    s = _WS.sub("", to_halfwidth_digits(s)).replace("\\", "").replace("*", "")
    if len(s) >= 2 and s[0] in "（(" and s[-1] in "）)":
        s = s[1:-1]
    return s


def parse_doc_number(s: str) -> DocNumber | None:
    """One whole 文号 (spaces, wrapping parens and any bracket style allowed), else None."""
    if NUMBER_SIGN not in s:  # asked of every line: most are not numbers at all
        return None
    m = _WHOLE.fullmatch(normalize_brackets(_strip_line(s)))
    if not m:
        return None
    code = m["code"]
    # A code never contains a phrase-ending word: "通知泸市府办规〔2024〕7号" is not one 文号.
    if _STOP_RE.search(code):
        return None
    return _make(code, m["year"], m["serial"])


def is_doc_number_line(line: str) -> bool:
    """True when the whole line (spaces, surrounding parens, markdown escapes ignored) is one 文号."""
    return parse_doc_number(line) is not None


class DatedNumber(NamedTuple):
    number: DocNumber
    day: date


# What may separate the 文号 and the date printed beside it: (国发〔2001〕1号，2001年5月29日).
_NUMBER_DATE_SEPARATORS = "，,、;；"


def parse_dated_number(line: str) -> DatedNumber | None:
    """A 文号 and its date on one line, in either order, as law databases print them under a
    document's title: (宁政办发〔2001〕99号 2001年5月29日); else None. The date is the
    document's 成文日期."""
    if NUMBER_SIGN not in line:
        return None
    flat = _strip_line(line)
    for found in find_dates(flat):
        if found.start == 0:
            rest = flat[found.end :]
        elif found.end == len(flat):
            rest = flat[: found.start]
        else:
            continue
        number = parse_doc_number(rest.strip(_NUMBER_DATE_SEPARATORS))
        if number is not None:
            return DatedNumber(number, found.date)
    return None


def parse_order_number(line: str) -> str | None:
    """A whole 令/公告 number line, "第 12 号" or "第十二号", as "第12号" ("〔2024〕第1号",
    "2006年第8号" with its year, as printed); else None."""
    if NUMBER_SIGN not in line:
        return None
    m = ORDER_NUMBER.fullmatch(_strip_line(line))
    if not m:
        return None
    n = cn_to_int(m["n"])
    if not n:
        return None
    if m["year"]:
        return f"〔{m['year']}〕{m['di'] or ''}{n}号"
    if m["plain_year"]:
        return f"{m['plain_year']}年第{n}号"
    return f"第{n}号"


def parse_coded_order_number(line: str) -> str | None:
    """A whole order number with its organ's code, 渝府令第 121 号, as "渝府令第121号"; else None."""
    m = CODED_ORDER_NUMBER.match(_strip_line(line))
    if not m or _STOP_RE.search(m["code"]):
        return None  # 根据渝府令第121号: a phrase, not a code
    n = cn_to_int(m["n"])
    return f"{m['code']}令第{n}号" if n else None


def _agency_code_start(text: str, end: int) -> int | None:
    """Start index of the agency code ending at ``end`` (just before the year bracket).

    Whitespace-separated pieces are joined only when a citation paren bounds them (a code
    wrapped across lines) or when every piece is one character (letter-spaced headings);
    otherwise only the piece touching the bracket counts.
    """
    i = end
    while i > 0 and text[i - 1].isspace():
        i -= 1
    pieces: list[tuple[int, int]] = []  # (start, end), nearest first
    gaps_have_newline: list[bool] = []
    total = 0
    while True:
        piece_end = i
        while i > 0 and _is_cjk(text[i - 1]) and total + (piece_end - i) < MAX_CODE_LEN + 1:
            i -= 1
        if i == piece_end:
            break
        pieces.append((i, piece_end))
        total += piece_end - i
        j = i
        while j > 0 and text[j - 1].isspace():
            j -= 1
        if j == i or j == 0 or not _is_cjk(text[j - 1]) or total > MAX_CODE_LEN:
            i = j
            break
        gaps_have_newline.append("\n" in text[j:i])
        i = j
    if not pieces:
        return None
    bounded = i > 0 and text[i - 1] in _CITATION_OPENERS
    if len(pieces) > 1 and bounded and total <= MAX_CODE_LEN:
        chosen = pieces
    elif len(pieces) > 1 and pieces[0][1] - pieces[0][0] == 1:
        chosen = [pieces[0]]
        for k, (s, e) in enumerate(pieces[1:]):
            if e - s != 1 or gaps_have_newline[k]:
                break
            chosen.append((s, e))
    else:
        chosen = [pieces[0]]
    start = chosen[-1][0]
    code = "".join(text[s:e] for s, e in reversed(chosen))
    # Cut after the last phrase-ending word; positions map back through the chosen pieces.
    last_stop = None
    for m in _STOP_RE.finditer(code):
        last_stop = m.end()
    if last_stop is not None:
        if last_stop == len(code):
            return None
        offset = 0
        for s, e in reversed(chosen):
            if last_stop < offset + (e - s):
                start = s + (last_stop - offset)
                break
            offset += e - s
    if end - start > 0 and len(_WS.sub("", text[start:end])) > MAX_CODE_LEN:
        return None
    return start


class FoundNumber(NamedTuple):
    """A 文号 found in running text; start and end index into the text searched."""

    start: int
    end: int
    number: DocNumber


def find_doc_numbers(text: str) -> list[FoundNumber]:
    """Every 文号 in running text, in order."""
    scan = to_halfwidth_digits(text)  # one char per char, so spans stay valid
    found: list[FoundNumber] = []
    seen: set[tuple[int, int]] = set()
    for m in _NUMBER_TAIL.finditer(scan):
        start = _agency_code_start(scan, m.start())
        if start is None:
            continue
        code = _WS.sub("", scan[start : m.start()])
        number = _make(code, m[1], m[2])
        if number is None or (start, m.end()) in seen:
            continue
        seen.add((start, m.end()))
        found.append(FoundNumber(start, m.end(), number))
    return found
