"""Readers and pure functions that turn gazette pages into notices, articles, tables, metadata.

Nothing in this package reads files or knows about Parquet: every function takes plain data
(bytes, strings, the page model) and returns plain data.
"""

from extractors.version import extractor_version

# The package version plus a fingerprint of the rules (version.py): changes with every rule.
EXTRACTOR_VERSION = extractor_version()
