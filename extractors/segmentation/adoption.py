"""A rule's adoption note (题注): the lines under its title saying who adopted, approved,
promulgated or amended it, and when.

Printed three ways in real sources, all read here:

    （2019年10月30日泸州市第九届人民代表大会常务委员会第二十次会议通过 …）   a gazette
    （2007年11月23日青海省第十届人民代表大会            a two-column dump cuts the note
    常务委员会第三十四次会议通过）                          over short lines
    2014年11月24日 中华人民共和国国务院令第656号公布    a legal database: no brackets,
    2011年1月8日 《国务院关于废止…的决定》第一次修订     one act a line

Real notes are not always balanced: a database drops the opening bracket but keeps the
closing one (`…会议批准）`), a page doubles it (`…修订））`). The note is therefore read by
its content — a date first (or an organ's meeting), an act of adoption last, no sentence end
— and brackets only say where a cut note ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from extractors.metadata.dates import DATE_PATTERN, parse_date
from extractors.metadata.divisions import divisions, find_organs
from extractors.model import Line
from extractors.textnorm import compact

# What a note says was done to the rule; a note (or each of its lines, unbracketed) ends
# with one of them: …会议通过 / …批准 / …令第656号公布 / …第一次修订 / 2009年10月16日 施行.
ADOPTION_ACTS = ("通过", "批准", "公布", "发布", "修正", "修订", "修改", "施行", "废止")
# A two-column dump cuts a note into lines of a dozen characters: a 70-character note with
# two acts takes six or seven of them.
MAX_NOTE_LINES = 8
# A legal database prints the original adoption and every amendment on a line of its own.
MAX_NOTE_ACTS = 12

_OPEN = "（("
_CLOSE = "）)"
_ACT = "|".join(ADOPTION_ACTS)
# Trailing furniture after the act: closing brackets (balanced or not), ideographic spaces.
_TAIL = rf"[{_CLOSE}\s\u3000]*"
# A bracketed note: the bracket, then somewhere a date and an act (a court's note names its
# meeting before the date: （最高人民法院审判委员会第1193次会议…通过 2002年3月15日…公布…）).
_BRACKETED = re.compile(
    rf"^[{_OPEN}].*?{DATE_PATTERN}.*?(?:{_ACT})|^[{_OPEN}].*?(?:{_ACT}).*?{DATE_PATTERN}"
)
# An unbracketed note line starts with its date; the date is followed by the organ or the act,
# never by 起 (2024年1月1日起施行 is a sentence of the body, not a note).
_DATED_START = re.compile(rf"^[{_OPEN}]?{DATE_PATTERN}(?!起|之)")
_ENDS_WITH_ACT = re.compile(rf"(?:{_ACT}){_TAIL}$")
# Where a note is certainly not one: a sentence ends inside it.
_SENTENCE_END = re.compile(r"[。！？]")


@dataclass(frozen=True)
class AdoptionNote:
    start: int  # index of the first note line
    end: int  # index after the last
    text: str  # the note's lines, compacted and joined as printed


def is_adoption_line(text: str) -> bool:
    """One line that is a whole adoption note (or one act of an unbracketed note)."""
    flat = compact(text)
    if not flat or _SENTENCE_END.search(flat.rstrip(_CLOSE)):
        return False
    if flat[0] in _OPEN:
        return bool(_BRACKETED.match(flat)) and _closed_or_act_last(flat)
    return bool(_DATED_START.match(flat)) and bool(_ENDS_WITH_ACT.search(flat))


def _closed_or_act_last(flat: str) -> bool:
    # A bracketed note line either closes its bracket or stops right after an act (the rest
    # of the note, 根据…修正）, follows on the next line).
    if _closes_early(flat):
        return False
    return _depth(flat) <= 0 or bool(_ENDS_WITH_ACT.search(flat))


def _closes_early(flat: str) -> bool:
    """The opening bracket closes before the text ends: （五）本通知自…起施行 is an outline
    item, not a note (a note's bracket holds all of it)."""
    depth = 0
    body = flat.rstrip(_CLOSE)
    for k, ch in enumerate(body):
        depth += ch in _OPEN
        depth -= ch in _CLOSE
        if depth <= 0 and k < len(body) - 1:
            return True
    return False


def _depth(text: str) -> int:
    return sum(ch in _OPEN for ch in text) - sum(ch in _CLOSE for ch in text)


def adoption_note_at(lines: list[Line], i: int) -> AdoptionNote | None:
    """The adoption note whose first line is lines[i], with all its lines, or None.

    A note starts with an opening bracket or a date. Its first act may be cut over several
    lines (a bracketed note runs to its closing bracket, an unbracketed one to its first act);
    unbracketed act lines that follow (amendments, 施行) belong to it as well.
    """
    first = _first_act(lines, i)
    if first is None:
        return None
    end, text = first
    acts = 1
    while end < len(lines) and acts < MAX_NOTE_ACTS:
        more = _first_act(lines, end)
        if more is None or compact(lines[end].text)[:1] in _OPEN:
            break  # a second bracketed note is another rule's (a page printing two rules)
        end, text = more[0], text + more[1]
        acts += 1
    return AdoptionNote(start=i, end=end, text=text)


def _first_act(lines: list[Line], i: int) -> tuple[int, str] | None:
    """(end, text) of the note act starting at lines[i], joining the lines it is cut over."""
    if lines[i].kind != "body":
        return None
    head = compact(lines[i].text)
    bracketed = head[:1] in _OPEN
    if not head or not (bracketed or _DATED_START.match(head)):
        return None
    text = ""
    for end in range(i, min(len(lines), i + MAX_NOTE_LINES)):
        line = lines[end]
        if line.kind != "body":
            return None
        text += compact(line.text)
        if _SENTENCE_END.search(text.rstrip(_CLOSE)):
            return None
        closed = _depth(text) <= 0 if bracketed else bool(_ENDS_WITH_ACT.search(text))
        if closed:
            return (end + 1, text) if _is_note(text) else None
    return None


def _is_note(text: str) -> bool:
    if text[0] in _OPEN:
        return bool(_BRACKETED.match(text)) and not _closes_early(text)
    return bool(_DATED_START.match(text)) and bool(_ENDS_WITH_ACT.search(text))


# The meeting or order an act names: …第十六届人民代表大会第二次会议 / …检察委员会第20次会议 /
# 中华人民共和国国务院令第656号. The term (第十六届) is no part of the organ's name.
_TERM = re.compile(r"第[一二三四五六七八九十百零〇\d]+届")
_STATE_PREFIX = "中华人民共和国"
_ACT_SPLIT = re.compile(rf"(?<=(?:{_ACT}))[；;，,\s]*(?={DATE_PATTERN})")


def note_acts(note: str) -> list[str]:
    """The note cut into its acts: one per date that follows an act."""
    flat = compact(note).strip(_OPEN + _CLOSE)
    return [act for act in _ACT_SPLIT.split(flat) if act]


def adopted_by(note: str, title: str = "") -> tuple[list[str], date | None]:
    """The organs that adopted a rule (named in its note's first act) and that act's date.

    `北京市第十六届人民代表大会第二次会议通过` → 北京市人民代表大会; a 行政法规's
    `中华人民共和国国务院令第656号公布` → 国务院; two courts' joint meetings → both courts.
    A county's own note may name its congress by level alone (县第五届人民代表大会): the
    place is then the one the rule's title starts with (景宁畲族自治县水资源管理条例).
    """
    acts = note_acts(note)
    if not acts:
        return [], None
    first = acts[0]
    dates = re.findall(DATE_PATTERN, first)
    when = parse_date(dates[0]) if dates else None
    named = _TERM.sub("", first)
    organs: list[str] = []
    for span in find_organs(named):
        name = strip_state_prefix(span.text)
        if span.kind == "level":
            name = _placed(name, title)
        if name not in organs:
            organs.append(name)
    return organs, when


# 2002年3月15日最高人民法院公告公布 / 2014年11月24日中华人民共和国国务院令第656号公布: the
# date of the act that made the rule public (no other date between it and the act).
_PUBLISHED = re.compile(rf"({DATE_PATTERN})(?:(?!{DATE_PATTERN})[^；;，,])*?(?:公布|发布)")
# 自2002年3月26日起施行 inside a note, or a database's own line 2009年10月16日 施行.
_TAKES_EFFECT = re.compile(rf"自?({DATE_PATTERN})起?(?:施行|生效)")


def promulgation_date(note: str) -> date | None:
    """When the note says the rule was made public (公布/发布), or None."""
    m = _PUBLISHED.search(compact(note))
    return parse_date(m.group(1)) if m else None


def effective_in_note(note: str) -> date | None:
    """When the note says the rule takes effect (its 施行 act), or None."""
    m = _TAKES_EFFECT.search(compact(note))
    return parse_date(m.group(1)) if m else None


def _placed(organ: str, title: str) -> str:
    """A bare-level organ (县人民代表大会) named after the innermost place of that level that
    the title starts with; unchanged when the title names none."""
    place = next((p for p in reversed(_places_at_start(compact(title))) if p[-1] == organ[0]), None)
    return place + organ[1:] if place else organ


def _places_at_start(title: str) -> list[str]:
    """The chain of divisions a title starts with: 浙江省景宁畲族自治县… → [浙江省, 景宁畲族自治县]."""
    names = _division_names()
    chain: list[str] = []
    pos = 0
    while True:
        found = next(
            (n for n in names.get(title[pos : pos + 1], ()) if title.startswith(n, pos)), None
        )
        if found is None:
            return chain
        chain.append(found)
        pos += len(found)


@lru_cache(maxsize=1)
def _division_names() -> dict[str, tuple[str, ...]]:
    """Full division names by first character, longest first."""
    by_first: dict[str, list[str]] = {}
    for division in divisions():
        by_first.setdefault(division.name[0], []).append(division.name)
    return {ch: tuple(sorted(ns, key=len, reverse=True)) for ch, ns in by_first.items()}


def strip_state_prefix(organ: str) -> str:
    """中华人民共和国国务院 → 国务院: organs are cited without the state's name (国务院令第706号)."""
    rest = organ.removeprefix(_STATE_PREFIX)
    return rest if len(rest) >= 2 else organ
