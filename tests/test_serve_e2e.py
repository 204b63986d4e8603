"""End to end: the real `gazette serve` in a subprocess, read from headless Chromium.

Uses Debian's chromium (.ci/run installs it) through Playwright's Python API; Playwright's own
browser downloads are never used. Every wait is bounded and the server is always stopped.
The corpus is the README's: raw/ with its PDFs. Screenshots of every page go to
test-artifacts/screenshots/ (GAZETTE_ARTIFACTS overrides; the folder is git-ignored): they are
kept whatever the outcome, for a person to look at.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.search.index import build_index
from tests.conftest import RAW

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
HISTORIC_BUILDINGS = "泸市府办规〔2024〕7号"
START_TIMEOUT = 90.0  # seconds for the server to answer: about one, far more on a loaded machine
PAGE_TIMEOUT_MS = 15_000
ARTIFACTS = Path(
    os.environ.get("GAZETTE_ARTIFACTS")
    or Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"
)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} missing: apt-get install chromium (.ci/run does)"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The README's corpus (raw/: a text dump, converter Markdown and two PDFs), indexed."""
    out = tmp_path_factory.mktemp("e2e") / "out"
    result = CliRunner().invoke(main, ["extract", str(RAW), "--out", str(out)])
    assert result.exit_code == 0, result.output
    build_index(out)
    return out


@pytest.fixture(scope="module")
def server(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    cache = tmp_path_factory.mktemp("cache")
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "XDG_CACHE_HOME": str(cache)}
    script = Path(sys.executable).with_name("gazette")
    proc = subprocess.Popen(
        [str(script), "serve", "--out", str(corpus), "--port", str(port), "--no-open"],
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


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")),  # a fresh profile: no earlier state
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    try:
        yield page
    finally:
        page.close()


def shot(page: object, name: str, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)  # type: ignore[attr-defined]
    return path


def cli_search(corpus: Path, *args: str) -> list[dict]:
    result = CliRunner().invoke(
        main, ["search", *args, "--out", str(corpus), "--json", "-n", "100"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_home_page_leads_to_search_documents_and_datasets(server: str, page: object) -> None:
    page.goto(server + "/")
    shot(page, "home")
    assert "政府公报" in page.title()
    body = page.locator("body").inner_text()
    for words in ["按状态", "医疗服务价格", "污染物浓度", "最近的文件"]:
        assert words in body, words
    assert "search_rows" not in body and "_index_state" not in body


def test_search_document_page_and_article_anchor(server: str, page: object) -> None:
    page.goto(server + "/")
    page.fill("input[name=q]", "历史风貌建筑")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    first = page.locator("ol.gazette-hits li").first
    first.wait_for()
    shot(page, "search")
    assert first.locator("a.hit-title").inner_text() == TITLE
    assert first.locator("mark").first.inner_text() == "历史风貌建筑"

    first.locator("a.hit-title").click()
    page.wait_for_url("**/doc/*")
    shot(page, "document")
    assert page.locator("h1").inner_text() == TITLE
    facts = page.locator("dl.doc-facts").inner_text()
    assert HISTORIC_BUILDINGS in facts and "成文日期" in facts and "状态" in facts
    # The body reads as paragraphs; the articles are under the notice with their anchors.
    assert page.locator(".doc-part p").count() > 10
    assert page.locator("[id='第十一条']").count() == 1

    # Following an article's anchor scrolls to it and marks it.
    page.locator("a[href='#第十一条']").click()
    page.wait_for_function("decodeURIComponent(location.hash) === '#第十一条'")
    top = page.evaluate("document.getElementById('第十一条').getBoundingClientRect().top")
    assert 0 <= top < 100
    assert page.evaluate("document.querySelector(':target').id") == "第十一条"
    shot(page, "article-anchor", full_page=False)


def test_a_hit_in_an_article_links_to_its_anchor(server: str, page: object) -> None:
    page.goto(server + "/search?q=有效期")
    links = page.locator("a.hit-title")
    links.first.wait_for()
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    anchored = [h for h in hrefs if "#" in h]
    assert anchored, hrefs
    page.goto(server + anchored[0])
    anchor = anchored[0].split("#", 1)[1]
    assert (
        page.evaluate("document.querySelector(':target') && document.querySelector(':target').id")
        == anchor
    )
    assert "有效期" in page.locator(":target").inner_text()


def test_search_filters_by_status_and_year(server: str, corpus: Path, page: object) -> None:
    page.goto(server + "/search?q=价格")
    page.locator("ol.gazette-hits li").first.wait_for()
    unfiltered = page.locator("ol.gazette-hits li").count()
    page.select_option("select[name=status]", "现行有效")
    page.select_option("select[name=year]", "2024")
    page.click("button[type=submit]")
    page.wait_for_url("**status=*")
    shot(page, "search-filtered")
    shown = [t.strip() for t in page.locator("a.hit-title").all_inner_texts()]
    expected = [
        h["title"] for h in cli_search(corpus, "价格", "--status", "现行有效", "--year", "2024")
    ]
    assert shown == expected  # the CLI's filters, the same answer
    assert 0 < len(shown) < unfiltered
    assert page.locator("select[name=status]").input_value() == "现行有效"


def test_no_hits_and_empty_query_say_so_in_words(server: str, page: object) -> None:
    page.goto(server + "/search?q=")
    assert "请输入" in page.locator(".gazette-empty").inner_text()
    page.goto(server + "/search?q=量子纠缠望远镜")
    text = page.locator(".gazette-empty").inner_text()
    assert "没有找到" in text and "量子纠缠望远镜" in text
    assert "SQL" not in page.locator("section.content").inner_text()


def test_tables_render_with_spans_and_printed_page(server: str, page: object) -> None:
    page.goto(server + "/search?q=取卵术")
    page.locator("a.hit-title").first.click()
    page.wait_for_url("**/doc/*")
    table = page.locator("figure.doc-table table").first
    table.wait_for()
    assert page.locator("figure.doc-table th[colspan], figure.doc-table th[rowspan]").count() > 0
    assert "取卵术" in table.inner_text()
    page.locator("details.printed summary").click()
    img = page.locator("details.printed img").first
    img.scroll_into_view_if_needed()
    page.wait_for_function(
        "document.querySelector('details.printed img').naturalWidth > 0", timeout=PAGE_TIMEOUT_MS
    )
    shot(page, "document-tables")


def test_typed_table_and_facets(server: str, page: object) -> None:
    page.goto(server + "/gazette/price_items")
    rows = page.locator("table.rows-and-columns tbody tr")
    rows.first.wait_for()
    assert rows.count() > 10
    assert page.locator(".facet-info[data-column=grade]").count() == 1
    shot(page, "price-items", full_page=False)
    page.goto(server + "/gazette/documents")
    assert page.locator(".facet-info[data-column=status]").count() == 1
    page.locator(".facet-info[data-column=status] li a").first.click()
    page.locator("table.rows-and-columns tbody tr").first.wait_for()


def test_charts_are_drawn(server: str, page: object) -> None:
    page.goto(server + "/charts")
    for chart in ["#chart-pollutants", "#chart-prices"]:
        page.locator(f"{chart} svg").first.wait_for()
        assert (
            page.locator(f"{chart} svg .mark-symbol path, {chart} svg .mark-line path").count() > 0
        )
    shot(page, "charts")
