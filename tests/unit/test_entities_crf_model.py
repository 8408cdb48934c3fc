"""The recogniser reads the CRF model itself and tags as CRFsuite's own tagger does."""

from __future__ import annotations

import tracemalloc
from importlib import resources
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest

from index.entities import EntityPipeline, ModelError, crf_decode, crf_model
from index.entities.features import FeatureExtractor
from index.entities.tokenize import split_sentences, tokenize

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TEXT = ("NATO-Chef Mark Rutte traf am Dienstag in Kiew den ukrainischen Präsidenten Selenskyj. "
        "„Wir stehen zusammen“, sagte Rutte. Die Deutsche Bank und die Stadtwerke München "
        "meldeten Gewinne, berichtete die Nachrichtenagentur dpa. BERLIN (AFP) - Außenministerin "
        "Annalena Baerbock (Grüne) reist nach Paris; Wolodymyr Selenskyjs Berater widersprach.\n\n"
        "Merz\n\nMacron sagte: „Paris bleibt.“ Ja! Angela Merkel, Emmanuel Macron und Olaf Scholz "
        "trafen sich in Berlin-Mitte mit Vertretern von Siemens, der Bundeswehr und der UNO.")


@pytest.fixture(scope="module")
def model_path():
    with resources.as_file(resources.files("index.entities") / "data" / "ner.crfsuite") as path:
        yield path


@pytest.fixture(scope="module")
def pipeline() -> EntityPipeline:
    return EntityPipeline.load()


@pytest.fixture(scope="module")
def crfsuite_tagger(model_path) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    return tagger


def test_the_model_read_has_crfsuites_names_and_weights(model_path, crfsuite_tagger):
    model = crf_model.read_model(model_path)
    assert model is not None
    info = crfsuite_tagger.info()
    assert model.labels == crfsuite_tagger.labels()
    assert set(model.attributes) == {attribute for attribute, _label in info.state_features}
    attribute = {name: number for number, name in enumerate(model.attributes)}
    label = {name: number for number, name in enumerate(model.labels)}
    expected = np.zeros_like(model.state_weights)
    for (name, tag), weight in info.state_features.items():
        expected[attribute[name], label[tag]] = weight
    transitions = np.zeros_like(model.transitions)
    for (before, after), weight in info.transitions.items():
        transitions[label[before], label[after]] = weight
    # info() gives the weights as CRFsuite's dump prints them: six decimals.
    assert np.abs(model.state_weights - expected).max() <= 5e-7
    assert np.abs(model.transitions - transitions).max() <= 5e-7
    assert np.count_nonzero(model.state_weights) == len(info.state_features)


def test_a_file_that_is_no_model_is_refused(tmp_path: Path, model_path):
    (tmp_path / "bad.crfsuite").write_bytes(b"lCRF" + bytes(100))
    truncated = tmp_path / "truncated.crfsuite"
    truncated.write_bytes(Path(model_path).read_bytes()[:500_000])
    for path in (tmp_path / "bad.crfsuite", tmp_path / "missing.crfsuite", truncated):
        assert crf_model.read_model(path) is None
    with pytest.raises(ModelError, match="cannot be read"):
        EntityPipeline.load(model_path=truncated)


def _texts() -> list[str]:
    texts = [TEXT] + [path.read_text(encoding="utf-8") for path in sorted(SEEDS.iterdir())]
    assert len(texts) == 6
    return texts


def test_every_sentence_gets_crfsuites_labels(pipeline, crfsuite_tagger):
    """The recogniser's own scoring and decoding against CRFsuite's tagger given the features
    the model was trained on, over the seed articles and a text with quotes, one-word
    sentences, gazetteer hits at sentence edges and hyphenated names."""
    recogniser = pipeline._recogniser
    features = FeatureExtractor(recogniser.lexicon)
    sentences_seen = entity_tokens = 0
    for text in _texts():
        tokens = tokenize(text)
        words = [t.text for t in tokens]
        sentences = split_sentences(text, tokens)
        matches = [recogniser.gazetteer.match_all(words[a:b]) for a, b in sentences]
        expected = [crfsuite_tagger.tag(features.sequence(words[a:b], found))
                    for (a, b), found in zip(sentences, matches)]
        assert recogniser.tagger.tag(words, sentences, matches) == expected
        sentences_seen += len(sentences)
        entity_tokens += sum(tag != "O" for tags in expected for tag in tags)
    assert sentences_seen > 100 and entity_tokens > 100


@pytest.mark.parametrize("batch_cells", [crf_decode.BATCH_CELLS, 1, 40])
def test_labels_do_not_depend_on_the_other_sentences_tagged_with_them(pipeline, monkeypatch, batch_cells):
    """Nor on how the sentences are batched for decoding (one at a time, a few, all at once)."""
    monkeypatch.setattr(crf_decode, "BATCH_CELLS", batch_cells)
    recogniser = pipeline._recogniser
    tokens = tokenize(TEXT)
    words = [t.text for t in tokens]
    sentences = split_sentences(TEXT, tokens)
    matches = [recogniser.gazetteer.match_all(words[a:b]) for a, b in sentences]
    together = recogniser.tagger.tag(words, sentences, matches)
    alone = [recogniser.tagger.tag(words[a:b], [(0, b - a)], [found])[0]
             for (a, b), found in zip(sentences, matches)]
    assert together == alone
    assert any(len(tags) == 1 for tags in alone) and len({len(tags) for tags in alone}) > 3
    assert ["B-PER", "I-PER"] in [tags[i:i + 2] for tags in together for i in range(len(tags))]


def test_sentences_must_cover_the_words_in_order(pipeline):
    tagger = pipeline._recogniser.tagger
    assert tagger.tag(["Rutte"], [], []) == []
    with pytest.raises(ValueError):
        tagger.tag(["Merz", "sagt", "."], [(1, 3)], [[]])
    with pytest.raises(ValueError):
        tagger.tag(["Merz", "sagt", "."], [(0, 1), (2, 3)], [[], []])


def test_a_very_long_sentence_is_decoded_without_padding_the_others_to_its_length(pipeline, crfsuite_tagger):
    """A liveblog without full stops: one 30,000-word sentence among short ones gives
    CRFsuite's labels, decoded in a batch of its own."""
    recogniser = pipeline._recogniser
    features = FeatureExtractor(recogniser.lexicon)
    long_text = " ".join(["Kanzler Friedrich Merz sprach in Berlin mit Emmanuel Macron und der Nato"] * 2_500)
    text = TEXT + "\n\n" + long_text + "\n\n" + TEXT
    tokens = tokenize(text)
    words = [t.text for t in tokens]
    sentences = split_sentences(text, tokens)
    assert max(b - a for a, b in sentences) == 30_000 > crf_decode.BATCH_CELLS
    matches = [recogniser.gazetteer.match_all(words[a:b]) for a, b in sentences]
    recogniser.tagger.tag(words, sentences, matches)  # the words' scores, once
    tracemalloc.start()
    try:
        tagged = recogniser.tagger.tag(words, sentences, matches)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # ~24 MB; padding all 15 sentences to the long one's length took ~65 MB
    assert peak < 40 * 2**20
    for (a, b), found, tags in zip(sentences, matches, tagged):
        assert tags == crfsuite_tagger.tag(features.sequence(words[a:b], found))
