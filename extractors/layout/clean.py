"""Clean layout: page furniture, page labels, pages for sources that lost them, reading order.

Input and output are the page model. After this stage every line knows whether it is body
text or furniture (running header, section label, page number), pages carry their printed
labels where one was seen, and the header block of a notice stands before its body.
"""

from __future__ import annotations

import re
from collections import Counter

from extractors.dates import is_date_line
from extractors.headers import (
    ARTICLE_START,
    CHAPTER_START,
    is_addressee_end,
    is_adoption_line,
    is_anchor_line,
    is_org_name,
    is_rule_title,
    looks_like_addressees,
    match_document_title,
)
from extractors.model import Document, Line, Page
from extractors.paragraphs import OUTLINE_MARKER
from extractors.tables import find_column_major_tables
from extractors.textnorm import compact
from extractors.vocabulary import SECTION_LABELS

RUNNING_HEADER = re.compile(
    r"^(?P<name>[\u4e00-\u9fff]{2,30}?公报)\s*(?:[（(]?(?:月刊|半月刊|旬刊)[)）]?)?\s*"
    r"(?P<year>\d{4})\s*年\s*第\s*(?P<numbers>\d{1,3}(?:\s*[/、-]\s*\d{1,3})*)\s*期"
    r"(?:\s*[（(]?\s*总第\s*(?P<total>\d{1,5})\s*期\s*[)）]?)?$"
)
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(\d{1,3})[-—–\s]*$")
_SECTION_LABEL = re.compile(r"^[\u4e00-\u9fff]{1,8}文件$")
# Labels of other sections (市政府规章, 地方性法规, 人事任免 …) read like ordinary words, so they
# count only when the document repeats them as whole lines or a converter set them as headings.
_OTHER_SECTION_LABEL = re.compile(r"^[\u4e00-\u9fff]{1,8}(规章|法规|任免|信息|动态)$")
_DASHED_PAGE_NUMBER = re.compile(r"^[-—–]\s*\d{1,3}\s*[-—–]$")


def is_section_label(text: str, recurring: bool = False) -> bool:
    flat = compact(text)
    if flat in SECTION_LABELS or _SECTION_LABEL.match(flat):
        return True
    return recurring and bool(_OTHER_SECTION_LABEL.match(flat))


def clean_layout(doc: Document) -> Document:
    """Every layout repair the source's format needs, in order."""
    _mark_furniture(doc)
    if doc.source.format == "markdown":
        doc = _paginate_at_section_labels(doc)
    if doc.source.format == "text":
        doc = _split_pages_at_running_headers(doc)
        for page in doc.pages:
            _repair_header_order(page)
        _move_enclosed_titles_to_page_top(doc)
        _collapse_column_major_tables(doc)
    _label_pages(doc)
    return doc


def _collapse_column_major_tables(doc: Document) -> None:
    """Tables a text dump wrote one cell per line, column by column, become one table each:
    their cells leave the body text and a placeholder keeps their place in reading order.
    The placeholder carries the caption, so a listed attachment title can still be found."""
    body = [line for line in doc.lines() if line.kind == "body"]
    found = find_column_major_tables(
        [line.raw or line.text for line in body], [line.page for line in body]
    )
    drop: set[int] = set()
    for start, end, grid in found:
        doc.tables.append(grid)
        first = body[start]
        first.kind, first.table, first.text = "table", len(doc.tables) - 1, grid.caption or ""
        drop.update(id(line) for line in body[start + 1 : end])
    for page in doc.pages:
        page.lines = [line for line in page.lines if id(line) not in drop]


def _mark_furniture(doc: Document) -> None:
    whole_lines = Counter(compact(line.text) for line in doc.lines() if line.kind == "body")
    for page in doc.pages:
        lines = page.lines
        for i, line in enumerate(lines):
            if line.kind != "body":
                continue
            flat = compact(line.text)
            recurring = whole_lines[flat] >= 2 or bool(line.heading_level)
            if RUNNING_HEADER.match(flat) or RUNNING_HEADER.match(line.text):
                line.kind = "running_header"
            elif is_section_label(line.text, recurring) and not _inside_sentence(lines, i):
                line.kind = "section_label"
            elif _DASHED_PAGE_NUMBER.match(flat):
                line.kind = "page_number"  # — 12 — is a page number wherever it stands
        for i, line in enumerate(lines):
            near_header = any(
                lines[j].kind == "running_header"
                for j in range(max(0, i - 2), min(len(lines), i + 3))
            )
            if line.kind == "body" and near_header and _PAGE_NUMBER.match(line.text):
                line.kind = "page_number"


def _inside_sentence(lines: list[Line], i: int) -> bool:
    """A 文件 line that only continues a sentence (……的 / 文件) is text, not a label."""
    if i == 0:
        return False
    prev = lines[i - 1]
    return prev.kind == "body" and bool(prev.text) and prev.text[-1] in "的和及与、"


def _paginate_at_section_labels(doc: Document) -> Document:
    """The converter drops page breaks but repeats the section label at each: break there."""
    pages: list[Page] = [Page(index=1)]
    for page in doc.pages:
        for line in page.lines:
            if (
                line.kind == "section_label"
                and line.heading_level
                and pages[-1].lines
                and _first_notice_seen(pages)
            ):
                pages.append(Page(index=len(pages) + 1))
            line.page = pages[-1].index
            pages[-1].lines.append(line)
    for table in doc.tables:
        table.page_start = table.page_end = _page_of_table(pages, doc.tables.index(table))
    doc.pages = pages
    return doc


def _first_notice_seen(pages: list[Page]) -> bool:
    # Section headings inside the 目录 are not page breaks.
    return any(is_anchor_line(line.text) for page in pages for line in page.lines)


def _page_of_table(pages: list[Page], table_index: int) -> int:
    for page in pages:
        for line in page.lines:
            if line.kind == "table" and line.table == table_index:
                return page.index
    return 1


def _split_pages_at_running_headers(doc: Document) -> Document:
    """A running header whose printed number breaks the page sequence starts a new page.

    Text dumps mark pages with a leading space, which the extractor sometimes omits; the
    running header (page number + gazette name) then shows where the page really began.
    """
    expected: int | None = None
    pages: list[Page] = []
    for page in doc.pages:
        current = Page(index=0, lines=[])
        pages.append(current)
        if expected is not None:
            expected += 1
        for i, line in enumerate(page.lines):
            number = _page_number_at(page.lines, i)
            if (
                number is not None
                and expected is not None
                and number == expected + 1
                and current.lines
            ):
                current = Page(index=0, lines=[])
                pages.append(current)
                expected = number
            elif number is not None and expected is None:
                expected = number
            current.lines.append(line)
    for index, page in enumerate(pages, start=1):
        page.index = index
        for line in page.lines:
            line.page = index
    doc.pages = pages
    return doc


def _page_number_at(lines: list[Line], i: int) -> int | None:
    """The printed page number if lines[i] opens a header group (number + running header)."""
    line = lines[i]
    if line.kind != "page_number":
        return None
    m = _PAGE_NUMBER.match(line.text)
    return int(m.group(1)) if m else None


def _label_pages(doc: Document) -> None:
    """Printed labels from page-number lines, carried to unlabelled pages by position."""
    seen: dict[int, int] = {}
    for page in doc.pages:
        for line in page.lines:
            if line.kind == "page_number":
                m = _PAGE_NUMBER.match(line.text)
                if m:
                    seen.setdefault(page.index, int(m.group(1)))
    if not seen or doc.source.format == "markdown":
        return
    anchors = sorted(seen.items())
    for page in doc.pages:
        nearest = min(anchors, key=lambda a: abs(a[0] - page.index))
        label = nearest[1] + (page.index - nearest[0])
        if label > 0:
            page.label = str(label)


# --- reading order of text dumps -------------------------------------------------------------
# A text extractor emits a page's two columns first and its full-width blocks (a notice's
# header: issuer, title, 文号, addressees, covering text, signature, date, enclosed title) last.
# The header belongs where the new notice's body starts on that page.


def _repair_header_order(page: Page) -> None:
    lines = page.lines
    body = [i for i, line in enumerate(lines) if line.kind == "body"]
    found = _trailing_header_start(lines, body)
    if found is None:
        return
    header_start, is_rule = found
    trailing = lines[header_start:]
    before = lines[:header_start]
    split = _new_body_start(before, trailing, is_rule)
    page.lines = before[:split] + trailing + before[split:]


def _trailing_header_start(lines: list[Line], body: list[int]) -> tuple[int, bool] | None:
    """First line of a header block that follows body text on this page, and whether it is a
    rule printed under its adoption line (its body starts with its first chapter or article)."""
    for i in body:
        start = header_start_at(lines, i)
        if start is None:
            continue
        if any(lines[j].kind == "body" for j in range(0, start)):
            return start, is_adoption_line(lines[i].text)
        return None
    return None


def header_start_at(lines: list[Line], i: int) -> int | None:
    """If lines[i] closes a document header (文号, 第N号, adoption line), its first line."""
    text = lines[i].text
    if not is_anchor_line(text):
        return None
    if is_adoption_line(text):
        return rule_title_start(lines, i)
    return header_title_start(lines, i)


def rule_title_start(lines: list[Line], i: int) -> int | None:
    """The title (one to three lines) of a rule printed over its adoption line lines[i]."""
    for n in (1, 2, 3):
        j = i - n
        if j < 0 or lines[j].kind != "body":
            return None
        if is_rule_title("".join(line.text for line in lines[j:i])):
            return j
    return None


def header_title_start(lines: list[Line], anchor: int, max_lines: int = 6) -> int | None:
    """First line of the title block closed by lines[anchor] (a 文号 or 第N号 line)."""
    best = None
    best_has_issuer = False
    j = anchor - 1
    taken: list[str] = []
    while j >= 0 and anchor - j <= max_lines:
        line = lines[j]
        if line.kind != "body" or _ends_title_lookback(line.text):
            break
        taken.insert(0, line.text)
        match = match_document_title("".join(taken))
        if match:
            best, best_has_issuer = j, bool(match.issuer)
        if line.heading_level and (best_has_issuer or not _org_heading_above(lines, j)):
            break  # a converter heading starts its block, unless the issuer sits just above
        j -= 1
    return best


def _org_heading_above(lines: list[Line], j: int) -> bool:
    """A title split over two headings: # 四川省人民政府 / # 关于……的决定."""
    return j > 0 and lines[j - 1].kind == "body" and is_org_name(lines[j - 1].text)


def _ends_title_lookback(text: str) -> bool:
    return (
        bool(re.search(r"[。；]$", text))
        or bool(OUTLINE_MARKER.match(text))  # 第四条…, （一）…: body text, never a title
        or is_anchor_line(text)
        or is_date_line(text)
        or bool(re.search(r"\.{3,}|…{2,}", text))
    )


def _new_body_start(before: list[Line], trailing: list[Line], is_rule: bool = False) -> int:
    """Where in the page's earlier lines the new notice's body begins (len(before): not here)."""
    body_idx = [i for i, line in enumerate(before) if line.kind == "body"]
    if is_rule or _has_enclosed_rule(trailing):
        for i in body_idx:
            text = before[i].text
            starts_rule = CHAPTER_START.match(text) or ARTICLE_START.match(text)
            if starts_rule and re.match(r"^第[一1]", text):
                return i
        return 0
    addressee = _addressee_start(before, body_idx)
    if addressee is not None:
        return addressee
    return len(before)


def _has_enclosed_rule(trailing: list[Line]) -> bool:
    """The header block already holds the signature date and, after it, the rule's title."""
    texts = [line.text for line in trailing if line.kind == "body"]
    dates = [k for k, text in enumerate(texts) if is_date_line(text)]
    return bool(dates) and dates[-1] < len(texts) - 1


def _addressee_start(before: list[Line], body_idx: list[int]) -> int | None:
    for pos, i in enumerate(body_idx):
        if not is_addressee_end(before[i].text):
            continue
        # The list may wrap: walk back to the line after the previous sentence end.
        start_pos = pos
        while start_pos > 0 and not re.search(r"[。：；]$", before[body_idx[start_pos - 1]].text):
            start_pos -= 1
            if pos - start_pos > 3:
                break
        text = compact("".join(before[body_idx[k]].text for k in range(start_pos, pos + 1)))
        if looks_like_addressees(text) and len(text) <= 80:
            return body_idx[start_pos]
    return None


def _move_enclosed_titles_to_page_top(doc: Document) -> None:
    """A rule's title printed full width atop its first page comes out at the page's end."""
    expected: str | None = None
    for page in doc.pages:
        lines = page.lines
        for i, line in enumerate(lines):
            if line.kind == "body" and is_anchor_line(line.text):
                start = header_title_start(lines, i)
                if start is not None:
                    expected = enclosed_title_from(compact("".join(x.text for x in lines[start:i])))
        if not expected:
            continue
        tail = _trailing_title_lines(lines, expected)
        if tail:
            page.lines = lines[-tail:] + lines[:-tail]
            expected = None


def _trailing_title_lines(lines: list[Line], expected: str) -> int:
    body = [line for line in lines if line.kind == "body"]
    for n in (1, 2, 3):
        if len(body) < n or len(body) == n:
            continue
        if body[-n:] != lines[-n:]:
            continue
        if titles_match("".join(line.text for line in body[-n:]), expected):
            return n
    return 0


def enclosed_title_from(title: str) -> str | None:
    """关于印发《X》的通知 → X; 关于印发X的通知 → X (no 《》, as some notices print it)."""
    m = re.search(r"(?:印发|转发|公布|发布|颁布)《(.+)》(?:的)?", title)
    if m:
        return m.group(1).replace("〈", "《").replace("〉", "》")
    m = re.search(r"(?:印发|转发)(.+?)的(?:通知|决定)$", title)
    return m.group(1) if m else None


def titles_match(a: str, b: str) -> bool:
    def key(s: str) -> str:
        s = compact(s).replace("〈", "《").replace("〉", "》")
        return re.sub(r"[（(][^）)]*[）)]|[《》]", "", s)

    return bool(key(a)) and key(a) == key(b)
