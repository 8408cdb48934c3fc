"""Agency credits: "(dpa)", "dpa/AFP", "Quelle: Reuters", "mit Material von KNA", "Berlin (epd) –".

A credit is furniture, not article text: it is read into an article's ``agencies`` (metadata)
and left out of the text that copies are compared by. Photo credits ("Foto: dpa") are not
credits for the text and are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Lower-case spelling -> the name shown and searched (agency:dpa).
AGENCIES = {
    "dpa": "dpa", "afp": "AFP", "reuters": "Reuters", "ap": "AP", "apa": "APA", "epd": "epd",
    "kna": "KNA", "sid": "SID", "dts": "dts", "ddp": "ddp", "dapd": "dapd", "dpa-afx": "dpa-AFX",
    "afx": "dpa-AFX", "kap": "Kathpress", "bloomberg": "Bloomberg", "ansa": "ANSA", "efe": "EFE",
    "idea": "idea", "sda": "SDA", "ots": "ots",
}
# "AP" and "SID" are also ordinary abbreviations: only their capitalised spelling is a credit.
_CASE_SENSITIVE = {"ap": "AP", "sid": "SID", "idea": "idea", "ots": "ots"}
# Credits sit in the dateline and the lead or at the end: parentheses further in are text.
_EDGE_CHARS = 400

_PARENTHESES = re.compile(r"\(([^()\n]{1,60})\)")
_SEPARATORS = re.compile(r"\s*(?:/|,|;|\+|&|\bund\b)\s*")
_DATE = re.compile(r"^\d{1,2}\.\s?\d{1,2}\.?(?:\s?\d{2,4})?$")
# dpa's regional services (lno, lby), an editor's initials (red, jk): beside an agency they are credit too.
_SHORT_CODE = re.compile(r"^[a-zäöü]{1,4}$")
_SOURCE_LINE = re.compile(r"\b(?:Quellen?|Mit Material (?:von|der|des))\s*:?\s+([^\n.]{1,60})", re.IGNORECASE)
_CREDIT_LINE = re.compile(r"^[ \t]*(?:©\s*)?([\w\-/,& ]{2,40}?)[ \t]*$", re.MULTILINE)


@dataclass
class Credits:
    agencies: list[str] = field(default_factory=list)  # names as in AGENCIES' values, first seen first
    spans: list[tuple[int, int]] = field(default_factory=list)  # where the credits stand in the text


def _agency(token: str) -> str | None:
    token = token.strip().strip("©").strip()
    lower = token.lower()
    if lower in _CASE_SENSITIVE:
        return AGENCIES[lower] if token == _CASE_SENSITIVE[lower] else None
    return AGENCIES.get(lower)


def _credit_list(content: str, extra_allowed: bool) -> list[str] | None:
    """The agencies of a list such as "dpa/AFP" or "APA, 18.3.2016"; None when it is not all credit."""
    found: list[str] = []
    for token in _SEPARATORS.split(content.strip()):
        if not token:
            continue
        agency = _agency(token)
        if agency is not None:
            found.append(agency)
        elif not (extra_allowed and (_DATE.match(token) or _SHORT_CODE.match(token))):
            return None
    return found or None


def _edge_matches(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """The pattern's matches beginning in the text's first or ending in its last _EDGE_CHARS:
    only those parts are searched (a credit is at most ~60 characters, hence the margin)."""
    margin = _EDGE_CHARS + 100
    found = {m.span(): m for m in pattern.finditer(text, 0, margin) if m.start() < _EDGE_CHARS}
    for match in pattern.finditer(text, max(0, len(text) - margin)):
        if match.end() > len(text) - _EDGE_CHARS:
            found.setdefault(match.span(), match)
    return list(found.values())


def read_credits(text: str) -> Credits:
    """The agencies credited in an article's text, and where the credits stand."""
    credits = Credits()

    def keep(names: list[str], span: tuple[int, int]) -> None:
        credits.spans.append(span)
        for name in names:
            if name not in credits.agencies:
                credits.agencies.append(name)

    for match in _edge_matches(_PARENTHESES, text):
        names = _credit_list(match.group(1), extra_allowed=True)
        if names:
            keep(names, match.span())
    for match in _edge_matches(_SOURCE_LINE, text):
        # "Quelle: Reuters, eigene Recherche": the agencies named before anything else.
        names = []
        for token in _SEPARATORS.split(match.group(1).strip()):
            agency = _agency(token)
            if agency is None:
                break
            names.append(agency)
        if names:
            keep(names, match.span())
    for match in _edge_matches(_CREDIT_LINE, text):
        names = _credit_list(match.group(1), extra_allowed=False)
        if names:
            keep(names, match.span(1))
    credits.spans.sort()
    return credits


def without_credits(text: str, credits: Credits) -> str:
    """The text with its credits blanked out (offsets kept)."""
    if not credits.spans:
        return text
    pieces, last = [], 0
    for start, end in credits.spans:
        start = max(start, last)
        pieces.append(text[last:start])
        pieces.append(" " * (end - start))
        last = max(last, end)
    pieces.append(text[last:])
    return "".join(pieces)
