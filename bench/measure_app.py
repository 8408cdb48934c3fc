"""The app: time to the first filled screen, idle memory, and keystroke-to-results latency.

First screen: the installed `reader` runs in a detached tmux session (its own tmux server
socket, 120x40); `capture-pane` is polled every 10 ms from just before `new-session` until the
list's border shows "Articles (<count>)" and the newest article's title is on screen. Each
capture costs a few ms, so figures carry ~10-15 ms of measuring overhead.

Keystrokes: the app runs in-process under Textual's test driver (headless, 120x40). Each
character is posted as a key event (not `pilot.press`, which waits for the CPU to go idle), and
the clock stops when the screen has handled the `SearchResults` message for the whole typed query
and the list holds exactly those hits (or the error line shows the query's error).
"""

from __future__ import annotations

import asyncio
import os
import re
import statistics
import subprocess
import time
from pathlib import Path

from bench.measure_search import summary_ms
from bench.procs import installed_command, tree_rss
from bench.queries import TYPED_QUERIES

POLL_SECONDS = 0.01
SCREEN = (120, 40)


# --- first screen and idle memory (tmux) ----------------------------------------------------------

class Tmux:
    """A private tmux server (its own socket), so other users of tmux on the machine are untouched."""

    def __init__(self, name: str):
        self.socket = name

    def run(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check)
        return done.stdout

    def kill_server(self) -> None:
        self.run("kill-server", check=False)


def _library_facts(data_dir: Path) -> tuple[int, str]:
    from index.library import Library

    with Library.open(data_dir) as library:
        newest = library.articles(limit=1)
        return library.count(), newest[0].title if newest else ""


def _compile_the_app() -> None:
    """Bytecode for `reader` and `index`, as an installed copy has: pip compiles at install, but
    an editable install under PYTHONDONTWRITEBYTECODE=1 (this VM's setting) would compile its ~25
    modules from source at every launch (~30 ms)."""
    import compileall

    import index
    import reader as reader_package

    for package in (reader_package, index):
        compileall.compile_dir(str(Path(package.__file__).parent), quiet=1)


def first_screen(data_dir: Path, runs: int = 5, settle_seconds: float = 5.0, timeout: float = 120.0) -> dict:
    _compile_the_app()
    count, newest_title = _library_facts(data_dir)
    border = re.compile(r"Articles \(" + re.escape(f"{count:,}") + r"\)")
    title_start = newest_title[:12]
    reader = installed_command("reader")
    seconds: list[float] = []
    idle: list[dict] = []
    for run in range(runs):
        # A fresh server per run: a server whose last session ended may still be shutting down.
        tmux = Tmux(f"reader-bench-{os.getpid()}-{run}")
        session = "bench"
        try:
            started = time.perf_counter()
            tmux.run("new-session", "-d", "-s", session, "-x", str(SCREEN[0]), "-y", str(SCREEN[1]),
                     f"exec {reader} --data-dir '{data_dir}'")
            while True:
                pane = tmux.run("capture-pane", "-p", "-t", session, check=False)
                if border.search(pane) and title_start in pane:
                    seconds.append(time.perf_counter() - started)
                    break
                if time.perf_counter() - started > timeout:
                    raise TimeoutError(f"the list did not fill within {timeout:.0f} s; last screen:\n{pane}")
                time.sleep(POLL_SECONDS)
            pid = int(tmux.run("display-message", "-p", "-t", session, "#{pane_pid}").strip())
            time.sleep(settle_seconds)
            idle_rss = tree_rss(pid)
            after_search = None
            if run == runs - 1:  # once: memory after a search, the app's next most common state
                tmux.run("send-keys", "-t", session, "/", "Streik")
                time.sleep(settle_seconds)
                after_search = tree_rss(pid)
            idle.append({"idle_rss_mb": round(idle_rss / 2**20, 1),
                         **({"after_search_rss_mb": round(after_search / 2**20, 1)} if after_search else {})})
        finally:
            tmux.kill_server()
    idle_values = [entry["idle_rss_mb"] for entry in idle]
    return {
        "articles": count,
        "runs_s": [round(s, 3) for s in seconds],
        "median_s": round(statistics.median(seconds), 3),
        "idle_rss_mb_median": round(statistics.median(idle_values), 1),
        "idle_rss_mb_runs": idle_values,
        "after_search_rss_mb": next((e["after_search_rss_mb"] for e in idle if "after_search_rss_mb" in e), None),
        "settle_s": settle_seconds,
    }


# --- keystroke to results (Pilot, in-process) -------------------------------------------------------

def _key_event(char: str):
    from textual import events
    from textual.keys import _character_to_key

    key = char if char.isalnum() else _character_to_key(char)
    return events.Key(key, char)


async def _until(condition, timeout: float, what: str) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.001)


async def _keystrokes(data_dir: Path, typed: list[str], rounds: int, cadence_s: float, timeout: float) -> dict:
    from reader.ui.app import ReaderApp
    from reader.ui.messages import SearchResults

    arrived: dict[str, SearchResults] = {}

    def hook(message) -> None:
        if isinstance(message, SearchResults):
            arrived[message.query] = message

    app = ReaderApp(Path(data_dir), import_seeds_when_empty=False)
    per_key: list[float] = []
    after_typing: list[float] = []
    async with app.run_test(size=SCREEN, message_hook=hook) as pilot:
        screen = app.main_screen
        await _until(lambda: screen.ready and str(screen.article_list.border_title).startswith("Articles ("),
                     timeout, "the library to open")
        await pilot.press("slash")

        def shown(query: str) -> bool:
            message = arrived.get(query)
            if message is None or screen.search_text != query:
                return False
            if message.error:
                return screen.search_bar.error == message.error
            ids = list(dict.fromkeys(hit.id for hit in message.hits))
            return (str(screen.article_list.border_title).startswith("Results")
                    and screen.article_list.article_ids[:len(ids)] == ids)

        async def clear() -> None:
            screen.search_bar.input.value = ""
            await _until(lambda: str(screen.article_list.border_title).startswith("Articles ("), timeout, "the list")
            arrived.clear()

        for _ in range(rounds):
            for text in typed:
                # One key, then wait for its results: the latency a reader sees per keystroke.
                for end in range(1, len(text) + 1):
                    started = time.perf_counter()
                    app.post_message(_key_event(text[end - 1]))
                    await _until(lambda: shown(text[:end]), timeout, f"results for {text[:end]!r}")
                    per_key.append(time.perf_counter() - started)
                await clear()
                # Typed at a steady pace without waiting: from the last key to its results.
                for position, char in enumerate(text):
                    if position:
                        await asyncio.sleep(cadence_s)
                    app.post_message(_key_event(char))
                    last_key = time.perf_counter()
                await _until(lambda: shown(text), timeout, f"results for {text!r}")
                after_typing.append(time.perf_counter() - last_key)
                await clear()
    return {"typed": typed, "rounds": rounds, "per_keystroke": summary_ms(per_key),
            f"last_key_after_typing_at_{1 / cadence_s:.0f}_keys_per_s": summary_ms(after_typing)}


def keystrokes(data_dir: Path, typed: list[str] | None = None, rounds: int = 3, cadence_s: float = 0.1,
               timeout: float = 60.0) -> dict:
    return asyncio.run(_keystrokes(data_dir, typed or TYPED_QUERIES, rounds, cadence_s, timeout))
