"""Span rules for organisations the CRF tends to miss: unknown acronyms (EKD, THW), and
institutions named after someone in one hyphenated word (Otto-Schott-Gymnasium)."""

from __future__ import annotations

import re

from .cues import AGENCY_WORDS, DATELINE_MARKS, is_org_suffix
from .gazetteer import Gazetteer
from .lexicon import Lexicon
from .spans import Span, covered_tokens

_ACRONYM_RE = re.compile(r"^[A-ZÄÖÜ](?:[A-ZÄÖÜ]{2,4}|[a-zäöü][A-ZÄÖÜ])$")
_ROMAN_RE = re.compile(r"^[IVXLCDM]+$")
# Last parts of institutions named as one hyphenated word: Otto-Schott-Gymnasium,
# Karl-Hansen-Klinik, Friedrich-Ebert-Stiftung, Max-Planck-Institut.
_INSTITUTION_HEADS = tuple(
    """gymnasium schule klinik klinikum krankenhaus institut stiftung universität hochschule
    gesellschaft akademie zentrum""".split())


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


def institution_names(spans: list[Span], words: list[str], lexicon: Lexicon,
                      gazetteer: Gazetteer) -> list[Span]:
    """A hyphenated word of names ending in an institution (Otto-Schott-Gymnasium,
    Goethe-Institut) is an organisation; a place or organisation before the head makes a
    compound of a name instead (Bundeswehr-Krankenhaus, Berlin-Institut)."""
    by_token = {s.start: s for s in spans if s.end - s.start == 1 and s.part is None}
    covered = covered_tokens(spans)
    added = []
    for i, word in enumerate(words):
        if "-" not in word[1:-1] or not word[0].isupper() \
                or not word.lower().endswith(_INSTITUTION_HEADS):
            continue
        *names, head = word.split("-")
        if not head[:1].isupper() or not head.lower().endswith(_INSTITUTION_HEADS) \
                or not all(_is_person_name(n, lexicon, gazetteer) for n in names):
            continue
        span = by_token.get(i)
        if span is not None and span.entry is None:
            span.kind = "org"
        elif i not in covered:
            added.append(Span(i, i + 1, "org"))
    return added


def _is_person_name(word: str, lexicon: Lexicon, gazetteer: Gazetteer) -> bool:
    if not word[:1].isupper() or not word.isalpha() or word.lower() in lexicon.common_words:
        return False
    if word in lexicon.first_names or word in lexicon.surnames:
        return True
    hit = gazetteer.match([word], 0, 1)
    return hit is None or hit.entry.kind == "person" or not hit.strong
