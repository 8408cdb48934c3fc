"""Where import and search time goes: cProfile of `Library.add` and of the search query mix.

    python -m bench.profile import CORPUS_DIR [--limit N] [--top 25] [--out bench/out/import.prof]
    python -m bench.profile search DATA_DIR [--repeat 5] [--top 25] [--out bench/out/search.prof]

Prints the top functions by own time and by cumulative time (stdlib cProfile; open the .prof
with snakeviz or `python -m pstats` for more). The import profile runs in-process on a fresh
temporary library, so it excludes interpreter start-up but includes loading the entity model.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import tempfile
import time
from pathlib import Path

from bench.queries import QUERY_MIX

OUT = Path(__file__).resolve().parent / "out"


def top_entries(profile: cProfile.Profile, sort: str, count: int) -> list[dict]:
    """The `count` most expensive functions as rows: calls, own seconds, cumulative seconds, where."""
    stats = pstats.Stats(profile)
    rows = []
    for (filename, line, name), (_, calls, own, cumulative, _) in stats.stats.items():
        rows.append({"function": f"{_short(filename)}:{line}({name})", "calls": calls,
                     "own_s": round(own, 4), "cumulative_s": round(cumulative, 4)})
    key = "own_s" if sort == "tottime" else "cumulative_s"
    return sorted(rows, key=lambda row: row[key], reverse=True)[:count]


def _short(filename: str) -> str:
    for marker in ("site-packages/", "/work/main/", "lib/python3"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def print_entries(title: str, rows: list[dict]) -> None:
    print(f"\n{title}")
    print(f"{'own s':>9} {'cum s':>9} {'calls':>10}  function")
    for row in rows:
        print(f"{row['own_s']:9.3f} {row['cumulative_s']:9.3f} {row['calls']:10d}  {row['function']}")


def profile_import(corpus: Path, limit: int | None, top: int, out: Path) -> dict:
    from index import ingest
    from index.library import Library

    files = list(ingest.iter_source_files([corpus]))
    if limit:
        files = files[:limit]
    data_dir = Path(tempfile.mkdtemp(prefix="reader-bench-profile-"))
    try:
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        with Library.open(data_dir) as library:
            report = library.add(files)
        profile.disable()
        seconds = time.perf_counter() - started
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    return _finish(profile, out, top, {"what": "import", "files": len(files), "added": report.added,
                                        "seconds": round(seconds, 2)})


def profile_search(data_dir: Path, repeat: int, top: int, out: Path) -> dict:
    from index.library import Library

    with Library.open(data_dir) as library:
        for _, query in QUERY_MIX:  # warm-up: caches, lazy imports, the entity lookup
            library.search(query, limit=20)
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        for _ in range(repeat):
            for _, query in QUERY_MIX:
                library.search(query, limit=20)
        profile.disable()
        seconds = time.perf_counter() - started
    return _finish(profile, out, top, {"what": "search", "queries": repeat * len(QUERY_MIX),
                                        "seconds": round(seconds, 3)})


def _finish(profile: cProfile.Profile, out: Path, top: int, summary: dict) -> dict:
    out.parent.mkdir(parents=True, exist_ok=True)
    profile.dump_stats(out)
    summary["profile_file"] = str(out)
    summary["by_own_time"] = top_entries(profile, "tottime", top)
    summary["by_cumulative_time"] = top_entries(profile, "cumulative", top)
    return summary


def show(summary: dict) -> None:
    print({k: v for k, v in summary.items() if not k.startswith("by_")})
    print_entries("Top by own time", summary["by_own_time"])
    print_entries("Top by cumulative time", summary["by_cumulative_time"])


def pstats_text(path: Path, sort: str = "cumulative", count: int = 30) -> str:
    buffer = io.StringIO()
    pstats.Stats(str(path), stream=buffer).sort_stats(sort).print_stats(count)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    imp = sub.add_parser("import", help="profile Library.add over a corpus folder")
    imp.add_argument("corpus", type=Path)
    imp.add_argument("--limit", type=int, default=1000, help="first N files only (0: all)")
    imp.add_argument("--out", type=Path, default=OUT / "import.prof")
    srch = sub.add_parser("search", help="profile the search query mix on an existing library")
    srch.add_argument("data_dir", type=Path)
    srch.add_argument("--repeat", type=int, default=5)
    srch.add_argument("--out", type=Path, default=OUT / "search.prof")
    for p in (imp, srch):
        p.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    if args.what == "import":
        show(profile_import(args.corpus, args.limit or None, args.top, args.out))
    else:
        show(profile_search(args.data_dir, args.repeat, args.top, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
