"""Whoosh's imports leave urllib.request, asyncio and English word variations unloaded
(index/search/whoosh/__init__.py), and what Whoosh holds in their place behaves as they do. Run
in a fresh interpreter: the test process has loaded them long before."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
import index.search.whoosh
import cached_property, whoosh.compat, whoosh.query.terms
print(sorted(name for name in ("urllib.request", "asyncio", "ssl", "whoosh.lang.morph_en") if name in sys.modules))

class Counter:
    calls = 0

    @cached_property.cached_property
    def value(self):
        Counter.calls += 1
        return 42

counter = Counter()
print(counter.value, counter.value, Counter.calls, "asyncio" in sys.modules)

async def coroutine():
    pass

print(cached_property.asyncio.iscoroutinefunction(coroutine), cached_property.asyncio.iscoroutinefunction(len))
source, copy = sys.argv[1], sys.argv[2]
whoosh.compat.urlretrieve(f"file://{source}", copy)
import asyncio
print(open(copy).read(), cached_property.asyncio.iscoroutinefunction(asyncio.sleep), "urllib.request" in sys.modules)
print(sorted(whoosh.query.terms.variations("rendering"))[:3], "whoosh.lang.morph_en" in sys.modules)
"""


def test_a_search_process_loads_none_and_the_stand_ins_answer_as_they_would(tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text("copied")
    result = subprocess.run([sys.executable, "-c", PROBE, str(source), str(tmp_path / "copy.txt")],
                            capture_output=True, text=True, timeout=60, cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "[]",  # loaded neither (nor ssl, which both would bring)
        "42 42 1 False",  # Whoosh's cached properties work, without asyncio
        "True False",  # a coroutine function is told from another
        "copied True True",  # urlretrieve loads the real urllib.request when called
        "['render', 'rendering', 'renderinged'] True",  # English variations (a Variations query) too
    ]


NEEDS_MORE = """
import sys
import index.search.whoosh as engine
engine._DEFERRED.clear()
engine._DEFERRED["needs_more"] = ("urllib.request", {"urlretrieve": None})
engine._import_deferring()
import needs_more
print(needs_more.urlopen.__module__, type(sys.modules["urllib.request"].urlopen).__name__)
"""


def test_an_importer_that_wants_more_than_the_stand_in_gets_the_real_module(tmp_path: Path) -> None:
    """A Whoosh release that imports more of urllib.request or asyncio still imports, and works."""
    (tmp_path / "needs_more.py").write_text("from urllib.request import urlretrieve, urlopen\n")
    result = subprocess.run([sys.executable, "-c", NEEDS_MORE], capture_output=True, text=True, timeout=60,
                            cwd=Path(__file__).resolve().parents[2], env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["urllib.request", "function"]
