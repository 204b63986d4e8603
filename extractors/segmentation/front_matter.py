"""Issue metadata (gazette name, year, issue numbers) and the 目录, from the front matter.

Running headers repeat the issue line on every page, so they are read too: an excerpt
without a cover still says which issue it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.layout.furniture import is_section_label
from extractors.metadata.docnumber import find_doc_numbers
from extractors.model import Line
from extractors.patterns import (
    ISSUE_NUMBER,
    RUNNING_HEADER,
    TOC_ORDER_NUMBER,
    TOTAL_ISSUE_NUMBER,
)
from extractors.segmentation.headers import match_document_title
from extractors.textnorm import compact

_GAZETTE_NAME = re.compile(r"^([\u4e00-\u9fff]{2,30}?公报)$")
_TOC_TAIL = re.compile(r"[.．·…]{3,}\s*[（(]?\s*(\d{1,4})\s*[)）]?\s*$")
_TOC_HEADING = re.compile(r"^目\s*录$")


@dataclass
class IssueInfo:
    gazette_name: str | None = None
    year: int | None = None
    issue_label: str | None = None
    issue_numbers: list[int] = field(default_factory=list)
    total_issue_no: int | None = None


@dataclass
class TocEntry:
    seq: int
    section: str | None
    title: str
    doc_number: str | None
    page: int | None
    source_page: int


def read_issue_info(front_matter: list[Line], all_lines: list[Line]) -> IssueInfo:
    info = IssueInfo()
    # Lines are unhashable dataclasses: a text set rules most out before the (exact) list test,
    # which compared every line of a long issue with every front-matter line.
    front_texts = {line.text for line in front_matter}
    for line in [*front_matter, *all_lines]:
        flat = compact(line.text)
        header = RUNNING_HEADER.match(flat)
        if header:
            info.gazette_name = info.gazette_name or header.group("name")
            _set_issue(info, header.group("year"), header.group("numbers"))
            if header.group("total"):
                info.total_issue_no = info.total_issue_no or int(header.group("total"))
            continue
        if line.text not in front_texts or line not in front_matter:
            continue
        name = _GAZETTE_NAME.match(flat)
        if name and info.gazette_name is None:
            info.gazette_name = name.group(1)
        issue = ISSUE_NUMBER.search(flat)
        if issue:
            _set_issue(info, issue.group(1), issue.group(2))
        total = TOTAL_ISSUE_NUMBER.search(flat)
        if total and info.total_issue_no is None:
            info.total_issue_no = int(total.group(1))
    return info


def _set_issue(info: IssueInfo, year: str, numbers: str) -> None:
    if info.year is not None:
        return
    info.year = int(year)
    parts = [int(n) for n in re.split(r"[/、-]", re.sub(r"\s", "", numbers)) if n]
    info.issue_numbers = parts
    info.issue_label = "/".join(str(n) for n in parts)


def read_toc(front_matter: list[Line]) -> list[TocEntry]:
    """Entries of the 目录: title lines closed by a line ending in dot leaders and a page."""
    start = next(
        (i for i, line in enumerate(front_matter) if _TOC_HEADING.match(compact(line.text))), None
    )
    if start is None:
        return []
    entries: list[TocEntry] = []
    section: str | None = None
    pending: list[Line] = []
    for line in _join_leader_and_page(front_matter[start + 1 :]):
        if line.kind == "section_label" or (is_section_label(line.text) and not pending):
            section = compact(line.text)
            pending = []
            continue
        if line.kind == "rule" or (line.heading_level and not match_document_title(line.text)):
            # Separators and cover slogans between entries are not part of any title.
            pending = []
            continue
        if line.kind != "body":
            continue
        pending.append(line)
        tail = _TOC_TAIL.search(line.text)
        if not tail:
            continue
        entry = _entry_from(pending, int(tail.group(1)), section, len(entries) + 1)
        if entry:
            entries.append(entry)
        pending = []
    return entries


_LEADER_ONLY = re.compile(r"[.．·…]{3,}\s*$")
_PAGE_ONLY = re.compile(r"^[（(]?\s*\d{1,4}\s*[)）]?$")


def _join_leader_and_page(lines: list[Line]) -> list[Line]:
    """A PDF may give the dot leader and its page number as two lines: make them one."""
    out: list[Line] = []
    for line in lines:
        if out and _PAGE_ONLY.match(line.text) and _LEADER_ONLY.search(out[-1].text):
            prev = out[-1]
            out[-1] = Line(text=f"{prev.text} {line.text}", page=prev.page, kind=prev.kind)
        else:
            out.append(line)
    return out


def _entry_from(lines: list[Line], page: int, section: str | None, seq: int) -> TocEntry | None:
    text = compact("".join(line.text for line in lines))
    text = _TOC_TAIL.sub("", text)
    numbers = find_doc_numbers(text)
    doc_number = numbers[-1].number.text if numbers else None
    if numbers:
        text = text[: numbers[-1].start].rstrip("（(")
    else:
        # 令/公告 entries carry 第N号: stored as notices store it, the organ's title + 第N号.
        order = TOC_ORDER_NUMBER.search(text)
        if order:
            text = text[: order.start()]
            doc_number = f"{text}第{order.group(1)}号"
    title = _trim_to_title(text)
    if not title:
        return None
    return TocEntry(seq, section, title, doc_number, page, lines[0].page)


def _trim_to_title(text: str) -> str:
    """Drop cover slogans and other leftovers a converter glued before the entry's title."""
    for i in range(len(text)):
        if match_document_title(text[i:]):
            return text[i:]
    return text
