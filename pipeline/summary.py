"""The one-screen report printed after `gazette extract`."""

from __future__ import annotations

from pipeline.runner import RunResult

# Datasets in the order a reader cares about; `tables` reads 0 until that dataset exists.
COUNTED = ("issues", "notices", "articles", "attachments", "citations", "tables")
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
