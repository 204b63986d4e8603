"""Inputs and workers that used to stop or hang a batch: each now costs one clear line.

Non-UTF-8 names, FIFOs, links to /dev/zero, link loops, symlinked folders, a file that takes
too long, a worker that dies (once, or every time), a parent killed under its workers, and
sources deleted since the last run (`--prune`). The rest of the batch is always extracted.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.dataset as ds
import pytest

import pipeline.one_file
from pipeline.runner import run
from pipeline.search.index import build_index
from tests.faults_kit import (
    assert_catalog_owns_exactly_the_files,
    make_corpus,
    snapshot,
    stub_extract,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def stub(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline.one_file, "extract_bytes", stub_extract)


def diagnostics(out: Path) -> list[tuple[str, str, str]]:
    rows = ds.dataset(out / "diagnostics").to_table().to_pylist()
    return sorted((r["severity"], r["code"], r["message"]) for r in rows)


def issue_paths(out: Path) -> list[str]:
    return sorted(r["source_path"] for r in ds.dataset(out / "issues").to_table().to_pylist())


def test_a_name_that_is_not_utf8_is_read_and_shown_safely(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    make_corpus(inputs, 2)
    odd = os.path.join(os.fsencode(inputs), b"\xb9\xab\xb1\xa8.txt")  # 公报 in GBK
    with open(odd, "wb") as f:
        f.write("泸州市人民政府关于印发办法的通知\n".encode())
    lines: list[str] = []
    result = run([inputs], tmp_path / "out", on_problem=lines.append)

    assert [f.status for f in result.files] == ["read", "read", "read"]
    assert lines == []
    assert f"{inputs}/\\xb9\\xab\\xb1\\xa8.txt" in issue_paths(tmp_path / "out")
    assert_catalog_owns_exactly_the_files(tmp_path / "out")
    again = run([inputs], tmp_path / "out")  # the catalog knows the name as it is on disk
    assert [f.status for f in again.files] == ["unchanged"] * 3


def test_fifos_devices_dangling_links_and_loops_are_skipped_with_a_line_each(
    tmp_path: Path,
) -> None:
    inputs = tmp_path / "in"
    make_corpus(inputs, 2)
    os.mkfifo(inputs / "pipe.txt")
    (inputs / "zero.txt").symlink_to("/dev/zero")
    (inputs / "dangling.txt").symlink_to(inputs / "nowhere.txt")
    (inputs / "sub").mkdir()
    (inputs / "sub" / "up").symlink_to(inputs)  # a loop back to the top
    lines: list[str] = []
    started = time.monotonic()
    result = run([inputs], tmp_path / "out", on_problem=lines.append)

    assert time.monotonic() - started < 30  # nothing blocks on the FIFO or reads /dev/zero
    assert sorted(f.status for f in result.files) == ["failed"] * 4 + ["read"] * 2
    codes = [(severity, code) for severity, code, _ in diagnostics(tmp_path / "out")]
    assert sorted(codes) == [
        ("error", "not_a_regular_file"),
        ("error", "not_a_regular_file"),
        ("error", "not_a_regular_file"),
        ("warning", "symlink_loop"),
    ]
    assert len(lines) == 3  # errors are printed; the loop is a warning in the dataset
    assert any("(a FIFO)" in line for line in lines)
    assert any("(a device)" in line for line in lines)


def test_a_symlinked_folder_is_followed_once(tmp_path: Path) -> None:
    make_corpus(tmp_path / "elsewhere", 2)
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "own.txt").write_text("泸州市人民政府办公室通知\n", encoding="utf-8")
    (inputs / "again").symlink_to(tmp_path / "elsewhere")
    (inputs / "linked").symlink_to(tmp_path / "elsewhere")
    result = run([inputs], tmp_path / "out")
    statuses = [(Path(f.path).parent.name, f.status) for f in result.files]
    # `again` (first in sorted order) is read; `linked` is the same folder: a loop warning.
    assert statuses == [("in", "read"), ("again", "read"), ("again", "read"), ("in", "failed")]
    assert len(issue_paths(tmp_path / "out")) == 3


def test_a_file_that_takes_too_long_gets_a_timeout_and_the_rest_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_corpus(tmp_path / "in", 2)
    (tmp_path / "in" / "slow.txt").write_text("泸州市人民政府通知\n", encoding="utf-8")

    def slow_extract(data: bytes, path: str, *options: object):  # type: ignore[no-untyped-def]
        if path.endswith("slow.txt"):
            time.sleep(30)
        return stub_extract(data, path)

    monkeypatch.setattr(pipeline.one_file, "extract_bytes", slow_extract)
    lines: list[str] = []
    result = run([tmp_path / "in"], tmp_path / "out", timeout=0.5, on_problem=lines.append)
    assert sorted(f.status for f in result.files) == ["failed", "read", "read"]
    assert [code for _, code, _ in diagnostics(tmp_path / "out")] == ["timeout"]
    assert lines == [
        f"gazette: {tmp_path / 'in' / 'slow.txt'}: took longer than 0.5 s; skipped (see --timeout)"
    ]


@pytest.mark.parametrize("once", [True, False])
def test_a_dead_worker_costs_at_most_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, once: bool
) -> None:
    inputs = tmp_path / "in"
    make_corpus(inputs, 5)
    monkeypatch.setenv("GAZETTE_FAULT_KILLER", "issue_002.txt")
    if once:
        monkeypatch.setenv("GAZETTE_FAULT_ONCE", str(tmp_path / "died-once"))
    result = run([inputs], tmp_path / "out", workers=2)

    statuses = [f.status for f in result.files]
    if once:  # retried, and read the second time: the output of a clean run
        assert statuses == ["read"] * 5
        reference = tmp_path / "reference"
        monkeypatch.delenv("GAZETTE_FAULT_KILLER")
        run([inputs], reference)
        assert snapshot(tmp_path / "out") == snapshot(reference)
    else:
        assert statuses == ["read", "read", "failed", "read", "read"]
        ((severity, code, message),) = diagnostics(tmp_path / "out")
        assert (severity, code) == ("error", "worker_died")
        assert message.startswith(f"{inputs / 'issue_002.txt'}: the worker process died")
    assert_catalog_owns_exactly_the_files(tmp_path / "out")


def test_workers_die_with_their_parent(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in", 4)
    env = {**os.environ, "GAZETTE_FAULT_SLOW": "60"}
    command = [sys.executable, "-m", "tests.faults_kit", "extract", str(tmp_path / "in")]
    parent = subprocess.Popen(
        [*command, "--out", str(tmp_path / "out"), "-j", "2"], cwd=ROOT, env=env
    )
    children: list[int] = []
    deadline = time.monotonic() + 60
    while len(children) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
        children = _children(parent.pid)
    assert len(children) >= 2, "the workers did not start"
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in children if _alive(pid)]


def test_deleted_sources_warn_and_prune_removes_their_rows(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    paths = make_corpus(inputs, 3)
    out = tmp_path / "out"
    run([inputs], out)
    assert len(build_index(out).indexed) == 3
    paths[1].unlink()

    lines: list[str] = []
    kept = run([inputs], out, on_problem=lines.append)
    assert kept.gone == [str(paths[1])] and not kept.pruned
    assert lines == [
        f"gazette: 1 source(s) in {out} no longer exist (first: {paths[1]}); "
        "their rows stay until `--prune`"
    ]
    assert len(issue_paths(out)) == 3

    pruned = run([inputs], out, prune=True, on_problem=lines.append)
    assert pruned.pruned
    assert lines[-1].startswith(
        f"gazette: pruned 1 source(s) that no longer exist (first: {paths[1]})"
    )
    assert issue_paths(out) == [str(paths[0]), str(paths[2])]
    assert_catalog_owns_exactly_the_files(out)
    index = build_index(out)  # the index follows: the pruned issue's rows and hits go
    assert (len(index.removed), index.counts["issues"]) == (1, 2)
    reference = tmp_path / "reference"
    run([inputs], reference)
    assert snapshot(out) == snapshot(reference)


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; it only waits for its parent to reap it
