"""The batch: everything that touches disk (runner, writer, cli); the search product in search/.

The names of the files the batch writes into OUT beside the datasets live here, so that the
search commands can find them without importing the writer (and pyarrow with it).
"""

MANIFEST_NAME = "_manifest.json"  # OUT/_manifest.json: source path → sha256, issue, versions
SCHEMA_FILE = "_schema.parquet"  # OUT/<dataset>/_schema.parquet: no rows, the columns
