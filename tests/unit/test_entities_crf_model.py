"""The tagger is given only the features its model knows: the same tags as with all of them."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from index.entities import EntityPipeline, crf_model
from index.entities.features import FeatureExtractor
from index.entities.tokenize import split_sentences, tokenize

TEXT = ("NATO-Chef Mark Rutte traf am Dienstag in Kiew den ukrainischen Präsidenten Selenskyj. "
        "„Wir stehen zusammen“, sagte Rutte. Die Deutsche Bank und die Stadtwerke München "
        "meldeten Gewinne, berichtete die Nachrichtenagentur dpa. BERLIN (AFP) - Außenministerin "
        "Annalena Baerbock (Grüne) reist nach Paris; Wolodymyr Selenskyjs Berater widersprach.")


@pytest.fixture(scope="module")
def pipeline() -> EntityPipeline:
    return EntityPipeline.load()


def test_the_attribute_names_are_those_with_weights_in_the_model(pipeline):
    tagger = pipeline._recogniser.tagger
    with resources.as_file(resources.files("index.entities") / "data" / "ner.crfsuite") as path:
        names = crf_model.attribute_names(path)
    assert names is not None
    assert names == {attribute for attribute, _label in tagger.info().state_features}


def test_a_file_that_is_no_model_gives_no_names(tmp_path: Path):
    (tmp_path / "bad.crfsuite").write_bytes(b"lCRF" + bytes(100))
    assert crf_model.attribute_names(tmp_path / "bad.crfsuite") is None
    assert crf_model.attribute_names(tmp_path / "missing.crfsuite") is None


def test_known_features_only_give_the_same_tags(pipeline):
    recogniser = pipeline._recogniser
    known = recogniser.features._known
    assert known is not None
    every = FeatureExtractor(recogniser.lexicon)
    only_known = FeatureExtractor(recogniser.lexicon, model_attributes=known)
    tokens = tokenize(TEXT)
    words = [t.text for t in tokens]
    for a, b in split_sentences(TEXT, tokens):
        sentence = words[a:b]
        matches = recogniser.gazetteer.match_all(sentence)
        full = every.sequence(sentence, matches)
        given = only_known.sequence(sentence, matches)
        assert given == [[f.encode() for f in item if f in known] for item in full]
        assert recogniser.tagger.tag(given) == recogniser.tagger.tag(full)
