"""Every dataset's rows for one issue, from what the stages found. Dataset names come from
schemas/; diagnostics are not rows here (they travel as `Diagnostic`s beside the rows)."""

from __future__ import annotations

from dataclasses import dataclass

from extractors import EXTRACTOR_VERSION
from extractors.metadata.citations import PlacedCitation
from extractors.metadata.identity import document_key
from extractors.metadata.status_events import StatusEvent
from extractors.metadata.validity import Term
from extractors.model import Source
from extractors.rows.ids import document_id
from extractors.rows.notices import (
    article_rows,
    attachment_row,
    citation_rows,
    issue_row,
    notice_row,
    outline_rows,
    toc_rows,
)
from extractors.rows.status_events import status_event_rows
from extractors.rows.tables import table_rows
from extractors.segmentation.body import NoticeBody
from extractors.segmentation.front_matter import IssueInfo, TocEntry
from extractors.segmentation.notices import NoticeRecord
from extractors.segmentation.toc_match import TocMatch
from extractors.tables.notice_tables import NoticeTable
from schemas import DATASETS


@dataclass(frozen=True)
class NoticeFindings:
    """Everything the stages found for one notice."""

    record: NoticeRecord
    body: NoticeBody
    term: Term
    events: list[StatusEvent]
    citations: list[PlacedCitation]
    tables: list[NoticeTable]
    page_offset: int | None  # source page → printed page, when the 目录 gave it (Markdown)


def dataset_rows(
    source: Source,
    issue_id: str,
    info: IssueInfo,
    toc: list[TocEntry],
    toc_matches: dict[int, TocMatch],
    notices: list[NoticeFindings],
    page_labels: dict[int, str | None],
    page_count: int,
    page_sources: dict[int, str | None] | None = None,
) -> dict[str, list[dict]]:
    prov = {"source_sha256": source.sha256, "extractor_version": EXTRACTOR_VERSION}
    rows: dict[str, list[dict]] = {name: [] for name in DATASETS}
    known_numbers = {
        n.record.parts.doc_number_text: n.record.notice_id
        for n in notices
        if n.record.parts.doc_number_text
    }
    for n in notices:
        rec, offset = n.record, n.page_offset or 0
        # Rows read from a notice's pages say where its text came from (pdf_text | ocr).
        source_of = text_source(page_sources or {}, rec.page_start, rec.page_end)
        nprov = {**prov, "text_source": source_of}
        for name, found in table_rows(n.tables, rec.notice_id, issue_id, offset, nprov).items():
            rows[name] += found
        notice = notice_row(rec, issue_id, n.body, n.term, page_labels, n.page_offset, nprov)
        notice["document_id"] = document_id(
            document_key(
                notice["doc_number"],
                notice["issuers"],
                notice["title"],
                notice["signing_date"],
                notice["effective_date"],
            )
        )
        rows["notices"].append(notice)
        rows["status_events"] += status_event_rows(rec.notice_id, issue_id, n.events, prov)
        rows["articles"] += article_rows(rec, issue_id, n.body.main, offset, nprov)
        rows["outline"] += outline_rows(rec, issue_id, n.body.main, offset, nprov)
        for att, part in n.body.attachments:
            rows["attachments"].append(attachment_row(rec, issue_id, att, part, offset, nprov))
            rows["outline"] += outline_rows(rec, issue_id, part, offset, nprov)
            rows["articles"] += article_rows(rec, issue_id, part, offset, nprov)
        rows["citations"] += citation_rows(rec, issue_id, n.citations, known_numbers, nprov)
    rows.update(issue_rows(source, issue_id, info, toc, toc_matches, page_count, len(notices)))
    return rows


def issue_rows(
    source: Source,
    issue_id: str,
    info: IssueInfo,
    toc: list[TocEntry],
    toc_matches: dict[int, TocMatch],
    page_count: int,
    notice_count: int,
) -> dict[str, list[dict]]:
    """The issue's own rows: its 目录 entries and its one issues row."""
    prov = {"source_sha256": source.sha256, "extractor_version": EXTRACTOR_VERSION}
    return {
        "toc_entries": toc_rows(toc, toc_matches, issue_id, prov),
        "issues": [issue_row(source, issue_id, info, page_count, notice_count, prov)],
    }


def text_source(page_sources: dict[int, str | None], first: int, last: int) -> str | None:
    """ocr when any of the pages was read by OCR, pdf_text when they all have a text layer,
    None for sources without pages of their own (text dumps, Markdown, HTML)."""
    found = {page_sources.get(p) for p in range(first, last + 1)} - {None}
    if not found:
        return None
    return "ocr" if "ocr" in found else "pdf_text"
