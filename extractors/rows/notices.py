"""Turn a segmented issue into dataset rows (plain dicts shaped by schemas/)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors import EXTRACTOR_VERSION
from extractors.layout.paragraphs import join_paragraphs, wrap_widths
from extractors.metadata.citations import find_citations
from extractors.metadata.validity import expiry_date, find_effective, parse_validity
from extractors.model import Diagnostic, Document, TableGrid
from extractors.rows.tables import TYPED, table_rows
from extractors.segmentation.front_matter import IssueInfo, TocEntry
from extractors.segmentation.notice_parts import NoticeParts, read_parts
from extractors.segmentation.outline import OutlineItem, find_articles, find_outline
from extractors.segmentation.segment import NoticeBlock
from extractors.segmentation.titles import titles_match

# Which section a government's own documents are printed in, when no label or 目录 says so:
# 市政府文件 / 县政府办公室文件 / 省政府文件 … by the level of the government.
_GOVERNMENT = re.compile(r"(?P<level>[省市县区州])人民政府(?P<office>办公[室厅])?$")


@dataclass
class NoticeRecord:
    block: NoticeBlock
    parts: NoticeParts
    notice_id: str
    section: str | None
    page_start: int
    page_end: int
    pages_are_printed: bool = False  # pages were anchored at the 目录's printed numbers


def build_rows(
    doc: Document,
    issue_id: str,
    info: IssueInfo,
    toc: list[TocEntry],
    blocks: list[NoticeBlock],
) -> tuple[dict[str, list[dict]], list[Diagnostic]]:
    prov = {"source_sha256": doc.source.sha256, "extractor_version": EXTRACTOR_VERSION}
    body_lines = [line for line in doc.lines() if line.kind == "body"]
    width = wrap_widths(body_lines) if doc.source.format == "text" else None
    diagnostics: list[Diagnostic] = []

    records = _notice_records(blocks, issue_id, toc)
    toc_match = _reconcile_toc(toc, records, diagnostics)
    if doc.source.format == "markdown":
        _pages_from_toc(records, toc_match, doc.tables)
    labels = {page.index: page.label for page in doc.pages}
    known_numbers = {
        r.parts.doc_number_text: r.notice_id for r in records if r.parts.doc_number_text
    }

    rows: dict[str, list[dict]] = {
        name: []
        for name in ("notices", "articles", "outline", "attachments", "citations", "toc_entries")
    }
    for name in ("tables", "table_cells", *TYPED):
        rows[name] = []
    for rec in records:
        titles = {att.no: att.title for att in rec.parts.attachments}
        for name, found in table_rows(
            doc, rec.notice_id, issue_id, rec.parts.tables, titles, prov
        ).items():
            rows[name] += found
        main_paragraphs = join_paragraphs(rec.parts.main, width)
        main_text = "\n".join(p.text for p in main_paragraphs)
        rows["notices"].append(_notice_row(rec, issue_id, main_text, labels, prov))
        articles = find_articles(main_paragraphs)
        _article_rows(rows["articles"], rec, issue_id, None, articles, prov)
        _outline_rows(rows["outline"], rec, issue_id, None, find_outline(main_paragraphs), prov)
        cites = [(None, c) for c in find_citations(main_text, rec.parts.doc_number_text)]
        for att in rec.parts.attachments:
            att_paragraphs = join_paragraphs(att.lines, width)
            att_text = "\n".join(p.text for p in att_paragraphs)
            rows["attachments"].append(
                {
                    "notice_id": rec.notice_id,
                    "issue_id": issue_id,
                    "attachment_no": att.no,
                    "title": att.title,
                    "page_start": att.page_start,
                    "page_end": att.page_end,
                    "text": att_text,
                    **prov,
                }
            )
            _outline_rows(
                rows["outline"], rec, issue_id, att.no, find_outline(att_paragraphs), prov
            )
            _article_rows(
                rows["articles"],
                rec,
                issue_id,
                att.no,
                find_articles(att_paragraphs, sequential=False),
                prov,
            )
            cites += [(att.no, c) for c in find_citations(att_text, rec.parts.doc_number_text)]
        for seq, (att_no, cite) in enumerate(cites, start=1):
            rows["citations"].append(
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
            )
    for entry in toc:
        rows["toc_entries"].append(
            {
                "issue_id": issue_id,
                "seq": entry.seq,
                "section": entry.section,
                "title": entry.title,
                "doc_number": entry.doc_number,
                "page": entry.page,
                "notice_id": toc_match[entry.seq][0] if entry.seq in toc_match else None,
                **prov,
            }
        )
    rows["issues"] = [
        {
            "issue_id": issue_id,
            "source_path": doc.source.path,
            "source_format": doc.source.format,
            "gazette_name": info.gazette_name,
            "year": info.year,
            "issue_label": info.issue_label,
            "issue_numbers": info.issue_numbers or None,
            "total_issue_no": info.total_issue_no,
            "page_count": len(doc.pages),
            "notice_count": len(records),
            **prov,
        }
    ]
    return rows, diagnostics


def _notice_records(
    blocks: list[NoticeBlock], issue_id: str, toc: list[TocEntry]
) -> list[NoticeRecord]:
    records: list[NoticeRecord] = []
    previous_section: str | None = None
    for block in blocks:
        parts = read_parts(block)
        section = _section(parts, toc) or previous_section
        previous_section = section
        pages = [line.page for line in block.lines if line.kind in ("body", "table")]
        records.append(
            NoticeRecord(
                block=block,
                parts=parts,
                notice_id=f"{issue_id}-n{block.seq:03d}",
                section=section,
                page_start=min(pages),
                page_end=max(pages),
            )
        )
    return records


def _section(parts: NoticeParts, toc: list[TocEntry]) -> str | None:
    """The 目录 says which section a document is in; a running label only says which section
    the page is in, and a page may hold the end of one section and the start of the next."""
    for entry in toc:
        if entry.section and _same_document(entry, parts):
            return entry.section
    if parts.section_labels:
        return parts.section_labels[0]
    m = _GOVERNMENT.search(parts.issuers[0]) if len(parts.issuers) == 1 else None
    if m:
        level = "市" if m.group("level") == "州" else m.group("level")
        return f"{level}政府办公室文件" if m.group("office") else f"{level}政府文件"
    return None


def _same_document(entry: TocEntry, parts: NoticeParts) -> bool:
    if entry.doc_number and parts.doc_number_text:
        return entry.doc_number == parts.doc_number_text
    return titles_match(entry.title, parts.title)


def _reconcile_toc(
    toc: list[TocEntry], records: list[NoticeRecord], diagnostics: list[Diagnostic]
) -> dict[int, tuple[str, int | None]]:
    """目录 entry seq → (notice_id, printed page); every disagreement becomes a diagnostic."""
    matched: dict[int, tuple[str, int | None]] = {}
    used: set[str] = set()
    for entry in toc:
        rec = next(
            (r for r in records if r.notice_id not in used and _same_document(entry, r.parts)), None
        )
        if rec is None:
            diagnostics.append(
                Diagnostic(
                    "validate",
                    "warning",
                    "toc_entry_not_found",
                    f"目录 entry {entry.seq} ({entry.doc_number or entry.title}) matches no notice found in the text",
                    entry.source_page,
                )
            )
            continue
        used.add(rec.notice_id)
        matched[entry.seq] = (rec.notice_id, entry.page)
        if entry.title != rec.parts.title:
            diagnostics.append(
                Diagnostic(
                    "validate",
                    "info",
                    "toc_title_differs",
                    f"目录 entry {entry.seq} title differs from notice {rec.block.seq}: {entry.title} / {rec.parts.title}",
                    entry.source_page,
                )
            )
    if toc:
        for rec in records:
            if rec.notice_id not in used:
                diagnostics.append(
                    Diagnostic(
                        "validate",
                        "warning",
                        "notice_not_in_toc",
                        f"notice {rec.block.seq} ({rec.parts.doc_number_text or rec.parts.title}) is not listed in the 目录",
                        rec.page_start,
                    )
                )
    return matched


def _pages_from_toc(
    records: list[NoticeRecord],
    toc_match: dict[int, tuple[str, int | None]],
    tables: list[TableGrid],
) -> None:
    """Converter Markdown has no pages: anchor each notice at the page its 目录 entry gives."""
    printed = {notice_id: page for notice_id, page in toc_match.values() if page}
    for rec in records:
        page = printed.get(rec.notice_id)
        if page is None:
            continue
        offset = page - rec.page_start
        for line in rec.block.lines:
            line.page += offset
        for att in rec.parts.attachments:
            att.page_start += offset
            att.page_end += offset
        for index in {placed[0] for placed in rec.parts.tables}:
            tables[index].page_start += offset
            tables[index].page_end += offset
        rec.page_start += offset
        rec.page_end += offset
        rec.pages_are_printed = True


def _notice_row(rec: NoticeRecord, issue_id: str, main_text: str, labels: dict, prov: dict) -> dict:
    parts = rec.parts
    effective = find_effective(main_text, parts.signing_date)
    validity = None
    if effective:
        paragraph = next(
            (p for p in main_text.split("\n") if effective.text[:12] in p), effective.text
        )
        validity = parse_validity(effective.text) or parse_validity(paragraph)
    number = parts.doc_number
    addressees = "、".join(parts.addressees) + "：" if parts.addressees else ""
    header_lines = [parts.title, parts.doc_number_text or "", addressees]
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
        "expiry_date": expiry_date(effective.date if effective else None, validity),
        "enclosed_title": parts.enclosed_title,
        "page_start": rec.page_start,
        "page_end": rec.page_end,
        "page_label_start": str(rec.page_start)
        if rec.pages_are_printed
        else labels.get(rec.page_start),
        "text": "\n".join(line for line in [*header_lines, main_text] if line),
        **prov,
    }


def _article_rows(
    out: list[dict],
    rec: NoticeRecord,
    issue_id: str,
    attachment_no: int | None,
    articles,
    prov: dict,
) -> None:
    for seq, art in enumerate(articles, start=1):
        out.append(
            {
                "article_id": f"{rec.notice_id}-{attachment_no or 0}-{seq:03d}",
                "notice_id": rec.notice_id,
                "issue_id": issue_id,
                "attachment_no": attachment_no,
                "chapter_no": art.chapter_no,
                "chapter_title": art.chapter_title,
                "section_no": art.section_no,
                "section_title": art.section_title,
                "article_no": art.article_no,
                "label": art.label,
                "text": art.text,
                "page": art.page,
                **prov,
            }
        )


def _outline_rows(
    out: list[dict],
    rec: NoticeRecord,
    issue_id: str,
    attachment_no: int | None,
    items: list[OutlineItem],
    prov: dict,
) -> None:
    for seq, item in enumerate(items, start=1):
        out.append(
            {
                "outline_id": f"{rec.notice_id}-{attachment_no or 0}-o{seq:03d}",
                "notice_id": rec.notice_id,
                "issue_id": issue_id,
                "attachment_no": attachment_no,
                "seq": seq,
                "level": item.level,
                "marker_type": item.marker_type,
                "number": item.number,
                "label": item.label,
                "heading": item.heading,
                "text": item.text,
                "parent_seq": item.parent + 1 if item.parent is not None else None,
                "article_no": item.article_no,
                "page": item.page,
                **prov,
            }
        )
