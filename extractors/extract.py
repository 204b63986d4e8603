"""One source file's bytes in, every dataset's rows out: the pure end of the pipeline.

The stages, in order — each takes plain data and returns new plain data:

    read → clean layout → segment → notices → text → metadata (dates, term, status events,
    citations) → tables → 目录 → rows

The caller (pipeline.runner) reads the file and writes the rows; nothing here touches the
file system. Bad input never raises: it becomes an `Extraction` with ok=False and a diagnostic.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from extractors import EXTRACTOR_VERSION
from extractors.layout.clean import clean_layout
from extractors.layout.paragraphs import wrap_widths
from extractors.metadata.citations import notice_citations
from extractors.metadata.status_events import find_status_events, find_term, with_stated_term
from extractors.metadata.validity import Term, read_term
from extractors.model import Diagnostic, Document, Source
from extractors.readers.html import read_html
from extractors.readers.markdown import read_markdown
from extractors.readers.sniff import UnreadableInput, sniff
from extractors.readers.text_dump import read_text_dump
from extractors.rows.build import NoticeFindings, dataset_rows
from extractors.rows.ids import issue_id_for
from extractors.rows.site import with_site
from extractors.segmentation.adoption import effective_in_note, promulgation_date
from extractors.segmentation.body import NoticeBody, read_body
from extractors.segmentation.front_matter import read_issue_info, read_toc
from extractors.segmentation.notices import NoticeRecord, read_notices
from extractors.segmentation.segment import Segmented, segment
from extractors.segmentation.toc_match import printed_page_offsets, reconcile_toc
from extractors.segmentation.web_page import page_notice, read_web_page
from extractors.tables.notice_tables import notice_tables

if TYPE_CHECKING:
    from extractors.readers.pdf_ocr import OcrMode

# Readers of decoded text, by the kind the sniffer saw.
_TEXT_READERS = {"markdown": read_markdown, "text": read_text_dump, "html": read_html}

# Diagnostics that say the source itself is damaged, so what was read may be a part of it:
# the issue row is flagged `partial`. A page that is only an image is not damage (a scan,
# or a page of pictures), nor is a font's broken Unicode map.
DAMAGE_CODES = frozenset({"damaged_pdf", "damaged_text", "unreadable_page"})


@dataclass
class Extraction:
    source: Source
    issue_id: str
    rows: dict[str, list[dict]] = field(default_factory=dict)  # dataset name → rows
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ok: bool = True  # False when nothing could be read from the file


def extract_bytes(data: bytes, path: str, ocr: OcrMode = "auto") -> Extraction:
    """Extract every dataset from one source file's content. Never raises on bad input.

    `ocr` says which PDF pages are read by OCR: auto (those that need it), always, never."""
    sha = hashlib.sha256(data).hexdigest()
    try:
        sniffed = sniff(data)
    except UnreadableInput as err:
        source = Source(path=path, sha256=sha, format="text", size=len(data))
        return _failed(source, "read", err.code, err.reason)
    source = Source(path=path, sha256=sha, format=sniffed.kind, size=len(data))
    if sniffed.kind == "pdf":
        # PyMuPDF, pdfplumber and the OCR engine load only when a PDF comes (issue 15).
        from extractors.readers.pdf import UnreadablePdf, read_pdf

        try:
            doc = read_pdf(data, source, ocr)
        except UnreadablePdf as err:
            return _failed(source, "read", err.code, err.reason)
        no_text = next((d for d in doc.diagnostics if d.code == "no_text_layer"), None)
        if no_text:
            return _failed(source, "read", no_text.code, no_text.message)
        return extract_document(doc)
    doc = _TEXT_READERS[sniffed.kind](sniffed.text or "", source)
    if sniffed.replaced:
        doc.diagnostics.insert(0, _damaged_text(sniffed.replaced, sniffed.encoding))
    return extract_document(doc)


def _damaged_text(lost: int, encoding: str | None) -> Diagnostic:
    """The sniffer replaced invalid sequences (U+FFFD) or dropped stray NUL bytes."""
    return Diagnostic(
        "read",
        "warning",
        "damaged_text",
        f"damaged text, read in part: {lost} character{'s' if lost != 1 else ''} "
        f"replaced or dropped (invalid {encoding or 'text'} bytes or stray NUL bytes)",
    )


def extract_document(doc: Document) -> Extraction:
    """Every stage after reading, on the page model any reader produces."""
    issue_id = issue_id_for(doc.source.sha256)
    # A web page or a legal-database export: the site's block (its fields are data too),
    # the navigation and a doubled title read off; the document is left.
    page = read_web_page(doc)
    if page is not None:
        doc = page.document
    # Layout: furniture, pages and their labels, reading order (a page's text is in it).
    doc = clean_layout(doc, in_reading_order=page is not None)
    # Segmentation: the issue's front matter and one block per notice.
    segmented = segment(doc)
    if not segmented.notices and page is not None:
        # Nothing but the page's title heads the document (a 公报, a rule without its 令).
        block = page_notice(page, doc)
        if block is not None:
            segmented = Segmented(front_matter=[], notices=[block])
    if not segmented.notices:
        return _failed(
            doc.source,
            "segment",
            "not_a_gazette",
            "no official document found (no title with a 文号, 令/公告 number or adoption line)",
        )
    info = read_issue_info(segmented.front_matter, doc.lines())
    toc = read_toc(segmented.front_matter)
    notices = read_notices(segmented.notices, issue_id, toc)
    # Text: paragraphs, articles and outline of each notice and attachment.
    width = _wrap_width(doc)
    bodies = [read_body(n.parts, width) for n in notices]
    # The 目录 against the notices; it gives the printed pages where the source has none.
    toc_matches, toc_diagnostics = reconcile_toc(toc, notices)
    offsets = printed_page_offsets(notices, toc_matches) if doc.source.format == "markdown" else {}
    findings = [
        _findings(doc, rec, body, offsets.get(rec.notice_id))
        for rec, body in zip(notices, bodies, strict=True)
    ]
    rows = dataset_rows(
        doc.source,
        issue_id,
        info,
        toc,
        toc_matches,
        findings,
        {page.index: page.label for page in doc.pages},
        len(doc.pages),
        {page.index: page.text_source for page in doc.pages},
    )
    rows["notices"] = with_site(rows["notices"], page.site if page else None)
    partial = any(d.code in DAMAGE_CODES for d in doc.diagnostics)
    rows["issues"] = [{**row, "partial": partial} for row in rows["issues"]]
    result = Extraction(source=doc.source, issue_id=issue_id, rows=rows)
    result.diagnostics = [*doc.diagnostics, *toc_diagnostics]
    if info.gazette_name is None:
        result.diagnostics.append(
            Diagnostic(
                "segment", "warning", "no_issue_metadata", "no gazette name or issue number found"
            )
        )
    return result


def _wrap_width(doc: Document) -> dict[int, float] | None:
    """Text dumps say nothing of where a line wrapped: the column width tells."""
    if doc.source.format != "text":
        return None
    return wrap_widths([line for line in doc.lines() if line.kind == "body"])


def _findings(
    doc: Document, rec: NoticeRecord, body: NoticeBody, page_offset: int | None
) -> NoticeFindings:
    """Metadata and tables of one notice."""
    texts = [(None, body.main.text)] + [
        (part.attachment_no, part.text) for _, part in body.attachments
    ]
    parts = rec.parts
    text = body.main.text
    stated = find_term(text, parts.title, parts.enclosed_title, None)
    term = with_stated_term(_term(rec, body), stated)
    if term.expiry is not None and (stated is None or stated.date != term.expiry):
        # The validity period (有效期…) gave the expiry: its sentence says so.
        stated = find_term(text, parts.title, parts.enclosed_title, term.expiry)
    events = find_status_events(
        text,
        title=parts.title,
        own_doc_number=parts.doc_number_text,
        enclosed_title=parts.enclosed_title,
        signing_date=parts.signing_date,
        effective=term.effective,
        term=stated,
    )
    return NoticeFindings(
        record=rec,
        body=body,
        term=term,
        events=events,
        citations=notice_citations(texts, rec.parts.doc_number_text),
        tables=notice_tables(
            doc.tables, rec.parts.tables, {att.no: att.title for att in rec.parts.attachments}
        ),
        page_offset=page_offset,
    )


def _term(rec: NoticeRecord, body: NoticeBody) -> Term:
    """When the notice is in force. A rule printed under its adoption note has no signature:
    the note's 公布 date stands for it (自公布之日起施行), its 施行 date where the text has none."""
    header = rec.block.header
    if header.kind != "regulation" or not header.anchor:
        return read_term(body.main.text, rec.parts.signing_date)
    note = header.anchor
    return read_term(
        body.main.text,
        rec.parts.signing_date or promulgation_date(note),
        stated=effective_in_note(note),
    )


def _failed(source: Source, stage: str, code: str, reason: str) -> Extraction:
    result = Extraction(source=source, issue_id=issue_id_for(source.sha256), ok=False)
    result.diagnostics.append(Diagnostic(stage, "error", code, reason))
    return result


__all__ = ["EXTRACTOR_VERSION", "Extraction", "extract_bytes", "extract_document", "issue_id_for"]
