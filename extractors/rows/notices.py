"""Rows of the text datasets: notices, articles, outline, attachments, citations, and the
issue's own rows (issues, toc_entries). Plain dicts shaped by schemas/."""

from __future__ import annotations

from extractors.metadata.citations import PlacedCitation
from extractors.metadata.validity import Term
from extractors.model import Source
from extractors.rows.ids import article_id, outline_id
from extractors.segmentation.body import NoticeBody, TextPart
from extractors.segmentation.front_matter import IssueInfo, TocEntry
from extractors.segmentation.notice_parts import AttachmentBlock
from extractors.segmentation.notices import NoticeRecord
from extractors.segmentation.toc_match import TocMatch


def notice_row(
    rec: NoticeRecord,
    issue_id: str,
    body: NoticeBody,
    term: Term,
    page_labels: dict[int, str | None],
    page_offset: int | None,
    prov: dict,
) -> dict:
    """page_offset: set when the 目录 gave the printed pages (Markdown), else None."""
    parts = rec.parts
    number = parts.doc_number
    effective, validity = term.effective, term.validity
    # The text keeps the document's characters: the 主送机关 as printed, not rejoined.
    # A rule printed under its adoption note keeps the note in its text (it has no 文号).
    header = rec.block.header
    note = header.anchor if header.kind == "regulation" else None
    header_lines = [parts.title, parts.doc_number_text or note or "", parts.addressee_line or ""]
    offset = page_offset or 0
    return {
        "notice_id": rec.notice_id,
        "issue_id": issue_id,
        "seq": rec.block.seq,
        "section": rec.section,
        "title": parts.title,
        "doc_type": parts.doc_type,
        "issuers": parts.issuers or None,
        "doc_number": parts.doc_number_text,
        "doc_agency_code": number.agency_code if number else None,
        "doc_year": number.year if number else None,
        "doc_serial": number.serial if number else None,
        "is_normative": number.is_normative if number else None,
        "addressees": parts.addressees or None,
        "signing_date": parts.signing_date,
        "effective_date": effective.date if effective else None,
        "effective_text": effective.text if effective else None,
        "validity_months": validity.months if validity else None,
        # No 试行期 stated means the document is not on trial.
        "is_trial": validity.is_trial if validity else False,
        "expiry_date": term.expiry,
        "enclosed_title": parts.enclosed_title,
        "page_start": rec.page_start + offset,
        "page_end": rec.page_end + offset,
        "page_label_start": str(rec.page_start + offset)
        if page_offset is not None
        else page_labels.get(rec.page_start),
        "text": "\n".join(line for line in [*header_lines, body.main.text] if line),
        **prov,
    }


def attachment_row(
    rec: NoticeRecord,
    issue_id: str,
    att: AttachmentBlock,
    part: TextPart,
    page_offset: int,
    prov: dict,
) -> dict:
    return {
        "notice_id": rec.notice_id,
        "issue_id": issue_id,
        "attachment_no": att.no,
        "title": att.title,
        "page_start": att.page_start + page_offset,
        "page_end": att.page_end + page_offset,
        "text": part.text,
        **prov,
    }


def article_rows(
    rec: NoticeRecord, issue_id: str, part: TextPart, page_offset: int, prov: dict
) -> list[dict]:
    return [
        {
            "article_id": article_id(rec.notice_id, part.attachment_no, seq),
            "notice_id": rec.notice_id,
            "issue_id": issue_id,
            "attachment_no": part.attachment_no,
            "chapter_no": art.chapter_no,
            "chapter_title": art.chapter_title,
            "section_no": art.section_no,
            "section_title": art.section_title,
            "article_no": art.article_no,
            "label": art.label,
            "text": art.text,
            "page": art.page + page_offset,
            **prov,
        }
        for seq, art in enumerate(part.articles, start=1)
    ]


def outline_rows(
    rec: NoticeRecord, issue_id: str, part: TextPart, page_offset: int, prov: dict
) -> list[dict]:
    return [
        {
            "outline_id": outline_id(rec.notice_id, part.attachment_no, seq),
            "notice_id": rec.notice_id,
            "issue_id": issue_id,
            "attachment_no": part.attachment_no,
            "seq": seq,
            "level": item.level,
            "marker_type": item.marker_type,
            "number": item.number,
            "label": item.label,
            "heading": item.heading,
            "text": item.text,
            "parent_seq": item.parent + 1 if item.parent is not None else None,
            "article_no": item.article_no,
            "page": item.page + page_offset,
            **prov,
        }
        for seq, item in enumerate(part.outline, start=1)
    ]


def citation_rows(
    rec: NoticeRecord,
    issue_id: str,
    citations: list[PlacedCitation],
    known_numbers: dict[str, str],
    prov: dict,
) -> list[dict]:
    """known_numbers: 文号 → notice_id of the notices of this issue, to link what they cite."""
    return [
        {
            "notice_id": rec.notice_id,
            "issue_id": issue_id,
            "seq": seq,
            "cited_title": cite.title,
            "cited_doc_number": cite.doc_number,
            "cited_notice_id": known_numbers.get(cite.doc_number),
            "attachment_no": att_no,
            **prov,
        }
        for seq, (att_no, cite) in enumerate(citations, start=1)
    ]


def toc_rows(
    toc: list[TocEntry], matches: dict[int, TocMatch], issue_id: str, prov: dict
) -> list[dict]:
    return [
        {
            "issue_id": issue_id,
            "seq": entry.seq,
            "section": entry.section,
            "title": entry.title,
            "doc_number": entry.doc_number,
            "page": entry.page,
            "notice_id": matches[entry.seq].notice_id if entry.seq in matches else None,
            **prov,
        }
        for entry in toc
    ]


def issue_row(
    source: Source, issue_id: str, info: IssueInfo, page_count: int, notice_count: int, prov: dict
) -> dict:
    return {
        "issue_id": issue_id,
        "source_path": source.path,
        "source_format": source.format,
        "gazette_name": info.gazette_name,
        "year": info.year,
        "issue_label": info.issue_label,
        "issue_numbers": info.issue_numbers or None,
        "total_issue_no": info.total_issue_no,
        "page_count": page_count,
        "notice_count": notice_count,
        **prov,
    }
