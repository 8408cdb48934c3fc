"""Snippets: the word run around a match (Ukraine-Krieg), and fragments with their whitespace
collapsed (a fast path for single spaces) whose match offsets still point at the matches."""

from __future__ import annotations

import bisect
import random
import re

from index import search_snippets

ALPHABET = "ab-Ä ß_1.\n\t-- xyzé"


def collapsed_reference(fragment: str):
    stripped = fragment.strip()
    lead = len(fragment) - len(fragment.lstrip())
    run_ends, removed, total = [], [], lead
    for match in re.finditer(r"\s+", stripped):
        total += len(match.group()) - 1
        run_ends.append(match.end() + lead)
        removed.append(total)

    def shift(offset: int) -> int:
        index = bisect.bisect_right(run_ends, offset) - 1
        return offset - (removed[index] if index >= 0 else lead)

    return re.sub(r"\s+", " ", stripped), shift


def random_texts(count: int):
    rng = random.Random(7)
    for _ in range(count):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 200)))
        if rng.random() < 0.2:  # runs longer than the regex's look-back
            text = "a" * rng.randint(60, 150) + "-b" * rng.randint(0, 40) + text
        yield rng, text


def test_hyphenated_compounds_are_one_run():
    text = "Im Ukraine-Krieg -- so die NATO-Chefin - bleibt es still."
    hits = re.finditer("krieg|chefin", text.lower())
    assert [text[a:b] for a, b in search_snippets._chains(text, hits)] == ["Ukraine-Krieg", "NATO-Chefin"]


def test_collapsed_whitespace_and_its_offsets_match_the_reference():
    for rng, text in random_texts(5000):
        fragment = text[: rng.randint(0, len(text))]
        collapsed, shift = search_snippets._collapse_whitespace(fragment)
        expected, expected_shift = collapsed_reference(fragment)
        assert collapsed == expected
        assert [shift(offset) for offset in range(len(fragment) + 1)] == \
            [expected_shift(offset) for offset in range(len(fragment) + 1)]
