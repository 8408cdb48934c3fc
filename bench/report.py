"""Tables of benchmark results: a rich table on the terminal, Markdown for the README.

    python -m bench.report bench/out/results.json [--markdown]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

# (label, path into one run's results, unit, target check or None, target text)
ROWS = [
    ("articles imported", ("import", "articles"), "", None, ""),
    ("corpus size", ("corpus", "mb"), "MB", None, ""),
    ("import wall time", ("import", "seconds"), "s", None, ""),
    ("import throughput", ("import", "articles_per_s"), "articles/s", None, ""),
    ("import throughput", ("import", "mb_per_s"), "MB/s", None, ""),
    ("import CPU time (user+sys)", ("import", "cpu_seconds"), "s", None, ""),
    ("import per CPU-second", ("import", "articles_per_cpu_s"), "articles", None, ""),
    ("import peak RSS", ("import", "peak_rss_mb"), "MB", lambda v: v <= 1024, "≤ 1 GB at 100k"),
    ("search index on disk", ("sizes", "index_mb"), "MB", None, ""),
    ("database on disk", ("sizes", "database_mb"), "MB", None, ""),
    ("search p50 (20 hits + snippets)", ("search", "overall", "p50_ms"), "ms", None, ""),
    ("search p95 (20 hits + snippets)", ("search", "overall", "p95_ms"), "ms", lambda v: v <= 20, "≤ 20 ms at 100k"),
    ("search max", ("search", "overall", "max_ms"), "ms", None, ""),
    ("search p95, CPU time only", ("search", "overall_cpu", "p95_ms"), "ms", None, ""),
    ("search p95, no decoded lists kept", ("search", "uncached", "p95_ms"), "ms", None, ""),
    ("search p95 as the app does (first page)", ("search", "as_the_app_does", "p95_ms"), "ms", None, ""),
    ("first screen, median of 5", ("screen", "median_s"), "s", lambda v: v <= 0.5, "≤ 0.5 s at 100k"),
    ("idle app RSS", ("screen", "idle_rss_mb_median"), "MB", lambda v: v <= 300, "≤ 300 MB"),
    ("app RSS after a search", ("screen", "after_search_rss_mb"), "MB", None, ""),
    ("keystroke → results p50", ("keys", "per_keystroke", "p50_ms"), "ms", None, ""),
    ("keystroke → results p95", ("keys", "per_keystroke", "p95_ms"), "ms", lambda v: v <= 50, "≤ 50 ms p95"),
    ("recollindex wall time", ("recoll", "index", "seconds"), "s", None, ""),
    ("recollindex CPU time (user+sys)", ("recoll", "index", "cpu_seconds"), "s", None, ""),
    ("recollindex peak RSS", ("recoll", "index", "peak_rss_mb"), "MB", None, ""),
    ("Recoll index on disk", ("recoll", "index", "index_mb"), "MB", None, ""),
    ("import speed vs recollindex", ("recoll", "import_speed_ratio"), "x", lambda v: v >= 1.0, "≥ 1.0 (aim 1.5)"),
    ("import CPU vs recollindex CPU", ("recoll", "import_cpu_ratio"), "x", None, "≥ 1: reader uses less CPU"),
    ("recollq median (process, 20 + abstracts)", ("recoll", "recollq", "median_ms"), "ms", None, ""),
    ("reader search CLI median (process)", ("recoll", "reader_search_cli", "median_ms"), "ms", None, ""),
    ("CLI search latency reader/recollq", ("recoll", "cli_search_latency_ratio"), "x", None, ""),
]


def lookup(run: dict, path: tuple[str, ...]):
    value = run
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 1 else f"{value:,.2f}" if abs(value) < 10 else f"{value:,.1f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _verdict(check, value, size: str, target: str) -> str:
    if check is None or value is None or not isinstance(value, (int, float)):
        return target
    return f"{'met' if check(value) else 'MISSED'} at {int(size):,} ({target})"


def rows(results: dict) -> tuple[list[str], list[list[str]]]:
    sizes = list(results["runs"])
    header = ["measure", "unit", *[f"{int(n):,} articles" for n in sizes], "target"]
    table = []
    for label, path, unit, check, target in ROWS:
        values = [lookup(results["runs"][n], path) for n in sizes]
        if all(v is None for v in values):
            continue
        last = next(((v, n) for v, n in zip(reversed(values), reversed(sizes)) if v is not None), (None, "0"))
        table.append([label, unit, *[_cell(v) for v in values], _verdict(check, *last, target)])
    return header, table


def errors(results: dict) -> list[str]:
    found = []
    for n, run in results["runs"].items():
        for step, value in run.items():
            if isinstance(value, dict) and "error" in value:
                found.append(f"{int(n):,} articles, {step}: {value['error']}")
    return found


def print_tables(results: dict, console: Console | None = None) -> None:
    console = console or Console()
    header, table = rows(results)
    grid = Table(title="reader benchmarks", show_lines=False)
    for index, name in enumerate(header):
        grid.add_column(name, justify="right" if 1 < index < len(header) - 1 else "left")
    for row in table:
        grid.add_row(*row, style="red" if "MISSED" in row[-1] else None)
    console.print(grid)
    load = results["machine"].get("load_average_1_5_15")
    console.print(f"machine: {results['machine'].get('cpus')} cores, load {load} at start "
                  f"(shared with other work); git {results['git'].get('commit')}")
    for problem in errors(results):
        console.print(f"[red]error[/] {problem}")


def markdown(results: dict) -> str:
    header, table = rows(results)
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in table]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.report", description=__doc__.split("\n\n")[0])
    parser.add_argument("results", type=Path)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    results = json.loads(args.results.read_text(encoding="utf-8"))
    if args.markdown:
        print(markdown(results))
    else:
        print_tables(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
