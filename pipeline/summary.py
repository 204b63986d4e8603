"""The one-screen report printed after `gazette extract`."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from extractors.textnorm import display_width
from pipeline.runner import RunResult
from pipeline.writer import issue_file
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
    by_severity = result.severities()
    diagnostics = ", ".join(f"{by_severity.get(s, 0)} {label}" for s, label in SEVERITIES.items())
    lines = [
        ("files", ", ".join(files)),
        *((name, str(result.rows(name))) for name in COUNTED),
        ("diagnostics", diagnostics),
        ("output", str(result.out_dir)),
    ]
    width = max(len(label) for label, _ in lines)
    return "\n".join(f"{label:<{width}}  {value}" for label, value in lines)


MAX_LISTED_ISSUES = 10  # beyond this the listing would not fit one screen: counts only


def render_found(result: RunResult) -> str:
    """What the run found, issue by issue: the gazette, its number, each notice's 文号 and title."""
    issue_ids = [f.issue_id for f in result.files if f.ok and f.counts.get("issues")]
    blocks = [_issue_block(result.out_dir, issue_id) for issue_id in issue_ids[:MAX_LISTED_ISSUES]]
    if len(issue_ids) > MAX_LISTED_ISSUES:
        blocks.append(f"… and {len(issue_ids) - MAX_LISTED_ISSUES} more issues")
    return "\n".join(block for block in blocks if block)


def _issue_block(out_dir: Path, issue_id: str) -> str:
    issues_path = issue_file(out_dir, "issues", issue_id)
    notices_path = issue_file(out_dir, "notices", issue_id)
    if not issues_path.exists():
        return ""
    issue = pq.read_table(issues_path).to_pylist()[0]
    name = issue["gazette_name"] or "(gazette name not found)"
    number = f"{issue['year']}年第{issue['issue_label']}期" if issue["year"] else ""
    lines = [f"{name} {number}  {issue['source_path']}  [{issue_id}]"]
    if notices_path.exists():
        columns = ["doc_number", "title", "section"]
        for notice in pq.read_table(notices_path, columns=columns).to_pylist():
            title = notice["title"] if len(notice["title"]) <= 48 else notice["title"][:47] + "…"
            number = notice["doc_number"] or "—"
            pad = " " * max(1, 30 - round(2 * display_width(number)))  # a CJK cell is two columns
            lines.append(f"  {number}{pad}{title}")
    return "\n".join(lines)
