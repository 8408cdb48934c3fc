"""Tagging with the CRF model's weights directly, every sentence of a text at once.

A token's score per label is the sum of its features' weights, and its features come from its
own word, its neighbours' words, its place in the sentence and gazetteer hits. So each word's
share is summed once, when the word is first seen, for each place it can stand in: as the token
itself, before it, after it, two before, two after. A text's scores are then a few array
additions, and Viterbi runs over all its sentences together. CRFsuite's tagger, given the
features one string at a time, does the same arithmetic (in another order: the scores agree to
rounding) and took about half of the recogniser's time per article; this takes a fraction of
that once the words are known.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .crf_model import CrfModel
from .features import BOS, CAPMID, EOS, FIRST, OPENERS, FeatureExtractor, gazetteer_features
from .gazetteer import AliasMatch

# Rows of a word's scores: its own features, and what it gives the tokens around it.
_OWN, _AS_PREVIOUS, _AS_NEXT, _AS_SECOND_PREVIOUS, _AS_SECOND_NEXT = range(5)
_CACHE_LIMIT = 100_000  # words; ~28 MB of scores at seven labels
# Padded tokens decoded at once (two arrays of ~1 MB each at seven labels).
BATCH_CELLS = 20_000


class SentenceTagger:
    def __init__(self, model: CrfModel, features: FeatureExtractor):
        self.labels = model.labels
        self._features = features
        self._attribute_ids = {name: number for number, name in enumerate(model.attributes)}
        # The ids of what a word gives the tokens around it, by the feature without its
        # prefix, so that a new word's are found without building the prefixed strings.
        self._ids_beside = _ids_by_prefix(self._attribute_ids, "-1:", "+1:")
        self._ids_two_away = _ids_by_prefix(self._attribute_ids, "-2:w=", "+2:w=")
        # The state weights and a zero row after them (see _add_words).
        self._padded_weights = np.vstack([model.state_weights, np.zeros(len(model.labels))])
        self._zero_row = len(model.state_weights)
        self._transitions = model.transitions
        self._step = np.exp(model.transitions)  # for forward-backward in probabilities
        self._label_count = len(model.labels)
        self._bos, self._eos = self._score([BOS]), self._score([EOS])
        self._first, self._capmid = self._score([FIRST]), self._score([CAPMID])
        # Gazetteer features by code (0: none): as the token's own, as the one before, after.
        self._gazetteer_codes: dict[str, int] = {}
        self._gazetteer_scores = [np.zeros((3, self._label_count))]
        self._forget_words()

    def _forget_words(self) -> None:
        self._rows: dict[str, int] = {}
        self._scores = np.zeros((1024, 5, self._label_count))
        self._opener = np.zeros(1024, dtype=bool)
        self._capitalised = np.zeros(1024, dtype=bool)

    def _score(self, features: list[str]) -> np.ndarray:
        ids = self._attribute_ids
        known = [ids[f] for f in features if f in ids]
        return self._padded_weights[known].sum(axis=0)

    def _rows_of(self, words: list[str]) -> np.ndarray:
        rows = self._rows
        found = [rows.get(word, -1) for word in words]
        if -1 in found:
            self._add_words(list(dict.fromkeys(word for row, word in zip(found, words) if row < 0)))
            found = [rows[word] for word in words]
        return np.array(found, dtype=np.intp)

    def _add_words(self, new_words: list[str]) -> None:
        """Score rows for words not seen before, all of a text's at once (numpy's cost per
        call outweighs the arithmetic of one word)."""
        first = len(self._rows)
        needed = first + len(new_words)
        if needed > len(self._scores):
            grown = len(self._scores)
            while grown < needed:
                grown *= 2
            self._scores = np.resize(self._scores, (grown, 5, self._label_count))
            self._opener, self._capitalised = np.resize(self._opener, grown), np.resize(self._capitalised, grown)
        # Each place's sum is a run of known attributes ended by the zero row (so that no run
        # is empty for reduceat); five runs per word, in the order of the rows' places.
        own_ids, beside, two_away = self._attribute_ids.get, self._ids_beside.get, self._ids_two_away.get
        none, unknown = self._zero_row, (None, None)
        gathered: list[int] = []
        add = gathered.append
        starts: list[int] = []
        for word in new_words:
            own, context, low = self._features.word_features(word)
            starts.append(len(gathered))
            for feature in own:
                if (number := own_ids(feature)) is not None:
                    add(number)
            add(none)
            as_previous: list[int] = []
            as_next: list[int] = []
            for feature in context:
                previous, following = beside(feature, unknown)
                if previous is not None:
                    as_previous.append(previous)
                if following is not None:
                    as_next.append(following)
            for run in (as_previous, as_next):
                starts.append(len(gathered))
                gathered += run
                add(none)
            for number in two_away(low, unknown):  # as the token two before, then two after
                starts.append(len(gathered))
                if number is not None:
                    add(number)
                add(none)
        # take() of an index array: indexing with the list itself converts it far more slowly.
        rows = self._padded_weights.take(np.array(gathered, dtype=np.intp), axis=0)
        sums = np.add.reduceat(rows, np.array(starts, dtype=np.intp), axis=0)
        self._scores[first:needed] = sums.reshape(len(new_words), 5, self._label_count)
        self._opener[first:needed] = [word in OPENERS for word in new_words]
        self._capitalised[first:needed] = [word[:1].isupper() for word in new_words]
        self._rows.update(zip(new_words, range(first, needed)))

    def _gazetteer_code(self, feature: str | None) -> int:
        if feature is None:
            return 0
        code = self._gazetteer_codes.get(feature)
        if code is None:
            code = self._gazetteer_codes[feature] = len(self._gazetteer_scores)
            self._gazetteer_scores.append(np.stack([self._score([feature]), self._score(["-1:" + feature]),
                                                    self._score(["+1:" + feature])]))
        return code

    def tag(self, words: list[str], sentences: list[tuple[int, int]],
            matches: list[list[AliasMatch]]) -> list[list[str]]:
        """The labels of each sentence: `sentences` are [start, end) ranges of `words` that
        follow each other, `matches` the gazetteer hits in each (sentence positions)."""
        if not sentences:
            return []
        starts = np.array([a for a, _ in sentences])
        lengths = np.array([b - a for a, b in sentences])
        if starts[0] != 0 or np.any(starts[1:] != starts[:-1] + lengths[:-1]) or np.any(lengths < 1):
            raise ValueError("sentences must be non-empty ranges that follow each other from 0")
        end = int(starts[-1] + lengths[-1])
        if len(self._rows) + end > _CACHE_LIMIT:
            self._forget_words()  # between texts: a text's rows stay valid while it is tagged
        rows = self._rows_of(words[:end])
        codes: list[int] = []
        for (a, b), found in zip(sentences, matches):
            codes += map(self._gazetteer_code, gazetteer_features(found, b - a)) if found else [0] * (b - a)
        scores = self._token_scores(rows, np.array(codes, dtype=np.intp), starts, lengths)
        self.last_scores = (scores, starts, lengths)  # for outside_probabilities
        return self._viterbi(scores, starts, lengths)

    def outside_probabilities(self, chosen: list[int]) -> np.ndarray:
        """Per token of the text last tagged: the model's probability (its marginal, by
        forward-backward) that the token is outside every name; computed for the sentences
        numbered in `chosen` only (the other tokens get 1.0)."""
        scores, starts, lengths = self.last_scores
        outside = self.labels.index("O")
        result = np.ones(len(scores))
        chosen_array = np.array(sorted(set(chosen)), dtype=np.intp)
        order = chosen_array[np.argsort(-lengths[chosen_array], kind="stable")]
        begin = 0
        while begin < len(order):
            batch = order[begin:begin + max(1, BATCH_CELLS // int(lengths[order[begin]]))]
            marginals = self._marginals(scores, starts[batch], lengths[batch])
            for row, sentence in enumerate(batch.tolist()):
                a, n = int(starts[sentence]), int(lengths[sentence])
                result[a:a + n] = marginals[row, :n, outside]
            begin += len(batch)
        return result

    def _token_scores(self, rows: np.ndarray, codes: np.ndarray, starts: np.ndarray,
                      lengths: np.ndarray) -> np.ndarray:
        """(tokens, labels): what FeatureExtractor.sequence's features weigh, token by token."""
        count = len(rows)
        position = np.arange(count) - np.repeat(starts, lengths)  # in its sentence
        remaining = np.repeat(lengths, lengths) - position  # this token and those after it
        first, last = position == 0, remaining == 1
        words = self._scores.take(rows, axis=0)  # take(): faster than indexing with an array
        scores = words[:, _OWN].copy()
        before = np.empty_like(scores)
        before[1:] = words[:-1, _AS_PREVIOUS]
        before[first] = self._bos
        after = np.empty_like(scores)
        after[:-1] = words[1:, _AS_NEXT]
        after[last] = self._eos
        scores += before
        scores += after
        second = np.zeros_like(scores)
        second[2:] = words[:-2, _AS_SECOND_PREVIOUS]
        second[position < 2] = 0.0
        scores += second
        second = np.zeros_like(scores)
        second[:-2] = words[2:, _AS_SECOND_NEXT]
        second[remaining < 3] = 0.0
        scores += second
        # Capitals say little at the start of a sentence or a quote (as features.FeatureExtractor).
        after_opener = np.zeros(count, dtype=bool)
        after_opener[1:] = self._opener.take(rows[:-1])
        opening = first | after_opener
        scores[opening] += self._first
        scores[~opening & self._capitalised.take(rows)] += self._capmid
        if codes.any():
            gazetteer = np.stack(self._gazetteer_scores).take(codes, axis=0)
            scores += gazetteer[:, 0]
            scores[1:][~first[1:]] += gazetteer[:-1, 1][~first[1:]]
            scores[:-1][~last[:-1]] += gazetteer[1:, 2][~last[:-1]]
        return scores

    def _viterbi(self, scores: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> list[list[str]]:
        """The best label sequence of every sentence. Sentences go longest first, in batches of
        at most BATCH_CELLS padded tokens: one very long sentence (a liveblog without full stops)
        does not pad every other sentence to its length."""
        order = np.argsort(-lengths, kind="stable")
        result: list[list[str]] = [[] for _ in range(len(order))]
        begin = 0
        while begin < len(order):
            batch = order[begin:begin + max(1, BATCH_CELLS // int(lengths[order[begin]]))]
            for sentence, labels in zip(batch.tolist(), self._decode(scores, starts[batch], lengths[batch])):
                result[sentence] = labels
            begin += len(batch)
        return result

    def _marginals(self, scores: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """(sentences, positions, labels) marginals of sentences given longest first, by
        forward-backward in probabilities rescaled at every step (a token's constant
        factor cancels out, so each token's scores are shifted to a maximum of 0)."""
        longest, going, padded = _padded(scores, starts, lengths,
                                         lambda rows: np.exp(rows - rows.max(axis=1, keepdims=True)))
        # The loops call the ufunc itself: ndarray.sum's Python wrapper costs more than the
        # sum of a few sentences' rows.
        add = np.add.reduce
        step, step_back = self._step, self._step.T
        alpha = np.zeros_like(padded)
        alpha[:, 0] = padded[:, 0]
        for t in range(1, longest):
            active = going[t]
            current = (alpha[:active, t - 1] @ step) * padded[:active, t]
            alpha[:active, t] = current / add(current, axis=1, keepdims=True)
        beta = np.ones_like(padded)
        for t in range(longest - 2, -1, -1):
            active = going[t + 1]
            current = (padded[:active, t + 1] * beta[:active, t + 1]) @ step_back
            beta[:active, t] = current / add(current, axis=1, keepdims=True)
        joint = alpha * beta
        return joint / np.maximum(add(joint, axis=2, keepdims=True), 1e-300)

    def _decode(self, scores: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> list[list[str]]:
        """Viterbi over sentences given longest first, so that the sentences still going at any
        step are a prefix of the batch. Ties go to the lowest label, as in CRFsuite."""
        longest, going, padded = _padded(scores, starts, lengths)
        count = len(lengths)
        best = padded[:, 0].copy()  # per sentence and label: the best path's score ending there
        final = best.copy()
        # back[t, s, label]: the label before it on the best path (position-major, so that a
        # step writes one block)
        back = np.zeros((longest, count, self._label_count), dtype=np.intp)
        transitions, maximum = self._transitions, np.maximum.reduce
        for t in range(1, longest):
            active = going[t]
            candidates = best[:active, :, None] + transitions
            back[t, :active] = candidates.argmax(axis=1)
            best = maximum(candidates, axis=1) + padded[:active, t]
            ended = going[t + 1]
            if ended < active:
                final[ended:active] = best[ended:]
        path = np.zeros((longest, count), dtype=np.intp)
        current = np.zeros(count, dtype=np.intp)
        sentences = np.arange(count)
        for t in range(longest - 1, -1, -1):
            active, ended = going[t], going[t + 1]
            if ended < active:
                current[ended:active] = final[ended:active].argmax(axis=1)
            path[t, :active] = current[:active]
            if t:
                current[:active] = back[t, sentences[:active], current[:active]]
        names = self.labels
        return [[names[label] for label in row[:length]] for row, length in zip(path.T.tolist(), lengths.tolist())]


def _ids_by_prefix(ids: dict[str, int], before: str, after: str) -> dict[str, tuple[int | None, int | None]]:
    """Per feature: the ids of the attributes `before` + feature and `after` + feature (None
    where the model has no such attribute)."""
    pairs: dict[str, tuple[int | None, int | None]] = {}
    for name, number in ids.items():
        if name.startswith(before):
            feature = name[len(before):]
            pairs[feature] = (number, pairs.get(feature, (None, None))[1])
        elif name.startswith(after):
            feature = name[len(after):]
            pairs[feature] = (pairs.get(feature, (None, None))[0], number)
    return pairs


def _padded(scores: np.ndarray, starts: np.ndarray, lengths: np.ndarray,
            transform: Callable[[np.ndarray], np.ndarray] | None = None) -> tuple[int, list[int], np.ndarray]:
    """For sentences given longest first: the longest length, how many sentences have a token
    at each position (to the longest, and 0 after it), and their tokens' scores (or what
    `transform` makes of them) padded with zeros to (sentences, longest, labels)."""
    longest, count = int(lengths[0]), len(lengths)
    going = np.searchsorted(-lengths, -np.arange(longest + 1), side="left").tolist()
    sentence_of = np.repeat(np.arange(count), lengths)
    position = np.arange(len(sentence_of)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    padded = np.zeros((count, longest, scores.shape[1]))
    rows = scores.take(np.repeat(starts, lengths) + position, axis=0)
    padded[sentence_of, position] = rows if transform is None else transform(rows)
    return longest, going, padded
