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
from extractors.vocabulary import COLOPHON_LABELS, COLOPHON_START, SECTION_LABELS

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
    # A label recurs wherever it is printed: in the header band of its pages, over a rule at
    # the top of its section's first page (a PDF puts that in the band too), in the 目录.
    all_lines = doc.lines()
    flats = {id(line): compact(line.text) for line in all_lines}  # texts stay; kinds change
    whole_lines = Counter(flats[id(line)] for line in all_lines if line.kind == "body")
    for line in all_lines:
        if line.in_band and line.kind == "body":
            line.kind = _band_kind(line.text, whole_lines[flats[id(line)]] >= 2)
    for page in doc.pages:
        lines = page.lines
        for i, line in enumerate(lines):
            if line.kind != "body":
                continue
            flat = flats[id(line)]
            recurring = whole_lines[flat] >= 2 or bool(line.heading_level)
            if RUNNING_HEADER.match(flat) or RUNNING_HEADER.match(line.text):
                line.kind = "running_header"
            elif is_section_label(line.text, recurring) and not _inside_sentence(lines, i):
                line.kind = "section_label"
            elif DASHED_PAGE_NUMBER.match(flat):
                line.kind = "page_number"  # — 12 — is a page number wherever it stands
        _mark_figure_labels(lines, flats)
        for i, line in enumerate(lines):
            if line.kind != "body" or not PAGE_NUMBER.match(line.text):
                continue
            window = lines[max(0, i - 2) : i + 3]
            if any(near.kind == "running_header" for near in window):
                line.kind = "page_number"
    _mark_colophon(doc)


def _band_kind(text: str, recurring: bool) -> LineKind:
    """What a line printed in the header or footer band is: every such line is furniture."""
    if PAGE_NUMBER.match(text):
        return "page_number"
    return "section_label" if is_section_label(text, recurring) else "running_header"


def _inside_sentence(lines: list[Line], i: int) -> bool:
    """A 文件 line that only continues a sentence (……的 / 文件) is text, not a label."""
    if i == 0:
        return False
    prev = lines[i - 1]
    return prev.kind == "body" and bool(prev.text) and prev.text[-1] in "的和及与、"


# A chart's labels, as a PDF's text layer gives them: a run of short lines, nearly all numbers
# (322, 2018, 2020308 where a year and a bar value share a baseline), the axis title (天数)
# among them. Only lines with geometry: a text dump's tables also come one number a line,
# and are rebuilt as tables later (clean.py).
FIGURE_LABEL_RUN = 4  # lines in a run, at least; all but one of them numbers
FIGURE_LABEL_MAX = 8  # characters of an axis label or a bar's value
_FIGURE_NUMBER = re.compile(r"[0-9][0-9.,%]*")
_FIGURE_WORD = re.compile(r"[\u4e00-\u9fff]{1,4}")


def _is_figure_label(line: Line, flat: str) -> bool:
    short = 0 < len(flat) <= FIGURE_LABEL_MAX and line.bbox is not None
    return short and bool(_FIGURE_NUMBER.fullmatch(flat) or _FIGURE_WORD.fullmatch(flat))


def _mark_figure_labels(lines: list[Line], flats: dict[int, str]) -> None:
    """`flats`: each line's compacted text, by id."""
    i = 0
    while i < len(lines):
        j = i
        while (
            j < len(lines)
            and lines[j].kind == "body"
            and _is_figure_label(lines[j], flats[id(lines[j])])
        ):
            j += 1
        if j - i >= FIGURE_LABEL_RUN:
            numbers = sum(bool(_FIGURE_NUMBER.fullmatch(flats[id(x)])) for x in lines[i:j])
            if numbers >= j - i - 1:
                for line in lines[i:j]:
                    line.kind = "figure_label"
        i = max(j, i + 1)


# The imprint is on the last pages; the cover's masthead (编印单位 as a heading, its value on
# the next line) is front matter and stays body for segmentation/front_matter.py.
COLOPHON_PAGES = 2  # the last pages the imprint is looked for on
_COLOPHON_START = re.compile(f"^(?:{'|'.join(COLOPHON_START)})[：:].+")
_COLOPHON_FIELD = re.compile(f"^(?:{'|'.join(COLOPHON_LABELS)})[：:]")
_IMPRINT_EXTRA = re.compile(
    r"^[（(][^）)]{1,20}[)）]$|^\d{4}年第?\d"
)  # (月刊) (总第69期) 2024年第12期


def _mark_colophon(doc: Document) -> None:
    for page in doc.pages[-COLOPHON_PAGES:]:
        inside = False
        for line in page.lines:
            flat = compact(line.text)
            if line.kind != "body":
                continue
            if _COLOPHON_START.match(flat):
                inside = True
            elif inside and not (_COLOPHON_FIELD.match(flat) or _IMPRINT_EXTRA.match(flat)):
                inside = False
            if inside:
                line.kind = "colophon"
