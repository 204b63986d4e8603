"""The archive is read-only over HTTP too: a request that would write answers 405, not 500.

gazette.db is opened immutable, but Datasette 0.65 still routes POST to its views: a POST to a
table asserts it is a canned query (AssertionError: a 500 page and a traceback in the server's
log), a POST to a path nothing serves crashes its 404 handler. Every method but GET and HEAD is
answered here, before Datasette sees it, with 405 and `Allow: GET, HEAD`.

Datasette also prints each 404 and 403 as a rich traceback with the locals of every frame when
the `rich` package is installed (and an unrouted path's 404 then fails: rich is asked for the
traceback outside an `except` block). A visitor's typo is not a bug: the server's log keeps
tracebacks for real errors (500s, printed by Datasette's handler without rich).
"""

from __future__ import annotations

import json
from typing import Any

import datasette.handle_exception
from datasette import hookimpl

READ_METHODS = frozenset({"GET", "HEAD"})
ALLOW = ", ".join(sorted(READ_METHODS))

datasette.handle_exception.rich = None  # see the module's docstring


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    def wrap(app: Any) -> Any:
        async def read_only(scope: dict, receive: Any, send: Any) -> None:
            if scope["type"] != "http" or scope["method"] in READ_METHODS:
                await app(scope, receive, send)
                return
            await _refuse(scope, send)

        return read_only

    return wrap


async def _refuse(scope: dict, send: Any) -> None:
    """405 in the shape the client asked for: Datasette's JSON error for a .json path, a line
    of text for anything else."""
    reason = f"{scope['method']} is not allowed: the gazette archive is read-only"
    if scope["path"].endswith(".json"):
        body = json.dumps({"ok": False, "error": reason, "status": 405, "title": None}).encode()
        kind = b"application/json; charset=utf-8"
    else:
        body = (reason + "\n").encode()
        kind = b"text/plain; charset=utf-8"
    headers = [
        (b"content-type", kind),
        (b"allow", ALLOW.encode()),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": 405, "headers": headers})
    await send({"type": "http.response.body", "body": body})
