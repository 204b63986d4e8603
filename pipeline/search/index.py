"""`gazette index`: one SQLite database, `OUT/gazette.db`, beside the Parquet datasets.

The database serves `gazette search` and `gazette show`, and `gazette serve` (Datasette). It
holds the six datasets as tables with keys, a `notices_view` that adds `in_force`, and an FTS5
table `search_fts` whose title and body are jieba tokens joined by spaces: SQLite's own
tokenizers cannot split Chinese into words, so the words are split here and `unicode61` only
splits on the spaces. The display text lives in the ordinary tables, never in the FTS table.
`search_rows` repeats the small columns of `search_fts` under the same rowid: FTS5 reads a
row's whole content, tokenised body included, to return any one column, so a query that
needs only ids and ranks takes rowid and bm25() from `search_fts` and the ids from here.

Rebuilding is incremental: an issue is re-read only when the bytes of one of its Parquet files
changed, and an issue whose files vanished is deleted. The whole run is one transaction, so a
crash leaves the previous database as it was, and a run with nothing to do writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import jieba
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.writer import MANIFEST_NAME, SCHEMA_FILE
from schemas import DATASETS

__all__ = [
    "DB_NAME",
    "IndexBuildError",
    "IndexReport",
    "IndexStatus",
    "build_index",
    "describe",
    "fts_query",
    "highlight_terms",
    "index_status",
    "layout_statements",
    "open_index",
    "query_words",
    "tokenize_for_index",
]

DB_NAME = "gazette.db"
# Parents before children, so rows are inserted in an order the foreign keys accept.
INDEXED = ("issues", "notices", "articles", "attachments", "citations", "toc_entries")
# Title matches count ten times a body match: a word in a title names what the document is
# about, while bodies are long and mention much in passing. Weights follow the FTS columns.
BM25_WEIGHTS = (0.0, 0.0, 0.0, 10.0, 1.0, 0.0)
BM25 = f"bm25(search_fts, {', '.join(map(str, BM25_WEIGHTS))})"

jieba.setLogLevel(logging.WARNING)  # jieba announces loading its dictionary on stderr


# --- Tokenising ------------------------------------------------------------------------------


def tokenize_for_index(text: str) -> str:
    """Text as jieba search-mode tokens joined by spaces, punctuation and whitespace dropped.

    Search mode also emits the dictionary words inside a long word (历史风貌 → 历史, 风貌,
    历史风貌), so a query for a part finds the whole.
    """
    return " ".join(t for t in jieba.cut_for_search(_fold(text or "")) if _is_word(t))


def query_words(user_query: str) -> list[str]:
    """The words of a query, as jieba's precise mode cuts them; duplicates dropped."""
    chunks = _fold(user_query).split()
    words = (w for chunk in chunks for w in jieba.cut(chunk) if _is_word(w))
    return list(dict.fromkeys(words))


def fts_query(user_query: str) -> str:
    """An FTS5 query for `search_fts` in which every word of `user_query` must match.

    A word jieba only found by guessing (HMM, e.g. 取卵术) may be cut differently inside a
    document, so it also matches as its dictionary pieces (取 AND 卵 AND 术). Every token is
    quoted, so no user input is read as FTS5 syntax. Only title and body are searched, not the
    `kind` column. A query without words gives `""`, which matches nothing.
    """
    terms = [_term(w) for w in query_words(user_query)]
    if not terms:
        return '""'
    return "{title body} : (" + " AND ".join(terms) + ")"


def highlight_terms(user_query: str) -> tuple[list[str], list[str]]:
    """(words, pieces) of a query, to find in the original text for a snippet."""
    words = query_words(user_query)
    pieces = [p for w in words for p in _pieces(w) if p not in words]
    return words, list(dict.fromkeys(pieces))


def _term(word: str) -> str:
    pieces = _pieces(word)
    if len(pieces) < 2:
        return _quote(word)
    return f"({_quote(word)} OR ({' AND '.join(map(_quote, pieces))}))"


def _pieces(word: str) -> list[str]:
    return [p for p in jieba.cut(word, HMM=False) if _is_word(p)]


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _fold(text: str) -> str:
    # Full-width letters and digits (２０２４, ＡＢＣ) as ASCII, on both sides of a match;
    # unicode61 folds case but not width.
    return unicodedata.normalize("NFKC", text)


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


# --- Layout ----------------------------------------------------------------------------------

_FK_ISSUE = "FOREIGN KEY (issue_id) REFERENCES issues (issue_id)"
_FK_NOTICE = "FOREIGN KEY (notice_id) REFERENCES notices (notice_id)"
_KEYS: dict[str, tuple[str, ...]] = {
    "issues": ("PRIMARY KEY (issue_id)",),
    "notices": ("PRIMARY KEY (notice_id)", _FK_ISSUE),
    "articles": ("PRIMARY KEY (article_id)", _FK_NOTICE, _FK_ISSUE),
    "attachments": ("PRIMARY KEY (notice_id, attachment_no)", _FK_NOTICE, _FK_ISSUE),
    "citations": (
        "PRIMARY KEY (notice_id, seq)",
        _FK_NOTICE,
        _FK_ISSUE,
        "FOREIGN KEY (cited_notice_id) REFERENCES notices (notice_id)",
    ),
    "toc_entries": ("PRIMARY KEY (issue_id, seq)", _FK_ISSUE, _FK_NOTICE),
}
# Columns the Parquet datasets do not have: filters `search` needs without a join.
_EXTRA_COLUMNS: dict[str, list[tuple[str, str, str]]] = {
    "notices": [
        ("year", "INTEGER", "Year of the issue the notice is printed in."),
        ("issuer_text", "TEXT", "Issuers joined by 、, for substring filters."),
    ]
}
_INDEXES = (
    "CREATE INDEX notices_issue ON notices (issue_id)",
    "CREATE INDEX notices_doc_number ON notices (doc_number)",
    "CREATE INDEX articles_issue ON articles (issue_id)",
    "CREATE INDEX articles_notice ON articles (notice_id)",
    "CREATE INDEX attachments_issue ON attachments (issue_id)",
    "CREATE INDEX citations_issue ON citations (issue_id)",
    "CREATE INDEX citations_cited_notice ON citations (cited_notice_id)",
    "CREATE INDEX citations_cited_doc_number ON citations (cited_doc_number)",
    "CREATE INDEX toc_entries_notice ON toc_entries (notice_id)",
    "CREATE INDEX search_rows_notice ON search_rows (notice_id)",
)
_VIEW = """CREATE VIEW notices_view AS
SELECT notices.*,
  -- in force today: in effect (or signed, when no effective date is known) and not expired
  CASE WHEN coalesce(effective_date, signing_date) <= date('now')
        AND (expiry_date IS NULL OR expiry_date >= date('now')) THEN 1 ELSE 0 END AS in_force
FROM notices"""
# attachment_no (last, so the positions of the other columns and their bm25 weights are as
# documented) says which attachment an 'attachment' row is; it is null on other rows.
_FTS = """CREATE VIRTUAL TABLE search_fts USING fts5(
  kind, notice_id UNINDEXED, article_id UNINDEXED, title, body, attachment_no UNINDEXED,
  tokenize='unicode61'
)"""
_SEARCH_ROWS = """CREATE TABLE search_rows (
  fts_rowid INTEGER PRIMARY KEY, -- rowid of the search_fts row
  kind TEXT NOT NULL, -- notice, article or attachment
  notice_id TEXT NOT NULL,
  article_id TEXT, -- on article rows
  attachment_no INTEGER, -- on attachment rows
  FOREIGN KEY (notice_id) REFERENCES notices (notice_id),
  FOREIGN KEY (article_id) REFERENCES articles (article_id)
)"""
_STATE = """CREATE TABLE _index_state (
  kind TEXT NOT NULL,  -- 'issue': key is an issue id, value the hash of its Parquet files
  key TEXT NOT NULL,   -- 'manifest': key 'sha256', value the hash of OUT/_manifest.json
  value TEXT NOT NULL, -- 'layout': key 'sha256', value the hash of this database's layout
  PRIMARY KEY (kind, key)
)"""


def _sql_type(type_: pa.DataType) -> str:
    if pa.types.is_integer(type_) or pa.types.is_boolean(type_):
        return "INTEGER"  # booleans as 0/1
    return "TEXT"  # strings; dates as ISO text; lists as JSON arrays


_STORED_AS = {"list": " Stored as a JSON array.", "date32[day]": " ISO date.", "bool": " 0 or 1."}


def _create_table(name: str) -> str:
    lines = []
    for f in DATASETS[name]:
        null = "" if f.nullable else " NOT NULL"
        doc = f.metadata[b"description"].decode() if f.metadata else ""
        doc += _STORED_AS.get(str(f.type).split("<")[0], "")
        lines.append(f"  {f.name} {_sql_type(f.type)}{null}, -- {doc}")
    for col, sql_type, doc in _EXTRA_COLUMNS.get(name, []):
        lines.append(f"  {col} {sql_type}, -- {doc}")
    keys = _KEYS[name]
    lines += [f"  {key}," for key in keys[:-1]] + [f"  {keys[-1]}"]
    return f"CREATE TABLE {name} (\n" + "\n".join(lines) + "\n)"


def layout_statements() -> list[str]:
    """Every statement that creates the database's tables, views and indexes."""
    tables = [_create_table(n) for n in INDEXED]
    return [*tables, _VIEW, _FTS, _SEARCH_ROWS, _STATE, *_INDEXES]


def _layout_sha() -> str:
    return hashlib.sha256("\n;\n".join(layout_statements()).encode()).hexdigest()


# --- Building --------------------------------------------------------------------------------


class IndexBuildError(Exception):
    """The corpus cannot be indexed (no corpus, or a database that is not ours)."""


@dataclass
class IndexReport:
    db_path: Path
    indexed: list[str] = field(default_factory=list)  # issue ids (re)inserted
    removed: list[str] = field(default_factory=list)  # issue ids whose files vanished
    unchanged: int = 0
    rebuilt: str | None = None  # why every table was (re)created, if it was
    counts: dict[str, int] = field(default_factory=dict)  # rows per table after the run
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.indexed or self.removed or self.rebuilt)


def describe(report: IndexReport) -> str:
    """The summary `gazette index` prints."""
    issues = (
        f"{len(report.indexed)} indexed, {report.unchanged} unchanged, "
        f"{len(report.removed)} removed"
    )
    if not report.changed:
        issues += " (up to date: nothing written)"
    elif report.rebuilt:
        issues += f" ({report.rebuilt}: built from scratch)"
    rows = ", ".join(f"{name} {report.counts.get(name, 0)}" for name in INDEXED)
    return "\n".join(
        [
            f"issues       {issues}",
            f"rows         {rows}",
            f"search       {report.counts.get('search_fts', 0)} rows",
            f"database     {report.db_path}",
        ]
    )


def build_index(out_dir: str | Path, *, rebuild: bool = False) -> IndexReport:
    """Bring `OUT/gazette.db` up to date with the Parquet datasets under `out_dir`."""
    out = Path(out_dir)
    if not (out / "issues").is_dir():
        raise IndexBuildError(f"no corpus in {out}: run `gazette extract … --out {out}` first")
    # The manifest is hashed before the files are read: an extract running meanwhile then
    # leaves the index looking stale, never falsely fresh.
    manifest = _manifest_sha(out)
    on_disk = _issue_fingerprints(out)
    report = IndexReport(db_path=out / DB_NAME)
    con = _connect(report.db_path)
    try:
        _begin(con, report.db_path)
        report.rebuilt = _ensure_layout(con, force=rebuild)
        known = _state(con, "issue")
        report.indexed = sorted(i for i, fp in on_disk.items() if known.get(i) != fp)
        report.removed = sorted(set(known) - set(on_disk))
        report.unchanged = len(on_disk) - len(report.indexed)
        _delete_issues(con, report.indexed + report.removed)
        for issue_id in report.indexed:
            report.warnings += _insert_issue(con, out, issue_id)
            _set_state(con, "issue", issue_id, on_disk[issue_id])
        if _state(con, "manifest").get("sha256") != manifest:
            _set_state(con, "manifest", "sha256", manifest)
        if report.changed:
            # Merges the FTS b-trees written issue by issue; queries then read one segment.
            con.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
            report.warnings += _foreign_key_problems(con)
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise
    finally:
        report.counts = _counts(con) if report.db_path.exists() else {}
        con.close()
    return report


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are begun and ended here, explicitly.
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except sqlite3.DatabaseError as exc:
        con.close()
        raise IndexBuildError(f"{path}: not an SQLite database ({exc}); remove it") from exc
    return con


def _begin(con: sqlite3.Connection, path: Path) -> None:
    # IMMEDIATE: take the write lock now, so two runs at once fail here, before any work.
    try:
        con.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise IndexBuildError(f"{path}: {exc} (is another `gazette index` running?)") from exc


def _ensure_layout(con: sqlite3.Connection, *, force: bool) -> str | None:
    """Create the tables when new, of another layout or `force`d, and say which; else None."""
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    has_state = "_index_state" in names
    if names and not has_state:
        # Tables, but none of ours: some other database sits where ours belongs.
        raise IndexBuildError(f"{_db_path(con)}: not a gazette index; move it out of the way")
    same_layout = has_state and _state(con, "layout").get("sha256") == _layout_sha()
    if same_layout and not force:
        return None
    reason = "rebuild asked for" if force else "layout changed" if has_state else "new database"
    _drop_everything(con)
    for statement in layout_statements():
        con.execute(statement)
    _set_state(con, "layout", "sha256", _layout_sha())
    return reason


def _db_path(con: sqlite3.Connection) -> str:
    return con.execute("PRAGMA database_list").fetchone()[2]


def _drop_everything(con: sqlite3.Connection) -> None:
    objects = con.execute(
        "SELECT type, name FROM sqlite_schema WHERE type IN ('view', 'table')"
        " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_fts_%'"
    ).fetchall()
    for type_, name in sorted(objects, key=lambda o: o[0] != "view"):
        con.execute(f'DROP {type_.upper()} IF EXISTS "{name}"')


def _state(con: sqlite3.Connection, kind: str) -> dict[str, str]:
    try:
        rows = con.execute("SELECT key, value FROM _index_state WHERE kind = ?", (kind,))
        return dict(rows.fetchall())
    except sqlite3.OperationalError:  # no such table: an empty or foreign database
        return {}


def _set_state(con: sqlite3.Connection, kind: str, key: str, value: str) -> None:
    con.execute(
        "INSERT INTO _index_state (kind, key, value) VALUES (?, ?, ?)"
        " ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value",
        (kind, key, value),
    )


def _manifest_sha(out: Path) -> str:
    try:
        return hashlib.sha256((out / MANIFEST_NAME).read_bytes()).hexdigest()
    except FileNotFoundError:
        return ""


def _issue_files(out: Path) -> Iterator[tuple[str, str, Path]]:
    """(issue_id, dataset, path) of every issue file of the indexed datasets."""
    for name in INDEXED:
        folder = out / name
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.parquet")):
            if path.name != SCHEMA_FILE and not path.name.startswith((".", "_")):
                yield path.stem, name, path


def _issue_fingerprints(out: Path) -> dict[str, str]:
    """issue_id → hash of the bytes of its files: what changed is re-read, nothing else.

    Bytes, not mtimes: the writer rewrites unchanged issues byte for byte on `--force`.
    """
    files: dict[str, list[str]] = {}
    for issue_id, name, path in _issue_files(out):
        files.setdefault(issue_id, []).append(
            f"{name}:{hashlib.sha256(path.read_bytes()).hexdigest()}"
        )
    return {
        issue_id: hashlib.sha256(" ".join(parts).encode()).hexdigest()
        for issue_id, parts in sorted(files.items())
    }


def _delete_issues(con: sqlite3.Connection, issue_ids: list[str]) -> None:
    if not issue_ids:
        return
    con.execute("CREATE TEMP TABLE IF NOT EXISTS _gone (issue_id TEXT PRIMARY KEY)")
    con.execute("DELETE FROM temp._gone")
    con.executemany("INSERT INTO temp._gone VALUES (?)", [(i,) for i in issue_ids])
    # Search rows first: they are found through the notices about to be deleted.
    gone_rows = (
        "SELECT fts_rowid FROM search_rows WHERE notice_id IN"
        " (SELECT notice_id FROM notices WHERE issue_id IN (SELECT issue_id FROM temp._gone))"
    )
    con.execute(f"DELETE FROM search_fts WHERE rowid IN ({gone_rows})")
    con.execute(f"DELETE FROM search_rows WHERE fts_rowid IN ({gone_rows})")
    for name in reversed(INDEXED):
        con.execute(f"DELETE FROM {name} WHERE issue_id IN (SELECT issue_id FROM temp._gone)")


def _insert_issue(con: sqlite3.Connection, out: Path, issue_id: str) -> list[str]:
    """Insert one issue's rows and its FTS rows; returns warnings for rows left out."""
    warnings: list[str] = []
    tables = {name: _read(out, name, issue_id) for name in INDEXED}
    issue_year = tables["issues"][0]["year"] if tables["issues"] else None
    for row in tables["notices"]:
        row["year"] = issue_year
        row["issuer_text"] = "、".join(row.get("issuers") or []) or None
    for name in INDEXED:
        columns = [f.name for f in DATASETS[name]] + [c for c, _, _ in _EXTRA_COLUMNS.get(name, [])]
        values = [tuple(_sql_value(row.get(c)) for c in columns) for row in tables[name]]
        before = con.total_changes
        # OR IGNORE: a duplicate key (an extractor bug) costs that row, not the whole index.
        con.executemany(
            f"INSERT OR IGNORE INTO {name} ({', '.join(columns)})"
            f" VALUES ({', '.join('?' * len(columns))})",
            values,
        )
        dropped = len(values) - (con.total_changes - before)
        if dropped:
            warnings.append(
                f"issue {issue_id}: {dropped} {name} rows with a duplicate key left out"
            )
    _insert_search_rows(con, tables)
    return warnings


def _insert_search_rows(con: sqlite3.Connection, tables: dict[str, list[dict]]) -> None:
    last = con.execute("SELECT coalesce(max(fts_rowid), 0) FROM search_rows").fetchone()[0]
    rows = [(last + n, *row) for n, row in enumerate(_fts_rows(tables), 1)]
    con.executemany(
        "INSERT INTO search_fts (rowid, kind, notice_id, article_id, title, body, attachment_no)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    con.executemany(
        "INSERT INTO search_rows (fts_rowid, kind, notice_id, article_id, attachment_no)"
        " VALUES (?, ?, ?, ?, ?)",
        [(rowid, kind, notice, article, att) for rowid, kind, notice, article, _, _, att in rows],
    )


def _read(out: Path, name: str, issue_id: str) -> list[dict]:
    path = out / name / f"{issue_id}.parquet"
    return pq.read_table(path).to_pylist() if path.exists() else []


def _sql_value(value: object) -> object:
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _fts_rows(tables: dict[str, list[dict]]) -> Iterable[tuple]:
    """One row per notice, article and attachment, in the order the datasets list them."""
    for n in tables["notices"]:
        title = " ".join(filter(None, [n["title"], n.get("doc_number")]))
        yield "notice", n["notice_id"], None, _tok(title), _tok(n.get("text")), None
    for a in tables["articles"]:
        # Chapter and section titles say what an article is about, as a title does.
        title = " ".join(filter(None, [a["label"], a.get("chapter_title"), a.get("section_title")]))
        yield "article", a["notice_id"], a["article_id"], _tok(title), _tok(a["text"]), None
    for t in tables["attachments"]:
        title = f"附件{t['attachment_no']} {t.get('title') or ''}"
        yield (
            "attachment",
            t["notice_id"],
            None,
            _tok(title),
            _tok(t.get("text")),
            t["attachment_no"],
        )


def _tok(text: str | None) -> str:
    return tokenize_for_index(text or "")


def _foreign_key_problems(con: sqlite3.Connection) -> list[str]:
    # Keys are declared for readers (Datasette links them) but not enforced while loading:
    # one issue citing a notice of another issue must not make removing that issue fail.
    problems = con.execute("PRAGMA foreign_key_check").fetchall()
    by_table: dict[str, int] = {}
    for table, *_ in problems:
        by_table[table] = by_table.get(table, 0) + 1
    return [f"{n} {table} rows point at rows not in the index" for table, n in by_table.items()]


def _counts(con: sqlite3.Connection) -> dict[str, int]:
    counts = {}
    for name in (*INDEXED, "search_fts"):
        try:
            counts[name] = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        except sqlite3.OperationalError:
            counts[name] = 0
    return counts


# --- Reading ---------------------------------------------------------------------------------


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


def index_status(out_dir: str | Path) -> IndexStatus:
    """Whether `OUT/gazette.db` exists and was built from the manifest there now."""
    db = Path(out_dir) / DB_NAME
    if not db.exists():
        return IndexStatus(db, "missing")
    try:
        con = _read_only(db)
        try:
            manifest = _state(con, "manifest").get("sha256")
            layout_ok = _state(con, "layout").get("sha256") == _layout_sha()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return IndexStatus(db, "missing")
    if not layout_ok:
        return IndexStatus(db, "missing")
    fresh = manifest == _manifest_sha(Path(out_dir))
    return IndexStatus(db, "fresh" if fresh else "stale")


def open_index(out_dir: str | Path) -> sqlite3.Connection:
    """A read-only connection to `OUT/gazette.db`, rows as sqlite3.Row."""
    con = _read_only(Path(out_dir) / DB_NAME)
    con.row_factory = sqlite3.Row
    return con


def _read_only(db: Path) -> sqlite3.Connection:
    # A URI, so that reading can never create or change the file.
    return sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)
