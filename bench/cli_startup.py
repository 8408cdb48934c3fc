"""Whole-process times of the CLI (issue 22, point 7): `reader --version`, `reader search`,
`reader show`, `reader entities` with and without --json, side by side with recollq.

    python -m bench.cli_startup DATA_DIR [--recoll-conf CONF_DIR] [--repeats 7]

Each command runs `repeats + 1` times as a fresh process; the first run (cold page cache) is not
counted; the median and the fastest of the rest are printed. Nothing is asserted: the machine
may be shared, so report the load with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.queries import QUERY_MIX, RECOLL_QUERIES


def timed(argv: list[str], repeats: int) -> dict:
    timings = []
    for _ in range(repeats + 1):
        started = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, text=True)
        timings.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.strip()}")
    kept = timings[1:]
    return {"median_ms": round(statistics.median(kept) * 1000, 1), "min_ms": round(min(kept) * 1000, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--recoll-conf", type=Path, help="a Recoll config dir indexing the same corpus (bench.recoll)")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    reader = str(Path(sys.executable).parent / "reader")
    base = [reader, "--data-dir", str(args.data_dir)]
    first = json.loads(subprocess.run([*base, "articles", "--json", "--limit", "1"], capture_output=True,
                                      text=True, check=True).stdout)[0]["id"]
    query = QUERY_MIX[0][1]
    commands = {
        "reader --version": [reader, "--version"],
        f"reader search {query}": [*base, "search", query, "--limit", "20"],
        f"reader search --json {query}": [*base, "search", "--json", query, "--limit", "20"],
        "reader show ID (12-char prefix)": [*base, "show", first[:12]],
        "reader entities": [*base, "entities"],
        "reader entities --json": [*base, "entities", "--json"],
    }
    if args.recoll_conf and shutil.which("recollq"):
        commands[f"recollq -n 20 -A {query}"] = ["recollq", "-c", str(args.recoll_conf), "-n", "20", "-A",
                                                   RECOLL_QUERIES[query]]
    results = {}
    for label, command in commands.items():
        results[label] = timed(command, args.repeats)
        print(f"{label:<40} median {results[label]['median_ms']:>8.1f} ms   fastest {results[label]['min_ms']:>8.1f} ms",
              flush=True)
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    if args.json:
        args.json.write_text(json.dumps({"results": results, "load": load}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
