from pathlib import Path

from schemas import markdown

SCHEMA_DOC = Path(__file__).resolve().parent.parent / "docs" / "schema.md"


def test_schema_doc_is_generated_from_the_schemas():
    # On failure: .venv/bin/python -m schemas > docs/schema.md
    assert SCHEMA_DOC.read_text(encoding="utf-8") == markdown() + "\n"
