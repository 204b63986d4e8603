"""Organs (机关) named after China's administrative divisions and the national organs: data, no model.

Three shipped lists (extractors/data/, sources in its README) are read once per process with the
csv module (a few milliseconds, no upstream package, no network):

* ``divisions.tsv``: every province, prefecture and county (民政部 list, GB/T 2260 codes), with
  the short forms the genre prints (新疆, 泸州, 凉山州), plus 新疆生产建设兵团 and its 师;
  ``divisions_2020.tsv``: the 2020 list's divisions the current one lacks (renamed or merged
  since: 许昌县, 郫县, 莱芜市), which older documents name;
* ``national_organs.tsv``: 国务院, its offices, ministries, commissions and bureaus, the
  central party organs and the national legislature, courts and procuratorate, with short
  forms (国家发展改革委, 中国证监会) and whether local branches are printed after them.

An organ's name, as this module reads it:

    national    国务院办公厅, 中华人民共和国财政部, 国家发展改革委办公厅 (its office)
    branch      国家税务总局 + 泸州市 + 税务局, 中国人民银行 + 成都 + 分行
    local       [中共] place chain + tail: 四川省泸州市古蔺县 + 人民政府办公室, 中共 + 泸州市 + 委
    bare level  市 + 人民政府, 自治区 + 人民政府办公厅, 县 + 财政局 (where a level starts a name)

A place chain is a run of divisions each inside the one before (四川省泸州市, 新疆维吾尔自治区
克孜勒苏柯尔克孜自治州), so 泸州市宜宾市 is two places and two organs. A tail runs to the longest
organ ending (vocabulary.ORG_SUFFIXES and the government organs) before anything that starts
another organ, a stop word or a non-CJK character.

Public API: :func:`match_organ` (the longest organ name starting at a position),
:func:`find_organs` (every organ in a text, in order), :func:`split_organs` (a joint issuer
into organs, None when not all of it is organs), :func:`is_organ_name`, :func:`divisions`, :func:`earlier_divisions`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Generic, TypeVar

from extractors.textnorm import compact
from extractors.vocabulary import (
    BARE_LEVELS,
    BRANCH_SUFFIXES,
    CLASS_WORDS,
    GOVERNMENT_ORGANS,
    NATIONAL_PREFIXES,
    NOT_AFTER_LEVEL,
    NOT_BEFORE_LEVEL,
    NOT_ORGAN_TAIL,
    NOT_ORGAN_WORDS,
    NOT_STOPS,
    OFFICES,
    ORG_SUFFIXES,
    ORGAN_STOP_WORDS,
    PARTY_PREFIXES,
    RUNS_ON,
    STATE_PREFIX,
)

LEVELS = ("province", "prefecture", "county")

# The longest tail of an organ after its place: 人民政府国有资产监督管理委员会 is 15.
MAX_TAIL = 24

_TAIL_SUFFIXES = tuple(
    sorted(set(ORG_SUFFIXES) | set(GOVERNMENT_ORGANS) | set(BRANCH_SUFFIXES), key=len)[::-1]
)
_BARE_FIRST = frozenset(level[0] for level in BARE_LEVELS)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_SEPARATORS = "、，,；;：:/／·・ 　和与及"
# What a bare 区 may follow: a separator or a word joining organs (由区住房城乡建设局牵头).
_BEFORE_DISTRICT = _SEPARATORS + "由报经向对为至到给或"
# A count of unnamed co-issuers closing a joint issuer: 等14部门, 等10个部门, 等.
_COLLECTIVE_TAIL = re.compile(
    r"^等(?:[\d一二两三四五六七八九十百]+(?:个|家)?(?:部门|单位|机关|机构|委办局)?)?$"
)
T = TypeVar("T")

# County kinds whose stem a branch office prints (万载 of 万载县); 自治县 keeps its name.
_COUNTY_ENDINGS = "县市区旗"
# 新疆生产建设兵团 and its 师 are organs as well as places (兵团办公厅, 第八师发展改革委).
_SELF_ORGAN_CODES = "66"


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str  # province / prefecture / county
    parent: str  # code of the division above; "" for a province
    short: tuple[str, ...]


@dataclass(frozen=True)
class OrganSpan:
    start: int
    end: int
    text: str
    kind: str  # national / branch / local / level


@dataclass(frozen=True)
class _National:
    name: str
    branches: bool


class _Names(Generic[T]):
    """Longest name at a position: per first character, the lengths of the names it starts.

    Most positions of running text start no name and say so with one set lookup.
    """

    def __init__(self, table: dict[str, T]) -> None:
        self.table = table
        lengths: dict[str, set[int]] = {}
        for name in table:
            lengths.setdefault(name[0], set()).add(len(name))
        self.lengths = {ch: tuple(sorted(ns, reverse=True)) for ch, ns in lengths.items()}

    def at(self, text: str, pos: int) -> tuple[int, T | None]:
        if pos >= len(text):
            return pos, None
        room = len(text) - pos
        for n in self.lengths.get(text[pos], ()):
            if n > room:
                continue  # a slice past the end is shorter than n: 国务院 is not 14 long
            value = self.table.get(text[pos : pos + n])
            if value is not None:
                return pos + n, value
        return pos, None


class _Index:
    """Places (full names and short forms → codes), national organs, and the parent links."""

    def __init__(self, rows: tuple[Division, ...], national: list[dict[str, str]]) -> None:
        self.parent = {d.code: d.parent for d in rows}
        full: dict[str, set[str]] = {}
        short: dict[str, set[str]] = {}
        for d in rows:
            full.setdefault(d.name, set()).add(d.code)
            for form in d.short:
                short.setdefault(form, set()).add(d.code)
        places = {k: frozenset(v) for k, v in short.items()}
        places.update((k, frozenset(v)) for k, v in full.items())  # full name over short form
        self.places = _Names(places)
        self.full = _Names({k: frozenset(v) for k, v in full.items()})
        # A national organ's county branch is named by the county's stem (国家统计局万载调查队):
        # only there, where no ordinary word can follow, do county stems name places.
        stems: dict[str, set[str]] = {}
        for d in rows:
            stem = d.name[:-1]
            if d.level == "county" and d.name[-1] in _COUNTY_ENDINGS and len(stem) >= 2:
                stems.setdefault(stem, set()).add(d.code)
        branch_places = {k: frozenset(v) for k, v in stems.items()}
        branch_places.update(places)
        self.branch_places = _Names(branch_places)
        organs: dict[str, _National] = {}
        for row in national:
            organ = _National(row["name"], row["branches"] == "yes")
            for form in (row["name"], *filter(None, row["short"].split(","))):
                organs.setdefault(form, organ)
        self.national = _Names(organs)
        # Characters an organ name can start with: every other position is skipped at once.
        self.starts = frozenset(
            [*self.places.lengths, *self.national.lengths, STATE_PREFIX[0]]
            + [p[0] for p in (*PARTY_PREFIXES, *BARE_LEVELS)]
        )

    def place_at(
        self, text: str, pos: int, full_only: bool = False, branch: bool = False
    ) -> tuple[int, frozenset[str]]:
        names = self.full if full_only else self.branch_places if branch else self.places
        end, codes = names.at(text, pos)
        return end, codes or frozenset()

    def national_at(self, text: str, pos: int) -> tuple[int, _National | None]:
        return self.national.at(text, pos)

    def inside(self, codes: frozenset[str], outer: frozenset[str]) -> bool:
        """Some division of codes lies (at any depth) inside some division of outer."""
        for code in codes:
            up = self.parent.get(code, "")
            while up:
                if up in outer:
                    return True
                up = self.parent.get(up, "")
        return False


def _read(name: str) -> list[dict[str, str]]:
    with (resources.files("extractors") / "data" / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@lru_cache(maxsize=1)
def divisions() -> tuple[Division, ...]:
    """Every division in the shipped list, in its order (a province, then what it holds)."""
    return _divisions("divisions.tsv")


@lru_cache(maxsize=1)
def earlier_divisions() -> tuple[Division, ...]:
    """Divisions of the 2020 list the current one lacks, mostly renamed or merged since
    (许昌县, 郫县, 莱芜市): a document of those years is issued under their names."""
    return _divisions("divisions_2020.tsv")


def _divisions(name: str) -> tuple[Division, ...]:
    return tuple(
        Division(
            r["code"],
            r["name"],
            r["level"],
            r["parent"],
            tuple(filter(None, r["short"].split(","))),
        )
        for r in _read(name)
    )


@lru_cache(maxsize=1)
def _index() -> _Index:
    return _Index(divisions() + earlier_divisions(), _read("national_organs.tsv"))


def preload_vocabulary() -> None:
    """Read the shipped lists now (a process about to fork its workers shares them)."""
    _index()


def match_organ(text: str, start: int = 0) -> OrganSpan | None:
    """The longest organ name starting at ``start`` in compacted text, or None."""
    idx = _index()
    pos = start + len(STATE_PREFIX) if text.startswith(STATE_PREFIX, start) else start
    end, organ = idx.national_at(text, pos)
    if organ is not None:
        if organ.branches:
            branch = _local(text, end, idx, party=False, after_national=True)
            if branch is not None:
                return OrganSpan(start, branch, text[start:branch], "branch")
        for office in OFFICES:  # 国家发展改革委办公厅, 全国人大常委会办公厅
            if text.startswith(office, end) and not organ.name.endswith(office):
                end += len(office)
                break
        return OrganSpan(start, end, text[start:end], "national")
    if pos != start:
        return None
    party = next((p for p in PARTY_PREFIXES if text.startswith(p, start)), "")
    local_end = _local(text, start + len(party), idx, party=bool(party), after_national=False)
    if local_end is None:
        return None
    kind = "local" if idx.place_at(text, start + len(party))[1] else "level"
    return OrganSpan(start, local_end, text[start:local_end], kind)


def _local(text: str, pos: int, idx: _Index, party: bool, after_national: bool) -> int | None:
    """End of place chain + tail from pos, or None when no organ starts there."""
    end, codes = idx.place_at(text, pos, branch=after_national)
    if codes:
        while True:  # 四川省 泸州市 古蔺县: each inside the one before
            nxt, inner = idx.place_at(text, end)
            if not inner or not idx.inside(inner, codes):
                break
            end, codes = nxt, inner
        if _bare_organ_at(text, end, idx):
            return None  # 古蔺县 | 市发展改革委: a table cell ran into the next one
        tail = _tail_end(text, end, idx, bare=False, branch=after_national)
        if tail is not None:
            return tail
        if after_national or not any(c.startswith(_SELF_ORGAN_CODES) for c in codes):
            return None
        office = next((o for o in OFFICES if text.startswith(o, end)), "")
        return end + len(office)
    if after_national:
        return None
    for level in BARE_LEVELS:
        if text.startswith(level, pos):
            if not party and not _may_start_bare(text, pos, level):
                return None
            if _bare_organ_at(text, pos + len(level), idx):
                return None  # 县 | 市发展改革委: the second level starts the name
            return _tail_end(text, pos + len(level), idx, bare=True, branch=False)
    if not party and text.startswith(NATIONAL_PREFIXES, pos):  # 中国纺织信息中心, 国家…局
        prefix = next(p for p in NATIONAL_PREFIXES if text.startswith(p, pos))
        return _tail_end(text, pos + len(prefix), idx, bare=True, branch=False)
    return None


def _bare_organ_at(text: str, pos: int, idx: _Index) -> bool:
    """A bare level at pos that starts an organ of its own (市发展改革委, not 市场监管局)."""
    level = next((lv for lv in BARE_LEVELS if text.startswith(lv, pos)), None)
    if level is None or level in ("自治区", "自治州", "自治县"):
        return False  # 广西自治区人民政府: the short form's own level
    if not _may_start_bare(text, pos, level):
        return False
    tail = _tail_end(text, pos + len(level), idx, bare=True, branch=False, nested=True)
    return tail is not None and text[pos + len(level) : tail] not in GOVERNMENT_ORGANS


def _may_start_bare(text: str, pos: int, level: str) -> bool:
    """A bare level starts a name unless it ends a word (城市管理局, 全市, 各区县) or begins a
    class word (市场监管部门, 区县人民政府, 县级以上地方人民政府)."""
    after = text[pos + len(level) : pos + len(level) + 1]
    if after in NOT_AFTER_LEVEL or text[pos - 1 : pos + 1] in CLASS_WORDS:
        return False
    if pos == 0 or not _CJK.match(text[pos - 1]):
        return True
    if level == "区":  # 试验区, 开发区, 片区 …: 区 ends too many words; after a word it starts none
        return text[pos - 1] in _BEFORE_DISTRICT or text.endswith(ORGAN_STOP_WORDS, 0, pos)
    return text[pos - 1] not in NOT_BEFORE_LEVEL


def _tail_end(
    text: str, pos: int, idx: _Index, bare: bool, branch: bool, nested: bool = False
) -> int | None:
    """End of the longest valid organ tail from pos.

    Once a valid end is behind, a place or a bare level ends the name too: 泸州市人民政府办公室
    市财政局 is two organs, and a name does not run on into the next line of a table.
    """
    best: int | None = None
    limit = min(len(text), pos + MAX_TAIL)
    q = pos
    while q < limit:
        inner = _bracketed_place(text, q, idx)
        if inner:  # 中国（四川）自由贸易试验区: a place in brackets inside a name
            q = inner
            continue
        if not _CJK.match(text[q]) or (
            text.startswith(ORGAN_STOP_WORDS, q) and text[q - 1 : q + 1] not in NOT_STOPS
        ):
            break
        if q > pos and _starts_other_organ(text, q, idx):
            break
        if best is not None and (idx.place_at(text, q)[1] or text[q] in _BARE_FIRST):
            break
        if q > pos and not nested and text[q] in _BARE_FIRST and _bare_organ_at(text, q, idx):
            break  # 泸州农业 | 市农业农村局: a bare level starting an organ starts a new name
        q += 1
        if _valid_tail(text[pos:q], bare, branch) and text[q - 1 : q + 1] not in RUNS_ON:
            best = q
    return best


def _bracketed_place(text: str, q: int, idx: _Index) -> int:
    """End of （place） at q, or 0."""
    if text[q] not in "(（":
        return 0
    end, codes = idx.place_at(text, q + 1)
    return end + 1 if codes and text[end : end + 1] in (")", "）") else 0


def _starts_other_organ(text: str, q: int, idx: _Index) -> bool:
    if idx.place_at(text, q, full_only=True)[1] or idx.national_at(text, q)[1]:
        return True
    return text.startswith(PARTY_PREFIXES, q)


def _valid_tail(tail: str, bare: bool, branch: bool) -> bool:
    """An organ ending with words before it; a branch of a national organ may be the ending
    alone (国家统计局泸州 + 调查队), a division's own organs too (泸州市 + 人民政府)."""
    if tail in GOVERNMENT_ORGANS:
        return not branch  # 国家税务总局 + 泸州市人民政府 is two organs
    suffix = next((s for s in _TAIL_SUFFIXES if tail.endswith(s)), None)
    if suffix is None or (tail == suffix and not (branch and len(tail) > 1)):
        return False
    if bare and len(tail) - len(suffix) < 2:
        return False  # 市中心, 省厅: a reference, not a name
    if tail[-2:] in NOT_ORGAN_WORDS and not tail.endswith(("代表大会",)):
        return False
    if tail.endswith("行") and not tail.endswith(("银行", "分行", "支行")):
        return False
    return not NOT_ORGAN_TAIL.search(tail)


def find_organs(text: str) -> list[OrganSpan]:
    """Every organ named in compacted text, left to right, longest first, not overlapping."""
    found: list[OrganSpan] = []
    starts = _index().starts
    pos = 0
    while pos < len(text):
        span = match_organ(text, pos) if text[pos] in starts else None
        if span is None:
            pos += 1
        else:
            found.append(span)
            pos = span.end
    return found


def split_organs(text: str, joined: bool = False) -> list[str] | None:
    """A joint issuer → its organs, or None when some of it is neither organ nor separator.

    "新疆维吾尔自治区人民政府 新疆生产建设兵团" → both; a closing 等N部门 is dropped. With
    ``joined`` the organs must be run together with nothing between them, as a title prints
    its issuers (a list with 、 above a title is the line before it, not its issuer).
    """
    flat = compact(text)
    spans = find_organs(flat)
    if not spans:
        return None
    separators = "" if joined else _SEPARATORS
    pos = 0
    for span in spans:
        if flat[pos : span.start].strip(separators):
            return None
        pos = span.end
    tail = flat[pos:].strip(separators)
    if tail and (joined or not _COLLECTIVE_TAIL.match(tail)):
        return None
    return [span.text for span in spans]


def is_organ_ending(text: str) -> bool:
    """Text that starts with an organ ending (办公室, 常务委员会): the rest of a wrapped name."""
    return compact(text).startswith(_TAIL_SUFFIXES)


def is_organ_name(text: str) -> bool:
    """The whole text (whitespace ignored) is one organ's name."""
    flat = compact(text)
    if not flat or flat[0] not in _index().starts:  # most lines of running text
        return False
    span = match_organ(flat)
    return span is not None and span.end == len(flat)
