"""Where a fast path needs a private Whoosh name (listed in README.md here) and finds it gone
(another Whoosh version, another codec), the code takes Whoosh's public way instead, which gives
the same results 10-40 times slower. Each such detour is counted here and logged once, so that
tests (tests/unit/test_whoosh_fast_paths.py) fail when one is taken instead of search quietly
becoming slow."""

from __future__ import annotations

import logging
import threading
from collections import Counter

log = logging.getLogger(__name__)

SLOW_PATHS: Counter[str] = Counter()
_lock = threading.Lock()


def took_slow_path(name: str) -> None:
    """Record that the slow public way was taken for ``name`` (one of README.md's fast paths)."""
    with _lock:
        SLOW_PATHS[name] += 1
        first = SLOW_PATHS[name] == 1
    if first:
        log.warning("search: the fast path %r is unavailable (Whoosh's internals changed?); taking the slow one",
                    name, exc_info=True)
