import hashlib
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

import pipeline.one_file
import pipeline.writer
from extractors.extract import Extraction
from extractors.model import Source
from pipeline.catalog import Catalog, CatalogError, read_records
from pipeline.runner import path_issue_id, run
from pipeline.writer import IssueOutput, commit, issue_file
from schemas import DATASETS, NOTICES, SCHEMA_VERSION
from tests.conftest import RAW_MARKDOWN, RAW_TEXT

A, B = "aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb"


def notice(issue_id: str, n: int, **fields) -> dict:
    row = {
        "notice_id": f"{issue_id}-n{n}",
        "issue_id": issue_id,
        "seq": n,
        "title": f"泸州市人民政府关于第{n}号事项的通知",
        "issuers": ["泸州市人民政府"],
        "signing_date": date(2024, 12, n),
        "page_start": n,
        "page_end": n + 1,
    }
    return row | fields


def article(issue_id: str, seq: int) -> dict:
    return {
        "article_id": f"{issue_id}-n1-0-{seq}",
        "notice_id": f"{issue_id}-n1",
        "issue_id": issue_id,
        "article_no": seq,
        "label": f"第{'一二三'[seq - 1]}条",
        "text": "为加强历史风貌建筑保护，制定本办法。",
        "page": 1,
    }


def issue(issue_id: str, path: str = "raw/a.txt", **rows: list[dict]) -> IssueOutput:
    base = {
        "issues": [
            {"issue_id": issue_id, "source_path": path, "source_format": "text", "year": 2024}
        ]
    }
    return IssueOutput(
        source_path=path,
        sha256=issue_id * 4,
        issue_id=issue_id,
        extractor_version="0.1.0",
        rows=base | rows,
    )


def files_under(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def write(out: Path, *outputs: IssueOutput) -> Catalog:
    with Catalog.open(out, DATASETS) as catalog:
        for output in outputs:
            commit(out, catalog, output)
    return catalog


def committed(out: Path) -> Catalog:
    """The catalog as a reader sees it now."""
    return Catalog(out, read_records(out))


def test_round_trip_through_pyarrow_duckdb_and_pandas(out_dir):
    write(
        out_dir,
        issue(A, "raw/a.txt", notices=[notice(A, 1), notice(A, 2)], articles=[article(A, 1)]),
        issue(B, "raw/b.txt", notices=[notice(B, 3)]),
    )

    table = ds.dataset(out_dir / "notices").to_table()
    # Parquet names list items `element` where Arrow says `item`; otherwise the same schema.
    assert table.schema.metadata == NOTICES.metadata
    assert table.cast(NOTICES).schema.equals(NOTICES, check_metadata=True)
    assert sorted(table.column("notice_id").to_pylist()) == [f"{A}-n1", f"{A}-n2", f"{B}-n3"]

    rows = duckdb.sql(
        f"select issue_id, count(*), min(signing_date) from read_parquet('{out_dir}/notices/**/*.parquet') "
        "group by issue_id order by issue_id"
    ).fetchall()
    assert rows == [(A, 2, date(2024, 12, 1)), (B, 1, date(2024, 12, 3))]

    frame = pd.read_parquet(out_dir / "notices").sort_values("seq")
    assert frame["seq"].tolist() == [1, 2, 3]
    assert [list(x) for x in frame["issuers"]] == [["泸州市人民政府"]] * 3
    assert frame["is_normative"].isna().all()

    assert pd.read_parquet(out_dir / "articles")["label"].tolist() == ["第一条"]


def test_schema_version_and_provenance_are_stored(out_dir):
    write(out_dir, issue(A, notices=[notice(A, 1)]))
    path = issue_file(out_dir, "notices", A)
    assert pq.read_schema(path).metadata[b"gazette.schema_version"] == SCHEMA_VERSION.encode()
    row = pq.read_table(path).to_pylist()[0]
    assert (row["source_sha256"], row["extractor_version"]) == (A * 4, "0.1.0")


def test_same_input_gives_byte_identical_files(tmp_path):
    output = issue(A, notices=[notice(A, 1), notice(A, 2)], articles=[article(A, 1)])
    write(tmp_path / "one", output)
    write(tmp_path / "two", output)
    first = files_under(tmp_path / "one")
    write(tmp_path / "one", output)  # rewrite in place
    assert files_under(tmp_path / "one") == first == files_under(tmp_path / "two")
    assert sorted(first) == [
        ".gazette.lock",
        f"_catalog/{A}.json",
        "_manifest.json",
        f"articles/{A}.parquet",
        f"issues/{A}.parquet",
        f"notices/{A}.parquet",
    ]


def test_dataset_that_lost_its_rows_loses_its_file(out_dir):
    write(out_dir, issue(A, notices=[notice(A, 1)], articles=[article(A, 1)]))
    write(out_dir, issue(A, notices=[notice(A, 1)]))
    assert not issue_file(out_dir, "articles", A).exists()
    assert ds.dataset(out_dir / "articles").count_rows() == 0
    assert ds.dataset(out_dir / "notices").count_rows() == 1


def test_new_content_at_same_path_removes_old_issue(out_dir):
    write(out_dir, issue(A, notices=[notice(A, 1)], articles=[article(A, 1)]))
    assert committed(out_dir).get("raw/a.txt").issue_id == A
    write(out_dir, issue(B, notices=[notice(B, 1), notice(B, 2)]))
    assert sorted(files_under(out_dir)) == [
        ".gazette.lock",
        f"_catalog/{B}.json",
        "_manifest.json",
        f"issues/{B}.parquet",
        f"notices/{B}.parquet",
    ]
    assert committed(out_dir).get("raw/a.txt").issue_id == B


def test_old_issue_kept_while_another_path_still_has_it(out_dir):
    write(out_dir, issue(A, "raw/a.txt"), issue(A, "raw/copy.txt"))
    write(out_dir, issue(B, "raw/a.txt"))
    assert issue_file(out_dir, "issues", A).exists()
    assert issue_file(out_dir, "issues", B).exists()


def test_crash_mid_write_leaves_previous_output_intact(out_dir, monkeypatch):
    write(out_dir, issue(A, notices=[notice(A, 1)], articles=[article(A, 1)]))
    before = files_under(out_dir)
    real_write = pipeline.writer._write_bytes
    calls = []

    def failing_write(path, data, fs):
        calls.append(path)
        if len(calls) == 2:
            real_write(path, data[: len(data) // 2], fs)  # half a file, as a full disk leaves
            raise OSError(28, "No space left on device")
        real_write(path, data, fs)

    monkeypatch.setattr(pipeline.writer, "_write_bytes", failing_write)
    with Catalog.open(out_dir, DATASETS) as catalog, pytest.raises(OSError, match="No space"):
        commit(out_dir, catalog, issue(B, notices=[notice(B, 1)], articles=[article(B, 1)]))

    assert len(calls) == 2
    assert files_under(out_dir) == before  # no new file, no temp file, old bytes
    assert committed(out_dir).get("raw/a.txt").issue_id == A
    assert ds.dataset(out_dir / "notices").to_table().column("issue_id").to_pylist() == [A]


def test_rows_that_do_not_fit_the_schema_become_diagnostics(out_dir):
    rows = [
        notice(A, 1),
        notice(A, 2, seq="二"),
        notice(A, 3, title=None),
        "not a row",
        notice(A, 5, issuers="泸州市人民政府"),
        notice(A, 6, colour="red"),
    ]
    write(out_dir, issue(A, notices=rows))

    assert pq.read_table(issue_file(out_dir, "notices", A)).column("seq").to_pylist() == [1, 6]
    diags = pq.read_table(issue_file(out_dir, "diagnostics", A)).to_pylist()
    assert {(d["issue_id"], d["stage"], d["source_sha256"]) for d in diags} == {
        (A, "validate", A * 4)
    }
    assert [(d["severity"], d["code"], d["message"]) for d in diags] == [
        ("error", "invalid_row", "raw/a.txt: notices row 3 dropped: no value for non-null title"),
        ("error", "invalid_row", "raw/a.txt: notices row 4 dropped: is a str, not a mapping"),
        (
            "error",
            "invalid_row",
            "raw/a.txt: notices row 5 dropped: a string where a list belongs: issuers",
        ),
        (
            "warning",
            "unknown_field",
            "raw/a.txt: notices: fields not in the schema dropped: ['colour']",
        ),
        ("error", "invalid_row", diags[4]["message"]),
    ]
    # The rest of this message is Arrow's own wording, which changes between versions.
    assert diags[4]["message"].startswith("raw/a.txt: notices row 2 dropped: ")
    assert "'二'" in diags[4]["message"]


def test_corrupt_catalog_record_is_an_error_not_a_fresh_start(out_dir):
    write(out_dir, issue(A, notices=[notice(A, 1)]))
    (out_dir / "_catalog" / f"{A}.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CatalogError, match=f"_catalog/{A}.json: cannot read the catalog record"):
        Catalog.open(out_dir, DATASETS)


# The runner on top of the writer: re-runs, changes, duplicates.


def sha16(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def read_rows(out: Path, dataset: str) -> list[dict]:
    if not (out / dataset).exists():
        return []
    return ds.dataset(out / dataset).to_table().to_pylist()


def stub_extract(data: bytes, path: str) -> Extraction:
    """Stands in for the real extractor, so these tests pin down the runner alone."""
    sha = hashlib.sha256(data).hexdigest()
    issue_id = sha[:16]
    rows = {
        "issues": [{"issue_id": issue_id, "source_path": path, "source_format": "text"}],
        "notices": [notice(issue_id, n) for n in range(1, data.count(b"\n") + 1)],
    }
    return Extraction(Source(path, sha, "text", len(data)), issue_id, rows=rows)


@pytest.fixture
def extracted(monkeypatch) -> list[str]:
    """The paths the (stub) extractor was called with, in order."""
    calls: list[str] = []

    def fake(data: bytes, path: str, *options: object) -> Extraction:
        calls.append(path)
        return stub_extract(data, path)

    monkeypatch.setattr(pipeline.one_file, "extract_bytes", fake)
    return calls


def test_rerun_skips_unchanged_files_and_reports_their_counts(tmp_path, out_dir, extracted):
    (tmp_path / "a.txt").write_text("第一条\n第二条\n", encoding="utf-8")
    run([tmp_path / "a.txt"], out_dir)
    before = files_under(out_dir)

    result = run([tmp_path / "a.txt"], out_dir)
    assert [f.status for f in result.files] == ["unchanged"]
    assert (result.rows("issues"), result.rows("notices")) == (1, 2)
    assert extracted == [str(tmp_path / "a.txt")]  # not called again
    assert files_under(out_dir) == before

    forced = run([tmp_path / "a.txt"], out_dir, force=True)
    assert [f.status for f in forced.files] == ["read"] and len(extracted) == 2
    assert files_under(out_dir) == before  # same bytes when rewritten


def test_changed_file_at_same_path_leaves_no_old_rows(tmp_path, out_dir, extracted):
    src = tmp_path / "a.txt"
    src.write_bytes(b"v1\n")
    run([src], out_dir)
    src.write_bytes(b"v2\nv2\n")
    run([src], out_dir)

    new = sha16(b"v2\nv2\n")
    assert [(r["issue_id"], r["source_path"]) for r in read_rows(out_dir, "issues")] == [
        (new, str(src))
    ]
    assert [r["notice_id"] for r in read_rows(out_dir, "notices")] == [f"{new}-n1", f"{new}-n2"]
    assert sorted(p.name for p in out_dir.rglob("*.parquet") if p.name != "_schema.parquet") == [
        f"{new}.parquet",
        f"{new}.parquet",
    ]


def test_same_content_under_two_paths_is_one_issue(tmp_path, out_dir, extracted):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a.txt", "b.txt"):
        (src / name).write_bytes(b"same\n")
    result = run([src], out_dir)

    assert [f.status for f in result.files] == ["read", "duplicate"]
    assert [r["source_path"] for r in read_rows(out_dir, "issues")] == [str(src / "a.txt")]
    (diag,) = read_rows(out_dir, "diagnostics")
    assert (diag["issue_id"], diag["code"], diag["severity"], diag["message"]) == (
        path_issue_id(str(src / "b.txt")),
        "duplicate_content",
        "warning",
        f"{src / 'b.txt'}: same content as {src / 'a.txt'}; its rows are under issue "
        + sha16(b"same\n"),
    )
    assert [f.status for f in run([src], out_dir).files] == ["unchanged", "unchanged"]


def test_vanished_owner_hands_the_issue_to_its_copy(tmp_path, out_dir, extracted):
    (tmp_path / "a.txt").write_bytes(b"v1\n")
    run([tmp_path / "a.txt"], out_dir)
    (tmp_path / "a.txt").rename(tmp_path / "b.txt")
    run([tmp_path / "b.txt"], out_dir)
    (tmp_path / "b.txt").write_bytes(b"v2\n")
    run([tmp_path / "b.txt"], out_dir)

    assert [r["issue_id"] for r in read_rows(out_dir, "issues")] == [sha16(b"v2\n")]
    assert sorted(e.source for e in committed(out_dir).entries()) == [str(tmp_path / "b.txt")]


def test_parallel_workers_write_the_same_bytes(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("x.txt", "y.txt", "z.txt"):
        (src / name).write_text(f"{name}\n第一条 为加强管理。\n", encoding="utf-8")
    shutil.copy(RAW_TEXT, src / "a.txt")
    shutil.copy(RAW_MARKDOWN, src / "b.txt")

    run([src], tmp_path / "serial", workers=1)
    result = run([src], tmp_path / "parallel", workers=2)
    assert [Path(f.path).name for f in result.files] == [
        "a.txt",
        "b.txt",
        "x.txt",
        "y.txt",
        "z.txt",
    ]
    assert files_under(tmp_path / "parallel") == files_under(tmp_path / "serial")


def test_empty_dataset_still_queries_with_its_columns(tmp_path, out_dir):
    run([tmp_path / "missing.txt"], out_dir)  # only a diagnostics row comes of it
    notices = f"read_parquet('{out_dir}/notices/**/*.parquet')"
    assert duckdb.sql(f"select count(*) from {notices}").fetchall() == [(0,)]
    assert duckdb.sql(f"select * from {notices}").columns == NOTICES.names
    assert ds.dataset(out_dir / "diagnostics").count_rows() == 1  # pyarrow skips _schema
