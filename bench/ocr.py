"""OCR speed, memory and accuracy on noisy scans of the project's own PDFs.

    python -m bench.ocr [PDF ...] [--pages 8] [--dpi 150]

Each PDF is turned into a noisy image-only scan (tests/scangen: 200 dpi, skew, grain, JPEG);
its first `--pages` pages are read back, each method in a fresh process so that peak memory
is its own:
  1 core       RapidOCR, one onnxruntime thread, one process
  N threads    RapidOCR, onnxruntime's default threads (every core), one process
  N processes  RapidOCR, one thread in each of N processes (as `gazette extract --workers N`)
  gpu          RapidOCR on onnxruntime-gpu's CUDA provider (only where one is found)
  tesseract    Debian's tesseract with chi_sim, one thread (only where installed): the
               engine we compared against
Accuracy is the share of the born-digital text layer's characters found, in order, in the
best-matching OCR line (each text-layer line against every OCR line of its page).
Without PDFs, the held-out generator's (tests/pdfgen_story) 12期 is used. Prints numbers,
asserts nothing: a slow machine should not fail the build.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

METHODS = ("1 core", "N threads", "N processes", "gpu", "tesseract")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ocr", description=__doc__)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--pages", type=int, default=8, help="pages read from each scan")
    parser.add_argument("--dpi", type=int, default=0, help="OCR rendering (default: the reader's)")
    parser.add_argument("--method", choices=METHODS, help=argparse.SUPPRESS)  # child mode
    parser.add_argument("--scan-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.method:
        print(json.dumps(_run(args.method, args.scan_dir, args.pages, args.dpi)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        scans = Path(tmp)
        _make_scans(args.pdfs, scans)
        for method in METHODS:
            if method == "gpu" and not _has_gpu():
                print(f"{method:12s} skipped: onnxruntime finds no CUDA provider")
                continue
            if method == "tesseract" and not _has_tesseract():
                print(f"{method:12s} skipped: tesseract with chi_sim is not installed")
                continue
            cmd = [sys.executable, "-m", "bench.ocr", "--method", method, "--scan-dir", tmp]
            cmd += ["--pages", str(args.pages), "--dpi", str(args.dpi)]
            out = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if out.returncode:
                print(f"{method:12s} failed: {out.stderr.strip().splitlines()[-1:]}")
                continue
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                f"{method:12s} {r['pages']:3d} pages  {r['s_per_page']:6.2f} s/page  "
                f"{r['pages_per_s']:5.2f} pages/s  cpu {r['cpu_s_per_page']:6.2f} s/page  "
                f"peak {r['peak_mb']:5.0f} MB  accuracy {r['accuracy']:.4f}"
            )
    return 0


def _make_scans(pdfs: list[Path], out: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.scangen import scan_pdf

    if pdfs:
        sources = {p.stem: p.read_bytes() for p in pdfs}
    else:
        from tests.pdfgen import load_content
        from tests.pdfgen_story import build_issue_pdf

        sources = {"luzhou_2024_12_story": build_issue_pdf(load_content("luzhou_2024_12"))}
    for stem, data in sources.items():
        (out / f"{stem}.pdf").write_bytes(data)
        (out / f"{stem}.scan.pdf").write_bytes(scan_pdf(data))


def _has_gpu() -> bool:
    from extractors.readers.ocr import uses_gpu

    return uses_gpu()


def _has_tesseract() -> bool:
    if not shutil.which("tesseract"):
        return False
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True)
    return "chi_sim" in langs.stdout


def _pages(scan_dir: Path, limit: int, dpi: int):
    """(text-layer lines, grey image, width, height) of the first pages of every scan."""
    import numpy as np
    import pymupdf

    from extractors.readers.pdf_ocr import OCR_DPI

    dpi = dpi or OCR_DPI
    for scan in sorted(scan_dir.glob("*.scan.pdf")):
        original = scan.with_name(scan.name.replace(".scan.pdf", ".pdf"))
        with pymupdf.open(original) as src, pymupdf.open(scan) as img:
            for index in range(min(limit, img.page_count)):
                truth = [
                    "".join(s["text"] for s in line["spans"]).replace(" ", "")
                    for block in src[index].get_text("dict")["blocks"]
                    for line in block.get("lines", [])
                ]
                page = img[index]
                pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
                grey = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.h, pix.w).copy()
                yield truth, grey, page.rect.width, page.rect.height


def _run(method: str, scan_dir: Path, limit: int, dpi: int) -> dict:
    pages = list(_pages(scan_dir, limit, dpi))
    start, cpu = time.perf_counter(), time.process_time()
    if method == "N processes":
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
            texts = list(pool.map(_rapid_one_thread, [(g, w, h) for _, g, w, h in pages]))
        cpu_used = _children_cpu()
    else:
        read = {
            "1 core": lambda g, w, h: _rapid(g, w, h, threads=1),
            "N threads": lambda g, w, h: _rapid(g, w, h, threads=None),
            "gpu": lambda g, w, h: _rapid(g, w, h, threads=None),
            "tesseract": _tesseract,
        }[method]
        read(*pages[0][1:])  # load the models outside the clock
        start, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
        texts = [read(g, w, h) for _, g, w, h in pages]
        # tesseract runs in child processes: their CPU time counts too.
        cpu_used = time.process_time() - cpu + _children_cpu() - children
    seconds = time.perf_counter() - start
    found = total = 0
    for (truth, *_), text in zip(pages, texts, strict=True):
        f, t = _recall(truth, text)
        found, total = found + f, total + t
    peak = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    return {
        "pages": len(pages),
        "s_per_page": seconds / len(pages),
        "pages_per_s": len(pages) / seconds,
        "cpu_s_per_page": cpu_used / len(pages),
        "peak_mb": peak / 1024,
        "accuracy": found / max(1, total),
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _rapid(grey, width: float, height: float, threads: int | None) -> list[str]:
    from extractors.readers.ocr import OcrSettings, read_image

    return [
        line.text for line in read_image(grey, width, height, OcrSettings(threads=threads)).lines
    ]


def _rapid_one_thread(args) -> list[str]:
    return _rapid(*args, threads=1)


def _tesseract(grey, width: float, height: float) -> list[str]:
    import cv2

    with tempfile.NamedTemporaryFile(suffix=".png") as f:
        cv2.imwrite(f.name, grey)
        out = subprocess.run(
            ["tesseract", f.name, "-", "-l", "chi_sim", "--psm", "3"],
            capture_output=True,
            text=True,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            check=False,
        )
    return out.stdout.splitlines()


def _recall(truth: list[str], ocr: list[str]) -> tuple[int, int]:
    lines = [o.replace(" ", "") for o in ocr if o.strip()]
    found = total = 0
    for line in filter(None, truth):
        total += len(line)
        best = 0
        for other in lines:
            m = difflib.SequenceMatcher(None, line, other, autojunk=False)
            if m.real_quick_ratio() * len(line) <= best:
                continue
            best = max(best, sum(b.size for b in m.get_matching_blocks()))
        found += best
    return found, total


if __name__ == "__main__":
    sys.exit(main())
