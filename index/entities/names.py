"""Ids, slugs and name helpers shared by the gazetteer, the linker and the corrections."""

from __future__ import annotations

import re
import unicodedata

KINDS = ("person", "org", "place", "other")
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Lower-case words that belong to a surname: "von der Leyen", "da Silva", "bin Salman".
NAME_PARTICLES = frozenset(
    "von van der den de da di del della dos du le la al el bin ibn zu vom ter".split()
)


def slug(name: str) -> str:
    if name.isascii():
        if name.replace(" ", "").isalnum():  # the usual case, without a regex
            return name.lower().replace(" ", "-")
        return _NON_ALNUM.sub("-", name.lower()).strip("-") or "x"
    folded = unicodedata.normalize("NFKD", name.translate(_FOLD))
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return _NON_ALNUM.sub("-", ascii_only).strip("-") or "x"


def entity_id(kind: str, name: str) -> str:
    return f"{kind}:{slug(name)}"


def surname_of(name: str) -> str | None:
    """The surname part of a full personal name, or None for a single word."""
    words = name.split()
    if len(words) < 2:
        return None
    for i in range(1, len(words) - 1):
        if words[i].lower() in NAME_PARTICLES:  # "von der Leyen", "Van der Bellen"
            return " ".join(words[i:])
    return words[-1]


def genitive_forms(alias: str) -> list[str]:
    """German genitive of a name: Russlands, Macrons; names ending in s/x/z take none."""
    if not alias or not alias[-1].isalpha() or alias[-1] in "sxzßSXZ":
        return []
    if alias.isupper() and len(alias) <= 5:  # NATO -> no "NATOs" in news text
        return []
    return [alias + "s"]


def strip_genitive(surface: str) -> str | None:
    """'Kyjiws' -> 'Kyjiw', "Markus'" -> 'Markus', "Trump's" -> 'Trump'; None when no ending
    to strip."""
    if surface.endswith(("'s", "’s")) and len(surface) > 3:
        return surface[:-2]
    if surface.endswith(("'", "’")) and len(surface) > 2:
        return surface[:-1]
    if surface.endswith("s") and len(surface) > 3 and not surface.endswith("ss"):
        return surface[:-1]
    return None
