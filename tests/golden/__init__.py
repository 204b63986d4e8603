"""A readable snapshot of every dataset of the samples in raw/, so drift shows in review.

`python -m tests.golden update` rewrites tests/golden/<dataset>.jsonl from a fresh extraction;
tests/test_golden.py compares a fresh extraction with them. The hand-made answer keys (the
seed suites) say what is right; this snapshot says what changed. When a change is meant,
update the snapshot and review its diff with the change.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from extractors.extract import extract_bytes
from schemas import DATASETS

RAW = Path(__file__).resolve().parent.parent.parent / "raw"
GOLDEN = Path(__file__).resolve().parent
# Extracted the way the batch does; paths are relative to the repository so the snapshot
# does not depend on where it is checked out.
SAMPLES = sorted(p for p in RAW.rglob("*") if p.is_file() and not p.name.startswith("."))


def _plain(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON: {value!r}")


# The extractor version is the rules' fingerprint (extractors/version.py): it changes with
# every edit of extractors/, so it would make every edit drift; what the rules produce is kept.
_NOT_SNAPSHOT = ("extractor_version",)


def _line(row: dict) -> str:
    kept = {k: v for k, v in row.items() if k not in _NOT_SNAPSHOT}
    return json.dumps(kept, ensure_ascii=False, sort_keys=True, default=_plain)


def snapshot() -> dict[str, list[str]]:
    """Dataset name → its rows over all samples as JSON lines, sorted."""
    lines: dict[str, list[str]] = {name: [] for name in DATASETS}
    for path in SAMPLES:
        result = extract_bytes(path.read_bytes(), str(path.relative_to(RAW.parent)))
        for name, rows in result.rows.items():
            lines[name] += [_line(row) for row in rows]
        lines["diagnostics"] += [
            _line({"issue_id": result.issue_id, **d.__dict__}) for d in result.diagnostics
        ]
    return {name: sorted(rows) for name, rows in lines.items()}


def stored(name: str) -> list[str] | None:
    """The snapshot of one dataset, or None when it has none yet (a dataset just added)."""
    path = GOLDEN / f"{name}.jsonl"
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else None


def update() -> None:
    for name, rows in snapshot().items():
        text = "".join(row + "\n" for row in rows)
        (GOLDEN / f"{name}.jsonl").write_text(text, encoding="utf-8")
