"""Segment a cleaned document into front matter and the documents (notices) it prints.

A document starts at its header: a title block (issuer + 关于……的<文种>, or an organ's 令/公告)
closed by a 文号 or 第N号 line, or a rule's title over its adoption line, or a title followed
straight by the addressees. Everything up to the next header belongs to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from extractors.forks import fork_map
from extractors.model import Document, Line
from extractors.patterns import CHAPTER_OR_ARTICLE_START
from extractors.segmentation.header_forms import Header, header_at
from extractors.segmentation.headers import (
    is_addressee_end,
    is_anchor_line,
    looks_like_addressees,
    match_document_title,
    split_title_number,
)
from extractors.segmentation.site_metadata import title_key
from extractors.segmentation.titles import (
    breaks_before_subject,
    enclosed_title_from,
    printed_title,
)
from extractors.textnorm import clean_line, compact, keep_word_spaces


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
    for header in fork_map(lambda i: header_at(stream, i), body, jobs):
        if header and not (headers and header.start < headers[-1].end):
            headers.append(header)
    return _printed_titles(_drop_rules_promulgated_by_previous(headers, stream), stream)


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
