"""The catalog: which issue files in OUT are committed, and the one writer allowed at a time.

An issue is committed when its record, `OUT/_catalog/<issue_id>.json`, exists: it names the
source, its hash and versions, and every dataset file of the issue with the SHA-256 of its
bytes. The record is written atomically (temp name, fsync, rename) only after all the
issue's files are in place, so the record is the commit point of the issue. Before anything
of an issue is touched, an intent (`OUT/_catalog/.intent-<issue_id>.json`) says what is
about to happen; when the step is done the intent goes. Opening the catalog for writing
(`Catalog.open`) takes the lock and recovers whatever an interrupted run left:

- an intent whose record was written (same bytes as intended) is finished: the issues it
  replaces lose their record, then their files;
- an intent whose record was not written is undone: every file of that issue id goes, and
  its record if an older one was there (its files may have been half replaced), so the next
  run extracts it again;
- a dataset file whose issue has no record, and any temp file, is an orphan and goes.

After that the catalog owns exactly the files on disk. `OUT/_manifest.json` is a view of the
catalog (source → hash, issue, versions), rewritten atomically when the catalog closes, for
readers that want one file; nothing in the batch reads it back, except to import an output
folder written before the catalog existed.

The lock is an advisory `flock` on `OUT/.gazette.lock`, held for the whole run and dropped by
the kernel when the process dies, so a kill -9 never leaves a stale lock behind.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pipeline import MANIFEST_NAME, SCHEMA_FILE

CATALOG_DIR = "_catalog"
LOCK_NAME = ".gazette.lock"
_INTENT_PREFIX = ".intent-"
_RECORD_SUFFIX = ".json"
_TEMP_SUFFIX = ".tmp"


class CatalogError(Exception):
    """The catalog cannot be used: a record that does not parse, or another writer."""


class CatalogLocked(CatalogError):
    """Another process is writing the same output folder."""


@dataclass(frozen=True)
class Entry:
    """One committed issue: where it came from and the files it owns."""

    source: str  # the source path (str; non-UTF-8 bytes as surrogate escapes, os.fsdecode)
    sha256: str | None  # None when the bytes could not be read
    issue_id: str
    extractor_version: str
    schema_version: str
    ok: bool = True
    duplicate_of: str | None = None  # the path whose issue holds this content
    files: dict[str, str] = field(default_factory=dict)  # dataset → SHA-256 of the file

    def text(self) -> str:
        # ensure_ascii: a non-UTF-8 path is kept as \udcXX escapes, which read back exactly.
        return json.dumps(asdict(self), ensure_ascii=True, indent=1, sort_keys=True) + "\n"


def safe_path(path: str) -> str:
    """A path as text that any UTF-8 writer accepts: undecodable bytes shown as \\xNN."""
    try:
        raw = os.fsencode(path)
    except UnicodeEncodeError:  # a surrogate no file name has (broken UTF-16): its code units
        raw = path.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "backslashreplace")


class Catalog:
    """The committed issues of OUT, by issue id and by source; see the module docstring."""

    def __init__(self, out_dir: str | os.PathLike[str], entries: Iterable[Entry] = ()) -> None:
        self.out = Path(out_dir)
        self.dir = self.out / CATALOG_DIR
        self._by_issue: dict[str, Entry] = {e.issue_id: e for e in entries}
        self._lock_fd: int | None = None
        self._by_source: dict[str, Entry] | None = None  # built when first asked, then kept

    # --- opening and closing ----------------------------------------------------------------

    @classmethod
    def open(cls, out_dir: str | os.PathLike[str], datasets: Iterable[str]) -> Catalog:
        """Lock OUT for writing, recover from any interrupted run, and load the records."""
        out = Path(out_dir)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CatalogError(f"{safe_path(str(out))}: cannot create ({exc.strerror})") from exc
        fd = _lock(out)
        try:
            catalog = cls(out)
            catalog._lock_fd = fd
            catalog.dir.mkdir(exist_ok=True)
            if not any(catalog.dir.iterdir()) and (out / MANIFEST_NAME).exists():
                catalog._import_manifest()
            catalog._recover(list(datasets))
            catalog._by_issue = {e.issue_id: e for e in read_records(out)}
            catalog._by_source = None
            return catalog
        except BaseException:
            os.close(fd)
            raise

    def close(self) -> None:
        """Write the manifest view and drop the lock."""
        if self._lock_fd is None:
            return
        try:
            self.save_manifest()
        finally:
            os.ftruncate(self._lock_fd, 0)  # no pid left behind: a finished run, same bytes
            os.close(self._lock_fd)
            self._lock_fd = None

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading ----------------------------------------------------------------------------

    def entries(self) -> list[Entry]:
        return sorted(self._by_issue.values(), key=lambda e: (e.source, e.issue_id))

    def get(self, source: str) -> Entry | None:
        """The entry of a source path, if it has one."""
        if self._by_source is None:
            self._by_source = {e.source: e for e in self.entries()}
        return self._by_source.get(source)

    def issue(self, issue_id: str) -> Entry | None:
        return self._by_issue.get(issue_id)

    # --- writing ----------------------------------------------------------------------------

    def begin(self, entry: Entry, replaces: list[str]) -> None:
        """Say, durably, that `entry` is about to be written and `replaces` removed."""
        intent = {
            "issue_id": entry.issue_id,
            "record_sha256": _sha(entry.text()),
            "replaces": sorted(replaces),
        }
        _write_atomic(self._intent_path(entry.issue_id), json.dumps(intent, sort_keys=True))

    def commit(self, entry: Entry, replaces: list[str], datasets: Iterable[str]) -> None:
        """The commit point: the record goes in, then what it replaces goes, then the intent."""
        _write_atomic(self._record_path(entry.issue_id), entry.text())
        self._by_issue[entry.issue_id] = entry
        self._by_source = None
        for old in replaces:
            if old != entry.issue_id:
                self._drop(old, datasets)
        self._intent_path(entry.issue_id).unlink(missing_ok=True)

    def remove(self, issue_id: str, datasets: Iterable[str]) -> None:
        """Take an issue out: its record first (the rows stop being owned), then its files."""
        self._drop(issue_id, datasets)

    def save_manifest(self) -> None:
        """OUT/_manifest.json from the records (the format earlier versions wrote)."""
        data = {}
        for entry in self.entries():
            row = asdict(entry)
            row.pop("source")
            row.pop("files")
            if row["duplicate_of"] is None:
                row.pop("duplicate_of")
            data[entry.source] = row
        text = json.dumps(dict(sorted(data.items())), ensure_ascii=False, indent=2, sort_keys=True)
        # backslashreplace: a non-UTF-8 path's surrogates become \udcXX, a valid JSON escape.
        path = self.out / MANIFEST_NAME
        raw = (text + "\n").encode("utf-8", "backslashreplace")
        if not path.exists() or path.read_bytes() != raw:
            _write_atomic(path, raw)

    def sweep(self, datasets: Iterable[str]) -> None:
        """Remove temp files left in the dataset folders by workers that died while staging.

        Only when nothing is being staged or published any more: at the end of a run.
        """
        for path in _dataset_files(self.out, datasets):
            if path.name.startswith(".") and path.name.endswith(_TEMP_SUFFIX):
                path.unlink(missing_ok=True)

    # --- recovery ---------------------------------------------------------------------------

    def _recover(self, datasets: list[str]) -> None:
        for intent_path in sorted(self.dir.glob(_INTENT_PREFIX + "*")):
            if intent_path.name.endswith(_TEMP_SUFFIX):
                continue
            try:
                intent = json.loads(intent_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                intent_path.unlink(missing_ok=True)  # half-written intent: nothing began
                continue
            issue_id = intent["issue_id"]
            record = self._record_path(issue_id)
            committed = record.exists() and _sha(record.read_text("utf-8")) == intent.get(
                "record_sha256"
            )
            if committed:
                for old in intent.get("replaces", []):
                    if old != issue_id:
                        self._drop(old, datasets)
            else:
                self._drop(issue_id, datasets)
            intent_path.unlink(missing_ok=True)
        owned = {e.issue_id for e in read_records(self.out)}
        for path in _dataset_files(self.out, datasets):
            if path.name.startswith(".") or path.stem not in owned:
                path.unlink(missing_ok=True)
        for path in self.dir.iterdir():
            if path.name.endswith(_TEMP_SUFFIX):
                path.unlink(missing_ok=True)
        for path in self.out.glob(f".*{_TEMP_SUFFIX}"):
            path.unlink(missing_ok=True)
        fsync_dir(self.dir)

    def _import_manifest(self) -> None:
        """Records for an output folder written before the catalog, from its manifest."""
        try:
            raw = json.loads((self.out / MANIFEST_NAME).read_text(encoding="utf-8"))
            entries = [Entry(source=src, **fields) for src, fields in raw.items()]
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            raise CatalogError(
                f"{self.out / MANIFEST_NAME}: not a gazette manifest ({exc})"
            ) from exc
        for entry in entries:
            files = {
                p.parent.name: _file_sha(p)
                for p in self.out.glob(f"*/{entry.issue_id}.parquet")
                if p.parent.name != CATALOG_DIR
            }
            entry = Entry(**{**asdict(entry), "files": files})
            _write_atomic(self._record_path(entry.issue_id), entry.text())

    # --- helpers ----------------------------------------------------------------------------

    def _drop(self, issue_id: str, datasets: Iterable[str]) -> None:
        self._record_path(issue_id).unlink(missing_ok=True)
        fsync_dir(self.dir)
        self._by_issue.pop(issue_id, None)
        self._by_source = None
        for name in datasets:
            (self.out / name / f"{issue_id}.parquet").unlink(missing_ok=True)

    def _record_path(self, issue_id: str) -> Path:
        return self.dir / f"{issue_id}{_RECORD_SUFFIX}"

    def _intent_path(self, issue_id: str) -> Path:
        return self.dir / f"{_INTENT_PREFIX}{issue_id}{_RECORD_SUFFIX}"


def read_records(out_dir: str | os.PathLike[str]) -> list[Entry]:
    """The committed entries of OUT, read without the lock (what a reader sees now)."""
    folder = Path(out_dir) / CATALOG_DIR
    entries = []
    for path in sorted(folder.glob(f"*{_RECORD_SUFFIX}")) if folder.is_dir() else []:
        if path.name.startswith("."):
            continue
        try:
            entries.append(Entry(**json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError, TypeError) as exc:
            raise CatalogError(f"{path}: cannot read the catalog record ({exc})") from exc
    return entries


def owned_files(out_dir: str | os.PathLike[str]) -> set[str]:
    """`dataset/issue_id.parquet` of every file the catalog owns."""
    return {f"{d}/{e.issue_id}.parquet" for e in read_records(out_dir) for d in e.files}


def files_on_disk(out_dir: str | os.PathLike[str], datasets: Iterable[str]) -> set[str]:
    """`dataset/name` of every issue file (and temp file) in the dataset folders."""
    out = Path(out_dir)
    return {f"{p.parent.name}/{p.name}" for p in _dataset_files(out, datasets)}


def _dataset_files(out: Path, datasets: Iterable[str]) -> Iterator[Path]:
    for name in datasets:
        folder = out / name
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.name != SCHEMA_FILE and path.is_file():
                    yield path


def _lock(out: Path) -> int:
    path = out / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise CatalogError(f"{safe_path(str(out))}: cannot write here ({exc.strerror})") from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        os.close(fd)
        if exc.errno in (errno.EAGAIN, errno.EACCES):
            who = f" (pid {holder})" if holder else ""
            raise CatalogLocked(
                f"{safe_path(str(out))} is being written by another `gazette extract`{who}; "
                "wait for it to finish"
            ) from exc
        raise
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    return fd


def _write_atomic(path: Path, data: str | bytes) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.with_name(f".{path.name}.{os.getpid()}{_TEMP_SUFFIX}")
    try:
        with open(tmp, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(path.parent)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _file_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fsync_dir(directory: Path) -> None:
    # Makes renames and unlinks durable; not possible on every platform, nor needed for safety.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
