"""Atomic, idempotent Parquet output: `OUT/<dataset>/<issue_id>.parquet` plus a manifest.

One file per issue per dataset, so a re-run replaces exactly the files of the issues it saw
and a reader globbing a dataset folder never sees half an issue. Every file of an issue is
written to a hidden temp name and fsynced before any is renamed into place; readers skip the
temp names (pyarrow ignores a leading dot, DuckDB's `*.parquet` glob does not match `.tmp`).

The manifest (`OUT/_manifest.json`) remembers, per source path, the content hash and the
issue id it produced, so that a changed file's old issue can be removed and an unchanged
one skipped.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from extractors.model import Diagnostic
from pipeline import MANIFEST_NAME, SCHEMA_FILE
from schemas import DATASETS, DIAGNOSTICS, SCHEMA_VERSION

# SCHEMA_FILE: a zero-row file per dataset folder: DuckDB fails on a glob that matches
# nothing, so a dataset no issue has rows for yet would be unqueryable. pyarrow and pandas
# skip `_` files.
# zstd: a third smaller than snappy on Chinese text and read by every Parquet engine we target.
COMPRESSION = "zstd"
_ARROW_ERRORS = (pa.ArrowException, TypeError, ValueError, OverflowError)


class ManifestError(Exception):
    """The manifest exists but cannot be used; re-running blind could leave stale rows."""


@dataclass(frozen=True)
class ManifestEntry:
    sha256: str | None  # None when the file could not be read
    issue_id: str  # the id the path's output files are named by
    extractor_version: str
    schema_version: str
    ok: bool = True
    duplicate_of: str | None = None  # the path whose issue holds this content


class Manifest:
    """source_path → ManifestEntry, kept in memory and saved atomically."""

    def __init__(self, out_dir: Path, entries: dict[str, ManifestEntry] | None = None) -> None:
        self.path = Path(out_dir) / MANIFEST_NAME
        self.entries: dict[str, ManifestEntry] = dict(entries or {})
        self.dirty = False

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        path = Path(out_dir) / MANIFEST_NAME
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(out_dir)
        except (OSError, ValueError) as exc:
            raise ManifestError(f"{path}: cannot read the manifest ({exc})") from exc
        try:
            entries = {src: ManifestEntry(**entry) for src, entry in raw.items()}
        except (AttributeError, TypeError) as exc:
            raise ManifestError(f"{path}: not a gazette manifest ({exc})") from exc
        return cls(out_dir, entries)

    def get(self, source_path: str) -> ManifestEntry | None:
        return self.entries.get(source_path)

    def set(self, source_path: str, entry: ManifestEntry) -> None:
        self.entries[source_path] = entry
        self.dirty = True

    def remove(self, source_path: str) -> None:
        if self.entries.pop(source_path, None) is not None:
            self.dirty = True

    def paths_with_issue(self, issue_id: str) -> list[str]:
        return [src for src, entry in self.entries.items() if entry.issue_id == issue_id]

    def save(self) -> None:
        if not self.dirty:
            return
        data = {
            src: {k: v for k, v in asdict(entry).items() if k != "duplicate_of" or v is not None}
            for src, entry in sorted(self.entries.items())
        }
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = _temp_name(self.path)
        try:
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        finally:
            tmp.unlink(missing_ok=True)
        _fsync_dir(self.path.parent)
        self.dirty = False


@dataclass
class IssueOutput:
    """Everything one source path contributes to the output."""

    source_path: str
    sha256: str | None  # None when the bytes could not be read
    issue_id: str
    extractor_version: str
    rows: dict[str, list[dict]] = field(default_factory=dict)
    ok: bool = True
    duplicate_of: str | None = None


@dataclass
class Written:
    counts: dict[str, int]  # rows per dataset, as stored
    diagnostics: list[dict]  # the diagnostics rows as stored


def diagnostic_row(
    source_path: str, issue_id: str, sha256: str | None, extractor_version: str, diag: Diagnostic
) -> dict:
    """A diagnostics-dataset row; the message is made one line and names the file."""
    message = " ".join(diag.message.split())
    if not message.startswith(f"{source_path}:"):
        message = f"{source_path}: {message}"
    return {
        "source_path": source_path,
        "issue_id": issue_id,
        "stage": diag.stage,
        "severity": diag.severity,
        "code": diag.code,
        "message": message,
        "page": diag.page,
        # Unreadable files have no content hash; the column is non-null, so "" stands for none.
        "source_sha256": sha256 or "",
        "extractor_version": extractor_version,
    }


def commit(out_dir: Path, manifest: Manifest, output: IssueOutput) -> Written:
    """Replace the output of `output.source_path` with `output`, atomically per file.

    Order matters for crash safety: new files are all staged before any rename, files of
    datasets that lost their rows go next, and the path's previous issue (content changed)
    goes last, so an interrupted commit leaves either the old issue or the new one readable.
    The manifest is updated in memory; the caller saves it.
    """
    out_dir = Path(out_dir)
    tables = build_tables(output)
    targets = {name: issue_file(out_dir, name, output.issue_id) for name in tables}
    staged = _stage({name: t for name, t in tables.items() if t.num_rows}, targets)
    for tmp, final in staged:
        os.replace(tmp, final)
    for name, table in tables.items():
        if not table.num_rows:
            targets[name].unlink(missing_ok=True)
    for directory in {final.parent for _, final in staged}:
        _fsync_dir(directory)

    previous = manifest.get(output.source_path)
    manifest.set(
        output.source_path,
        ManifestEntry(
            sha256=output.sha256,
            issue_id=output.issue_id,
            extractor_version=output.extractor_version,
            schema_version=SCHEMA_VERSION,
            ok=output.ok,
            duplicate_of=output.duplicate_of,
        ),
    )
    # Content changed: drop the old issue, unless another path with that content still owns it.
    if (
        previous
        and previous.issue_id != output.issue_id
        and not manifest.paths_with_issue(previous.issue_id)
    ):
        remove_issue(out_dir, previous.issue_id)
    return Written(
        counts={name: t.num_rows for name, t in tables.items()},
        diagnostics=tables["diagnostics"].to_pylist(),
    )


def build_tables(output: IssueOutput) -> dict[str, pa.Table]:
    """Cast every dataset's rows to its schema; rows that do not fit become diagnostics."""
    problems: list[Diagnostic] = []
    unknown = sorted(set(output.rows) - set(DATASETS))
    if unknown:
        problems.append(
            _problem("warning", "unknown_dataset", f"rows for unknown datasets {unknown} dropped")
        )
    tables = {name: _cast(name, schema, output, problems) for name, schema in DATASETS.items()}
    if problems:
        extra = [
            diagnostic_row(
                output.source_path, output.issue_id, output.sha256, output.extractor_version, p
            )
            for p in problems
        ]
        tables["diagnostics"] = pa.concat_tables(
            [tables["diagnostics"], pa.Table.from_pylist(extra, schema=DIAGNOSTICS)]
        )
    return tables


def write_schema_files(out_dir: Path) -> None:
    """Put `_schema.parquet` (no rows, the dataset's schema) in every dataset folder."""
    for name, schema in DATASETS.items():
        final = Path(out_dir) / name / SCHEMA_FILE
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = _temp_name(final)
        try:
            write_parquet(schema.empty_table(), tmp)
            # Rewritten only when the schema changed, so re-runs leave it untouched.
            if not final.exists() or final.read_bytes() != tmp.read_bytes():
                os.replace(tmp, final)
        finally:
            tmp.unlink(missing_ok=True)


def issue_file(out_dir: Path, dataset: str, issue_id: str) -> Path:
    return Path(out_dir) / dataset / f"{issue_id}.parquet"


def remove_issue(out_dir: Path, issue_id: str) -> None:
    for name in DATASETS:
        issue_file(out_dir, name, issue_id).unlink(missing_ok=True)


def read_back(out_dir: Path, issue_id: str) -> Written:
    """What is stored for an issue: row counts from file footers, diagnostics in full."""
    counts = {}
    for name in DATASETS:
        path = issue_file(out_dir, name, issue_id)
        counts[name] = pq.read_metadata(path).num_rows if path.exists() else 0
    diag_path = issue_file(out_dir, "diagnostics", issue_id)
    diagnostics = pq.read_table(diag_path).to_pylist() if diag_path.exists() else []
    return Written(counts=counts, diagnostics=diagnostics)


def write_parquet(table: pa.Table, path: Path) -> None:
    """Write and fsync one file. No timestamps go in, so equal tables give equal bytes."""
    with open(path, "wb") as f:
        pq.write_table(table, f, compression=COMPRESSION)
        f.flush()
        os.fsync(f.fileno())


def _stage(tables: dict[str, pa.Table], targets: dict[str, Path]) -> list[tuple[Path, Path]]:
    staged: list[tuple[Path, Path]] = []
    try:
        for name, table in tables.items():
            final = targets[name]
            final.parent.mkdir(parents=True, exist_ok=True)
            tmp = _temp_name(final)
            staged.append((tmp, final))
            write_parquet(table, tmp)
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    return staged


def _cast(
    name: str, schema: pa.Schema, output: IssueOutput, problems: list[Diagnostic]
) -> pa.Table:
    rows = output.rows.get(name, [])
    required = [f.name for f in schema if not f.nullable]
    lists = [f.name for f in schema if pa.types.is_list(f.type)]
    good: list[tuple[int, dict]] = []
    unknown: set[str] = set()
    for n, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            problems.append(_invalid(name, n, f"is a {type(row).__name__}, not a mapping"))
            continue
        row = _with_provenance(row, output)
        unknown.update(set(row) - set(schema.names))
        # Arrow does not enforce non-null fields when building a table, so check here.
        missing = [f for f in required if row.get(f) is None]
        if missing:
            problems.append(_invalid(name, n, f"no value for non-null {', '.join(missing)}"))
            continue
        # Arrow would split a string into a list of its characters.
        strings = [f for f in lists if isinstance(row.get(f), str)]
        if strings:
            problems.append(
                _invalid(name, n, f"a string where a list belongs: {', '.join(strings)}")
            )
            continue
        good.append((n, row))
    if unknown:
        problems.append(
            _problem(
                "warning",
                "unknown_field",
                f"{name}: fields not in the schema dropped: {sorted(unknown)}",
            )
        )
    try:
        return pa.Table.from_pylist([row for _, row in good], schema=schema)
    except _ARROW_ERRORS:
        pass
    # One bad value fails the whole batch; find the rows that are to blame.
    kept = []
    for n, row in good:
        try:
            pa.Table.from_pylist([row], schema=schema)
        except _ARROW_ERRORS as exc:
            problems.append(_invalid(name, n, " ".join(str(exc).split())))
            continue
        kept.append(row)
    return pa.Table.from_pylist(kept, schema=schema)


def _with_provenance(row: dict, output: IssueOutput) -> dict:
    # Provenance is the pipeline's to know; extractors may leave it out.
    filled = dict(row)
    if filled.get("source_sha256") is None:
        filled["source_sha256"] = output.sha256 or ""
    if filled.get("extractor_version") is None:
        filled["extractor_version"] = output.extractor_version
    return filled


def _invalid(dataset: str, n: int, reason: str) -> Diagnostic:
    return _problem("error", "invalid_row", f"{dataset} row {n} dropped: {reason}")


def _problem(severity: str, code: str, message: str) -> Diagnostic:
    return Diagnostic(stage="validate", severity=severity, code=code, message=message)


def _temp_name(final: Path) -> Path:
    # Hidden and not ending in .parquet, so no reader picks it up; the pid keeps two
    # processes that share an out dir from clobbering each other's temp files.
    return final.with_name(f".{final.name}.{os.getpid()}.tmp")


def _fsync_dir(directory: Path) -> None:
    # Makes the renames durable; not possible on every platform, and not needed for safety.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
