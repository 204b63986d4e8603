"""PDF reading speed and memory: our extract against the floor and the tools users reach for.

    python -m bench.pdf PDF [PDF ...] [--pages 300] [--repeat 1]

For each method, in a fresh process (so peak memory is its own), on the same PDFs:
  floor        PyMuPDF get_text("dict") on every page: just reading the text
  extract      our whole extract_bytes (read, layout, segment, metadata, tables)
  pdfplumber   pdfplumber extract_text + extract_tables on every page
  pymupdf4llm  pymupdf4llm.to_markdown (skipped when not installed)
`--pages N` first builds one long issue of N pages by repeating the inputs, as the 300-page
memory bar asks. Prints pages per second, peak RSS, and our ratios to the bars:
extract ≤ 10× the floor's time, ≥ 10× faster than pymupdf4llm, < 400 MB on 300 pages.
Numbers, not a test: a slow machine should not fail the build.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

METHODS = ("floor", "extract", "pdfplumber", "pymupdf4llm")
# Also runnable with --method (bench/compare.py sets them side by side): plain text readers.
EXTRA_METHODS = ("pypdfium2", "pdfminer")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.pdf", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("pdfs", nargs="+", type=Path)
    parser.add_argument(
        "--pages", type=int, default=0, help="build one issue of N pages from the inputs"
    )
    parser.add_argument(
        "--method", choices=METHODS + EXTRA_METHODS, help=argparse.SUPPRESS
    )  # child process mode
    args = parser.parse_args(argv)
    if args.method:
        print(json.dumps(_run_method(args.method, args.pdfs)))
        return 0
    pdfs = args.pdfs
    with tempfile.TemporaryDirectory() as tmp:
        if args.pages:
            pdfs = [_long_issue(args.pdfs, args.pages, Path(tmp) / f"issue_{args.pages}p.pdf")]
        results = {method: _in_child(method, pdfs) for method in METHODS}
    _report(results)
    return 0


def _long_issue(pdfs: list[Path], pages: int, out: Path) -> Path:
    import pymupdf

    doc = pymupdf.open()
    while doc.page_count < pages:
        for path in pdfs:
            with pymupdf.open(path) as src:
                doc.insert_pdf(src, to_page=min(src.page_count, pages - doc.page_count) - 1)
            if doc.page_count >= pages:
                break
    doc.save(out)
    return out


def _in_child(method: str, pdfs: list[Path]) -> dict:
    cmd = [sys.executable, "-m", "bench.pdf", "--method", method, *map(str, pdfs)]
    # cwd: bench/ is not installed; it is found from the checkout it lives in.
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=root)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _run_method(method: str, pdfs: list[Path]) -> dict:
    datas = [p.read_bytes() for p in pdfs]
    start = time.perf_counter()
    pages = 0
    if method == "floor":
        # As our reader imports it: without PyMuPDF's optional layout package (never used).
        from extractors.readers.mupdf import pymupdf

        for data in datas:
            with pymupdf.open(stream=data, filetype="pdf") as doc:
                for page in doc:
                    page.get_text("dict")
                    pages += 1
    elif method == "extract":
        from extractors.extract import extract_bytes

        for path, data in zip(pdfs, datas, strict=True):
            issues = extract_bytes(data, str(path)).rows.get("issues") or [{"page_count": 0}]
            pages += issues[0]["page_count"]
    elif method == "pdfplumber":
        import io

        import pdfplumber

        for data in datas:
            with pdfplumber.open(io.BytesIO(data)) as doc:
                for page in doc.pages:
                    page.extract_text()
                    page.extract_tables()
                    pages += 1
                    page.flush_cache()
    elif method == "pypdfium2":
        import pypdfium2

        for data in datas:
            doc = pypdfium2.PdfDocument(data)
            for page in doc:
                page.get_textpage().get_text_range()
                pages += 1
            doc.close()
    elif method == "pdfminer":
        import io

        from pdfminer.high_level import extract_pages

        for data in datas:
            pages += sum(1 for _ in extract_pages(io.BytesIO(data)))
    elif method == "pymupdf4llm":
        try:
            import pymupdf
            import pymupdf4llm
        except ImportError:
            return {"skipped": "pymupdf4llm is not installed (pip install pymupdf4llm)"}
        for path in pdfs:
            pymupdf4llm.to_markdown(str(path))
            with pymupdf.open(path) as doc:
                pages += doc.page_count
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "pages": pages,
        "seconds": seconds,
        "pages_per_s": pages / seconds if seconds else 0,
        "peak_mb": peak_mb,
    }


def _report(results: dict[str, dict]) -> None:
    print(f"{'method':<12} {'pages':>6} {'seconds':>9} {'pages/s':>9} {'peak MB':>8}")
    for method, r in results.items():
        if "pages" not in r:
            print(f"{method:<12} {r.get('skipped') or r.get('error')}")
            continue
        print(
            f"{method:<12} {r['pages']:>6} {r['seconds']:>9.2f} {r['pages_per_s']:>9.1f} {r['peak_mb']:>8.0f}"
        )
    ours, floor, llm = results["extract"], results["floor"], results["pymupdf4llm"]
    if "seconds" in ours and "seconds" in floor:
        print(
            f"extract / floor time:        {ours['seconds'] / floor['seconds']:.1f}×   (bar: ≤ 10×)"
        )
    if "seconds" in ours and "seconds" in llm:
        print(
            f"pymupdf4llm / extract time:  {llm['seconds'] / ours['seconds']:.1f}×   (bar: ≥ 10×)"
        )
    if "peak_mb" in ours:
        print(
            f"extract peak memory:         {ours['peak_mb']:.0f} MB on {ours['pages']} pages (bar: < 400 MB at 300 pages)"
        )


if __name__ == "__main__":
    sys.exit(main())
