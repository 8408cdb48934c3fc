"""Recoll side by side: index the same corpus folder with recollindex, query it with recollq.

A fresh configuration directory per run holds the whole Recoll state (config and Xapian index),
so nothing is read from or written to ~/.recoll. The configuration (also in bench/README.md):

    topdirs = <corpus>
    indexstemminglanguages = german
    skippedNames+ = manifest.json
    skippedPaths = <the config dir>
    noaspell = 1          # no spelling dictionary pass after indexing (reader builds none either)
    loglevel = 2

Everything else is Recoll's default (including its multi-threaded indexing pipeline).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import time
from pathlib import Path

from bench.procs import dir_size, run_watched
from bench.queries import QUERY_MIX, RECOLL_QUERIES


def recoll_available() -> bool:
    return shutil.which("recollindex") is not None and shutil.which("recollq") is not None


def write_config(conf_dir: Path, corpus: Path) -> str:
    if conf_dir.exists():
        shutil.rmtree(conf_dir)
    conf_dir.mkdir(parents=True)
    config = "\n".join([
        f"topdirs = {corpus.resolve()}",
        "indexstemminglanguages = german",
        "skippedNames+ = manifest.json",
        f"skippedPaths = {conf_dir.resolve()}",
        "noaspell = 1",
        "loglevel = 2",
        "",
    ])
    (conf_dir / "recoll.conf").write_text(config, encoding="utf-8")
    return config


def index(conf_dir: Path, corpus: Path, log: Path) -> dict:
    config = write_config(conf_dir, corpus)
    run = run_watched(["recollindex", "-c", str(conf_dir)], log)
    documents = _document_count(conf_dir)
    return {"seconds": round(run.seconds, 2), "cpu_seconds": round(run.cpu_seconds, 1),
            "returncode": run.returncode, "documents": documents,
            "peak_rss_mb": round(max(run.peak_tree_rss, run.max_rss) / 2**20, 1),
            "index_mb": round(dir_size(conf_dir / "xapiandb") / 1e6, 1), "config": config,
            "command": f"recollindex -c {conf_dir}"}


def _document_count(conf_dir: Path) -> int | None:
    """Documents in the index, from `recollq -Q` on a term every article has (its date line)."""
    done = subprocess.run(["recollq", "-c", str(conf_dir), "-Q", "-E", "Quelle"], capture_output=True, text=True)
    for line in done.stdout.splitlines():
        if "results" in line:
            digits = "".join(ch for ch in line.split("results")[0] if ch.isdigit())
            return int(digits) if digits else None
    return None


def query_latency(conf_dir: Path, repeats: int = 3) -> dict:
    """Each query of the mix as a recollq process with 20 results and their abstracts (-A)."""
    by_query = {}
    every = []
    for _, query in QUERY_MIX:
        recoll_query = RECOLL_QUERIES[query]
        timings = []
        hits = 0
        for _ in range(repeats + 1):  # the first run warms the page cache and is not counted
            started = time.perf_counter()
            done = subprocess.run(["recollq", "-c", str(conf_dir), "-n", "20", "-A", recoll_query],
                                  capture_output=True, text=True)
            timings.append(time.perf_counter() - started)
            hits = sum(1 for line in done.stdout.splitlines() if line.startswith(("text/", "application/")))
        timings = timings[1:]
        every.extend(timings)
        by_query[query] = {"recoll_query": recoll_query, "median_ms": round(statistics.median(timings) * 1000, 1),
                           "hits": hits}
    return {"by_query": by_query, "median_ms": round(statistics.median(every) * 1000, 1),
            "max_ms": round(max(every) * 1000, 1), "repeats": repeats}


def reader_cli_latency(reader: str, data_dir: Path, repeats: int = 3) -> dict:
    """The same mix through `reader search --json` processes: start-up included, like recollq."""
    by_query = {}
    every = []
    for _, query in QUERY_MIX:
        timings = []
        for _ in range(repeats + 1):
            started = time.perf_counter()
            subprocess.run([reader, "--data-dir", str(data_dir), "search", "--json", "--limit", "20", query],
                           capture_output=True, text=True)
            timings.append(time.perf_counter() - started)
        timings = timings[1:]
        every.extend(timings)
        by_query[query] = round(statistics.median(timings) * 1000, 1)
    return {"by_query_median_ms": by_query, "median_ms": round(statistics.median(every) * 1000, 1),
            "max_ms": round(max(every) * 1000, 1), "repeats": repeats}
