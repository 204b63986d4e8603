"""The benchmarks still run: each once, on a tiny input, printing its table with numbers.

They live in bench/, outside the installed package, so nothing else would notice them break.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDF = ROOT / "raw" / "pdf" / "luzhou_2024_12_v0.pdf"
NUMBER = r"\d+(?:\.\d+)?"


def _run(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_pdf_benchmark_prints_seconds_pages_and_memory_per_method() -> None:
    out = _run("bench.pdf", str(PDF), "--pages", "2")
    for method in ("floor", "extract"):
        row = next(line for line in out.splitlines() if method in line.lower())
        assert len(re.findall(NUMBER, row)) >= 3, row  # seconds, pages/s, peak MB


def test_search_benchmark_prints_build_and_query_times() -> None:
    out = _run("bench.search", "--issues", "3", "--repeat", "1")
    assert re.search(r"corpus\s+3 issues", out), out
    assert re.search(rf"index build\s+{NUMBER} s", out), out
    assert re.search(rf"\n\s+all\s+{NUMBER}\s+{NUMBER}\n", out), out  # median, p95 (ms)
    assert re.search(rf"one process\s+{NUMBER} s", out), out


def test_parallel_benchmark_prints_throughput_and_efficiency_per_worker_count() -> None:
    out = _run("bench.parallel", "--issues", "1", "--max-workers", "2")
    for workers in ("1", "2"):
        row = next(line for line in out.splitlines() if line.split()[:1] == [workers])
        assert len(re.findall(NUMBER, row)) >= 6, row  # seconds, issues/s, speed-up, %, CPU
        assert "differs" not in row


def test_compare_benchmark_prints_each_method_against_the_floor_and_a_profile() -> None:
    out = _run(
        "bench.compare",
        *("--sizes", "3", "--dump-mb", "0.05", "--profile-top", "3"),
        *("--methods", "floor,pypdfium2,gazette"),
    )
    assert "3-page issue" in out, out
    for method in ("floor", "pypdfium2", "gazette"):
        rows = [line for line in out.splitlines() if line.split()[:1] == [method]]
        assert rows, out
        # pages, seconds, pages/s, peak MB, ratio to the floor
        assert all(len(re.findall(NUMBER, row)) >= 5 for row in rows[:-1]), rows
    assert re.search(r"text dump \d+ MB, \d+ lines", out), out
    assert "profile of gazette" in out and "ncalls" in out, out


def test_dump_benchmark_prints_seconds_memory_and_time_per_line_per_size() -> None:
    out = _run("bench.dump", "--sizes", "0.1,0.2")
    rows = [line for line in out.splitlines()[1:] if line.strip()]
    assert len(rows) == 2, out
    for row in rows:
        assert len(re.findall(NUMBER, row)) == 7, row  # MB, lines, s, CPU s, peak, µs/line ×2
