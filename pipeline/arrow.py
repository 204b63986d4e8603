"""pyarrow for writing rows, without pandas: call `arrow_without_pandas()` before the first
table is built in a process that never converts pandas objects (`gazette extract`).

pyarrow looks for pandas the first time it converts a Python list (`pa.array` asks whether the
list is a pandas object), and importing pandas costs ~0.2 s and ~40 MB per process: a fifth of
extracting a one-page text (issue 15). pyarrow has no setting for it but catches ImportError
there and remembers the answer, so pandas is hidden once, during one conversion. Later calls
that need pandas (`Table.to_pandas`, `from_pandas`) import it again as usual.
"""

from __future__ import annotations

import sys
from importlib.machinery import ModuleSpec


class _HidePandas:
    """A finder that answers ModuleNotFoundError for pandas (a None entry in sys.modules does
    not work: pyarrow's compiled import reads sys.modules directly)."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> ModuleSpec | None:
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"{name} hidden from pyarrow", name=name)
        return None


def arrow_without_pandas() -> None:
    if "pandas" in sys.modules:  # already paid for; nothing to save
        return
    finder = _HidePandas()
    sys.meta_path.insert(0, finder)
    try:
        import pyarrow as pa

        pa.array([0])
    finally:
        sys.meta_path.remove(finder)
