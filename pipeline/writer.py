"""Atomic, idempotent Parquet output: `OUT/<dataset>/<issue_id>.parquet`, committed in the catalog.

One file per issue per dataset, so a re-run replaces exactly the files of the issues it saw.
An issue is written in two steps, which may run in different processes or machines:
`stage` casts the rows to the schemas and writes every file under a hidden temp name beside
its final one (readers skip them: pyarrow ignores a leading dot, DuckDB's `*.parquet` glob
does not match `.tmp`), fsynced; `publish` then says what it is about to do in the catalog,
renames the files into place, removes the files of datasets that lost their rows, and
commits the issue's record (pipeline/catalog.py), which is what makes the issue part of the
corpus. The same rows give the same bytes: no timestamps, rows in source order.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from extractors.model import Diagnostic
from pipeline import SCHEMA_FILE
from pipeline.catalog import Catalog, Entry, fsync_dir, safe_path
from schemas import DATASETS, DIAGNOSTICS, SCHEMA_VERSION

if TYPE_CHECKING:
    from fsspec import AbstractFileSystem

# SCHEMA_FILE: a zero-row file per dataset folder: DuckDB fails on a glob that matches
# nothing, so a dataset no issue has rows for yet would be unqueryable. pyarrow and pandas
# skip `_` files.
# zstd: a third smaller than snappy on Chinese text and read by every Parquet engine we target.
COMPRESSION = "zstd"
_ARROW_ERRORS = (pa.ArrowException, TypeError, ValueError, OverflowError)


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
    # Rows in batches instead of `rows` (a long text dump, section by section): taken once,
    # by `stage`, which reads `ok` after the last one.
    batches: Iterable[dict[str, list[dict]]] | None = None


@dataclass
class Written:
    counts: dict[str, int]  # rows per dataset, as stored
    diagnostics: list[dict]  # the diagnostics rows as stored


def diagnostic_row(
    source_path: str, issue_id: str, sha256: str | None, extractor_version: str, diag: Diagnostic
) -> dict:
    """A diagnostics-dataset row; the message is made one line and names the file."""
    source_path = safe_path(source_path)
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


@dataclass
class Staged:
    """An issue written under temp names, ready to be published."""

    entry: Entry  # the catalog record it will commit
    moves: list[tuple[str, str]]  # (temp path, final path) of every file with rows
    empty: list[str]  # final paths of the issue's datasets without rows (to remove)
    written: Written


def stage(out_dir: str, output: IssueOutput, fs: AbstractFileSystem | None = None) -> Staged:
    """Cast the rows and write every file of the issue under a temp name (fsynced).

    `fs` (fsspec) writes elsewhere than the local disk, for workers of a cluster; paths are
    then that filesystem's. Nothing committed changes: a crash leaves temp files only, which
    the next run removes. Rows in batches (`output.batches`) go to `stage_batches`.
    """
    if output.batches is not None:
        return stage_batches(out_dir, output, fs)
    tables = build_tables(output)
    files: dict[str, str] = {}
    moves: list[tuple[str, str]] = []
    empty: list[str] = []
    token = _token(output)
    try:
        for name, table in tables.items():
            final = f"{out_dir}/{name}/{output.issue_id}.parquet"
            if not table.num_rows:
                empty.append(final)
                continue
            data = parquet_bytes(table)
            tmp = f"{out_dir}/{name}/.{output.issue_id}.parquet.{token}.tmp"
            moves.append((tmp, final))
            _write_bytes(tmp, data, fs)
            files[name] = hashlib.sha256(data).hexdigest()
    except BaseException:
        for tmp, _ in moves:
            _unlink(tmp, fs)
        raise
    written = Written(
        counts={name: t.num_rows for name, t in tables.items()},
        diagnostics=tables["diagnostics"].to_pylist(),
    )
    return Staged(entry=_entry(output, files), moves=moves, empty=empty, written=written)


def stage_batches(
    out_dir: str, output: IssueOutput, fs: AbstractFileSystem | None = None
) -> Staged:
    """`stage` for rows that come in batches (a long text dump, section by section): each
    batch is cast and appended to the temp files as a row group, so the issue is never held
    whole. Diagnostics are written last (every batch and every cast problem adds to them),
    and `output.ok` is read after the last batch, when a streamed extraction knows it."""
    files = _TempFiles(out_dir, output.issue_id, _token(output), fs)
    problems: list[Diagnostic] = []
    unknown: set[str] = set()
    seen = dict.fromkeys(DATASETS, 0)  # rows given so far, to number the ones dropped
    counts = dict.fromkeys(DATASETS, 0)
    diagnostics: list[dict] = []
    try:
        for batch in output.batches or []:
            unknown.update(set(batch) - set(DATASETS))
            for name, schema in DATASETS.items():
                rows = batch.get(name, [])
                if schema is DIAGNOSTICS:
                    diagnostics.extend(rows)
                    continue
                table = _cast(name, schema, rows, seen[name], output, problems)
                seen[name] += len(rows)
                counts[name] += table.num_rows
                files.append(name, table)
        if unknown:
            message = f"rows for unknown datasets {sorted(unknown)} dropped"
            problems.insert(0, _problem("warning", "unknown_dataset", message))
        table = _diagnostics_table(diagnostics, output, problems)
        counts["diagnostics"] = table.num_rows
        files.append("diagnostics", table)
        hashes = files.close()
    except BaseException:
        files.discard()
        raise
    written = Written(counts=counts, diagnostics=table.to_pylist())
    moves = [(files.temp(name), files.final(name)) for name in hashes]
    empty = [files.final(name) for name in DATASETS if name not in hashes]
    return Staged(entry=_entry(output, hashes), moves=moves, empty=empty, written=written)


def _token(output: IssueOutput) -> str:
    # The pid and the path keep two processes (or two paths) from sharing a temp name.
    path = output.source_path.encode("utf-8", "surrogateescape")
    return f"{os.getpid()}-{hashlib.sha256(path).hexdigest()[:8]}"


def _entry(output: IssueOutput, files: dict[str, str]) -> Entry:
    return Entry(
        source=output.source_path,
        sha256=output.sha256,
        issue_id=output.issue_id,
        extractor_version=output.extractor_version,
        schema_version=SCHEMA_VERSION,
        ok=output.ok,
        duplicate_of=output.duplicate_of,
        files=files,
    )


class _TempFiles:
    """The issue's Parquet files under temp names, each opened when its first rows come."""

    def __init__(self, out_dir: str, issue_id: str, token: str, fs: AbstractFileSystem | None):
        self.out_dir, self.issue_id, self.token, self.fs = out_dir, issue_id, token, fs
        self.open: dict[str, tuple[object, pq.ParquetWriter]] = {}

    def final(self, name: str) -> str:
        return f"{self.out_dir}/{name}/{self.issue_id}.parquet"

    def temp(self, name: str) -> str:
        return f"{self.out_dir}/{name}/.{self.issue_id}.parquet.{self.token}.tmp"

    def append(self, name: str, table: pa.Table) -> None:
        if not table.num_rows:
            return
        if name not in self.open:
            path = self.temp(name)
            sink = open(path, "wb") if self.fs is None else self.fs.open(path, "wb")  # noqa: SIM115
            self.open[name] = (sink, pq.ParquetWriter(sink, table.schema, compression=COMPRESSION))
        self.open[name][1].write_table(table)

    def close(self) -> dict[str, str]:
        """Finish every file (fsynced on the local disk); dataset → SHA-256 of its bytes."""
        hashes = {}
        for name, (sink, writer) in self.open.items():
            writer.close()
            if self.fs is None:
                sink.flush()  # type: ignore[attr-defined]
                os.fsync(sink.fileno())  # type: ignore[attr-defined]
            sink.close()  # type: ignore[attr-defined]
            hashes[name] = self._sha256(self.temp(name))
        return {name: hashes[name] for name in DATASETS if name in hashes}

    def discard(self) -> None:
        for name, (sink, writer) in self.open.items():
            for done in (writer.close, sink.close):  # type: ignore[attr-defined]
                with contextlib.suppress(Exception):  # the temp file goes anyway
                    done()
            _unlink(self.temp(name), self.fs)

    def _sha256(self, path: str) -> str:
        digest = hashlib.sha256()
        with open(path, "rb") if self.fs is None else self.fs.open(path, "rb") as f:  # noqa: SIM115
            while chunk := f.read(1 << 20):
                digest.update(chunk)
        return digest.hexdigest()


def publish(catalog: Catalog, staged: Staged, fs: AbstractFileSystem | None = None) -> Written:
    """Move a staged issue into place and commit it; the path's previous issue goes after.

    The intent is durable before the first rename and the record after the last, so a crash
    anywhere in between is finished or undone when the catalog next opens.
    """
    entry = staged.entry
    previous = catalog.get(entry.source)
    replaces = [previous.issue_id] if previous and previous.issue_id != entry.issue_id else []
    try:
        catalog.begin(entry, replaces)
    except BaseException:
        for tmp, _ in staged.moves:
            _unlink(tmp, fs)
        raise
    for tmp, final in staged.moves:
        if fs is None:
            os.replace(tmp, final)
        else:
            fs.mv(tmp, final)
    for final in staged.empty:
        _unlink(final, fs)
    if fs is None:
        for directory in {os.path.dirname(final) for _, final in staged.moves}:
            fsync_dir(Path(directory))
    catalog.commit(entry, replaces, DATASETS)
    return staged.written


def commit(out_dir: Path, catalog: Catalog, output: IssueOutput) -> Written:
    """Replace the output of `output.source_path` with `output`: stage, then publish."""
    for name in DATASETS:
        (Path(out_dir) / name).mkdir(parents=True, exist_ok=True)
    return publish(catalog, stage(str(out_dir), output))


def build_tables(output: IssueOutput) -> dict[str, pa.Table]:
    """Cast every dataset's rows to its schema; rows that do not fit become diagnostics."""
    problems: list[Diagnostic] = []
    unknown = sorted(set(output.rows) - set(DATASETS))
    if unknown:
        problems.append(
            _problem("warning", "unknown_dataset", f"rows for unknown datasets {unknown} dropped")
        )
    tables = {
        name: _cast(name, schema, output.rows.get(name, []), 0, output, problems)
        for name, schema in DATASETS.items()
        if schema is not DIAGNOSTICS
    }
    tables["diagnostics"] = _diagnostics_table(output.rows.get("diagnostics", []), output, problems)
    return tables


def _diagnostics_table(
    rows: list[dict], output: IssueOutput, problems: list[Diagnostic]
) -> pa.Table:
    """The diagnostics rows, then a row for every problem casting found (its own included)."""
    table = _cast("diagnostics", DIAGNOSTICS, rows, 0, output, problems)
    if not problems:
        return table
    extra = [
        diagnostic_row(
            output.source_path, output.issue_id, output.sha256, output.extractor_version, p
        )
        for p in problems
    ]
    return pa.concat_tables([table, pa.Table.from_pylist(extra, schema=DIAGNOSTICS)])


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


def read_rows(path: Path, columns: list[str] | None = None) -> list[dict]:
    """One Parquet file's rows. Through ParquetFile, not pq.read_table: read_table imports
    pyarrow.dataset (with compute, csv and the cloud file systems), 0.2 s a process."""
    return pq.ParquetFile(path).read(columns=columns).to_pylist()


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
    diagnostics = read_rows(diag_path) if diag_path.exists() else []
    return Written(counts=counts, diagnostics=diagnostics)


def parquet_bytes(table: pa.Table) -> bytes:
    """One Parquet file's bytes. No timestamps go in, so equal tables give equal bytes."""
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression=COMPRESSION)
    return sink.getvalue().to_pybytes()


def write_parquet(table: pa.Table, path: Path) -> None:
    """Write and fsync one file."""
    _write_bytes(str(path), parquet_bytes(table), None)


def _write_bytes(path: str, data: bytes, fs: AbstractFileSystem | None) -> None:
    if fs is not None:
        with fs.open(path, "wb") as f:
            f.write(data)
        return
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _unlink(path: str, fs: AbstractFileSystem | None) -> None:
    if fs is None:
        Path(path).unlink(missing_ok=True)
    elif fs.exists(path):
        fs.rm(path)


def _cast(
    name: str,
    schema: pa.Schema,
    rows: list[dict],
    before: int,
    output: IssueOutput,
    problems: list[Diagnostic],
) -> pa.Table:
    """`rows` cast to `schema`; `before`: rows of the dataset given earlier (numbering)."""
    required = [f.name for f in schema if not f.nullable]
    lists = [f.name for f in schema if pa.types.is_list(f.type)]
    names = set(schema.names)
    good: list[tuple[int, dict]] = []
    unknown: set[str] = set()
    for n, row in enumerate(rows, before + 1):
        if not isinstance(row, dict):
            problems.append(_invalid(name, n, f"is a {type(row).__name__}, not a mapping"))
            continue
        row = _with_provenance(row, output)
        unknown.update(row.keys() - names)
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
    if _utf8(row):
        filled = dict(row)
    else:
        filled = {k: _storable(v) if isinstance(v, str) else v for k, v in row.items()}
    if filled.get("source_sha256") is None:
        filled["source_sha256"] = output.sha256 or ""
    if filled.get("extractor_version") is None:
        filled["extractor_version"] = output.extractor_version
    return filled


def _utf8(row: dict) -> bool:
    """Every string of the row can be written as UTF-8 (one encoding per row, not per value:
    a long issue has hundreds of thousands of values)."""
    try:
        "\n".join(v for v in row.values() if isinstance(v, str)).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _storable(text: str) -> str:
    """Text Parquet can store: a lone surrogate (a path's undecodable byte, a broken UTF-16
    pair) cannot be written as UTF-8, so it is shown as \\xNN instead of failing the row."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return safe_path(text)


def _invalid(dataset: str, n: int, reason: str) -> Diagnostic:
    return _problem("error", "invalid_row", f"{dataset} row {n} dropped: {reason}")


def _problem(severity: str, code: str, message: str) -> Diagnostic:
    return Diagnostic(stage="validate", severity=severity, code=code, message=message)


def _temp_name(final: Path) -> Path:
    # Hidden and not ending in .parquet, so no reader picks it up; the pid keeps two
    # processes that share an out dir from clobbering each other's temp files.
    return final.with_name(f".{final.name}.{os.getpid()}.tmp")
