"""A killed process never loses a saved bookmark nor leaves half of one (kill -9, real SQLite)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from index.bookmark_store import BookmarkStore
from index.models import Article
from index.store import Store

REPO = Path(__file__).resolve().parents[2]
SEED = next((REPO / "seeds").glob("002*"))

# Adds bookmarks and reports each one on stdout once add() has returned.
# A note and tags that can be recomputed from the sequence number make a half-written row visible.
WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from index.bookmark_store import BookmarkStore
    from index.store import Store

    db, article_id, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    bookmarks = BookmarkStore(Store(db))
    quotes = ["Koalition der Willigen", "Sicherheitsgarantien", "Emmanuel Macron", "Keir Starmer"]
    number = int(sys.argv[4])
    while count != 0:
        saved = bookmarks.add(article_id, quote=quotes[number % len(quotes)],
                              note=f"note {number}\\n" + "Zeile äöü\\n" * 300, tags=[f"n{number}", "loop"])
        print(saved.id, number, flush=True)
        number += 1
        count -= 1
    sys.stdin.read()  # stay alive until killed
""")


def expected_note(number: int) -> str:
    return (f"note {number}\n" + "Zeile äöü\n" * 300).rstrip()


@pytest.fixture
def database(tmp_path) -> tuple[Path, Article]:
    path = tmp_path / "library.db"
    article = Article(title="Paris", body=SEED.read_text(encoding="utf-8"), path=str(SEED)).with_id()
    store = Store(path)
    with store.transaction() as db:
        store.upsert_article(db, article, [])
    BookmarkStore(store)
    store.close()
    return path, article


def start_writer(path: Path, article: Article, count: int, first_number: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), article.id, str(count), str(first_number)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=REPO)


def reported(process: subprocess.Popen, lines: int) -> dict[int, int]:
    saved = {}
    for _ in range(lines):
        bookmark_id, number = process.stdout.readline().split()
        saved[int(bookmark_id)] = int(number)
    return saved


def kill(process: subprocess.Popen) -> None:
    process.kill()  # SIGKILL: no cleanup, no rollback, no close
    process.wait()
    process.stdout.close()
    process.stdin.close()


def read_back(path: Path):
    store = Store(path)
    try:
        assert store.query("PRAGMA integrity_check")[0][0] == "ok"
        return BookmarkStore(store).list()
    finally:
        store.close()


def assert_intact(bookmark, article: Article) -> int:
    number = int(bookmark.note.split("\n", 1)[0].removeprefix("note "))
    assert bookmark.note == expected_note(number)
    assert bookmark.tags == [f"n{number}", "loop"]
    assert bookmark.quote and article.body[bookmark.start:bookmark.end] == bookmark.quote
    return number


def test_bookmark_reported_as_saved_survives_kill_9(database):
    path, article = database
    process = start_writer(path, article, count=1, first_number=7)
    saved = reported(process, 1)
    kill(process)
    [bookmark] = read_back(path)
    assert bookmark.id in saved
    assert assert_intact(bookmark, article) == 7
    assert bookmark.quote == "Keir Starmer"


def test_killing_a_writer_repeatedly_never_leaves_half_a_bookmark(database):
    path, article = database
    chooser = random.Random(5)
    confirmed: dict[int, int] = {}
    next_number = 0
    for _ in range(12):
        process = start_writer(path, article, count=-1, first_number=next_number)
        confirmed.update(reported(process, chooser.randint(1, 15)))
        kill(process)  # almost always in the middle of the next add()
        stored = read_back(path)
        numbers = [assert_intact(b, article) for b in stored]
        assert set(confirmed) <= {b.id for b in stored}, "a bookmark reported as saved was lost"
        assert len(numbers) == len(set(numbers))
        next_number = max(numbers) + 1
    assert len(read_back(path)) >= len(confirmed) >= 12
