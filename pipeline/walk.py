"""Which files a batch reads: regular files under the paths given, each once, in sorted order.

Folders are searched recursively; hidden files and folders and the output folder are skipped.
A symlinked folder is followed once: a folder already visited (same device and inode, e.g. a
link back up the tree) is a loop, reported and not entered again. Only regular files are read:
a FIFO would block the first read forever and /dev/zero never ends, so anything else (device,
socket, FIFO, a link to one, a dangling link) becomes an input with a problem, which the
runner turns into one diagnostic. Names are kept as the OS gives them (`str` with surrogate
escapes for bytes that are not UTF-8, which open() accepts); `catalog.safe_path` renders them
for messages and rows.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

UNREADABLE = "unreadable_file"
NOT_REGULAR = "not_a_regular_file"
LINK_LOOP = "symlink_loop"


@dataclass(frozen=True)
class Input:
    path: str
    problem: str | None = None  # why it cannot be read, when known before reading
    code: str = UNREADABLE  # the diagnostic code of the problem


def expand_paths(
    paths: Iterable[str | os.PathLike[str]], out_dir: str | os.PathLike[str]
) -> list[Input]:
    """The inputs under `paths`, in order, each path once; see the module docstring."""
    out_real = os.path.realpath(out_dir)
    found: dict[str, Input] = {}
    for given in paths:
        path = os.path.normpath(os.fsdecode(os.fspath(given)))
        if os.path.isdir(path):
            for item in _walk(path, out_real):
                found.setdefault(item.path, item)
        else:
            # A missing file is kept: reading it fails and that becomes a diagnostic.
            found.setdefault(path, _classify(path))
    return list(found.values())


def _classify(path: str) -> Input:
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            return Input(path, "dangling symbolic link", NOT_REGULAR)
        return Input(path)  # missing: the read reports it as such
    except OSError as exc:
        return Input(path, exc.strerror or str(exc))
    if stat.S_ISREG(mode):
        return Input(path)
    if stat.S_ISDIR(mode):
        return Input(path, "is a folder that could not be listed")
    kind = (
        "a FIFO"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    return Input(path, f"not a regular file ({kind}); skipped", NOT_REGULAR)


def _walk(top: str, out_real: str) -> Iterator[Input]:
    visited: set[tuple[int, int]] = set()
    yield from _walk_folder(top, out_real, visited)


def _walk_folder(folder: str, out_real: str, visited: set[tuple[int, int]]) -> Iterator[Input]:
    if os.path.realpath(folder) == out_real:
        return
    try:
        info = os.stat(folder)
    except OSError as exc:
        yield Input(folder, exc.strerror or str(exc))
        return
    key = (info.st_dev, info.st_ino)
    if key in visited:
        if os.path.islink(folder):
            yield Input(
                folder, "symbolic link loop: this folder is read already; skipped", LINK_LOOP
            )
        return
    visited.add(key)
    try:
        with os.scandir(folder) as listing:
            names = sorted(e.name for e in listing)
    except OSError as exc:
        # A folder we may not list is kept as a path, so reading it fails into a diagnostic.
        yield Input(folder, f"cannot list folder: {exc.strerror or exc}")
        return
    # Files before subfolders, each sorted, as os.walk gives them: the first path of a
    # content owns it, so the order is part of the output.
    paths = [os.path.normpath(os.path.join(folder, n)) for n in names if not n.startswith(".")]
    folders = [p for p in paths if os.path.isdir(p)]
    for path in paths:
        if path not in folders:
            yield _classify(path)
    for path in folders:
        yield from _walk_folder(path, out_real, visited)
