"""The extractor's version: the package version plus a fingerprint of the rules.

Rows carry it (`extractor_version`) and the manifest compares it, so a re-run after any change
of the rules re-extracts what the old rules produced, without --force. The package version
(pyproject.toml, CHANGELOG.md) names releases; the fingerprint, the first hex digits of a
SHA-256 over every module of this package, changes with every edit of a rule even when nobody
bumped the release, so no forgotten bump can keep stale rows. Reading the package's own source
is the one read this package does; it happens once, at import.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

FINGERPRINT_DIGITS = 12
_PACKAGE = "gazette"


def package_version() -> str:
    try:
        return metadata.version(_PACKAGE)
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "0+unknown"


def rules_fingerprint(root: Path | None = None) -> str:
    """SHA-256 over the package's files (relative path and bytes, in sorted order)."""
    root = root or Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and _is_rule(p)):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:FINGERPRINT_DIGITS]


def extractor_version() -> str:
    return f"{package_version()}+rules.{rules_fingerprint()}"


def _is_rule(path: Path) -> bool:
    # Modules and the data they ship (word lists, tables); not bytecode caches.
    return "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo")
