"""Organs (机关) named after China's administrative divisions and the national organs: data, no model.

Two shipped lists (extractors/data/, sources in its README) are read once per process with the
csv module (a few milliseconds, no upstream package, no network):

* ``divisions.tsv``: every province, prefecture and county (民政部 list, GB/T 2260 codes), with
  the short forms the genre prints (新疆, 泸州, 凉山州), plus 新疆生产建设兵团 and its 师;
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
into organs, None when not all of it is organs), :func:`is_organ_name`, :func:`divisions`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Generic, TypeVar

from extractors.textnorm import compact
from extractors.vocabulary import DOC_TYPES, ORG_SUFFIXES, RULE_TYPES


def _words(text: str) -> frozenset[str]:
    """A word list written as space-separated words."""
    return frozenset(text.split())


LEVELS = ("province", "prefecture", "county")

# The longest tail of an organ after its place: 人民政府国有资产监督管理委员会 is 15.
MAX_TAIL = 24

# What a division's own organs are called: whole after a place (泸州市委) and after a bare
# level (市委, 自治区人民政府); every other ending needs words before it (市财政局, not 市局).
GOVERNMENT_ORGANS = (
    "人民政府",
    "人民政府办公厅",
    "人民政府办公室",
    "政府",
    "政府办公厅",
    "政府办公室",
    "人民代表大会",
    "人民代表大会常务委员会",
    "人民代表大会常务委员会办公厅",
    "人大常委会",
    "人大常委会办公厅",
    "人大常委会办公室",
    "委",
    "委员会",
    "委办公厅",
    "委办公室",
    "纪委",
    "监察委员会",
    "人民法院",
    "中级人民法院",
    "高级人民法院",
    "人民检察院",
    "行政公署",
    "政协",
)
# Endings of local branches of national organs and of field units, beyond ORG_SUFFIXES.
_BRANCH_SUFFIXES = ("调查队", "调查总队")
_TAIL_SUFFIXES = tuple(
    sorted(set(ORG_SUFFIXES) | set(GOVERNMENT_ORGANS) | set(_BRANCH_SUFFIXES), key=len)[::-1]
)
_OFFICES = ("办公厅", "办公室")
# A level printed alone before an organ ending: 市人民政府, 自治区人民政府办公厅, 县财政局.
BARE_LEVELS = ("自治区", "自治州", "自治县", "省", "市", "县", "区", "旗")
_BARE_FIRST = frozenset(level[0] for level in BARE_LEVELS)
# National bodies not in the list start so: 中国纺织信息中心, 国家高端智库办公室.
NATIONAL_PREFIXES = ("中国", "国家", "全国")
# Printed before a national organ (中华人民共和国财政部) or a party organ (中共泸州市委).
_STATE_PREFIX = "中华人民共和国"
_PARTY_PREFIXES = ("中国共产党", "中共")
# Rule types that are also words of organ names (规划委员会, 标准化研究院, 制度改革办公室).
_NAME_WORDS = ("规划", "标准", "制度")
# Words no organ name contains: where one starts, the name has ended (泸州市人民政府关于…,
# 四川省的地级市, 各区县人民政府 is a class of organs, not one).
_STOP_WORDS = (
    "关于",
    "印发",
    "转发",
    "根据",
    "按照",
    "依据",
    "决定",
    "通知",
    "意见",
    "要求",
    "召开",
    "举办",
    "开展",
    "负责",
    "制定",
    "出台",
    "同意",
    "批准",
    "发布",
    "公布",
    "会同",
    "牵头",
    "的",
    "是",
    "了",
    "等",
    "各",
    "在",
    "将",
    "把",
    "被",
    "向",
    "从",
    "请",
    "按",
    "并",
    "作为",
    "已有",
    "成为",
    "建议",
    "围绕",
    "依托",
    "支持",
    "鼓励",
    "引导",
    "秘书长",
    "主任",
    "书记",
    "主席",
    *(word for word in (*DOC_TYPES, *RULE_TYPES) if len(word) > 1 and word not in _NAME_WORDS),
)
# Stop words inside a word of a name: 高等教育, 中等职业教育 (等 ends a joint issuer: 委等14部门).
_NOT_STOPS = _words("高等 中等 初等 平等 同等")
# An ending followed by this character is part of a longer word: 部门, 局面, 会议, 办法, 行政.
_RUNS_ON = _words(
    """
    部门 部分 部署 局面 局势 会议 会同 会商 会签 院校 院士 行业 行为 行动 行政 行使 办法 办理 办事
    委托 局长 厅长 部长 院长 行长 会长 署长 院内 局内 部内 厅内 会内 委内
    """
)
# After a bare level these begin a class word, not a name: 市场, 市级, 区县, 县级以上, 区域.
_NOT_AFTER_BARE = frozenset("场民级域内外辖属直县区")
# Classes of organs, not one: 各区县人民政府, 市县两级, 省市有关部门.
_CLASS_WORDS = frozenset({"区县", "县区", "市县", "省市", "市区"})
# Before a level these make a word of it, not a name's start: 城市, 全市, 各区, 园区, 社区, 我省.
_NOT_BEFORE_BARE = frozenset("全各本我该某外邻上下城超股社园片景辖山小老新都门楼地特郊街每分")


# Words that end in an organ suffix and are no organ (社会 ends in 会, 格局 in 局, 执行 in 行).
_NOT_ORGAN_ENDINGS = _words(
    """
    社会 机会 大会 都会 体会 理会 误会 开会 聚会 约会 晚会 宴会 峰会 全会 照会 学会 领会 融会 只会
    格局 布局 大局 结局 开局 全局 时局 骗局 棋局 残局 变局
    进行 执行 实行 运行 推行 施行 试行 履行 发行 自行 可行 流行 旅行 出行 通行 同行 先行 并行
    现行 暂行 例行 盛行 步行 航行 飞行 举行 奉行 践行 言行 罪行 品行 德行 一行 不行 平行 修行
    全部 内部 外部 局部 干部 东部 西部 南部 北部 中部 底部 顶部 头部 本部 细部
    举办 主办 承办 创办 督办 交办 开办 兴办 试办 协办 查办 经办 申办 操办 代办 包办 照办
    法办 严办 快办 好办 难办 合办 帮办 首办 转办 领办 联办
    庭院 剧院 影院 住院 出院 入院 大院 书院
    大厅 餐厅 客厅 展厅 门厅 舞厅 歌厅 前厅
    部署 签署 连署 原委 后部 前部 上部 下部 尾部 根部 背部 腹部 面部
    """
)
# 会 ending a meeting or an association, not a body (座谈会, 第二十次会议, 中国服装协会);
# centres that are places or roles, not bodies (区域医疗中心, 大数据中心).
_NOT_ORGAN_TAIL = re.compile(
    r"(座谈|推进|现场|调度|专题|推介|发布|研讨|交流|博览|交易|运动|动员|表彰|培训|见面|听证"
    r"|论证|评审|汇报|总结|观摩|洽谈|展销|茶话|报告|演示|说明|协调|工作|协|学|商|研究|联合"
    r"|促进|基金|联谊|次|届)会$"
    r"|(区域|副|数据|算力|备份|集散|物流|商贸|消费|金融|创新|研发|制造|交通|枢纽|经济|文化"
    r"|医疗|城市|市)中心$"
)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_SEPARATORS = "、，,；;：:/／·・ 　和与及"
# What a bare 区 may follow: a separator or a word joining organs (由区住房城乡建设局牵头).
_BEFORE_DISTRICT = _SEPARATORS + "由报经向对为至到给或"
# A count of unnamed co-issuers closing a joint issuer: 等14部门, 等10个部门, 等.
_COLLECTIVE_TAIL = re.compile(
    r"^等(?:[\d一二两三四五六七八九十百]+(?:个|家)?(?:部门|单位|机关|机构|委办局)?)?$"
)
T = TypeVar("T")

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
        organs: dict[str, _National] = {}
        for row in national:
            organ = _National(row["name"], row["branches"] == "yes")
            for form in (row["name"], *filter(None, row["short"].split(","))):
                organs.setdefault(form, organ)
        self.national = _Names(organs)
        # Characters an organ name can start with: every other position is skipped at once.
        self.starts = frozenset(
            [*self.places.lengths, *self.national.lengths, _STATE_PREFIX[0]]
            + [p[0] for p in (*_PARTY_PREFIXES, *BARE_LEVELS)]
        )

    def place_at(self, text: str, pos: int, full_only: bool = False) -> tuple[int, frozenset[str]]:
        end, codes = (self.full if full_only else self.places).at(text, pos)
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
    return tuple(
        Division(
            r["code"],
            r["name"],
            r["level"],
            r["parent"],
            tuple(filter(None, r["short"].split(","))),
        )
        for r in _read("divisions.tsv")
    )


@lru_cache(maxsize=1)
def _index() -> _Index:
    return _Index(divisions(), _read("national_organs.tsv"))


def match_organ(text: str, start: int = 0) -> OrganSpan | None:
    """The longest organ name starting at ``start`` in compacted text, or None."""
    idx = _index()
    pos = start + len(_STATE_PREFIX) if text.startswith(_STATE_PREFIX, start) else start
    end, organ = idx.national_at(text, pos)
    if organ is not None:
        if organ.branches:
            branch = _local(text, end, idx, party=False, after_national=True)
            if branch is not None:
                return OrganSpan(start, branch, text[start:branch], "branch")
        for office in _OFFICES:  # 国家发展改革委办公厅, 全国人大常委会办公厅
            if text.startswith(office, end) and not organ.name.endswith(office):
                end += len(office)
                break
        return OrganSpan(start, end, text[start:end], "national")
    if pos != start:
        return None
    party = next((p for p in _PARTY_PREFIXES if text.startswith(p, start)), "")
    local_end = _local(text, start + len(party), idx, party=bool(party), after_national=False)
    if local_end is None:
        return None
    kind = "local" if idx.place_at(text, start + len(party))[1] else "level"
    return OrganSpan(start, local_end, text[start:local_end], kind)


def _local(text: str, pos: int, idx: _Index, party: bool, after_national: bool) -> int | None:
    """End of place chain + tail from pos, or None when no organ starts there."""
    end, codes = idx.place_at(text, pos)
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
        office = next((o for o in _OFFICES if text.startswith(o, end)), "")
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
    if after in _NOT_AFTER_BARE or text[pos - 1 : pos + 1] in _CLASS_WORDS:
        return False
    if pos == 0 or not _CJK.match(text[pos - 1]):
        return True
    if level == "区":  # 试验区, 开发区, 片区 …: 区 ends too many words; after a word it starts none
        return text[pos - 1] in _BEFORE_DISTRICT or text.endswith(_STOP_WORDS, 0, pos)
    return text[pos - 1] not in _NOT_BEFORE_BARE


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
            text.startswith(_STOP_WORDS, q) and text[q - 1 : q + 1] not in _NOT_STOPS
        ):
            break
        if q > pos and _starts_other_organ(text, q, idx):
            break
        if best is not None and (idx.place_at(text, q)[1] or text[q] in _BARE_FIRST):
            break
        if q > pos and not nested and text[q] in _BARE_FIRST and _bare_organ_at(text, q, idx):
            break  # 泸州农业 | 市农业农村局: a bare level starting an organ starts a new name
        q += 1
        if _valid_tail(text[pos:q], bare, branch) and text[q - 1 : q + 1] not in _RUNS_ON:
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
    return text.startswith(_PARTY_PREFIXES, q)


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
    if tail[-2:] in _NOT_ORGAN_ENDINGS and not tail.endswith(("代表大会",)):
        return False
    if tail.endswith("行") and not tail.endswith(("银行", "分行", "支行")):
        return False
    return not _NOT_ORGAN_TAIL.search(tail)


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


def split_organs(text: str) -> list[str] | None:
    """A joint issuer → its organs, or None when some of it is neither organ nor separator.

    "新疆维吾尔自治区人民政府 新疆生产建设兵团" → both; a closing 等N部门 is dropped.
    """
    flat = compact(text)
    spans = find_organs(flat)
    if not spans:
        return None
    pos = 0
    for span in spans:
        if flat[pos : span.start].strip(_SEPARATORS):
            return None
        pos = span.end
    tail = flat[pos:].strip(_SEPARATORS)
    if tail and not _COLLECTIVE_TAIL.match(tail):
        return None
    return [span.text for span in spans]


def is_organ_ending(text: str) -> bool:
    """Text that starts with an organ ending (办公室, 常务委员会): the rest of a wrapped name."""
    return compact(text).startswith(_TAIL_SUFFIXES)


def is_organ_name(text: str) -> bool:
    """The whole text (whitespace ignored) is one organ's name."""
    flat = compact(text)
    span = match_organ(flat) if flat else None
    return span is not None and span.end == len(flat)
