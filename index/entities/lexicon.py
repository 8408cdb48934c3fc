"""Word lists shipped with the package: first names, surnames, common words, places."""

from __future__ import annotations

import sys
import zlib
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from importlib import resources


def read_data_text(name: str) -> str:
    return (resources.files(__package__) / "data" / name).read_text(encoding="utf-8")


def word_clusters() -> dict[str, tuple[str, str]]:
    """Word -> (coarse, fine) cluster ids from data/clusters.tsv (build_clusters); empty
    when the file is missing, so a model trained without clusters still runs."""
    global _CLUSTERS
    if _CLUSTERS is None:
        try:
            text = read_data_text("clusters.tsv")
        except FileNotFoundError:
            text = ""
        _CLUSTERS = {}
        for line in text.split("\n"):
            if line and not line.startswith("#"):
                word, coarse, fine = line.split("\t")
                _CLUSTERS[word] = (coarse, fine)
    return _CLUSTERS


_CLUSTERS: dict[str, tuple[str, str]] | None = None

NOUN_HASHES = "nouns.crc32"


def noun_hash(word: str) -> int:
    return zlib.crc32(word.encode("utf-8"))


class CommonNouns:
    """German common nouns in every inflected form (Trance, Promenade, Mordversuchs) that
    are no first name, surname or place name, from German Wiktionary (build_data). Kept as
    sorted CRC-32 hashes: 1 MB instead of 20 MB of strings, at a 1 in 20,000 chance that
    an unknown word is taken for a noun. Read on first use."""

    _hashes: array | None = None

    @classmethod
    def _load(cls) -> array:
        hashes = array("I")
        try:
            hashes.frombytes((resources.files(__package__) / "data" / NOUN_HASHES).read_bytes())
        except FileNotFoundError:
            pass  # a model built without the noun list: no word is known as a noun
        if sys.byteorder != "little":
            hashes.byteswap()
        cls._hashes = hashes
        return hashes

    @classmethod
    def contains(cls, word: str) -> bool:
        hashes = cls._hashes if cls._hashes is not None else cls._load()
        key = noun_hash(word)
        i = bisect_left(hashes, key)
        return i < len(hashes) and hashes[i] == key


def _word_set(name: str) -> frozenset[str]:
    return frozenset(line for line in read_data_text(name).split("\n") if line)


@dataclass(frozen=True)
class Lexicon:
    first_names: frozenset[str]
    surnames: frozenset[str]
    # Lower-cased words that are (almost) never part of a name in the training corpora.
    common_words: frozenset[str]
    places: list[dict]

    @classmethod
    def load(cls) -> "Lexicon":
        places = []
        for line in read_data_text("places.tsv").split("\n"):
            if line and not line.startswith("#"):
                name, population, aliases = line.split("\t")
                places.append({"name": name, "population": int(population),
                               "aliases": aliases.split("|") if aliases else []})
        return cls(
            first_names=_word_set("first_names.txt"),
            surnames=_word_set("surnames.txt"),
            common_words=_word_set("common_words.txt"),
            places=places,
        )

    def with_words(self, common_words: set[str], first_names: set[str]) -> "Lexicon":
        return Lexicon(frozenset(first_names), self.surnames, frozenset(common_words), self.places)
