"""Word lists shipped with the package: first names, surnames, common words, places."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources


def read_data_text(name: str) -> str:
    return (resources.files(__package__) / "data" / name).read_text(encoding="utf-8")


@functools.cache
def hand_written_list(name: str) -> frozenset[str]:
    """The words of a hand-written list in data/ (one a line, # comments), read once."""
    return frozenset(line.strip() for line in read_data_text(name).splitlines()
                     if line.strip() and not line.startswith("#"))


def word_clusters() -> dict[str, tuple[str, str]]:
    """Word -> (coarse, fine) cluster ids from data/clusters.tsv (build_clusters); empty
    when the file is missing, so a model trained without clusters still runs."""
    global _CLUSTERS
    if _CLUSTERS is None:
        try:
            text = read_data_text("clusters.tsv")
        except FileNotFoundError:
            text = ""
        _CLUSTERS = parse_clusters(text)
    return _CLUSTERS


def parse_clusters(text: str) -> dict[str, tuple[str, str]]:
    """Word -> (coarse, fine) cluster ids of a clusters.tsv file's text."""
    clusters = {}
    for line in text.split("\n"):
        if line and not line.startswith("#"):
            word, coarse, fine = line.split("\t")
            clusters[word] = (coarse, fine)
    return clusters


_CLUSTERS: dict[str, tuple[str, str]] | None = None


@functools.cache
def registered_first_names() -> frozenset[str]:
    """First names the first-name registers give one gender (data/first_name_genders.tsv): a
    child was named so, whatever else the word means (Jens, Pascal, Till)."""
    try:
        text = read_data_text("first_name_genders.tsv")
    except FileNotFoundError:
        return frozenset()
    return frozenset(line.split("\t", 1)[0] for line in text.split("\n")
                     if line and not line.startswith("#"))

# The population places.tsv gives a country (the country list has none).
COUNTRY_POPULATION = 10**7
NOUNS = "nouns.txt"
NOUN_HEADS = "noun_heads.txt"


class CommonNouns:
    """Capitalised German common nouns that are no first name, surname or place name, learnt
    from the annotated corpora (build_data): the exact forms seen (Abitur), and the nouns
    that may end a compound (feier: Hochzeitsfeier) because few names end in them (not
    stein, berg, mann). Read on first use; empty when a build left them out."""

    _nouns: frozenset[str] | None = None
    _heads: frozenset[str] = frozenset()

    @classmethod
    def _load(cls) -> frozenset[str]:
        try:
            cls._heads = _word_set(NOUN_HEADS)
            cls._nouns = _word_set(NOUNS)
        except FileNotFoundError:
            cls._nouns, cls._heads = frozenset(), frozenset()  # no word is known as a noun
        return cls._nouns

    @classmethod
    def contains(cls, word: str) -> bool:
        """True for a listed noun, or a compound (3+ letters, then a listed head)."""
        nouns = cls._nouns if cls._nouns is not None else cls._load()
        if word in nouns:
            return True
        if not word.isalpha():
            return False
        low = word.lower()
        heads = cls._heads
        return any(low[i:] in heads for i in range(3, len(low) - 3))


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
