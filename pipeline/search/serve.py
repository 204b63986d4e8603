"""`gazette serve`: browse and search gazette.db in a web browser, through Datasette.

The database is opened immutable (SQLite `immutable=1`: no writes, no locks, no journal), the
server listens on loopback unless told otherwise, and nothing is fetched from the network:
Datasette's pages use only its own bundled CSS and JavaScript. Descriptions, facets and the
`search` query come from pipeline/search/datasette_metadata.py; the jieba-aware search SQL function
comes from the plugin in pipeline/search/datasette_plugins/.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pipeline.search import DB_NAME

if TYPE_CHECKING:
    from datasette.app import Datasette

# Datasette and uvicorn are imported by the functions that serve, not here: `gazette --help`
# imports this module to list the command, and Datasette alone takes 0.4 s to import.

PLUGINS_DIR = Path(__file__).resolve().parent / "datasette_plugins"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"  # served as /assets/…

SOCKET_BACKLOG = 2048  # uvicorn's default backlog
SETTINGS = {
    # Notice texts run to thousands of characters: keep table pages scannable; the row page
    # and the JSON/CSV exports still carry the whole text.
    "truncate_cells_html": 240,
    "default_page_size": 50,
}


def is_loopback(host: str) -> bool:
    """True when HOST only accepts connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # another host name: it may resolve to a public interface


def make_datasette(db_path: Path, page_cache: Path | None = None) -> Datasette:
    """A Datasette instance serving DB_PATH read-only, with the corpus metadata and plugins,
    the archive's templates and its static files (CSS, the vendored Vega libraries)."""
    from datasette.app import Datasette

    from pipeline.search.datasette_metadata import build_metadata

    return Datasette(
        immutables=[str(db_path)],
        metadata=build_metadata(db_path, page_cache=page_cache),
        plugins_dir=str(PLUGINS_DIR),
        template_dir=str(TEMPLATES_DIR),
        static_mounts=[("assets", str(STATIC_DIR))],
        settings=SETTINGS,
    )


def _url(host: str, port: int, path: str = "/") -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}{path}"


@click.command()
@click.option(
    "--out",
    "-o",
    "out_dir",
    default="out",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help=f"Folder holding {DB_NAME} (made by `gazette index --out DIR`).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    "-p",
    default=8001,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port; 0 takes a free one and prints it.",
)
@click.option(
    "--public",
    is_flag=True,
    help="Allow a --host other machines can reach (0.0.0.0, a LAN address).",
)
@click.option(
    "--open/--no-open",
    "open_browser",
    default=False,
    show_default=True,
    help="Open the corpus in the default web browser.",
)
def serve(out_dir: Path, host: str, port: int, public: bool, open_browser: bool) -> None:
    """Browse and search DIR/gazette.db in a web browser (read-only, through Datasette).

    Pages: the home page, a page per document (/doc/<notice_id>: its text, articles,
    tables, links and printed pages), a search with the CLI's filters (/search), charts
    (/charts), and Datasette's tables with facets and SQL (/gazette). Stop with Ctrl-C.
    Printed pages are rendered from the source PDFs and kept under
    $XDG_CACHE_HOME/gazette/pages (~/.cache/gazette/pages).

    \b
    Examples:
      gazette index --out out/ && gazette serve --out out/ --open
      gazette serve --port 8080
      gazette serve --port 0         # any free port; the address is printed
    """
    if not is_loopback(host):
        if not public:
            raise click.UsageError(
                f"--host {host} would let other machines read the corpus; "
                "add --public if that is what you want."
            )
        click.echo(f"gazette: warning: serving on {host}, reachable from other machines", err=True)
    from pipeline.search.database import index_status

    status = index_status(out_dir)
    if status.state == "missing":
        raise click.ClickException(status.message)
    if status.state == "stale":
        # Still worth serving: an older corpus is browsable, the reader should just know.
        click.echo(f"gazette: warning: {status.message}", err=True)
    # Imported here, as uvicorn is: every other command of the CLI loads this module too.
    import asyncio

    import uvicorn

    db_path = status.db_path
    # The socket is bound here, before anything starts: a port in use is one clear line, and
    # --port 0 learns the port the system chose, to print the address that really works.
    sock = bind_socket(host, port)
    port = sock.getsockname()[1]
    ds = make_datasette(db_path)
    # Startup hooks must run before the first request, as Datasette's own CLI does.
    asyncio.run(ds.invoke_startup())
    url = _url(host, port)
    click.echo(f"gazette: serving {db_path} read-only at {url} (Ctrl-C to stop)", err=True)
    if open_browser:
        webbrowser.open(_url(host, port, "/"))
    # log_level warning: one line per request is noise for someone browsing a corpus.
    with sock:
        uvicorn.run(
            ds.app(),
            host=host,
            port=port,
            fd=sock.fileno(),
            log_level="warning",
            lifespan="on",
            workers=1,
        )


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on HOST:PORT (0: any free port), or one line saying why not."""
    host = host.strip("[]")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    # As uvicorn does: a port left in TIME_WAIT by the last run can be bound again at once.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise click.ClickException(
                f"port {port} on {host} is in use: choose another with --port "
                "(--port 0 takes a free one)"
            ) from None
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.listen(SOCKET_BACKLOG)
    sock.set_inheritable(True)
    return sock


if __name__ == "__main__":  # python -m pipeline.search.serve, until the CLI registers the command
    serve()
