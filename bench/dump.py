"""Text dumps of growing size through `gazette extract`: is time linear in lines, is memory flat?

    python -m bench.dump [--sizes 1,2,4,8,16,32]

Each dump is the raw/*.txt samples repeated to about N MB (bench.compare's builder). Each run
is the real CLI in its own process, timed from outside, its peak RSS from wait4. Prints
MB, lines, wall and CPU seconds, peak MB and microseconds per line (wall, CPU): linear time
shows as a flat CPU µs/line (wall time moves with whatever else the machine runs), bounded
memory as a flat peak once a dump is read in pieces and in sections (pipeline.one_file.
STREAM_MIN_BYTES, extractors/sections.py). Numbers, not a test; tests/test_bench.py runs it
on a tiny size so it does not rot.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench.compare import _measure, _text_dump

DEFAULT_SIZES = (1, 2, 4, 8, 16, 32)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.dump", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="MB, comma-separated"
    )
    args = parser.parse_args(argv)
    sizes = [float(n) for n in args.sizes.split(",") if n]
    print(
        f"{'MB':>7} {'lines':>10} {'seconds':>9} {'CPU s':>8} {'peak MB':>8} {'µs/line':>8} "
        f"{'CPU µs/line':>11}"
    )
    with tempfile.TemporaryDirectory(prefix="gazette-dump-") as tmp:
        work = Path(tmp)
        for mb in sizes:
            dump = _text_dump(work / f"dump_{mb:g}mb.txt", int(mb * 1e6))
            lines = sum(1 for _ in dump.open("rb"))
            r = _measure("gazette", dump, work)
            size = dump.stat().st_size / 1e6
            if "seconds" not in r:
                print(f"{size:7.1f} {lines:10d}  {r.get('error') or r.get('skipped')}")
            else:
                per_line = r["seconds"] / lines * 1e6
                cpu_per_line = r["cpu_seconds"] / lines * 1e6
                print(
                    f"{size:7.1f} {lines:10d} {r['seconds']:9.2f} {r['cpu_seconds']:8.2f} "
                    f"{r['peak_mb']:8.0f} {per_line:8.1f} {cpu_per_line:11.1f}",
                    flush=True,
                )
            dump.unlink()
            for leftover in work.glob("out-*"):
                _remove_tree(leftover)
    return 0


def _remove_tree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
