"""The worst queries' cost: ranges, lone stars, short prefixes and wildcards, each timed once in
a process of its own (opened and warmed up first, not timed), killed past a timeout.

    python -m bench.bench_query_cost DATA_DIR [--code DIR] [--timeout 120]

``--code`` runs another checkout's index/ (e.g. a `git worktree` of an older commit) against the
same library, for before/after figures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

QUERIES = [
    "Merz",  # an ordinary word, for scale
    "[a TO z]",
    "title:[a TO z]",
    "[a TO f] [g TO m] [n TO s] [t TO z]",
    "*",
    "s*",
    "a?*",
    "*x",
    "ab*",  # 380 words in title and body at 10,000 articles: past the limit
    "am*",  # 294 words: about the widest prefix still answered at 10,000 articles
    "am?*",  # the same words, expanded as a wildcard (each highlighted as a word of its own)
    "[a TO ab]",
    "Selenskij~2",
]

_ONE_QUERY = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from index.errors import ReaderError
from index.library import Library
library = Library.open(sys.argv[2])
library.warm_up()
started = time.perf_counter()
try:
    outcome = f"{len(library.search(sys.argv[3], limit=20))} hits"
except ReaderError as refused:
    outcome = f"refused: {refused}"
print(json.dumps({"seconds": time.perf_counter() - started, "outcome": outcome}))
"""


def measure(code: Path, data_dir: Path, query: str, timeout: float) -> dict:
    try:
        result = subprocess.run([sys.executable, "-c", _ONE_QUERY, str(code), str(data_dir), query],
                                capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "outcome": f"still running after {timeout:.0f} s"}
    if result.returncode:
        return {"seconds": None, "outcome": "crashed: " + result.stderr.strip().splitlines()[-1]}
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--code", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    for query in QUERIES:
        found = measure(args.code.resolve(), args.data_dir.resolve(), query, args.timeout)
        seconds = "" if found["seconds"] is None else f"{found['seconds'] * 1000:,.0f} ms"
        print(f"| `{query}` | {seconds} | {found['outcome']} |", flush=True)


if __name__ == "__main__":
    main()
