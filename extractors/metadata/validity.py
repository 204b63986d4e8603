"""When a document is in force: its effective-date clause, validity period and expiry.

Gazette documents end with an operative clause such as "本办法自2024年10月19日起施行，有效期5年。"
or "本指导意见自印发之日起施行,有效期2年。". Line breaks from PDF layout can fall anywhere inside
it, so whitespace next to Chinese text is dropped before matching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from extractors.metadata.dates import (
    DATE_PATTERN,
    add_months,
    cn_to_int,
    parse_date,
    to_halfwidth_digits,
)
from extractors.patterns import CN_NUM

__all__ = [
    "Effective",
    "Validity",
    "expiry_date",
    "find_effective",
    "parse_validity",
    "Term",
    "read_term",
]


@dataclass(frozen=True)
class Validity:
    months: int | None  # 有效期5年 → 60, 有效期3个月 → 3, 有效期一年半 → 18
    is_trial: bool  # 试行期两年, or 试行 with no period given
    until: date | None  # 有效期至2029年10月18日: the last day in force


@dataclass(frozen=True)
class Effective:
    date: date | None  # explicit date, or the signing date for 自印发之日起 and the like
    text: str  # the whole sentence, up to and including its 。, whitespace normalised
    relative_to_signing: bool  # True for 自印发之日起 / 自公布之日起 / …


_NUM = r"[0-9]+(?:\.[0-9]+)?|[〇○零一二三四五六七八九十百两]+"
_DATE = DATE_PATTERN
# A unit is required: "有效期30天" or a bare number cannot be turned into months.
_PERIOD = re.compile(
    rf"(?P<kind>有效期|试行期)(?:限)?(?:为|是|:|：)?(?P<num>{_NUM}|半)(?P<unit>年半|年|个半月|个月|月)"
)
# 有效期至2029年10月18日 / 有效期为2024年1月1日至2028年12月31日 / 有效期截至…
_UNTIL = re.compile(
    rf"有效期(?:限)?(?:为|是|:|：)?(?:(?:自|从)?{_DATE}起?)?(?:至|到|截至|截止(?:到|至)?)(?P<date>{_DATE})"
)
# 试行 on its own (自…起试行, 办法（试行）) marks a trial even without a stated period.
_TRIAL = re.compile(r"试行")

_RELATIVE_EVENTS = "印发|公布|发布|签发|下发|颁布|发文"
_CLAUSE = re.compile(
    rf"(?:自|于|从)(?:(?P<date>{_DATE})|(?P<rel>{_RELATIVE_EVENTS})之日)起?(?:开始|正式)?"
    r"(?:施行|执行|实施|生效|试行)"
)
# The document speaking about itself: 本办法, 本通知, 本指导意见, 本文相关措施 …
_OWN_SUBJECT = re.compile(
    r"本[\u4e00-\u9fff]{0,6}?(?:办法|通知|规定|意见|规划|措施|方案|决定|条例|细则|文|规则|制度"
    r"|公告|通告|计划|政策|标准|指引|纲要|准则|令)"
)
# A numbered paragraph or chapter heading at the start of a line starts a new sentence even
# without a preceding 。 ("第四章 附则" / "第十五条 本办法…" / "(五)本通知…" / "**第二十二条**").
# 第X条 must be followed by a space or ** as article headings are typeset, so a wrapped line
# that merely starts with "第十条规定…" is not taken for a new paragraph.
_CN_ORDINAL = "一二三四五六七八九十百零〇"
_LINE_MARKER = re.compile(
    rf"^[ \t\u3000]*(?:#+[ \t]*)?(?:\*\*)?"
    rf"(?:第{CN_NUM}[条款](?:\*\*|[ \t\u3000]+)"
    rf"|[（(](?:[{_CN_ORDINAL}]+|[0-9]{{1,2}})[)）]|(?:[{_CN_ORDINAL}]+|[0-9]{{1,2}})[、．.](?![0-9]))"
    rf"(?:\*\*)?",
    re.MULTILINE,
)
_HEADING_LINE = re.compile(rf"^[ \t\u3000]*(?:#+[ \t]*)?(?:\*\*)?第{CN_NUM}[章节].*$", re.MULTILINE)
# Stands for a paragraph start; never part of a returned sentence. A private-use character,
# because control characters such as \x1e count as whitespace and would be normalised away.
_BOUNDARY = "\ue000"
_TERMINATORS = "。！？!?"
_WS_RUN = re.compile(r"\s+")


def _normalise(text: str) -> str:
    """Drop whitespace next to non-ASCII text (layout breaks), collapse the rest to one space."""
    text = to_halfwidth_digits(text).replace("**", "")

    def repl(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if not before or not after or not before.isascii() or not after.isascii():
            return ""
        return " "

    return _WS_RUN.sub(repl, text)


def _months(num: str, unit: str) -> int | None:
    if num == "半":
        value: float | None = 0.5
    elif "." in num:
        value = float(num)
    else:
        n = cn_to_int(num)
        value = None if n is None else float(n)
    if value is None:
        return None
    if unit == "个半月":
        value += 0.5
    elif unit == "年半":
        value = value * 12 + 6
    elif unit == "年":
        value *= 12
    months = round(value)
    if abs(value - months) > 1e-9:
        return None  # 两个半月, 1.3年: not whole months, so no period rather than a rounded one
    # "有效期为2024年…" is a date, not 24288 months; no real period runs for a century.
    return months if 0 < months <= 1200 else None


def parse_validity(text: str) -> Validity | None:
    """The first validity phrase in ``text`` (有效期5年, 试行期两年, 有效期至…), or None.

    A bare 试行 with no period gives Validity(None, True, None); 试行 anywhere in the text also
    marks an explicit 有效期 as a trial.
    """
    norm = _normalise(text)

    def trial_in_sentence(m: re.Match[str]) -> bool:
        s, e = _sentence_bounds(norm, m.start(), m.end())
        return _TRIAL.search(norm, s, e) is not None

    candidates: list[tuple[int, Validity]] = []
    for m in _UNTIL.finditer(norm):
        until = parse_date(m["date"])
        if until is not None:
            candidates.append((m.start(), Validity(None, trial_in_sentence(m), until)))
            break
    for m in _PERIOD.finditer(norm):
        months = _months(m["num"], m["unit"])
        if months is not None:
            trial = m["kind"] == "试行期" or trial_in_sentence(m)
            candidates.append((m.start(), Validity(months, trial, None)))
            break
    if candidates:
        # On a tie (有效期为2024年1月1日至…) the 有效期至 reading was added first and wins.
        return min(candidates, key=lambda c: c[0])[1]
    if _TRIAL.search(norm):
        return Validity(months=None, is_trial=True, until=None)
    return None


def _sentence_bounds(norm: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): after the previous 。/paragraph start, through its 。."""
    s = max(norm.rfind(ch, 0, start) for ch in _TERMINATORS + _BOUNDARY) + 1
    stops = [i for i in (norm.find(ch, end) for ch in _TERMINATORS) if i != -1]
    boundary = norm.find(_BOUNDARY, end)
    e = min(stops) + 1 if stops else len(norm)
    if boundary != -1 and boundary < e:
        e = boundary
    return s, e


def find_effective(text: str, signing_date: date | None) -> Effective | None:
    """The clause saying when the document takes effect, or None.

    Sentences whose subject is the document itself (本办法, 本通知 …) win over bare "自…起施行",
    which win over clauses following a quoted title (《XX办法》自…起施行, about another
    document). Within the best kind the LAST sentence is taken: the operative clause closes
    a document. Relative clauses (自印发之日起) take ``signing_date``.
    """
    marked = _HEADING_LINE.sub(_BOUNDARY, text)
    marked = _LINE_MARKER.sub(_BOUNDARY, marked)
    norm = _normalise(marked)

    best: tuple[int, int, re.Match[str]] | None = None  # (rank, position, match)
    for m in _CLAUSE.finditer(norm):
        s, _ = _sentence_bounds(norm, m.start(), m.end())
        prefix = norm[s : m.start()]
        after_quote = prefix.rsplit("》", 1)[-1]
        if _OWN_SUBJECT.search(after_quote):
            rank = 2
        elif "《" in prefix or "》" in prefix:
            rank = 0
        else:
            rank = 1
        if best is None or rank >= best[0]:
            best = (rank, m.start(), m)
    if best is None:
        return None
    m = best[2]
    s, e = _sentence_bounds(norm, m.start(), m.end())
    sentence = norm[s:e].strip()
    if m["rel"]:
        return Effective(date=signing_date, text=sentence, relative_to_signing=True)
    return Effective(date=parse_date(m["date"]), text=sentence, relative_to_signing=False)


def expiry_date(effective: date | None, validity: Validity | None) -> date | None:
    """The last day in force: ``effective`` + months − 1 day; ``validity.until`` wins.

    2024-10-19 + 60 months → 2029-10-18. None when neither an end date nor both a start and
    a period are known.
    """
    if validity is None:
        return None
    if validity.until is not None:
        return validity.until
    if effective is None or validity.months is None:
        return None
    return add_months(effective, validity.months) - timedelta(days=1)


@dataclass(frozen=True)
class Term:
    """When a notice is in force, as its text says."""

    effective: Effective | None
    validity: Validity | None
    expiry: date | None


def read_term(main_text: str, signing_date: date | None, stated: date | None = None) -> Term:
    """The effective clause of a notice's text (paragraphs one a line), its validity period
    (stated in that sentence, else in the clause's paragraph) and the expiry they give.

    stated: the date a rule's adoption note gives for its 施行 (2009年10月16日 施行); it
    stands where the text names no date of its own (no clause, or 自公布之日起施行).
    """
    effective = find_effective(main_text, signing_date)
    validity = None
    if effective:
        paragraph = next(
            (p for p in main_text.split("\n") if effective.text[:12] in p), effective.text
        )
        validity = parse_validity(effective.text) or parse_validity(paragraph)
    if stated is not None and (effective is None or effective.relative_to_signing):
        text = effective.text if effective else ""
        effective = Effective(date=stated, text=text, relative_to_signing=False)
    return Term(effective, validity, expiry_date(effective.date if effective else None, validity))
