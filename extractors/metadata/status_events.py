"""Status events a document states: when it takes effect and expires, and what it repeals,
amends or replaces.

Pure functions from a notice's body text, title and dates to events:

- ``takes_effect``: the operative clause (本办法自2024年10月19日起施行), read by
  `validity.find_effective`; the event only restates it with its sentence.
- ``expires``: the last day in force, from the validity period (有效期5年, 有效期至…, read by
  `validity`), a stated term (执行期限为2024年1月1日至2025年12月31日, 自…起至…止施行), or the
  period in the document's own title (…规划（2024—2025年）): the plan runs to the end of its
  last year. A period in a title the document merely cites (批复 of someone's 规划) is not its
  own and never counts.
- ``repealed_by`` (subject: the cited document): 《…》（泸市府办规〔2021〕3号）同时废止,
  原《…》（…〔2022〕6号）废止, 废止《…》、《…》等2件.
- ``replaces`` (subject: this document; the cited one ceases): 本办法自…起施行，原《…》停止执行.
- ``amended_by``: 关于修改《…》的决定 and 对《…》（…）作如下修改 (subject: the cited
  document, amended by this one), 根据…《关于修改〈…〉的决定》修正 (subject: this document,
  amended by the cited decision; its text already is the amended one).

Dates: a date stated in the clause (自2025年1月1日起废止) wins; otherwise the event happens
when this document takes effect (同时废止 means exactly that), or, failing an effective date,
on its signing date. Each event keeps the sentence that says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from extractors.metadata.dates import DATE_PATTERN, find_dates, parse_date, to_halfwidth_digits
from extractors.metadata.docnumber import find_doc_numbers
from extractors.metadata.validity import Effective, Term, parse_validity
from extractors.textnorm import squeeze_cjk_spaces

__all__ = [
    "AMENDED_BY",
    "EVENTS",
    "EXPIRES",
    "REPEALED_BY",
    "REPLACES",
    "TAKES_EFFECT",
    "Cited",
    "Expiry",
    "StatusEvent",
    "find_status_events",
    "find_term",
    "with_stated_term",
    "plan_period_end",
]

TAKES_EFFECT = "takes_effect"
EXPIRES = "expires"
REPEALED_BY = "repealed_by"
AMENDED_BY = "amended_by"
REPLACES = "replaces"
EVENTS = (TAKES_EFFECT, EXPIRES, REPEALED_BY, AMENDED_BY, REPLACES)

# Whose status the event changes: the document whose text states it, or the one it cites.
SELF = "self"
CITED = "cited"

# How the event's date was found.
STATED = "stated"  # a date printed in the clause itself
EFFECTIVE = "effective"  # the stating document's effective date
SIGNING = "signing"  # its signing date (no effective date known)
VALIDITY = "validity"  # computed from a validity period (有效期N年) or an end date
TERM = "term"  # a stated term 执行期限…至…
PLAN = "plan"  # the period in the document's own title

_FORMER = "原"  # 原《…》: the document this one replaces
# Longest title taken for a 《…》 citation: a runaway bracket must not swallow a paragraph.
MAX_TITLE_CHARS = 120


@dataclass(frozen=True)
class Cited:
    doc_number: str | None  # 文号, normalised to 〔〕
    title: str | None  # 《title》 without its brackets, 〈〉 printed as 《》


@dataclass(frozen=True)
class StatusEvent:
    event: str  # one of EVENTS
    subject: str  # SELF or CITED: whose status changes
    date: date | None
    date_basis: str | None  # STATED, EFFECTIVE, SIGNING, VALIDITY, TERM or PLAN
    cited: Cited | None  # the other document; None for takes_effect / expires
    sentence: str


@dataclass(frozen=True)
class Expiry:
    date: date
    basis: str  # VALIDITY, TERM or PLAN
    sentence: str
    start: date | None = None  # a stated term's first day (自2024年1月1日起至…)


_DATE = DATE_PATTERN  # the one shape of a date
# 执行期限为2024年1月1日至2025年12月31日 / 实施期限自…起至…止
_TERM = re.compile(
    rf"(?:执行|实施|施行|试行|适用)(?:期限|期间|期)(?:为|是|：)?(?:自|从)?(?P<start>{_DATE})?起?"
    rf"(?:至|到)(?P<end>{_DATE})止?"
)
# 自2024年1月1日起至2025年12月31日止施行 / 自…至…执行
_RANGE_CLAUSE = re.compile(
    rf"(?:自|从)(?P<start>{_DATE})起?(?:至|到)(?P<end>{_DATE})止?(?:施行|执行|实施|试行|有效)"
)
# A plan's period closing its name: 规划（2024—2025年）, 行动纲要（2024-2028年）.
_PLAN_PERIOD = re.compile(
    r"(?:规划|纲要|计划|方案|行动|要点|措施|政策|意见|办法)"
    r"[（(](?P<start>[0-9]{4})年?\s*[—–\-－~～至到]+\s*(?P<end>[0-9]{4})年?[)）]$"
)

_REPEAL = re.compile(r"(?:同时|即行|一并|予以)?废止")
# 已于2020年废止, 被…废止: a past fact or someone else's act, not this document's.
_PAST_OR_PASSIVE = re.compile(r"[已被]")
_CEASE = re.compile(r"(?:停止执行|不再执行|停止施行|同时失效|自行失效|即行失效|一并失效)")
_AMEND_CLAUSE = re.compile(r"(?:作|做|进行)(?:如下|以下|出|了)?(?:修改|修正)|修改如下")
_AMEND_TITLE = re.compile(r"关于修改(?P<obj>.+)的决定$")
# 根据2015年7月22日…《关于修改〈…〉的决定》（第一次）修正
_AMENDED_ACCORDING = re.compile(
    r"根据(?P<body>[^，。；]*?)(?:第[一二三四五六七八九十]+次)?修正(?!系数)"
)
_DEFINED_TERM = re.compile(r"[（(]以下简称[^）)]*[）)]")
_STATED_FROM = re.compile(rf"(?:自|从|于)(?P<date>{_DATE})起?")
_SENTENCE_END = "。！？"
# A sentence: up to and with its end, or the rest of a paragraph; never across a line break.
_SENTENCE = re.compile(f"[^{_SENTENCE_END}\n]*[{_SENTENCE_END}]|[^{_SENTENCE_END}\n]+")
_CLAUSE_END = "，；：。！？"
# A line that ends in one of these ends a sentence; others were cut by layout and continue.
_LINE_END = "。！？；："


def _join_lines(text: str) -> str:
    """Paragraph text as one stream: lines cut by layout (a page break inside a sentence) are
    joined, and each sentence-ending line keeps its break."""
    out: list[str] = []
    for line in to_halfwidth_digits(text).replace("**", "").split("\n"):
        line = line.strip()
        if not line:
            continue
        if out and out[-1][-1] not in _LINE_END:
            out[-1] = squeeze_cjk_spaces(out[-1] + " " + line)
        else:
            out.append(line)
    return "\n".join(out)


def _sentences(text: str) -> list[str]:
    """Each paragraph cut after every sentence end; the rest of a paragraph is a sentence too."""
    found = _SENTENCE.findall(_join_lines(text))
    return [s.strip() for s in found if s.strip()]


def _titles(text: str) -> list[tuple[int, int, str]]:
    """Every outermost 《…》 in ``text`` as (start, end, title); 〈〉 and nested 《》 balanced."""
    found: list[tuple[int, int, str]] = []
    depth, start = 0, -1
    for i, ch in enumerate(text):
        if ch == "《":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            if depth == 0:
                inner = text[start + 1 : i]
                if 2 <= len(inner) <= MAX_TITLE_CHARS:
                    found.append((start, i + 1, inner.replace("〈", "《").replace("〉", "》")))
    return found


def _cited_in(clause: str, own: set[str]) -> list[Cited]:
    """Documents a clause names: 《title》（文号） pairs, bare 《title》s and bare 文号s."""
    titles = _titles(clause)
    numbers = find_doc_numbers(clause)
    out: list[tuple[Cited, bool]] = []
    paired: set[int] = set()
    for t_start, t_end, title in titles:
        number = None
        for k, (n_start, _n_end, doc) in enumerate(numbers):
            gap = clause[t_end:n_start]
            if k not in paired and gap in ("", "（", "("):
                number, _ = doc.text, paired.add(k)
                break
        # A number inside the title (关于印发《…〔2021〕3号…》) belongs to the title.
        for k, (n_start, _n_end, _doc) in enumerate(numbers):
            if t_start < n_start < t_end:
                paired.add(k)
        # 原《…》 is the predecessor, even under this document's own name.
        former = clause[max(0, t_start - len(_FORMER)) : t_start] == _FORMER
        out.append((Cited(doc_number=number, title=title), former))
    for k, (_s, _e, doc) in enumerate(numbers):
        if k not in paired:
            out.append((Cited(doc_number=doc.text, title=None), False))
    # A new document often keeps its predecessor's title: the 文号 tells them apart, or 原.
    return [
        c
        for c, former in out
        if (c.doc_number not in own if c.doc_number else former or c.title not in own)
    ]


def _clauses(sentence: str) -> list[str]:
    """The sentence cut at ，；： outside brackets (titles hold commas)."""
    out: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(sentence):
        if ch in "《〈（(":
            depth += 1
        elif ch in "》〉）)" and depth:
            depth -= 1
        elif ch in _CLAUSE_END and depth == 0:
            out.append(sentence[start : i + 1])
            start = i + 1
    if sentence[start:]:
        out.append(sentence[start:])
    return out


def plan_period_end(title: str, enclosed_title: str | None) -> date | None:
    """The last day of the period a plan's own name gives (…规划（2024—2025年） → 2025-12-31).

    Only the document's own name counts: the title it promulgates (``enclosed_title``), or its
    own title when the period closes it outside any 《》. A reply (批复) about someone else's
    plan names that plan in 《》 and gets no period from it.
    """
    for name in (enclosed_title, title):
        if not name:
            continue
        m = _PLAN_PERIOD.search(to_halfwidth_digits(name).replace(" ", ""))
        if m and int(m["start"]) <= int(m["end"]):
            return date(int(m["end"]), 12, 31)
    return None


def _states_validity(sentence: str) -> bool:
    found = parse_validity(sentence)
    return found is not None and (found.months is not None or found.until is not None)


def find_term(
    body: str,
    title: str,
    enclosed_title: str | None,
    validity_expiry: date | None,
) -> Expiry | None:
    """The document's last day in force and the sentence that sets it, or None.

    ``validity_expiry`` is what `validity.expiry_date` computed (有效期N年 from the effective
    date, 有效期至…); it wins, with the sentence naming the 有效期. Then a stated term
    (执行期限…至…, 自…至…施行), then the period in the document's own title.
    """
    sentences = _sentences(body)
    if validity_expiry is not None:
        sentence = next((s for s in sentences if _states_validity(s)), "")
        return Expiry(validity_expiry, VALIDITY, sentence)
    for s in sentences:
        m = _TERM.search(s) or _RANGE_CLAUSE.search(s)
        if m:
            end = parse_date(m["end"])
            start = parse_date(m["start"]) if m["start"] else None
            if end is not None and (start is None or start <= end):
                return Expiry(end, TERM, s, start)
    end = plan_period_end(title, enclosed_title)
    if end is not None:
        return Expiry(end, PLAN, enclosed_title or title)
    return None


def with_stated_term(term: Term, stated: Expiry | None) -> Term:
    """``term`` (validity.read_term) completed by `find_term`'s reading: the expiry of a stated
    term or a plan's period, and a stated term's first day where no effective clause was."""
    if stated is None:
        return term
    effective = term.effective
    if effective is None and stated.start is not None:
        effective = Effective(date=stated.start, text=stated.sentence, relative_to_signing=False)
    return replace(term, effective=effective, expiry=term.expiry or stated.date)


def _event_date(
    clause: str, effective: date | None, signing: date | None
) -> tuple[date | None, str | None]:
    m = _STATED_FROM.search(clause)
    if m:
        stated = parse_date(m["date"])
        if stated is not None:
            return stated, STATED
    if effective is not None:
        return effective, EFFECTIVE
    if signing is not None:
        return signing, SIGNING
    return None, None


def find_status_events(
    body: str,
    *,
    title: str,
    own_doc_number: str | None,
    enclosed_title: str | None,
    signing_date: date | None,
    effective: Effective | None,
    term: Expiry | None,
) -> list[StatusEvent]:
    """Every status event the document states, in text order (its own dates first).

    ``body`` is the notice's text without its header; ``effective`` is what
    `validity.find_effective` found, ``term`` what `find_term` found.
    """
    own = {x for x in (own_doc_number, title, enclosed_title) if x}
    effective_date = effective.date if effective else None
    if effective_date is None and term is not None:
        effective_date = term.start
    events: list[StatusEvent] = []
    if effective_date is not None:
        sentence = effective.text if effective else term.sentence  # type: ignore[union-attr]
        basis = STATED if effective and not effective.relative_to_signing else SIGNING
        events.append(StatusEvent(TAKES_EFFECT, SELF, effective_date, basis, None, sentence))
    if term is not None:
        events.append(StatusEvent(EXPIRES, SELF, term.date, term.basis, None, term.sentence))

    title_amend = _AMEND_TITLE.search(title)
    if title_amend:
        when, basis = _event_date("", effective_date, signing_date)
        for cited in _cited_in(title_amend["obj"], own):
            events.append(StatusEvent(AMENDED_BY, CITED, when, basis, cited, title))

    for sentence in _sentences(body):
        for clause in _clauses(_DEFINED_TERM.sub("", sentence)):
            events += _clause_events(clause, sentence, own, effective_date, signing_date)
    return _distinct(events)


def _clause_events(
    clause: str,
    sentence: str,
    own: set[str],
    effective: date | None,
    signing: date | None,
) -> list[StatusEvent]:
    according = _AMENDED_ACCORDING.search(clause)
    if according:
        dates = find_dates(according["body"])
        when = dates[0][2] if dates else None
        return [
            StatusEvent(AMENDED_BY, SELF, when, STATED if when else None, cited, sentence)
            for cited in _cited_in(according["body"], own)
        ]
    verb = _REPEAL.search(clause)
    kind = REPEALED_BY
    if verb is None:
        verb, kind = _CEASE.search(clause), REPLACES
    if verb is None:
        verb, kind = _AMEND_CLAUSE.search(clause), AMENDED_BY
    if verb is None or _PAST_OR_PASSIVE.search(clause, 0, verb.start()):
        return []
    cited_docs = _cited_in(clause, own)
    if not cited_docs:
        return []
    when, basis = _event_date(clause, effective, signing)
    subject = SELF if kind == REPLACES else CITED
    return [StatusEvent(kind, subject, when, basis, c, sentence) for c in cited_docs]


def _distinct(events: list[StatusEvent]) -> list[StatusEvent]:
    """One event per (kind, subject, cited document): a title and its body often say the same
    thing, the body with the 文号 (which is then kept) and the title without."""
    numbered = {
        (e.event, e.subject, e.cited.title) for e in events if e.cited and e.cited.doc_number
    }
    seen: set[tuple] = set()
    out: list[StatusEvent] = []
    for e in events:
        if e.cited and not e.cited.doc_number and (e.event, e.subject, e.cited.title) in numbered:
            continue
        key = (e.event, e.subject, e.cited)
        if key in seen:
            continue
        seen.add(key)
        out.append(e)
    return out
