"""How many threads a process's OCR engine takes.

onnxruntime starts one thread per core for each engine; a pool of N workers on one machine
would then run N × cores threads. Whoever starts several workers sets THREADS_ENV in each
(pipeline/workers.py: its share of the cores); unset, the engine takes onnxruntime's default.
A module of its own so that the pool can read the name without importing the OCR stack.
"""

from __future__ import annotations

import os

THREADS_ENV = "GAZETTE_OCR_THREADS"


def threads_from_env() -> int | None:
    value = os.environ.get(THREADS_ENV, "")
    return int(value) if value.isdigit() and int(value) > 0 else None
