"""Page furniture: text around an article that names things but is not the article.

Breadcrumb and tag lines (Politics / Ukraine / NATO), source and date lines (Quelle: ...,
[Eulerpool News] · 04.09.2025), teaser lines cut off with […], photo credits in parentheses
(Ludovic Marin/Pool AFP/AP/dpa). Mentions inside them are dropped.
"""

from __future__ import annotations

import re

_LINE_RE = re.compile(r"[^\n]+")
_SEPARATORS = re.compile(r"\s[/|·»>•]\s")
_LINE_PREFIXES = ("quelle:", "foto:", "fotos:", "bild:", "bildquelle:", "copyright", "©",
                  "mehr zum thema", "lesen sie auch", "auch interessant", "zum thema:")
_TEASER_RE = re.compile(r"\[(?:…|\.\.\.)\]|^vor \d+ (?:minuten?|stunden?|tagen?)$", re.I)
_PAREN_RE = re.compile(r"\(([^()\n]{2,120})\)")


def furniture_ranges(text: str, agency_words: frozenset[str]) -> list[tuple[int, int]]:
    """Character ranges of page furniture in `text`."""
    ranges = []
    for match in _LINE_RE.finditer(text):
        line = match.group().strip()
        low = line.lower()
        pieces = _SEPARATORS.split(line)
        # Breadcrumbs and tag lists: short items (a sentence with a link in it is no list).
        is_list = (len(pieces) >= 3 and max(len(piece.split()) for piece in pieces) <= 6
                   and not line.rstrip().endswith((".", "!", "?", "“", '"')))
        if (is_list or low.startswith(_LINE_PREFIXES) or _TEASER_RE.search(line)
                or (line.startswith("[") and line.endswith("]"))):
            ranges.append((match.start(), match.end()))
    for match in _PAREN_RE.finditer(text):
        inner = match.group(1)
        if "/" not in inner and not inner.lower().startswith(("foto", "bild")):
            continue
        words = [w for w in re.split(r"[\s/,]+", inner) if w]
        # (dpa/tmn) is an agency credit; (Name/Pool AFP/AP/dpa) is a photo credit.
        if not all(w.lower() in agency_words for w in words):
            ranges.append((match.start(), match.end()))
    return ranges
