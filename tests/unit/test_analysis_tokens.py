"""The analyzer's fast path for the index gives the terms and positions analyze_words does."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.analysis import analyze_words
from index.search.whoosh.analyzers import GermanAnalyzer

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
TEXTS = [
    "Der Ukraine-Krieg und die Luftverteidigungssysteme: NATO-Chef Rutte in Kiew.",
    "Nord-Süd-Dialog, E-Mail, Corona-Pandemie-Folgen und der 1.800-Euro-Bonus",
    "- Anfang-, Ende -Mitte - und --Doppel--Strich; 2025-09-04 um 14:56",
    "",
    "der die das",
]


def from_analyze_words(text: str) -> list[tuple[str, int]]:
    return [(term, position) for _start, _end, position, terms in analyze_words(text)
            for term in terms]


@pytest.mark.parametrize("text", TEXTS + [path.read_text(encoding="utf-8") for path in SEEDS])
def test_index_tokens_are_those_of_analyze_words(text: str) -> None:
    analyzer = GermanAnalyzer()
    fast = [(t.text, t.pos) for t in analyzer(text, positions=True, mode="index")]
    with_chars = [(t.text, t.pos) for t in analyzer(text, positions=True, chars=True, mode="index")]
    assert fast == with_chars == from_analyze_words(text)
