"""Speakers a cue names and the recogniser missed, as the library stores them: entities with
their quotes, also in a library whose quotes were found before these rules."""

from __future__ import annotations

import sqlite3

from index.library import Library
from index.models import Article

BODY = ("Drei Verdächtige wurden festgenommen. „Wir haben die Lage unter Kontrolle“, sagte der nationale "
        "Polizeichef Badrul Qasimir am Samstag vor Reportern.")


def test_an_unmarked_speaker_is_an_entity_with_his_quote_also_after_an_upgrade(tmp_path) -> None:
    data_dir = tmp_path / "library"
    with Library.open(data_dir) as library:
        library.add_articles([Article(title="Festnahmen", body=BODY, source="Tagesblatt")])
        assert [q["text"] for q in library.quotes_of("Badrul Qasimir")] == ["Wir haben die Lage unter Kontrolle"]
    # A library whose mentions and quotes came from before the speaker was named: quoted again.
    with sqlite3.connect(data_dir / "library.db") as db:
        db.execute("DELETE FROM mentions WHERE text = 'Badrul Qasimir'")
        db.execute("UPDATE quotes SET speaker = NULL")
        db.execute("UPDATE quote_state SET version = 0")
    with Library.open(data_dir) as library:
        assert library.quote_missing() == 1
        assert [q["text"] for q in library.quotes_of("Badrul Qasimir")] == ["Wir haben die Lage unter Kontrolle"]
        assert library.entity("Badrul Qasimir").kind == "person"
