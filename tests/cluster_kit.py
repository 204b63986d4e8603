"""A Dask cluster on loopback for the tests: a scheduler and two workers, separate processes.

.ci/run starts one before the tests (`python -m tests.cluster_kit start`) and stops it after;
it passes the scheduler's address in GAZETTE_TEST_SCHEDULER. Without that variable (pytest run
by hand) the test fixture starts its own and stops it at the end. The scheduler gives up on a
task after one failure more than the first (allowed-failures 1): a file whose worker dies is
retried once, as the local pool does.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORKERS = 2
STARTUP_SECONDS = 60
STOP_SECONDS = 10
ENV = {
    "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "1",
    # Workers restarted by their nanny after a kill must not wait for a busy scheduler.
    "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "30s",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start() -> tuple[str, list[subprocess.Popen]]:
    """Scheduler and workers on 127.0.0.1; returns the address and the processes."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, **ENV}
    common = {"cwd": ROOT, "env": env, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    dask = str(BIN / "dask")
    scheduler = subprocess.Popen(
        [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        **common,  # type: ignore[arg-type]
    )
    processes = [scheduler]
    for _ in range(WORKERS):
        processes.append(
            subprocess.Popen(
                [
                    dask,
                    "worker",
                    address,
                    "--host",
                    "127.0.0.1",
                    "--nthreads",
                    "1",
                    "--no-dashboard",
                    "--memory-limit",
                    "0",
                ],
                **common,  # type: ignore[arg-type]
            )
        )
    wait_for_workers(address, WORKERS)
    return address, processes


def wait_for_workers(address: str, n: int) -> None:
    from distributed import Client

    deadline = time.monotonic() + STARTUP_SECONDS
    with Client(address, timeout="30s") as client:
        while len(client.scheduler_info()["workers"]) < n:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{n} Dask workers did not join {address}")
            time.sleep(0.2)


def stop(processes: list[subprocess.Popen]) -> None:
    stop_pids([p.pid for p in processes])
    for process in processes:
        process.wait()


def stop_pids(pids: list[int]) -> None:
    """SIGTERM workers then scheduler; whatever is left after a grace period (a nanny still
    reconnecting to a scheduler that is gone) is killed with its children."""
    for pid in reversed(pids):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    for pid in pids:
        if _alive(pid):
            for child in _children(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(child, signal.SIGKILL)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie of ours has exited; it only waits to be reaped
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


if __name__ == "__main__":
    # python -m tests.cluster_kit start STATEFILE: start, print the address, record the pids.
    # python -m tests.cluster_kit stop STATEFILE: stop what start recorded.
    command, state = sys.argv[1], Path(sys.argv[2])
    if command == "start":
        address, processes = start()
        state.write_text(json.dumps({"address": address, "pids": [p.pid for p in processes]}))
        print(address)
        os._exit(0)  # leave the cluster running; Popen objects must not reap it
    stop_pids(json.loads(state.read_text())["pids"])
