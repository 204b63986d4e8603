"""What one source path contributes to the corpus, as an IssueOutput for the writer.

Three cases: the extractor read it (`from_extraction`), nothing could be read (`failure`: one
diagnostic), or another path holds the same bytes (`duplicate`: a warning naming it).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from extractors import EXTRACTOR_VERSION
from extractors.model import Diagnostic
from extractors.rows.ids import issue_id_for
from pipeline.catalog import Catalog, safe_path
from pipeline.writer import IssueOutput, diagnostic_row

if TYPE_CHECKING:
    from collections.abc import Iterator

    from extractors.extract import Extraction, SectionedExtraction


def path_issue_id(path: str) -> str:
    """Issue id for a path whose bytes give none (unreadable, or a duplicate)."""
    return issue_id_for(hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest())


def from_extraction(path: str, extraction: Extraction) -> IssueOutput:
    """The output of a file the extractor read: its rows, its diagnostics as rows."""
    sha = extraction.source.sha256
    rows = dict(extraction.rows)
    rows["diagnostics"] = list(rows.get("diagnostics", [])) + [
        diagnostic_row(path, extraction.issue_id, sha, EXTRACTOR_VERSION, d)
        for d in extraction.diagnostics
    ]
    return IssueOutput(
        source_path=path,
        sha256=sha,
        issue_id=extraction.issue_id,
        extractor_version=EXTRACTOR_VERSION,
        rows=rows,
        ok=extraction.ok,
    )


def from_sections(path: str, extraction: SectionedExtraction) -> IssueOutput:
    """The output of a long text source extracted section by section: its rows as batches,
    taken as they are written; its diagnostics, and whether it was read, come last."""
    output = IssueOutput(
        source_path=path,
        sha256=extraction.source.sha256,
        issue_id=extraction.issue_id,
        extractor_version=EXTRACTOR_VERSION,
    )

    def batches() -> Iterator[dict[str, list[dict]]]:
        yield from extraction.batches()
        output.ok = extraction.ok
        yield {
            "diagnostics": [
                diagnostic_row(path, extraction.issue_id, output.sha256, EXTRACTOR_VERSION, d)
                for d in extraction.diagnostics
            ]
        }

    output.batches = batches()
    return output


def failure(path: str, sha: str | None, stage: str, code: str, reason: str) -> IssueOutput:
    """The output of a file nothing could be read from: one diagnostic (a warning for a loop)."""
    issue_id = issue_id_for(sha) if sha else path_issue_id(path)
    severity = "warning" if code == "symlink_loop" else "error"
    diag = Diagnostic(stage=stage, severity=severity, code=code, message=reason)
    return IssueOutput(
        source_path=path,
        sha256=sha,
        issue_id=issue_id,
        extractor_version=EXTRACTOR_VERSION,
        rows={"diagnostics": [diagnostic_row(path, issue_id, sha, EXTRACTOR_VERSION, diag)]},
        ok=False,
    )


def duplicate(
    path: str, sha256: str | None, owner_path: str | None, catalog: Catalog
) -> IssueOutput:
    """The output of a path whose bytes another path (OWNER_PATH) holds the rows of."""
    # Named by the path, not the content: the content's issue id belongs to the owner, which
    # comes earlier in the batch or from an earlier run, so the catalog knows how it fared.
    issue_id = path_issue_id(path)
    owner = catalog.get(owner_path or "")
    owner_issue = issue_id_for(sha256 or "")
    diag = Diagnostic(
        stage="read",
        severity="warning",
        code="duplicate_content",
        message=f"same content as {safe_path(owner_path or '')}; its rows are under issue {owner_issue}",
    )
    return IssueOutput(
        source_path=path,
        sha256=sha256,
        issue_id=issue_id,
        extractor_version=EXTRACTOR_VERSION,
        rows={"diagnostics": [diagnostic_row(path, issue_id, sha256, EXTRACTOR_VERSION, diag)]},
        ok=owner.ok if owner else True,
        duplicate_of=owner_path,
    )
