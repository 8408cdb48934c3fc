"""Plain words are no names and laws are no organisations (made-up names where one is needed)."""

from __future__ import annotations

import pytest

from index.entities import EntityPipeline


@pytest.fixture(scope="module")
def pipeline() -> EntityPipeline:
    return EntityPipeline.load()


def found(pipeline, text):
    return [(m.text, m.kind) for m in pipeline.extract(text) if not m.partial]


def test_a_name_particle_alone_is_no_name(pipeline):
    assert found(pipeline, "De facto änderte sich nichts, sagte sie.") == []


def test_everyday_loanwords_are_no_organisation_but_english_names_stay(pipeline):
    assert found(pipeline, "Die Chefs seien auf Social Media nicht geschult, sagte Lena Marquardt.") \
        == [("Lena Marquardt", "person")]
    assert ("Freedom Center", "place") in found(
        pipeline, 'In New York soll ein " Freedom Center " auf Ground Zero entstehen .')


def test_in_english_text_a_month_or_an_everyday_word_is_no_place(pipeline):
    text = "In May 2015, the team dropped support for the old version and it was fine."
    assert found(pipeline, text) == []


def test_an_adjective_opening_a_sentence_is_no_first_name(pipeline):
    text = "Wilder Strand, menschenleer. Die wilde Seite der Insel Hallbrook lockt."
    assert all(kind != "person" for _, kind in found(pipeline, text))


@pytest.mark.parametrize("text, law", [
    ("Das verstößt gegen § 13 Abs. 6 KVG. Das KVG gilt seit Jahren.", "KVG"),
    ("Nach dem Bürgerlichen Gesetzbuch (BGB) haftet er; das BGB ist klar.", "BGB"),
    ("Die Firma verstößt gegen das UWG, sagte der Anwalt Jonas Prell.", "UWG"),
])
def test_a_cited_law_is_other_in_every_mention(pipeline, text, law):
    kinds = {kind for name, kind in found(pipeline, text) if name == law}
    assert kinds == {"other"}


def test_an_organisation_abbreviation_stays_an_organisation(pipeline):
    assert ("KVG", "org") in found(pipeline, "Die KVG erhöht die Preise für Busfahrten.")


def test_a_word_german_does_not_use_opening_a_sentence_before_its_verb_is_a_name(pipeline):
    """The CRF doubts any capital at the start of a sentence; a word no dictionary knows,
    before a finite verb, names someone, and a capital inside it names a firm."""
    assert ("Wrzodek", "person") in found(
        pipeline, "Wrzodek habe die Produktion wieder angefahren, um Käufern ein Werk zu zeigen.")
    assert ("ZentaVolt", "org") in found(pipeline, "ZentaVolt wurde vor drei Jahren gegründet.")
    assert ("Wrzodek", "person") in found(pipeline, "Wrzodek kaufte die Zeitung vor einem Jahr.")


@pytest.mark.parametrize("text", [
    "Läuferisch habe ich es nicht drauf, meinte der Sieger.",
    "Ersatzpolizei sei das nicht, sagte der Bürgermeister.",
    "Finalisieren müsse das Paket die Regierung.",
    "Outline ist auch ein Künstlerroman.",
    "Astronautin fotografierte die Erde aus dem All.",
    "Kreditvergaben könnten bald strenger geprüft werden.",
])
def test_an_everyday_word_opening_a_sentence_before_its_verb_is_no_name(pipeline, text):
    assert found(pipeline, text) == []


@pytest.mark.parametrize("text", [
    "Er hat in der Champions League bereits sechsmal getroffen.",
    "Die 50. Super Bowl bewegt ihn besonders.",
    "Es ist ein Politdrama im Stil von House of Cards.",
])
def test_an_english_word_cut_from_an_english_name_is_no_person(pipeline, text):
    assert all(kind != "person" for _, kind in found(pipeline, text))


def test_half_a_word_before_und_is_no_unknown_name():
    """"Wrzodek- und Pflanzenschutz": the rules for words German does not use see no name."""
    from index.entities.lexicon import Lexicon
    from index.entities.plain_words import unknown_to_german

    lexicon = Lexicon.load()
    assert unknown_to_german("Wrzodek", lexicon)
    assert not unknown_to_german("Wrzodek-", lexicon)


@pytest.mark.parametrize("text, title", [
    ("Ob die Neuverfilmung von Point Break eine gute Idee war, bleibt offen.", "Point Break"),
    ("Der Gerichtshof hatte Safe Harbor im vergangenen Jahr für hinfällig erklärt.", "Safe Harbor"),
])
def test_a_title_of_everyday_english_words_is_no_person(pipeline, text, title):
    assert (title, "person") not in [(m.text, m.kind) for m in pipeline.extract(text)]


def test_a_person_with_a_listed_first_name_and_english_words_stays(pipeline):
    found = [(m.text, m.kind) for m in pipeline.extract("Gestern sang Kevin Strange in Graz.")]
    assert ("Kevin Strange", "person") in found


def test_an_english_word_cut_from_an_english_name_is_no_place(pipeline):
    text = "Das Genre Heavy Metal kennt viele Spielarten, sagte der Metal Gear-Erfinder in Kalifornien."
    assert [m.text for m in pipeline.extract(text) if m.kind == "place"] == ["Kalifornien"]


def test_copies_of_a_word_found_to_be_no_name_go_with_it(pipeline):
    """A compound noun the model once took for a place is no place anywhere in the text."""
    text = ("Wer Verträge liest, stößt auf Preisanpassungsklauseln. Preisanpassungsklauseln "
            "dürfen Kunden nicht benachteiligen.")
    assert "Preisanpassungsklauseln" not in [m.text for m in pipeline.extract(text)]
