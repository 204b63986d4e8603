"""`gazette serve`: Datasette on gazette.db, built from the real samples in raw/.

Requests go through Datasette's own in-process client, so no port is opened; the browser test
in test_serve_e2e.py covers the real server.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import sqlite3
from pathlib import Path

import httpx
import pytest
import uvicorn
from click.testing import CliRunner
from datasette.app import Datasette
from markupsafe import escape

import pipeline.search.serve
from pipeline.cli import main
from pipeline.search.datasette_metadata import build_metadata
from pipeline.search.index import build_index
from pipeline.search.serve import is_loopback, make_datasette, serve
from schemas import NOTICES
from tests.conftest import RAW_MARKDOWN, RAW_TEXT

HISTORIC_BUILDINGS = "泸市府办规〔2024〕7号"  # 泸州市历史风貌建筑修缮补助资金管理办法
BIRTH_CERTIFICATES = "泸市卫规〔2024〕1号"  # 出生医学证明管理二十条措施


def build_corpus(out: Path) -> Path:
    """Extract raw/ into OUT and index it, as a user would; returns OUT/gazette.db."""
    result = CliRunner().invoke(
        main, ["extract", str(RAW_TEXT), str(RAW_MARKDOWN), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return build_index(out).db_path


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("serve") / "out")


@pytest.fixture(scope="module")
def ds(db_path: Path) -> Datasette:
    return make_datasette(db_path)


def get(ds: Datasette, path: str) -> httpx.Response:
    return asyncio.run(ds.client.get(path))


def search(ds: Datasette, q: str) -> list[dict]:
    response = get(ds, f"/gazette/search.json?_shape=array&q={q}")
    assert response.status_code == 200, response.text
    return response.json()


# --- search --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "doc_number"),
    [
        ("历史风貌建筑", HISTORIC_BUILDINGS),
        ("历史", HISTORIC_BUILDINGS),
        ("风貌", HISTORIC_BUILDINGS),
        ("出生医学证明", BIRTH_CERTIFICATES),
    ],
)
def test_search_query_ranks_the_notice_first(ds: Datasette, q: str, doc_number: str) -> None:
    rows = search(ds, q)
    assert rows, f"nothing found for {q}"
    assert rows[0]["doc_number"] == doc_number
    assert len({r["notice_id"] for r in rows}) == len(rows)  # one row per notice


@pytest.mark.parametrize("q", ["历史风貌建筑", "有效期", "取卵术", "医疗服务 价格"])
def test_browser_and_cli_show_the_same_hits_and_snippets(
    ds: Datasette, db_path: Path, q: str
) -> None:
    result = CliRunner().invoke(
        main, ["search", *q.split(), "--out", str(db_path.parent), "--json"]
    )
    assert result.exit_code == 0, result.output
    cli = [(h["notice_id"], h["snippet"]) for h in json.loads(result.stdout)]
    browser = [
        (
            r["notice_id"],
            str(escape(r["snippet"])).replace("\x02", "<mark>").replace("\x03", "</mark>"),
        )
        for r in search(ds, q)
    ]
    assert cli
    assert cli == browser[: len(cli)]


def test_search_snippet_shows_the_printed_text_around_the_hit(ds: Datasette) -> None:
    (row,) = search(ds, "历史风貌建筑")
    assert "\x02历史风貌建筑\x03" in row["snippet"]  # one hit, not its two jieba words
    # The printed words, not the index's space-separated tokens (修缮 补助 资金 …); line
    # breaks become single spaces, as `gazette search` prints them (one snippet function).
    assert "修缮补助资金管理办法" in row["snippet"]
    assert "\n" not in row["snippet"]
    page = get(ds, "/gazette/search?q=历史风貌建筑").text
    assert "<mark>历史风貌建筑</mark>" in page
    assert f'href="/doc/{row["notice_id"]}"' in page  # the document page


def test_search_says_where_a_hit_in_an_article_is(ds: Datasette) -> None:
    rows = search(ds, "有效期")
    assert HISTORIC_BUILDINGS in {r["doc_number"] for r in rows}
    assert any(r["matched_in"] and r["matched_in"].startswith("第") for r in rows)


@pytest.mark.parametrize("q", ["", "%20", "《》", '"', "AND OR NOT", "*", "title:历史"])
def test_odd_queries_are_not_errors(ds: Datasette, q: str) -> None:
    search(ds, q)  # FTS5 syntax in user input must never reach MATCH unquoted


def test_blank_query_finds_nothing(ds: Datasette) -> None:
    assert search(ds, "") == []


def test_search_is_listed_on_the_database_page(ds: Datasette) -> None:
    page = get(ds, "/gazette").text
    assert 'href="/gazette/search"' in page
    assert 'action="/search"' in page  # the search box leads to the search page


@pytest.mark.parametrize("table", ["notices", "notices_view"])
def test_table_search_box_understands_chinese(ds: Datasette, table: str) -> None:
    page = get(ds, f"/gazette/{table}?_search=历史风貌建筑")
    assert 'name="_search"' in page.text
    rows = get(ds, f"/gazette/{table}.json?_shape=array&_search=历史风貌建筑").json()
    assert [r["doc_number"] for r in rows] == [HISTORIC_BUILDINGS]


def test_articles_search_box_understands_chinese(ds: Datasette) -> None:
    notice_id = search(ds, "出生医学证明")[0]["notice_id"]
    everything = get(ds, "/gazette/articles.json?_shape=array&_size=max").json()
    rows = get(ds, "/gazette/articles.json?_shape=array&_size=max&_search=出生医学证明").json()
    assert 0 < len(rows) < len(everything)
    assert {r["notice_id"] for r in rows} == {notice_id}


# --- browsing ------------------------------------------------------------------------------


def test_notices_page_lists_the_facets(ds: Datasette) -> None:
    page = get(ds, "/gazette/notices").text
    for column in ["year", "section", "issuers", "doc_type", "is_normative"]:
        assert f'data-column="{column}"' in page, column
    facets = get(ds, "/gazette/notices.json?_extra=facet_results").json()["facet_results"]
    assert facets["issuers"]["type"] == "array"  # one count per organ, not per JSON array
    issuers = {r["value"] for r in facets["issuers"]["results"]}
    assert "泸州市人民政府办公室" in issuers


def test_notices_view_adds_the_in_force_facet(ds: Datasette) -> None:
    page = get(ds, "/gazette/notices_view").text
    assert 'data-column="in_force"' in page
    assert 'data-column="issuers"' in page


@pytest.mark.parametrize("table", ["notices", "notices_view"])
def test_dates_sort(ds: Datasette, table: str) -> None:
    rows = get(ds, f"/gazette/{table}.json?_shape=array&_sort=expiry_date").json()
    dates = [r["expiry_date"] for r in rows if r["expiry_date"]]
    assert dates == sorted(dates) and len(dates) > 1


def test_descriptions_come_from_the_schemas(db_path: Path) -> None:
    tables = build_metadata(db_path)["databases"]["gazette"]["tables"]
    notices = tables["notices"]
    assert notices["description"] == NOTICES.metadata[b"description"].decode()
    assert notices["columns"]["doc_number"].startswith("文号")
    columns = [r[1] for r in sqlite3.connect(db_path).execute("pragma table_info(notices)")]
    assert set(columns) <= set(notices["columns"]), "a notices column without a description"
    assert tables["notices"]["label_column"] == "title"
    assert tables["search_fts"]["hidden"] is True


def test_column_descriptions_are_on_the_page(ds: Datasette) -> None:
    page = get(ds, "/gazette/notices").text
    assert "规范性文件: the agency code contains 规." in page


def test_pages_fetch_nothing_from_other_hosts(ds: Datasette) -> None:
    # What a browser loads by itself: scripts, images, stylesheets and other <link>s. The test
    # client's own host is "localhost".
    loaded = re.compile(r'<(?:script|img|link)\b[^>]*?\b(?:src|href)="([^"]*)"')
    for path in ["/", "/gazette", "/gazette/notices", "/gazette/search?q=历史"]:
        urls = loaded.findall(get(ds, path).text)
        assert urls, path
        hosts = {httpx.URL(u).host for u in urls} - {"", "localhost"}
        assert not hosts, path


# --- read-only -----------------------------------------------------------------------------


def test_the_database_is_immutable(ds: Datasette, db_path: Path) -> None:
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    db = ds.get_database("gazette")
    assert not db.is_mutable

    response = get(ds, "/gazette.json?sql=delete+from+notices")
    assert response.status_code == 400  # Datasette runs SELECTs only

    with pytest.raises(Exception):  # noqa: B017 - any refusal will do; it is an AssertionError
        asyncio.run(db.execute_write("delete from notices"))

    conn = db.connect()  # what Datasette reads through: immutable=1
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("delete from notices")
    conn.close()

    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
    assert get(ds, "/gazette/notices.json?_shape=array&_size=1").json()


# --- the command ---------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.5", "10.0.0.1", "example.org"])
def test_other_hosts(host: str) -> None:
    assert not is_loopback(host)


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Record what serve would start instead of listening anywhere."""
    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    return calls


def test_serve_refuses_a_public_host(db_path: Path, no_server: list[dict]) -> None:
    out = str(db_path.parent)
    result = CliRunner().invoke(serve, ["--out", out, "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "--public" in result.output
    assert no_server == []


def test_serve_public_warns_in_one_line(db_path: Path, no_server: list[dict]) -> None:
    out = str(db_path.parent)
    result = CliRunner().invoke(
        serve, ["--out", out, "--host", "0.0.0.0", "--public", "--port", "0"]
    )
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "0.0.0.0" in warnings[0]
    (call,) = no_server
    assert call["host"] == "0.0.0.0" and call["port"] > 0 and call["fd"] >= 0
    assert (call["log_level"], call["lifespan"], call["workers"]) == ("warning", "on", 1)


def test_serve_defaults_to_loopback(db_path: Path, no_server: list[dict]) -> None:
    result = CliRunner().invoke(serve, ["--out", str(db_path.parent), "--port", "0"])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr
    assert no_server[0]["host"] == "127.0.0.1"


def test_port_0_prints_the_port_it_got(db_path: Path, no_server: list[dict]) -> None:
    result = CliRunner().invoke(serve, ["--out", str(db_path.parent), "--port", "0"])
    assert result.exit_code == 0, result.output
    port = no_server[0]["port"]
    assert port > 0
    assert f"http://127.0.0.1:{port}/" in result.stderr


def test_a_port_in_use_is_one_clear_line(db_path: Path, no_server: list[dict]) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = CliRunner().invoke(serve, ["--out", str(db_path.parent), "--port", str(port)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and f"port {port}" in lines[0] and "in use" in lines[0]
    assert no_server == []


def test_serve_opens_the_browser_when_asked(
    db_path: Path, no_server: list[dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(pipeline.search.serve.webbrowser, "open", opened.append)
    CliRunner().invoke(serve, ["--out", str(db_path.parent), "--port", "0"])
    assert opened == []
    result = CliRunner().invoke(serve, ["--out", str(db_path.parent), "--port", "0", "--open"])
    assert result.exit_code == 0, result.output
    port = no_server[-1]["port"]
    assert opened == [f"http://127.0.0.1:{port}/"]  # the archive's home page


def test_serve_warns_when_the_index_is_stale(tmp_path: Path, no_server: list[dict]) -> None:
    out = tmp_path / "out"
    build_corpus(out)
    with (out / "_manifest.json").open("a") as f:
        f.write("\n")  # as a later `gazette extract` would change it
    result = CliRunner().invoke(serve, ["--out", str(out), "--port", "0"])
    assert result.exit_code == 0, result.output
    assert "gazette index --out" in result.stderr
    assert len(no_server) == 1  # an older index is still served


def test_serve_without_an_index_says_how_to_build_it(tmp_path: Path, no_server: list) -> None:
    result = CliRunner().invoke(serve, ["--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "gazette index --out" in result.output
    assert no_server == []


# --- the archive's own pages (gazette_pages.py); the browser test reads them in Chromium ------


def doc_id(ds: Datasette, doc_number: str) -> str:
    return search(ds, "历史风貌建筑" if doc_number == HISTORIC_BUILDINGS else "出生医学证明")[0][
        "notice_id"
    ]


def test_document_page_reads_as_the_document(ds: Datasette) -> None:
    page = get(ds, f"/doc/{doc_id(ds, HISTORIC_BUILDINGS)}")
    assert page.status_code == 200
    html = page.text
    assert (
        "<h1>泸州市人民政府办公室关于印发《泸州市历史风貌建筑修缮补助资金管理办法》的通知</h1>"
        in html
    )
    assert "<dd>2024-09-19</dd>" in html  # 成文日期, as printed: 2024年9月19日
    assert 'id="第十一条"' in html and 'href="#第十一条"' in html
    assert '<p class="signature">2024年9月19日</p>' in html
    assert "SQL" not in html.split('<section class="content">')[1].split("</section>")[0]


def test_document_page_shows_tables_with_their_spans(ds: Datasette) -> None:
    notice = search(ds, "取卵术")[0]["notice_id"]
    html = get(ds, f"/doc/{notice}").text
    assert '<th colspan="5">价格（元）</th>' in html  # over 三甲 三乙 二甲 二乙 二乙以下
    assert "<td>1769</td>" in html  # 取卵术 at a 三甲 hospital, 1769 元


def test_unknown_document_and_pages_are_404_in_words(ds: Datasette) -> None:
    missing = get(ds, "/doc/0000000000000000-n999")
    assert missing.status_code == 404 and "没有这份文件" in missing.text
    notice = doc_id(ds, HISTORIC_BUILDINGS)
    image = get(ds, f"/doc/{notice}/page/999.png")
    assert image.status_code == 404  # not one of the notice's pages, or no PDF source


def test_search_page_filters_and_says_when_nothing_matches(ds: Datasette) -> None:
    empty = get(ds, "/search?q=").text
    assert "请输入" in empty
    none = get(ds, "/search?q=量子纠缠望远镜").text
    assert "没有找到" in none
    hits = get(ds, "/search?q=价格&year=2024&status=现行有效").text
    assert "selected>现行有效</option>" in hits
    assert get(ds, "/search?q=价格&year=abc&signed_from=2024-13-01").status_code == 200


def test_home_page_lists_datasets_and_hides_internal_tables(ds: Datasette) -> None:
    home = get(ds, "/").text
    for table in ["documents", "price_items", "pollutant_concentrations", "outline"]:
        assert f'href="/gazette/{table}"' in home, table
    index = get(ds, "/gazette").text
    assert "search_rows" not in index and "_index_state" not in index
    # The year links list that year's documents, each once.
    (link,) = re.findall(r'href="(/gazette/notices_view\?year=2024[^"]*)"', home)
    rows = get(
        ds, link.replace("&amp;", "&").replace("notices_view?", "notices_view.json?_shape=array&")
    ).json()
    assert rows and all(r["year"] == 2024 and r["is_canonical"] == 1 for r in rows)
    assert len({r["document_id"] for r in rows}) == len(rows)


@pytest.mark.parametrize(
    "table", ["tables", "table_cells", "outline", "price_items", "pollutant_concentrations"]
)
def test_typed_and_generic_tables_are_in_the_database_described(ds: Datasette, table: str) -> None:
    rows = get(ds, f"/gazette/{table}.json?_shape=array&_size=5").json()
    assert rows, table
    page = get(ds, f"/gazette/{table}").text
    assert "column-descriptions" in page


def test_facets_of_kind_and_status_return_rows(ds: Datasette) -> None:
    kinds = get(ds, "/gazette/tables.json?_extra=facet_results").json()["facet_results"]
    values = {r["value"] for r in kinds["kind"]["results"]}
    assert {"price_items", "pollutant_concentrations"} <= values
    facets = get(ds, "/gazette/documents.json?_extra=facet_results").json()["facet_results"]
    for status in facets["status"]["results"]:
        rows = get(ds, f"/gazette/documents.json?_shape=array&status={status['value']}").json()
        assert len(rows) == status["count"]


@pytest.mark.parametrize("facet", ["status", "in_force", "is_canonical", "year", "doc_type"])
def test_every_notices_view_facet_value_returns_its_rows(ds: Datasette, facet: str) -> None:
    url = f"/gazette/notices_view.json?_facet={facet}&_extra=facet_results&_size=0"
    results = get(ds, url).json()["facet_results"][facet]["results"]
    assert results
    for value in results:
        # What clicking the value does: the facet's own link, column=value.
        link = httpx.URL(value["toggle_url"])
        assert link.params.get(facet) == str(value["value"])
        query = httpx.QueryParams({facet: str(value["value"]), "_shape": "array", "_size": "max"})
        rows = get(ds, f"/gazette/notices_view.json?{query}").json()
        assert len(rows) == value["count"], (facet, value["value"])


def test_charts_page_embeds_vega_lite_from_the_package(ds: Datasette) -> None:
    html = get(ds, "/charts").text
    assert '<script src="/assets/vega/vega-lite.min.js"></script>' in html
    assert '"pollutant"' in html and '"grade"' in html and "vegaEmbed(" in html
    assert get(ds, "/assets/vega/vega-embed.min.js").status_code == 200
