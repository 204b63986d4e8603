"""One source file's bytes in, every dataset's rows out: the pure end of the pipeline.

The stages, in order — each takes plain data and returns new plain data:

    read → clean layout → segment → notices → text → metadata (dates, term, status events,
    citations) → tables → 目录 → rows

The caller (pipeline.runner) reads the file and writes the rows; nothing here touches the
file system. Bad input never raises: it becomes an `Extraction` with ok=False and a diagnostic.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from typing import TYPE_CHECKING

from extractors import EXTRACTOR_VERSION, sections
from extractors.forks import fork_map
from extractors.layout.clean import clean_layout
from extractors.layout.paragraphs import wrap_widths
from extractors.metadata.citations import notice_citations
from extractors.metadata.status_events import find_status_events, find_term, with_stated_term
from extractors.metadata.validity import Term, read_term
from extractors.model import Diagnostic, Document, Source
from extractors.readers.html import read_html
from extractors.readers.markdown import read_markdown
from extractors.readers.pieces import SNIFF_BYTES, TextPieces, streamable
from extractors.readers.sniff import UnreadableInput, sniff
from extractors.readers.text_dump import read_text_dump
from extractors.rows.build import NoticeFindings, dataset_rows, issue_rows
from extractors.rows.ids import issue_id_for
from extractors.rows.site import with_site
from extractors.sections import Section, read_sections
from extractors.segmentation.adoption import effective_in_note, promulgation_date
from extractors.segmentation.body import NoticeBody, read_body
from extractors.segmentation.front_matter import IssueInfo, TocEntry, read_issue_info, read_toc
from extractors.segmentation.notices import NoticeRecord, read_notices
from extractors.segmentation.segment import NoticeBlock, Segmented, segment
from extractors.segmentation.toc_match import TocMatch, printed_page_offsets, reconcile_toc
from extractors.segmentation.web_page import page_notice, read_web_page
from extractors.tables.notice_tables import notice_tables

if TYPE_CHECKING:
    from extractors.readers.pdf_text_layer import OcrMode

# Readers of decoded text, by the kind the sniffer saw.
_TEXT_READERS = {"markdown": read_markdown, "text": read_text_dump, "html": read_html}

# Kinds of text a long source of is read in sections (extractors/sections.py).
_SECTIONED = frozenset({"text", "markdown"})
_NOT_A_GAZETTE = (
    "not_a_gazette",
    "no official document found (no title with a 文号, 令/公告 number or adoption line)",
)

# Diagnostics that say the source itself is damaged, so what was read may be a part of it:
# the issue row is flagged `partial`. A page that is only an image is not damage (a scan,
# or a page of pictures), nor is a font's broken Unicode map.
DAMAGE_CODES = frozenset({"damaged_pdf", "damaged_text", "unreadable_page"})

# An issue's notices are shared among processes only when each gets at least this many: a
# fork and the trip of its findings back cost about as much as a few notices.
NOTICES_PER_JOB = 8


@dataclass
class Extraction:
    source: Source
    issue_id: str
    rows: dict[str, list[dict]] = field(default_factory=dict)  # dataset name → rows
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ok: bool = True  # False when nothing could be read from the file


def extract_bytes(data: bytes, path: str, ocr: OcrMode = "auto", jobs: int = 1) -> Extraction:
    """Extract every dataset from one source file's content. Never raises on bad input.

    `ocr` says which PDF pages are read by OCR: auto (those that need it), always, never.
    `jobs`: processes one long file's pages and notices are shared among (extractors.forks);
    the rows are the same whatever the number."""
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
            doc = read_pdf(data, source, ocr, jobs)
        except UnreadablePdf as err:
            return _failed(source, "read", err.code, err.reason)
        no_text = next((d for d in doc.diagnostics if d.code == "no_text_layer"), None)
        if no_text:
            return _failed(source, "read", no_text.code, no_text.message)
        return extract_document(doc, jobs)
    text = sniffed.text or ""
    damage = [_damaged_text(sniffed.replaced, sniffed.encoding)] if sniffed.replaced else []
    if sniffed.kind in _SECTIONED and text.count("\n") + 1 >= sections.SECTION_LINES:
        # A long dump, read in sections as when it comes in pieces (extract_pieces).
        return SectionedExtraction(source, text.split("\n"), lambda: damage, jobs).collect()
    doc = _TEXT_READERS[sniffed.kind](text, source)
    doc.diagnostics[:0] = damage
    return extract_document(doc, jobs)


def extract_pieces(
    pieces: Iterable[bytes],
    sha256: str,
    path: str,
    size: int,
    ocr: OcrMode = "auto",
    jobs: int = 1,
) -> Extraction | SectionedExtraction:
    """Extract a source given as pieces of its bytes (the caller hashed it already).

    A text dump or Markdown is decoded as it comes and extracted in sections, so neither its
    bytes nor its rows are ever held whole; anything else (a PDF, a web page, an odd
    encoding) is joined and read by `extract_bytes`."""
    pieces = iter(pieces)
    head = bytearray()
    for piece in pieces:
        head += piece
        if len(head) >= SNIFF_BYTES:
            break
    found = streamable(bytes(head))
    if found is None:
        return extract_bytes(bytes(head) + b"".join(pieces), path, ocr, jobs)
    text = TextPieces(chain([bytes(head)], pieces), found)
    source = Source(path=path, sha256=sha256, format=found.kind, size=size)  # type: ignore[arg-type]

    def damage() -> list[Diagnostic]:
        return [_damaged_text(text.replaced, found.encoding)] if text.replaced else []

    return SectionedExtraction(source, text.lines(), damage, jobs)


class SectionedExtraction:
    """A text source extracted section by section (extractors/sections.py): `batches()`
    gives each section's rows as it is read, the issue's own rows (issues, toc_entries)
    last; `diagnostics` and `ok` are complete once they are all taken. A source shorter
    than one section is one batch, exactly `extract_document`'s rows."""

    def __init__(
        self,
        source: Source,
        lines: Iterable[str],
        damage: Callable[[], list[Diagnostic]],
        jobs: int = 1,
    ) -> None:
        self.source = source
        self.jobs = jobs
        self.issue_id = issue_id_for(source.sha256)
        self.diagnostics: list[Diagnostic] = []
        self.ok = True
        self._lines = lines
        self._damage = damage  # the reader's damage, known once every line was read

    def collect(self) -> Extraction:
        """Every batch at once, as one Extraction."""
        rows: dict[str, list[dict]] = {}
        for batch in self.batches():
            for name, found in batch.items():
                rows.setdefault(name, []).extend(found)
        return Extraction(self.source, self.issue_id, rows, self.diagnostics, self.ok)

    def batches(self) -> Iterator[dict[str, list[dict]]]:
        read = _TEXT_READERS[self.source.format]
        lines = iter(self._lines)
        head = list(islice(lines, sections.SECTION_LINES))
        if len(head) < sections.SECTION_LINES:
            doc = read("\n".join(head), self.source)
            doc.diagnostics[:0] = self._damage()
            result = extract_document(doc, self.jobs)
            self.diagnostics, self.ok = result.diagnostics, result.ok
            if result.rows:
                yield result.rows
            return
        yield from self._sections(read_sections(chain(head, lines), self.source, read))

    def _sections(self, sections: Iterable[Section]) -> Iterator[dict[str, list[dict]]]:
        source, issue_id = self.source, self.issue_id
        info, toc, matched = IssueInfo(), [], {}
        diagnostics: list[Diagnostic] = []
        notice_count = page_count = 0
        for section in sections:
            doc = section.doc
            diagnostics += [*doc.diagnostics, *section.diagnostics]
            front = section.segmented.front_matter
            if section.first:
                info, toc = read_issue_info(front, doc.lines()), read_toc(front)
            else:
                info = _first_found(info, read_issue_info([], doc.lines()))
            page_count = doc.pages[-1].index if doc.pages else page_count
            if not section.segmented.notices:
                continue
            notices, findings = _notice_findings(
                doc, section.segmented.notices, issue_id, toc, self.jobs
            )
            # Entries listed in the 目录 are matched as their notices come; one never found
            # is reported at the end.
            found, toc_diagnostics = reconcile_toc(
                [e for e in toc if e.seq not in matched], notices, listed=bool(toc)
            )
            matched.update(found)
            diagnostics += [d for d in toc_diagnostics if d.code != "toc_entry_not_found"]
            if source.format == "markdown":
                findings = _with_page_offsets(findings, notices, found)
            rows = dataset_rows(
                source,
                issue_id,
                info,
                [],
                {},
                findings,
                {page.index: page.label for page in doc.pages},
                page_count,
                {page.index: page.text_source for page in doc.pages},
            )
            del rows["issues"], rows["toc_entries"]
            rows["notices"] = with_site(rows["notices"], None)
            notice_count += len(notices)
            yield rows
        if not notice_count:
            failed = _failed(source, "segment", *_NOT_A_GAZETTE)
            self.diagnostics, self.ok = failed.diagnostics, False
            return
        _, missing = reconcile_toc([e for e in toc if e.seq not in matched], [])
        diagnostics = [*self._damage(), *diagnostics, *missing]
        partial = any(d.code in DAMAGE_CODES for d in diagnostics)
        last = issue_rows(source, issue_id, info, toc, matched, page_count, notice_count)
        last["issues"] = [{**row, "partial": partial} for row in last["issues"]]
        yield last
        if info.gazette_name is None:
            diagnostics.append(_no_issue_metadata())
        self.diagnostics = diagnostics


def _first_found(info: IssueInfo, more: IssueInfo) -> IssueInfo:
    """The issue's metadata as first printed: what a later section adds fills gaps only."""
    numbered = info if info.year is not None else more
    return IssueInfo(
        gazette_name=info.gazette_name or more.gazette_name,
        year=numbered.year,
        issue_label=numbered.issue_label,
        issue_numbers=numbered.issue_numbers,
        total_issue_no=info.total_issue_no or more.total_issue_no,
    )


def _damaged_text(lost: int, encoding: str | None) -> Diagnostic:
    """The sniffer replaced invalid sequences (U+FFFD) or dropped stray NUL bytes."""
    return Diagnostic(
        "read",
        "warning",
        "damaged_text",
        f"damaged text, read in part: {lost} character{'s' if lost != 1 else ''} "
        f"replaced or dropped (invalid {encoding or 'text'} bytes or stray NUL bytes)",
    )


def extract_document(doc: Document, jobs: int = 1) -> Extraction:
    """Every stage after reading, on the page model any reader produces (`jobs`: see
    extract_bytes)."""
    issue_id = issue_id_for(doc.source.sha256)
    # A web page or a legal-database export: the site's block (its fields are data too),
    # the navigation and a doubled title read off; the document is left.
    page = read_web_page(doc)
    if page is not None:
        doc = page.document
    # Layout: furniture, pages and their labels, reading order (a page's text is in it).
    doc = clean_layout(doc, in_reading_order=page is not None)
    # Segmentation: the issue's front matter and one block per notice.
    segmented = segment(doc, jobs)
    if not segmented.notices and page is not None:
        # Nothing but the page's title heads the document (a 公报, a rule without its 令).
        block = page_notice(page, doc)
        if block is not None:
            segmented = Segmented(front_matter=[], notices=[block])
    if not segmented.notices:
        return _failed(doc.source, "segment", *_NOT_A_GAZETTE)
    info = read_issue_info(segmented.front_matter, doc.lines())
    toc = read_toc(segmented.front_matter)
    notices, findings = _notice_findings(doc, segmented.notices, issue_id, toc, jobs)
    toc_matches, toc_diagnostics = reconcile_toc(toc, notices)
    if doc.source.format == "markdown":
        findings = _with_page_offsets(findings, notices, toc_matches)
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
        result.diagnostics.append(_no_issue_metadata())
    return result


def _notice_findings(
    doc: Document, blocks: list[NoticeBlock], issue_id: str, toc: list[TocEntry], jobs: int
) -> tuple[list[NoticeRecord], list[NoticeFindings]]:
    """Notices, then text (paragraphs, articles, outline), metadata and tables of each, each
    notice's on its own (in `jobs` processes when there are enough of them)."""
    notices = read_notices(blocks, issue_id, toc)
    width = _wrap_width(doc)

    def findings_of(rec: NoticeRecord) -> NoticeFindings:
        # The record is this process's already: a forked child does not send it back.
        return replace(_findings(doc, rec, read_body(rec.parts, width), None), record=None)

    if len(notices) < NOTICES_PER_JOB * 2:
        jobs = 1
    found = fork_map(findings_of, notices, jobs)
    return notices, [replace(f, record=rec) for f, rec in zip(found, notices, strict=True)]


def _with_page_offsets(
    findings: list[NoticeFindings], notices: list[NoticeRecord], matches: dict[int, TocMatch]
) -> list[NoticeFindings]:
    """Markdown has no pages: the 目录 gives each notice it lists its printed pages."""
    offsets = printed_page_offsets(notices, matches)
    return [replace(f, page_offset=offsets.get(f.record.notice_id)) for f in findings]


def _no_issue_metadata() -> Diagnostic:
    return Diagnostic(
        "segment", "warning", "no_issue_metadata", "no gazette name or issue number found"
    )


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


__all__ = [
    "EXTRACTOR_VERSION",
    "Extraction",
    "SectionedExtraction",
    "extract_bytes",
    "extract_document",
    "extract_pieces",
    "issue_id_for",
]
