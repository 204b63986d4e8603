"""The metadata block a website or a legal database prints around a single document.

A government site shows a document as: a page title, a block of `key：value` fields (发布日期,
发布机构, 索引号, 原文链接 …, in a table, in `<meta>` tags, or, as crawlers save them, as lines
of Markdown or plain text), then the document itself (文号, addressees, body, signature). A
北大法宝-style export prints its fields, then the title twice. This module finds such a block at
the head (and tail) of a text, the page title, and where the document starts; the fields
themselves are read line by line in `site_fields`. Pure: lists of strings in, plain data out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from extractors.metadata.dates import is_date_line
from extractors.metadata.organs import is_org_name, split_organs
from extractors.patterns import ATTACHMENT_START
from extractors.segmentation.headers import match_title
from extractors.segmentation.site_fields import (
    BULLETS,
    GENERIC_RANK,
    INDEX_NUMBER,
    OTHER_LABEL,
    PAGE_DATE,
    SITE_LABELS,
    SOURCE_RANK,
    SiteField,
    bare_link,
    is_field_line,
    label_only,
    own_site_name,
    parse_fields,
    website_name,
)
from extractors.textnorm import CJK_CHAR, compact, normalize_punctuation

# What names a government's own website (岳阳市政府门户网, 中国政府网).
GOVERNMENT_WORD = "政府"
# How far into a text the block may start (a page title of up to this many lines, blank
# furniture lines such as 字号 大 中 小) and how many unlabelled lines may sit inside it.
MAX_TITLE_LINES = 4
# Saved pages open with navigation (登录 注册, 首页, 政务公开 …) before the block.
MAX_LEAD_LINES = 80
MAX_GAP_LINES = 1
# A page title has a few Chinese characters at least; 打印 / 关闭 buttons do not.
MIN_TITLE_HAN = 6
_NOT_TITLE_CHAR = re.compile(r"[^\w]|_")
_FOOTNOTE_MARK = re.compile(r"\d{1,2}")  # [1] once brackets are ignored
_BREADCRUMB = re.compile(r"[>›»]|当前位置|您的位置|所在位置")
# Lines at the end of a text may close with a block too (原文链接, 法宝引证码).
MAX_TRAILING_LINES = 6


@dataclass
class SiteHeader:
    """What a site printed around the document, and where the document itself starts."""

    fields: dict[str, str] = field(default_factory=dict)  # field → value (best-ranked label)
    title: str | None = None  # the page title as printed (lines joined)
    title_span: tuple[int, int] | None = None  # [start, end) of the page-title lines
    block_start: int = 0  # first line of the block
    start: int = 0  # first line of the document proper
    end: int | None = None  # first line of a trailing block, when there is one
    # The document prints its own title right after the block (an export's second title, a
    # page whose content repeats its heading): the page title is then not part of the text.
    title_repeated: bool = False
    # An export that prints the database's title and then the document's own title right
    # after the block: the index of the first of the two (one title, the second is kept).
    doubled_title: int | None = None
    ranks: dict[str, int] = field(default_factory=dict)
    # A site's own label was printed: one that gave a value, or a 来源 naming a government's
    # website (来源：岳阳市政府门户网: no organ, but the government's site printed the block). A
    # mirror's 来源：法律资料网 makes no block: its dates are the mirror's, not a publication.
    site_label: bool = False
    # The 来源 names the page's own site (本站原创): the page is no re-post, so its unlabelled
    # date is the publication's.
    own_site: bool = False

    def get(self, name: str) -> str | None:
        return self.fields.get(name)

    def add(self, found: SiteField) -> None:
        rank = SITE_LABELS.get(found.label, (found.field, 9))[1]
        source = found.field == "publishing_organ" and rank >= SOURCE_RANK
        if source and own_site_name(found.value):
            self.site_label = self.own_site = True
            return
        if source and website_name(found.value):
            self.site_label = self.site_label or (
                rank < GENERIC_RANK and GOVERNMENT_WORD in found.value
            )
            return
        if source and not _names_organs(found.value):
            return  # a newspaper, an agency's column (来源：甘肃日报): where it came from, no organ
        self.site_label = self.site_label or rank < GENERIC_RANK
        if found.field not in self.fields or rank < self.ranks[found.field]:
            self.fields[found.field] = found.value
            self.ranks[found.field] = rank

    def settle(self) -> None:
        """Fields that depend on the whole block: the page's unlabelled date is the
        publication's on the site's own page (a re-post's date is the re-poster's)."""
        page_date = self.fields.pop(PAGE_DATE, None)
        self.ranks.pop(PAGE_DATE, None)
        if page_date and self.own_site and "publication_date" not in self.fields:
            self.fields["publication_date"] = page_date
            self.ranks["publication_date"] = GENERIC_RANK


def _names_organs(value: str) -> bool:
    """The value is one organ's name or several (国务院、中央军委), as the one recogniser reads."""
    organs = split_organs(value)
    return bool(organs) and all(map(is_org_name, organs))


def read_site_header(lines: list[str]) -> SiteHeader | None:
    """The site's block at the head (and tail) of a document's lines; None when there is none.

    The head is: the page title (an export prints it twice: one title), then consecutive
    field lines, which may hold the title too (a page that prints its fields above its
    heading). The document starts after the block; when its first lines repeat the page
    title, `title_repeated` says so and the page title is not text.
    """
    first = next(
        (
            i
            for i, text in enumerate(lines[:MAX_LEAD_LINES])
            if is_field_line(text) or label_only(text)
        ),
        None,
    )
    if first is None:
        return _label_less_block(lines) or _trailing_only(lines)
    header = SiteHeader()
    i = first
    gap = 0
    last_field = first
    inner: int | None = None
    pending: str | None = None  # a label printed alone, waiting for its value line
    while i < len(lines):
        text = lines[i]
        label = label_only(text)
        if label:
            pending, last_field, gap = label, i, 0
        elif is_field_line(text, in_block=True):
            for found in parse_fields(text.strip().lstrip(BULLETS)):
                header.add(found)
            pending, last_field, gap = None, i, 0
        elif pending and text.strip():
            for found in parse_fields(f"{pending}：{text.strip().lstrip(BULLETS)}"):
                header.add(found)
            pending, last_field, gap = None, i, 0
        elif text.strip():
            gap += 1
            if gap > MAX_GAP_LINES:
                break
            if inner is None and _could_be_title(text):
                inner = i
        i += 1
    header.block_start = first
    header.start = last_field + 1
    header.doubled_title = _doubled_title(lines, header.start)
    if inner is not None and inner < last_field:
        _set_title(lines, header, inner, inner)
    else:
        _read_title(lines, first, header)
    # 时间：/日期： alone (a meeting notice's body) is no site block: one field must be a
    # site's own label. A block closing the text does not make one of the head's 时间 (a news
    # page's date above a re-post whose 来源 closes it is the news page's).
    if not header.site_label:
        return _trailing_only(lines)
    _read_trailing(lines, header)
    header.settle()
    return header


# A crawler that kept a page's field values and lost their labels prints them as a run of
# short bullets (• 005299478/2022-00137 / • 新郑市卫生健康委员会 / • 2022-08-10): the run is the
# site's block when one bullet is an 索引号. Which value was the 发布机构 or which date the
# 发布日期 cannot be told without labels, so only the 索引号 is read.
LABEL_LESS_BULLETS = "•·●▪◆"
MAX_BULLET_CHARS = 30


def _label_less_block(lines: list[str]) -> SiteHeader | None:
    """The first run of short bullets in the lead that holds an 索引号, as the site's block."""
    run: list[int] = []
    for i, text in enumerate(lines[:MAX_LEAD_LINES]):
        stripped = text.strip()
        if not stripped:
            continue
        value = _bullet_value(stripped)
        if stripped[0] in LABEL_LESS_BULLETS and value and len(value) <= MAX_BULLET_CHARS:
            run.append(i)
            continue
        index = next((k for k in run if INDEX_NUMBER.match(_bullet_value(lines[k]))), None)
        if index is not None:
            header = SiteHeader(block_start=run[0], start=run[-1] + 1, site_label=True)
            header.fields["index_no"] = _bullet_value(lines[index])
            header.ranks["index_no"] = 0
            header.doubled_title = _doubled_title(lines, header.start)
            _read_title(lines, run[0], header)
            _read_trailing(lines, header)
            header.settle()
            return header
        run = []
    return None


def _bullet_value(text: str) -> str:
    return text.strip().lstrip(LABEL_LESS_BULLETS).strip()


def _trailing_only(lines: list[str]) -> SiteHeader | None:
    """A block printed only after the document (an export's 原文链接 at its end)."""
    header = SiteHeader(start=0)
    _read_trailing(lines, header)
    if header.end is None or not header.site_label:
        return None
    header.block_start = header.end
    header.doubled_title = _doubled_title(lines, 0)
    header.settle()
    return header


def _could_be_title(text: str) -> bool:
    """A heading, not a breadcrumb (首页 > 政务公开 > …), a button or an unknown field."""
    return (
        len(CJK_CHAR.findall(text)) >= MIN_TITLE_HAN
        and not _BREADCRUMB.search(text)
        and not OTHER_LABEL.match(text.strip().lstrip(BULLETS))
    )


def _read_title(lines: list[str], first: int, header: SiteHeader) -> None:
    """The page title: the nearest line above the block; an export's doubled title is one."""
    above = [i for i in range(first) if lines[i].strip()]
    if not above or not _could_be_title(lines[above[-1]]):
        # No title above: the block leads the text, the document's own title follows it.
        return
    top = above[-1]
    if len(above) >= 2 and title_key(lines[above[-2]]) == title_key(lines[top]):
        top = above[-2]  # 标题 printed twice: page title + document title
    _set_title(lines, header, top, above[-1])


def _set_title(lines: list[str], header: SiteHeader, first: int, last: int) -> None:
    # The raw line keeps the title's word spaces; its punctuation is made the document's
    # (ASCII (修订草案) next to Chinese is printed （修订草案）), as clean-up does for text.
    header.title = normalize_punctuation(lines[last].strip())
    header.title_span = (first, last + 1)
    header.title_repeated = _repeats_title(lines, header.start, header.title)


def title_key(text: str) -> str:
    """A title for comparing two printings of it: full/half width, dashes, spaces ignored
    (a database writes (2021—2023年) where the document prints （2021-2023年）)."""
    return _NOT_TITLE_CHAR.sub("", unicodedata.normalize("NFKC", text))


def _doubled_title(lines: list[str], start: int) -> int | None:
    shown = [i for i in range(start, min(len(lines), start + 3)) if lines[i].strip()]
    doubled = (
        len(shown) >= 2
        and _could_be_title(lines[shown[0]])
        and title_key(lines[shown[0]]) == title_key(lines[shown[1]])
    )
    return shown[0] if doubled else None


def prints_title(lines: list[str], title: str) -> bool:
    """The lines, joined, spell the title (cut anywhere; a footnote marker such as [1] may
    follow it)."""
    return _repeats_title(lines, 0, title)


def _repeats_title(lines: list[str], start: int, title: str) -> bool:
    """The document's first lines, joined, spell the page title (cut anywhere; a footnote
    marker such as [1] may follow it), or its first line prints it with its issuer written
    another way."""
    key = title_key(title)
    if not key:
        return False
    joined, printed = "", ""
    for text in lines[start : start + MAX_TITLE_LINES + 2]:
        if not text.strip():
            continue
        joined += title_key(text)
        printed += text.strip()
        if joined == key or (
            joined.startswith(key) and _FOOTNOTE_MARK.fullmatch(joined[len(key) :])
        ):
            return True
        if title_with_other_issuer(title, printed):
            return True
        if not key.startswith(joined):
            return False
    return False


def title_with_other_issuer(page_title: str, printed: str) -> bool:
    """A database's title and the document's, the issuer written two ways (安徽省政府关于…
    over 安徽省人民政府关于…; joint issuers one or all): one title when the rest is the same
    and each names organs where the issuer stands."""
    page, doc = match_title(compact(page_title)), match_title(compact(printed))
    if page is None or doc is None or not page.issuer or not doc.issuer:
        return False
    rest_page = title_key(page.title[len(page.issuer) :])
    rest_doc = title_key(doc.title[len(doc.issuer) :])
    return rest_page == rest_doc and all(map(split_organs, (page.issuer, doc.issuer)))


def _read_trailing(lines: list[str], header: SiteHeader) -> None:
    """Field lines closing the text (原文链接：…, 【法宝引证码】…) belong to the block too, and
    so does a bare URL right under the document's closing date (a repost's link to the
    original); a URL anywhere else may be the text's own."""
    end = len(lines)
    shown = [i for i in range(header.start, end) if lines[i].strip()]
    link = bare_link(lines[shown[-1]]) if shown else None
    if link is not None and len(shown) >= 2 and is_date_line(lines[shown[-2]]):
        header.add(link)
        end = shown[-1]
    i = end - 1
    found_field = False
    while i >= header.start and end - i <= MAX_TRAILING_LINES:
        text = lines[i]
        if not found_field and _is_page_link(text):
            i -= 1  # the page's own links under its block (• 上一篇:…, 【责任编辑:…】)
            continue
        if text.strip() and not is_field_line(text):
            break
        if text.strip():
            found_field = True
            for found in parse_fields(text.strip().lstrip(BULLETS)):
                header.add(found)
            end = i
        i -= 1
    if end < len(lines):
        header.end = end


def _is_page_link(text: str) -> bool:
    """A line of the page's own under the document (• 上一篇:…, 【责任编辑:钟培培】): it opens
    with a label the vocabulary does not know, and is not the document's 附件 line."""
    stripped = text.strip().lstrip(BULLETS)
    return (
        bool(stripped)
        and bool(OTHER_LABEL.match(stripped))
        and not ATTACHMENT_START.match(stripped)
        and not is_field_line(stripped)
    )
