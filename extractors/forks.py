"""One pure function over many items in forked copies of this process, with the same result
as the plain loop: `fork_map(fn, items, jobs) == [fn(x) for x in items]`.

Why fork: a long PDF's pages (and an issue's notices) are independent of each other, and one
file is often all a user gives; its pages read on every core finish sooner (OCRmyPDF reads a
file's pages in parallel the same way). A forked child starts with everything this process
has loaded (the extractor, its vocabularies, the open PDF), so it costs no start-up, and only
its results travel back, pickled through a pipe.

The plain loop is what runs wherever forking is not safe or not worth it: one job, too few
items, no fork on this system, or other threads in this process (a thread holding a lock at
the fork would leave it held forever in the child: a Dask worker, a loaded OCR engine). A
child that fails in any way (an exception, a crash, killed) costs only time: its share is
computed again here, so the results are the loop's, and an exception fn raises is raised here.
Children die with this process (PR_SET_PDEATHSIG) and are killed if it stops waiting (a
per-file time limit), so none outlives the file it was reading.
"""

from __future__ import annotations

import ctypes
import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_PR_SET_PDEATHSIG = 1  # linux/prctl.h
# Modules whose native threads do not survive a fork: loaded, they make fork_map run the loop.
_FORK_UNSAFE = ("onnxruntime",)


def fork_map(fn: Callable[[T], R], items: Sequence[T], jobs: int) -> list[R]:
    """[fn(x) for x in items] in `jobs` processes (this one among them), in input order.

    Items are dealt round-robin, so runs of costly items (a section of table pages) are shared.
    `fn` must be pure: a child's side effects stay in the child."""
    jobs = min(jobs, len(items))
    if jobs <= 1 or not can_fork():
        return [fn(x) for x in items]
    shares = [range(k, len(items), jobs) for k in range(jobs)]
    children = [_Child.start(fn, items, share) for share in shares[1:]]
    try:
        results: dict[int, R] = {i: fn(items[i]) for i in shares[0]}
        for child, share in zip(children, shares[1:], strict=True):
            got = child.collect(len(share))
            if got is None:  # the child failed: its share again, here, as the loop would
                got = [fn(items[i]) for i in share]
            results.update(zip(share, got, strict=True))
    finally:
        for child in children:
            child.stop()
    return [results[i] for i in range(len(items))]


def usable_cores() -> int:
    """The cores this process may run on (a container's or taskset's share, not the machine's)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork() -> bool:
    """Forking is safe here: no other Python thread (a Dask worker's, a server's) and no OCR
    engine (onnxruntime's thread pool) whose locks a child could inherit held. Native pools
    that ready themselves for a fork (pyarrow's, jemalloc's: pthread_atfork) do not count;
    the worker pool forks from a parent that has them too."""
    return (
        hasattr(os, "fork")
        and threading.active_count() == 1
        and not any(name in sys.modules for name in _FORK_UNSAFE)
    )


class _Child:
    def __init__(self, pid: int, pipe: int) -> None:
        self.pid = pid
        self.pipe = pipe
        self.reaped = False

    @classmethod
    def start(cls, fn: Callable[[T], R], items: Sequence[T], share: range) -> _Child:
        parent = os.getpid()
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(read_end)
            _run_child(parent, write_end, lambda: [fn(items[i]) for i in share])
        os.close(write_end)
        return cls(pid, read_end)

    def collect(self, expected: int) -> list | None:
        """The child's results, or None when it failed (no whole payload, or a bad exit)."""
        with os.fdopen(self.pipe, "rb", closefd=True) as pipe:
            self.pipe = -1
            payload = pipe.read()  # to the end: the child closes its end when it exits
        _, status = os.waitpid(self.pid, 0)
        self.reaped = True
        if os.waitstatus_to_exitcode(status) != 0:
            return None
        try:
            results = pickle.loads(payload)
        except Exception:  # cut short: the child died while writing
            return None
        return results if isinstance(results, list) and len(results) == expected else None

    def stop(self) -> None:
        if self.pipe >= 0:
            os.close(self.pipe)
            self.pipe = -1
        if not self.reaped:
            with suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.reaped = True


def _run_child(parent: int, pipe: int, work: Callable[[], list]) -> None:
    code = 1
    try:
        # What the child inherits is left out of its collections: visiting it would copy
        # every page it shares with the parent. Freezing moves lists; it touches no object.
        gc.freeze()
        die_with_parent(parent)
        payload = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(payload)
        while view:
            view = view[os.write(pipe, view) :]
        code = 0
    except BaseException:  # any failure: the parent computes this share itself
        pass
    finally:
        # No atexit handlers, no flushing of buffers copied from the parent.
        os._exit(code)


def die_with_parent(parent: int) -> None:
    """SIGKILL this process when `parent` dies (Linux); exit now if it already has."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


def _watch_parent(parent: int) -> None:
    # Where prctl is missing: poll, and leave when the parent is gone (we get re-parented).
    while os.getppid() == parent:
        threading.Event().wait(1.0)
    os._exit(1)
