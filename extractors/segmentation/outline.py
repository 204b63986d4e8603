"""Articles (第X条) with their chapter (第X章) and section (第X节), from paragraphs.

A document's own articles count up one by one; a 第X条 that breaks the count is a reference
cut at a line start or a quoted law, not an article of this document. Inside an attachment the
count is not enforced: attachments quote articles of other laws (附件7 quotes 第三十五条 …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extractors.layout.paragraphs import Paragraph
from extractors.metadata.dates import cn_to_int, is_date_line
from extractors.metadata.organs.names import is_org_name
from extractors.patterns import ATTACHMENT_START, CN_NUM

# 第二百五十三条之一: an article inserted by amendment keeps its number plus 之N.
_ARTICLE = re.compile(
    rf"^(?P<label>第(?P<no>{CN_NUM})条(?:之[一二三四五六七八九十]+)?)\s*(?P<text>.*)$", re.S
)
_CHAPTER = re.compile(rf"^第(?P<no>{CN_NUM})章\s*(?P<title>[^。；，]{{0,40}})$")
_SECTION = re.compile(rf"^第(?P<no>{CN_NUM})节\s*(?P<title>[^。；，]{{0,40}})$")
MAX_GAP = 3  # articles lost to a bad page still leave the count recognisable


@dataclass
class Article:
    article_no: int
    label: str
    text: str
    page: int
    chapter_no: int | None = None
    chapter_title: str | None = None
    section_no: int | None = None
    section_title: str | None = None


def find_articles(paragraphs: list[Paragraph], *, sequential: bool = True) -> list[Article]:
    articles: list[Article] = []
    chapter: tuple[int | None, str | None] = (None, None)
    section: tuple[int | None, str | None] = (None, None)
    current: Article | None = None
    paragraphs = _chapters_apart(paragraphs)
    continued: set[int] = set()  # paragraphs read as the end of a chapter title
    for k, para in enumerate(paragraphs):
        text = para.text
        if k in continued:
            continue
        heading = _CHAPTER.match(text)
        if heading and cn_to_int(heading.group("no")):
            title, goes_on = _chapter_title(heading, paragraphs, k)
            if goes_on:
                continued.add(k + 1)
            chapter = (cn_to_int(heading.group("no")), title)
            section = (None, None)
            current = None
            continue
        heading = _SECTION.match(text)
        if heading and cn_to_int(heading.group("no")):
            section = (cn_to_int(heading.group("no")), heading.group("title") or None)
            current = None
            continue
        m = _ARTICLE.match(text)
        no = cn_to_int(m.group("no")) if m else None
        if m and no and _accept(no, articles, sequential, _typeset_gap(text, m)):
            current = Article(
                article_no=no,
                label=m.group("label"),
                text=m.group("text").strip(),
                page=para.page,
                chapter_no=chapter[0],
                chapter_title=chapter[1],
                section_no=section[0],
                section_title=section[1],
            )
            articles.append(current)
            continue
        if current is None:
            continue
        if (
            ATTACHMENT_START.match(text)
            or is_date_line(text)
            or (len(text) <= 30 and is_org_name(text))
        ):
            current = None  # the rule is over: attachment list, signature, date
            continue
        current.text = f"{current.text}\n{text}" if current.text else text
    return articles


# What follows 第X条 when it is a reference cut at a line start, not a label: 第三条中的…
# 中 only as a reference goes on (中的, 中规定): an article glued to its label may open with
# 中央, 中华人民共和国, 中小企业 (第十九条中央和省级财政安排的……).
_REFERENCE_AFTER = re.compile(
    r"^(的|中(?:的|所|规定|有关|关于|第|列)|所|之规定|规定|第[一二三四五六七八九十]|至|、|和|及|或|款|项)"
)


def _typeset_gap(text: str, m: re.Match[str]) -> bool | None:
    """True when a space follows the label (as labels are set), False when what follows reads
    as a reference, None when nothing says."""
    rest = text[m.end("label") :]
    if rest[:1].isspace():
        return True
    return False if _REFERENCE_AFTER.match(rest) else None


# A chapter heading glued to its first article on one line, as a database export prints
# them (阿坝州…暂行办法: '第一章　总则　　第一条　为规范…'): the title holds no 第 or sentence mark.
_CHAPTER_THEN_ARTICLE = re.compile(
    rf"^(?P<heading>第{CN_NUM}章\s*[^。；，：第\s]{{1,20}})\s*(?P<article>第{CN_NUM}条.*)$", re.S
)


def _chapters_apart(paragraphs: list[Paragraph]) -> list[Paragraph]:
    out: list[Paragraph] = []
    for para in paragraphs:
        m = _CHAPTER_THEN_ARTICLE.match(para.text)
        if m is None:
            out.append(para)
            continue
        out.append(replace(para, text=m.group("heading")))
        out.append(replace(para, text=m.group("article")))
    return out


# A chapter title cut after a joining mark or word goes on on the next line:
# 第二章 自治机关和监察委员会、 / 人民法院、人民检察院.
_JOINS_ON = ("、", "，", "和", "及", "与", "以及")
MAX_TITLE_TAIL = 20


def _chapter_title(
    heading: re.Match[str], paragraphs: list[Paragraph], k: int
) -> tuple[str | None, bool]:
    """The title of the chapter heading paragraphs[k] (matched by _CHAPTER), and whether it
    goes on in the next paragraph."""
    title = heading.group("title") or None
    nxt = paragraphs[k + 1].text if k + 1 < len(paragraphs) else ""
    if title and _title_goes_on(title, nxt):
        return title + nxt, True
    return title, False


def _title_goes_on(title: str, nxt: str) -> bool:
    return (
        title.endswith(_JOINS_ON)
        and 0 < len(nxt) <= MAX_TITLE_TAIL
        and not re.search(r"[。；：]", nxt)
        and not _ARTICLE.match(nxt)
        and not _CHAPTER.match(nxt)
    )


def _accept(no: int, articles: list[Article], sequential: bool, gap: bool | None) -> bool:
    if gap is False:
        return False
    if not sequential:
        return True
    last = articles[-1].article_no if articles else 0
    if no == last + 1 or (no == 1 and articles):
        return True
    # A gap in the count (articles lost to a bad page) is taken only for a typeset label.
    return gap is True and last < no <= last + MAX_GAP


# --- the numbered outline: 第X编/章/节 and 一、（一）1.（1） -------------------------------------
# Ranks by the genre's convention (GB/T 9704: 一、 > （一） > 1. > （1））; a document's levels are
# the ranks it actually uses, so a notice that starts at （一） has （一） at level 1.
_OUTLINE_MARKERS = (
    ("第X编", re.compile(rf"^第(?P<n>{CN_NUM})编\s*")),
    ("第X章", re.compile(rf"^第(?P<n>{CN_NUM})章\s*")),
    ("第X节", re.compile(rf"^第(?P<n>{CN_NUM})节\s*")),
    ("一、", re.compile(r"^(?P<n>[一二三四五六七八九十]+)、\s*")),
    ("（一）", re.compile(r"^[（(](?P<n>[一二三四五六七八九十]+)[)）]\s*")),
    ("1.", re.compile(r"^(?P<n>\d{1,2})[.．、](?!\d)\s*")),
    ("（1）", re.compile(r"^[（(](?P<n>\d{1,2})[)）]\s*")),
)
HEADING_MAX = 40  # longer first sentences are list items, not headings


@dataclass
class OutlineItem:
    rank: int  # index into _OUTLINE_MARKERS
    level: int  # 1 = the document's top level
    marker_type: str  # 一、, （一）, 1. …
    number: int
    label: str  # as printed: 三、 / （二） / 第一章
    heading: str | None  # the item's title when it has one (一、总体要求)
    text: str  # the whole paragraph after the label
    page: int
    parent: int | None = None  # index of the enclosing item in the returned list
    article_no: int | None = None  # the article the item sits in, if any


def find_outline(paragraphs: list[Paragraph]) -> list[OutlineItem]:
    items: list[OutlineItem] = []
    article: int | None = None
    # Chapter headings read as the article reader reads them: apart from an article glued to
    # them, their title cut over two lines whole again.
    paragraphs = _chapters_apart(paragraphs)
    for k, para in enumerate(paragraphs):
        m = _ARTICLE.match(para.text)
        if m and cn_to_int(m.group("no")):
            article = cn_to_int(m.group("no"))
        item = _outline_item(para)
        if item is None:
            continue
        chapter = _CHAPTER.match(para.text) if item.marker_type == "第X章" else None
        if chapter:
            item.heading = _chapter_title(chapter, paragraphs, k)[0]
        if item.rank <= 1:  # a new 编/章 leaves the previous article
            article = None
        item.article_no = article if item.rank > 2 else None
        items.append(item)
    ranks = sorted({item.rank for item in items})
    for i, item in enumerate(items):
        item.level = ranks.index(item.rank) + 1
        item.parent = next((j for j in range(i - 1, -1, -1) if items[j].rank < item.rank), None)
    return items


def _outline_item(para: Paragraph) -> OutlineItem | None:
    for rank, (marker_type, pattern) in enumerate(_OUTLINE_MARKERS):
        m = pattern.match(para.text)
        if not m:
            continue
        number = cn_to_int(m.group("n"))
        if not number:
            return None
        rest = para.text[m.end() :].strip()
        label = para.text[: m.end()].strip()
        return OutlineItem(rank, 0, marker_type, number, label, _heading(rest), rest, para.page)
    return None


def _heading(rest: str) -> str | None:
    """一、总体要求 → 总体要求; （一）指导思想。以…… → 指导思想; a long first sentence → None."""
    first = re.split(r"[。；：]", rest, maxsplit=1)[0]
    return first if 0 < len(first) <= HEADING_MAX else None
