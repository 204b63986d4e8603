"""Reading `OUT/gazette.db`: whether it is there and fresh, a read-only connection to it.

`search`, `show` and `serve` never write: the connection is opened through a `mode=ro` URI.
The SQL functions the search query calls (`fts_query`, `hit_snippet`) are registered here for
the CLI, and by the Datasette plugin for the browser, from the same Python functions.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from pipeline import MANIFEST_NAME
from pipeline.search import DB_NAME

# The modules whose text defines the database layout: the tables come from the schemas, the
# view from the in-force rule, the rest from layout.py.
LAYOUT_SOURCES = (
    "schemas",
    "pipeline.search.layout",
    "pipeline.corpus",
    "extractors.metadata.status",
)


@dataclass(frozen=True)
class IndexStatus:
    db_path: Path
    state: str  # 'fresh', 'stale' or 'missing'

    @property
    def message(self) -> str:
        out = self.db_path.parent
        if self.state == "missing":
            return f"no search index in {out}: run `gazette index --out {out}` to build it"
        if self.state == "stale":
            return (
                f"the search index is older than {out / MANIFEST_NAME}: "
                f"run `gazette index --out {out}` to bring it up to date"
            )
        return f"{self.db_path} is up to date"


def layout_sha() -> str:
    """A hash of the code that defines the layout; a database of another layout is rebuilt.

    Hashed from the source files, not from the statements they make, so that `gazette search`
    can tell without importing pyarrow and the schemas (a third of a second). Any edit to
    those files then rebuilds the index once: safe, if sometimes more than needed.
    """
    digest = hashlib.sha256()
    for module in LAYOUT_SOURCES:
        spec = importlib.util.find_spec(module)
        origin = spec.origin if spec else None
        digest.update(Path(origin).read_bytes() if origin else module.encode())
    return digest.hexdigest()


def read_state(con: sqlite3.Connection, kind: str) -> dict[str, str]:
    """The index's bookkeeping of one kind (issue, manifest, layout): key → value."""
    try:
        rows = con.execute("SELECT key, value FROM _index_state WHERE kind = ?", (kind,))
        return dict(rows.fetchall())
    except sqlite3.OperationalError:  # no such table: an empty or foreign database
        return {}


def manifest_sha(out: Path) -> str:
    """The hash of OUT's manifest ("" without one): what the index records it was built from."""
    try:
        return hashlib.sha256((out / MANIFEST_NAME).read_bytes()).hexdigest()
    except FileNotFoundError:
        return ""


def index_status(out_dir: str | Path) -> IndexStatus:
    """Whether `OUT/gazette.db` exists and was built from the manifest there now."""
    db = Path(out_dir) / DB_NAME
    if not db.exists():
        return IndexStatus(db, "missing")
    try:
        con = _read_only(db)
        try:
            manifest = read_state(con, "manifest").get("sha256")
            layout_ok = read_state(con, "layout").get("sha256") == layout_sha()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return IndexStatus(db, "missing")
    if not layout_ok:
        return IndexStatus(db, "missing")
    fresh = manifest == manifest_sha(Path(out_dir))
    return IndexStatus(db, "fresh" if fresh else "stale")


def open_index(out_dir: str | Path) -> sqlite3.Connection:
    """A read-only connection to `OUT/gazette.db`, rows as sqlite3.Row, search functions set."""
    from pipeline.search.fulltext import register_functions

    con = _read_only(Path(out_dir) / DB_NAME)
    con.row_factory = sqlite3.Row
    register_functions(con)
    return con


def _read_only(db: Path) -> sqlite3.Connection:
    # A URI, so that reading can never create or change the file.
    return sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)
