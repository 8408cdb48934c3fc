"""`reader remove ID --yes` as a whole process, the app's undo (undo_removal in an open
library, as its worker runs it), and x then Ctrl+Z in the app itself (Pilot, 120x40: from the key
to the list without, then with, the article), the code of two source trees in alternation on
fresh copies of one library.

    python -m bench.bench_remove LIBRARY ARTICLE_ID --base ../cli-scratch/base --rounds 3

``--base`` is a tree holding `index/` and `reader/` (e.g. `git archive main index reader | tar -x
-C DIR`); the other is this checkout. Prints each round (with the load average) and the medians.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
REMOVE = "import sys; from reader.cli import entry_point; sys.argv[0] = 'reader'; entry_point()"
UNDO = """
import sys, time
from pathlib import Path
from index.library import Library
from index.removal import remove_articles, undo_removal
with Library.open(Path(sys.argv[1])) as library:
    removal = remove_articles(library, [sys.argv[2]])
with Library.open(Path(sys.argv[1])) as library:  # the app's: open, and searched once
    library.search("Berlin")
    start = time.perf_counter()
    undo_removal(library, removal)
    print(time.perf_counter() - start)
"""

APP = """
import asyncio, sys, time
from pathlib import Path
from reader.ui.app import ReaderApp

async def until(pilot, condition):
    while not condition():
        await pilot.pause(0.01)

async def main():
    app = ReaderApp(Path(sys.argv[1]), export_path=Path(sys.argv[1]).parent / "bookmarks.md",
                    import_seeds_when_empty=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.main_screen
        await until(pilot, lambda: screen.ready and len(screen.article_list.article_ids) > 3)
        await app.workers.wait_for_complete()
        screen.article_list.focus()
        await pilot.press("j")
        doomed = screen.article_list.article_ids[1]
        start = time.perf_counter()
        await pilot.press("x")
        await until(pilot, lambda: doomed not in screen.article_list.article_ids)
        removed = time.perf_counter() - start
        await app.workers.wait_for_complete()
        start = time.perf_counter()
        await pilot.press("ctrl+z")
        await until(pilot, lambda: doomed in screen.article_list.article_ids)
        print(removed, time.perf_counter() - start)

asyncio.run(main())
"""
MEASURES = ("remove", "undo", "app x", "app ctrl+z")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("library", type=Path)
    parser.add_argument("article_id")
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    args.library = args.library.resolve()
    trees = {"base": args.base.resolve(), "this": HERE}
    times: dict[str, dict[str, list[float]]] = {name: {measure: [] for measure in MEASURES} for name in trees}
    with tempfile.TemporaryDirectory(dir=args.library.parent) as scratch:
        copy = Path(scratch) / "library"
        for round_ in range(args.rounds):
            for name, tree in trees.items():
                # Run from the scratch folder: the current directory would come first on sys.path.
                env = dict(os.environ, PYTHONPATH=str(tree))
                shutil.copytree(args.library, copy)
                started = time.perf_counter()
                subprocess.run([sys.executable, "-c", REMOVE, "--data-dir", str(copy), "remove", "--yes",
                                args.article_id], env=env, cwd=scratch, check=True, capture_output=True)
                times[name]["remove"].append(time.perf_counter() - started)
                shutil.rmtree(copy)
                shutil.copytree(args.library, copy)
                out = subprocess.run([sys.executable, "-c", UNDO, str(copy), args.article_id], env=env, cwd=scratch,
                                     check=True, capture_output=True, text=True).stdout
                times[name]["undo"].append(float(out))
                shutil.rmtree(copy)
                shutil.copytree(args.library, copy)
                out = subprocess.run([sys.executable, "-c", APP, str(copy)], env=env, cwd=scratch,
                                     check=True, capture_output=True, text=True).stdout
                for measure, seconds in zip(("app x", "app ctrl+z"), out.split()):
                    times[name][measure].append(float(seconds))
                shutil.rmtree(copy)
                shown = ", ".join(f"{measure} {times[name][measure][-1]:.2f} s" for measure in MEASURES)
                print(f"round {round_} {name}: {shown}, load {os.getloadavg()[0]:.1f}", flush=True)
    for name in trees:
        shown = ", ".join(f"{measure} {statistics.median(times[name][measure]):.2f} s" for measure in MEASURES)
        print(f"{name}: median {shown}")


if __name__ == "__main__":
    main()
