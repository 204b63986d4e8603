"""PyMuPDF without its optional layout package: import `pymupdf` from here.

`import pymupdf` also imports `pymupdf.layout` when that package is installed (pymupdf4llm
brings it), which loads onnxruntime, numpy and pymupdf4llm and opens model sessions: seconds
and tens of MB per process that our readers never use (they read text, drawings and images;
layout analysis is ours). PyMuPDF has no setting for it, but imports it inside a try/except
ImportError, so a None entry in sys.modules, which makes that import raise ImportError, keeps
it out. Left alone when something already imported the layout package on purpose.
"""

from __future__ import annotations

import sys

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

__all__ = ["pymupdf"]
