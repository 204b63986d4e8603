"""The printed page of a notice as a PNG, rendered from its source PDF on request, cached.

The PDF is found where `gazette extract` read it (`issues.source_path`, as given then: an
absolute path, or one relative to the folder extract ran in, tried against the serving
folder and the corpus folder's parent) and must still be the file that was read: its SHA-256
is checked against `issues.source_sha256` before the first render. Renders are cached on disk
under the cache folder, keyed by that hash, the page and the resolution, so a page is drawn
once whatever serves it next.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

# 110 dpi: an A4 page 910 px wide, the size of a browser column, 11 pt type still legible.
PAGE_DPI = 110


class PageUnavailable(Exception):
    """The page cannot be shown; the message says why, in words for the reader."""


@dataclass(frozen=True)
class PageSource:
    source_path: str
    source_sha256: str
    page: int  # 1-based page of the PDF


def default_cache_dir() -> Path:
    """$XDG_CACHE_HOME/gazette/pages (~/.cache/gazette/pages): never inside the corpus."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "gazette" / "pages"


def find_source(source_path: str, corpus_dir: Path) -> Path | None:
    """The source file on disk, where extract read it from."""
    path = Path(source_path)
    if path.is_absolute():
        return path if path.is_file() else None
    for base in (Path.cwd(), corpus_dir.parent, corpus_dir):
        if (base / path).is_file():
            return base / path
    return None


def render_page(
    source: PageSource, corpus_dir: Path, cache_dir: Path, dpi: int = PAGE_DPI
) -> bytes:
    """The page as PNG bytes: from the cache, or drawn from the PDF and then cached."""
    cached = cache_dir / f"{source.source_sha256[:32]}-p{source.page}-{dpi}.png"
    if cached.is_file():
        return cached.read_bytes()
    pdf = find_source(source.source_path, corpus_dir)
    if pdf is None:
        raise PageUnavailable(f"the source PDF {source.source_path} is not on this machine")
    data = pdf.read_bytes()
    if hashlib.sha256(data).hexdigest() != source.source_sha256:
        raise PageUnavailable(f"{source.source_path} has changed since it was extracted")
    import pymupdf  # here: only page images need PyMuPDF in the server

    with pymupdf.open(stream=data, filetype="pdf") as doc:
        if not 1 <= source.page <= doc.page_count:
            raise PageUnavailable(f"{source.source_path} has no page {source.page}")
        png = doc[source.page - 1].get_pixmap(dpi=dpi).tobytes("png")
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Written under a temporary name and renamed: a reader never sees half a PNG.
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(png)
    tmp.replace(cached)
    return png
