"""The search product: `gazette index`, `search`, `show`, `query` and `serve`.

It reads what the batch (`pipeline.runner`) wrote and never writes the datasets:

- tokens.py   jieba word splitting for the index and for queries, the FTS5 MATCH expression
- layout.py   the tables, view and FTS table of OUT/gazette.db, and the ranking weights
- index.py    building the database incrementally from the Parquet datasets
- database.py opening it read-only, whether it is fresh, the SQL functions search needs
- snippet.py  the passage around a hit: one function for the CLI and the browser
- fulltext.py the one search SQL, its filters, and `gazette search`'s hits
- show.py, query.py, serve.py (+ datasette_metadata.py, datasette_plugins/)
"""

DB_NAME = "gazette.db"  # the database, in the corpus folder beside the Parquet datasets
