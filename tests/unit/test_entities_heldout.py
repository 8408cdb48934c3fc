"""The fixed split of the annotated sets (index/entities/heldout.py) on the real data in
../shared/data: the test part shares nothing with what the model is trained or tuned on,
and `python -m index.entities.heldout` prints the figures of every test set."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from index.entities import EntityPipeline, build_data, corpora, heldout

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
        # (SmartData pages share sign-up and cookie sentences with other pages)
        assert sum(tuple(s) in trained for s, _ in sentences) < len(sentences) // 5, name


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
