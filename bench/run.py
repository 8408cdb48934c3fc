"""Benchmarks of reader: import, sizes, search, first screen, keystrokes, memory; optionally Recoll.

    python -m bench.run --n 10000 [--n 100000] [--seed 1] [--format txt] [--data-dir DIR]
                        [--json OUT.json] [--recoll] [--reuse] [--skip STEP ...]

For each N: generate the corpus (bench/out/corpus-N-sSEED-FORMAT, reused when its manifest
matches), import it with the installed `reader add` into a fresh library, then measure.
Results go to the JSON file after every step, so a long run that is stopped keeps what it got.
Steps: import, search, screen, keys, recoll. `--reuse` keeps an existing library of N articles.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from bench import measure_app, measure_search, recoll
from bench.corpus import GENERATOR_VERSION, read_manifest, write_corpus
from bench.procs import dir_size, installed_command, machine, run_watched
from bench.report import print_tables

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
STEPS = ("import", "search", "screen", "keys", "recoll")


def git_state() -> dict:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.rstrip()

    dirty = [line[3:] for line in git("status", "--porcelain", "--", "index", "reader").splitlines()]
    return {"commit": git("rev-parse", "--short", "HEAD"), "uncommitted_product_files": dirty}


def ensure_corpus(n: int, seed: int, fmt: str) -> tuple[Path, dict]:
    corpus = OUT / f"corpus-{n}-s{seed}-{fmt}"
    manifest = read_manifest(corpus)
    wanted = {"generator": GENERATOR_VERSION, "n": n, "seed": seed, "format": fmt}
    if manifest is None or any(manifest.get(k) != v for k, v in wanted.items()):
        print(f"generating {n:,} articles in {corpus} …", flush=True)
        manifest = write_corpus(corpus, n, seed, fmt)
    return corpus, manifest


def library_count(data_dir: Path) -> int:
    if not (data_dir / "library.db").exists():
        return 0
    from index.library import Library

    with Library.open(data_dir) as library:
        return library.count()


def measure_import(corpus: Path, manifest: dict, data_dir: Path, log: Path) -> dict:
    if data_dir.exists():
        shutil.rmtree(data_dir)
    reader = installed_command("reader")
    run = run_watched([reader, "--data-dir", str(data_dir), "add", str(corpus)], log)
    if run.returncode != 0:
        raise RuntimeError(f"reader add failed ({run.returncode}); see {log}:\n{run.output_tail}")
    articles = library_count(data_dir)
    return {
        "command": f"reader --data-dir {data_dir} add {corpus}",
        "seconds": round(run.seconds, 2),
        "articles": articles,
        "articles_per_s": round(articles / run.seconds, 1),
        "mb_per_s": round(manifest["bytes"] / 1e6 / run.seconds, 3),
        # CPU time is less sensitive than wall time to other work on a shared machine.
        "cpu_seconds": round(run.cpu_seconds, 1),
        "articles_per_cpu_s": round(articles / run.cpu_seconds, 1) if run.cpu_seconds else None,
        "peak_rss_mb": round(max(run.peak_tree_rss, run.max_rss) / 2**20, 1),
        "peak_tree_rss_sampled_mb": round(run.peak_tree_rss / 2**20, 1),
        "output_tail": run.output_tail[-300:],
    }


def sizes(data_dir: Path) -> dict:
    database = sum(dir_size(data_dir / name) for name in ("library.db", "library.db-wal", "library.db-shm"))
    return {"index_mb": round(dir_size(data_dir / "index") / 1e6, 1), "database_mb": round(database / 1e6, 1),
            "data_dir_mb": round(dir_size(data_dir) / 1e6, 1)}


def run_one(n: int, args, results: dict, save) -> None:
    entry = results["runs"].setdefault(str(n), {})
    corpus, manifest = ensure_corpus(n, args.seed, args.format)
    entry["corpus"] = {"path": str(corpus), **manifest, "mb": round(manifest["bytes"] / 1e6, 1)}
    data_dir = (args.data_dir or OUT) / f"library-{n}"
    entry["data_dir"] = str(data_dir)
    steps = [s for s in STEPS if s not in args.skip and (s != "recoll" or args.recoll)]

    def step(name: str, action) -> None:
        if name not in steps:
            return
        print(f"[{n:,}] {name} …", flush=True)
        started = time.perf_counter()
        try:
            entry[name] = action()
        except Exception as exc:  # noqa: BLE001 - one failed step is recorded; the others still run
            entry[name] = {"error": f"{type(exc).__name__}: {exc}"}
        print(f"[{n:,}] {name} done in {time.perf_counter() - started:.0f} s", flush=True)
        save()

    if "import" in steps and args.reuse and library_count(data_dir) == n:
        steps.remove("import")
        entry.setdefault("import", {"reused": True})
    step("import", lambda: measure_import(corpus, manifest, data_dir, OUT / f"import-{n}.log"))
    entry["sizes"] = sizes(data_dir)
    save()
    step("search", lambda: measure_search.measure_search(data_dir, repeats=args.repeats))
    step("screen", lambda: measure_app.first_screen(data_dir, runs=5))
    step("keys", lambda: measure_app.keystrokes(data_dir, rounds=3))
    step("recoll", lambda: run_recoll(n, corpus, data_dir, entry))


def run_recoll(n: int, corpus: Path, data_dir: Path, entry: dict) -> dict:
    if not recoll.recoll_available():
        raise RuntimeError("recoll is not installed: apt-get update && apt-get install -y recoll")
    conf_dir = OUT / f"recoll-{n}"
    indexed = recoll.index(conf_dir, corpus, OUT / f"recollindex-{n}.log")
    queries = recoll.query_latency(conf_dir)
    reader_cli = recoll.reader_cli_latency(installed_command("reader"), data_dir)
    result = {"index": indexed, "recollq": queries, "reader_search_cli": reader_cli}
    reader_import = entry.get("import", {}).get("seconds")
    if reader_import:
        result["import_speed_ratio"] = round(indexed["seconds"] / reader_import, 3)  # > 1: reader is faster
    reader_cpu = entry.get("import", {}).get("cpu_seconds")
    if reader_cpu and indexed.get("cpu_seconds"):
        result["import_cpu_ratio"] = round(indexed["cpu_seconds"] / reader_cpu, 3)  # > 1: reader uses less CPU
    result["cli_search_latency_ratio"] = round(reader_cli["median_ms"] / queries["median_ms"], 3)  # < 1: reader faster
    in_process = entry.get("search", {}).get("overall", {}).get("p50_ms")
    if in_process:
        result["in_process_p50_vs_recollq_median"] = round(in_process / queries["median_ms"], 3)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, action="append", required=True, help="corpus size; repeatable")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=("txt", "md", "jsonl", "mixed"), default="txt")
    parser.add_argument("--data-dir", type=Path, default=None, help="where the libraries go (default bench/out)")
    parser.add_argument("--json", type=Path, default=None, help="results file (default bench/out/results.json)")
    parser.add_argument("--recoll", action="store_true", help="also index and query with Recoll")
    parser.add_argument("--reuse", action="store_true", help="keep an existing library of N articles")
    parser.add_argument("--skip", nargs="*", choices=STEPS, default=[], help="steps to leave out")
    parser.add_argument("--repeats", type=int, default=10, help="runs of each search query")
    args = parser.parse_args(argv)
    json_path = args.json or OUT / "results.json"
    json_path.parent.mkdir(parents=True, exist_ok=True)
    results = {"started": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(),
               "git": git_state(), "command": " ".join(["python -m bench.run", *(argv or sys.argv[1:])]),
               "runs": {}}

    def save() -> None:
        json_path.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    for n in args.n:
        run_one(n, args, results, save)
    results["machine"]["load_average_at_end"] = machine()["load_average_1_5_15"]
    save()
    print_tables(results)
    print(f"\nresults: {json_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
