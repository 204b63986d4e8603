"""python -m tests.scangen IN.pdf OUT.pdf [--dpi N] [--turn PAGE] [--seed N]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import ScanSettings, scan_pdf


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.scangen", description=__doc__)
    ap.add_argument("source", type=Path)
    ap.add_argument("target", type=Path)
    ap.add_argument("--dpi", type=int, default=ScanSettings.dpi)
    ap.add_argument(
        "--turn", type=int, action="append", default=[], help="0-based page fed sideways"
    )
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    settings = ScanSettings(dpi=args.dpi, turned_pages=tuple(args.turn), seed=args.seed)
    args.target.write_bytes(scan_pdf(args.source.read_bytes(), settings))
    print(args.target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
