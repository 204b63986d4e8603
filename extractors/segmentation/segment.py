"""Segment a cleaned document into front matter and the documents (notices) it prints.

A document starts at its header: a title block (issuer + 关于……的<文种>, or an organ's 令/公告)
closed by a 文号 or 第N号 line, or a rule's title over its adoption line, or a title followed
straight by the addressees. Everything up to the next header belongs to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from extractors.forks import fork_map
from extractors.metadata.dates import bracketed_date
from extractors.metadata.docnumber import is_doc_number_line, parse_coded_order_number
from extractors.metadata.organs.names import is_org_name, split_issuers
from extractors.model import Document, Line
from extractors.patterns import CHAPTER_OR_ARTICLE_START, PROMULGATED_RULE
from extractors.segmentation.adoption import adoption_note_at
from extractors.segmentation.headers import (
    TitleMatch,
    is_addressee_end,
    is_adoption_line,
    is_anchor_line,
    looks_like_addressees,
    match_document_title,
    match_order_heading_line,
    match_order_title,
    match_title,
    split_title_number,
)
from extractors.segmentation.site_metadata import title_key
from extractors.segmentation.titles import (
    breaks_before_subject,
    continues_above,
    enclosed_title_from,
    ends_title_lookback,
    header_title_start,
    organs_of_line,
    printed_title,
    rule_title_start,
)
from extractors.textnorm import clean_line, compact, keep_word_spaces
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


@dataclass
class NoticeBlock:
    seq: int
    header: Header
    lines: list[Line] = field(default_factory=list)  # from the first title line on
    start: int = (
        0  # index of lines[0] in the document's line stream (a label may precede the title)
    )

    @property
    def body(self) -> list[Line]:
        return self.lines[self.header.end - self.start :]


@dataclass
class Segmented:
    front_matter: list[Line]
    notices: list[NoticeBlock]


def segment(doc: Document, jobs: int = 1) -> Segmented:
    """The front matter and one block per notice. `jobs`: processes that look for headers at
    the lines of a long stream (extractors.forks); the blocks are the same."""
    stream = _titles_apart_from_numbers(doc.lines())
    headers = find_headers(stream, jobs) or _title_opening_the_source(stream)
    if not headers:
        return Segmented(front_matter=stream, notices=[])
    starts = [_with_section_label_above(stream, h.start) for h in headers]
    notices = []
    for seq, (header, start, end) in enumerate(
        zip(headers, starts, [*starts[1:], len(stream)], strict=True), start=1
    ):
        notices.append(NoticeBlock(seq=seq, header=header, lines=stream[start:end], start=start))
    return Segmented(front_matter=stream[: starts[0]], notices=notices)


def _title_opening_the_source(stream: list[Line]) -> list[Header]:
    """A source that holds one document and nothing segmentation knows closes its header (no
    文号, no addressees, no note: a 决定 of a congress as a library prints it) is that document
    when its first line is a whole title naming its issuer (全国人民代表大会关于设立海南省的决定)."""
    first = next((i for i, line in enumerate(stream) if line.kind == "body"), None)
    if first is None:
        return []
    match = match_document_title(stream[first].text)
    if match is None or not match.issuer or match.doc_type in ("令", "公告"):
        return []
    return [Header(start=first, end=first + 1, kind="gongwen", title=match, anchor=None)]


# A stream's lines are looked at in several processes only when each gets this many: a fork
# and the trip back of its findings cost about as much as a few hundred lines.
LINES_PER_JOB = 2000

_OPENING_BRACKET = re.compile(r"^(?P<number>[（(][^（()）]{4,40}[)）])\s*(?P<rest>\S.*)$")
# What follows the bracket in a 目录 entry: its dot leader and page number (（泸市府办规〔2024〕
# 7号）…… 3, as OCR reads a 目录 line), not the text's first sentence.
_LEADER = re.compile(r"[.．·…\s\d]+")


def _titles_apart_from_numbers(stream: list[Line]) -> list[Line]:
    """A title printed with its 文号 on one line (a page's or blog post's title: 国务院办公厅
    关于……的意见 国办发〔2012〕48号) as the two lines a document prints, title over 文号, so
    the header reads as any other. Only the source's first line (the page title) or a line
    right above the addressees: a list of documents cited with their numbers stays text. And
    a number line run into the text right under a title is apart from the text."""
    body = [i for i, line in enumerate(stream) if line.kind == "body"]
    apart: dict[int, list[Line]] = {}
    for n, i in enumerate(body):
        line = stream[i]
        split = split_title_number(line.raw or line.text)
        if split is None:
            continue
        nxt = stream[body[n + 1]].text if n + 1 < len(body) else ""
        if n > 0 and not (is_addressee_end(nxt) and looks_like_addressees(nxt)):
            continue
        title, number = split
        apart[i] = [
            replace(
                line, text=clean_line(title), raw=title if clean_line(title) != title else None
            ),
            replace(line, text=clean_line(number), raw=None, heading_level=None),
        ]
    for n, i in enumerate(body[1:], start=1):
        # The number line run into the text under a title, as a database prints it:
        # 安徽省人民政府关于……的通知 / （1985年5月4日皖政〔1985〕38号）根据……
        opening = _OPENING_BRACKET.match(stream[i].text)
        if i in apart or opening is None or not is_anchor_line(opening.group("number")):
            continue
        if _LEADER.fullmatch(opening.group("rest")):
            continue
        if match_document_title(stream[body[n - 1]].text) is None:
            continue
        line = stream[i]
        apart[i] = [
            replace(line, text=opening.group("number"), raw=None),
            replace(line, text=opening.group("rest"), raw=None),
        ]
    if not apart:
        return stream
    return [piece for i, line in enumerate(stream) for piece in apart.get(i, [line])]


def _with_section_label_above(stream: list[Line], start: int) -> int:
    """A section label printed right above a title heads that document's section."""
    while start > 0 and stream[start - 1].kind == "section_label":
        start -= 1
    return start


def find_headers(stream: list[Line], jobs: int = 1) -> list[Header]:
    """Every notice's header, in stream order; one that overlaps the header before it is
    not one. Whether a header closes at a line depends on the stream alone, not on headers
    found before it, so the lines can be looked at in several processes."""
    body = [i for i, line in enumerate(stream) if line.kind == "body"]
    if len(body) < LINES_PER_JOB * 2:
        jobs = 1
    headers: list[Header] = []
    for header in fork_map(lambda i: _header_at(stream, i), body, jobs):
        if header and not (headers and header.start < headers[-1].end):
            headers.append(header)
    return _printed_titles(_drop_rules_promulgated_by_previous(headers, stream), stream)


def _header_at(stream: list[Line], i: int) -> Header | None:
    return (
        _header_closed_at(stream, i)
        or _header_before_addressees(stream, i)
        or _header_over_articles(stream, i)
        or _header_over_byline(stream, i)
    )


def _printed_titles(headers: list[Header], stream: list[Line]) -> list[Header]:
    """Titles with the spaces the document prints between words (……基础研究 增强……), unless
    the source shows its spaces are its converter's: one title spaced at its issuer/subject
    boundary (titles.breaks_before_subject) means this source joins lines with a space."""
    spaced = [
        "".join(keep_word_spaces(x.raw or x.text) for x in _title_lines(stream, h)) for h in headers
    ]
    if any(breaks_before_subject(p, h.title.issuer) for p, h in zip(spaced, headers, strict=True)):
        return headers
    return [
        replace(
            h,
            title=replace(
                h.title, title=printed_title(_title_lines(stream, h), h.title.title, h.title.issuer)
            ),
        )
        for h in headers
    ]


def _title_lines(stream: list[Line], header: Header) -> list[Line]:
    """The lines of a header that print its title (not its 文号, mark or note)."""
    return [
        line
        for line in stream[header.start : header.end]
        if compact(line.text)
        and compact(line.text) in header.title.title
        and line.text != header.anchor
    ]


_TOC_TAIL_LINE = re.compile(r"^([.．·…]{3,}|[.．·…]*\s*[（(]?\d{1,4}[)）]?)$")


def _header_closed_at(stream: list[Line], i: int) -> Header | None:
    text = stream[i].text
    note = adoption_note_at(stream, i)
    if note is not None or is_adoption_line(text):
        if _in_toc(stream, i):
            return None
        start = rule_title_start(stream, i)
        if start is None:
            return None
        title = compact("".join(line.text for line in stream[start:i]))
        match = TitleMatch(issuer="", doc_type=_rule_type(title), title=title)
        end, anchor = (note.end, note.text) if note else (i + 1, compact(text))
        return Header(start=start, end=end, kind="regulation", title=match, anchor=anchor)
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
    start = rule_title_start(stream, i)
    if start is None:
        return None
    title = compact("".join(line.text for line in stream[start:i]))
    match = TitleMatch(issuer="", doc_type=_rule_type(title), title=title)
    return Header(start=start, end=i, kind="regulation", title=match, anchor=None)


def _rule_type(title: str) -> str | None:
    # A numbered or trial title ends in its bracket: ……的补充规定（四）, ……办法（试行）.
    m = PROMULGATED_RULE.search(re.sub(r"[（(][^（()）]*[)）]$", "", title))
    return m.group(1) if m else None


def _drop_rules_promulgated_by_previous(headers: list[Header], stream: list[Line]) -> list[Header]:
    """A 公告/令 prints the 条例/规章 it promulgates right after its signature, a notice the
    rules it issues (关于印发《X办法》的通知): one document. A rule the notice's title names
    belongs to it wherever it is printed; another, only before any article (a rule printed
    after the last one's articles, not named by the notice, is a document of its own)."""
    kept: list[Header] = []
    for header in headers:
        prev = kept[-1] if kept else None
        if prev is not None and header.kind == "regulation" and _issues(prev, header, stream):
            continue
        kept.append(header)
    return kept


def _issues(prev: Header, rule: Header, stream: list[Line]) -> bool:
    """Whether the document under header `prev` prints the rule `rule` as its own content."""
    issuing = prev.kind == "order" or (
        prev.kind == "gongwen" and enclosed_title_from(prev.title.title) is not None
    )
    if not issuing:
        return False
    if prev.kind == "gongwen" and title_key(rule.title.title) in title_key(prev.title.title):
        return True
    return not any(
        CHAPTER_OR_ARTICLE_START.match(line.text) for line in stream[prev.end : rule.start]
    )
