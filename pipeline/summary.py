"""The one-screen report printed after `gazette extract`."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from extractors.textnorm import display_width
from pipeline.runner import RunResult
from pipeline.writer import issue_file, read_rows
from schemas import ARTICLES, ATTACHMENTS, CITATIONS, DATASETS, ISSUES, NOTICES, OUTLINE, TABLES

# The datasets a reader counts, named as `schemas` names them, in its order; the per-cell and
# typed-record datasets would only repeat `tables` in finer grain.
_COUNTED_SCHEMAS = (ISSUES, NOTICES, ARTICLES, OUTLINE, ATTACHMENTS, CITATIONS, TABLES)
COUNTED = tuple(n for n, s in DATASETS.items() if any(s is c for c in _COUNTED_SCHEMAS))
SEVERITIES = {"error": "errors", "warning": "warnings", "info": "info"}


def render(result: RunResult) -> str:
    """Plain text, one fact per line, labels aligned so the numbers can be scanned."""
    files = [
        f"{result.count('read')} read",
        f"{result.count('unchanged')} unchanged",
        f"{result.count('failed')} failed",
    ]
    if result.count("duplicate"):
        files.append(f"{result.count('duplicate')} duplicate")
    if result.reread_for_version:
        files.append(f"{result.reread_for_version} re-read for a new extractor version")
    by_severity = result.severities()
    diagnostics = ", ".join(f"{by_severity.get(s, 0)} {label}" for s, label in SEVERITIES.items())
    counts = [(name, str(result.rows(name))) for name in COUNTED]
    at = next(i for i, (name, _) in enumerate(counts) if name == NOTICES_NAME) + 1
    counts.insert(at, ("documents", _documents_line(_copies(result))))
    lines = [
        ("files", ", ".join(files)),
        *counts,
        ("diagnostics", diagnostics),
        *_memory(result),
        ("output", str(result.out_dir)),
    ]
    width = max(len(label) for label, _ in lines)
    return "\n".join(f"{label:<{width}}  {value}" for label, value in lines)


def _memory(result: RunResult) -> list[tuple[str, str]]:
    if result.worker_peak_mb is None:  # nothing was extracted
        return []
    return [("memory", f"{result.worker_peak_mb} MB peak per worker (the largest)")]


MAX_LISTED_ISSUES = 10  # beyond this the listing would not fit one screen: counts only


def render_found(result: RunResult) -> str:
    """What the run found, issue by issue: the gazette, its number and sources, and each
    document once (its 文号 and title, and how many sources it was read from)."""
    groups: dict[object, list[dict]] = {}
    for f in result.files:
        if f.ok and f.counts.get("issues"):
            issue = _issue(result.out_dir, f.issue_id)
            if issue is not None:
                groups.setdefault(_same_issue(issue), []).append(issue)
    listed = list(groups.values())
    blocks = [_issue_block(result.out_dir, sources) for sources in listed[:MAX_LISTED_ISSUES]]
    if len(listed) > MAX_LISTED_ISSUES:
        blocks.append(f"… and {len(listed) - MAX_LISTED_ISSUES} more issues")
    return "\n".join(block for block in blocks if block)


NOTICES_NAME = next(n for n, s in DATASETS.items() if s is NOTICES)


def _issue(out_dir: Path, issue_id: str) -> dict | None:
    path = issue_file(out_dir, "issues", issue_id)
    return read_rows(path)[0] if path.exists() else None


def _same_issue(issue: dict) -> object:
    """Sources of one issue: the same gazette, year and issue number (else only itself)."""
    if issue["gazette_name"] and issue["year"] and issue["issue_label"]:
        return (issue["gazette_name"], issue["year"], issue["issue_label"])
    return issue["issue_id"]


def _notices(out_dir: Path, issue_id: str) -> list[dict]:
    path = issue_file(out_dir, NOTICES_NAME, issue_id)
    if not path.exists():
        return []
    names = pq.read_schema(path).names
    columns = [c for c in ("notice_id", "doc_number", "title", "document_id") if c in names]
    # Only these columns: a long dump's notices hold hundreds of MB of text.
    return read_rows(path, columns)


def _copies(result: RunResult) -> dict[str, int]:
    """document id → copies among the files of this run (a notice without one counts alone)."""
    copies: dict[str, int] = {}
    for f in result.files:
        if f.ok and f.counts.get(NOTICES_NAME):
            for n in _notices(result.out_dir, f.issue_id):
                key = n.get("document_id") or n["notice_id"]
                copies[key] = copies.get(key, 0) + 1
    return copies


def _documents_line(copies: dict[str, int]) -> str:
    by_count: dict[int, int] = {}
    for n in copies.values():
        by_count[n] = by_count.get(n, 0) + 1
    if not copies or set(by_count) == {1}:
        return str(len(copies))
    spread = ", ".join(
        f"{docs} in {n} source{'s' if n > 1 else ''}" for n, docs in sorted(by_count.items())
    )
    return f"{len(copies)} ({spread})"


def _issue_block(out_dir: Path, sources: list[dict]) -> str:
    first = sources[0]
    name = first["gazette_name"] or "(gazette name not found)"
    number = f"{first['year']}年第{first['issue_label']}期" if first["year"] else ""
    head = f"{name} {number}  "
    lines = [f"{head}{first['source_path']}  [{first['issue_id']}]"]
    indent = " " * round(2 * display_width(head))  # a CJK cell is two columns
    lines += [f"{indent}{s['source_path']}  [{s['issue_id']}]" for s in sources[1:]]
    documents: dict[str, dict] = {}
    seen_in: dict[str, int] = {}
    for source in sources:
        for notice in _notices(out_dir, source["issue_id"]):
            key = notice.get("document_id") or notice["notice_id"]
            documents.setdefault(key, notice)
            seen_in[key] = seen_in.get(key, 0) + 1
    for key, notice in documents.items():
        title = notice["title"] if len(notice["title"]) <= 48 else notice["title"][:47] + "…"
        number = notice["doc_number"] or "—"
        pad = " " * max(1, 30 - round(2 * display_width(number)))
        copies = f"  [{seen_in[key]} sources]" if seen_in[key] > 1 else ""
        lines.append(f"  {number}{pad}{title}{copies}")
    return "\n".join(lines)
