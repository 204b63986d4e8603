"""Real documents nobody here wrote (tests/fixtures/real/): every field of every answer key.

The keys were read by hand from each document; tests/real_corpus.py matches a key's documents to
the extracted notices and `python -m tests.real_corpus` prints the whole score. The misses not
fixed yet are listed in tests/fixtures/real/known_misses.json with the reason, by kind; they are
strict xfails, so a fix that makes one pass fails the suite until the list says so.
"""

from __future__ import annotations

import json

import pytest

from tests.real_corpus import (
    REAL,
    actual_value,
    checked_fields,
    comparable,
    expected_value,
    key_documents,
    match_notice,
)

DOCUMENTS = key_documents()
KNOWN_MISSES: dict[str, str] = json.loads((REAL / "known_misses.json").read_text("utf-8"))


def _case(doc, field: str):
    case_id = f"{doc.name}:{field}"
    marks = []
    if case_id in KNOWN_MISSES:
        marks.append(pytest.mark.xfail(reason=KNOWN_MISSES[case_id], strict=True))
    return pytest.param(doc, field, id=case_id, marks=marks)


CASES = [_case(doc, "found") for doc in DOCUMENTS] + [
    _case(doc, field) for doc in DOCUMENTS for field in checked_fields(doc)
]


def test_every_known_miss_names_a_case():
    ids = {case.id for case in CASES}
    assert sorted(set(KNOWN_MISSES) - ids) == []


@pytest.mark.parametrize(("doc", "field"), CASES)
def test_field(doc, field):
    notice = match_notice(doc)
    assert notice is not None, f"document not found: {doc.expected.get('title')}"
    if field != "found":
        want = comparable(field, expected_value(doc, field))
        assert comparable(field, actual_value(doc, notice, field)) == want
