"""Recognisers for the parts of a 公文 header: issuer, title, 文号, addressees, signature, date.

Each takes a line (or a few) of text and says what it is. Segmentation and the text-dump
reading-order repair both build on these, so the genre's rules live in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.metadata.docnumber import (
    find_doc_numbers,
    is_doc_number_line,
    parse_coded_order_number,
    parse_dated_number,
    parse_order_number,
)
from extractors.metadata.organs.names import is_org_name, split_issuers
from extractors.patterns import ORDER_NUMBER
from extractors.segmentation.adoption import is_adoption_line
from extractors.textnorm import compact
from extractors.vocabulary import DOC_TYPES, ORG_SUFFIXES, RULE_TYPES

_DOC_TYPE_ALT = "|".join(DOC_TYPES)
_ORG_SUFFIX_ALT = "|".join(ORG_SUFFIXES)

# 关于……的通知; the issuer part before 关于 may be empty in a body heading but not in a header.
TITLE = re.compile(rf"^(?P<issuer>[^，。；：]*?)关于(?P<subject>.+?)的?(?P<type>{_DOC_TYPE_ALT})$")
# ……印发《……》的通知 without 关于: 上海市人民政府办公厅印发《……》的通知, 鹤岗市人民政府
# 鹤岗市中级人民法院印发关于……的意见的通知. Only an issuer that names organs makes it a title.
ISSUED_TITLE = re.compile(
    rf"^(?P<issuer>[^，。；：]+?)(?P<subject>(?:印发|转发|颁发)(?!.*[。；]).+?)的?(?P<type>{_DOC_TYPE_ALT})$"
)
# 泸州市人民政府令 / 泸州市人民代表大会常务委员会公告 printed over a 第N号 line.
ORDER_TITLE = re.compile(r"^(?P<issuer>.{2,40}?)(?P<type>令|公告)$")
_RULE_TITLE = re.compile(rf"^[^，。；：]{{2,60}}({'|'.join(RULE_TYPES)})(（[^）]*）)?$")


@dataclass(frozen=True)
class TitleMatch:
    issuer: str  # compacted issuer text before 关于 (may hold several organs)
    doc_type: str
    title: str  # compacted


def match_title(text: str) -> TitleMatch | None:
    """A document title: issuer + 关于……的<文种>, or issuer + 印发……的<文种>."""
    flat = compact(text)
    if len(flat) > 160:
        return None
    m = ISSUED_TITLE.match(flat)
    if m and issuer_is_plausible(m.group("issuer")) and not re.search(r"[。；]", flat):
        return TitleMatch(issuer=m.group("issuer"), doc_type=m.group("type"), title=flat)
    m = TITLE.match(flat)
    if m and not re.search(r"[。；]", flat):
        return TitleMatch(issuer=m.group("issuer"), doc_type=m.group("type"), title=flat)
    return None


def match_order_title(text: str) -> TitleMatch | None:
    flat = compact(text)
    m = ORDER_TITLE.match(flat)
    if m and is_org_name(m.group("issuer")):
        return TitleMatch(issuer=m.group("issuer"), doc_type=m.group("type"), title=flat)
    return None


# An order's heading and its number on one line: 中华人民共和国国务院令 第706号.
_ORDER_HEADING_LINE = re.compile(
    rf"^(?P<title>.{{2,40}}?(?:令|公告))(?P<number>{ORDER_NUMBER.pattern})$"
)


def match_order_heading_line(text: str) -> tuple[TitleMatch, str] | None:
    """(the order's title, its number) when one line prints both, else None. The rule it
    promulgates may stand before them on that line, as a converter joins a page's heading
    lines (广西壮族自治区土地整治办法 广西壮族自治区人民政府令 第116号)."""
    flat = compact(text)
    found = _order_heading(flat)
    if found is not None or not flat.endswith("号") or "令" not in flat:
        return found
    for k in range(MIN_RULE_TITLE_CHARS, len(flat)):
        if flat[k - 1] in _RULE_TITLE_ENDS and is_rule_title(flat[:k]):
            found = _order_heading(flat[k:])
            if found is not None:
                return found
    return None


# A rule's title before an order heading on its line ends in its type (……办法, ……条例).
MIN_RULE_TITLE_CHARS = 4
_RULE_TITLE_ENDS = frozenset(t[-1] for t in RULE_TYPES)


def _order_heading(flat: str) -> tuple[TitleMatch, str] | None:
    m = _ORDER_HEADING_LINE.match(flat)
    if not m:
        return None
    title = match_order_title(m.group("title"))
    number = parse_order_number(m.group("number"))
    return (title, number) if title and number else None


def issuer_is_plausible(issuer: str) -> bool:
    """Empty, or one organ, or organs run together or listed with 、 (联合发文: 国务院办公厅、
    中央军委办公厅关于……)."""
    if issuer == "" or is_org_name(issuer) or split_issuers(issuer) is not None:
        return True
    # Each listed part one organ: text glued on from above (…、市统计局 / 泸州市卫生健康委员会
    # 关于……, a list ending the previous document) leaves two organs run together in one part.
    listed = [p for p in issuer.split("、") if p]
    return len(listed) > 1 and all(is_org_name(p) and split_issuers(p) == [p] for p in listed)


def match_document_title(text: str) -> TitleMatch | None:
    """A title whose issuer part really names organs (no text glued in front of it)."""
    m = match_title(text) or match_order_title(text)
    return m if m and issuer_is_plausible(m.issuer) else None


# What may stand between a title and the 文号 printed after it on its line: spaces, or the
# bracket a list of documents wraps the number in (……的通知（国发〔2018〕41号）).
_NUMBER_OPEN = re.compile(r"[\s（(]*$")
_NUMBER_CLOSE = re.compile(r"^[\s）)]*$")


def split_title_number(text: str) -> tuple[str, str] | None:
    """(title, 文号) when one line prints a document's title with its 文号 after it, as page
    titles and blog posts do (国务院办公厅关于……的意见 国办发 〔2012〕48号); else None. Only a
    title whose issuer names organs counts: ……关于……的通知 国发〔…〕 cited in a sentence is
    no title. The pieces are returned as printed (spaces kept), from ``text``."""
    found = find_doc_numbers(text)
    if not found:
        return None
    last = found[-1]
    before, after = text[: last.start], text[last.end :]
    if not _NUMBER_CLOSE.match(after):
        return None
    title = before[: _NUMBER_OPEN.search(before).start()]
    match = match_document_title(title)
    if match is None or not match.issuer:
        return None
    return title.strip(), text[last.start : last.end]


def is_rule_title(text: str, *, about: bool = False) -> bool:
    """A rule's own title line (泸州市……条例), as printed over an adoption line.

    about: accept a title with 关于 (……关于……的决定, 两高's ……关于执行《刑法》……的补充规定),
    which only an adoption note right under it tells from a notice's subject line.
    """
    flat = compact(text)
    return bool(_RULE_TITLE.match(flat)) and (about or "关于" not in flat)


def is_anchor_line(text: str) -> bool:
    """The line that closes a header: a 文号 (alone or with its date), a 令/公告 number (bare,
    or with its organ's code: 渝府令第121号), or an adoption line."""
    return (
        is_doc_number_line(text)
        or parse_order_number(text) is not None
        or is_adoption_line(text)
        or parse_dated_number(text) is not None
        or parse_coded_order_number(text) is not None
    )


def is_addressee_end(text: str) -> bool:
    """A line that ends a 主送机关 list: organs separated by ，、 and closed by a colon."""
    flat = compact(text)
    return flat.endswith("：") and "。" not in flat and len(flat) <= 120


# An addressee list is a line or a few: longer, it is a paragraph ending in a colon.
MAX_ADDRESSEE_CHARS = 160


def looks_like_addressees(text: str) -> bool:
    flat = compact(text).rstrip("：")
    if not flat or "。" in flat or len(flat) > MAX_ADDRESSEE_CHARS:
        return False
    items = [i for i in re.split(r"[，、；]", flat) if i]
    return any(
        re.search(rf"({_ORG_SUFFIX_ALT}|单位|机构|部门|科室|院|所|企业)[）)]?$", i) for i in items
    )
