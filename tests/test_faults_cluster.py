"""`gazette extract --cluster`: a scheduler and two workers on loopback, separate processes.

The cluster's datasets are byte for byte the local path's, and stay so when a worker is
killed in the middle of the batch (its file runs again on a worker its nanny restarts or on
the other one). Real extraction, on the samples: the workers import the extractors.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.runner import run
from tests import cluster_kit
from tests.conftest import RAW
from tests.faults_kit import assert_catalog_owns_exactly_the_files, snapshot

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    address = os.environ.get("GAZETTE_TEST_SCHEDULER")
    if address:  # started by .ci/run
        cluster_kit.wait_for_workers(address, cluster_kit.WORKERS)
        yield address
        return
    address, processes = cluster_kit.start()
    try:
        yield address
    finally:
        cluster_kit.stop(processes)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples, text and PDF, under one folder (absolute paths: workers have their own cwd)."""
    folder = tmp_path_factory.mktemp("cluster") / "raw"
    folder.mkdir()
    for path in sorted(RAW.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            (folder / path.name).write_bytes(path.read_bytes())
    return folder


@pytest.fixture(scope="module")
def local(inputs: Path) -> dict[str, bytes]:
    out = inputs.parent / "local"
    run([inputs], out)
    return snapshot(out)


def gazette_cluster(inputs: Path, out: Path, address: str) -> subprocess.Popen:
    command = [str(Path(sys.executable).parent / "gazette"), "extract", str(inputs)]
    return subprocess.Popen(
        [*command, "--out", str(out), "--cluster", address],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_cluster_output_is_byte_identical_to_local(
    scheduler: str, inputs: Path, local: dict[str, bytes]
) -> None:
    out = inputs.parent / "cluster"
    done = gazette_cluster(inputs, out, scheduler)
    stdout, stderr = done.communicate(timeout=300)
    assert done.returncode == 0, stderr
    assert snapshot(out) == local
    assert_catalog_owns_exactly_the_files(out)


def test_a_worker_killed_mid_batch_costs_nothing(
    scheduler: str, inputs: Path, local: dict[str, bytes]
) -> None:
    out = inputs.parent / "cluster_killed"
    batch = gazette_cluster(inputs, out, scheduler)
    with distributed.Client(scheduler, timeout="30s") as client:
        victim = _busy_worker(client, deadline=time.monotonic() + 120)
        pid = client.run(os.getpid, workers=[victim])[victim]
        os.kill(pid, signal.SIGKILL)
        stdout, stderr = batch.communicate(timeout=300)
        assert batch.returncode == 0, stderr
        assert snapshot(out) == local
        assert_catalog_owns_exactly_the_files(out)
        # The nanny restarts the worker, so the next test has two workers again.
        cluster_kit.wait_for_workers(scheduler, cluster_kit.WORKERS)


def _busy_worker(client: distributed.Client, deadline: float) -> str:
    """A worker running one of the batch's tasks, as soon as one is."""
    while time.monotonic() < deadline:
        for worker, keys in client.processing().items():
            if keys:
                return worker
        time.sleep(0.05)
    raise AssertionError("no task of the batch ever ran")
