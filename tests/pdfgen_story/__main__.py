"""python -m tests.pdfgen_story OUT_DIR: lay out every content file with the Story engine."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.pdfgen import content_files, load_content

from . import build_issue_pdf


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.pdfgen_story OUT_DIR", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    for path in content_files():
        target = out / f"{path.stem}_story.pdf"
        target.write_bytes(build_issue_pdf(load_content(path)))
        print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
