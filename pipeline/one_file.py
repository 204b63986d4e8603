"""One file, as a worker handles it: read it (whole, or in pieces when it is large), extract
it, stage its Parquet files under temp names, and say what happened. Never raises for a bad
input or an extractor bug: one file, one outcome (`Extracted`). Runs in this process, in a
pool worker (pipeline/workers.py) or on a Dask worker (pipeline/cluster.py); the batch
(pipeline/runner.py) publishes and commits what it staged.
"""

from __future__ import annotations

import hashlib
import os
import resource
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.outputs import from_extraction, from_sections
from pipeline.workers import FileTimeout, time_limit
from pipeline.writer import Staged, stage

if TYPE_CHECKING:
    from extractors.extract import Extraction

_HASH_CHUNK = 1 << 20
# Files larger than this are read in pieces, and a text dump is extracted and written section
# by section (extractors/sections.py): peak memory is then a section's, not the file's.
STREAM_MIN_BYTES = 4 << 20


@dataclass
class Extracted:
    """What a worker sends back: a staged issue, or why there is none."""

    path: str
    sha256: str | None
    staged: Staged | None = None
    code: str | None = None
    reason: str | None = None
    peak_mb: int | None = None  # the worker's peak RSS so far (the process's high-water mark)


def extract_bytes(data: bytes, path: str, ocr: str = "auto", jobs: int = 1) -> Extraction:
    """The extractor (extractors.extract), imported when a file is first extracted.

    PyMuPDF, pyarrow and the extractor's rules take a good part of a second to import: a run
    with nothing new to read, or one whose files go to a cluster, does not pay for them.
    """
    from extractors.extract import extract_bytes as extract

    return extract(data, path, ocr, jobs)  # type: ignore[arg-type]


def extract_and_stage(
    path: str,
    out: str,
    timeout: float | None,
    fs: object | None = None,
    ocr: str = "auto",
    jobs: int = 1,
) -> Extracted:
    """Worker body: read, extract and stage one file. Never raises: one file, one outcome.
    `ocr`: which PDF pages are read by OCR (auto, always, never); `jobs`: processes the
    file's pages and notices are shared among. The outcome carries the worker's peak memory,
    which the run reports (issue 15: a worker's bar is 300 MB)."""
    result = _extract_and_stage(path, out, timeout, fs, ocr, jobs)
    result.peak_mb = _peak_rss_mb()
    return result


def _peak_rss_mb() -> int:
    """The worker's peak, or that of a process it forked to share a file's pages, if larger
    (RUSAGE_CHILDREN: the largest of its children that were waited for)."""
    peak = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    return peak // (1024 * 1024) if sys.platform == "darwin" else peak // 1024


def _extract_and_stage(
    path: str, out: str, timeout: float | None, fs: object | None, ocr: str, jobs: int
) -> Extracted:
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        return Extracted(path, None, code="unreadable_file", reason=_cannot_read(exc))
    if size > STREAM_MIN_BYTES:
        return _stream_and_stage(path, out, timeout, fs, ocr, size, jobs)
    try:
        with time_limit(timeout):
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                reason = f"cannot read file: {os_reason(exc)}"
                return Extracted(path, None, code="unreadable_file", reason=reason)
            sha = hashlib.sha256(data).hexdigest()
            try:
                extraction = extract_bytes(data, path, ocr, jobs)
            except Exception as exc:  # an extractor bug must cost one file, not the batch
                reason = " ".join(f"extractor crashed: {type(exc).__name__}: {exc}".split())
                return Extracted(path, sha, code="extractor_crashed", reason=reason)
    except FileTimeout as exc:
        return Extracted(path, None, code="timeout", reason=f"{exc}; skipped (see --timeout)")
    staged = stage(out, from_extraction(path, extraction), fs)  # type: ignore[arg-type]
    return Extracted(path, sha, staged=staged)


class _InputError(Exception):
    """Reading the input failed (not writing the output, which stops the run)."""


class _ExtractorCrash(Exception):
    """The extractor raised while a streamed file was being staged."""


def _stream_and_stage(
    path: str,
    out: str,
    timeout: float | None,
    fs: object | None,
    ocr: str,
    size: int,
    jobs: int,
) -> Extracted:
    """A large file: hashed, then read in pieces and staged section by section (a text dump;
    extractors/sections.py), so neither its bytes nor its rows are held whole. The time limit
    applies to each section: a 200 MB dump takes minutes, each of its sections seconds."""
    from extractors.extract import SectionedExtraction, extract_pieces

    try:
        sha = hash_file(path)
    except OSError as exc:
        return Extracted(path, None, code="unreadable_file", reason=_cannot_read(exc))
    try:
        with time_limit(timeout):
            pieces = _pieces(path)
            extraction = extract_pieces(pieces, sha, path, size, ocr, jobs)  # type: ignore[arg-type]
            if not isinstance(extraction, SectionedExtraction):
                output = from_extraction(path, extraction)
        if isinstance(extraction, SectionedExtraction):
            output = from_sections(path, extraction)
            output.batches = _guarded(output.batches or iter(()), timeout)
        staged = stage(out, output, fs)  # type: ignore[arg-type]
    except _InputError as exc:
        return Extracted(path, None, code="unreadable_file", reason=str(exc))
    except FileTimeout as exc:
        return Extracted(path, None, code="timeout", reason=f"{exc}; skipped (see --timeout)")
    except _ExtractorCrash as exc:
        return Extracted(path, sha, code="extractor_crashed", reason=str(exc))
    except Exception as exc:  # the extractor, before its first section
        if isinstance(exc, OSError):
            raise  # writing the output failed: that stops the run
        reason = " ".join(f"extractor crashed: {type(exc).__name__}: {exc}".split())
        return Extracted(path, sha, code="extractor_crashed", reason=reason)
    return Extracted(path, sha, staged=staged)


def _pieces(path: str) -> Iterator[bytes]:
    try:
        with open(path, "rb") as f:
            while piece := f.read(_HASH_CHUNK):
                yield piece
    except OSError as exc:
        raise _InputError(_cannot_read(exc)) from exc


def _guarded(
    batches: Iterator[dict[str, list[dict]]], timeout: float | None
) -> Iterator[dict[str, list[dict]]]:
    """Each batch taken within the time limit; an extractor error told from a writer's."""
    while True:
        try:
            with time_limit(timeout):
                batch = next(batches, None)
        except _InputError:
            raise
        except Exception as exc:  # an extractor bug must cost one file, not the batch
            reason = " ".join(f"extractor crashed: {type(exc).__name__}: {exc}".split())
            raise _ExtractorCrash(reason) from exc
        if batch is None:
            return
        yield batch


def _cannot_read(exc: OSError) -> str:
    return f"cannot read file: {os_reason(exc)}"


def worker_died(path: str) -> Extracted:
    """The outcome of a file whose worker process died twice while reading it."""
    reason = "the worker process died while extracting this file, and again when retried"
    return Extracted(path, None, code="worker_died", reason=reason)


def hash_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
