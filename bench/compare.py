"""Side by side, in one run, on the same files: how far `gazette extract` is from the floor.

    python -m bench.compare [--sizes 370,1110] [--dump-mb 200] [--profile-top 15]

Inputs, built in a temporary folder: the small issue(s) of raw/pdf as they are, long issues of
370 and 1,110 pages made by concatenating them with PyMuPDF (bench.pdf's builder), and a text
dump of the raw/*.txt samples repeated to about --dump-mb MB. Each method runs in its own
process (bench.pdf's child mode, so peak memory is its own); the whole process is timed from
outside, imports included, because that is what a user waits for:
  floor        PyMuPDF get_text("dict") on every page
  pypdfium2    pdfium's text page of every page
  pdfminer     pdfminer.six's layout analysis of every page
  pdfplumber   extract_text + extract_tables on every page
  pymupdf4llm  to_markdown
  gazette      the real `gazette extract FILE --out TMP`, as a user runs it: one process per
               CPU, which share a single file's pages and notices (extractors/forks.py)
  gazette -j1  the same in one process
Prints wall seconds, CPU seconds (the process and its children), pages/s, peak RSS (the
largest single process) and the ratio to the floor's wall time, then a profile's top
functions of gazette's extraction of the largest PDF. Numbers, not a test.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
PDF_METHODS = (
    "floor",
    "pypdfium2",
    "pdfminer",
    "pdfplumber",
    "pymupdf4llm",
    "gazette",
    "gazette-j1",
)
DEFAULT_SIZES = (370, 1110)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.compare", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="long issues' page counts"
    )
    parser.add_argument("--dump-mb", type=float, default=200, help="text dump size; 0: none")
    parser.add_argument("--profile-top", type=int, default=15, help="0: no profile")
    parser.add_argument("--methods", default=",".join(PDF_METHODS), help="subset, comma-separated")
    args = parser.parse_args(argv)
    methods = [m for m in args.methods.split(",") if m]
    sizes = [int(n) for n in args.sizes.split(",") if n]
    small = sorted((RAW / "pdf").glob("*.pdf"))
    with tempfile.TemporaryDirectory(prefix="gazette-compare-") as tmp:
        work = Path(tmp)
        inputs = [(f"{_pages(p)}-page issue {p.name}", p) for p in small]
        for n in sizes:
            inputs.append((f"{n}-page issue", _long_issue(small, n, work / f"issue_{n}p.pdf")))
        print(
            f"{'input / method':<26} {'pages':>6} {'seconds':>8} {'CPU s':>8} {'pages/s':>8} "
            f"{'peak MB':>8} {'× floor':>8}"
        )
        for label, pdf in inputs:
            print(label)
            floor = None
            for method in methods:
                r = _measure(method, pdf, work)
                floor = floor or (r.get("seconds") if method == "floor" else None)
                _print_row(method, r, floor)
        if args.dump_mb:
            dump = _text_dump(work / "dump.txt", int(args.dump_mb * 1e6))
            lines = sum(1 for _ in dump.open("rb"))
            print(f"text dump {dump.stat().st_size / 1e6:.0f} MB, {lines} lines")
            r = _measure("read", dump, work)
            _print_row("read lines", r, None)
            floor = r.get("seconds")
            _print_row("gazette", _measure("gazette", dump, work), floor)
        if args.profile_top and inputs:
            _profile(inputs[-1][1], args.profile_top)
    return 0


def _pages(pdf: Path) -> int:
    return int(_helper("import pymupdf, sys; print(pymupdf.open(sys.argv[1]).page_count)", pdf))


def _long_issue(pdfs: list[Path], pages: int, out: Path) -> Path:
    code = "import sys; from pathlib import Path; from bench.pdf import _long_issue as build; "
    code += "build([Path(p) for p in sys.argv[3:]], int(sys.argv[2]), Path(sys.argv[1]))"
    _helper(code, out, str(pages), *map(str, pdfs))
    return out


def _helper(code: str, *args: object) -> str:
    """PyMuPDF work in a child: on Linux a child starts with its parent's peak RSS, so this
    process stays small for the measured children to report their own."""
    cmd = [sys.executable, "-c", code, *map(str, args)]
    return subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout


def _text_dump(out: Path, size: int) -> Path:
    samples = b"".join(p.read_bytes() for p in sorted(RAW.glob("*.txt")))
    with out.open("wb") as f:
        written = 0
        while written < size:
            f.write(samples)
            written += len(samples)
    return out


def _measure(method: str, path: Path, work: Path) -> dict:
    """Whole-process wall seconds and peak RSS of one method in a fresh child process."""
    if method in ("gazette", "gazette-j1"):
        out = work / f"out-{path.stem}"
        cmd = [
            sys.executable,
            "-c",
            "from pipeline.cli import main; main()",
            "extract",
            str(path),
            "--out",
            str(out),
            "--force",
            *(["--workers", "1"] if method == "gazette-j1" else []),
        ]
    elif method == "read":
        cmd = [
            sys.executable,
            "-c",
            "import sys\nfor _ in open(sys.argv[1], encoding='utf-8'): pass",
            str(path),
        ]
    else:
        cmd = [sys.executable, "-m", "bench.pdf", "--method", method, str(path)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=err)
        # wait4: this child's own peak RSS (its waited-for children included), where
        # RUSAGE_CHILDREN would be the largest of every run so far.
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if child.returncode != 0:
        last = stderr.decode(errors="replace").strip().splitlines()
        return {"error": last[-1] if last else "failed"}
    if b'"skipped"' in stdout:
        return {"skipped": stdout.decode().strip()}
    return {
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,  # steadier than wall on a shared machine
        "peak_mb": usage.ru_maxrss / 1024,
        "pages": _pages_of(path),
    }


def _pages_of(path: Path) -> int:
    return _pages(path) if path.suffix == ".pdf" else 0


def _print_row(method: str, r: dict, floor: float | None) -> None:
    if "seconds" not in r:
        print(f"  {method:<24} {r.get('skipped') or r.get('error')}")
        return
    rate = f"{r['pages'] / r['seconds']:8.1f}" if r["pages"] else f"{'':>8}"
    ratio = f"{r['seconds'] / floor:7.2f}×" if floor else f"{'':>8}"
    print(
        f"  {method:<24} {r['pages'] or '':>6} {r['seconds']:8.2f} {r['cpu_seconds']:8.2f} "
        f"{rate} {r['peak_mb']:8.0f} {ratio}"
    )


def _profile(pdf: Path, top: int) -> None:
    """Top functions (own time) of the in-process extraction, imports excluded: in a child,
    after every measurement, so the profiled imports never weigh on a measured process."""
    print(f"profile of gazette on {pdf.name} (top {top} by own time):")
    print(_helper(_PROFILE, pdf, top), end="")


_PROFILE = """
import cProfile, io, pstats, sys
from extractors.extract import extract_bytes
data = open(sys.argv[1], "rb").read()
profiler = cProfile.Profile()
profiler.runcall(extract_bytes, data, sys.argv[1])
text = io.StringIO()
pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(int(sys.argv[2]))
body = text.getvalue().splitlines()
start = next((i for i, line in enumerate(body) if "ncalls" in line), 0)
print("\\n".join(line for line in body[start:] if line.strip()))
"""


if __name__ == "__main__":
    sys.exit(main())
