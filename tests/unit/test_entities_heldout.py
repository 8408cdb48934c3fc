"""The fixed split of the annotated sets (index/entities/heldout.py) on the real data in
../shared/data: the test part shares nothing with what the model is trained or tuned on,
and `python -m index.entities.heldout` prints the figures of every test set."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from index.entities import EntityPipeline, build_clusters, build_data, corpora, heldout, train
from index.entities.tokenize import tokenize

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


@pytest.fixture(scope="module")
def source() -> Path:
    if not heldout.germeval_path(DATA).is_file():
        pytest.fail(f"The annotated data sets are missing: expected them under {DATA.resolve()}")
    return DATA


def test_no_test_sentence_or_document_is_trained_or_tuned_on(source):
    trained = build_data.training_sentences(source, with_europeana=False)
    seen = {tuple(tokens) for _, sentences in trained for tokens, _ in sentences}
    test_sets = heldout.part_sets(source, "test")
    assert [name for name, _ in test_sets] == [
        "GermEval test 1801-2200, news sentences", "GermEval test 1801-2200, all sentences",
        "SmartData v3 dev, documents not in v1 train"]
    for name, sentences in test_sets:
        assert sentences, name
        overlap = [s for s, _ in sentences if tuple(s) in seen and len(s) > 5]
        assert not overlap, name

    v1, v3 = heldout.smartdata_paths(source)
    train_ids = {d["id"] for d in corpora.smartdata_documents(v1)}
    unseen = heldout._unseen_test(source)
    test_documents = [d for d in corpora.smartdata_documents(v3) if unseen(d)]
    assert 90 <= len(test_documents) < 228
    assert not {d["id"] for d in test_documents} & train_ids


def test_the_dev_part_is_left_out_of_the_training_sets_when_asked(source):
    without = build_data.training_sentences(source, with_europeana=False, without_dev=True)
    trained = {tuple(tokens) for _, sentences in without for tokens, _ in sentences}
    for name, sentences in heldout.part_sets(source, "dev"):
        assert sentences, name
        # SmartData pages share sign-up and cookie sentences with other pages: left out
        assert not [s for s, _ in sentences if tuple(s) in trained], name


def test_each_half_of_the_dev_part_is_left_out_of_the_model_that_reads_it(source):
    halves = {}
    for half in heldout.HALVES:
        trained = build_data.training_sentences(source, with_europeana=False, without_half=half)
        seen = {tuple(tokens) for _, sentences in trained for tokens, _ in sentences}
        sets = heldout.part_sets(source, "dev", half=half)
        first, last = heldout.GERMEVAL_HALVES[half]
        assert [name for name, _ in sets] == [
            f"GermEval dev {first}-{last}, news sentences",
            f"GermEval dev {first}-{last}, all sentences",
            f"SmartData v1 train, dev documents (half {half} of every tenth)"]
        for name, sentences in sets:
            assert sentences, name
            assert not [s for s, _ in sentences if tuple(s) in seen], name
        halves[half] = {tuple(s) for _, sentences in sets for s, _ in sentences}
    assert not halves["A"] & halves["B"]
    whole = {tuple(s) for _, sentences in heldout.part_sets(source, "dev") for s, _ in sentences}
    assert halves["A"] | halves["B"] <= whole
    assert len(halves["A"] | halves["B"]) > 0.9 * len(whole)


def test_the_word_clusters_of_a_fold_model_never_saw_its_half(source):
    """Clusters are learnt from unlabelled text; a fold model's are built without its held-out
    half, as the shipped ones never saw the test part."""
    everything = {tuple(t) for t in build_clusters.unlabelled_sentences(source)}
    for half in heldout.HALVES:
        first, last = heldout.GERMEVAL_HALVES[half]
        ids = heldout.smartdata_half_ids(source, half)
        texts = [tuple(tokens) for tokens, _ in corpora.read_germeval(heldout.germeval_path(source), first, last)]
        texts += [tuple(t.text for t in tokenize(d["text"]["string"]))
                  for d in heldout._train_documents(source) if d["id"] in ids]
        assert len(texts) > 150 and set(texts) <= everything
        without = {tuple(t) for t in build_clusters.unlabelled_sentences(source, half)}
        assert not set(texts) & without
        assert len(without) > 0.9 * len(everything)


def test_a_half_is_a_half_of_the_dev_part_only_and_its_model_is_never_shipped(source, caplog):
    with caplog.at_level(logging.INFO):
        assert heldout.main(["test", "--half", "B", "--data", str(source)]) == 1
        assert caplog.records[-1].getMessage() == (
            "--half names a half of the dev part: use it with dev, not test.")
        assert train.main([str(source), "--hold-out", "A"]) == 1
        assert caplog.records[-1].getMessage() == (
            "A model trained --hold-out is no model to ship: give it an --output.")


def test_the_command_prints_precision_recall_and_f1_of_each_test_set(source, caplog):
    with caplog.at_level(logging.INFO):
        assert heldout.main(["test", "--json", "--data", str(source)]) == 0
    report = json.loads(caplog.records[-1].getMessage())
    assert len(report) == 3
    for scores in report.values():
        for kind in ("person", "org", "place", "micro"):
            assert 0.3 < scores[kind]["f1"] <= 1.0
            assert scores[kind]["gold"] > 10


def test_a_missing_data_folder_is_one_clear_sentence(tmp_path, caplog):
    with caplog.at_level(logging.INFO):
        assert heldout.main(["--data", str(tmp_path)]) == 1
    assert caplog.records[-1].getMessage() == (
        f"No annotated data at {tmp_path}: give its folder with --data.")


def test_the_dev_part_can_be_scored_with_word_lists_that_never_saw_it(source):
    """The shipped common words are learnt from train and dev; --train-lists scores the dev
    part with lists learnt from the train part alone, as unseen text meets them."""
    trained = build_data.training_sentences(source, without_dev=True)
    train_words = {token.lower() for _, sentences in trained for tokens, _ in sentences for token in tokens}
    dev_only = {token.lower() for _, sentences in heldout.part_sets(source, "dev")
                for tokens, tags in sentences for token, tag in zip(tokens[1:], tags[1:])
                if tag == "O" and token[:1].isupper() and token.isalpha()} - train_words
    with heldout._pipeline_with_train_lists(source, None) as pipeline:
        train_common = pipeline._recogniser.lexicon.common_words
    shipped = EntityPipeline.load()._recogniser.lexicon.common_words
    assert len(dev_only & shipped) > 20
    assert not dev_only & train_common
