"""CRF features per token, cached by token string so that running text costs dict lookups."""

from __future__ import annotations

from .cues import is_org_head, is_org_suffix, role_of
from .gazetteer import AliasMatch
from .lexicon import Lexicon, word_clusters
from .names import strip_genitive

_CACHE_LIMIT = 300_000
_OPENERS = frozenset('"„“”»«:(-–\'‚')


def shape(word: str) -> str:
    """Compressed character classes: Rutte -> Xx, NATO -> X, Nato-Truppen -> Xx-Xx, 2025 -> d."""
    out = []
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
    def __init__(self, lexicon: Lexicon, clusters: dict[str, tuple[str, str]] | None = None,
                 model_attributes: frozenset[str] | None = None):
        """With `model_attributes` (crf_model.attribute_names), sequence() gives only the
        features the model has weights for, as UTF-8 bytes: the tagger would drop the others
        and encode the rest itself, so it tags the same for less work."""
        self.lexicon = lexicon
        self.clusters = word_clusters() if clusters is None else clusters
        self._known = model_attributes
        # A feature as written -> as given to the tagger (None: unknown to the model).
        self._forms: dict[str, str | bytes | None] = {}
        self._own: dict[str, list] = {}
        self._prev: dict[str, list] = {}
        self._next: dict[str, list] = {}
        self._prev2: dict[str, str | bytes | None] = {}
        self._next2: dict[str, str | bytes | None] = {}
        self._bos = self._given(["BOS"])
        self._eos = self._given(["EOS"])

    def _form(self, feature: str) -> str | bytes | None:
        try:
            return self._forms[feature]
        except KeyError:
            known = self._known
            form = feature if known is None else feature.encode() if feature in known else None
            self._forms[feature] = form
            return form

    def _given(self, features: list[str]) -> list:
        """`features` as given to the tagger, in order."""
        known = self._known
        if known is None:
            return features
        return [f.encode() for f in features if f in known]

    def _flags(self, word: str) -> list[str]:
        lex = self.lexicon
        low = word.lower()
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
        if is_org_suffix(word):
            flags.append("orgsfx")
        elif word[:1].isupper() and is_org_head(low):
            flags.append("orghead")
        if "-" in word[1:-1]:
            parts = word.split("-")
            flags.append("hy")
            if parts[0][:1].isupper() and parts[0].lower() not in lex.common_words:
                flags.append("hy_first_name_like")
        return flags

    def _compute(self, word: str) -> None:
        low = word.lower()
        word_shape = shape(word)
        flags = self._flags(word)
        own = ["b", "w=" + low, "sh=" + word_shape, "s3=" + low[-3:], "s2=" + low[-2:],
               "s4=" + low[-4:], "p3=" + low[:3]]
        own += flags
        if "-" in word[1:-1]:
            own.append("hlast=" + low.rsplit("-", 1)[1])
        if len(word) == 1:
            own.append("single")
        context = ["w=" + low, "sh=" + word_shape] + flags
        cluster = self.clusters.get(word)
        if cluster is not None:
            # Words used alike in unlabelled text (towns after "in", surnames after first
            # names) share what the model learnt about any of them.
            own += ["c1=" + cluster[0], "c2=" + cluster[1]]
            context.append("c2=" + cluster[1])
        if len(self._own) > _CACHE_LIMIT:
            self._own.clear(), self._prev.clear(), self._next.clear()
            self._prev2.clear(), self._next2.clear(), self._forms.clear()
        given, form = self._given, self._form
        self._own[word] = given(own)
        self._prev[word] = given(["-1:" + f for f in context])
        self._next[word] = given(["+1:" + f for f in context])
        self._prev2[word] = form("-2:w=" + low)
        self._next2[word] = form("+2:w=" + low)

    def sequence(self, words: list[str], matches: list[AliasMatch]) -> list[list]:
        """Features of each word of one sentence; `matches` are gazetteer hits in it."""
        own = self._own
        for word in words:
            if word not in own:
                self._compute(word)
        prev, nxt, prev2, next2, form = self._prev, self._next, self._prev2, self._next2, self._form
        count = len(words)
        gaz: list[str | None] = [None] * count
        for m in matches:
            label = m.entry.kind + ("" if m.strong else "~")
            gaz[m.start] = "gzB=" + label
            for k in range(m.start + 1, m.end):
                gaz[k] = "gzI=" + label
        first, capmid = form("first"), form("capmid")
        bos, eos = self._bos, self._eos
        seqs = []
        last = count - 1
        for i, word in enumerate(words):
            items = own[word] + (prev[words[i - 1]] if i > 0 else bos) \
                + (nxt[words[i + 1]] if i < last else eos)
            if i > 1 and (feature := prev2[words[i - 2]]) is not None:
                items.append(feature)
            if i + 2 < count and (feature := next2[words[i + 2]]) is not None:
                items.append(feature)
            # Capitals say little at the start of a sentence or a quote.
            if i == 0 or words[i - 1] in _OPENERS:
                if first is not None:
                    items.append(first)
            elif word[:1].isupper() and capmid is not None:
                items.append(capmid)
            if gaz[i] and (feature := form(gaz[i])) is not None:
                items.append(feature)
            if i > 0 and gaz[i - 1] and (feature := form("-1:" + gaz[i - 1])) is not None:
                items.append(feature)
            if i + 1 < count and gaz[i + 1] and (feature := form("+1:" + gaz[i + 1])) is not None:
                items.append(feature)
            seqs.append(items)
        return seqs
