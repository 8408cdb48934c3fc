"""A feed server on 127.0.0.1 and an empty library per test; short timeouts so failures are quick."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from index.feeds import FetchSettings, user_agent
from index.library import Library
from tests.feeds.server import FeedServer

# Short limits: a slow endpoint times out in half a second, a retry waits a twentieth.
TEST_SETTINGS = FetchSettings(timeout_seconds=0.5, total_seconds=5.0, retries=2, backoff_seconds=0.05,
                              max_retry_after_seconds=2.0, max_bytes=16 * 1024 * 1024, per_host=2, workers=4,
                              user_agent=user_agent("test"))


@pytest.fixture
def server():
    feed_server = FeedServer()
    feed_server.thread.start()
    yield feed_server
    feed_server.httpd.shutdown()
    feed_server.httpd.server_close()


@pytest.fixture
def library(tmp_path: Path):
    with Library.open(tmp_path / "library") as opened:
        yield opened


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """No test reaches beyond 127.0.0.1: looking up any other host fails the test."""
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host not in ("127.0.0.1", "localhost", b"127.0.0.1"):
            pytest.fail(f"a feed test tried to reach {host!r}, beyond the loopback address")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
