"""Snippets: the word run around a match (Ukraine-Krieg), and fragments with their whitespace
collapsed (a fast path for single spaces) whose match offsets still point at the matches."""

from __future__ import annotations

import random
import re

from index.search import snippets as search_snippets

ALPHABET = "ab-Ä ß_1.\n\t-- xyzé"


def random_texts(count: int):
    rng = random.Random(7)
    for _ in range(count):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 200)))
        if rng.random() < 0.2:  # long hyphenated word runs
            text = "a" * rng.randint(60, 150) + "-b" * rng.randint(0, 40) + text
        yield rng, text


def test_hyphenated_compounds_are_one_run():
    text = "Im Ukraine-Krieg -- so die NATO-Chefin - bleibt es still."
    hits = re.finditer("krieg|chefin", text.lower())
    assert [text[a:b] for a, b in search_snippets._chains(text, hits)] == ["Ukraine-Krieg", "NATO-Chefin"]


def test_collapsed_whitespace_and_its_offsets_are_those_of_the_general_way():
    for rng, text in random_texts(5000):
        fragment = text[: rng.randint(0, len(text))]
        if rng.random() < 0.5:
            fragment = " ".join(fragment.split())  # single spaces only: the fast path
        fragment = " " * rng.randint(0, 2) + fragment + " " * rng.randint(0, 2)
        collapsed, shift = search_snippets._collapse_whitespace(fragment)
        lead = len(fragment) - len(fragment.lstrip())
        expected, expected_shift = search_snippets._collapse_runs(fragment.strip(), lead)
        assert collapsed == expected
        assert [shift(offset) for offset in range(len(fragment) + 1)] == \
            [expected_shift(offset) for offset in range(len(fragment) + 1)]
