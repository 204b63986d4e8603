"""extractors.forks: a pure function over items in forked processes gives the loop's result,
whatever happens to the children, and leaves no child behind.

The cases that need a fork run in a fresh interpreter (`_fresh`): the test process has other
threads once earlier tests ran (pyarrow's pool, a server), and fork_map then rightly runs the
plain loop, which would make those cases pass without forking anything."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from extractors.extract import extract_bytes
from extractors.forks import fork_map
from extractors.readers.mupdf import pymupdf
from extractors.readers.pdf_settings import PDF_SETTINGS
from pipeline.workers import FileTimeout, time_limit

ROOT = Path(__file__).resolve().parent.parent
RAW_PDFS = sorted((ROOT / "raw" / "pdf").glob("*.pdf"))


def _fresh(case: str) -> None:
    """Run `case` (a function of this module) in a new interpreter, which has one thread."""
    code = f"import tests.test_forks as t; t.{case}()"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]


def _no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_results_are_the_loops_in_input_order():
    _fresh("results_in_order")


def results_in_order():
    items = list(range(23))
    for jobs in (1, 2, 3, 7):
        found = fork_map(_square_and_pid, items, jobs)
        assert [square for square, _ in found] == [n * n for n in items]
        assert len({pid for _, pid in found}) == jobs  # that many processes did the work
        assert _no_children_left()


def test_work_is_shared_among_processes():
    _fresh("work_is_shared")


def work_is_shared():
    pids = fork_map(lambda _: os.getpid(), list(range(8)), 2)
    assert len(set(pids)) == 2 and os.getpid() in pids


def test_a_child_that_dies_costs_only_time():
    _fresh("child_dies")


def child_dies():
    assert fork_map(lambda _: os.getpid(), [0] * 4, 2).count(os.getpid()) == 2  # it forked
    parent = os.getpid()

    def dies_in_child(n: int) -> int:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return n + 1

    assert fork_map(dies_in_child, list(range(10)), 3) == list(range(1, 11))
    assert _no_children_left()


def test_an_error_in_a_child_is_raised_as_the_loop_would():
    _fresh("child_raises")


def child_raises():
    def fails_on_five(n: int) -> int:
        if n == 5:
            raise ValueError("five")
        return n

    with pytest.raises(ValueError, match="five"):
        fork_map(fails_on_five, list(range(10)), 2)  # 5 is a child's item
    assert _no_children_left()


def test_with_other_threads_running_nothing_is_forked():
    _fresh("threads_keep_it_in_process")


def threads_keep_it_in_process():
    assert len(set(fork_map(lambda _: os.getpid(), list(range(8)), 4))) == 4  # alone: forks
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        pids = fork_map(lambda _: os.getpid(), list(range(8)), 4)
    finally:
        stop.set()
        thread.join()
    assert set(pids) == {os.getpid()}


def test_a_time_limit_stops_the_children_too():
    _fresh("time_limit_stops_children")


def time_limit_stops_children():
    parent = os.getpid()

    def slow_in_child(n: int) -> int:
        if os.getpid() != parent:
            time.sleep(30)
        return n

    started = time.monotonic()
    with pytest.raises(FileTimeout), time_limit(0.5):
        fork_map(slow_in_child, list(range(6)), 3)
    assert time.monotonic() - started < 10
    assert _no_children_left()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_time_limit_inside_a_page_stops_the_file(jobs):
    _fresh(f"time_limit_inside_a_page_{jobs}")


def time_limit_inside_a_page_1():
    _time_limit_inside_a_page(1)


def time_limit_inside_a_page_2():
    _time_limit_inside_a_page(2)


def _time_limit_inside_a_page(jobs: int) -> None:
    # The alarm going off while a page is read (here on page 4, a forked child's with two
    # jobs): the page's `except Exception` guard must not take it for a damaged page and read
    # on, in this process or in a child.
    import extractors.readers.pdf as reader

    read_lines = reader._raw_lines

    def alarm_on_page_4(page, blocks):
        if page.number == 3:
            raise FileTimeout("took longer than 1 s")
        return read_lines(page, blocks)

    reader._raw_lines = alarm_on_page_4
    with pytest.raises(FileTimeout):
        extract_bytes(_long_pdf(40), "long.pdf", jobs=jobs)
    assert _no_children_left()


def _long_pdf(pages: int) -> bytes:
    """The samples repeated to `pages`: long enough for its pages to be shared by 2 jobs."""
    assert pages >= 2 * PDF_SETTINGS.pages_per_job
    doc = pymupdf.open()
    while doc.page_count < pages:
        for path in RAW_PDFS:
            with pymupdf.open(path) as src:
                doc.insert_pdf(src)
    return doc.tobytes()


def test_a_long_pdf_gives_the_same_rows_read_by_one_process_or_three():
    _fresh("long_pdf_same_rows")


def long_pdf_same_rows():
    from extractors import forks

    assert forks.can_fork()  # with the extractor and pyarrow loaded
    data = _long_pdf(50)
    one = extract_bytes(data, "long.pdf", jobs=1)
    three = extract_bytes(data, "long.pdf", jobs=3)
    assert one.rows == three.rows
    assert [str(d) for d in one.diagnostics] == [str(d) for d in three.diagnostics]
    assert sum(len(rows) for rows in one.rows.values()) > 0


def test_a_long_pdf_s_output_is_the_same_bytes_with_one_worker_or_two(tmp_path):
    # Two workers and one file: its pages and notices are shared between them (forks).
    from tests.faults_kit import snapshot

    pdf = tmp_path / "in" / "long.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(_long_pdf(40))
    outs = {}
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}"
        done = subprocess.run(
            [sys.executable, "-c", "from pipeline.cli import main; main()", "extract"]
            + [str(pdf), "--out", str(out), "--workers", workers],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        outs[workers] = snapshot(out)
    assert outs["1"] == outs["2"]
    assert any(name.startswith("notices/") for name in outs["1"])
