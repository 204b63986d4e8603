"""The 目录 against the notices found in the text: which entry lists which notice, where they
disagree (as diagnostics), and the printed pages it gives to sources that lost theirs."""

from __future__ import annotations

from dataclasses import dataclass

from extractors.model import Diagnostic
from extractors.segmentation.front_matter import TocEntry
from extractors.segmentation.notices import NoticeRecord, same_document


@dataclass(frozen=True)
class TocMatch:
    notice_id: str
    page: int | None  # the printed page the entry gives


def reconcile_toc(
    toc: list[TocEntry], records: list[NoticeRecord], listed: bool | None = None
) -> tuple[dict[int, TocMatch], list[Diagnostic]]:
    """目录 entry seq → its notice; every disagreement becomes a diagnostic.

    `listed`: whether the issue prints a 目录 at all (default: `toc` is not empty); a long
    dump read in sections passes the entries still unmatched, maybe none, and True."""
    matched: dict[int, TocMatch] = {}
    diagnostics: list[Diagnostic] = []
    used: set[str] = set()
    for entry in toc:
        rec = next(
            (r for r in records if r.notice_id not in used and same_document(entry, r.parts)), None
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
        matched[entry.seq] = TocMatch(rec.notice_id, entry.page)
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
    if toc if listed is None else listed:
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
    return matched, diagnostics


def printed_page_offsets(
    records: list[NoticeRecord], matches: dict[int, TocMatch]
) -> dict[str, int]:
    """notice_id → what to add to its source pages to get printed ones, for each notice the
    目录 places. Converter Markdown has no pages: the 目录 anchors each notice at its page."""
    printed = {m.notice_id: m.page for m in matches.values() if m.page}
    return {
        rec.notice_id: printed[rec.notice_id] - rec.page_start
        for rec in records
        if rec.notice_id in printed
    }
