"""Where extraction runs: in this process, or in a pool of worker processes.

Results come back in input order whatever order workers finish in, so the output does not
depend on timing. A worker that dies (killed, out of memory, a crash in C code) costs only the
file it was reading: the pool is replaced, the files that were in flight are retried one at a
time in a fresh process, and a file that kills its worker again gets `on_dead`'s result (a
diagnostic) instead. Workers die with their parent: each asks the kernel for SIGKILL when
the parent goes (Linux `PR_SET_PDEATHSIG`), and checks that the parent it was forked for is
still there, so killing `gazette extract` leaves no worker running.

A per-file time limit runs inside whoever extracts (`time_limit`): SIGALRM raises FileTimeout
in the extracting thread, which the caller turns into a diagnostic.
"""

from __future__ import annotations

import gc
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import TypeVar

from extractors.forks import die_with_parent, usable_cores
from extractors.readers.ocr_threads import THREADS_ENV as OCR_THREADS_ENV

T = TypeVar("T")
R = TypeVar("R")

# Files submitted ahead of the one whose result is awaited, per worker: enough to keep every
# worker busy, few enough that results waiting for an earlier slow file stay in memory briefly.
_AHEAD_PER_WORKER = 2


class FileTimeout(BaseException):
    """A file took longer than the time limit.

    A BaseException, as KeyboardInterrupt is: the alarm can go off anywhere in the extractor,
    whose `except Exception` guards (a damaged page costs that page) must not take it for
    an error of the input and read on."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise FileTimeout in this thread after `seconds`; no limit off the main thread."""
    usable = seconds and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def _expired(signum: int, frame: object) -> None:
        raise FileTimeout(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def map_in_order(
    fn: Callable[[T], R],
    items: Iterable[T],
    workers: int,
    on_dead: Callable[[T], R],
) -> Iterator[R]:
    """fn over items, in input order, in `workers` processes (this one when workers <= 1)."""
    items = list(items)
    if workers <= 1:
        yield from map(fn, items)
        return
    pool = _Pool(fn, workers, busy=min(workers, len(items)))
    try:
        for index in range(len(items)):
            while index not in pool.results:
                if index in pool.retry:
                    pool.results[index] = _alone(fn, items[index], on_dead)
                    continue
                pool.fill(items, upto=index + workers * _AHEAD_PER_WORKER)
                pool.collect(index)
            yield pool.results.pop(index)
    finally:
        _kill(pool.executor)


class _Pool:
    """A process pool that outlives its workers: a break is noted, and a new pool started."""

    def __init__(self, fn: Callable[[T], R], workers: int, busy: int) -> None:
        self.fn = fn
        self.workers = workers
        self.busy = busy  # workers that will have a file at once: they share the cores
        self.executor = _executor(workers, busy)
        self.futures: dict[int, Future] = {}
        self.results: dict[int, object] = {}
        self.retry: set[int] = set()  # in flight when a worker died: retried one by one
        self.next = 0  # the first item not submitted yet

    def fill(self, items: list, upto: int) -> None:
        while self.next < min(upto, len(items)):
            try:
                self.futures[self.next] = self.executor.submit(self.fn, items[self.next])
            except BrokenProcessPool:
                self._broken()
                continue  # not sent: submitted again to the new pool
            self.next += 1

    def collect(self, index: int) -> None:
        future = self.futures.get(index)
        if future is None:
            return
        try:
            self.results[index] = future.result()
            del self.futures[index]
        except BrokenProcessPool:
            self._broken()

    def _broken(self) -> None:
        # Every future still out is lost with the pool: keep the results that came back,
        # retry the rest one by one (the file that killed its worker is among them).
        for n, future in self.futures.items():
            if future.done() and not future.cancelled() and future.exception() is None:
                self.results[n] = future.result()
            else:
                self.retry.add(n)
        self.futures.clear()
        _kill(self.executor)
        self.executor = _executor(self.workers, self.busy)


def _alone(fn: Callable[[T], R], item: T, on_dead: Callable[[T], R]) -> R:
    pool = _executor(1, 1)
    try:
        return pool.submit(fn, item).result()
    except BrokenProcessPool:
        return on_dead(item)
    finally:
        _kill(pool)


def _executor(workers: int, busy: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(os.getpid(), busy)
    )


def _init_worker(parent: int, busy: int) -> None:
    die_with_parent(parent)
    # What the worker inherits (the extractor, its vocabularies) is left out of its
    # collections: visiting it would copy every page of the heap it shares with the parent
    # (0.1 s of a small PDF's run). Freezing moves lists; it touches no object.
    gc.freeze()
    # Each busy worker's OCR engine takes its share of the cores, not all of them (N engines
    # of one thread per core each would oversubscribe the machine N times); a lone file's
    # worker takes them all. Unless the user said otherwise.
    os.environ.setdefault(OCR_THREADS_ENV, str(max(1, usable_cores() // busy)))


def _kill(pool: ProcessPoolExecutor) -> None:
    # shutdown(wait=True) would wait for files already being read, for minutes if they are
    # long; a batch being stopped or a broken pool has no use for those results.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join()
