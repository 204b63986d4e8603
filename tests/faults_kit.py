"""What the fault tests share: a fast stand-in extractor, corpora, kill points, the invariant.

The stand-in extractor makes rows from the bytes alone (one notice per line), so the tests pin
down the batch (walking, workers, staging, catalog) and not the extractors; a run costs the
interpreter start-up, not spaCy. `python -m tests.faults_kit ARGS` is `gazette ARGS` with the
stand-in installed and, when GAZETTE_FAULT=POINT:N is set, a SIGKILL of this very process at
the N-th call of POINT:

- `write`: the N-th staged file is written half, then the process dies (a torn temp file);
- `replace`: before the N-th rename of a staged file into place;
- `atomic`: before the N-th atomic catalog write; the writes alternate intent, record, so
  an even N dies between an issue's last file and its record;
- `drop`: before the N-th removal of a replaced issue.

GAZETTE_FAULT_SLOW=SECONDS makes every extraction sleep that long (concurrent runs, killing the
parent); GAZETTE_FAULT_KILLER=NAME makes a worker extracting a file of that name kill itself
(and only the first time if GAZETTE_FAULT_ONCE names a marker file that does not exist yet).
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from extractors.model import Diagnostic, Source
from pipeline.catalog import Catalog, files_on_disk, owned_files, read_records
from schemas import DATASETS

POINTS = ("write", "replace", "atomic", "drop")


@dataclass
class StubExtraction:
    """extractors.extract.Extraction's fields, without importing the extractors (seconds)."""

    source: Source
    issue_id: str
    rows: dict[str, list[dict]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ok: bool = True


def stub_extract(data: bytes, path: str, *options: object) -> StubExtraction:
    """Rows from the bytes alone: an issue, and one notice per non-empty line (options,
    such as the OCR mode, change nothing here)."""
    slow = float(os.environ.get("GAZETTE_FAULT_SLOW") or 0)
    if slow:
        time.sleep(slow)
    killer = os.environ.get("GAZETTE_FAULT_KILLER")
    if killer and os.path.basename(path) == killer:
        marker = os.environ.get("GAZETTE_FAULT_ONCE")
        if not marker or not os.path.exists(marker):
            if marker:
                Path(marker).touch()
            os.kill(os.getpid(), signal.SIGKILL)
    sha = hashlib.sha256(data).hexdigest()
    issue_id = sha[:16]
    lines = [line for line in data.decode("utf-8", "replace").splitlines() if line.strip()]
    notices = [
        {
            "notice_id": f"{issue_id}-n{n:03d}",
            "issue_id": issue_id,
            "seq": n,
            "title": line.strip(),
            "issuers": ["泸州市人民政府"],
            "signing_date": date(2024, 1 + n % 12, 1 + n % 28),
            "page_start": n,
            "page_end": n,
        }
        for n, line in enumerate(lines, 1)
    ]
    rows = {
        "issues": [
            {"issue_id": issue_id, "source_path": path, "source_format": "text", "year": 2024}
        ],
        "notices": notices,
    }
    return StubExtraction(Source(path, sha, "text", len(data)), issue_id, rows=rows)


def make_corpus(folder: Path, n: int, lines: int = 3) -> list[Path]:
    """N text files of distinct content, N issues."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"issue_{i:03d}.txt"
        text = "".join(f"泸州市人民政府关于第{i}期第{k}号事项的通知\n" for k in range(1, lines + 1))
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def snapshot(out: Path) -> dict[str, bytes]:
    """What `extract` wrote, but the lock: what two equal runs must agree on byte for byte.

    The search index (gazette.db, `gazette index`'s) is not extract's output."""
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name not in (".gazette.lock", "gazette.db")
    }


def assert_accounted_for(out: Path) -> None:
    """Before recovery: every file is owned, a temp file, or of the one issue in flight."""
    in_flight = {
        p.name.removeprefix(".intent-").removesuffix(".json")
        for p in (out / "_catalog").glob(".intent-*.json")
    }
    owned = owned_files(out)
    for name in files_on_disk(out, DATASETS):
        stem = name.split("/", 1)[1]
        if name in owned or stem.startswith(".") or stem.removesuffix(".parquet") in in_flight:
            continue
        raise AssertionError(f"{name}: on disk, not owned by the catalog, not in flight")
    assert len(in_flight) <= 1, in_flight


def assert_catalog_owns_exactly_the_files(out: Path) -> None:
    """After recovery: the catalog's files are the files on disk, with the recorded bytes."""
    with Catalog.open(out, DATASETS):
        pass
    assert files_on_disk(out, DATASETS) == owned_files(out)
    for entry in read_records(out):
        for dataset, sha in entry.files.items():
            data = (out / dataset / f"{entry.issue_id}.parquet").read_bytes()
            assert hashlib.sha256(data).hexdigest() == sha, (dataset, entry.issue_id)
    assert not list((out / "_catalog").glob(".*"))


def _install_faults() -> None:
    import pipeline.catalog
    import pipeline.one_file
    import pipeline.writer

    pipeline.one_file.extract_bytes = stub_extract
    spec = os.environ.get("GAZETTE_FAULT")
    if not spec:
        return
    point, _, nth = spec.partition(":")
    calls = {"n": 0}

    def due() -> bool:
        calls["n"] += 1
        return calls["n"] == int(nth)

    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    if point == "write":
        real_write = pipeline.writer._write_bytes

        def write(path, data, fs):  # type: ignore[no-untyped-def]
            if due():
                real_write(path, data[: len(data) // 2], fs)
                die()
            real_write(path, data, fs)

        pipeline.writer._write_bytes = write
    elif point == "replace":
        real_replace = os.replace

        def replace(src, dst):  # type: ignore[no-untyped-def]
            if str(src).endswith(".tmp") and "/_catalog/" not in str(src) and due():
                die()
            real_replace(src, dst)

        os.replace = replace
    elif point == "atomic":
        real_atomic = pipeline.catalog._write_atomic

        def atomic(path, data):  # type: ignore[no-untyped-def]
            if path.name != "_manifest.json" and due():
                die()
            real_atomic(path, data)

        pipeline.catalog._write_atomic = atomic
    elif point == "drop":
        real_drop = pipeline.catalog.Catalog._drop

        def drop(self, issue_id, datasets):  # type: ignore[no-untyped-def]
            if due():
                die()
            real_drop(self, issue_id, datasets)

        pipeline.catalog.Catalog._drop = drop
    else:
        raise SystemExit(f"unknown fault point {point}")


if __name__ == "__main__":
    _install_faults()
    from pipeline.cli import main

    main(sys.argv[1:], prog_name="gazette")
