"""Search latency through the library API, in-process, after a warm-up.

`Library.search(query, limit=20)` returns hits with their snippets, so each timing includes the
first 20 snippets. The "as the app does" figure repeats what the app's search worker runs per
keystroke: its first page of hits (APP_PAGE, the app's SEARCH_PAGE), snippets and highlights included.
The repeated runs find their words' decoded posting lists kept from the run before
(index.search.whoosh.postings_cache), as a reader's next query or keystroke does; "uncached" drops them
before every query, as for words no recent search used.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from bench.queries import QUERY_MIX

# What the app's search worker asks for per keystroke (reader.ui.screens.main_work.SEARCH_PAGE;
# not imported, to keep Textual out of the measurement).
APP_PAGE = 20


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def summary_ms(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    return {"count": len(ms), "p50_ms": round(percentile(ms, 0.5), 2), "p95_ms": round(percentile(ms, 0.95), 2),
            "max_ms": round(max(ms), 2), "mean_ms": round(statistics.fmean(ms), 2)}


def measure_search(data_dir: Path, repeats: int = 10, limit: int = 20) -> dict:
    from index.library import Library
    from index.search.whoosh.postings import CACHE as postings_cache

    started = time.perf_counter()
    library = Library.open(data_dir)
    open_seconds = time.perf_counter() - started
    try:
        cold = {}
        for _, query in QUERY_MIX:  # the first run of each query: lazy loads, caches, disk
            started = time.perf_counter()
            library.search(query, limit=limit)
            cold[query] = round((time.perf_counter() - started) * 1000, 2)
        timings: dict[str, list[float]] = {query: [] for _, query in QUERY_MIX}
        cpu: list[float] = []  # this thread's CPU time per query: less disturbed by other work
        hits: dict[str, int] = {}
        snippets: dict[str, int] = {}
        for _ in range(repeats):
            for _, query in QUERY_MIX:
                started, cpu_started = time.perf_counter(), time.thread_time()
                found = library.search(query, limit=limit)
                timings[query].append(time.perf_counter() - started)
                cpu.append(time.thread_time() - cpu_started)
                hits[query] = len(found)
                snippets[query] = sum(1 for hit in found if hit.snippet.strip())
        # The same queries with the decoded posting lists dropped before each one: what a query
        # of words no recent search used costs (the page cache stays warm).
        uncached: list[float] = []
        for _ in range(max(1, repeats // 2)):
            for _, query in QUERY_MIX:
                postings_cache.clear()
                started = time.perf_counter()
                library.search(query, limit=limit)
                uncached.append(time.perf_counter() - started)
        app_timings: dict[str, list[float]] = {query: [] for _, query in QUERY_MIX}
        for _ in range(max(1, repeats // 5)):
            for _, query in QUERY_MIX:
                app_timings[query].append(_as_the_app_does(library, query))
        app_style = [t for values in app_timings.values() for t in values]
    finally:
        library.close()
    every = [t for values in timings.values() for t in values]
    categories: dict[str, list[float]] = {}
    for category, query in QUERY_MIX:
        categories.setdefault(category, []).extend(timings[query])
    return {
        "open_ms": round(open_seconds * 1000, 1),
        "limit": limit,
        "repeats": repeats,
        "overall": summary_ms(every),
        "overall_cpu": summary_ms(cpu),
        "uncached": summary_ms(uncached),
        "by_category": {category: summary_ms(values) for category, values in categories.items()},
        "by_query": {query: {**summary_ms(timings[query]), "first_run_ms": cold[query], "hits": hits[query],
                             "snippets": snippets[query],
                             "as_the_app_does_ms": round(statistics.median(app_timings[query]) * 1000, 1)}
                     for _, query in QUERY_MIX},
        "as_the_app_does": summary_ms(app_style),
        "app_page": APP_PAGE,
    }


def _as_the_app_does(library, query: str) -> float:
    started = time.perf_counter()
    library.search(query, limit=APP_PAGE)  # hits carry their snippet highlights (snippet_matches)
    return time.perf_counter() - started
