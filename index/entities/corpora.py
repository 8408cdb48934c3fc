"""Readers for the annotated corpora used in training and evaluation (not used at run time).

Every reader yields sentences as (tokens, tags) with BIO tags over PER, ORG, LOC only.
GermEval's *deriv / *part and OTH tags are not entities and become O.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

from .tokenize import split_sentences, tokenize

Sentence = tuple[list[str], list[str]]
_KINDS = {"PER", "ORG", "LOC"}


def _clean_tag(tag: str) -> str:
    tag = tag.strip().replace("_", "-").replace(".", "-")
    if len(tag) < 3 or tag[1] != "-" or tag[0] not in "BI":
        return "O"
    kind = tag[2:].upper()
    return tag[0] + "-" + kind if kind in _KINDS else "O"


def _repair_bio(tags: list[str]) -> list[str]:
    """An I- tag that does not continue an entity of its kind starts one."""
    fixed: list[str] = []
    for i, tag in enumerate(tags):
        if tag.startswith("I-") and (i == 0 or fixed[-1][2:] != tag[2:]):
            tag = "B-" + tag[2:]
        fixed.append(tag)
    return fixed


def read_germeval(path: Path, first: int = 1, last: int | None = None) -> Iterator[Sentence]:
    """Sentences numbered first..last (1-based, inclusive) of a GermEval 2014 TSV file."""
    number = 0
    tokens: list[str] = []
    tags: list[str] = []

    def flush() -> Iterator[Sentence]:
        if tokens and number >= first and (last is None or number <= last):
            yield list(tokens), _repair_bio(list(tags))

    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.startswith("#"):
                yield from flush()
                tokens.clear()
                tags.clear()
                number += 1
                continue
            if not line.strip():
                continue
            fields = line.split("\t")
            if len(fields) < 3:
                continue
            if not tokens and number == 0:
                number = 1
            tokens.append(fields[1])
            tags.append(_clean_tag(fields[2]))
    yield from flush()


def read_europeana(path: Path) -> Iterator[Sentence]:
    """Europeana Newspapers BIO files: `token tag` lines; sentences end at . ! ?"""
    tokens: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            fields = line.split()
            if len(fields) != 2:
                continue
            token, tag = fields
            tokens.append(token.replace("¬", ""))
            tags.append(_clean_tag(tag))
            if token in {".", "!", "?"} and len(tokens) > 3:
                yield tokens, _repair_bio(tags)
                tokens, tags = [], []
    if tokens:
        yield tokens, _repair_bio(tags)


def read_hipe(source: Path) -> Iterator[Sentence]:
    """HIPE-2022 TSV files under source/hipe2022_de: OCR newspaper text, one token a line."""
    for path in sorted((source / "hipe2022_de").rglob("*.tsv")):
        tokens, tags = [], []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith(("#", "TOKEN")):
                continue
            fields = line.split("\t")
            tokens.append(fields[0].replace("¬", ""))
            tags.append(_clean_tag(fields[1]))
            if "EndOfSentence" in fields[-1]:
                yield tokens, _repair_bio(tags)
                tokens, tags = [], []


_SMARTDATA_KINDS = {
    "person": "PER",
    "organization": "ORG",
    "organization-company": "ORG",
    "location": "LOC",
    "location-city": "LOC",
    "location-street": "LOC",
}
# Types whose sentences we drop: their spans are neither clearly entities nor clearly not.
_SMARTDATA_UNSURE = {"location-stop", "location-route", "org-position"}


def smartdata_documents(path: Path) -> Iterator[dict]:
    decoder = json.JSONDecoder()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        raw = handle.read()
    pos = 0
    while True:
        while pos < len(raw) and raw[pos].isspace():
            pos += 1
        if pos >= len(raw):
            return
        document, pos = decoder.raw_decode(raw, pos)
        yield document


def read_smartdata(path: Path, common_nouns: frozenset[str] = frozenset(),
                   keep=None) -> Iterator[Sentence]:
    """SmartData documents (those `keep(document)` accepts, when given), re-tokenised;
    sentences with spans that break GermEval's conventions (lower-case adjectives as places,
    generic nouns as organisations, stops, routes) are left out rather than taught either way."""
    for document in smartdata_documents(path):
        if keep is None or keep(document):
            yield from read_smartdata_document(document, common_nouns)


def read_smartdata_document(document: dict, common_nouns: frozenset[str] = frozenset()
                            ) -> Iterator[Sentence]:
    """The sentences of one SmartData document, as read_smartdata gives them."""
    tokens, sentences = smartdata_sentence_ranges(document, common_nouns)
    for a, b, labels in sentences:
        yield [t.text for t in tokens[a:b]], labels


def smartdata_sentence_ranges(document: dict, common_nouns: frozenset[str] = frozenset(),
                              as_v3: bool = False) -> tuple[list, list[tuple[int, int, list[str]]]]:
    """The tokens of one SmartData document and the (start, end, BIO tags) of each sentence
    read_smartdata_document gives. `as_v3` reads v1 as v3 annotates: v3 widened each span
    to the tokens of its tokenizer, which keep a tweet's # or @ on the word ("#Wulff"), so
    such a span opens with the mark, is not capitalised and its sentence is left out."""
    text = document["text"]["string"]
    tokens = tokenize(text)
    labels = ["O"] * len(tokens)
    unsure = [False] * len(tokens)
    starts = {tok.start: i for i, tok in enumerate(tokens)}
    ends = {tok.end: i for i, tok in enumerate(tokens)}
    mentions = (document.get("conceptMentions") or {}).get("array") or []
    spans = []
    for mention in mentions:
        kind_name = mention["type"].lower().replace("_", "-")
        span = mention["span"]
        start = span["start"]
        while as_v3 and start and text[start - 1] in "#@":
            start -= 1
        spans.append((start, span["end"], kind_name))
    # Longest first so nested spans do not overwrite their container.
    for start, end, kind_name in sorted(spans, key=lambda s: s[0] - s[1]):
        if kind_name not in _SMARTDATA_KINDS and kind_name not in _SMARTDATA_UNSURE:
            continue
        first, last = starts.get(start), ends.get(end)
        surface = text[start:end]
        if first is None or last is None:
            continue
        kind = _SMARTDATA_KINDS.get(kind_name)
        if (
            kind is None
            or not surface[:1].isupper()
            or (kind == "ORG" and first == last and surface.lower() in common_nouns)
        ):
            for i in range(first, last + 1):
                unsure[i] = True
            continue
        if any(label != "O" for label in labels[first : last + 1]):
            continue
        labels[first] = "B-" + kind
        for i in range(first + 1, last + 1):
            labels[i] = "I-" + kind
    return tokens, [(a, b, labels[a:b]) for a, b in split_sentences(text, tokens)
                    if not any(unsure[a:b]) and b - a >= 2]


def spans_of(tags: list[str]) -> set[tuple[int, int, str]]:
    """Exact entity spans (start, end, kind) of a BIO tag sequence."""
    spans: set[tuple[int, int, str]] = set()
    start, kind = 0, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if tag.startswith("I-") and kind == tag[2:]:
            continue
        if kind is not None:
            spans.add((start, i, kind))
            kind = None
        if tag.startswith(("B-", "I-")):
            start, kind = i, tag[2:]
    return spans


_WORD_RE = re.compile(r"^[^\W\d_][\w'-]*$")


def is_word(token: str) -> bool:
    return bool(_WORD_RE.match(token))
