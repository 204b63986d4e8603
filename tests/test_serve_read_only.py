"""`gazette serve` answers every request that would write with a clean 405, and a visitor's
404 leaves no traceback in the server's log (Datasette 0.65 answered POST to a table with a
500 page and a traceback, and crashed on a POST to a path nothing serves).

Requests go through Datasette's in-process client: the same ASGI app the real server runs.
"""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

import httpx
import pytest
from datasette.app import Datasette

from pipeline.runner import run
from pipeline.search.index import build_index
from pipeline.search.serve import make_datasette
from tests.conftest import RAW_MARKDOWN

WRITE_PATHS = [
    "/",
    "/gazette",
    "/gazette/notices",
    "/gazette/notices.json",
    "/gazette/notices/-/insert",  # Datasette 1.0's write API, not routed by 0.65
    "/gazette/-/create",
    "/gazette/notices/1/-/delete",
    "/-/messages",
    "/-/logout",
    "/nothing/here",
    "/search",
]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> tuple[Datasette, Path]:
    out = tmp_path_factory.mktemp("read_only") / "out"
    run([RAW_MARKDOWN], out, on_problem=lambda line: None)
    db_path = build_index(out).db_path
    ds = make_datasette(db_path)
    asyncio.run(ds.invoke_startup())
    return ds, db_path


def request(ds: Datasette, method: str, path: str, **kwargs) -> httpx.Response:
    return asyncio.run(getattr(ds.client, method)(path, **kwargs))


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_are_405_without_a_traceback(served, method: str, capfd) -> None:
    ds, db_path = served
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    body = {} if method == "delete" else {"json": {"row": {"notice_id": "x", "title": "t"}}}
    for path in WRITE_PATHS:
        response = request(ds, method, path, **body)
        assert response.status_code == 405, (method, path, response.text[:200])
        assert response.headers["allow"] == "GET, HEAD"
        assert f"{method.upper()} is not allowed" in response.text
        assert "Traceback" not in response.text and len(response.text.strip().splitlines()) == 1
    assert request(ds, method, "/gazette/notices.json").json()["status"] == 405
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
    assert "Traceback" not in capfd.readouterr().err


def test_reads_still_work_and_a_404_is_quiet(served, capfd) -> None:
    ds, _ = served
    rows = request(ds, "get", "/gazette/notices.json?_shape=array").json()
    assert len(rows) == 9  # raw/003: the nine notices of 第12期
    for path in ("/nothing/here", "/gazette/no_such_table", "/gazette/notices/-/insert"):
        assert request(ds, "get", path).status_code == 404
    err = capfd.readouterr().err
    assert "Traceback" not in err and "NotFound" not in err
