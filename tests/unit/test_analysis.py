"""The German analyzer: what a search for one word will and will not find."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.search.whoosh.analyzers import GermanAnalyzer
from index.analysis import (
    analyze_words,
    index_terms,
    normalize,
    query_terms,
)
from index.decompound import compound_terms, split_compound

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def indexed(text: str) -> list[tuple[str, int, int, int]]:
    """(term, position, start, end) of every token the index stores for ``text``."""
    analyzer = GermanAnalyzer()
    return [
        (token.text, token.pos, token.startchar, token.endchar)
        for token in analyzer(text, positions=True, chars=True, mode="index")
    ]


def queried(text: str) -> list[str]:
    return [token.text for token in GermanAnalyzer()(text, mode="query")]


def finds(query_word: str, text: str) -> bool:
    """Would a query for ``query_word`` match a document containing ``text``?"""
    (wanted,) = queried(query_word)
    return any(term == wanted for term, *_ in indexed(text))


@pytest.mark.parametrize(
    ("query_word", "text"),
    [
        ("Verteidigung", "Luftverteidigungssysteme"),
        ("Verteidigung", "Verteidigungsfähigkeit"),
        ("Panzer", "Schützenpanzer"),
        ("Luftverteidigung", "Luftverteidigungssysteme"),
        ("Garantien", "Sicherheitsgarantien"),
        ("Garantie", "Sicherheitsgarantien"),
        ("Regierung", "Bundesregierung"),
        ("Sprecherin", "Außenamtssprecherin"),
        ("Truppe", "Friedenstruppe"),
        ("Kurs", "Sprachkurs"),
    ],
)
def test_a_word_finds_compounds_that_contain_it(query_word: str, text: str) -> None:
    assert finds(query_word, text)


@pytest.mark.parametrize(
    ("query_word", "text"),
    [
        ("Aussenamtssprecherin", "Außenamtssprecherin"),
        ("Außenamtssprecherin", "Aussenamtssprecherin"),
        ("Mueller", "Müller"),
        ("Muller", "Müller"),
        ("Müller", "Mueller"),
        ("Schroeder", "Schröder"),
        ("Elysee", "Élysée"),
        ("GARANTIEN", "Garantie"),
    ],
)
def test_umlauts_sharp_s_and_accents_are_folded_both_ways(query_word: str, text: str) -> None:
    assert finds(query_word, text)


@pytest.mark.parametrize(
    ("query_word", "text"),
    [
        ("Antwort", "Verantwortung"),
        ("Rat", "Beratungen"),
        ("Schlag", "Vorschlag"),
        ("Bildung", "Ausbildung"),
        ("Mark", "Dänemark"),
        ("Ton", "Washington"),
        ("Oben", "angehoben"),
        ("Sky", "Selenskyj"),
    ],
)
def test_no_absurd_compound_parts(query_word: str, text: str) -> None:
    assert not finds(query_word, text)


@pytest.mark.parametrize(
    "word",
    ["Haus", "Beratungen", "Verantwortung", "Selenskyj", "Macron", "Sacharowa", "Wladiwostok", "Informationen"],
)
def test_ordinary_words_and_names_stay_whole(word: str) -> None:
    assert split_compound(word.lower()) == ()
    assert index_terms(word) == query_terms(word)


def test_compound_parts_follow_the_linking_elements() -> None:
    assert [part.lemma for part in split_compound("luftverteidigungssysteme")] == ["luft", "verteidigung", "systeme"]
    assert [part.lemma for part in split_compound("bundesregierung")] == ["bund", "regierung"]
    assert [part.lemma for part in split_compound("sprachkurs")] == ["sprache", "kurs"]
    assert [part.lemma for part in split_compound("kriegsende")] == ["krieg", "ende"]
    assert set(compound_terms("luftverteidigungssysteme")) == {
        "luft",
        "verteidigung",
        "systeme",
        "luftverteidigung",
        "verteidigungssysteme",
    }


def test_parts_sit_at_the_position_and_offsets_of_the_whole_word() -> None:
    text = "Die neuen Luftverteidigungssysteme kommen."
    tokens = indexed(text)
    compound = [(pos, start, end) for term, pos, start, end in tokens if text[start:end] == "Luftverteidigungssysteme"]
    assert len(compound) >= 5  # whole word, three parts, two sub-compounds
    assert len(set(compound)) == 1
    assert {term for term, *_ in tokens} >= {normalize("Verteidigung"), normalize("Luft"), normalize("Systeme")}


def test_offsets_point_at_the_words_of_the_text() -> None:
    text = "Außenamtssprecherin Sacharowa sagte in Wladiwostok: „Das ist inakzeptabel.“"
    for term, _pos, start, end in indexed(text):
        surface = text[start:end]
        assert surface.isalnum()
        assert normalize(surface) == term or term in index_terms(surface)


def test_stop_words_are_dropped_without_using_positions() -> None:
    tokens = indexed("die Koalition der Willigen und ihre Pläne")
    assert [(term, pos) for term, pos, *_ in tokens] == [
        (normalize("Koalition"), 0),
        (normalize("Willigen"), 1),
        (normalize("Pläne"), 2),
    ]


def test_queries_are_not_split_into_parts() -> None:
    assert queried("Luftverteidigungssysteme") == [normalize("Luftverteidigungssysteme")]


def test_lowercase_words_are_not_split() -> None:
    assert index_terms("angehoben") == (normalize("angehoben"),)


def test_hyphenated_pair_also_answers_to_its_solid_spelling() -> None:
    text = "Ende des Ukraine-Kriegs"
    (solid,) = queried("Ukrainekriegs")
    spans = [(start, end) for term, _pos, start, end in indexed(text) if term == solid]
    assert [text[start:end] for start, end in spans] == ["Ukraine-Kriegs"]


def test_numbers_are_searchable_but_single_letters_are_not() -> None:
    assert queried("2025 Punkt 5 a") == ["2025", normalize("Punkt"), "5"]


def test_highlight_analysis_matches_the_index() -> None:
    text = SEEDS[0].read_text(encoding="utf-8")
    from_words = sorted((term, pos, start, end) for start, end, pos, terms in analyze_words(text) for term in terms)
    assert from_words == sorted(indexed(text))


def test_every_seed_word_is_indexed_at_its_own_offsets() -> None:
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        tokens = indexed(text)
        assert tokens, path.name
        for term, _pos, start, end in tokens:
            assert term in index_terms(text[start:end]) or "-" in text[start:end]
