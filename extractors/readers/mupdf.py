"""PyMuPDF as this process uses it: import `pymupdf` from here (without its optional layout
package), and call `release_memory()` when a document is done.

`import pymupdf` also imports `pymupdf.layout` when that package is installed (pymupdf4llm
brings it), which loads onnxruntime, numpy and pymupdf4llm and opens model sessions: seconds
and tens of MB per process that our readers never use (they read text, drawings and images;
layout analysis is ours). PyMuPDF has no setting for it, but imports it inside a try/except
ImportError, so a None entry in sys.modules, which makes that import raise ImportError, keeps
it out. Left alone when something already imported the layout package on purpose.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import cache

# pymupdf also tries `import pymupdf4llm` at the end (for its to_markdown shortcut), which
# imports the layout package itself. Both are blocked only while pymupdf is imported, so a
# process that wants pymupdf4llm later (bench/) can still import it.
_OPTIONAL = ("pymupdf.layout", "pymupdf4llm")
_blocked = [name for name in _OPTIONAL if name not in sys.modules]
for _name in _blocked:
    sys.modules[_name] = None  # type: ignore[assignment]
try:
    import pymupdf
finally:
    for _name in _blocked:
        if sys.modules.get(_name) is None:
            del sys.modules[_name]

__all__ = ["pymupdf", "release_memory"]


def release_memory() -> None:
    """Give back what reading a PDF left behind, once its document is closed: MuPDF's
    resource store (fonts, parsed objects; it keeps up to 256 MB by default) and the heap pages
    freed by it and by the pages' text dictionaries, which glibc keeps for the process unless
    asked (~30 MB off the peak of a 1,110-page issue, whose rows are built afterwards)."""
    pymupdf.TOOLS.store_shrink(100)
    trim = getattr(_libc(), "malloc_trim", None)
    if trim is not None:
        trim(0)


@cache
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:  # not glibc (macOS, musl without it): nothing to trim
        return None
