"""A single document as a website or a legal database publishes it: the site's block read
off, the document left for segmentation.

Such a source is: navigation, the page title, the site's metadata block, then the document
(文号, addressees, body, signature), perhaps a closing block (原文链接 …). Segmentation must
see the document alone, starting at its title: the navigation and the block go, the page
title stays when the document does not print its own (or goes when it does: one title).
When the document's header is nothing segmentation knows (a 公报 under its heading, a rule
page without its 令), the page title heads it: a page whose title names a 文种 is one
document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.model import Document, Line, Page
from extractors.segmentation.header_forms import Header
from extractors.segmentation.headers import (
    TitleMatch,
    is_addressee_end,
    is_anchor_line,
    is_org_name,
    looks_like_addressees,
    match_order_title,
    match_title,
)
from extractors.segmentation.segment import NoticeBlock, find_headers
from extractors.segmentation.site_metadata import (
    SiteHeader,
    prints_title,
    read_site_header,
    title_with_other_issuer,
)
from extractors.textnorm import compact
from extractors.vocabulary import DOC_TYPES, RULE_TYPES

# Page furniture left between the block and the document (取消收藏成功!, 相关办事指南, 分享到):
# short lines without a sentence's punctuation, at most this many, right before the document's
# 文号 or addressees.
MAX_FURNITURE_LINES = 4
MAX_FURNITURE_CHARS = 12
_SENTENCE_PUNCT = re.compile(r"[，。；：、“”《》（）]")
# 文种 a page title may end with for the page to stand as one document on its title alone.
_TITLE_TYPES = tuple(sorted({*DOC_TYPES, *RULE_TYPES}, key=len, reverse=True))


@dataclass
class WebPage:
    site: SiteHeader
    document: Document  # the source without navigation and the site's block
    title: str | None  # the page title (or the block's 标题 field)


def read_web_page(doc: Document) -> WebPage | None:
    """The page's block and the document under it; None when the source has no such block.

    A block that follows a document header is part of that document (a gazette's notice
    that prints 时间：… 地点：…), so it is not read as the site's.
    """
    stream = doc.lines()
    body = [i for i, line in enumerate(stream) if line.kind == "body"]
    # Text dumps squeeze the spaces a flattened metadata table needs (`发 布 机 构 …`).
    header = read_site_header([stream[i].raw or stream[i].text for i in body])
    if header is None:
        return None
    drop = _site_lines(header, len(body))
    drop |= _furniture_after_block(header, [stream[i].text for i in body])
    lead = min(header.block_start, header.start)
    kept_prefix = [stream[i] for k, i in enumerate(body[:lead]) if k not in drop]
    if find_headers(kept_prefix):
        return None
    dropped = {id(stream[body[k]]) for k in drop}
    pages = [
        Page(
            index=page.index,
            label=page.label,
            lines=[line for line in page.lines if id(line) not in dropped],
            width=page.width,
            height=page.height,
            rotation=page.rotation,
        )
        for page in doc.pages
    ]
    title = header.title or header.get("title")
    document = Document(
        source=doc.source, pages=pages, tables=doc.tables, diagnostics=doc.diagnostics
    )
    return WebPage(site=header, document=document, title=title)


def _site_lines(header: SiteHeader, count: int) -> set[int]:
    """Indices (among body lines) that are the site's, not the document's."""
    drop = set(range(header.start))
    if header.title_span is not None and not header.title_repeated:
        drop -= set(range(header.title_span[1] - 1, header.title_span[1]))
    if header.doubled_title is not None:
        drop.add(header.doubled_title)
    if header.end is not None:
        drop |= set(range(header.end, count))
    return drop


def _furniture_after_block(header: SiteHeader, texts: list[str]) -> set[int]:
    """Buttons and links between the block and the document's 文号 or addressees."""
    window = [k for k in range(header.start, len(texts)) if texts[k].strip()]
    window = window[: MAX_FURNITURE_LINES + 1]
    for n, k in enumerate(window):
        text = texts[k]
        if is_anchor_line(text) or (is_addressee_end(text) and looks_like_addressees(text)):
            junk = window[:n]
            if all(_is_furniture(texts[j]) for j in junk):
                return set(junk)
            return set()
    return set()


# A page's widget label with nothing after it: 视力保护色：, 浏览量：, 【字体：(a 【字体：大 中 小】 cut).
_EMPTY_LABEL = re.compile(r"^[【\[]?[\u4e00-\u9fff]{1,8}\s*[：:]$")


def _is_furniture(text: str) -> bool:
    # An order's heading (中华人民共和国国务院令 over 第706号) or an organ line is short too,
    # but it is the document's.
    if match_order_title(text) is not None or is_org_name(text):
        return False
    short = len(text.strip()) <= MAX_FURNITURE_CHARS
    return short and (not _SENTENCE_PUNCT.search(text) or bool(_EMPTY_LABEL.match(text.strip())))


def page_notice(page: WebPage, doc: Document) -> NoticeBlock | None:
    """The whole page (`doc`: the page's document, laid out) as one document headed by its
    title, when segmentation found none.

    Only a title that names a 文种 (…的通知, …条例, …统计公报, …令) heads a document: a
    news page with site metadata is not an official document.
    """
    lines = doc.lines()
    first = next((i for i, line in enumerate(lines) if line.kind == "body"), None)
    if first is None:
        return None
    # An export's block carries no title: the document's first line is its title.
    page_title = page.title or lines[first].text
    if page.title and title_with_other_issuer(page.title, lines[first].text):
        # A database's 安徽省政府关于… over the document's 安徽省人民政府关于…: the document's.
        page_title = lines[first].text
    title = compact(page_title)
    match = match_title(title) or match_order_title(title)
    if match is None:
        doc_type = next((t for t in _TITLE_TYPES if title.endswith(t)), None)
        if doc_type is None:
            return None
        match = TitleMatch(issuer="", doc_type=doc_type, title=title)
    # The page title is the document's first line unless the document printed its own
    # (with a footnote marker perhaps: ……统计公报[1]).
    if not prints_title([lines[first].text], page_title):
        lines = [*lines[:first], Line(text=page_title, page=lines[first].page), *lines[first:]]
    end = first + 1
    following = [i for i in range(end, len(lines)) if lines[i].kind == "body"]
    kind, anchor = "gongwen", None
    if following and is_anchor_line(lines[following[0]].text):
        # 第3号 / 文号 under the title: the header's anchor, as in a printed document.
        anchor, end = lines[following[0]].text, following[0] + 1
        kind = "order" if match_order_title(title) else "gongwen"
    elif following and not match.issuer and is_org_name(_spaced(lines[following[0]])):
        # The issuing organs printed under the title (a 公报: 统计局 and 调查队).
        organs = _spaced(lines[following[0]]).split()
        match = TitleMatch(issuer="、".join(organs), doc_type=match.doc_type, title=title)
        end = following[0] + 1
    header = Header(start=first, end=end, kind=kind, title=match, anchor=anchor)
    return NoticeBlock(seq=1, header=header, lines=lines[first:], start=first)


def _spaced(line: Line) -> str:
    """The line with the spaces its source printed (organs side by side are apart)."""
    return line.raw or line.text
