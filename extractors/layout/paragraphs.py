"""Join lines into paragraphs, without inserting spaces between Chinese characters.

Text dumps and converters cut paragraphs at column edges and page breaks. A line continues
the paragraph above unless something says a new one starts: the line above closed a sentence
and stopped short, an outline marker (第X条, 一、, （一）, 1.) opens the line, or either line
is a header element (a title, a signature, a date).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from functools import lru_cache

from extractors.metadata.dates import is_date_line
from extractors.metadata.organs.names import is_org_name
from extractors.model import Line
from extractors.patterns import CN_NUM
from extractors.segmentation.headers import (
    is_adoption_line,
    is_rule_title,
    match_document_title,
)
from extractors.textnorm import display_width

OUTLINE_MARKER = re.compile(
    rf"^(第{CN_NUM}[编章节条款]"
    r"|[一二三四五六七八九十]+、"
    r"|[（(][一二三四五六七八九十]+[)）]"
    r"|\d+[.．、](?!\d)"
    r"|[（(]\d+[)）]"
    r"|[①-⑳]"
    r"|附件\s*\d*(?![\d）)])"  # not a cross-reference cut at a line start: 附件1）
    r"|☆|★|●|■|◆)"
)
_SENTENCE_END = "。！？：；…"
# Each line is asked up to three times whether it is a header element (as the line, as the
# line above, for the paragraph under it): remembered for a window of recent lines.
HEADER_CACHE_LINES = 1024
# A short remark in brackets on its own line, under a signature: （此件公开发布）.
_REMARK = re.compile(r"^[（(][^（()）。]{1,20}[)）]$")


@dataclass
class Paragraph:
    text: str
    page: int
    page_end: int
    heading: bool = False  # the converter set it as a heading
    first_line: int = 0  # index of its first line in the input


def join_paragraphs(
    lines: list[Line], wrap_width: float | dict[int, float] | None = None
) -> list[Paragraph]:
    """Body lines (furniture and tables already removed) → paragraphs in reading order.

    wrap_width: the column width in CJK cells for text dumps (one for all, or one per page),
    where a line that stops short of it ends its paragraph. None for sources whose lines are
    already paragraphs.
    """
    paragraphs: list[Paragraph] = []
    prev: Line | None = None
    prev_opened = False  # prev was the first line of its paragraph (printed indented)
    under_header = False  # the paragraph opened under a date, signature or remark line
    for i, line in enumerate(lines):
        text = line.text
        if not text:
            continue
        width = wrap_width.get(prev.page) if isinstance(wrap_width, dict) and prev else wrap_width
        if (
            prev is not None
            and paragraphs
            and _continues(prev, line, width, prev_opened)
            and not (under_header and _ends_at_title(paragraphs[-1].text, text))
        ):
            last = paragraphs[-1]
            last.text = _glue(last.text, text)
            last.page_end = line.page
            prev_opened = False
        else:
            prev_opened = True
            under_header = prev is not None and _is_header_element(prev.text)
            paragraphs.append(
                Paragraph(
                    text=text,
                    page=line.page,
                    page_end=line.page,
                    heading=bool(line.heading_level),
                    first_line=i,
                )
            )
        prev = line
    return paragraphs


def typical_width(lines: list[Line]) -> float | None:
    """The column width of a text dump: the most common width of its longer lines.

    Most lines of a column run to its edge, so the mode is the column width; shorter lines
    (paragraph ends, headings) and full-width blocks are rarer.
    """
    widths = [round(display_width(line.text)) for line in lines if display_width(line.text) >= 6]
    if len(widths) < 8:
        return None
    return float(statistics.mode(widths))


def wrap_widths(lines: list[Line]) -> dict[int, float]:
    """Column width per page, for pages whose column differs (forms, single-column pages)."""
    overall = typical_width(lines)
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    widths = {page: typical_width(page_lines) or overall for page, page_lines in by_page.items()}
    return {page: width for page, width in widths.items() if width is not None}


def _continues(prev: Line, line: Line, wrap_width: float | None, prev_opened: bool = False) -> bool:
    if prev.heading_level or line.heading_level:
        return False
    if OUTLINE_MARKER.match(line.text):
        return False
    if _ends_paragraph(prev.text, prev_opened) or _is_header_element(line.text):
        return False
    if prev.wrapped is not None:  # the reader saw where the line stopped
        return prev.wrapped
    ended = prev.text[-1] in _SENTENCE_END
    if wrap_width is None:
        return not ended
    # A paragraph's first line is printed indented by two characters (首行缩进).
    indent = 2 if prev_opened else 0
    short = display_width(prev.text) < wrap_width - 1.5 - indent
    if short:
        return False
    # A sentence that ended at the column edge, followed by an indented line: new paragraph.
    indented_next = abs(display_width(line.text) - (wrap_width - 2)) <= 0.5
    return not (ended and indented_next)


@lru_cache(maxsize=HEADER_CACHE_LINES)
def _is_header_element(text: str) -> bool:
    """A line that is a paragraph of its own: a date, an organ (a signature), a rule's adoption
    note."""
    return is_date_line(text) or (len(text) <= 30 and is_org_name(text)) or is_adoption_line(text)


def _ends_paragraph(text: str, whole: bool) -> bool:
    """A line nothing continues: a header element, or a remark printed as a paragraph of its
    own (whole: it opened its paragraph) such as （此件公开发布）."""
    return _is_header_element(text) or (whole and bool(_REMARK.match(text)))


def _ends_at_title(paragraph: str, nxt: str) -> bool:
    """Under a signature, a paragraph that already reads as a whole title (the enclosed rule's,
    or another document's) ends there: the text under it is not glued to it. Its bracketed
    tail （2024—2025年） / （试行） still belongs to it."""
    if _REMARK.match(nxt):
        return False
    return is_rule_title(paragraph, about=True) or match_document_title(paragraph) is not None


def _glue(a: str, b: str) -> str:
    # Latin words and numbers cut at a line end keep their space; Chinese never gets one.
    if a[-1] in "⁃-‐" and len(a) > 1 and a[-2].isascii() and a[-2].isalpha() and b[0].isascii():
        return a[:-1] + b  # a Latin word hyphenated at the column edge
    if a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalpha():
        return f"{a} {b}"
    return a + b
