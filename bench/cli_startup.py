"""Whole-process times of the CLI (issue 22, point 7): `reader --version`, `reader search` (a
word, and two common words), `reader show`, `reader entities` with and without --json, side by
side with recollq.

    python -m bench.cli_startup DATA_DIR [--recoll-conf CONF_DIR] [--repeats 7] [--before CHECKOUT]

Each command runs `repeats + 1` times as a fresh process of the installed `reader`; the first
run (cold page cache) is not counted; the median and the fastest wall time of the rest are
printed, and the median CPU time (user + system, from the kernel), which other processes on a
shared machine disturb less. With ``--before`` (a checkout of other code, e.g. from `git archive`)
each run of a command is followed by one of the same command with ``PYTHONPATH`` pointing at that
checkout, so both see the same load. Nothing is asserted: report the load with the figures.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.queries import QUERY_MIX, RECOLL_QUERIES


def run_once(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {error.strip()}")
    return wall, usage.ru_utime + usage.ru_stime


def summary(runs: list[tuple[float, float]]) -> dict:
    kept = runs[1:]
    walls = [wall for wall, _cpu in kept]
    return {"median_ms": round(statistics.median(walls) * 1000, 1), "min_ms": round(min(walls) * 1000, 1),
            "cpu_ms": round(statistics.median(cpu for _wall, cpu in kept) * 1000, 1)}


def timed(argv: list[str], repeats: int, before: Path | None = None) -> dict:
    """The command's figures; with ``before`` also those of the other checkout, runs interleaved."""
    now: list[tuple[float, float]] = []
    then: list[tuple[float, float]] = []
    other = {**os.environ, "PYTHONPATH": str(before)} if before else None
    for _ in range(repeats + 1):
        now.append(run_once(argv))
        if other is not None:
            then.append(run_once(argv, other))
    return {"now": summary(now), **({"before": summary(then)} if then else {})}


def line(figures: dict) -> str:
    return f"median {figures['median_ms']:>8.1f} ms   fastest {figures['min_ms']:>8.1f} ms   CPU {figures['cpu_ms']:>7.1f} ms"


def compile_code(*roots: Path) -> None:
    """Byte-compile reader/ and index/ as `pip install` leaves them (PYTHONDONTWRITEBYTECODE
    would have every process compile what it imports)."""
    for root in roots:
        for package in ("reader", "index"):
            compileall.compile_dir(root / package, quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--recoll-conf", type=Path, help="a Recoll config dir indexing the same corpus (bench.recoll)")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--before", type=Path, help="a checkout of other code, run interleaved with this one")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    compile_code(Path(__file__).resolve().parents[1], *([args.before] if args.before else []))
    reader = str(Path(sys.executable).parent / "reader")
    base = [reader, "--data-dir", str(args.data_dir)]
    first = json.loads(subprocess.run([*base, "articles", "--json", "--limit", "1"], capture_output=True,
                                      text=True, check=True).stdout)[0]["id"]
    query = QUERY_MIX[0][1]
    # Two common words: at 100,000 articles 102,710 postings, the longest lists of the mix that
    # index.search.whoosh.short_lists ranks without numpy.
    common = QUERY_MIX[3][1]
    commands = {
        "reader --version": [reader, "--version"],
        f"reader search {query}": [*base, "search", query, "--limit", "20"],
        f"reader search --json {query}": [*base, "search", "--json", query, "--limit", "20"],
        f"reader search {common}": [*base, "search", common, "--limit", "20"],
        "reader show ID (12-char prefix)": [*base, "show", first[:12]],
        "reader show --json ID": [*base, "show", "--json", first[:12]],
        "reader entities": [*base, "entities"],
        "reader entities --json": [*base, "entities", "--json"],
    }
    if args.recoll_conf and shutil.which("recollq"):
        for text in (query, common):
            commands[f"recollq -n 20 -A {text}"] = ["recollq", "-c", str(args.recoll_conf), "-n", "20", "-A",
                                                      RECOLL_QUERIES[text]]
    results = {}
    for label, command in commands.items():
        results[label] = timed(command, args.repeats, None if command[0] == "recollq" else args.before)
        print(f"{label:<40} {line(results[label]['now'])}", flush=True)
        if "before" in results[label]:
            print(f"{'  before':<40} {line(results[label]['before'])}", flush=True)
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    if args.json:
        args.json.write_text(json.dumps({"results": results, "load": load}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
