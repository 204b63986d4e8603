"""python -m tests.golden update: rewrite the snapshot from a fresh extraction of raw/."""

import sys

from tests.golden import GOLDEN, update

if sys.argv[1:] != ["update"]:
    sys.exit("usage: python -m tests.golden update")
update()
print(f"snapshot written to {GOLDEN}")
