"""Span rules for organisations the CRF tends to miss: unknown acronyms (EKD, THW)."""

from __future__ import annotations

import re

from .cues import AGENCY_WORDS, DATELINE_MARKS, is_org_suffix
from .lexicon import Lexicon
from .spans import Span, covered_tokens

_ACRONYM_RE = re.compile(r"^[A-ZÄÖÜ](?:[A-ZÄÖÜ]{2,4}|[a-zäöü][A-ZÄÖÜ])$")
_ROMAN_RE = re.compile(r"^[IVXLCDM]+$")


def acronyms(spans: list[Span], words: list[str], lexicon: Lexicon) -> list[Span]:
    """An unknown capitalised abbreviation (EKD, BdB, THW) names an organisation in news
    far more often than anything else; known words (TV, DAX), Roman numerals, words of
    headlines in capitals and agency credits are left alone."""
    covered = covered_tokens(spans)
    added = []
    for i, word in enumerate(words):
        if i in covered or not _ACRONYM_RE.match(word) or word.lower() in AGENCY_WORDS \
                or word.lower() in lexicon.common_words or _ROMAN_RE.match(word) \
                or is_org_suffix(word) or word.capitalize() in lexicon.first_names \
                or word.capitalize() in lexicon.surnames:
            continue
        neighbours = [w for w in words[max(0, i - 2): i + 3] if w != word and w.isalpha()]
        if neighbours and all(w.isupper() for w in neighbours):
            continue  # a headline or a line in capitals
        if i + 1 < len(words) and words[i + 1] in DATELINE_MARKS and i == 0:
            continue
        added.append(Span(i, i + 1, "org"))
    return added
