"""Reading order of text dumps: a notice's header block moved back before its body."""

from __future__ import annotations

import re

from extractors.metadata.dates import is_date_line
from extractors.model import Document, Line, Page
from extractors.patterns import ARTICLE_START, CHAPTER_START
from extractors.segmentation.headers import (
    is_addressee_end,
    is_adoption_line,
    is_anchor_line,
    looks_like_addressees,
)
from extractors.segmentation.titles import (
    enclosed_title_from,
    header_start_at,
    header_title_start,
    titles_match,
)
from extractors.textnorm import compact

# --- reading order of text dumps -------------------------------------------------------------
# A text extractor emits a page's two columns first and its full-width blocks (a notice's
# header: issuer, title, 文号, addressees, covering text, signature, date, enclosed title) last.
# The header belongs where the new notice's body starts on that page.


def repair_header_order(page: Page) -> None:
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


def move_enclosed_titles_to_page_top(doc: Document) -> None:
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
