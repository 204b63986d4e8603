"""The batch: walk the inputs, hash, plan, extract (here, in a pool or on a cluster), commit.

Bad input never stops a batch: a file that cannot be read, is not a gazette, crashes the
extractor, runs out of time or kills its worker becomes diagnostics rows and a
`gazette: <path>: <reason>` line on stderr. Only a failure to write the output (disk full,
permissions, another writer) stops the run, and then the catalog still owns exactly the
files on disk (pipeline/catalog.py): the next run finishes the job.

Content decides identity: the issue id is a prefix of the file's SHA-256, so the same bytes
under two paths are one issue. The first path (in input order) owns it; the other gets a
`duplicate_content` warning instead of a second copy of every row.

Workers extract a file and stage its Parquet files (temp names beside the final ones); this
process publishes them in input order and commits each issue in the catalog, so the output
does not depend on which worker finishes first, nor on whether there are workers at all.
"""

from __future__ import annotations

import gc
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from extractors import EXTRACTOR_VERSION
from pipeline.catalog import Catalog, safe_path
from pipeline.one_file import Extracted, extract_and_stage, hash_file, os_reason, worker_died
from pipeline.outputs import duplicate, failure, path_issue_id
from pipeline.settings import DEFAULT_TIMEOUT
from pipeline.walk import Input, expand_paths
from pipeline.workers import map_in_order
from pipeline.writer import (
    IssueOutput,
    Written,
    commit,
    publish,
    read_back,
    write_schema_files,
)
from schemas import DATASETS, SCHEMA_VERSION

if TYPE_CHECKING:
    pass


Status = Literal["read", "unchanged", "duplicate", "failed"]


ProgressCallback = Callable[[int, int, str], None]  # (files done, files in all, path)


ProblemCallback = Callable[[str], None]  # one `gazette: <path>: <reason>` line


__all__ = ["DEFAULT_TIMEOUT", "FileOutcome", "RunResult", "expand_paths", "path_issue_id", "run"]


@dataclass
class FileOutcome:
    path: str
    status: Status
    issue_id: str
    ok: bool  # something could be read from the file (False also for unchanged failures)
    counts: dict[str, int] = field(default_factory=dict)  # rows per dataset
    severities: dict[str, int] = field(default_factory=dict)  # diagnostics per severity
    errors: list[str] = field(default_factory=list)  # error messages new in this run
    new_version: bool = False  # re-read only because the extractor version changed


@dataclass
class RunResult:
    out_dir: Path
    files: list[FileOutcome]
    gone: list[str] = field(default_factory=list)  # sources in the catalog that no longer exist
    pruned: bool = False  # whether the rows of `gone` were removed
    worker_peak_mb: int | None = None  # the highest peak RSS of any worker, None if none ran

    def count(self, status: Status) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def reread_for_version(self) -> int:
        """Files extracted again only because the rules changed (same bytes, new version)."""
        return sum(1 for f in self.files if f.new_version)

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
    code: str = "unreadable_file"
    new_version: bool = False  # same content as catalogued, older extractor version


Extractor = Callable[[list[str]], Iterator[Extracted]]


def run(
    paths: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    workers: int = 1,
    force: bool = False,
    prune: bool = False,
    timeout: float | None = DEFAULT_TIMEOUT,
    cluster: str | None = None,
    on_progress: ProgressCallback | None = None,
    on_problem: ProblemCallback | None = None,
    ocr: str = "auto",
) -> RunResult:
    """Extract every file under `paths` into `out_dir`; see the module docstring.

    Error diagnostics go to `on_problem` as they happen (default: printed to stderr).
    `cluster` is the address of a Dask scheduler (pipeline/cluster.py); without it, `workers`
    local processes. Raises catalog.CatalogError (another writer, an unusable output folder)
    and OSError (the output cannot be written); nothing committed is lost either way.
    """
    report = on_problem or _print_problem
    out = Path(out_dir)
    inputs = expand_paths(paths, out)
    if not inputs and not out.exists():
        return RunResult(out_dir=out, files=[])  # nothing to do: no output folder made
    with Catalog.open(out, DATASETS) as catalog:
        batch = {i.path for i in inputs}
        gone = _gone(catalog, batch)
        if gone and prune:
            for source in gone:
                entry = catalog.get(source)
                if entry is not None:
                    catalog.remove(entry.issue_id, DATASETS)
            report(
                f"gazette: pruned {len(gone)} source(s) that no longer exist "
                f"(first: {safe_path(gone[0])}); `gazette index` drops them from the index too"
            )
        elif gone:
            report(
                f"gazette: {len(gone)} source(s) in {safe_path(str(out))} no longer exist "
                f"(first: {safe_path(gone[0])}); their rows stay until `--prune`"
            )
        tasks = _plan(inputs, catalog, force)
        if tasks:
            write_schema_files(out)
        to_extract = [t.path for t in tasks if t.action == "extract"]
        outcomes: list[FileOutcome] = []
        extractor = _extractor(out, workers, timeout, cluster, ocr)
        peaks: list[int] = []
        extracted = _noting_peaks(extractor(to_extract), peaks)
        fs = getattr(extractor, "fs", None)
        for done, task in enumerate(tasks, 1):
            outcome = _settle(task, out, catalog, extracted, fs)
            outcomes.append(outcome)
            for message in outcome.errors:
                report(f"gazette: {message}")
            if on_progress is not None:
                on_progress(done, len(tasks), task.path)
        catalog.sweep(DATASETS)
    return RunResult(
        out_dir=out,
        files=outcomes,
        gone=gone,
        pruned=prune and bool(gone),
        worker_peak_mb=max(peaks, default=None),
    )


def _noting_peaks(extracted: Iterator[Extracted], peaks: list[int]) -> Iterator[Extracted]:
    for result in extracted:
        if result.peak_mb is not None:
            peaks.append(result.peak_mb)
        yield result


def _gone(catalog: Catalog, batch: set[str]) -> list[str]:
    return [
        e.source
        for e in catalog.entries()
        if e.source not in batch and not os.path.lexists(e.source)
    ]


def _extractor(
    out: Path, workers: int, timeout: float | None, cluster: str | None, ocr: str = "auto"
) -> Extractor:
    if cluster:
        from pipeline.cluster import ClusterExtractor

        return ClusterExtractor(cluster, str(out), timeout, ocr)

    def extract_all(paths: list[str]) -> Iterator[Extracted]:
        if paths and workers > 1:
            _preload(paths)
        # Fewer files than workers: each file's pages and notices share the idle ones.
        jobs = max(1, workers // len(paths)) if paths else 1
        work = partial(extract_and_stage, out=str(out), timeout=timeout, ocr=ocr, jobs=jobs)
        return map_in_order(work, paths, workers, worker_died)

    return extract_all


def _preload(paths: list[str]) -> None:
    """What every worker would load for itself, loaded once here before the pool forks, so
    the workers share its pages: the extractor, the organ vocabulary, and the PDF reader
    (PyMuPDF, pdfplumber) when a PDF is among the files (told by name: a guess that costs
    nothing when wrong, since a worker imports what it lacks)."""
    import extractors.extract  # noqa: F401
    from extractors.metadata.divisions import preload_vocabulary

    preload_vocabulary()
    if any(path.lower().endswith(".pdf") for path in paths):
        import extractors.readers.pdf  # noqa: F401
    # The program just loaded is never garbage: left out of this process's collections, as it
    # is of the workers' (workers.py), it costs the collector nothing from here on.
    gc.freeze()


def _plan(inputs: list[Input], catalog: Catalog, force: bool) -> list[_Task]:
    batch = {i.path for i in inputs}
    # Content owned by paths outside this batch that still exist: theirs stays theirs.
    outside: dict[str, str] = {}
    for entry in catalog.entries():
        src = entry.source
        if entry.sha256 and entry.duplicate_of is None and src not in batch and os.path.isfile(src):
            outside.setdefault(entry.sha256, src)
    owners: dict[str, str] = {}
    tasks: list[_Task] = []
    for item in inputs:
        path = item.path
        if item.problem:
            tasks.append(_Task(path, "unreadable", reason=item.problem, code=item.code))
            continue
        try:
            sha = hash_file(path)
        except OSError as exc:
            tasks.append(_Task(path, "unreadable", reason=f"cannot read file: {os_reason(exc)}"))
            continue
        owner = owners.get(sha) or outside.get(sha)
        if owner is None:
            owners[sha] = path
        entry = catalog.get(path)
        unchanged = (
            not force
            and entry is not None
            and entry.sha256 == sha
            and entry.extractor_version == EXTRACTOR_VERSION
            and entry.schema_version == SCHEMA_VERSION
            and entry.duplicate_of == owner
        )
        action = "unchanged" if unchanged else "duplicate" if owner else "extract"
        new_version = (
            entry is not None
            and entry.sha256 == sha
            and entry.extractor_version != EXTRACTOR_VERSION
        )
        tasks.append(_Task(path, action, sha256=sha, owner=owner, new_version=new_version))
    return tasks


def _settle(
    task: _Task, out: Path, catalog: Catalog, extracted: Iterator[Extracted], fs: object
) -> FileOutcome:
    if task.action == "unchanged":
        entry = catalog.get(task.path)
        assert entry is not None  # planned as unchanged only when the catalog has it
        return _outcome(
            task.path, "unchanged", entry.issue_id, entry.ok, read_back(out, entry.issue_id)
        )
    if task.action == "unreadable":
        output = failure(task.path, None, "read", task.code, task.reason or "")
        return _commit(out, catalog, output, "failed")
    if task.action == "duplicate":
        return _commit(
            out, catalog, duplicate(task.path, task.sha256, task.owner, catalog), "duplicate"
        )
    result = next(extracted)
    if result.staged is None:
        stage_name = "read" if result.code == "unreadable_file" else "extract"
        output = failure(
            task.path, result.sha256, stage_name, result.code or "", result.reason or ""
        )
        return _commit(out, catalog, output, "failed")
    written = publish(catalog, result.staged, fs)  # type: ignore[arg-type]
    entry = result.staged.entry
    status: Status = "read" if entry.ok else "failed"
    outcome = _outcome_of(task.path, status, entry.issue_id, entry.ok, written)
    outcome.new_version = task.new_version
    return outcome


def _commit(out: Path, catalog: Catalog, output: IssueOutput, status: Status) -> FileOutcome:
    written = commit(out, catalog, output)
    return _outcome_of(output.source_path, status, output.issue_id, output.ok, written)


def _outcome_of(
    path: str, status: Status, issue_id: str, ok: bool, written: Written
) -> FileOutcome:
    outcome = _outcome(path, status, issue_id, ok, written)
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
