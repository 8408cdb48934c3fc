"""Agency credits are read from datelines, bylines and end lines, kept as metadata and searchable."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from index.library import Library
from index.models import Article
from index.stories.agencies import read_credits

LEAD = "Die Regierung hat am Dienstag ein neues Gesetz beschlossen, das viele betrifft."


@pytest.mark.parametrize("text, agencies", [
    (f"Berlin (dpa) – {LEAD}", ["dpa"]),
    (f"Berlin (epd) – {LEAD}", ["epd"]),
    (f"Paris (dpa/AFP) - {LEAD}", ["dpa", "AFP"]),
    (f"{LEAD}\n\ndpa/AFP", ["dpa", "AFP"]),
    (f"{LEAD}\nQuelle: Reuters", ["Reuters"]),
    (f"{LEAD} Mit Material von KNA", ["KNA"]),
    (f"{LEAD} (APA, 18.3.2016)", ["APA"]),
    (f"Hamburg (dpa/lno) - {LEAD}", ["dpa"]),
])
def test_credits_are_read(text, agencies):
    assert read_credits(text).agencies == agencies


@pytest.mark.parametrize("text", [
    f"Foto: dpa\n{LEAD}",                            # a photo credit is not the text's
    f"{LEAD} Die Partei (SPD) will mehr.",          # a party in parentheses
    f"{LEAD} Das Kürzel (ap) steht für etwas.",     # lower-case ap is no agency
    "x " * 400 + "Er zitierte (dpa) eine Quelle. " + "y " * 400,  # mid-text parentheses are text
])
def test_things_that_are_not_credits(text):
    assert read_credits(text).agencies == []


def test_agency_search_finds_credited_articles_only(tmp_path: Path):
    published = datetime(2025, 3, 1, tzinfo=timezone.utc)
    credited = Article(title="Gesetz", body=f"Berlin (dpa) – {LEAD}", source="Zeit", published=published)
    other = Article(title="Anderes", body=f"Hamburg (AFP) – {LEAD} Etwas anderes.", source="SZ", published=published)
    plain = Article(title="Eigenes", body=LEAD + " Von unserer Redaktion.", source="taz", published=published)
    with Library.open(tmp_path / "lib") as library:
        library.add_articles([credited, other, plain])
        assert [hit.id for hit in library.search("agency:dpa")] == [credited.id]
        assert [hit.id for hit in library.search("agency:AFP title:Gesetz")] == []
        assert {hit.id for hit in library.search("agency:afp OR agency:dpa")} == {credited.id, other.id}
        assert library.agencies(credited.id) == ["dpa"]
        assert library.agencies(plain.id) == []
        library.reindex()  # the credits are read again from the text, not lost
        assert [hit.id for hit in library.search("agency:dpa")] == [credited.id]
