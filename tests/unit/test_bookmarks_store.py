"""BookmarkStore on a real SQLite library database: saving, finding passages, order, undo."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from index.bookmark_store import BookmarkStore, InvalidPassage, QuoteNotFound, UnknownBookmark
from index.errors import ReaderError, UnknownArticle
from index.models import Article
from index.store import Store

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
BERLIN = timezone(timedelta(hours=2))


def seed_article(name: str, title: str, published: datetime | None) -> Article:
    path = next(SEEDS.glob(name + "*"))
    return Article(title=title, body=path.read_text(encoding="utf-8"), source="Seed",
                   published=published, path=str(path)).with_id()


@pytest.fixture
def store(tmp_path) -> Store:
    store = Store(tmp_path / "library.db")
    yield store
    store.close()


@pytest.fixture
def articles(store) -> dict[str, Article]:
    found = {
        "late": seed_article("000", "Treffen in Paris", datetime(2025, 9, 4, 18, 0, tzinfo=BERLIN)),
        "early": seed_article("001", "Witkoff bei Paris-Gipfel", datetime(2025, 9, 4, 9, 30, tzinfo=BERLIN)),
        "undated": seed_article("004", "Liveblog", None),
    }
    with store.transaction() as db:
        for article in found.values():
            store.upsert_article(db, article, [])
    return found


@pytest.fixture
def bookmarks(store, articles) -> BookmarkStore:
    return BookmarkStore(store)


def test_article_bookmark_keeps_note_and_tags(bookmarks, articles):
    article = articles["early"]
    saved = bookmarks.add(article.id, note="Lesen!\n\nMit Quellen.  ", tags=["Ukraine", " #Diplomatie ", "ukraine"])
    assert (saved.start, saved.end, saved.quote) == (None, None, None)
    assert saved.note == "Lesen!\n\nMit Quellen."
    assert saved.tags == ["Ukraine", "Diplomatie"]
    assert saved.created.tzinfo is not None and saved.created.utcoffset() == timedelta(0)
    assert bookmarks.get(saved.id) == saved


def test_quote_is_found_in_the_body_and_gets_offsets(bookmarks, articles):
    article = articles["early"]
    quote = "Steve Witkoff"
    saved = bookmarks.add(article.id, quote=quote)
    assert saved.start == article.body.index(quote)
    assert article.body[saved.start:saved.end] == quote == saved.quote


def test_quote_matches_across_different_whitespace_and_quote_marks(bookmarks, articles):
    article = articles["early"]
    exact = "Treffens der „Koalition der Willigen“ hoffen"
    assert exact in article.body
    saved = bookmarks.add(article.id, quote='Treffens  der\n"Koalition der Willigen" hoffen')
    assert saved.quote == exact
    assert article.body[saved.start:saved.end] == exact


def test_quotation_marks_typed_around_a_passage_are_not_required_in_the_body(bookmarks, articles):
    article = articles["early"]
    saved = bookmarks.add(article.id, quote='"Der US-Sondergesandte Steve Witkoff"')
    assert saved.quote == "Der US-Sondergesandte Steve Witkoff"
    assert article.body[saved.start:saved.end] == saved.quote


def test_offsets_take_the_quote_from_the_body(bookmarks, articles):
    article = articles["late"]
    saved = bookmarks.add(article.id, start=10, end=40)
    assert saved.quote == article.body[10:40]


@pytest.mark.parametrize("kwargs, error", [
    ({"quote": "Diesen Satz gibt es nirgends"}, QuoteNotFound),
    ({"quote": "   "}, InvalidPassage),
    ({"start": 5}, InvalidPassage),
    ({"start": 40, "end": 10}, InvalidPassage),
    ({"start": 0, "end": 10_000_000}, InvalidPassage),
])
def test_bad_passages_are_clear_errors_and_save_nothing(bookmarks, articles, kwargs, error):
    with pytest.raises(error) as raised:
        bookmarks.add(articles["late"].id, **kwargs)
    assert isinstance(raised.value, ReaderError)
    assert str(raised.value).endswith(".")
    assert bookmarks.list() == []


def test_quote_not_found_names_quote_and_article(bookmarks, articles):
    with pytest.raises(QuoteNotFound, match="'Diesen Satz gibt es nirgends' does not occur in article"):
        bookmarks.add(articles["late"].id, quote="Diesen Satz gibt es nirgends")


def test_unknown_article_is_an_error(bookmarks):
    with pytest.raises(UnknownArticle):
        bookmarks.add("0000000000000000", note="x")
    assert bookmarks.count() == 0


def test_list_is_ordered_by_article_date_then_position(bookmarks, articles):
    late, early, undated = articles["late"], articles["early"], articles["undated"]
    b1 = bookmarks.add(undated.id, note="undatiert")
    b2 = bookmarks.add(late.id, start=200, end=220)
    b3 = bookmarks.add(early.id, start=300, end=320)
    b4 = bookmarks.add(late.id, note="ganzer Artikel")
    b5 = bookmarks.add(early.id, start=5, end=15)
    b6 = bookmarks.add(late.id, start=50, end=60)
    assert [b.id for b in bookmarks.list()] == [b5.id, b3.id, b4.id, b6.id, b2.id, b1.id]
    assert [b.id for b in bookmarks.for_article(late.id)] == [b4.id, b6.id, b2.id]


def test_update_changes_note_and_tags_and_the_updated_time(bookmarks, articles):
    saved = bookmarks.add(articles["late"].id, note="alt", tags=["a"])
    changed = bookmarks.update(saved.id, tags=["b", "c d"])
    assert (changed.note, changed.tags) == ("alt", ["b", "c d"])
    changed = bookmarks.update(saved.id, note="neu")
    assert (changed.note, changed.tags) == ("neu", ["b", "c d"])
    assert changed.updated >= saved.updated and changed.created == saved.created
    assert bookmarks.get(saved.id) == changed


def test_remove_returns_the_bookmark_and_restore_brings_it_back_with_its_id(bookmarks, articles):
    first = bookmarks.add(articles["late"].id, quote="Luftverteidigung", note="n", tags=["t"])
    second = bookmarks.add(articles["late"].id, note="zweites")
    removed = bookmarks.remove(first.id)
    assert removed == first
    assert [b.id for b in bookmarks.list()] == [second.id]
    with pytest.raises(UnknownBookmark, match=f"No bookmark with id {first.id}."):
        bookmarks.get(first.id)
    third = bookmarks.add(articles["early"].id, note="neu")
    assert third.id not in (first.id, second.id)  # a removed id is not handed out again
    assert bookmarks.restore(removed) == first
    assert len(bookmarks.list()) == 3


def test_unknown_bookmark_ids_are_errors(bookmarks):
    for action in (lambda: bookmarks.get(99), lambda: bookmarks.remove(99),
                   lambda: bookmarks.update(99, note="x")):
        with pytest.raises(UnknownBookmark):
            action()


def test_bookmarks_survive_reopening_the_database(tmp_path, store, articles):
    saved = BookmarkStore(store).add(articles["late"].id, quote="Spiegel", note="Quelle", tags=["Medien"])
    store.close()
    reopened = Store(tmp_path / "library.db")
    try:
        assert BookmarkStore(reopened).list() == [saved]
    finally:
        reopened.close()


def test_passage_is_found_again_after_the_article_body_changes(store, bookmarks, articles):
    article = articles["late"]
    saved = bookmarks.add(article.id, quote="Moskau: Sicherheitsgarantien")
    article.body = "Eine neue Einleitung.\n\n" + article.body
    with store.transaction() as db:
        store.upsert_article(db, article, [])
    moved = bookmarks.get(saved.id)
    assert moved.start == saved.start + len("Eine neue Einleitung.\n\n")
    assert article.body[moved.start:moved.end] == saved.quote


def test_passage_whose_quote_vanished_keeps_its_quote_without_position(store, bookmarks, articles):
    article = articles["late"]
    saved = bookmarks.add(article.id, quote="Moskau: Sicherheitsgarantien")
    article.body = article.body.replace("Moskau: Sicherheitsgarantien", "Kreml: Garantien")
    with store.transaction() as db:
        store.upsert_article(db, article, [])
    detached = bookmarks.get(saved.id)
    assert (detached.start, detached.end, detached.quote) == (None, None, saved.quote)


def test_an_article_with_bookmarks_cannot_be_deleted_underneath_them(store, bookmarks, articles):
    bookmarks.add(articles["late"].id, note="wichtig")
    with pytest.raises(sqlite3.IntegrityError):
        with store.transaction() as db:
            db.execute("DELETE FROM articles WHERE id = ?", (articles["late"].id,))
    assert len(bookmarks.list()) == 1


def test_find_article_by_id_url_path_then_title(store, bookmarks, articles):
    late = articles["late"]
    assert bookmarks.find_article(article_id=late.id) == late.id
    assert bookmarks.find_article(article_id="gone", path=late.path) == late.id
    assert bookmarks.find_article(article_id="gone", url="https://x.invalid/a", title="Liveblog") \
        == articles["undated"].id
    assert bookmarks.find_article(article_id="gone", title="Kein solcher Titel") is None
