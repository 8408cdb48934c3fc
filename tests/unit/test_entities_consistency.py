"""One name, one kind in an article; names the model itself doubts and the text uses once are
not listed; the model's marginals behind that."""

from __future__ import annotations

import pytest

from index.entities import EntityPipeline, recognise
from index.entities.link import link
from index.entities.spans import Span
from index.entities.tokenize import split_sentences, tokenize


@pytest.fixture(scope="module")
def pipeline() -> EntityPipeline:
    return EntityPipeline.load()


def test_a_name_keeps_the_kind_most_of_its_mentions_have(pipeline):
    text = "Die Zollfahndung Quelbrunnhof fand Waren in Quelbrunnhof. Auch in Quelbrunnhof und bei Quelbrunnhof."
    words = [t.text for t in tokenize(text)]
    at = [i for i, w in enumerate(words) if w == "Quelbrunnhof"]
    spans = [Span(1, 3, "person")] + [Span(i, i + 1, "place") for i in at[1:]]
    mentions = link(text, tokenize(text), spans, pipeline.gazetteer)
    assert [m.kind for m in mentions if m.text == "Quelbrunnhof"] == ["place", "place", "place"]


def test_the_marginals_are_sure_of_known_names_and_of_punctuation(pipeline):
    text = "Angela Merkel sprach in Berlin. Dann ging sie."
    tokens = tokenize(text)
    words = [t.text for t in tokens]
    sentences = split_sentences(text, tokens)
    tagger = pipeline._recogniser.tagger
    matches = [pipeline.gazetteer.match_all(words[a:b]) for a, b in sentences]
    tagger.tag(words, sentences, matches)
    outside = tagger.outside_probabilities(list(range(len(sentences))))
    assert outside.shape == (len(words),)
    assert max(outside[words.index("Merkel")], outside[words.index("Berlin")]) < 0.1
    assert min(outside[words.index(".")], outside[words.index("sprach")]) > 0.9


def test_doubted_one_off_names_go_and_known_or_repeated_ones_stay(pipeline, monkeypatch):
    once = "Gestern traf Quendolin Kowalczyk in Wiesbaden Angela Merkel."
    twice = once + " Quendolin Kowalczyk lachte."
    before = {m.text for m in pipeline.extract(once)}
    assert {"Quendolin Kowalczyk", "Wiesbaden", "Angela Merkel"} <= before
    monkeypatch.setattr(recognise, "ONE_OFF_CONFIDENCE", 1.01)  # every model span doubted
    assert {m.text for m in pipeline.extract(once)} == {"Wiesbaden", "Angela Merkel"}
    assert "Quendolin Kowalczyk" in {m.text for m in pipeline.extract(twice)}


def test_a_known_first_name_and_an_unknown_surname_are_never_doubted(pipeline, monkeypatch):
    monkeypatch.setattr(recognise, "ONE_OFF_CONFIDENCE", 1.01)  # every model span doubted
    found = {m.text for m in pipeline.extract("Gestern traf Hannelore Kowalczyk in Wiesbaden Angela Merkel.")}
    assert "Hannelore Kowalczyk" in found


def test_a_kind_the_text_states_outweighs_the_models_repeated_guesses(pipeline):
    text = ("Der Schokoladenhersteller Kellermann hat Probleme. Kellermann versteht sich als "
            "Premiumhersteller. Kellermann bekommen Sie im Supermarkt. Kellermann ist nichts "
            "Besonderes mehr, sagt Kellermann.")
    kinds = [m.kind for m in pipeline.extract(text) if m.text == "Kellermann"]
    assert kinds == ["org"] * 5


def test_the_library_shows_a_names_dominant_kind(pipeline):
    from index.entities import EntityRecord

    records = [EntityRecord("place:quelbrunnhof", "place", {"Quelbrunnhof": 6}),
               EntityRecord("person:quelbrunnhof", "person", {"Quelbrunnhof": 2}),
               EntityRecord("org:quelbrunnhof", "org", {"Quelbrunnhof": 1})]
    resolved = pipeline.resolve(records)
    assert {entity.id for entity in resolved.values()} == {"place:quelbrunnhof"}
    assert resolved["person:quelbrunnhof"].kind == "place"


def test_a_firm_named_in_a_compound_is_still_the_firm_its_category_says(pipeline):
    """"Varnotec-Vorstandschef" repeats the kind the CRF guessed for "Varnotec"; it must not
    outvote "der Glücksspielkonzern Varnotec", which says what Varnotec is."""
    text = ("Brunnthal – Der Glücksspielkonzern Varnotec steigt bei den Kasinos ein. Varnotec will mehr als "
            "die Hälfte. Das Angebot von Varnotec sei angemessen, hieß es. Das sei ein guter Tag, kommentiert "
            "Varnotec-Vorstandschef Karl Huber.")
    assert {m.kind for m in pipeline.extract(text) if m.text == "Varnotec"} == {"org"}


@pytest.mark.parametrize("surname", ["Wendeldorf", "Marbach"])  # unknown, and a small town
def test_a_surname_alone_is_the_person_the_text_named_in_full(pipeline, surname):
    """An interview names its guest once in full, then by surname before each answer; the
    model's guess that the lone surname is a town does not outweigh the full name."""
    text = (f"Die Archäologin Iris {surname} vom Institut sprach mit uns über den Jemen. "
            f"STANDARD: Wie schlimm ist es? {surname}: Sehr schlimm. STANDARD: Und die Museen? "
            f"{surname}: Wir warten ab. STANDARD: Wer kauft? {surname}: Museen in Europa. "
            f"STANDARD: Reicht das? {surname}: Nein.")
    found = [(m.text, m.kind) for m in pipeline.extract(text) if surname in m.text]
    assert found == [(f"Iris {surname}", "person")] + [(surname, "person")] * 4


def test_an_interviews_speaker_is_a_person_and_its_paper_and_words_are_not(pipeline):
    text = ("Der Generalsekretär Thorvald Kvamsund über die Flüchtlingskrise. STANDARD: Wie sollte "
            "Ungarn mit den Flüchtlingen umgehen? Kvamsund: Ich erwarte Solidarität. STANDARD: Und "
            "Österreich? Kvamsund: Ich kann mich nicht beschweren. Frage: Reicht das? Antwort: Nein.")
    kinds = {(m.text, m.kind) for m in pipeline.extract(text)}
    assert ("Kvamsund", "person") in kinds
    assert not {name for name, kind in kinds if kind == "person"} & {"STANDARD", "Frage", "Antwort"}


@pytest.mark.parametrize("text, surname", [
    ("Die Regeln wurden von Quendolin Kowalczyk und Oberlin allein festgelegt.", "Oberlin"),
    ("Im Saal saßen Hannelore Kowalczyk, Fröschl und Max Quendel.", "Fröschl"),
])
def test_a_listed_surname_beside_a_person_is_a_person(pipeline, text, surname):
    assert (surname, "person") in [(m.text, m.kind) for m in pipeline.extract(text)]
