"""The batch: expand paths, hash, extract (optionally in worker processes), write in order.

Bad input never stops a batch: a file that cannot be read, is not a gazette or crashes the
extractor becomes diagnostics rows and a `gazette: <path>: <reason>` line on stderr. Only a
failure to write the output (disk full, permissions) stops the run.

Content decides identity: the issue id is a prefix of the file's SHA-256, so the same bytes
under two paths are one issue. The first path (in input order) owns it; the other gets a
`duplicate_content` warning instead of a second copy of every row.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from extractors import EXTRACTOR_VERSION
from extractors.extract import Extraction, extract_bytes, issue_id_for
from extractors.model import Diagnostic
from pipeline.writer import (
    IssueOutput,
    Manifest,
    Written,
    commit,
    diagnostic_row,
    read_back,
    write_schema_files,
)
from schemas import SCHEMA_VERSION

Status = Literal["read", "unchanged", "duplicate", "failed"]
ProgressCallback = Callable[[int, int, str], None]  # (files done, files in all, path)
ProblemCallback = Callable[[str], None]  # one `gazette: <path>: <reason>` line

# Saving the manifest after every file would rewrite it N times in an N-file batch; a crash
# between saves only costs re-extracting the files since the last save.
MANIFEST_SAVE_EVERY = 50
_HASH_CHUNK = 1 << 20


@dataclass
class FileOutcome:
    path: str
    status: Status
    issue_id: str
    ok: bool  # something could be read from the file (False also for unchanged failures)
    counts: dict[str, int] = field(default_factory=dict)  # rows per dataset
    severities: dict[str, int] = field(default_factory=dict)  # diagnostics per severity
    errors: list[str] = field(default_factory=list)  # error messages new in this run


@dataclass
class RunResult:
    out_dir: Path
    files: list[FileOutcome]

    def count(self, status: Status) -> int:
        return sum(1 for f in self.files if f.status == status)

    def rows(self, dataset: str) -> int:
        return sum(f.counts.get(dataset, 0) for f in self.files)

    def severities(self) -> dict[str, int]:
        total: Counter[str] = Counter()
        for f in self.files:
            total.update(f.severities)
        return dict(total)

    @property
    def nothing_read(self) -> bool:
        return not any(f.ok for f in self.files)


@dataclass(frozen=True)
class _Task:
    path: str
    action: Literal["extract", "unchanged", "duplicate", "unreadable"]
    sha256: str | None = None
    owner: str | None = None  # for a duplicate: the path that owns the content
    reason: str | None = None  # for an unreadable file


@dataclass
class _Extracted:
    """What a worker sends back: an extraction, or why there is none."""

    path: str
    sha256: str | None
    extraction: Extraction | None = None
    code: str | None = None
    reason: str | None = None


def run(
    paths: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    workers: int = 1,
    force: bool = False,
    on_progress: ProgressCallback | None = None,
    on_problem: ProblemCallback | None = None,
) -> RunResult:
    """Extract every file under `paths` into `out_dir`; see the module docstring.

    Error diagnostics go to `on_problem` as they happen (default: printed to stderr).
    """
    report = on_problem or _print_problem
    out = Path(out_dir)
    files = expand_paths(paths, out)
    manifest = Manifest.load(out)
    tasks = _plan(files, manifest, force)
    outcomes: list[FileOutcome] = []
    batch = set(files)
    to_extract = [t.path for t in tasks if t.action == "extract"]
    if tasks:
        write_schema_files(out)
    try:
        with _mapper(workers) as mapper:
            extracted = mapper(_extract_file, to_extract)
            for done, task in enumerate(tasks, 1):
                outcome = _settle(task, out, manifest, extracted, batch)
                outcomes.append(outcome)
                for message in outcome.errors:
                    report(f"gazette: {message}")
                if on_progress is not None:
                    on_progress(done, len(tasks), task.path)
                if done % MANIFEST_SAVE_EVERY == 0:
                    manifest.save()
    finally:
        manifest.save()
    return RunResult(out_dir=out, files=outcomes)


def expand_paths(
    paths: Iterable[str | os.PathLike[str]], out_dir: str | os.PathLike[str]
) -> list[str]:
    """Files named, plus files under folders named (sorted; hidden ones and `out_dir` skipped)."""
    out_real = os.path.realpath(out_dir)
    files: list[str] = []
    for given in paths:
        path = os.path.normpath(os.fspath(given))
        if os.path.isdir(path):
            files.extend(_walk(path, out_real))
        else:
            # A missing file is kept: reading it fails and that becomes a diagnostic.
            files.append(path)
    return list(dict.fromkeys(files))


def path_issue_id(path: str) -> str:
    """Issue id for a path whose bytes give none (unreadable, or a duplicate)."""
    return issue_id_for(hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest())


def _walk(top: str, out_real: str) -> Iterator[str]:
    if os.path.realpath(top) == out_real:
        return
    errors: list[OSError] = []
    for root, dirs, names in os.walk(top, onerror=errors.append):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and os.path.realpath(os.path.join(root, d)) != out_real
        )
        for name in sorted(names):
            if not name.startswith("."):
                yield os.path.normpath(os.path.join(root, name))
    # A folder we may not list is kept as a path, so reading it fails into a diagnostic.
    for exc in errors:
        yield os.path.normpath(exc.filename or top)


def _plan(files: list[str], manifest: Manifest, force: bool) -> list[_Task]:
    batch = set(files)
    # Content owned by paths outside this batch that still exist: theirs stays theirs.
    outside: dict[str, str] = {}
    for src, entry in manifest.entries.items():
        if entry.sha256 and entry.duplicate_of is None and src not in batch and os.path.isfile(src):
            outside.setdefault(entry.sha256, src)
    owners: dict[str, str] = {}
    tasks: list[_Task] = []
    for path in files:
        try:
            sha = _hash_file(path)
        except OSError as exc:
            tasks.append(_Task(path, "unreadable", reason=_os_reason(exc)))
            continue
        owner = owners.get(sha) or outside.get(sha)
        if owner is None:
            owners[sha] = path
        entry = manifest.get(path)
        unchanged = (
            not force
            and entry is not None
            and entry.sha256 == sha
            and entry.extractor_version == EXTRACTOR_VERSION
            and entry.schema_version == SCHEMA_VERSION
            and entry.duplicate_of == owner
        )
        action = "unchanged" if unchanged else "duplicate" if owner else "extract"
        tasks.append(_Task(path, action, sha256=sha, owner=owner))
    return tasks


def _settle(
    task: _Task, out: Path, manifest: Manifest, extracted: Iterator[_Extracted], batch: set[str]
) -> FileOutcome:
    if task.action == "unchanged":
        entry = manifest.get(task.path)
        assert entry is not None  # planned as unchanged only when the manifest has it
        return _outcome(
            task.path, "unchanged", entry.issue_id, entry.ok, read_back(out, entry.issue_id)
        )
    if task.action == "unreadable":
        output = _failure(
            task.path, None, "read", "unreadable_file", f"cannot read file: {task.reason}"
        )
        return _commit(out, manifest, output, "failed")
    if task.action == "duplicate":
        return _commit(out, manifest, _duplicate(task, manifest), "duplicate")
    result = next(extracted)
    if result.extraction is None:
        stage = "read" if result.code == "unreadable_file" else "extract"
        output = _failure(task.path, result.sha256, stage, result.code or "", result.reason or "")
        return _commit(out, manifest, output, "failed")
    output = _from_extraction(task.path, result.extraction)
    # A path that vanished since it last owned this content must not keep the issue alive.
    for other in manifest.paths_with_issue(output.issue_id):
        if other != task.path and other not in batch:
            manifest.remove(other)
    return _commit(out, manifest, output, "read" if output.ok else "failed")


def _commit(out: Path, manifest: Manifest, output: IssueOutput, status: Status) -> FileOutcome:
    written = commit(out, manifest, output)
    outcome = _outcome(output.source_path, status, output.issue_id, output.ok, written)
    outcome.errors = [row["message"] for row in written.diagnostics if row["severity"] == "error"]
    return outcome


def _print_problem(line: str) -> None:
    print(line, file=sys.stderr)


def _outcome(path: str, status: Status, issue_id: str, ok: bool, written: Written) -> FileOutcome:
    severities = Counter(row["severity"] for row in written.diagnostics)
    return FileOutcome(
        path=path,
        status=status,
        issue_id=issue_id,
        ok=ok,
        counts=written.counts,
        severities=dict(severities),
    )


def _from_extraction(path: str, extraction: Extraction) -> IssueOutput:
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


def _failure(path: str, sha: str | None, stage: str, code: str, reason: str) -> IssueOutput:
    issue_id = issue_id_for(sha) if sha else path_issue_id(path)
    diag = Diagnostic(stage=stage, severity="error", code=code, message=reason)
    return IssueOutput(
        source_path=path,
        sha256=sha,
        issue_id=issue_id,
        extractor_version=EXTRACTOR_VERSION,
        rows={"diagnostics": [diagnostic_row(path, issue_id, sha, EXTRACTOR_VERSION, diag)]},
        ok=False,
    )


def _duplicate(task: _Task, manifest: Manifest) -> IssueOutput:
    # Named by the path, not the content: the content's issue id belongs to the owner, which
    # comes earlier in the batch or from an earlier run, so the manifest knows how it fared.
    issue_id = path_issue_id(task.path)
    owner = manifest.get(task.owner or "")
    owner_issue = issue_id_for(task.sha256 or "")
    diag = Diagnostic(
        stage="read",
        severity="warning",
        code="duplicate_content",
        message=f"same content as {task.owner}; its rows are under issue {owner_issue}",
    )
    return IssueOutput(
        source_path=task.path,
        sha256=task.sha256,
        issue_id=issue_id,
        extractor_version=EXTRACTOR_VERSION,
        rows={
            "diagnostics": [
                diagnostic_row(task.path, issue_id, task.sha256, EXTRACTOR_VERSION, diag)
            ]
        },
        ok=owner.ok if owner else True,
        duplicate_of=task.owner,
    )


def _extract_file(path: str) -> _Extracted:
    """Worker body: read and extract one file. Never raises, so one file cannot end the pool."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return _Extracted(
            path, None, code="unreadable_file", reason=f"cannot read file: {_os_reason(exc)}"
        )
    sha = hashlib.sha256(data).hexdigest()
    try:
        return _Extracted(path, sha, extraction=extract_bytes(data, path))
    except Exception as exc:  # an extractor bug must cost one file, not the batch
        reason = " ".join(f"extractor crashed: {type(exc).__name__}: {exc}".split())
        return _Extracted(path, sha, code="extractor_crashed", reason=reason)


@contextmanager
def _mapper(workers: int) -> Iterator[Callable[..., Iterator[_Extracted]]]:
    # Extraction is CPU-bound, so processes; Executor.map yields in input order, which keeps
    # the output independent of which worker finishes first.
    if workers <= 1:
        yield map
        return
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        yield lambda fn, items: pool.map(fn, items, chunksize=1)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _hash_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
