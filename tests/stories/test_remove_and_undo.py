"""Removing an article and undoing it (the app's x and Ctrl+Z, `reader remove`): what the user
sees of the library afterwards is what it was without the article, and then what it was before:
entity counts, the article's mentions and quotes, copy groups, stories, search, bookmarks."""

from __future__ import annotations

from pathlib import Path

from index.library import Library
from index.removal import remove_articles, undo_removal
from tests.stories.test_stories import QUAKE_NIGHT, QUAKE_SZ, QUAKE_ZEIT, article

QUOTED_NIGHT = (QUAKE_NIGHT[0], QUAKE_NIGHT[1] + ' „Wir brauchen Zelte und Decken“, sagte Pirozzi.')


def what_the_user_sees(library: Library, article_id: str) -> dict:
    present = bool(library.store.query("SELECT 1 FROM articles WHERE id = ?", (article_id,)))
    return {
        "entities": sorted((e.name, e.kind, e.articles, e.mentions) for e in library.entities()),
        "mentions": [(m.entity, m.text, m.start) for m in library.mentions(article_id)] if present else None,
        "quotes": [(q.text, q.speaker) for q in library.quotes(article_id)] if present else None,
        "copies": sorted(sorted(a.id for a in group.articles) for group in library.copy_groups()),
        "stories": sorted(sorted(a.id for a in story.articles) for story in library.stories()),
        "found": sorted(h.id for h in library.search("Amatrice", limit=50)),
        "found_by_person": sorted(h.id for h in library.search('person:"Sergio Pirozzi"', limit=50)),
        "bookmarks": [(b.article, b.article_removed) for b in library.bookmarks.list()],
    }


def test_remove_then_undo_gives_back_the_library_the_user_had(tmp_path: Path):
    zeit, sz, night = article(QUAKE_ZEIT, "Zeit", 0), article(QUAKE_SZ, "SZ", 5), article(QUOTED_NIGHT, "taz", 10)
    reprint = article(("Erdbeben in Italien: Amatrice zerstört", QUAKE_ZEIT[1]), "Kurier", 1)  # Zeit's copy
    with Library.open(tmp_path / "lib") as library:
        library.add_articles([zeit, sz, night, reprint])
        library.bookmarks.add(reprint.id, note="Kopie")
        before = what_the_user_sees(library, reprint.id)
        assert before["copies"] == [sorted([zeit.id, reprint.id])] and len(before["stories"]) == 1
        assert reprint.id in before["found_by_person"]

        removal = remove_articles(library, [reprint.id])
        gone = what_the_user_sees(library, reprint.id)
        assert reprint.id not in gone["found"] + gone["found_by_person"]
        assert gone["copies"] == [] and gone["stories"] == [sorted([zeit.id, sz.id, night.id])]
        assert gone["bookmarks"] == [(reprint.id, True)]
        pirozzi = {name: (articles, mentions) for name, _, articles, mentions in gone["entities"]}["Sergio Pirozzi"]
        assert pirozzi[0] == 3  # one article fewer names him
        library.refresh_entities()  # a full relinking counts what the removal counted
        assert what_the_user_sees(library, reprint.id)["entities"] == gone["entities"]

        assert undo_removal(library, removal) == 1
        assert what_the_user_sees(library, reprint.id) == before

        with_quote = what_the_user_sees(library, night.id)
        assert with_quote["quotes"] == [("Wir brauchen Zelte und Decken", "person:sergio-pirozzi")]
        removal = remove_articles(library, [night.id])  # an article with a quote, in the story
        assert what_the_user_sees(library, night.id)["quotes"] is None
        assert undo_removal(library, removal) == 1
        assert what_the_user_sees(library, night.id) == with_quote
        assert [q["text"] for q in library.quotes_of("Sergio Pirozzi")] == ["Wir brauchen Zelte und Decken"]

def test_undo_after_the_library_was_linked_again_links_the_article_back(tmp_path: Path):
    zeit, football = article(QUAKE_ZEIT, "Zeit", 0), article(("Bayern siegt", "Harry Kane traf für den FC Bayern "
                                                                 "München zweimal gegen Dortmund."), "Kicker", 2)
    with Library.open(tmp_path / "lib") as library:
        library.add_articles([zeit, football])
        before = what_the_user_sees(library, football.id)
        removal = remove_articles(library, [football.id])
        library.refresh_entities()  # an import in between links the library without the article's names
        assert "Harry Kane" not in {e.name for e in library.entities()}
        assert undo_removal(library, removal) == 1
        assert what_the_user_sees(library, football.id) == before
