"""How many threads a process's OCR engine takes.

onnxruntime starts one thread per core for each engine; a pool of N workers on one machine
would then run N × cores threads. Whoever starts several workers sets THREADS_ENV in each
(pipeline/workers.py: its share of the cores); unset, the engine takes onnxruntime's default.
A reader that forks a file's pages among processes gives each its share of that
(`shared_among`). A module of its own so that the pool can read the name without importing
the OCR stack.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from extractors.forks import usable_cores

THREADS_ENV = "GAZETTE_OCR_THREADS"


def threads_from_env() -> int | None:
    value = os.environ.get(THREADS_ENV, "")
    return int(value) if value.isdigit() and int(value) > 0 else None


@contextmanager
def shared_among(jobs: int) -> Iterator[None]:
    """While it lasts, an OCR engine started in this process or in a child forked from it
    takes 1/jobs of this process's threads: `jobs` processes are about to read pages."""
    if jobs <= 1:
        yield
        return
    before = os.environ.get(THREADS_ENV)
    os.environ[THREADS_ENV] = str(max(1, (threads_from_env() or usable_cores()) // jobs))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(THREADS_ENV, None)
        else:
            os.environ[THREADS_ENV] = before
