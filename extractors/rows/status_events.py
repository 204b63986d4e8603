"""Rows of the `status_events` dataset: what a notice says about its own and other documents'
status (extractors.metadata.status_events). Plain dicts shaped by schemas/."""

from __future__ import annotations

from extractors.metadata.status_events import StatusEvent


def status_event_rows(
    notice_id: str, issue_id: str, events: list[StatusEvent], prov: dict
) -> list[dict]:
    return [
        {
            "notice_id": notice_id,
            "issue_id": issue_id,
            "seq": seq,
            "event": e.event,
            "subject": e.subject,
            "event_date": e.date,
            "date_basis": e.date_basis,
            "cited_doc_number": e.cited.doc_number if e.cited else None,
            "cited_title": e.cited.title if e.cited else None,
            "sentence": e.sentence,
            **prov,
        }
        for seq, e in enumerate(events, start=1)
    ]
