"""One source file's bytes in, every dataset's rows out: the pure end of the pipeline.

read → clean layout → segment → extract → validate. The caller (pipeline.runner) reads the
file and writes the rows; nothing here touches the file system.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from extractors import EXTRACTOR_VERSION
from extractors.layout.clean import clean_layout
from extractors.model import Diagnostic, Document, Source
from extractors.readers.markdown import read_markdown
from extractors.readers.pdf import UnreadablePdf, read_pdf
from extractors.readers.sniff import UnreadableInput, sniff
from extractors.readers.text_dump import read_text_dump
from extractors.rows.notices import build_rows
from extractors.segmentation.front_matter import read_issue_info, read_toc
from extractors.segmentation.segment import segment


@dataclass
class Extraction:
    source: Source
    issue_id: str
    rows: dict[str, list[dict]] = field(default_factory=dict)  # dataset name → rows
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ok: bool = True  # False when nothing could be read from the file


def issue_id_for(sha256: str) -> str:
    return sha256[:16]


def extract_bytes(data: bytes, path: str) -> Extraction:
    """Extract every dataset from one source file's content. Never raises on bad input."""
    sha = hashlib.sha256(data).hexdigest()
    try:
        sniffed = sniff(data)
    except UnreadableInput as err:
        source = Source(path=path, sha256=sha, format="text", size=len(data))
        return _failed(source, "read", err.code, err.reason)
    source = Source(path=path, sha256=sha, format=sniffed.kind, size=len(data))
    if sniffed.kind == "pdf":
        try:
            doc = read_pdf(data, source)
        except UnreadablePdf as err:
            return _failed(source, "read", err.code, err.reason)
        no_text = next((d for d in doc.diagnostics if d.code == "no_text_layer"), None)
        if no_text:
            return _failed(source, "read", no_text.code, no_text.message)
        return extract_document(doc)
    reader = read_markdown if sniffed.kind == "markdown" else read_text_dump
    return extract_document(reader(sniffed.text or "", source))


def extract_document(doc: Document) -> Extraction:
    """Every stage after reading, on the page model any reader produces."""
    issue_id = issue_id_for(doc.source.sha256)
    doc = clean_layout(doc)
    segmented = segment(doc)
    if not segmented.notices:
        return _failed(
            doc.source,
            "segment",
            "not_a_gazette",
            "no official document found (no title with a 文号, 令/公告 number or adoption line)",
        )
    info = read_issue_info(segmented.front_matter, doc.lines())
    toc = read_toc(segmented.front_matter)
    rows, diagnostics = build_rows(doc, issue_id, info, toc, segmented.notices)
    result = Extraction(source=doc.source, issue_id=issue_id, rows=rows)
    result.diagnostics = [*doc.diagnostics, *diagnostics]
    if info.gazette_name is None:
        result.diagnostics.append(
            Diagnostic(
                "segment", "warning", "no_issue_metadata", "no gazette name or issue number found"
            )
        )
    return result


def _failed(source: Source, stage: str, code: str, reason: str) -> Extraction:
    result = Extraction(source=source, issue_id=issue_id_for(source.sha256), ok=False)
    result.diagnostics.append(Diagnostic(stage, "error", code, reason))
    return result


__all__ = ["EXTRACTOR_VERSION", "Extraction", "extract_bytes", "extract_document", "issue_id_for"]
