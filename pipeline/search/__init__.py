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

# Names in the database that search, the browser and the builder share. Here, not in
# layout.py, so that `gazette search` need not import pyarrow and the schemas to know them.
DB_NAME = "gazette.db"  # the database, in the corpus folder beside the Parquet datasets
FTS_TABLE = "search_fts"
VIEW = "notices_view"
# Title matches count ten times a body match: a word in a title names what the document is
# about, while bodies are long and mention much in passing. Weights follow the FTS columns.
BM25_WEIGHTS = (0.0, 0.0, 0.0, 10.0, 1.0, 0.0)
BM25 = f"bm25({FTS_TABLE}, {', '.join(map(str, BM25_WEIGHTS))})"
