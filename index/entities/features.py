"""CRF features per token, cached by token string so that running text costs dict lookups."""

from __future__ import annotations

import re

from .cues import ORG_SUFFIXES, is_org_head, role_of
from .gazetteer import AliasMatch
from .lexicon import Lexicon, word_clusters
from .names import strip_genitive

_CACHE_LIMIT = 300_000
OPENERS = frozenset('"„“”»«:(-–\'‚')
# Features of a word's place in its sentence.
BOS, EOS, FIRST, CAPMID = "BOS", "EOS", "first", "capmid"


def gazetteer_features(matches: list[AliasMatch], count: int) -> list[str | None]:
    """Per word of a sentence of `count` words: the gazetteer hit it begins or continues."""
    gaz: list[str | None] = [None] * count
    for m in matches:
        label = m.entry.kind + ("" if m.strong else "~")
        gaz[m.start] = "gzB=" + label
        for k in range(m.start + 1, m.end):
            gaz[k] = "gzI=" + label
    return gaz


# Most words: one regular expression instead of a loop over the characters.
_COMMON_SHAPES = ((re.compile(r"[A-ZÄÖÜ][a-zäöüß]+"), "Xx"), (re.compile(r"[a-zäöüß]+"), "x"))


def shape(word: str) -> str:
    """Compressed character classes: Rutte -> Xx, NATO -> X, Nato-Truppen -> Xx-Xx, 2025 -> d."""
    for pattern, common_shape in _COMMON_SHAPES:
        if pattern.fullmatch(word):
            return common_shape
    out: list[str] = []
    for ch in word:
        if ch.isupper():
            c = "X"
        elif ch.islower():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out[:6])


class FeatureExtractor:
    """The features of each word of a sentence, as the model was trained on them (training,
    and the reference the recogniser's own scoring, index.entities.crf_decode, is tested against)."""

    def __init__(self, lexicon: Lexicon, clusters: dict[str, tuple[str, str]] | None = None):
        self.lexicon = lexicon
        self.clusters = word_clusters() if clusters is None else clusters
        self._own: dict[str, list[str]] = {}
        self._prev: dict[str, list[str]] = {}
        self._next: dict[str, list[str]] = {}
        self._low: dict[str, str] = {}

    def _flags(self, word: str, low: str, hyphenated: bool) -> list[str]:
        lex = self.lexicon
        flags = []
        if low in lex.common_words:
            flags.append("cn")
        if word in lex.first_names:
            flags.append("fn")
        if word in lex.surnames:
            flags.append("sn")
        else:
            stem = strip_genitive(word)
            if stem and (stem in lex.surnames or stem in lex.first_names):
                flags.append("sn_gen")
        if role_of(word):
            flags.append("role")
        if low in ORG_SUFFIXES:
            flags.append("orgsfx")
        elif word[:1].isupper() and is_org_head(low):
            flags.append("orghead")
        if hyphenated:
            first_part = word.split("-", 1)[0]
            flags.append("hy")
            if first_part[:1].isupper() and first_part.lower() not in lex.common_words:
                flags.append("hy_first_name_like")
        return flags

    def word_features(self, word: str) -> tuple[list[str], list[str], str]:
        """The features `word` gives itself, those it gives its neighbours (before the "-1:" or
        "+1:" prefix), and its lower-case form (which the words two away see)."""
        low = word.lower()
        hyphenated = "-" in word[1:-1]
        flags = self._flags(word, low, hyphenated)
        lower_form, word_shape = "w=" + low, "sh=" + shape(word)
        own = ["b", lower_form, word_shape, "s3=" + low[-3:], "s2=" + low[-2:], "s4=" + low[-4:],
               "p3=" + low[:3], *flags]
        if hyphenated:
            own.append("hlast=" + low.rsplit("-", 1)[1])
        if len(word) == 1:
            own.append("single")
        context = [lower_form, word_shape, *flags]
        cluster = self.clusters.get(word)
        if cluster is not None:
            # Words used alike in unlabelled text (towns after "in", surnames after first
            # names) share what the model learnt about any of them.
            fine = "c2=" + cluster[1]
            own += ["c1=" + cluster[0], fine]
            context.append(fine)
        return own, context, low

    def _compute(self, word: str) -> None:
        own, context, low = self.word_features(word)
        if len(self._own) > _CACHE_LIMIT:
            for cache in (self._own, self._prev, self._next, self._low):
                cache.clear()
        self._own[word] = own
        self._prev[word] = ["-1:" + f for f in context]
        self._next[word] = ["+1:" + f for f in context]
        self._low[word] = low

    def sequence(self, words: list[str], matches: list[AliasMatch]) -> list[list[str]]:
        """Features of each word of one sentence; `matches` are gazetteer hits in it."""
        own = self._own
        for word in words:
            if word not in own:
                self._compute(word)
        prev, nxt, low = self._prev, self._next, self._low
        count = len(words)
        gaz = gazetteer_features(matches, count)
        seqs = []
        last = count - 1
        for i, word in enumerate(words):
            items = own[word] + (prev[words[i - 1]] if i > 0 else [BOS]) \
                + (nxt[words[i + 1]] if i < last else [EOS])
            if i > 1:
                items.append("-2:w=" + low[words[i - 2]])
            if i + 2 < count:
                items.append("+2:w=" + low[words[i + 2]])
            # Capitals say little at the start of a sentence or a quote.
            if i == 0 or words[i - 1] in OPENERS:
                items.append(FIRST)
            elif word[:1].isupper():
                items.append(CAPMID)
            if here := gaz[i]:
                items.append(here)
            if i > 0 and (before := gaz[i - 1]):
                items.append("-1:" + before)
            if i + 1 < count and (after := gaz[i + 1]):
                items.append("+1:" + after)
            seqs.append(items)
        return seqs
