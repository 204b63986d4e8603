"""The forms a notice's header takes, each tried at a line of the stream: where a header
closes there (a 文号 under a title, an order's 第N号, a rule's adoption note, addressees
under a title, a rule's first article under its bare title, a 公报's byline), and so what it
spans. Whether a header closes at a line depends on the stream alone, never on the headers
found before it (segment.find_headers relies on that).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from extractors.metadata.dates import bracketed_date
from extractors.metadata.docnumber import is_doc_number_line, parse_coded_order_number
from extractors.metadata.organs.names import is_org_name, split_issuers
from extractors.model import Line
from extractors.patterns import PROMULGATED_RULE
from extractors.segmentation.adoption import adoption_note_at
from extractors.segmentation.headers import (
    TitleMatch,
    is_addressee_end,
    is_adoption_line,
    is_anchor_line,
    looks_like_addressees,
    match_order_heading_line,
    match_order_title,
    match_title,
)
from extractors.segmentation.titles import (
    continues_above,
    ends_title_lookback,
    header_title_start,
    organs_of_line,
    rule_title_start,
)
from extractors.textnorm import compact
from extractors.vocabulary import DOC_TYPE_PHRASES

# An addressee list (主送机关) wraps over at most this many lines: a State Council list of
# twenty-odd provinces and the military regions runs to 120 characters, five lines of a PDF's
# column (its length is bounded by headers.MAX_ADDRESSEE_CHARS).
MAX_ADDRESSEE_LINES = 8
# The 发文机关标志 (……人民政府文件) above a 文号: its organs and the word 文件, over at most
# this many lines (a joint mark prints one organ a line).
MARK_WORD = "文件"
MAX_MARK_LINES = 4
# A rule printed under its bare title starts with its first chapter or article.
FIRST_CHAPTER_OR_ARTICLE = re.compile(r"^第[一1][章条]")

# What closes a header: a 文号 (公文), an order's 第N号 (令/公告), a rule's adoption line.
HeaderKind = Literal["gongwen", "order", "regulation"]


@dataclass
class Header:
    start: int  # first title line, index into the document's line stream
    end: int  # index after the last header line (the anchor, when there is one)
    kind: HeaderKind
    title: TitleMatch
    anchor: str | None  # the 文号 / 第N号 / adoption line as printed
    # The organs of the 发文机关标志 printed above a 文号 (……人民政府文件), space-separated.
    mark: str | None = None


def header_at(stream: list[Line], i: int) -> Header | None:
    """The header that closes at line i, in whichever form, or None."""
    return (
        _header_closed_at(stream, i)
        or _header_before_addressees(stream, i)
        or _header_over_articles(stream, i)
        or _header_over_byline(stream, i)
    )


_TOC_TAIL_LINE = re.compile(r"^([.．·…]{3,}|[.．·…]*\s*[（(]?\d{1,4}[)）]?)$")


def _header_closed_at(stream: list[Line], i: int) -> Header | None:
    text = stream[i].text
    note = adoption_note_at(stream, i)
    if note is not None or is_adoption_line(text):
        if _in_toc(stream, i):
            return None
        end, anchor = (note.end, note.text) if note else (i + 1, compact(text))
        return _rule_header(stream, i, end, anchor)
    heading = match_order_heading_line(text)
    if heading is not None and not _in_toc(stream, i):
        return Header(start=i, end=i + 1, kind="order", title=heading[0], anchor=heading[1])
    if not is_anchor_line(text) or _in_toc(stream, i):
        return None
    coded = parse_coded_order_number(text) is not None
    # An order printed without its 令 heading: its title, the organ, then the number with the
    # organ's code (…的通告 / 重庆市人民政府 / 渝府令第121号): the organ line is the heading's.
    above = i - 1 if coded and i > 0 and is_org_name(stream[i - 1].text) else i
    start = header_title_start(stream, above)
    if start is None:
        cut = _cut_title(stream, above - 1, above, i) if above > 0 else None
        if cut is None:
            return None
        return Header(start=above - 1, end=i + 1, kind="gongwen", title=cut, anchor=text)
    title_text = "".join(line.text for line in stream[start:above])
    match = match_title(title_text)
    kind: HeaderKind = "order" if coded else "gongwen"
    if match is None:
        match = match_order_title(title_text)
        kind = "order"
    if match is None:
        return None
    return Header(start=start, end=i + 1, kind=kind, title=match, anchor=text)


# A 公报 or a 报告 is printed as title, byline, date: 宜春市2022年国民经济和社会发展统计公报 /
# 宜春市统计局 / 国家统计局宜春调查队 / （2023年4月12日）. No 文号, no 主送: the byline of organs
# over a date in brackets closes its header (the byline is its signature, notice_parts).
BYLINE_TITLE_TYPES = ("公报", "报告")
MAX_BYLINE_ORGANS = 3
MAX_BYLINE_TITLE_LINES = 3
_IN_SENTENCE = re.compile(r"[。；：，]")


def _header_over_byline(stream: list[Line], i: int) -> Header | None:
    if bracketed_date(stream[i].text) is None or _in_toc(stream, i):
        return None
    first = i
    while (
        first > 0
        and i - first < MAX_BYLINE_ORGANS
        and stream[first - 1].kind == "body"
        and organs_of_line(stream[first - 1].text) is not None
    ):
        first -= 1
    if first == i:
        return None
    for start in range(first - 1, max(-1, first - 1 - MAX_BYLINE_TITLE_LINES), -1):
        if stream[start].kind != "body" or ends_title_lookback(stream[start].text):
            return None
        title = compact("".join(line.text for line in stream[start:first]))
        doc_type = next((t for t in BYLINE_TITLE_TYPES if title.endswith(t)), None)
        if doc_type and not _IN_SENTENCE.search(title) and not continues_above(title):
            match = TitleMatch(issuer="", doc_type=doc_type, title=title)
            return Header(start=start, end=first, kind="gongwen", title=match, anchor=None)
    return None


# A title cut before its 文种 (国务院关于同意黑龙江省调整): issuer, 关于, a subject.
_CUT_TITLE = re.compile(r"^(?P<issuer>[^，。；：]+?)关于(?P<subject>[^，。；：]+)$")
# How far into the text the phrase that names the 文种 is looked for.
MAX_TYPE_PHRASE_LINES = 12


def _cut_title(stream: list[Line], start: int, above: int, anchor: int) -> TitleMatch | None:
    """A title a source cut before its 文种, closed by its 文号 and followed by the addressees:
    the 文种 is what the text says it is (现批复如下 → 批复)."""
    if stream[start].kind != "body" or ends_title_lookback(stream[start].text):
        return None
    title = compact("".join(line.text for line in stream[start:above]))
    m = _CUT_TITLE.match(title)
    if m is None or not is_org_name(m.group("issuer")):
        return None
    body = [line.text for line in stream[anchor + 1 :] if line.kind == "body"]
    if not body or not (is_addressee_end(body[0]) and looks_like_addressees(body[0])):
        return None
    text = compact("".join(body[:MAX_TYPE_PHRASE_LINES]))
    doc_type = next((t for phrase, t in DOC_TYPE_PHRASES if phrase in text), None)
    if doc_type is None:
        return None
    return TitleMatch(issuer=m.group("issuer"), doc_type=doc_type, title=title)


def _in_toc(stream: list[Line], i: int) -> bool:
    """A 目录 entry whose dot leader or page number came out as the next line."""
    nxt = next((line for line in stream[i + 1 : i + 3] if line.kind == "body"), None)
    return nxt is not None and bool(_TOC_TAIL_LINE.match(nxt.text.strip()))


def _header_before_addressees(stream: list[Line], i: int) -> Header | None:
    """A title straight above the addressees (stream[i] closes them): a document printed with
    its 文号 above the title, as GB/T 9704 lays a 公文 out, or with none. A title without its
    issuer (关于……的通知) counts only under a 文号: the signature names the issuer then."""
    if not is_addressee_end(stream[i].text) or i == 0:
        return None
    for first in range(i, max(0, i - MAX_ADDRESSEE_LINES), -1):
        if first < i and (stream[first].kind != "body" or ends_title_lookback(stream[first].text)):
            return None
        if not looks_like_addressees("".join(line.text for line in stream[first : i + 1])):
            continue
        if is_anchor_line(stream[first - 1].text):
            return None  # title, 文号, addressees: closed at the 文号
        start = header_title_start(stream, first, max_lines=4)
        if start is None:
            continue
        match = match_title("".join(line.text for line in stream[start:first]))
        if match is None:
            continue
        number = start - 1 if start > 0 and is_doc_number_line(stream[start - 1].text) else None
        if not match.issuer and number is None:
            return None
        if number is None:
            return Header(start=start, end=first, kind="gongwen", title=match, anchor=None)
        anchor = stream[number].text
        mark_start, mark = _issuing_mark(stream, number)
        return Header(
            start=mark_start, end=first, kind="gongwen", title=match, anchor=anchor, mark=mark
        )
    return None


def _issuing_mark(stream: list[Line], number: int) -> tuple[int, str | None]:
    """(first line, organs) of the 发文机关标志 right above the 文号 at stream[number]:
    organ names and the word 文件, on one line or a few (国家发展改革委办公厅 / 文件 /
    税务总局办公厅), or, as a 函 is laid out (GB/T 9704 信函格式), organ names alone over the
    rule printed above the 文号; (number, None) when the lines above are not one."""
    if number > 0 and _is_separator(stream[number - 1]):
        letter = _letter_mark(stream, number - 1)
        if letter is not None:
            return letter
    best: tuple[int, str | None] = (number, None)
    for first in range(number - 1, max(-1, number - 1 - MAX_MARK_LINES), -1):
        if stream[first].kind != "body":
            break
        text = compact("".join(line.text for line in stream[first:number]))
        if MARK_WORD not in text:
            continue
        pieces = [split_issuers(piece) for piece in text.split(MARK_WORD) if piece]
        if not pieces:
            continue  # the word 文件 alone on its line: the organs are above it
        organs = [o for piece in pieces if piece is not None for o in piece]
        if None in pieces or not organs or not all(is_org_name(o) for o in organs):
            break
        best = (first, " ".join(organs))
    return best


_SEPARATOR = re.compile(r"^[-—–_=━─＿·.]{3,}$")


def _is_separator(line: Line) -> bool:
    return line.kind == "rule" or (line.kind == "body" and bool(_SEPARATOR.match(line.text)))


def _letter_mark(stream: list[Line], rule: int) -> tuple[int, str] | None:
    """Organ lines right above the rule at stream[rule] (信函格式: 贵阳市人民政府办公厅 / ——)."""
    organs: list[str] = []
    first = rule
    while first > 0 and rule - first < MAX_MARK_LINES:
        line = stream[first - 1]
        names = split_issuers(compact(line.text)) if line.kind == "body" else None
        if not names or not all(is_org_name(o) for o in names):
            break
        organs = names + organs
        first -= 1
    return (first, " ".join(organs)) if organs else None


def _header_over_articles(stream: list[Line], i: int) -> Header | None:
    """A rule printed under its bare title (no note, no order): its first chapter or article
    right under the title starts it, with its own article numbering."""
    if not FIRST_CHAPTER_OR_ARTICLE.match(stream[i].text):
        return None
    return _rule_header(stream, i, i, None)


def _rule_header(stream: list[Line], i: int, end: int, anchor: str | None) -> Header | None:
    """A rule's header: its title in the lines above line i (no issuer in it), up to `end`."""
    start = rule_title_start(stream, i)
    if start is None:
        return None
    title = compact("".join(line.text for line in stream[start:i]))
    match = TitleMatch(issuer="", doc_type=_rule_type(title), title=title)
    return Header(start=start, end=end, kind="regulation", title=match, anchor=anchor)


def _rule_type(title: str) -> str | None:
    # A numbered or trial title ends in its bracket: ……的补充规定（四）, ……办法（试行）.
    m = PROMULGATED_RULE.search(re.sub(r"[（(][^（()）]*[)）]$", "", title))
    return m.group(1) if m else None
