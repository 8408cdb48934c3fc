"""One large JSON Lines file through the installed `reader add`: peak memory and throughput.

    python -m bench.bench_stream --n 100000 [--seed 1] [--json OUT.json]

Writes the benchmark corpus's first N articles (bench/corpus.py) as one file,
bench/out/stream-N-sSEED.jsonl (reused when it is there and complete), imports it into a fresh
library (bench/out/stream-library-N) and samples the resident memory of the reader process and of
each worker process every 0.1 s. Reports the peaks (parent, largest worker, whole tree), the
wall time and articles per second.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

from bench.corpus import CorpusBuilder, jsonl_record
from bench.procs import installed_command, machine
from bench.sentences import DEFAULT_DATA_DIR

OUT = Path(__file__).resolve().parent / "out"


def write_jsonl(n: int, seed: int, data_dir: Path) -> Path:
    path = OUT / f"stream-{n}-s{seed}.jsonl"
    done = path.with_suffix(".complete")
    if path.exists() and done.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    builder = CorpusBuilder.from_data(data_dir, seed)
    with path.open("w", encoding="utf-8") as file:
        for index in range(n):
            file.write(jsonl_record(builder.article(index)) + "\n")
            if (index + 1) % 10_000 == 0:
                print(f"  {index + 1:,}/{n:,} articles written", file=sys.stderr)
    done.write_text(str(n))
    return path


class MemoryPeaks:
    """Samples the RSS of a process and of its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.1):
        self.pid, self.interval = pid, interval
        self.parent = self.worker = self.tree = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "MemoryPeaks":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                root = psutil.Process(self.pid)
                parent = root.memory_info().rss
                workers = []
                for child in root.children(recursive=True):
                    try:
                        workers.append(child.memory_info().rss)
                    except psutil.Error:
                        pass
            except psutil.Error:
                return
            self.parent = max(self.parent, parent)
            self.worker = max([self.worker, *workers])
            self.tree = max(self.tree, parent + sum(workers))
            self._stop.wait(self.interval)


def measure(source: Path, n: int) -> dict:
    library = OUT / f"stream-library-{n}"
    shutil.rmtree(library, ignore_errors=True)
    command = [installed_command("reader"), "--data-dir", str(library), "add", str(source)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with MemoryPeaks(process.pid) as peaks:
        _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    mb = 2**20
    return {"n": n, "file_mb": round(source.stat().st_size / 1e6, 1), "seconds": round(seconds, 1),
            "articles_per_second": round(n / seconds, 1), "returncode": process.returncode,
            "peak_parent_mb": round(peaks.parent / mb), "peak_worker_mb": round(peaks.worker / mb),
            "peak_tree_mb": round(peaks.tree / mb), "summary": stderr.strip().splitlines()[-1:],
            "command": " ".join(command), "machine": machine()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_stream", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="the shared data sets (../shared/data)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    source = write_jsonl(args.n, args.seed, args.data)
    result = measure(source, args.n)
    print(json.dumps(result, indent=1, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0 if result["returncode"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
