"""Polite HTTP for feeds and article pages, with httpx.

httpx gives per-phase timeouts, redirects with their history (a permanent one moves the stored
URL), transparent gzip, streaming (so a response can be cut at a size limit) and one
connection pool shared safely by threads. What it leaves to us: retries with backoff, 429 with
Retry-After, at most a few requests per host at once, and the size and time limits.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from importlib import metadata
from urllib.parse import urlsplit

import httpx


# The project has no public address yet; the config's `contact` adds the user's own.
PRODUCT = "terminal news reader"
FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/rdf+xml, "
               "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1")
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
PERMANENT_REDIRECTS = (301, 308)


@dataclass(frozen=True)
class FetchSettings:
    """Limits of one refresh. The app and the CLI read them from the config file."""

    timeout_seconds: float = 20.0  # per phase: connecting, each read, writing
    total_seconds: float = 60.0  # a whole response, however slowly it drips
    retries: int = 2  # after the first attempt, on timeouts, 5xx and 429
    backoff_seconds: float = 1.0  # doubled after each retry
    max_retry_after_seconds: float = 30.0  # a longer Retry-After is left to the next refresh
    max_bytes: int = 10 * 1024 * 1024
    per_host: int = 2
    workers: int = 8
    user_agent: str = ""


class FetchError(Exception):
    """One sentence saying why a URL could not be read."""

    def __init__(self, sentence: str, retry_after: float | None = None):
        super().__init__(sentence)
        self.retry_after = retry_after  # seconds the server asked us to wait, when it did


@dataclass
class Fetched:
    url: str  # where the content came from, after redirects
    status: int
    content: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None  # set when every redirect on the way was permanent

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def user_agent(version: str | None = None) -> str:
    """reader/VERSION (what it is): an honest name for the servers' logs."""
    if version is None:
        try:
            version = metadata.version("reader")
        except metadata.PackageNotFoundError:
            version = "unknown"
    return f"reader/{version} ({PRODUCT})"


def _retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdecimal():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _reason(status: int) -> str:
    try:
        return f"{status} {httpx.codes(status).name.replace('_', ' ').title()}"
    except ValueError:
        return str(status)


class Fetcher:
    """One per refresh; safe to use from several threads."""

    def __init__(self, settings: FetchSettings):
        self.settings = settings
        self._client = httpx.Client(
            headers={"User-Agent": settings.user_agent or user_agent(), "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(settings.timeout_seconds),
            follow_redirects=True,
            max_redirects=10,
            limits=httpx.Limits(max_connections=max(4, settings.workers * settings.per_host)),
            trust_env=False,  # a proxy from the environment would read more than the URL's host
        )
        self._slots: dict[str, threading.BoundedSemaphore] = defaultdict(
            lambda: threading.BoundedSemaphore(settings.per_host))
        self._slots_lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _slot(self, url: str) -> threading.BoundedSemaphore:
        with self._slots_lock:
            return self._slots[urlsplit(url).netloc.lower()]

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            accept: str = FEED_ACCEPT) -> Fetched:
        """The response to a GET, retried on timeouts, 5xx and 429; FetchError with a sentence otherwise."""
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError(f"{url} is not a web address (only http and https are fetched).")
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        settings = self.settings
        attempts = settings.retries + 1
        for attempt in range(1, attempts + 1):
            wait = settings.backoff_seconds * 2 ** (attempt - 1)
            try:
                with self._slot(url):
                    return self._attempt(url, headers)
            except httpx.TimeoutException:
                failure = FetchError(f"{url} did not answer within {settings.timeout_seconds:g} seconds"
                                     f" ({_times(attempt)}).")
            except _Retryable as retry:
                failure = FetchError(f"{url} answered {_reason(retry.status)} ({_times(attempt)}).",
                                     retry_after=retry.retry_after)
                if retry.retry_after is not None:
                    if retry.retry_after > settings.max_retry_after_seconds:
                        raise FetchError(f"{url} asked to wait {retry.retry_after:.0f} seconds before the next "
                                         "request; it is left until then.", retry_after=retry.retry_after) from None
                    wait = retry.retry_after
            except httpx.TooManyRedirects:
                raise FetchError(f"{url} redirects too many times.") from None
            except httpx.ConnectError as error:
                raise FetchError(f"{url} could not be reached: {_connect_reason(error)}.") from None
            except httpx.InvalidURL:
                raise FetchError(f"{url} is not a valid web address.") from None
            except httpx.HTTPError as error:
                raise FetchError(f"{url} could not be read: {error.__class__.__name__}: {error}.") from None
            if attempt < attempts:
                time.sleep(wait)
        raise failure

    def _attempt(self, url: str, headers: dict[str, str]) -> Fetched:
        settings = self.settings
        started = time.monotonic()
        with self._client.stream("GET", url, headers=headers) as response:
            status = response.status_code
            if status == 429 or status >= 500:
                raise _Retryable(status, _retry_after_seconds(response.headers.get("Retry-After")))
            if status >= 400:
                raise FetchError(f"{url} answered {_reason(status)}.")
            fetched = Fetched(
                url=str(response.url), status=status,
                content_type=response.headers.get("Content-Type", ""),
                etag=response.headers.get("ETag"), last_modified=response.headers.get("Last-Modified"),
            )
            if response.history and all(r.status_code in PERMANENT_REDIRECTS for r in response.history):
                fetched.moved_to = str(response.url)
            if status == 304:
                return fetched
            declared = response.headers.get("Content-Length", "")
            if declared.isdecimal() and int(declared) > settings.max_bytes:
                raise FetchError(f"{url} is larger than the limit of {_megabytes(settings.max_bytes)}.")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():  # decoded: a gzip bomb is cut at the limit too
                size += len(chunk)
                if size > settings.max_bytes:
                    raise FetchError(f"{url} sent more than the limit of {_megabytes(settings.max_bytes)}; "
                                     "the rest was not read.")
                if time.monotonic() - started > settings.total_seconds:
                    raise FetchError(f"{url} was still sending after {settings.total_seconds:g} seconds; "
                                     "the rest was not read.")
                chunks.append(chunk)
            fetched.content = b"".join(chunks)
            return fetched


class _Retryable(Exception):
    def __init__(self, status: int, retry_after: float | None):
        self.status = status
        self.retry_after = retry_after


def _times(attempt: int) -> str:
    return "tried once" if attempt == 1 else f"tried {attempt} times"


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:g} MB"


def _connect_reason(error: httpx.ConnectError) -> str:
    text = str(error).lower()
    if "refused" in text:
        return "the connection was refused"
    if "name" in text and ("resolution" in text or "known" in text or "resolve" in text):
        return "the host name is unknown"
    return str(error) or "the connection failed"
