"""Names of state organs (机关名称) in gazette text, found with spaCy rules: nothing trained.

A blank Chinese pipeline segments with jieba; a small component writes every token's *roles*
(place or prefix, content word, organ-final word, …), worked out from the genre vocabulary, into
``token.tag_``; an EntityRuler matches organ names as sequences of roles, and the longest
non-overlapping matches win.

    organ = place or national prefix, content words (≤ 8), a word ending in an organ suffix,
            then perhaps that organ's office / standing committee / department

    泸州市 / 自然资源 / 和 / 规划局           P C C F
    中共 / 泸州 / 市委 / 办公室               P C F X    (an organ's office is one organ)
    市政府 / 新闻 / 办公室                    O C Q
    国家税务总局 / 泸州市 / 税务局            H P F      (a national bureau's local branch)
    市委, 省政府, 国务院, 国务院办公厅        O          (a whole organ in one token)

Public API: :func:`organisations` (every organ named in running text, in order) and
:func:`split_organs` (a run of organ names, e.g. a joint issuer, split into organs). The
pipeline is built on first use (about a second: spaCy, jieba and its dictionary) and shared;
importing this module loads neither spaCy nor jieba.

Decisions (pinned by tests/test_organs.py):

* Generic addressee groups are **not** organs: 各区县人民政府, 各园区管委会, 市级有关部门,
  各区县医保局, 7个区县政府 name a class of organs, not one. A name right after 各 / 有关 /
  相关 loses its start, and class words (区县, 园区, 全市, …) never start a name.
* A bare level + generic suffix (市局, 省厅, 我局, 本局) is a reference, not a name; 市委, 省委,
  市政府, 区政府 are names (the party committee / government of that level), also where they
  qualify a noun (市政府门户网站 → 市政府).
* A collective tail is not a name: ``split_organs("国家卫生健康委等14部门")`` gives
  ``["国家卫生健康委"]``: the unnamed co-issuers cannot be listed, the lead organ can be linked.
* ``split_organs`` is strict: when some of the text is neither organ nor separator it returns
  the compacted text whole, so callers can tell (``names.split_issuers`` returns None).
* Text is compacted before matching (names are wrapped across lines in text dumps), so table
  cells run together; a bare 市 / 县 / 区 / 省 therefore always starts a new name and never sits
  inside one (泸州农业 | 市农业农村局 → 市农业农村局).
* Associations (协会, 学会, 联合会 …) and place-like centres (数据中心, 区域医疗中心) are no
  state organs; public institutions with a prefix (市妇幼保健院, 中国纺织信息中心) do count.
* Organs printed without any place or national prefix (司法厅, 住房城乡建设局 at a line start)
  are not found: without a prefix the suffixes (局, 会, 部, 行, 中心 …) end too many words.
* Places come from jieba's own dictionary (words tagged ns ending in 省/市/县/区/州, and their
  stems such as 泸州), so 泸州海事局 is found; a place jieba does not know (长开区) is not.

The word lists below that are not in :mod:`extractors.vocabulary` are genre data too and could
move there; they are kept here because only these rules read them.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from extractors.metadata.organs.words import (
    BARE_OK,
    BRANCHING_HEADS,
    CJK_WORD,
    CLOSE_PARENS,
    COLLECTIVE_TAIL,
    CONJUNCTIONS,
    GENERIC_PLACE,
    GENERIC_SUFFIXES,
    GROUP_MARKERS,
    LEVEL_PLACE,
    MAX_CONTENT_TOKENS,
    MEETING,
    NOT_ORGAN_ENDINGS,
    NOT_ORGAN_WORDS,
    OFFICES,
    OPEN_PARENS,
    ORG_LABEL,
    POSTS,
    ROLES_COMPONENT,
    SEPARATORS,
    STOP_WORDS,
)
from extractors.textnorm import compact
from extractors.vocabulary import ORG_PREFIXES, ORG_SUFFIXES

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span


_build_lock = threading.Lock()
_pipeline: Language | None = None


def organisations(text: str) -> list[str]:
    """Every organ named in running text, in reading order, as printed with whitespace removed.

    A name that recurs is listed each time. Generic groups (各区县人民政府) are left out.
    """
    return [span.text for span in _organ_spans(compact(text))]


def split_organs(text: str) -> list[str]:
    """A string of nothing but organ names, run together or space separated → the organs.

    "泸州市财政局国家税务总局泸州市税务局" → ["泸州市财政局", "国家税务总局泸州市税务局"].
    A closing collective tail is dropped ("国家卫生健康委等14部门" → ["国家卫生健康委"]).
    When part of the text is not recognised, each space-separated part is tried on its own; a
    part still not covered by organs and separators is returned whole (compacted).
    """
    flat = compact(text)
    if not flat:
        return []
    organs = _cover(flat)
    if organs is not None:
        return organs
    parts = text.split()
    if len(parts) > 1:
        return [organ for part in parts for organ in split_organs(part)]
    return [flat]


def pipeline() -> Language:
    """The spaCy pipeline, built on first use and then shared by the whole process."""
    global _pipeline
    if _pipeline is None:
        with _build_lock:
            if _pipeline is None:
                _pipeline = _build_pipeline()
    return _pipeline


def _organ_spans(flat: str) -> list[Span]:
    if not flat:
        return []
    from spacy.util import filter_spans

    doc = pipeline()(flat)
    return sorted(filter_spans(list(doc.ents)), key=lambda s: s.start)


def _cover(flat: str) -> list[str] | None:
    """The organs, when they, separators (、 ， 和 …) and a closing 等N部门 make up all of flat."""
    spans = _organ_spans(flat)
    if not spans:
        return None
    gaps: list[str] = []
    pos = 0
    for span in spans:
        gaps.append(flat[pos : span.start_char])
        pos = span.end_char
    tail = flat[pos:].strip(SEPARATORS)
    if any(gap.strip(SEPARATORS) not in ("", *CONJUNCTIONS) for gap in gaps):
        return None
    if tail and not COLLECTIVE_TAIL.match(tail):
        return None
    return [span.text for span in spans]


# --- building the pipeline -------------------------------------------------------------------


class _JiebaCut:
    """What spaCy's Chinese tokenizer calls ``jieba_seg``: a private jieba dictionary, no HMM.

    Private so the organ words added here never change how other code segments with jieba;
    without HMM so unknown single characters are not glued together (委等 stays 委 / 等).
    """

    def __init__(self, tokenizer: Any) -> None:
        self._tokenizer = tokenizer

    def cut(self, text: str, cut_all: bool = False) -> Any:
        return self._tokenizer.cut(text, cut_all=cut_all, HMM=False)


def _private_jieba() -> Any:
    import jieba

    shared = jieba.dt
    shared.check_initialized()
    own = jieba.Tokenizer()
    # Share the already loaded dictionary instead of loading it a second time.
    own.FREQ = dict(shared.FREQ)
    own.total = shared.total
    own.initialized = True
    for word in (*ORG_SUFFIXES, *ORG_PREFIXES):
        if len(word) > 1:
            own.add_word(word)
    return own


def _place_words() -> frozenset[str]:
    """Places jieba knows: 泸州市, 古蔺县, 四川省 and their stems 泸州, 古蔺, 四川."""
    import jieba.posseg

    tags: dict[str, str] = jieba.posseg.dt.word_tag_tab
    places: set[str] = set()
    for word, tag in tags.items():
        if len(word) >= 2 and word[-1] in "省市县区州" and tag in ("ns", "nr"):
            if GENERIC_PLACE.search(word):
                continue
            places.add(word)
            stem = word[:-1]
            if len(stem) >= 2 and tags.get(stem) in ("ns", "nr"):
                places.add(stem)
    return frozenset(places)


def _build_pipeline() -> Language:
    import logging

    import jieba
    import spacy
    from spacy.language import Language

    jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" chatter is not for users

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.tokenizer.jieba_seg = _JiebaCut(_private_jieba())
    if not Language.has_factory(ROLES_COMPONENT):
        Language.factory(ROLES_COMPONENT, func=_make_role_tagger)
    nlp.add_pipe(ROLES_COMPONENT)
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns([{"label": ORG_LABEL, "pattern": p} for p in _patterns()])
    return nlp


# --- roles -----------------------------------------------------------------------------------
#
# P  place or national prefix that can start a name (泸州市, 中共, 国家, 市)
# C  content word inside a name (自然资源, 和, 管理)
# F  word ending in an organ suffix (规划局, 人民政府, 委)
# B  F that is a bare generic suffix (局, 中心): needs content before it
# O  a whole organ in one token (市委, 省政府, 国务院, 国家税务总局)
# H  national organ whose local branch follows (国家税务总局, 人行)
# X  sub-unit continuing the organ before it (办公室 after 人民政府)
# Q  an office word: 新闻 办公室 after an organ is that organ's press office


class _Roles:
    def __init__(self, places: frozenset[str]) -> None:
        self.places = places
        self.prefixes = frozenset(ORG_PREFIXES)
        self.single_levels = frozenset(p for p in ORG_PREFIXES if len(p) == 1)
        self.subunit_pairs = _subunit_pairs()
        self.of = lru_cache(maxsize=65536)(self._of)

    def is_start(self, word: str) -> bool:
        if word in self.prefixes or (word.startswith("中共") and not _is_final(word)):
            return True  # 中共中央 as well as 中共
        return word in self.places and not GENERIC_PLACE.search(word)

    def _of(self, word: str) -> frozenset[str]:
        roles: set[str] = set()
        if not CJK_WORD.match(word) or word in STOP_WORDS or word.startswith("各"):
            return frozenset()
        if POSTS.search(word) and not _is_final(word):
            return frozenset()
        final = _is_final(word)
        if self.is_start(word) and not final:  # 国务院 is a whole organ, not a prefix
            roles.add("P")
        if final:
            roles.add("F")
            if word in GENERIC_SUFFIXES:
                roles.add("B")
            if self._is_whole_organ(word):
                roles.add("O")
            if word.endswith(BRANCHING_HEADS):
                roles.add("H")
            if word in OFFICES:
                roles.add("Q")
        elif word not in self.single_levels:  # a bare 市 inside a name starts the next one
            roles.add("C")
        return frozenset(roles)

    def _is_whole_organ(self, word: str) -> bool:
        if word in self.prefixes:  # 国务院
            return True
        if word[0] in self.single_levels and word[1:] in BARE_OK:  # 市委, 省政府
            return True
        for i in range(len(word) - 1, 1, -1):
            head, rest = word[:i], word[i:]
            named = head in self.prefixes or head in self.places
            if named and _is_final(rest) and rest not in GENERIC_SUFFIXES:
                return True  # 国家税务总局, 泸州市政府
            national = head in self.prefixes or head.startswith("中共")
            if national and rest in OFFICES:
                return True  # 国务院办公厅, 中共中央办公厅
        return False


def _is_final(word: str) -> bool:
    return (
        word.endswith(ORG_SUFFIXES)
        and word not in NOT_ORGAN_WORDS
        and not MEETING.search(word)
        and not NOT_ORGAN_ENDINGS.search(word)
        and not (word.endswith("行") and not word.endswith(("银行", "分行", "支行", "人行")))
    )


def _not_an_organ(word: str) -> bool:
    return bool(NOT_ORGAN_ENDINGS.search(word) or MEETING.search(word))


def _subunit_pairs() -> tuple[tuple[str, str], ...]:
    """(parent ending, sub-unit word): an organ's office, and what compound suffixes imply.

    人民代表大会常务委员会 = 人民代表大会 + 常务委员会, so a 常务委员会 after a word ending in 会
    continues it; the same rule yields 政府 + 办公室. A 部 after a party committee (市委组织部).
    """
    pairs: set[tuple[str, str]] = {("", office) for office in OFFICES}
    for compound in ORG_SUFFIXES:
        for cut in range(1, len(compound)):
            head, tail = compound[:cut], compound[cut:]
            parents = [s for s in ORG_SUFFIXES if head.endswith(s)]
            if tail in ORG_SUFFIXES and parents:
                pairs.add((min(parents, key=len), tail))
    pairs.add(("委", "部"))
    return tuple(sorted(pairs))


def _make_role_tagger(nlp: Language, name: str) -> _RoleTagger:
    return _RoleTagger(_Roles(_place_words()))


class _RoleTagger:
    """The pipeline component: writes each token's roles into ``token.tag_`` as ``|F|O|``."""

    def __init__(self, roles: _Roles) -> None:
        self.roles = roles

    def __call__(self, doc: Doc) -> Doc:
        return _tag_roles(doc, self.roles)


def _tag_roles(doc: Doc, roles: _Roles) -> Doc:
    words = [t.text for t in doc]
    per_token = [set(roles.of(w)) for w in words]
    in_group = False
    for i, word in enumerate(words):
        here = per_token[i]
        # 各区县人民政府, 有关区县人民政府: the whole group phrase starts no name.
        if word.startswith(GROUP_MARKERS) or word in GROUP_MARKERS:
            in_group = True
            continue
        if in_group:
            if here & {"P", "C", "F"}:
                here.discard("P")
                here.discard("O")
                here.discard("H")
                if "F" in here:
                    in_group = False
                continue
            in_group = False
        # 区 / 县政府, 市 / 县人民政府: a class of governments (7个区县政府门户网站).
        if (
            word in roles.single_levels
            and i + 1 < len(words)
            and per_token[i + 1] & {"P", "O"}
            and GENERIC_PLACE.search(word + words[i + 1][:1])
        ):
            here.clear()
            per_token[i + 1] -= {"P", "O", "H"}
        # 区域 / 中心, 现场 / 会: the suffix ends a longer non-organ word.
        if "F" in here and i and _not_an_organ(words[i - 1] + word):
            here.clear()
        # …主管部门 / 宜宾市人民政府: a full place name after a content word starts a new name
        # (a running header glued to the text); after a place it narrows it (四川省泸州市).
        if (
            "C" in here
            and "P" in here
            and LEVEL_PLACE.search(word)
            and i
            and "P" not in per_token[i - 1]
            and words[i - 1] not in OPEN_PARENS
        ):
            here.discard("C")
        # 泸州市和古蔺县人民政府 names two governments: 和 after a place is no content word.
        if word in CONJUNCTIONS and i and per_token[i - 1] == {"P", "C"}:
            here.discard("C")
        if i and "F" in per_token[i - 1] and _continues(roles, words[i - 1], word):
            here.add("X")
        # 中国（四川）自由贸易试验区: a place in brackets inside a name.
        if (
            word in OPEN_PARENS
            and 0 < i < len(words) - 2
            and "C" in per_token[i - 1]
            and "P" in per_token[i + 1]
            and words[i + 2] in CLOSE_PARENS
        ):
            here.add("C")
            per_token[i + 2].add("C")
    for token, here in zip(doc, per_token, strict=True):
        token.tag_ = "|" + "|".join(sorted(here)) + "|"
    return doc


def _continues(roles: _Roles, before: str, word: str) -> bool:
    for parent, sub in roles.subunit_pairs:
        if before.endswith(parent) and (word == sub or (sub == "部" and word.endswith(sub))):
            return _is_final(word)
    return False


# --- patterns --------------------------------------------------------------------------------


def _has(*any_of: str, without: str = "") -> dict[str, Any]:
    alternatives = "|".join(any_of)
    guard = f"(?!.*\\|{without}\\|)" if without else ""
    return {"TAG": {"REGEX": f"^{guard}.*\\|(?:{alternatives})\\|"}}


def _patterns() -> list[list[dict[str, Any]]]:
    start = _has("P")
    content = {**_has("C"), "OP": f"{{0,{MAX_CONTENT_TOKENS}}}"}
    some_content = {**_has("C"), "OP": f"{{1,{MAX_CONTENT_TOKENS}}}"}
    organs = [
        # 泸州市 人民政府; a bare suffix needs content: 市 生态环境 局
        [start, content, _has("F", without="B")],
        [start, some_content, _has("F")],
        # 市委 / 省政府 / 国务院
        [_has("O")],
        # 国家税务总局 泸州市 税务局; 人行 泸州市 分行; 国家 市场监督管理 总局 …
        [_has("H"), start, content, _has("F")],
        [start, content, _has("H"), start, content, _has("F")],
    ]
    with_units = []
    for organ in organs:
        with_units.append([*organ, {**_has("X"), "OP": "?"}])  # + 办公室, + 常务委员会
        with_units.append([*organ, {**_has("C"), "OP": "{1,3}"}, _has("Q")])  # + 新闻办公室
    return with_units
