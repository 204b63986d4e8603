"""Kill -9 anywhere in a write, concurrent runs, a full disk: the corpus stays exact.

Each case: the catalog accounts for every file even before recovery, owns exactly the files
on disk after it, and a plain re-run reaches the bytes of a clean run. Runs that are killed
are separate processes (tests/faults_kit.py: `gazette` with a stand-in extractor and a kill
point); the rest run in this process.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import pipeline.one_file
import pipeline.writer
from pipeline.cli import main
from pipeline.runner import run
from tests.faults_kit import (
    assert_accounted_for,
    assert_catalog_owns_exactly_the_files,
    make_corpus,
    snapshot,
    stub_extract,
)

ROOT = Path(__file__).resolve().parent.parent
ISSUES = 6
# Kill points drawn at random, seeded so a failure replays: (point, how many calls in).
SEED = 12
KILLS_PER_POINT = 2


def gazette(*args: str, fault: str | None = None, **env: str) -> subprocess.CompletedProcess:
    environ = {**os.environ, **env}
    if fault:
        environ["GAZETTE_FAULT"] = fault
    return subprocess.run(
        [sys.executable, "-m", "tests.faults_kit", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus") / "in", ISSUES)[0].parent


def clean_bytes(inputs: Path, where: Path) -> dict[str, bytes]:
    """The bytes one uninterrupted run makes of INPUTS (in this process: same code, faster)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline.one_file, "extract_bytes", stub_extract)
        run([inputs], where, on_problem=lambda line: None)
    return snapshot(where)


def _kill_points() -> list[tuple[str, int]]:
    rng = random.Random(SEED)
    # Per run of ISSUES issues: ISSUES×2 files staged and renamed, ISSUES×2 catalog writes.
    ranges = {"write": 2 * ISSUES, "replace": 2 * ISSUES, "atomic": 2 * ISSUES}
    points = [(p, rng.randint(1, n)) for p, n in ranges.items() for _ in range(KILLS_PER_POINT)]
    return [*points, ("atomic", 2 * ISSUES)]  # the last issue's files in, its record not


@pytest.mark.parametrize(("point", "nth"), _kill_points())
def test_kill_at_any_point_of_a_write_then_rerun_gives_the_clean_bytes(
    tmp_path: Path, corpus: Path, point: str, nth: int
) -> None:
    inputs = corpus
    out = tmp_path / "out"
    killed = gazette("extract", str(inputs), "--out", str(out), fault=f"{point}:{nth}")
    assert killed.returncode == -signal.SIGKILL, killed.stderr

    assert_accounted_for(out)
    assert_catalog_owns_exactly_the_files(out)
    again = gazette("extract", str(inputs), "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert snapshot(out) == clean_bytes(inputs, tmp_path / "clean")


def test_kill_after_some_issues_then_change_an_input_doubles_nothing(tmp_path: Path) -> None:
    # The issue's reproduction: killed mid-batch, one input edited, re-run: 6 notices stay 6.
    inputs = tmp_path / "in"
    paths = make_corpus(inputs, ISSUES)
    out = tmp_path / "out"
    killed = gazette("extract", str(inputs), "--out", str(out), fault=f"atomic:{ISSUES}")
    assert killed.returncode == -signal.SIGKILL
    paths[0].write_text(paths[0].read_text(encoding="utf-8") + "新增一行通知\n", encoding="utf-8")
    assert gazette("extract", str(inputs), "--out", str(out)).returncode == 0

    assert snapshot(out) == clean_bytes(inputs, tmp_path / "reference")
    assert_catalog_owns_exactly_the_files(out)


@pytest.mark.parametrize("nth", [1, 2])
def test_kill_while_replacing_a_changed_input_keeps_one_version(tmp_path: Path, nth: int) -> None:
    inputs = tmp_path / "in"
    paths = make_corpus(inputs, 2)
    out = tmp_path / "out"
    assert gazette("extract", str(inputs), "--out", str(out)).returncode == 0
    for path in paths:
        path.write_text(path.read_text(encoding="utf-8") + "第四号通知\n", encoding="utf-8")
    killed = gazette("extract", str(inputs), "--out", str(out), fault=f"drop:{nth}")
    assert killed.returncode == -signal.SIGKILL

    assert_accounted_for(out)
    assert_catalog_owns_exactly_the_files(out)
    assert gazette("extract", str(inputs), "--out", str(out)).returncode == 0
    assert snapshot(out) == clean_bytes(inputs, tmp_path / "reference")


def test_two_runs_into_one_folder_one_waits_its_turn(tmp_path: Path, corpus: Path) -> None:
    inputs = corpus
    out = tmp_path / "out"
    command = [sys.executable, "-m", "tests.faults_kit", "extract", str(inputs), "--out", str(out)]
    env = {**os.environ, "GAZETTE_FAULT_SLOW": "1.0"}
    first = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    while not (out / ".gazette.lock").exists() or not (out / ".gazette.lock").read_text():
        time.sleep(0.05)  # the first run holds the lock
    second = gazette("extract", str(inputs), "--out", str(out))
    assert first.wait(timeout=120) == 0, first.stderr.read()

    assert second.returncode == 1
    assert second.stderr.strip().splitlines() == [
        f"Error: {out} is being written by another `gazette extract` (pid {first.pid}); "
        "wait for it to finish"
    ]
    assert snapshot(out) == clean_bytes(inputs, tmp_path / "clean")


def test_full_disk_stops_with_one_line_and_a_rerun_finishes(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = corpus
    out = tmp_path / "out"
    monkeypatch.setattr(pipeline.one_file, "extract_bytes", stub_extract)
    real_write = pipeline.writer._write_bytes
    calls: list[str] = []

    def full_disk(path: str, data: bytes, fs: object) -> None:
        calls.append(path)
        if len(calls) >= 5:  # the disk fills up during the third issue
            raise OSError(28, "No space left on device", path)
        real_write(path, data, fs)

    monkeypatch.setattr(pipeline.writer, "_write_bytes", full_disk)
    result = CliRunner().invoke(main, ["extract", str(inputs), "--out", str(out)])
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("Error: cannot write the output: ")
    assert "No space left on device" in line
    assert_catalog_owns_exactly_the_files(out)

    monkeypatch.setattr(pipeline.writer, "_write_bytes", real_write)
    assert CliRunner().invoke(main, ["extract", str(inputs), "--out", str(out)]).exit_code == 0
    assert snapshot(out) == clean_bytes(inputs, tmp_path / "clean")


def test_an_output_folder_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    # Root writes through permission bits, so the folder is made impossible another way.
    make_corpus(tmp_path / "in", 1)
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    out = tmp_path / "file" / "out"
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "in"), "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"Error: {out}: cannot create (Not a directory)"]
