"""Throughput and parallel efficiency of `gazette extract` from 1 to N workers.

    python -m bench.parallel [--issues 64] [--max-workers N] [--cluster tcp://HOST:8786]

The corpus is the text samples of raw/ copied to ISSUES files, each made a distinct issue
by one line of its own at the end (so nothing is skipped as a duplicate), and extracted for
real. Each worker count runs into a fresh output folder, in its own process, so every run
pays the same start-up and none inherits a warm import from another; the first run's output
is the reference every other run must equal byte for byte (parallelism must not change the
output). Efficiency is speed-up ÷ workers, against the one-worker run. With --cluster the
same is measured on a Dask cluster, whose worker count is whatever the scheduler has.

CPU seconds (this machine's processes: the run and its workers) are printed too: on a machine
other work is sharing, wall-clock efficiency says little, while CPU seconds per issue that do
not grow with the worker count show the pool adds no work of its own.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RAW = Path(__file__).resolve().parent.parent / "raw"
ROOT = RAW.parent


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    with tempfile.TemporaryDirectory(prefix="gazette-parallel-") as tmp:
        work = Path(tmp)
        corpus = make_corpus(work / "in", args.issues)
        counts = [n for n in (1, 2, 4, 8, 16, 32) if n <= args.max_workers]
        if args.max_workers not in counts:
            counts.append(args.max_workers)
        print(f"corpus       {len(corpus)} issues ({_size(corpus) / 1e6:.1f} MB) in {work / 'in'}")
        print(
            f"{'workers':>7}  {'seconds':>8}  {'issues/s':>8}  {'speed-up':>8}  {'efficiency':>10}"
        )
        reference: dict[str, bytes] | None = None
        base: float | None = None
        runs = [(str(n), ["-j", str(n)]) for n in counts]
        if args.cluster:
            runs.append(("cluster", ["--cluster", args.cluster]))
        for label, flags in runs:
            out = work / f"out-{label}"
            seconds, cpu = _timed_extract(work / "in", out, flags)
            files = _snapshot(out)
            reference = reference or files
            same = "" if files == reference else "  (output differs!)"
            base = base or seconds
            workers = int(label) if label.isdigit() else _cluster_workers(args.cluster)
            speedup = base / seconds
            print(
                f"{label:>7}  {seconds:8.2f}  {len(corpus) / seconds:8.2f}  {speedup:8.2f}"
                f"  {100 * speedup / workers:9.0f}%  {cpu:7.1f}{same}"
            )
    return 0


def make_corpus(folder: Path, issues: int) -> list[Path]:
    samples = sorted(p for p in RAW.glob("*.txt"))
    folder.mkdir(parents=True)
    paths = []
    for k in range(issues):
        path = folder / f"issue_{k:04d}.txt"
        data = samples[k % len(samples)].read_bytes()
        path.write_bytes(data + f"\n（本期第{k}号副本）\n".encode())
        paths.append(path)
    return paths


def _timed_extract(inputs: Path, out: Path, flags: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the run and its children) of one `gazette extract`."""
    command = [sys.executable, "-c", "from pipeline.cli import main; main()", "extract"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [*command, str(inputs), "--out", str(out), *flags],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _snapshot(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != ".gazette.lock"
    }


def _cluster_workers(address: str | None) -> int:
    from distributed import Client

    with Client(address, timeout="20s") as client:
        return max(1, len(client.scheduler_info()["workers"]))


def _size(paths: list[Path]) -> int:
    return sum(p.stat().st_size for p in paths)


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.parallel", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--issues", type=int, default=64, help="issues in the corpus")
    parser.add_argument(
        "--max-workers", type=int, default=os.cpu_count() or 1, help="largest worker count"
    )
    parser.add_argument("--cluster", metavar="ADDRESS", help="also run on this Dask scheduler")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
