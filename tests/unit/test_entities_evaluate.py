"""`python -m index.entities.evaluate` on a small file in GermEval 2014's format."""

from __future__ import annotations

import json
import logging

from index.entities import EntityPipeline, corpora
from index.entities.evaluate import evaluate_documents, main

GERMEVAL = """#\tsource\t[2025-09-04]
1\tBundeskanzler\tO\tO
2\tFriedrich\tB-PER\tO
3\tMerz\tI-PER\tO
4\treiste\tO\tO
5\tnach\tO\tO
6\tParis\tB-LOC\tO
7\t.\tO\tO

#\tsource\t[2025-09-04]
1\tDie\tO\tO
2\tBerliner\tB-LOCderiv\tO
3\tNATO-Truppen\tB-ORGpart\tO
4\tstanden\tO\tO
5\tin\tO\tO
6\tLitauen\tB-LOC\tO
7\t,\tO\tO
8\tsagte\tO\tO
9\tdie\tO\tO
10\tNATO\tB-ORG\tO
11\t.\tO\tO

#\tsource\t[2025-09-04]
1\tDas\tO\tO
2\tBuch\tB-ORG\tO
3\t"\tO\tO
4\tKrieg\tB-OTH\tO
5\tund\tI-OTH\tO
6\tFrieden\tI-OTH\tO
7\t"\tO\tO
8\tkennt\tO\tO
9\tjeder\tO\tO
10\tin\tO\tO
11\tder\tO\tO
12\tSchule\tO\tO
13\t.\tO\tO
"""


def test_scores_per_kind_with_derived_and_part_tags_ignored(tmp_path):
    path = tmp_path / "sample.tsv"
    path.write_text(GERMEVAL, encoding="utf-8")
    output = tmp_path / "scores.json"
    assert main([str(path), "--json", "--output", str(output)]) == 0
    report = json.loads(output.read_text(encoding="utf-8"))
    assert report["sentences"] == 3
    assert report["person"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "gold": 1, "predicted": 1}
    # "Buch" tagged as an organisation is an annotation no one could reproduce: missed.
    assert report["org"]["gold"] == 2 and report["org"]["recall"] == 0.5
    assert report["org"]["precision"] == 1.0
    assert report["place"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "gold": 2, "predicted": 2}
    assert report["micro"]["gold"] == 5


def test_plain_report_and_missing_file(tmp_path, caplog, capsys):
    path = tmp_path / "sample.tsv"
    path.write_text(GERMEVAL, encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="index.entities.evaluate"):
        assert main([str(path)]) == 0
    assert "person" in caplog.text and "micro" in caplog.text and "precision" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="index.entities.evaluate"):
        assert main([str(tmp_path / "nope.tsv")]) == 1
    assert "nope.tsv" in caplog.text
    assert capsys.readouterr() == ("", "")  # nothing printed: the command line prints


SMARTDATA_TWEETS = ("Die Ministerin Katharina Sommerfeld besuchte am Montag Leipzig.\n#Wulffo "
                    "sagte, er komme nicht.\nSommerfeld lobte die Stadt.")


def _smartdata_document() -> dict:
    """A made-up document annotated as SmartData v1 does: "Wulffo" without its #."""
    text = SMARTDATA_TWEETS
    mentions = [(name, kind, text.index(name, after)) for name, kind, after in [
        ("Katharina Sommerfeld", "PERSON", 0), ("Leipzig", "LOCATION_CITY", 0),
        ("Wulffo", "PERSON", 0), ("Sommerfeld", "PERSON", text.index("lobte") - 12)]]
    return {"id": "made-up", "text": {"string": text}, "conceptMentions": {"array": [
        {"type": kind, "span": {"start": start, "end": start + len(name)}}
        for name, kind, start in mentions]}}


def test_a_v1_document_reads_as_v3_annotates_tweet_tags():
    tokens, as_v1 = corpora.smartdata_sentence_ranges(_smartdata_document())
    assert len(as_v1) == 3
    assert [tokens[a + i].text for a, _, tags in as_v1 for i, t in enumerate(tags)
            if t != "O"] == ["Katharina", "Sommerfeld", "Leipzig", "Wulffo", "Sommerfeld"]
    # v3 widened "Wulffo" to its tokenizer's "#Wulffo": no capitalised name, the sentence goes
    _, as_v3 = corpora.smartdata_sentence_ranges(_smartdata_document(), as_v3=True)
    assert [(a, b) for a, b, _ in as_v3] == [(a, b) for a, b, _ in as_v1[::2]]


def test_whole_documents_are_recognised_at_once_and_their_sentences_scored():
    tokens, ranges = corpora.smartdata_sentence_ranges(_smartdata_document(), as_v3=True)
    report = evaluate_documents(EntityPipeline.load(), [(SMARTDATA_TWEETS, tokens, ranges)])
    assert report["sentences"] == 2
    assert report["person"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "gold": 2, "predicted": 2}
    assert report["place"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "gold": 1, "predicted": 1}
