"""Long text sources in sections (extractors/sections.py) and read in pieces (issues 12, 15).

Properties, not timings: a dump of one issue repeated N times gives N times its notices with
the same fields; sectioned and whole reading, pieces and bytes, streamed and whole staging
give the same rows; the lines of byte pieces are the lines of the whole text."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import extractors.extract
import extractors.sections
import pipeline.one_file
from extractors.extract import SectionedExtraction, extract_bytes, extract_pieces
from extractors.readers.pieces import TextPieces, streamable
from pipeline.runner import run

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "raw" / "000_bbc4044de49a57c2.txt"  # a text dump
MARKDOWN = ROOT / "raw" / "003_e888584f49a9a9b6.txt"  # converter Markdown, with its 目录
SMALL_SECTION = 3000  # lines: each sample is 1,200–5,000 lines, so a dump of copies is cut
FIELDS = ("title", "doc_number", "issuers", "signing_date", "effective_date", "section", "text")


@pytest.fixture
def small_sections(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extractors.sections, "SECTION_LINES", SMALL_SECTION)


def _copies(path: Path, n: int) -> bytes:
    data = path.read_bytes()
    return b"\n".join([data.rstrip(b"\n")] * n) + b"\n"


def _fields(rows: list[dict], fields: tuple[str, ...]) -> list[tuple]:
    return [tuple(json.dumps(r[f], ensure_ascii=False, default=str) for f in fields) for r in rows]


# What a copy's notices must repeat. A text dump's body text and section label are left out:
# the sample is an excerpt that starts inside a notice, so at the seam between two copies
# the layout of the joined pages differs (whole reading shows the same).
HEADER_FIELDS = FIELDS[:5]


@pytest.mark.parametrize(
    ("sample", "fields"), [(TEXT, HEADER_FIELDS), (MARKDOWN, FIELDS)], ids=["text", "markdown"]
)
def test_a_dump_of_n_copies_gives_n_times_the_notices_with_the_same_fields(
    sample: Path, fields: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    one = extract_bytes(sample.read_bytes(), "one.txt").rows["notices"]
    lines = sample.read_bytes().count(b"\n")
    # Sections a little longer than one issue, as SECTION_LINES is many issues long.
    monkeypatch.setattr(extractors.sections, "SECTION_LINES", lines + lines // 5)
    n = 4
    many = extract_bytes(_copies(sample, n), "many.txt")
    assert many.ok
    notices = many.rows["notices"]
    assert len(notices) == n * len(one)
    assert [r["seq"] for r in notices] == list(range(1, len(notices) + 1))
    assert len({r["notice_id"] for r in notices}) == len(notices)
    for k in range(n):
        copy = notices[k * len(one) : (k + 1) * len(one)]
        assert _fields(copy, fields) == _fields(one, fields), k
    (issue,) = many.rows["issues"]
    assert issue["notice_count"] == len(notices)


def test_sectioned_and_whole_reading_give_the_same_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _copies(MARKDOWN, 4)
    whole = extract_bytes(data, "dump.txt")  # 4 × 1,200 lines: one section
    monkeypatch.setattr(extractors.sections, "SECTION_LINES", SMALL_SECTION)
    parts = extract_bytes(data, "dump.txt")
    for name, rows in whole.rows.items():
        if name == "citations":
            continue
        assert parts.rows[name] == rows, name
    # A citation links to a notice of its own section: same rows but for that link, which
    # names a notice printing the cited 文号.
    unlinked = [{**r, "cited_notice_id": None} for r in parts.rows["citations"]]
    assert unlinked == [{**r, "cited_notice_id": None} for r in whole.rows["citations"]]
    numbers = {r["notice_id"]: r["doc_number"] for r in parts.rows["notices"]}
    for r in parts.rows["citations"]:
        if r["cited_notice_id"]:
            assert numbers[r["cited_notice_id"]] == r["cited_doc_number"]
    assert [d.code for d in parts.diagnostics] == [d.code for d in whole.diagnostics]


@pytest.mark.parametrize("sample", [TEXT, MARKDOWN], ids=["text", "markdown"])
def test_pieces_and_whole_bytes_give_the_same_rows(sample: Path, small_sections: None) -> None:
    data = _copies(sample, 3)
    whole = extract_bytes(data, "dump.txt")
    rng = random.Random(7)
    pieces, at = [], 0
    while at < len(data):  # pieces that cut lines and UTF-8 characters anywhere
        size = rng.randint(1, 40_000)
        pieces.append(data[at : at + size])
        at += size
    streamed = extract_pieces(pieces, whole.source.sha256, "dump.txt", len(data))
    assert isinstance(streamed, SectionedExtraction)
    assert streamed.collect().rows == whole.rows


@pytest.mark.parametrize("seed", range(5))
def test_the_lines_of_byte_pieces_are_the_lines_of_the_text(seed: int) -> None:
    rng = random.Random(seed)
    words = ["第一条", "泸州市", "\r\n", "\n", "\r", "abc", "〔2024〕7号", "\ufffd", " "]
    text = "".join(rng.choice(words) for _ in range(3000)) + "\n"
    data = ("\ufeff" + text).encode("utf-8")
    found = streamable(data)
    assert found is not None and found.encoding == "utf-8-sig"
    cuts = sorted(rng.sample(range(1, len(data)), 200))
    pieces = [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)], strict=True)]
    reader = TextPieces(pieces, found)
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    assert list(reader.lines()) == normalised.split("\n")
    assert reader.replaced == 0  # the U+FFFD the text holds are not damage


def test_damaged_bytes_after_the_head_are_counted() -> None:
    head = ("第一条 为加强管理。\n" * 10).encode()
    data = head + b"\xff\xfe broken\n" + head
    found = streamable(head)
    assert found is not None
    reader = TextPieces([data[:50], data[50:]], found)
    assert sum(line.count("\ufffd") for line in reader.lines()) == 2
    assert reader.replaced == 2


def _rows(out: Path) -> dict[str, list[dict]]:
    return {
        p.parent.name: pq.read_table(p).to_pylist() for p in sorted(out.glob("*/[!_.]*.parquet"))
    }


def test_a_streamed_file_is_one_issue_in_the_catalog_with_the_rows_of_a_whole_read(
    tmp_path: Path, small_sections: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_bytes(_copies(MARKDOWN, 3) + _copies(TEXT, 2))
    run([dump], tmp_path / "whole")
    monkeypatch.setattr(pipeline.one_file, "STREAM_MIN_BYTES", 1000)
    result = run([dump], tmp_path / "streamed")
    (outcome,) = result.files
    assert outcome.status == "read" and not outcome.errors
    assert _rows(tmp_path / "streamed") == _rows(tmp_path / "whole")
    (record,) = (tmp_path / "streamed" / "_catalog").glob("*.json")
    owned = json.loads(record.read_text())["files"]
    on_disk = {p.parent.name for p in (tmp_path / "streamed").glob("*/[!_.]*.parquet")}
    assert set(owned) == on_disk
    assert not list((tmp_path / "streamed").rglob("*.tmp"))
    assert outcome.counts["notices"] == len(_rows(tmp_path / "streamed")["notices"])


def test_an_extractor_crash_mid_stream_costs_the_file_and_leaves_no_temp_files(
    tmp_path: Path, small_sections: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_bytes(_copies(TEXT, 3))
    real = extractors.extract.read_sections

    def crashing(*args, **kwargs):  # type: ignore[no-untyped-def]
        sections = real(*args, **kwargs)
        yield next(sections)
        raise RuntimeError("boom in section 2")

    monkeypatch.setattr(extractors.extract, "read_sections", crashing)
    monkeypatch.setattr(pipeline.one_file, "STREAM_MIN_BYTES", 1000)
    problems: list[str] = []
    result = run([dump], tmp_path / "out", on_problem=problems.append)
    (outcome,) = result.files
    assert outcome.status == "failed"
    assert any("extractor crashed: RuntimeError: boom in section 2" in p for p in problems)
    assert not list((tmp_path / "out").rglob("*.tmp"))
    assert not list((tmp_path / "out").glob("notices/[!_]*.parquet"))


def test_a_document_longer_than_a_section_may_grow_is_cut_with_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    whole = extract_bytes(TEXT.read_bytes(), "one.txt")
    # 200 lines a section, 800 at most: the sample's long notices (its tables) run past that.
    monkeypatch.setattr(extractors.sections, "SECTION_LINES", 200)
    cut = extract_bytes(TEXT.read_bytes(), "one.txt")
    assert cut.ok
    assert "section_cut" in {d.code for d in cut.diagnostics}
    assert "section_cut" not in {d.code for d in whole.diagnostics}
    titles = [n["title"] for n in cut.rows["notices"]]
    assert titles == [n["title"] for n in whole.rows["notices"]]
