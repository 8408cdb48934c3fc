"""Reading a Markdown export back: round trip, no duplicates, matching articles, edits kept."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from index.bookmark_store import BookmarkStore
from index.library import Library
from index.models import Article
from reader.bookmarks import BookmarkImportError, export_markdown, import_markdown

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
BERLIN = timezone(timedelta(hours=2))


def seed_articles() -> list[Article]:
    """The seed files as articles; a fresh list each time, as a second import would parse them."""
    dated = [datetime(2025, 9, 4, hour, tzinfo=BERLIN) for hour in (9, 11, 13, 15, 17)]
    return [Article(title=f"Seed {n}: Paris *Gipfel* #{n}", body=path.read_text(encoding="utf-8"),
                    source="Seeds", published=dated[n], path=str(path))
            for n, path in enumerate(sorted(SEEDS.glob("*.txt")))]


def open_library(path: Path, articles: list[Article]) -> Library:
    library = Library.open(path)
    library.bookmarks = BookmarkStore(library.store)
    library.add_articles(articles)
    return library


@pytest.fixture
def libraries(tmp_path):
    opened = []

    def make(name: str, articles: list[Article] | None = None) -> Library:
        library = open_library(tmp_path / name, seed_articles() if articles is None else articles)
        opened.append(library)
        return library

    yield make
    for library in opened:
        library.close()


def fill(library: Library) -> None:
    first, second, third = [a.id for a in library.articles()][-3:][::-1]
    bookmarks = library.bookmarks
    bookmarks.add(first, note="Ganzer Artikel: *wichtig* # nicht vergessen\n\n- mit Liste?\n    eingerückt",
                  tags=["Koalition der Willigen", "2025"])
    bookmarks.add(first, quote="Sicherheitsgarantien", note="erste Stelle", tags=["Ukraine"])
    body = library.article(second).body
    start = body.index("\n\n") - 20
    bookmarks.add(second, start=start, end=start + 120, note="über einen Absatz hinweg")
    bookmarks.add(third, quote="Emmanuel Macron")
    bookmarks.add(third, quote="Emmanuel Macron", note="gleiche Stelle, andere Notiz", tags=["a/b", "C++"])


def dumped(library: Library) -> list[dict]:
    return [b.model_dump() for b in library.bookmarks.list()]


def test_export_then_import_into_a_fresh_library_gives_the_same_bookmarks(libraries):
    original = libraries("original")
    fill(original)
    text = export_markdown(original)
    fresh = libraries("fresh")
    result = import_markdown(fresh, text)
    assert (len(result.added), result.duplicates, result.skipped, result.warnings) == (5, 0, [], [])
    assert dumped(fresh) == dumped(original)


def test_importing_twice_creates_no_duplicates(libraries):
    original = libraries("original")
    fill(original)
    text = export_markdown(original)
    result = import_markdown(original, text)
    assert (len(result.added), result.duplicates) == (0, 5)
    assert len(original.bookmarks.list()) == 5


def test_import_merges_with_bookmarks_already_there(libraries):
    original = libraries("original")
    fill(original)
    text = export_markdown(original)
    other = libraries("other")
    own = other.bookmarks.add(other.articles()[0].id, note="meins")
    result = import_markdown(other, text)
    assert len(result.added) == 5
    assert own in other.bookmarks.list() and len(other.bookmarks.list()) == 6


def test_articles_are_found_by_path_when_their_text_and_id_changed(libraries):
    original = libraries("original")
    fill(original)
    text = export_markdown(original)
    changed = seed_articles()
    for article in changed:
        article.body = "Aktualisiert.\n\n" + article.body
    fresh = libraries("fresh", changed)
    assert not set(a.id for a in fresh.articles()) & set(a.id for a in original.articles())
    result = import_markdown(fresh, text)
    assert len(result.added) == 5 and not result.skipped
    shift = len("Aktualisiert.\n\n")
    for before, after in zip(original.bookmarks.list(), fresh.bookmarks.list()):
        assert after.quote == before.quote and after.note == before.note
        if before.start is not None:
            assert (after.start, after.end) == (before.start + shift, before.end + shift)


def test_articles_are_found_by_title_when_nothing_else_matches(libraries):
    original = libraries("original")
    fill(original)
    text = export_markdown(original)
    without_origin = seed_articles()
    for article in without_origin:
        article.path = None
        article.body += "\n\nNachtrag."
    fresh = libraries("fresh", without_origin)
    result = import_markdown(fresh, text)
    assert len(result.added) == 5 and not result.skipped
    assert [b.quote for b in fresh.bookmarks.list()] == [b.quote for b in original.bookmarks.list()]


def test_bookmarks_of_missing_articles_are_skipped_with_a_reason(libraries):
    original = libraries("original")
    fill(original)
    text = export_markdown(original)
    partial = libraries("partial", seed_articles()[2:])
    result = import_markdown(partial, text)
    assert len(result.added) == 2
    assert len(result.skipped) == 3
    assert all("no article in the library matches 'Seed" in s for s in result.skipped)


def test_edits_made_in_the_markdown_are_imported(libraries):
    original = libraries("original")
    article = original.articles()[0]
    original.bookmarks.add(article.id, quote="Paris", note="alte Notiz", tags=["alt"])
    text = export_markdown(original)
    text = text.replace("alte Notiz", "neue Notiz mit \\*Stern\\*").replace("#alt", "#neu #zwei-Wörter")
    fresh = libraries("fresh")
    import_markdown(fresh, text)
    [imported] = fresh.bookmarks.list()
    assert imported.note == "neue Notiz mit *Stern*"
    assert imported.tags == ["neu", "zwei-Wörter"]
    assert imported.quote == "Paris"


def test_a_quote_no_longer_in_the_article_is_kept_without_position(libraries):
    original = libraries("original")
    article = original.articles()[0]
    original.bookmarks.add(article.id, quote="Paris", note="Ort")
    text = export_markdown(original).replace("> Paris", "> Rom")
    fresh = libraries("fresh")
    result = import_markdown(fresh, text)
    assert len(result.warnings) == 1 and "no longer" not in result.skipped
    [imported] = fresh.bookmarks.list()
    assert (imported.start, imported.quote, imported.note) == (None, "Rom", "Ort")


def test_a_file_that_is_not_an_export_is_a_clear_error(libraries):
    library = libraries("lib")
    with pytest.raises(BookmarkImportError, match="holds no bookmarks written by 'reader bookmarks export'"):
        import_markdown(library, "# Meine Notizen\n\n> Ein Zitat\n")


def test_a_damaged_marker_skips_only_that_bookmark(libraries):
    original = libraries("original")
    fill(original)
    text = export_markdown(original)
    damaged = text.replace('<!-- reader:bookmark {"id": 1,', '<!-- reader:bookmark {"id": 1,,', 1)
    fresh = libraries("fresh")
    result = import_markdown(fresh, damaged)
    assert len(result.added) == 4
    line = next(n for n, text in enumerate(damaged.split("\n"), start=1) if '{"id": 1,,' in text)
    assert result.skipped == [
        f"Bookmark 1 at line {line} (Seed 0: Paris *Gipfel* #0): its hidden reader marker is damaged."]


def test_two_identical_bookmarks_survive_the_round_trip_but_not_a_second_import(libraries):
    original = libraries("original")
    article = original.articles()[0]
    for _ in range(2):
        original.bookmarks.add(article.id, quote="Paris", note="doppelt")
    text = export_markdown(original)
    fresh = libraries("fresh")
    assert len(import_markdown(fresh, text).added) == 2
    again = import_markdown(fresh, text)
    assert (len(again.added), again.duplicates) == (0, 2)
    assert dumped(fresh) == dumped(original)
