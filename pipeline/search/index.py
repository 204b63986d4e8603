"""`gazette index`: build `OUT/gazette.db` (layout.py) from the Parquet datasets.

Rebuilding is incremental: an issue is re-read only when the bytes of one of its Parquet files
changed, and an issue whose files vanished is deleted. The whole run is one transaction, so a
crash leaves the previous database as it was, and a run with nothing to do writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq

from pipeline import SCHEMA_FILE
from pipeline.search.database import layout_sha, manifest_sha, read_state
from pipeline.search.layout import (
    DB_NAME,
    EXTRA_COLUMNS,
    FTS_TABLE,
    INDEXED,
    layout_statements,
    refresh_derived_statements,
)
from pipeline.search.tokens import tokenize_for_index
from schemas import DATASETS


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
            f"search       {report.counts.get(FTS_TABLE, 0)} rows",
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
    manifest = manifest_sha(out)
    on_disk = _issue_fingerprints(out)
    report = IndexReport(db_path=out / DB_NAME)
    con = _connect(report.db_path)
    try:
        _begin(con, report.db_path)
        report.rebuilt = _ensure_layout(con, force=rebuild)
        known = read_state(con, "issue")
        report.indexed = sorted(i for i, fp in on_disk.items() if known.get(i) != fp)
        report.removed = sorted(set(known) - set(on_disk))
        report.unchanged = len(on_disk) - len(report.indexed)
        _delete_issues(con, report.indexed + report.removed)
        for issue_id in report.indexed:
            report.warnings += _insert_issue(con, out, issue_id)
            _set_state(con, "issue", issue_id, on_disk[issue_id])
        if read_state(con, "manifest").get("sha256") != manifest:
            _set_state(con, "manifest", "sha256", manifest)
        if report.changed:
            # Copies, links and document dates span issues: recomputed from every issue.
            for statement in refresh_derived_statements():
                con.execute(statement)
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
    same_layout = has_state and read_state(con, "layout").get("sha256") == layout_sha()
    if same_layout and not force:
        return None
    reason = "rebuild asked for" if force else "layout changed" if has_state else "new database"
    _drop_everything(con)
    for statement in layout_statements():
        con.execute(statement)
    _set_state(con, "layout", "sha256", layout_sha())
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


def _set_state(con: sqlite3.Connection, kind: str, key: str, value: str) -> None:
    con.execute(
        "INSERT INTO _index_state (kind, key, value) VALUES (?, ?, ?)"
        " ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value",
        (kind, key, value),
    )


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
    for row in tables["diagnostics"]:
        # The file is the issue's even when the row could not name it: deletable by issue.
        row["issue_id"] = row.get("issue_id") or issue_id
    for name in INDEXED:
        columns = [f.name for f in DATASETS[name]] + [c for c, _, _ in EXTRA_COLUMNS.get(name, [])]
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
    for name in (*INDEXED, FTS_TABLE):
        try:
            counts[name] = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        except sqlite3.OperationalError:
            counts[name] = 0
    return counts
