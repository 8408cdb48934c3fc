"""Running a command while watching its memory, and sizes on disk."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

POLL_SECONDS = 0.1


@dataclass
class Run:
    command: list[str]
    returncode: int
    seconds: float
    peak_tree_rss: int  # bytes: highest sum of RSS over the process and its children, sampled
    max_rss: int  # bytes: the kernel's peak RSS of the process (and children it waited for)
    cpu_seconds: float  # user + system time of the process and the children it waited for
    output_tail: str


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (0 once it is gone)."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.Error:
            pass
    return total


class PeakWatcher:
    """Samples the RSS of a process tree in a thread until stopped; keeps the peak."""

    def __init__(self, pid: int, interval: float = POLL_SECONDS):
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "PeakWatcher":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self._stop.wait(self.interval)


def run_watched(command: list[str], log_path: Path, env: dict | None = None, cwd: Path | None = None) -> Run:
    """Run a command to completion with its output in a log file; wall time and peak memory."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   env=env, cwd=cwd)
        with PeakWatcher(process.pid) as watcher:
            # wait4 gives this child's own peak RSS (ru_maxrss, KiB on Linux).
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    tail = log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
    cpu = usage.ru_utime + usage.ru_stime
    return Run(command, process.returncode, seconds, watcher.peak, usage.ru_maxrss * 1024, cpu, tail)


def dir_size(path: Path) -> int:
    """Bytes of the files under a path (a file's own size for a file; 0 when missing)."""
    path = Path(path)
    if path.is_file():
        return path.stat().st_size
    if not path.exists():
        return 0
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def installed_command(name: str) -> str:
    """The command from this interpreter's environment (the dev venv), else from PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} is not installed (looked beside {sys.executable} and on PATH).")
    return found


def machine() -> dict:
    """What the figures were measured on: cores, memory, load at the start."""
    load = os.getloadavg()
    return {"cpus": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "load_average_1_5_15": [round(x, 2) for x in load], "python": sys.version.split()[0]}
