"""A real HTTP server on 127.0.0.1 for the feed tests, with the misbehaviours feeds meet.

Routes are set per test: a path maps to a function that gets the request and returns a Reply
(or writes the response itself, for endless ones). Every request is logged with its headers.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

DATA_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
REAL_HTML = DATA_DIR / "real_html"


def real_html(name: str) -> bytes:
    """A real article page from the shared test data (never copied into the project)."""
    path = REAL_HTML / name
    if not path.is_file():
        pytest.fail(f"The shared test data is missing: {path} (expected beside the repository, in ../shared/data).")
    return path.read_bytes()


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/rss+xml; charset=utf-8"


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    status: int = 0


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Callable[["Handler"], Reply | None]] = {}
        self.requests: list[Seen] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                server._handle(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> list[Seen]:
        return [seen for seen in self.requests if seen.path == path]

    def statuses(self, path: str) -> list[int]:
        return [seen.status for seen in self.hits(path)]

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        seen = Seen(handler.path, {k.lower(): v for k, v in handler.headers.items()})
        with self._lock:
            self.requests.append(seen)
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            route = self.routes.get(handler.path)
            reply = route(handler) if route else Reply(b"not here", 404, content_type="text/plain")
            if reply is None:  # the route wrote its own response
                seen.status = -1
                return
            seen.status = reply.status
            send(handler, reply)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with self._lock:
                self.in_flight -= 1


def send(handler: BaseHTTPRequestHandler, reply: Reply) -> None:
    body = reply.body
    handler.send_response(reply.status)
    handler.send_header("Content-Type", reply.content_type)
    for name, value in reply.headers.items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if reply.status != 304:
        handler.wfile.write(body)


# --- routes ---------------------------------------------------------------------------

def static(body: bytes, content_type: str = "application/rss+xml; charset=utf-8", status: int = 200):
    return lambda handler: Reply(body, status, content_type=content_type)


def conditional(get_body: Callable[[], bytes], *, gzip_ok: bool = False):
    """Serves ETag and Last-Modified and answers 304 when the client already has this version."""
    def route(handler) -> Reply:
        body = get_body()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        modified = "Sat, 05 Dec 2026 10:00:00 GMT"
        headers = {"ETag": etag, "Last-Modified": modified}
        if handler.headers.get("If-None-Match") == etag:
            return Reply(b"", 304, headers)
        if gzip_ok and "gzip" in (handler.headers.get("Accept-Encoding") or ""):
            headers["Content-Encoding"] = "gzip"
            body = gzip.compress(body)
        return Reply(body, 200, headers)
    return route


def redirect(to: str, status: int):
    return lambda handler: Reply(b"", status, {"Location": to}, content_type="text/plain")


def slow(seconds: float, body: bytes = b""):
    def route(handler) -> Reply:
        time.sleep(seconds)
        return Reply(body)
    return route


def failing_then(failures: list[Reply], body: bytes):
    """Answers each reply of `failures` once, in order, then the feed."""
    remaining = list(failures)

    def route(handler) -> Reply:
        return remaining.pop(0) if remaining else Reply(body)
    return route


def endless(handler) -> None:
    """A response that never ends (no length, bytes for as long as the client reads)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.send_header("Connection", "close")
    handler.end_headers()
    chunk = b"<item><title>again</title></item>" * 1000
    handler.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Endless</title>')
    while True:
        handler.wfile.write(chunk)


# --- feeds built at test time ---------------------------------------------------------

@dataclass
class Item:
    title: str
    link: str
    description: str = ""
    guid: str | None = None
    content: str | None = None  # content:encoded, the full text
    published: str = "Fri, 04 Dec 2026 08:00:00 +0000"


def rss(title: str, items: list[Item], *, link: str = "http://127.0.0.1/") -> bytes:
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>',
        f"<title>{escape(title)}</title><link>{escape(link)}</link><description>test</description>",
    ]
    for item in items:
        parts.append("<item>")
        parts.append(f"<title>{escape(item.title)}</title><link>{escape(item.link)}</link>")
        parts.append(f"<guid isPermaLink=\"false\">{escape(item.guid or item.link)}</guid>")
        parts.append(f"<pubDate>{item.published}</pubDate>")
        if item.description:
            parts.append(f"<description>{escape(item.description)}</description>")
        if item.content:
            parts.append(f"<content:encoded>{escape(item.content)}</content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts).encode("utf-8")


def long_text(words: int, seed: str) -> str:
    """A full article's worth of German-looking words (feeds that carry the whole text)."""
    sentence = f"Die Stadt {seed} meldet heute neue Zahlen zum Haushalt und zur Verkehrsplanung im Landkreis."
    count = max(1, words // len(sentence.split()))
    return "<p>" + " ".join([sentence] * count) + "</p>"
