"""Site metadata fields, one line at a time: `发布日期：2018-12-25`, `【发布部门】国务院`,
`索 引 号：000014349/2018-00220`, `成文日期 2013-07-02` (a metadata table flattened to text).

Only the labels below count: they are the labels government sites and legal databases use,
one vocabulary for every site (no per-site rules). Pure: strings in, plain data out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extractors.metadata.dates import find_dates, parse_date, to_halfwidth_digits
from extractors.textnorm import CJK_CHAR, compact

# label (whitespace removed) → (field, rank). Lower rank wins when several labels give the
# same field: a 发文机关 row names the issuing organ, a 来源 line may only name the website.
SITE_LABELS: dict[str, tuple[str, int]] = {
    # when the site published the page
    "发布日期": ("publication_date", 0),
    "发布时间": ("publication_date", 0),
    "公布日期": ("publication_date", 0),
    "公开日期": ("publication_date", 1),
    # 发文日期 on a 政府信息公开 page is the day the organ released it (no 成文日期 beside it).
    "发文日期": ("publication_date", 2),
    "上载日期": ("publication_date", 1),
    "生成日期": ("publication_date", 1),
    "发布日期时间": ("publication_date", 1),
    "信息发布日期": ("publication_date", 1),
    "日期": ("publication_date", 3),
    "时间": ("publication_date", 3),
    # who published it
    "发布机构": ("publishing_organ", 0),
    "发布部门": ("publishing_organ", 0),
    "发布单位": ("publishing_organ", 0),
    "发文机关": ("publishing_organ", 0),
    "发文单位": ("publishing_organ", 0),
    "发文部门": ("publishing_organ", 0),
    "制发机关": ("publishing_organ", 0),
    "颁布机关": ("publishing_organ", 0),
    "发文机构": ("publishing_organ", 0),
    "公开主体": ("publishing_organ", 1),
    "责任部门": ("publishing_organ", 1),
    "信息来源": ("publishing_organ", 2),
    "文章来源": ("publishing_organ", 2),
    "稿件来源": ("publishing_organ", 2),
    "文件来源": ("publishing_organ", 2),
    "来自": ("publishing_organ", 2),
    "来源": ("publishing_organ", 2),
    # where it came from
    "原文链接": ("source_url", 0),
    "原文地址": ("source_url", 0),
    "来源链接": ("source_url", 0),
    "原始链接": ("source_url", 0),
    "官方链接": ("source_url", 0),
    "链接": ("source_url", 1),
    "网址": ("source_url", 1),
    "URL": ("source_url", 1),
    # a crawler's or a database's English label (Original URL: http://…), keyed without spaces
    "OriginalURL": ("source_url", 0),
    "SourceURL": ("source_url", 0),
    "url": ("source_url", 1),
    # fields of the document itself, as the site records them
    "文号": ("doc_number", 0),
    "发文字号": ("doc_number", 0),
    "发文文号": ("doc_number", 0),
    "发布文号": ("doc_number", 0),
    "法规文号": ("doc_number", 1),
    "成文日期": ("signing_date", 0),
    "成文时间": ("signing_date", 0),
    "实施日期": ("effective_date", 0),
    "施行日期": ("effective_date", 0),
    "实施或试行日期": ("effective_date", 0),
    "生效日期": ("effective_date", 0),
    "生效时间": ("effective_date", 0),
    "施行时间": ("effective_date", 0),
    "实施时间": ("effective_date", 0),
    # the end of validity a 信息公开 page states (废止时间: 2020-01-23)
    "废止时间": ("expiry_date", 0),
    "废止日期": ("expiry_date", 0),
    "失效时间": ("expiry_date", 0),
    "失效日期": ("expiry_date", 0),
    "标题": ("title", 0),
    "名称": ("title", 1),
    "文件名称": ("title", 0),
    "法规标题": ("title", 0),
    "索引号": ("index_no", 0),
    "主题分类": ("topic", 0),
    "法规类别": ("topic", 0),
    "分类": ("topic", 1),
    "主题词": ("keywords", 0),
    "有效性": ("validity", 0),
    "时效性": ("validity", 0),
    "效力状态": ("validity", 0),
    "效力级别": ("level", 0),
    "效力等级": ("level", 0),
    "法宝引证码": ("citation_code", 0),
    # `<meta>` fields, as the HTML reader prints them: the page does not show these, so
    # anything the page shows wins.
    "PubDate": ("publication_date", 4),
    "ContentSource": ("publishing_organ", 4),
    "SavedFromURL": ("source_url", 4),
}
# Labels of this rank (时间, 日期) also open lines of a document's body.
GENERIC_RANK = 3
# Labels of this rank or worse name where the text came from (来源), not who issued it.
SOURCE_RANK = 2
DATE_FIELDS = frozenset({"publication_date", "signing_date", "effective_date", "expiry_date"})

# Longest labels first, so 发布日期时间 is not read as 发布日期 + 时间.
_LABEL_ALT = "|".join(
    sorted(
        (r"\s*".join(map(re.escape, label)) for label in SITE_LABELS),
        key=len,
        reverse=True,
    )
)
# `发布日期：…`, `发布日期: …`, `【发布部门】…`, `[发布部门]…`; labels are printed letter-spaced
# (`索 引 号：`, `标　　题：`), hence the \s* between their characters.
_FIELD = re.compile(
    rf"【\s*(?P<b>{_LABEL_ALT})\s*】|\[\s*(?P<s>{_LABEL_ALT})\s*\]|(?P<c>{_LABEL_ALT})\s*[：:]"
    rf"|(?:(?<=^)|(?<=[\s|｜]))(?P<n>{_LABEL_ALT})(?=\s)"
)
# A label alone on its line (`索 引 号：`), its value on the next: a <dl> or a crawler's list.
_LABEL_ONLY = re.compile(rf"^(?:【\s*(?P<b>{_LABEL_ALT})\s*】|(?P<c>{_LABEL_ALT})\s*[：:])\s*$")
# Values of a 来源 label that name a website or an account, not an organ.
_WEBSITE = re.compile(r"(?:网|网站|公众号|客户端|门户|微信|微博|新闻)\s*$")
# …and values naming the page's own site (来源: 本站原创, 本网讯).
_OWN_SITE = re.compile(r"^\s*(?:本站|本网)")
_UNKNOWN_LABEL_START = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[：:]")
# An 索引号 as 政府信息公开 pages write it (000014349/2018-00206, 014717475N/2023-0032866,
# 003129766/201901-00336): no document's text prints one, so it marks a site's block even
# where its label was lost.
INDEX_NUMBER = re.compile(r"^[0-9A-Z]{6,20}/[0-9]{4,6}-[0-9]{3,}$")
# Bullets crawlers put before each field.
BULLETS = "-*+>|｜•·●▪◆ \t"
# A label the vocabulary does not know still ends the value before it (`浏览次数：`, `字号：`).
OTHER_LABEL = re.compile(r"(?:^|\s|[|｜【])(?:【[^】]{1,8}】|[\u4e00-\u9fff]{2,6}\s*[：:])")
_URL = re.compile(r"https?://[^\s<>()（）\]\[\"'，。]+")
_MD_LINK = re.compile(r"\[([^\]]*)\]\((https?://[^)\s]+)\)")
# Databases write dates as one run of digits: 【发布日期】20050823.
_DATE_DIGITS = re.compile(r"^\s*([0-9]{4})([0-9]{2})([0-9]{2})(?![0-9])")
# A metadata value's date: 2018-12-25, 2019.01.01, 2018年12月25日, perhaps with the clock time.
_DATE_SHAPE = r"[0-9]{4}\s*[-./年]\s*[0-9]{1,2}\s*[-./月]\s*[0-9]{1,2}\s*日?"
_CLOCK = r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?"
_DATE_HEAD = re.compile(rf"^\s*({_DATE_SHAPE})")
# A 来源 value with the source's date glued on (来源:山东省人民政府网站2019-01-07 11:58): the
# date is when the source published it, the rest names the source.
_DATE_TAIL = re.compile(rf"(?P<date>{_DATE_SHAPE})(?:\s*{_CLOCK})?\s*$")
# A CMS prints the page's date unlabelled before its fields (2011-06-18 00:00:00 来源: 本站原创).
_DATE_LEAD = re.compile(rf"^\s*(?P<date>{_DATE_SHAPE})(?:\s*{_CLOCK})?\s+(?=\S)")
# The field such a date gives: the page's own date, a publication only on the page's own site
# (site_metadata decides).
PAGE_DATE = "page_date"
# Values that are a placeholder, not data.
_EMPTY_VALUES = frozenset({"", "-", "—", "无", "暂无", "null", "None"})

# A metadata line is short: a body paragraph that happens to start with 时间：… is not one.
MAX_FIELD_LINE_CHARS = 160


@dataclass(frozen=True)
class SiteField:
    field: str  # canonical name: publication_date, publishing_organ, source_url, …
    label: str  # the label as printed, whitespace removed
    value: str  # normalised: ISO date for date fields, URL for source_url
    # Printed without a colon or brackets (`成文日期 2013-07-02`, a table flattened to text).
    bare: bool = False


def label_field(label: str) -> str | None:
    """The canonical field a printed label (`索 引 号：`, `【发布部门】`) stands for."""
    key = compact(label).strip("：:【】[]")
    entry = SITE_LABELS.get(key)
    return entry[0] if entry else None


def parse_fields(text: str) -> list[SiteField]:
    """Every known `label：value` in one line, values cut at the next label of any kind."""
    text = _MD_LINK.sub(lambda m: m.group(2), text)
    matches = list(_FIELD.finditer(text))
    out: list[SiteField] = []
    lead = _DATE_LEAD.match(text)
    if lead and matches and matches[0].start() == lead.end():
        day = date_value(lead.group("date"))
        if day is not None:
            out.append(SiteField(PAGE_DATE, "", day.isoformat(), bare=True))
    for k, m in enumerate(matches):
        label = _label(m)
        stop = matches[k + 1].start() if k + 1 < len(matches) else len(text)
        value = text[m.end() : stop]
        other = OTHER_LABEL.search(value)
        if other:
            # 信息来源: 关键词: — an empty field: the next label is no value.
            value = value[: other.start()]
        name, _rank = SITE_LABELS[label]
        bare = m.group("n") is not None
        if name == "publishing_organ":
            value, day = _split_date_tail(value)
            if day is not None:
                out.append(SiteField("publication_date", label, day, bare=bare))
        normalised = normalise_value(name, value)
        if normalised is not None:
            out.append(SiteField(name, label, normalised, bare=bare))
    return out


def _label(m: re.Match[str]) -> str:
    """The label a `_FIELD` match read, whitespace removed."""
    return compact(m.group("b") or m.group("s") or m.group("c") or m.group("n"))


def _label_rank(m: re.Match[str]) -> int:
    return SITE_LABELS[_label(m)][1]


def _split_date_tail(value: str) -> tuple[str, str | None]:
    """(the value without a date glued to its end, that date as ISO or None)."""
    tail = _DATE_TAIL.search(to_halfwidth_digits(value))
    if tail is None or tail.start() == 0:
        return value, None
    day = date_value(tail.group("date"))
    return (value[: tail.start()], day.isoformat()) if day else (value, None)


def normalise_value(name: str, value: str) -> str | None:
    """The value in the form rows store: ISO dates, a bare URL, whitespace-trimmed text."""
    value = value.strip().strip("|｜").strip()
    if value in _EMPTY_VALUES:
        return None
    if name in DATE_FIELDS:
        day = date_value(value)
        return day.isoformat() if day else None
    if name == "source_url":
        url = _URL.search(value)
        return url.group(0) if url else None
    if name == "doc_number":
        # A database's bare serial (【法规文号】444) is not a 文号.
        return compact(value) if CJK_CHAR.search(value) else None
    if name == "title":
        return compact(value) or None
    if name == "publishing_organ" and not CJK_CHAR.search(value):
        # A database's code for the organ (【发布单位】81202) names none.
        return None
    return re.sub(r"\s+", " ", value) or None


def date_value(value: str) -> date | None:
    """The date a metadata value starts with: `2018-12-25 10:00`, `2019.01.01`, `2018年12月25日`."""
    value = to_halfwidth_digits(value)
    whole = parse_date(value)
    if whole:
        return whole
    digits = _DATE_DIGITS.match(value)
    if digits:
        day = parse_date("-".join(digits.groups()))
        if day:
            return day
    head = _DATE_HEAD.match(value)
    if head:
        shown = head.group(1)
        # 发布日期:2018年03月27 (the site's template drops the 日)
        day = parse_date(shown if "年" not in shown or shown.endswith("日") else f"{shown}日")
        if day:
            return day
    found = find_dates(value)
    return found[0].date if found else None


def is_field_line(text: str, in_block: bool = False) -> bool:
    """A short line that opens with a known label.

    A label printed bare (no colon, no brackets) counts when the line holds a second label
    (a metadata table flattened to text) or its value is a date or a URL: a body sentence
    may start with 时间 or 来源 too.
    """
    stripped = text.strip().lstrip(BULLETS)
    if len(stripped) > MAX_FIELD_LINE_CHARS:
        return False
    lead = _DATE_LEAD.match(stripped)
    m = _FIELD.match(stripped, lead.end() if lead else 0)
    if m is None:
        # Inside a block a line may open with a label the vocabulary does not know, a known
        # one after it (信息分类: 通知   发布机构: 太湖县人民政府办公室).
        return (
            in_block and bool(_UNKNOWN_LABEL_START.match(stripped)) and bool(parse_fields(stripped))
        )
    found = parse_fields(stripped)
    if m.group("n") is None:
        # A site's own label whose value is a placeholder or a code (【发文字号】-----,
        # 【发布单位】81202) gives no field but is still a line of the block.
        return bool(found) or _label_rank(m) < GENERIC_RANK
    if in_block:
        return bool(found)  # inside a block, `名        称 …` is one more field
    labels = len(_FIELD.findall(stripped))
    return labels >= 2 or any(f.field in DATE_FIELDS | {"source_url"} for f in found)


def join_label_lines(texts: list[str]) -> list[str]:
    """`索 引 号：` / `014717475N/2023-0032866` on two lines → one `label：value` line."""
    out: list[str] = []
    k = 0
    while k < len(texts):
        label = label_only(texts[k])
        nxt = texts[k + 1] if k + 1 < len(texts) else None
        if label and nxt is not None and not label_only(nxt) and not is_field_line(nxt):
            out.append(f"{label}：{nxt.strip()}")
            k += 2
            continue
        out.append(texts[k])
        k += 1
    return out


def bare_link(text: str) -> SiteField | None:
    """A line that is only a URL (a Markdown link whose text is its target, as a repost
    closes with the original's address) read as the source's URL field."""
    stripped = _MD_LINK.sub(lambda m: m.group(2), text.strip())
    url = _URL.fullmatch(stripped.replace("\\_", "_"))
    return SiteField("source_url", "URL", url.group(0)) if url else None


def label_only(text: str) -> str | None:
    m = _LABEL_ONLY.match(text.strip().lstrip(BULLETS))
    return compact(m.group("b") or m.group("c")) if m else None


def own_site_name(value: str) -> bool:
    """A 来源 value naming the page's own site (本站原创): no organ, but the site's block."""
    return bool(_OWN_SITE.match(value))


def website_name(value: str) -> bool:
    """A 来源 value naming a website or an account (中国政府网, 江西统计公众号), not an organ."""
    return bool(_WEBSITE.search(value))
