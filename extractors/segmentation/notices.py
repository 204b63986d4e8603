"""Each segmented block read as a notice: its parts, its id, its section and its pages."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.rows.ids import notice_id
from extractors.segmentation.front_matter import TocEntry
from extractors.segmentation.notice_parts import NoticeParts, read_parts
from extractors.segmentation.segment import NoticeBlock
from extractors.segmentation.titles import titles_match

# Which section a government's own documents are printed in, when no label or 目录 says so:
# 市政府文件 / 县政府办公室文件 / 省政府文件 … by the level of the government.
_GOVERNMENT = re.compile(r"(?P<level>[省市县区州])人民政府(?P<office>办公[室厅])?$")


@dataclass(frozen=True)
class NoticeRecord:
    block: NoticeBlock
    parts: NoticeParts
    notice_id: str
    section: str | None
    page_start: int  # source pages of its body and tables
    page_end: int


def read_notices(
    blocks: list[NoticeBlock], issue_id: str, toc: list[TocEntry]
) -> list[NoticeRecord]:
    records: list[NoticeRecord] = []
    previous_section: str | None = None
    for block in blocks:
        parts = read_parts(block)
        section = section_of(parts, toc) or previous_section
        previous_section = section
        pages = [line.page for line in block.lines if line.kind in ("body", "table")]
        records.append(
            NoticeRecord(
                block=block,
                parts=parts,
                notice_id=notice_id(issue_id, block.seq),
                section=section,
                page_start=min(pages),
                page_end=max(pages),
            )
        )
    return records


def section_of(parts: NoticeParts, toc: list[TocEntry]) -> str | None:
    """The 目录 says which section a document is in; a running label only says which section
    the page is in, and a page may hold the end of one section and the start of the next."""
    for entry in toc:
        if entry.section and same_document(entry, parts):
            return entry.section
    if parts.section_labels:
        return parts.section_labels[0]
    m = _GOVERNMENT.search(parts.issuers[0]) if len(parts.issuers) == 1 else None
    if m:
        level = "市" if m.group("level") == "州" else m.group("level")
        return f"{level}政府办公室文件" if m.group("office") else f"{level}政府文件"
    return None


def same_document(entry: TocEntry, parts: NoticeParts) -> bool:
    """Whether a 目录 entry lists this notice: by 文号 when both have one, else by title."""
    if entry.doc_number and parts.doc_number_text:
        return entry.doc_number == parts.doc_number_text
    return titles_match(entry.title, parts.title)
