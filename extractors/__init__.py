"""Readers and pure functions that turn gazette pages into notices, articles, tables, metadata.

Nothing in this package reads files or knows about Parquet: every function takes plain data
(bytes, strings, the page model) and returns plain data.
"""

EXTRACTOR_VERSION = "0.1.0"
