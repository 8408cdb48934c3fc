"""Counting and facets on large result sets: what a search costs with its exact count, and what
the facets of its results cost (sources, months, entities), beside counting the entities from the
store's mentions of every matching id (the way small result sets are counted).

    python -m bench.bench_facets DATA_DIR [--repeats 5] [--json OUT.json]

A big library for it: python -m bench.multiply (an imported library copied N times).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

# Queries with many matches in the generated corpus, and a few with few.
QUERIES = ["Berlin", "Polizei", "Streik", "Merz", "person:Merz", "Polizei Unfall", '"Millionen Euro"',
           "published:2024", "Lufthansa Gewerkschaft"]


def _median_ms(work, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(data_dir: Path, repeats: int) -> list[dict]:
    from index import facets as facets_module
    from index.library import Library

    rows = []
    with Library.open(data_dir) as library:
        library.warm_up()
        for query in QUERIES:
            library.find(query, 20, count=True)  # warm: the posting lists this query reads
            counter = facets_module.FacetCounter(library.store, library.searcher, query)
            total = library.find(query, 0, count=True).total or 0
            row = {
                "query": query, "matches": total,
                # The searcher keeps the entities' lists it counted: the queries before warm this one.
                "facets_first_ms": _median_ms(lambda: library.facets(query), 1),
                "search_20_ms": _median_ms(lambda: library.find(query, 20), repeats),
                "search_20_counted_ms": _median_ms(lambda: library.find(query, 20, count=True), repeats),
                "facets_ms": _median_ms(lambda: library.facets(query), repeats),
                "sources_ms": _median_ms(lambda: counter.sources(10), repeats),
                "dates_ms": _median_ms(lambda: counter.dates(), repeats),
                "entities_ms": _median_ms(lambda: counter.entities(10, total), repeats),
                "entities_from_mentions_ms": _median_ms(lambda: counter._entities_from_mentions(10, total), 1),
            }
            rows.append(row)
            print(json.dumps(row), file=sys.stderr)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    rows = measure(args.data_dir, args.repeats)
    print(f"{'query':<24} {'matches':>8} {'search':>8} {'+count':>8} {'facets 1st':>10} {'facets':>8} {'sources':>8} "
          f"{'dates':>8} {'entities':>9} {'by ids':>8}   (ms, median of {args.repeats}; 'facets 1st': the query's "
          "first; 'by ids': entities from the mentions of every matching id, once)")
    for row in rows:
        print(f"{row['query']:<24} {row['matches']:>8,} {row['search_20_ms']:>8.1f} {row['search_20_counted_ms']:>8.1f} "
              f"{row['facets_first_ms']:>10.1f} {row['facets_ms']:>8.1f} {row['sources_ms']:>8.1f} {row['dates_ms']:>8.1f} "
              f"{row['entities_ms']:>9.1f} {row['entities_from_mentions_ms']:>8.1f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
