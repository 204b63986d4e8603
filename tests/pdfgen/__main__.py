"""python -m tests.pdfgen OUT_DIR [--variant N]: one PDF per content file."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import build_issue_layout, content_files, load_content, variant


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.pdfgen", description=__doc__)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument(
        "--variant", type=int, action="append", help="layout variant (repeatable; default 0)"
    )
    args = ap.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for n in args.variant or [0]:
        v = variant(n)
        for path in content_files():
            t = time.perf_counter()
            data, layout = build_issue_layout(load_content(path), v)
            out = args.out_dir / f"{path.stem}_v{n}.pdf"
            out.write_bytes(data)
            pages = layout.front_pages + len(layout.body_numbers) + layout.back_pages
            print(f"{out}  {pages} pages  {len(data) // 1024} KiB  {time.perf_counter() - t:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
