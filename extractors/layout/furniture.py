"""Page furniture: running headers, section labels and page numbers, decided from the text.

Readers mark every line "body"; this stage says which lines are furniture so that later
stages read body text alone.
"""

from __future__ import annotations

import re
from collections import Counter

from extractors.model import Document, Line, LineKind
from extractors.patterns import (
    CHAPTER_OR_ARTICLE_START,
    DASHED_PAGE_NUMBER,
    PAGE_NUMBER,
    RUNNING_HEADER,
)
from extractors.textnorm import compact
from extractors.vocabulary import SECTION_LABELS

_SECTION_LABEL = re.compile(r"^[\u4e00-\u9fff]{1,8}文件$")


_OTHER_SECTION_LABEL = re.compile(r"^[\u4e00-\u9fff]{1,8}(规章|法规|任免|信息|动态)$")


def is_section_label(text: str, recurring: bool = False) -> bool:
    flat = compact(text)
    if CHAPTER_OR_ARTICLE_START.match(flat):
        return False  # 第四章 情报信息 is a rule's chapter, however it ends
    if flat in SECTION_LABELS or _SECTION_LABEL.match(flat):
        return True
    return recurring and bool(_OTHER_SECTION_LABEL.match(flat))


def mark_furniture(doc: Document) -> None:
    for line in doc.lines():
        if line.in_band and line.kind == "body":
            line.kind = _band_kind(line.text)
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
            elif DASHED_PAGE_NUMBER.match(flat):
                line.kind = "page_number"  # — 12 — is a page number wherever it stands
        for i, line in enumerate(lines):
            near_header = any(
                lines[j].kind == "running_header"
                for j in range(max(0, i - 2), min(len(lines), i + 3))
            )
            if line.kind == "body" and near_header and PAGE_NUMBER.match(line.text):
                line.kind = "page_number"


def _band_kind(text: str) -> LineKind:
    """What a line printed in the header or footer band is: every such line is furniture."""
    if PAGE_NUMBER.match(text):
        return "page_number"
    return "section_label" if is_section_label(text) else "running_header"


def _inside_sentence(lines: list[Line], i: int) -> bool:
    """A 文件 line that only continues a sentence (……的 / 文件) is text, not a label."""
    if i == 0:
        return False
    prev = lines[i - 1]
    return prev.kind == "body" and bool(prev.text) and prev.text[-1] in "的和及与、"
