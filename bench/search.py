"""Benchmark `gazette index` and `gazette search` on a corpus of N issues.

    python -m bench.search [--issues 1000] [--repeat 20] [--keep DIR]

The corpus repeats the two samples in raw/. They are extracted once, for real; then issue k
is written through the writer as a copy of sample k % 2 whose ids are rewritten (issue id
sha256("bench-k")[:16], notice and article ids following), with its own source path and
manifest entry. That is the layout and manifest `extract` makes, in seconds instead of the
minutes 1,000 extractions take, and every copy has exactly the notices of its sample.

Timed: a full index build, a re-run with nothing to do, a re-run after one issue vanished,
and each query of QUERIES run `--repeat` times in one process (jieba loaded, the database
warm): the latency of search() itself, snippets included. The target is under 50 ms per
query at 1,000 issues. One `gazette search` process is also timed, start-up included.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.catalog import Catalog
from pipeline.runner import run
from pipeline.search import fulltext as gazette_search
from pipeline.search import index as gazette_index
from pipeline.search.database import open_index
from pipeline.search.query import display_width
from pipeline.writer import IssueOutput, commit, issue_file, write_schema_files
from schemas import DATASETS

RAW = Path(__file__).resolve().parent.parent / "raw"
SAMPLES = (RAW / "000_bbc4044de49a57c2.txt", RAW / "003_e888584f49a9a9b6.txt")
F = gazette_search.Filters
# Rare and common words, one to four jieba words, with and without filters. 通知 is in the
# title of nearly every notice: the worst case, every row of the index matches.
QUERIES: list[tuple[str, gazette_search.Filters]] = [
    ("历史风貌建筑", F()),
    ("出生医学证明", F()),
    ("取卵术", F()),
    ("仲裁委员会", F()),
    ("大气污染 治理", F()),
    ("有效期", F()),
    ("医疗服务 价格", F(in_force_on=date(2025, 6, 1))),
    ("检查", F(doc_type="通报")),
    ("建筑", F(issuer="办公室")),
    ("通知", F(year=2024)),
]


def main(argv: list[str] | None = None) -> None:
    args = _parse(argv)
    with tempfile.TemporaryDirectory(prefix="gazette-bench-") as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        out = work / "out"
        print(f"corpus       {args.issues} issues in {out}")
        t = time.perf_counter()
        build_corpus(work, args.issues)
        print(f"corpus made  {time.perf_counter() - t:.1f} s (2 extractions, then copies)")
        bench_index(out)
        bench_queries(out, args.repeat)
        bench_cli(out)


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__)
    parser.add_argument("--issues", type=int, default=1000, help="issues in the corpus")
    parser.add_argument("--repeat", type=int, default=20, help="runs of each query")
    parser.add_argument("--keep", metavar="DIR", help="build in DIR and keep it")
    return parser.parse_args(argv)


def build_corpus(work: Path, issues: int) -> Path:
    """OUT under `work` with `issues` issues, copies of the two samples; returns OUT."""
    seed, out = work / "seed", work / "out"
    result = run(SAMPLES, seed, on_problem=lambda line: None)
    sample_ids = [f.issue_id for f in result.files]
    rows = {i: {name: _rows(seed, name, i) for name in DATASETS} for i in sample_ids}
    write_schema_files(out)
    with Catalog.open(out, DATASETS) as catalog:
        for k in range(issues):
            _copy_issue(out, catalog, k, sample_ids, rows, result_version(rows[sample_ids[0]]))
    return out


def _copy_issue(
    out: Path,
    catalog: Catalog,
    k: int,
    sample_ids: list[str],
    rows: dict[str, dict[str, list[dict]]],
    version: str,
) -> None:
    """Issue k: a copy of sample k % 2 under its own ids, source path and catalog record."""
    old = sample_ids[k % len(sample_ids)]
    sha = hashlib.sha256(f"bench-{k}".encode()).hexdigest()
    new = sha[:16]
    copied = {name: [_renamed(r, old, new, sha) for r in rs] for name, rs in rows[old].items()}
    output = IssueOutput(
        source_path=f"bench/{k:05d}.txt",
        sha256=sha,
        issue_id=new,
        extractor_version=version,
        rows=copied,
    )
    commit(out, catalog, output)


def _rows(out: Path, dataset: str, issue_id: str) -> list[dict]:
    path = issue_file(out, dataset, issue_id)
    return pq.read_table(path).to_pylist() if path.exists() else []


def _renamed(row: dict, old: str, new: str, sha: str) -> dict:
    # Every id starts with the issue id: issue_id, notice_id, article_id, cited_notice_id.
    copy = {
        k: new + v[len(old) :] if isinstance(v, str) and v.startswith(old) else v
        for k, v in row.items()
    }
    copy["source_sha256"] = sha
    return copy


def result_version(rows: dict[str, list[dict]]) -> str:
    return rows["issues"][0]["extractor_version"]


def bench_index(out: Path) -> None:
    t = time.perf_counter()
    report = gazette_index.build_index(out)
    full = time.perf_counter() - t
    size = report.db_path.stat().st_size / 1e6
    print(f"index build  {full:.1f} s, {size:.0f} MB, {report.counts.get('search_fts')} FTS rows")
    print(f"             {', '.join(f'{k} {v}' for k, v in report.counts.items())}")
    t = time.perf_counter()
    report = gazette_index.build_index(out)
    print(f"index again  {time.perf_counter() - t:.2f} s, nothing to do: {not report.changed}")
    gone = sorted(p.stem for p in (out / "issues").glob("*.parquet") if p.stem[0] != "_")[0]
    with Catalog.open(out, DATASETS) as catalog:
        catalog.remove(gone, DATASETS)
    t = time.perf_counter()
    report = gazette_index.build_index(out)
    print(f"one removed  {time.perf_counter() - t:.2f} s, removed {report.removed}")


def bench_queries(out: Path, repeat: int) -> None:
    con = open_index(out)
    all_times: list[float] = []
    print(f"queries      {len(QUERIES)} queries × {repeat} runs, limit 10; milliseconds")
    print(f"  {'query':<28} {'hits':>4} {'median':>7} {'p95':>7}")
    for query, filters in QUERIES:
        hits = gazette_search.search(con, query, filters)  # warm-up
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            gazette_search.search(con, query, filters)
            times.append((time.perf_counter() - t) * 1000)
        all_times += times
        label = _ljust(query + _describe(filters), 28)
        print(f"  {label} {len(hits):>4} {statistics.median(times):>7.1f} {_p95(times):>7.1f}")
    print(f"  {'all':<28} {'':>4} {statistics.median(all_times):>7.1f} {_p95(all_times):>7.1f}")
    con.close()


def bench_cli(out: Path) -> None:
    command = [sys.executable, "-c", "from pipeline.cli import main; main()"]
    t = time.perf_counter()
    subprocess.run(
        [*command, "search", "历史风貌建筑", "--out", str(out)], check=True, capture_output=True
    )
    print(
        f"one process  {time.perf_counter() - t:.2f} s for `gazette search 历史风貌建筑` (start-up included)"
    )


def _describe(filters: gazette_search.Filters) -> str:
    given = {k: v for k, v in vars(filters).items() if v is not None}
    return "".join(f" --{k.replace('_', '-')}" for k in given)


def _ljust(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


if __name__ == "__main__":
    main()
