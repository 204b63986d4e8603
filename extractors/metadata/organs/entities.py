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

import re
import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from extractors.textnorm import compact
from extractors.vocabulary import DOC_TYPES, ORG_PREFIXES, ORG_SUFFIXES, RULE_TYPES

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span


def _words(text: str) -> frozenset[str]:
    """A word list written as space-separated words."""
    return frozenset(text.split())


ORG_LABEL = "ORG"
_ROLES_COMPONENT = "gazette_organ_roles"
_MAX_CONTENT_TOKENS = 8

# Suffixes that make a name right after a bare level (市委, 省政府, 市人民政府); every other
# suffix after a bare level is a generic reference (市局, 省厅, 市中心, 市办公室).
_BARE_OK = frozenset(
    {
        "委",
        "政府",
        "人民政府",
        "人民政府办公室",
        "人民政府办公厅",
        "委员会",
        "常务委员会",
        "人民代表大会常务委员会",
        "检察院",
        "法院",
    }
)
_GENERIC_SUFFIXES = frozenset(s for s in ORG_SUFFIXES if s not in _BARE_OK)

# Words that end in an organ suffix but are no organ (社会 ends in 会, 格局 in 局, 进行 in 行).
_NOT_ORGAN_WORDS = _words(
    """
    社会 机会 大会 都会 体会 理会 误会 开会 聚会 约会 晚会 宴会 峰会 全会 照会 学会 领会 融会 只会
    格局 布局 大局 结局 开局 全局 时局 骗局 棋局 残局 变局 新格局 总体格局
    进行 执行 实行 运行 推行 施行 试行 履行 发行 自行 可行 流行 旅行 出行 通行 同行 先行 并行
    现行 暂行 例行 盛行 步行 航行 飞行 举行 奉行 践行 言行 罪行 品行 德行 一行 不行 平行 修行
    全部 内部 外部 局部 干部 东部 西部 南部 北部 中部 底部 顶部 头部 本部 各部 细部
    举办 主办 承办 创办 督办 交办 开办 兴办 试办 协办 查办 经办 申办 操办 代办 包办 照办
    法办 严办 快办 好办 难办 怎么办 合办 帮办 首办 转办 领办 联办 代为办
    庭院 剧院 影院 住院 出院 入院 大院 书院
    大厅 餐厅 客厅 展厅 门厅 舞厅 歌厅 前厅 办事大厅 服务大厅
    部署 签署 连署 原委
    """
)
# 会 ending a meeting rather than a body: 推进现场会, 座谈会, 新闻发布会.
_MEETING = re.compile(
    r"(座谈|推进|现场|调度|专题|推介|发布|研讨|交流|博览|交易|运动|动员|表彰|培训|见面|听证"
    r"|论证|评审|汇报|总结|部署|观摩|洽谈|展销|年|例|月|周|晚|茶话|报告|演示|说明|协调|工作)会$"
)
# Bodies that end like organs but are no state organ: associations (中国服装协会) and centres
# that are places or roles (华为（四川）大数据中心, 区域医疗中心, 省域经济副中心).
_NOT_ORGAN_ENDINGS = re.compile(
    r"(协会|学会|商会|研究会|促进会|基金会|联合会|联谊会"
    r"|区域中心|副中心|数据中心|算力中心|备份中心|集散中心|物流中心|商贸中心|消费中心|金融中心"
    r"|创新中心|研发中心|制造中心|交通中心|枢纽中心|经济中心|文化中心|医疗中心|城市中心|市中心)$"
)
# A person's post ends a name's run of words: 市工商联秘书长周明洁 is no part of an organ.
_POSTS = re.compile(r"(长|主任|书记|主席|委员|总经济师|总工程师|总会计师|秘书|干事|专员)$")
# Class words that end like a place but name no particular one (全市, 区县, 园区, 城市).
_GENERIC_PLACE = re.compile(
    r"^(全|各|本|我|该|某|外|邻|上|下|城|超|股|社|园|片|景|辖|山|小|老|新|市|区|县|省|乡)"
    r"(市|县|区|省|州)$|(城市|地区|市区|城区|山区|园区|片区|社区|景区|强县|区县|县区|市县|县市)$"
)
# A name right after one of these is an addressee group (各区县人民政府), not an organ.
_GROUP_MARKERS = ("各", "有关", "相关", "所属", "直属", "下属")
# National organs whose local branch is printed after them as one name (国家税务总局泸州市税务局,
# 人行泸州市分行 = 中国人民银行泸州市分行).
_BRANCHING_HEADS = ("总局", "银行", "人行")
# An organ's own office is part of its name (人民政府办公室, 中共泸州市委办公室); from the
# compound suffixes of the vocabulary come the others (人民代表大会 + 常务委员会).
_OFFICES = ("办公室", "办公厅")
# Words that never sit inside an organ name: they join names or sentences.
_FUNCTION_WORDS = _words(
    """
    的 之 了 着 过 在 是 对 按 由 向 从 为 将 把 被 于 以 及 与 或 等 其 该 本 我 贵 你 他 她 它
    并 且 也 已 又 还 都 就 但 而 则 即 如 若 因 经 请 报 至 到 给 让 使 对于 关于 根据 按照 依据
    通过 会同 牵头 联合 配合 协同 召开 举办 开展 负责 印发 转发 出台 制定 要求 决定 同意 建议
    邀请 报告 通知 意见 进行 已有 近期 组成 人员 所在 所在地 作为 成为 打造 建成 创建 围绕 依托
    支持 鼓励 引导
    有关 相关 各 各级 其他 以及 或者 并且 以下 以上 简称 下称 其中 同志 聘任 任命 免去 担任
    """
)
# A title ends at its 文种 (……管理办法 then 市政府办公室 on the signature line); 规划, 标准 and
# 制度 also occur inside names (规划委员会, 标准化研究院).
_TITLE_WORDS = frozenset(DOC_TYPES + RULE_TYPES) - {"规划", "标准", "制度"}
_STOP_WORDS = _FUNCTION_WORDS | _TITLE_WORDS
# A place name with its level (泸州市, 古蔺县), not a stem (泸州) nor 自治县 in 北川羌族自治县.
_LEVEL_PLACE = re.compile(r"^(?!自治).+[省市县区州]$")
_CONJUNCTIONS = ("和", "与", "及")
_SEPARATORS = "、，,；;：:/／·・ 　"
_CJK_WORD = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]+$")
_OPEN_PARENS = ("（", "(")
_CLOSE_PARENS = ("）", ")")
# A count of unnamed co-issuers closing a joint issuer: 等14部门, 等10个部门, 等.
_COLLECTIVE_TAIL = re.compile(
    r"^等(?:[\d一二两三四五六七八九十百]+(?:个|家)?(?:部门|单位|机关|机构|委办局)?)?$"
)

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
    tail = flat[pos:].strip(_SEPARATORS)
    if any(gap.strip(_SEPARATORS) not in ("", *_CONJUNCTIONS) for gap in gaps):
        return None
    if tail and not _COLLECTIVE_TAIL.match(tail):
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
            if _GENERIC_PLACE.search(word):
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
    if not Language.has_factory(_ROLES_COMPONENT):
        Language.factory(_ROLES_COMPONENT, func=_make_role_tagger)
    nlp.add_pipe(_ROLES_COMPONENT)
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
        return word in self.places and not _GENERIC_PLACE.search(word)

    def _of(self, word: str) -> frozenset[str]:
        roles: set[str] = set()
        if not _CJK_WORD.match(word) or word in _STOP_WORDS or word.startswith("各"):
            return frozenset()
        if _POSTS.search(word) and not _is_final(word):
            return frozenset()
        final = _is_final(word)
        if self.is_start(word) and not final:  # 国务院 is a whole organ, not a prefix
            roles.add("P")
        if final:
            roles.add("F")
            if word in _GENERIC_SUFFIXES:
                roles.add("B")
            if self._is_whole_organ(word):
                roles.add("O")
            if word.endswith(_BRANCHING_HEADS):
                roles.add("H")
            if word in _OFFICES:
                roles.add("Q")
        elif word not in self.single_levels:  # a bare 市 inside a name starts the next one
            roles.add("C")
        return frozenset(roles)

    def _is_whole_organ(self, word: str) -> bool:
        if word in self.prefixes:  # 国务院
            return True
        if word[0] in self.single_levels and word[1:] in _BARE_OK:  # 市委, 省政府
            return True
        for i in range(len(word) - 1, 1, -1):
            head, rest = word[:i], word[i:]
            named = head in self.prefixes or head in self.places
            if named and _is_final(rest) and rest not in _GENERIC_SUFFIXES:
                return True  # 国家税务总局, 泸州市政府
            national = head in self.prefixes or head.startswith("中共")
            if national and rest in _OFFICES:
                return True  # 国务院办公厅, 中共中央办公厅
        return False


def _is_final(word: str) -> bool:
    return (
        word.endswith(ORG_SUFFIXES)
        and word not in _NOT_ORGAN_WORDS
        and not _MEETING.search(word)
        and not _NOT_ORGAN_ENDINGS.search(word)
        and not (word.endswith("行") and not word.endswith(("银行", "分行", "支行", "人行")))
    )


def _not_an_organ(word: str) -> bool:
    return bool(_NOT_ORGAN_ENDINGS.search(word) or _MEETING.search(word))


def _subunit_pairs() -> tuple[tuple[str, str], ...]:
    """(parent ending, sub-unit word): an organ's office, and what compound suffixes imply.

    人民代表大会常务委员会 = 人民代表大会 + 常务委员会, so a 常务委员会 after a word ending in 会
    continues it; the same rule yields 政府 + 办公室. A 部 after a party committee (市委组织部).
    """
    pairs: set[tuple[str, str]] = {("", office) for office in _OFFICES}
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
        if word.startswith(_GROUP_MARKERS) or word in _GROUP_MARKERS:
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
            and _GENERIC_PLACE.search(word + words[i + 1][:1])
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
            and _LEVEL_PLACE.search(word)
            and i
            and "P" not in per_token[i - 1]
            and words[i - 1] not in _OPEN_PARENS
        ):
            here.discard("C")
        # 泸州市和古蔺县人民政府 names two governments: 和 after a place is no content word.
        if word in _CONJUNCTIONS and i and per_token[i - 1] == {"P", "C"}:
            here.discard("C")
        if i and "F" in per_token[i - 1] and _continues(roles, words[i - 1], word):
            here.add("X")
        # 中国（四川）自由贸易试验区: a place in brackets inside a name.
        if (
            word in _OPEN_PARENS
            and 0 < i < len(words) - 2
            and "C" in per_token[i - 1]
            and "P" in per_token[i + 1]
            and words[i + 2] in _CLOSE_PARENS
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
    content = {**_has("C"), "OP": f"{{0,{_MAX_CONTENT_TOKENS}}}"}
    some_content = {**_has("C"), "OP": f"{{1,{_MAX_CONTENT_TOKENS}}}"}
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
