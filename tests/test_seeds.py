"""The answer-key questions asked of both real issues in raw/ (keys in tests/seed_keys/).

What is particular to one issue (its letter-spaced lines, its section label cut mid-sentence,
its quoted law articles) stays in tests/test_seed_000.py and tests/test_seed_003.py.
"""

from __future__ import annotations

import pytest

from tests.seed_helpers import (
    NOTICE_FIELDS,
    article,
    attachment_numbers,
    check_notice_field,
    cited_numbers,
    extract_rows,
    main_articles,
    nospace,
    notice_by_doc,
    section_label_lines,
)
from tests.seed_keys import SEEDS


def _name(seed) -> str:
    return seed.SOURCE.name


def _cases(attribute: str) -> list:
    """(seed, item) for every item of one key attribute, across both seeds."""
    return [
        pytest.param(seed, item, id=f"{_name(seed)}-{item if isinstance(item, str) else item[:2]}")
        for seed in SEEDS
        for item in getattr(seed, attribute)
    ]


@pytest.fixture
def rows(seed) -> dict[str, list[dict]]:
    return extract_rows(seed.SOURCE)


# ---------------------------------------------------------------- issue and 目录


@pytest.mark.parametrize("seed", SEEDS, ids=_name)
def test_issue_metadata(seed, rows):
    assert len(rows["issues"]) == 1
    issue = rows["issues"][0]
    got = {field: issue[field] for field in seed.ISSUE}
    got["issue_numbers"] = list(got["issue_numbers"])
    assert got == seed.ISSUE


@pytest.mark.parametrize("seed", SEEDS, ids=_name)
def test_toc_entries(seed, rows):
    got = [
        (t["section"], t["title"], t["doc_number"], t["page"])
        for t in sorted(rows["toc_entries"], key=lambda t: t["seq"])
    ]
    assert got == seed.TOC
    assert [t["seq"] for t in sorted(rows["toc_entries"], key=lambda t: t["seq"])] == list(
        range(1, len(seed.TOC) + 1)
    )


@pytest.mark.parametrize("seed", SEEDS, ids=_name)
def test_toc_entries_reconciled_with_notices(seed, rows):
    by_id = {n["notice_id"]: n["doc_number"] for n in rows["notices"]}
    for entry in rows["toc_entries"]:
        assert by_id.get(entry["notice_id"]) == entry["doc_number"], entry


# ---------------------------------------------------------------- notices


@pytest.mark.parametrize("seed", SEEDS, ids=_name)
def test_notice_count_and_order(seed, rows):
    ordered = sorted(rows["notices"], key=lambda n: n["seq"])
    assert [n["doc_number"] for n in ordered] == seed.DOC_NUMBERS
    assert [n["seq"] for n in ordered] == list(range(1, len(seed.DOC_NUMBERS) + 1))


@pytest.mark.parametrize("field", NOTICE_FIELDS)
@pytest.mark.parametrize(("seed", "doc_number"), _cases("DOC_NUMBERS"))
def test_notice_field(seed, rows, doc_number, field):
    check_notice_field(notice_by_doc(rows, doc_number), field, seed.BY_DOC[doc_number])


@pytest.mark.parametrize(("seed", "doc_number"), _cases("DOC_NUMBERS"))
def test_doc_number_parts(seed, rows, doc_number):
    notice = notice_by_doc(rows, doc_number)
    code, year, serial, normative = seed.DOC_PARTS[doc_number]
    got = (notice["doc_agency_code"], notice["doc_year"], notice["doc_serial"])
    assert got == (code, year, serial)
    assert notice["is_normative"] is normative


@pytest.mark.parametrize(("seed", "doc_number"), _cases("DOC_NUMBERS"))
def test_no_running_header_or_section_label_in_text(seed, rows, doc_number):
    text = notice_by_doc(rows, doc_number)["text"]
    assert nospace(text), "empty notice text"
    assert seed.ISSUE["gazette_name"] not in nospace(text)
    assert section_label_lines(text) == []


# ---------------------------------------------------------------- citations


@pytest.mark.parametrize(("seed", "doc_number"), _cases("DOC_NUMBERS"))
def test_citations(seed, rows, doc_number):
    notice = notice_by_doc(rows, doc_number)
    assert cited_numbers(rows, notice["notice_id"]) == seed.CITATIONS[doc_number]


# ---------------------------------------------------------------- articles


@pytest.mark.parametrize(("seed", "doc_number"), _cases("ARTICLES"))
def test_main_document_articles(seed, rows, doc_number):
    notice = notice_by_doc(rows, doc_number)
    got = [(a["label"], a["chapter_no"]) for a in main_articles(rows, notice["notice_id"])]
    assert got == seed.ARTICLES[doc_number]


@pytest.mark.parametrize(("seed", "doc_number"), _cases("ARTICLES"))
def test_article_numbers(seed, rows, doc_number):
    notice = notice_by_doc(rows, doc_number)
    got = [a["article_no"] for a in main_articles(rows, notice["notice_id"])]
    assert got == list(range(1, len(seed.ARTICLES[doc_number]) + 1))


@pytest.mark.parametrize(("seed", "doc_number"), _cases("NO_ARTICLES"))
def test_notices_without_articles(seed, rows, doc_number):
    notice = notice_by_doc(rows, doc_number)
    assert main_articles(rows, notice["notice_id"]) == []


@pytest.mark.parametrize(("seed", "case"), _cases("ARTICLE_TEXTS"))
def test_article_text(seed, rows, case):
    doc_number, label, kind, expected = case
    notice = notice_by_doc(rows, doc_number)
    text = nospace(article(rows, notice["notice_id"], label)["text"])
    if kind == "startswith":
        assert text.startswith(expected), text[: len(expected) + 20]
    elif kind == "contains":
        assert expected in text
    else:
        assert text == expected


# ---------------------------------------------------------------- attachments


@pytest.mark.parametrize(("seed", "doc_number"), _cases("ATTACHMENTS"))
def test_attachment_numbers(seed, rows, doc_number):
    notice = notice_by_doc(rows, doc_number)
    assert attachment_numbers(rows, notice["notice_id"]) == seed.ATTACHMENTS[doc_number]
