"""End to end: the real `gazette serve` in a subprocess, searched from headless Chromium.

Uses Debian's chromium (.ci/run installs it) through Playwright's Python API; Playwright's own
browser downloads are never used. Every wait is bounded and the server is always stopped.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from pipeline.cli import main
from tests.test_serve import build_corpus

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-dev-shm-usage",  # containers often give /dev/shm only 64 MB
    "--disable-quic",
    "--no-first-run",
    # No update checks, field trials, sync or component downloads: nothing leaves the machine.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-proxy-server",  # the server is on loopback; a proxy from the environment is wrong
]
TITLE = "泸州市人民政府办公室关于印发《泸州市历史风貌建筑修缮补助资金管理办法》的通知"
START_TIMEOUT = 30.0  # seconds for the server to answer; it starts in about one
PAGE_TIMEOUT_MS = 15_000

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} missing: apt-get install chromium (.ci/run does)"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_command(out: Path, port: int) -> list[str]:
    """`gazette serve` once the CLI has it; until then the same command as a module."""
    args = ["serve", "--out", str(out), "--port", str(port), "--no-open"]
    script = Path(sys.executable).with_name("gazette")
    if "serve" in main.commands and script.exists():
        return [str(script), *args]
    return [sys.executable, "-m", "pipeline.search.serve", *args[1:]]


def wait_until_up(proc: subprocess.Popen, url: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            _, err = proc.communicate()
            pytest.fail(f"gazette serve exited with {proc.returncode}: {err}")
        try:
            if httpx.get(url, timeout=2.0, trust_env=False).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"gazette serve did not answer {url} within {START_TIMEOUT:.0f}s")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    out = tmp_path / "out"
    build_corpus(out)
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        serve_command(out, port),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_up(proc, url + "/-/versions.json")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def test_search_from_the_browser(server: str, tmp_path: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"),  # a fresh profile: no state from any earlier run
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        try:
            page = browser.new_page()
            page.set_default_timeout(PAGE_TIMEOUT_MS)
            page.goto(server + "/")
            assert "Gazette corpus" in page.title()

            page.fill("input[name=q]", "历史风貌建筑")
            page.press("input[name=q]", "Enter")
            page.wait_for_url("**/gazette/search?q=*")

            first_row = page.locator("table.rows-and-columns tbody tr").first
            first_row.wait_for()
            # Before the checks, so that a failure leaves a picture of what was shown.
            page.screenshot(path=str(tmp_path / "search.png"), full_page=True)
            assert first_row.locator("td").first.inner_text().strip() == TITLE
            assert first_row.locator("mark").first.inner_text() == "历史风貌建筑"

            # The notice link leads to the notice's own page.
            first_row.locator("a[href^='/gazette/notices/']").click()
            page.wait_for_url("**/gazette/notices/*")
            assert TITLE in page.locator("body").inner_text()
        finally:
            browser.close()
