"""Lines of plain text that carry metadata rather than article text.

Each rule reads one cleaned line and returns what it says (date, source, title, kind, tags);
none of these lines ever becomes body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import furniture
from .dates import FoundDate, at_time, date_only_line, find_date, time_only


@dataclass
class LineMeta:
    date: FoundDate | None = None
    source: str | None = None
    title: str | None = None
    kind: str | None = None
    tags: list[str] | None = None
    url: str | None = None
    # Broadcast notes and "[Site] · date" footers stand after the article.
    ends_body: bool = False


# --- Kind markers ----------------------------------------------------------------------------

_LIVE_MARKER = re.compile(r"^(?:live-?blog|live-?ticker|news-?blog|ticker|live)$", re.I)
_LIVE_TITLE = re.compile(r"^(?:live-?blog|live-?ticker|news-?blog)\b|^\+\+\+? ", re.I)


def is_kind_marker(line: str) -> bool:
    """A line that only says what the page is: ``liveblog``, ``Liveticker``."""
    return _LIVE_MARKER.match(line.strip(" :+")) is not None


def title_says_liveblog(title: str) -> bool:
    """``Liveblog: Krieg in der Ukraine``, ``+++ Gipfel in Paris +++``."""
    return _LIVE_TITLE.search(title) is not None


# --- "date YYYY-MM-DD Title" prefix lines ------------------------------------------------------

_DATE_PREFIX = re.compile(r"^(?:date|datum|published|veröffentlicht)\s*:?\s+(?=\d)", re.I)


def _date_prefix(line: str) -> LineMeta | None:
    match = _DATE_PREFIX.match(line)
    if match is None:
        return None
    value = line[match.end() :]
    found = find_date(value)
    if found is None or found.start != 0:
        return None
    rest = value[found.end :].strip(" ,·|–—-")
    meta = LineMeta(date=found)
    if rest and not furniture.is_disclaimer(rest):
        meta.title = furniture.strip_photo_credit(rest) or None
    return meta


# --- Broadcast notes ---------------------------------------------------------------------------

_BROADCAST = (
    # "Diese Nachricht wurde am 04.09.2025 im Programm Deutschlandfunk gesendet."
    re.compile(
        r"^diese[rs]?\s+(?:nachricht|beitrag|meldung|sendung|interview|bericht)\s+wurde\s+am\s+"
        r".{6,40}?\s+(?:im\s+programm|in\s+der\s+sendung|im|in)\s+(?P<source>.{2,60}?)\s+"
        r"(?:gesendet|ausgestrahlt|gesendet und gestreamt)\.?$",
        re.I,
    ),
    # "Über dieses Thema berichtete Deutschlandfunk am 04. September 2025 um 10:00 Uhr."
    re.compile(r"^über dieses thema berichtete[n]?\s+(?:die\s+|der\s+|das\s+)?(?P<source>.{2,60}?)\s+am\s+.+$", re.I),
    # "Dieses Thema im Programm: Das Erste | tagesschau | 04.09.2025 20:00 Uhr"
    re.compile(r"^dieses thema im programm\s*:\s*(?P<source>[^|·•]{2,60}?)\s*(?:[|·•].*)?$", re.I),
)


def _broadcast(line: str) -> LineMeta | None:
    for rule in _BROADCAST:
        match = rule.match(line)
        if match:
            return LineMeta(date=find_date(line), source=match["source"].strip(), ends_body=True)
    return None


# --- "Key: value" header lines ------------------------------------------------------------------

_KEY_LINE = re.compile(
    r"^(?P<key>titel|title|überschrift|headline|quelle|source|medium|url|link|permalink|tags|"
    r"schlagworte|schlagwörter|stichworte|stichwörter|themen|kategorien|kind|typ|autor|autorin|"
    r"author|autoren)\s*:\s*(?P<value>\S.*)$",
    re.I,
)
_TITLE_KEYS = {"titel", "title", "überschrift", "headline"}
_SOURCE_KEYS = {"quelle", "source", "medium"}
_URL_KEYS = {"url", "link", "permalink"}
_TAG_KEYS = {"tags", "schlagworte", "schlagwörter", "stichworte", "stichwörter", "themen", "kategorien"}


def source_name(value: str) -> str:
    """A source as people name it: ``http://www.example.de/x`` -> ``example.de``."""
    value = value.strip()
    match = re.match(r"^https?://(?:www\.)?([^/\s]+)", value)
    return match[1] if match else value


def split_tags(value: str) -> list[str]:
    return [tag for tag in (part.strip(" #") for part in re.split(r"[,;|/]", value)) if tag]


def _key_line(line: str) -> LineMeta | None:
    match = _KEY_LINE.match(line)
    if match is None:
        return None
    key, value = match["key"].lower(), match["value"].strip()
    if key in _TITLE_KEYS:
        return LineMeta(title=furniture.strip_photo_credit(value))
    if key in _SOURCE_KEYS:
        return LineMeta(source=source_name(value)) if len(value) <= 80 else None
    if key in _URL_KEYS:
        return LineMeta(url=value) if re.match(r"https?://\S+$", value) else None
    if key in _TAG_KEYS:
        return LineMeta(tags=split_tags(value))
    if key in {"kind", "typ"}:
        kind = "liveblog" if is_kind_marker(value) else "article" if value.lower() == "article" else None
        return LineMeta(kind=kind) if kind else None
    return LineMeta()  # author: known, not kept


# --- Datelines, "Stand:" lines and "[Site] · date" footers ------------------------------------

_SEGMENT_SPLIT = re.compile(r"\s+[·•|/]\s+")
_BRACKETED = re.compile(r"^\[([^\[\]]{2,60})\]$")
_READING_TIME = re.compile(r"\s*(?:lesezeit|lesedauer)\s*:?\s*(?:ca\.\s*)?\d+\s*(?:min\.?|minuten?)", re.I)
# "Aktualisiert am 14.01.16, um 09:06 von Manuel Beispiel": the author after a date.
_TRAILING_BYLINE = re.compile(r"(?<=\d)(\s*(?:Uhr)?)\s+(?:von|by)\s+[A-ZÄÖÜ][\w.' -]{1,60}$")
_DOMAIN_NAME = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:de|at|ch|com|net|org|eu)$", re.I)
_QUELLE = re.compile(r"^(?:quelle|source)\s*:\s*(.{2,80})$", re.I)


def _dateline(line: str) -> LineMeta | None:
    """``04. September 2025, 14:56 Uhr · Quelle: Eulerpool News``, ``Stand: 04.09.2025 11:21 Uhr``,
    ``[Eulerpool News] · 04.09.2025 · 14:56 Uhr``."""
    meta = LineMeta()
    bracketed = False
    named_source = False  # "Quelle: X" or "[X]"; a bare domain only counts next to a date
    line = _TRAILING_BYLINE.sub("", _READING_TIME.sub(" · ", line))
    for segment in _SEGMENT_SPLIT.split(line):
        segment = segment.strip(" ·•|")
        if not segment:
            continue
        if (match := _BRACKETED.match(segment)) is not None:
            meta.source = meta.source or match[1].strip()
            bracketed = named_source = True
        elif (match := _QUELLE.match(segment)) is not None:
            meta.source = meta.source or source_name(match[1])
            named_source = True
        elif _DOMAIN_NAME.match(segment):
            meta.source = meta.source or segment
        elif (found := date_only_line(segment)) is not None:
            meta.date = meta.date or found
        elif (clock := time_only(segment)) is not None and meta.date is not None:
            if meta.date.precision == "day":
                meta.date = at_time(meta.date, *clock)
        elif not (furniture.is_byline(segment) or furniture.is_furniture(segment)):
            return None
    if meta.date is None and not named_source:
        return None
    if bracketed and meta.date is not None:
        meta.ends_body = True
    return meta


# "Dieser Artikel wurde ausgedruckt unter der Adresse: www.tagesschau.de/ausland/..."
_PRINTED_FROM = re.compile(r"^dieser artikel wurde ausgedruckt unter der adresse:?\s*(?P<url>\S+)$", re.I)


def _printed_from(line: str) -> LineMeta | None:
    match = _PRINTED_FROM.match(line)
    if match is None:
        return None
    url = match["url"] if match["url"].startswith("http") else "https://" + match["url"]
    return LineMeta(url=url, source=source_name(url))


def read_meta_line(line: str) -> LineMeta | None:
    """What a metadata line says, or None when the line is not one."""
    if not line or len(line) > 300:
        return None
    if is_kind_marker(line):
        return LineMeta(kind="liveblog")
    for rule in (_date_prefix, _broadcast, _key_line, _printed_from, _dateline):
        meta = rule(line)
        if meta is not None:
            return meta
    return None


def ends_body(line: str) -> bool:
    """A broadcast note or a ``[Site] · date`` footer: the article is over."""
    if not line or len(line) > 300:
        return False
    meta = _broadcast(line) or (_dateline(line) if "[" in line else None)
    return meta is not None and meta.ends_body


# --- Tag lines ---------------------------------------------------------------------------------

_TAG_PART = re.compile(r"^[A-ZÄÖÜ0-9#][^.!?:;,\"„“”»«()]{0,31}$")


def tag_line(line: str) -> list[str] | None:
    """``Politics / Ukraine / NATO / Macron / Security`` -> the tags; None for other lines."""
    parts = [part.strip() for part in re.split(r"\s+/\s+", line)]
    if len(parts) < 3 or furniture.is_photo_credit(line):
        return None
    if all(_TAG_PART.match(part) and len(part.split()) <= 3 for part in parts):
        return [part.lstrip("#") for part in parts]
    return None
