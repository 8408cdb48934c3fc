"""The query language read into the engine-neutral query tree (index.search.parser): what each
piece of syntax asks the index for, in index terms."""

from __future__ import annotations

from datetime import datetime

import pytest

from index.errors import QueryError
from index.search.parser import parse
from index.search.query import (And, AndMaybe, DateRange, Entity, Fuzzy, Not, Or, Phrase, Prefix, Term, TermRange,
                                Wildcard)


def both(node_type, *args, boost: float = 1.0):
    """An unfielded word: searched in the title and the body."""
    return Or((node_type("title", *args), node_type("body", *args)), boost=boost)


def test_words_are_stemmed_folded_and_anded_in_title_and_body():
    assert parse("Verteidigungen Straße") == And((both(Term, "verteid"), both(Term, "strass")))


def test_or_not_minus_and_parentheses():
    assert parse("Streik OR Bahn") == Or((Term("title", "streik"), Term("body", "streik"),
                                         Term("title", "bahn"), Term("body", "bahn")))
    assert parse("Streik NOT Bahn") == And((both(Term, "streik"), Not(both(Term, "bahn"))))
    assert parse("Streik -Bahn") == And((both(Term, "streik"), Not(both(Term, "bahn"))))
    assert parse("Streik UND (Bahn ODER Flug)") == And((both(Term, "streik"), Or((
        Term("title", "bahn"), Term("body", "bahn"), Term("title", "flug"), Term("body", "flug")))))
    assert parse("Streik (Pendler -Unfall)") == And((both(Term, "streik"), both(Term, "pendl"),
                                                    Not(both(Term, "unfall"))))


def test_and_binds_before_or():
    assert parse("a1 AND b1 OR c1") == Or((And((both(Term, "a1"), both(Term, "b1"))),
                                           Term("title", "c1"), Term("body", "c1")))


def test_phrases_keep_their_order_and_stop_words_drop_out():
    assert parse('"Koalition der Willigen"') == both(Phrase, ("koalition", "willig"))
    assert parse('„Koalition der Willigen“~3') == both(Phrase, ("koalition", "willig"), 3)
    assert parse("Ukraine-Krieg") == both(Phrase, ("ukrain", "krieg"))


def test_prefixes_wildcards_and_fuzzy_words():
    assert parse("Verteid*") == Or((Prefix("title", "verteid"), Term("title", "verteid"),
                                   Prefix("body", "verteid"), Term("body", "verteid")))
    assert parse("Sel?nskyj") == both(Wildcard, "sel?nskyj")
    assert parse("Selenskij~") == both(Fuzzy, "selenskij", 1, 2)
    assert parse("Selenskij~2") == both(Fuzzy, "selenskij", 2, 2)
    assert parse("Selenskij~1/1") == both(Fuzzy, "selenskij", 1, 1)


def test_fields_and_their_aliases():
    assert parse("titel:Streik") == Term("title", "streik")
    assert parse("quelle:dpa") == parse("source:dpa") == Term("source", "dpa")
    assert parse('source:"ZEIT ONLINE"') == Phrase("source", ("zeit", "online"))
    assert parse("tag:Ukraine") == Term("tags", "ukraine")
    assert parse("kind:liveblog") == Term("kind", "liveblog")
    assert parse("title:(Streik Bahn)") == And((Term("title", "streik"), Term("title", "bahn")))
    assert parse("source:[a TO c]") == TermRange("source", "a", "c")


def test_dates_are_whole_days_months_or_ranges():
    day = DateRange(datetime(2025, 9, 4), datetime(2025, 9, 4, 23, 59, 59, 999999))
    assert parse("date:2025-09-04") == parse("datum:04.09.2025") == day
    assert parse("published:2025-09") == DateRange(datetime(2025, 9, 1), datetime(2025, 9, 30, 23, 59, 59, 999999))
    assert parse("published:>2025-09-01") == DateRange(datetime(2025, 9, 2), None)
    assert parse("published:<=2025-09-01") == DateRange(None, datetime(2025, 9, 1, 23, 59, 59, 999999))
    assert parse("published:[2025-09-01 TO 2025-09-05]") == DateRange(
        datetime(2025, 9, 1), datetime(2025, 9, 5, 23, 59, 59, 999999))


def test_entity_fields_resolve_names_through_the_lookup():
    asked = []

    def lookup(kind: str, name: str) -> list[str]:
        asked.append((kind, name))
        return ["Q-1", "Q-1", "Q-2"] if name == "Emmanuel Macron" else []

    assert parse('person:"Emmanuel Macron"', lookup) == Entity("person", "Emmanuel Macron", ("Q-1", "Q-2"))
    assert parse("ort:Atlantis", lookup) == Entity("place", "Atlantis", ())
    assert asked == [("person", "Emmanuel Macron"), ("place", "Atlantis")]


def test_quote_searches_the_quotes_text_and_said_their_speakers():
    asked = []

    def lookup(kind: str, name: str) -> list[str]:
        asked.append((kind, name))
        return ["Q-merz"] if name == "Merz" else []

    assert parse("quote:Truppenpräsenz") == parse("zitat:Truppenpräsenz") == Term("quotes", "truppenprasenz")
    assert parse('quote:"Koalition der Willigen"') == Phrase("quotes", ("koalition", "willig"))
    assert parse("said:Merz", lookup) == Entity("said", "Merz", ("Q-merz",), field="speakers")
    asked.clear()
    assert parse("said:Merz quote:Krieg -person:Merz", lookup) == And((
        Entity("said", "Merz", ("Q-merz",), field="speakers"), Term("quotes", "krieg"),
        Not(Entity("person", "Merz", ("Q-merz",)))))
    assert asked == [("said", "Merz"), ("person", "Merz")]  # said: asks for an entity of any kind


def test_boosts_weigh_the_part_they_follow():
    assert parse("Streik Unfall^2") == And((both(Term, "streik"), both(Term, "unfall", boost=2.0)))
    assert parse("Gewerk*^2 OR Polizei") == Or((
        Or((Prefix("title", "gewerk"), Term("title", "gewerk")), boost=2.0),
        Or((Prefix("body", "gewerk"), Term("body", "gewerk")), boost=2.0),
        Term("title", "polizei"), Term("body", "polizei")))


def test_plus_requires_a_word_and_the_rest_only_scores():
    assert parse("+Bahn Streik") == AndMaybe(both(Term, "bahn"), both(Term, "streik"))


@pytest.mark.parametrize(("query", "message"), [
    ("", "The search is empty; type a word to search for."),
    ("der und die", "The query only has words too common to search for (der, und, die)."),
    ('"Streik', 'The query has an opening quote (") without a closing one.'),
    ("(Streik", "The query opens a parenthesis that is never closed."),
    ("farbe:rot", "There is no field called 'farbe'"),
    ("Streik AND", "AND needs a word after it."),
    ("date:gestern", "Could not read the date 'gestern'; write it as 2025-09-04 or 04.09.2025."),
    ("published:[2025-09-05 TO 2025-09-01]", "The date range from 2025-09-05 to 2025-09-01 ends before it starts."),
    ("person:[a TO b]", "person: takes a name, e.g. person:Macron."),
    ("said:", "said: needs something to search for, e.g. said:Merz."),
    ("quote: Waffenruhe", "quote: needs something to search for, e.g. quote:Waffenruhe."),
    ("Selenskij~3", "A fuzzy search allows at most 2 differences (word~2), not 3."),
])
def test_what_cannot_be_searched_gets_one_sentence(query: str, message: str):
    with pytest.raises(QueryError) as refused:
        parse(query)
    assert str(refused.value).startswith(message)
