"""Every id format, written once: ids come from content (the file's hash) and position.

schemas/ documents these formats; pipeline/ only reads ids back, never builds them.
"""

from __future__ import annotations

import hashlib


def issue_id_for(sha256: str) -> str:
    """The first 16 hex digits of the file's SHA-256: same file, same id."""
    return sha256[:16]


def notice_id(issue_id: str, seq: int) -> str:
    return f"{issue_id}-n{seq:03d}"


def article_id(notice_id: str, attachment_no: int | None, seq: int) -> str:
    """Attachment 0 is the notice itself."""
    return f"{notice_id}-{attachment_no or 0}-{seq:03d}"


def outline_id(notice_id: str, attachment_no: int | None, seq: int) -> str:
    return f"{notice_id}-{attachment_no or 0}-o{seq:03d}"


def table_id(notice_id: str, seq: int) -> str:
    return f"{notice_id}-t{seq:02d}"


def document_id(key: str) -> str:
    """The first 16 hex digits of the SHA-256 of a document's key (metadata.identity): every
    copy of one document, from whichever source, has the same id."""
    return hashlib.sha256(key.encode()).hexdigest()[:16]
