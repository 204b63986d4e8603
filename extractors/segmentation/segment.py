"""Segment a cleaned document into front matter and the documents (notices) it prints.

A document starts at its header: a title block (issuer + 关于……的<文种>, or an organ's 令/公告)
closed by a 文号 or 第N号 line, or a rule's title over its adoption line, or a title followed
straight by the addressees. Everything up to the next header belongs to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from extractors.model import Document, Line
from extractors.patterns import CHAPTER_OR_ARTICLE_START, PROMULGATED_RULE
from extractors.segmentation.headers import (
    TitleMatch,
    is_addressee_end,
    is_adoption_line,
    is_anchor_line,
    looks_like_addressees,
    match_order_title,
    match_title,
)
from extractors.segmentation.titles import header_title_start, rule_title_start
from extractors.textnorm import compact

# What closes a header: a 文号 (公文), an order's 第N号 (令/公告), a rule's adoption line.
HeaderKind = Literal["gongwen", "order", "regulation"]


@dataclass
class Header:
    start: int  # first title line, index into the document's line stream
    end: int  # index after the last header line (the anchor, when there is one)
    kind: HeaderKind
    title: TitleMatch
    anchor: str | None  # the 文号 / 第N号 / adoption line as printed


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


def segment(doc: Document) -> Segmented:
    stream = doc.lines()
    headers = find_headers(stream)
    if not headers:
        return Segmented(front_matter=stream, notices=[])
    starts = [_with_section_label_above(stream, h.start) for h in headers]
    notices = []
    for seq, (header, start, end) in enumerate(
        zip(headers, starts, [*starts[1:], len(stream)], strict=True), start=1
    ):
        notices.append(NoticeBlock(seq=seq, header=header, lines=stream[start:end], start=start))
    return Segmented(front_matter=stream[: starts[0]], notices=notices)


def _with_section_label_above(stream: list[Line], start: int) -> int:
    """A section label printed right above a title heads that document's section."""
    while start > 0 and stream[start - 1].kind == "section_label":
        start -= 1
    return start


def find_headers(stream: list[Line]) -> list[Header]:
    headers: list[Header] = []
    for i, line in enumerate(stream):
        if line.kind != "body":
            continue
        header = _header_closed_at(stream, i) or _header_before_addressees(stream, i)
        if header and not (headers and header.start < headers[-1].end):
            headers.append(header)
    return _drop_rules_promulgated_by_previous(headers, stream)


_TOC_TAIL_LINE = re.compile(r"^([.．·…]{3,}|[.．·…]*\s*[（(]?\d{1,4}[)）]?)$")


def _header_closed_at(stream: list[Line], i: int) -> Header | None:
    text = stream[i].text
    if not is_anchor_line(text) or _in_toc(stream, i):
        return None
    if is_adoption_line(text):
        start = rule_title_start(stream, i)
        if start is None:
            return None
        title = compact("".join(line.text for line in stream[start:i]))
        match = TitleMatch(issuer="", doc_type=_rule_type(title), title=title)
        end, anchor = _whole_adoption_line(stream, i)
        return Header(start=start, end=end, kind="regulation", title=match, anchor=anchor)
    start = header_title_start(stream, i)
    if start is None:
        return None
    title_text = "".join(line.text for line in stream[start:i])
    match = match_title(title_text)
    kind = "gongwen"
    if match is None:
        match = match_order_title(title_text)
        kind = "order"
    if match is None:
        return None
    return Header(start=start, end=i + 1, kind=kind, title=match, anchor=text)


def _in_toc(stream: list[Line], i: int) -> bool:
    """A 目录 entry whose dot leader or page number came out as the next line."""
    nxt = next((line for line in stream[i + 1 : i + 3] if line.kind == "body"), None)
    return nxt is not None and bool(_TOC_TAIL_LINE.match(nxt.text.strip()))


def _header_before_addressees(stream: list[Line], i: int) -> Header | None:
    """A title straight above the addressees: a document printed without a 文号."""
    text = stream[i].text
    if not (is_addressee_end(text) and looks_like_addressees(text)) or i == 0:
        return None
    if is_anchor_line(stream[i - 1].text):
        return None
    start = header_title_start(stream, i, max_lines=4)
    if start is None:
        return None
    match = match_title("".join(line.text for line in stream[start:i]))
    if match is None or not match.issuer:
        return None
    return Header(start=start, end=i, kind="gongwen", title=match, anchor=None)


def _whole_adoption_line(stream: list[Line], i: int) -> tuple[int, str]:
    """The adoption note may wrap: take lines until its closing bracket."""
    text = stream[i].text
    end = i + 1
    while not re.search(r"[）)]$", text) and end < len(stream) and end - i < 4:
        if stream[end].kind != "body":
            break
        text += stream[end].text
        end += 1
    return end, text


def _rule_type(title: str) -> str | None:
    m = PROMULGATED_RULE.search(title)
    return m.group(1) if m else None


def _drop_rules_promulgated_by_previous(headers: list[Header], stream: list[Line]) -> list[Header]:
    """A 公告/令 prints the 条例/规章 it promulgates right after its signature: one document."""
    kept: list[Header] = []
    for header in headers:
        prev = kept[-1] if kept else None
        if (
            prev is not None
            and header.kind == "regulation"
            and prev.kind == "order"
            and not any(
                CHAPTER_OR_ARTICLE_START.match(line.text)
                for line in stream[prev.end : header.start]
            )
        ):
            continue
        kept.append(header)
    return kept
