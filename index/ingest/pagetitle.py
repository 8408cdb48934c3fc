"""An HTML page's article title: the first candidate (trafilatura's title, og:title, <title>,
<h1>) that is not the site's name, a URL slug or furniture, without the site's name before or
after it (``Wie entsteht Erdöl? - SimplyScience``, ``Titel | DW | 19.01.2020``)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from . import furniture
from .dates import date_only_line
from .text import clean_inline, count_sentences, title_from_text

_SEPARATOR = re.compile(r"\s+(?:[|•»›·–—-]|::)\s+")
_WORD = re.compile(r"[^\W_]+")
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)+$")
_LONG_TITLE = 120
_TLDS = frozenset("de at ch com net org eu info online fr uk co io news blog".split())


def site_names(names: Iterable[str | None], url: str | None) -> list[list[str]]:
    """The site's names as lists of lower-case words: stated names and the URL's host
    (``www.politische-bildung-brandenburg.de`` -> politische, bildung, brandenburg)."""
    found = [_words(name) for name in names if name]
    host = host_of(url)
    if host:
        labels = [label for label in host.split(".") if label not in _TLDS and label != "www"]
        found.append(_words(" ".join(labels)))
        found.append(["".join(labels).replace("-", "")])
    return [words for words in found if words]


def host_of(url: str | None) -> str | None:
    """``https://www.spiegel.de/politik/...`` -> ``spiegel.de``."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip() if "//" in url else "//" + url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.removeprefix("www.")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _is_site(segment: str, sites: list[list[str]]) -> bool:
    """The segment names the site: each word of a site name starts a word of the segment, and
    the segment says little else (``CDU-Fraktion im Erfurter Stadtrat`` for "CDU - Fraktion Erfurt")."""
    words = _words(segment)
    if not words or len(words) > 8:
        return False
    joined = "".join(words)
    for site in sites:
        if joined == "".join(site):
            return True
        matched = sum(1 for word in words if any(word.startswith(part) for part in site))
        extra = len(words) - matched
        if all(any(w.startswith(part) for w in words) for part in site) and extra <= 2 and extra < matched:
            return True
        key = "".join(site)
        if len(key) >= 5 and key in joined and len(key) * 2 >= len(joined):
            return True
    return False


def _without_site(title: str, sites: list[list[str]]) -> str:
    parts = _SEPARATOR.split(title)
    separators = _SEPARATOR.findall(title)
    while len(parts) > 1 and (_is_site(parts[-1], sites) or date_only_line(parts[-1]) is not None):
        parts.pop()
        separators.pop()
    while len(parts) > 1 and _is_site(parts[0], sites):
        parts.pop(0)
        separators.pop(0)
    return parts[0] + "".join(sep + part for sep, part in zip(separators, parts[1:]))


def choose_title(candidates: Iterable[str | None], sites: list[list[str]]) -> str | None:
    """The first good title among the candidates, best first; None when there is none."""
    first = None
    for candidate in candidates:
        text = clean_inline(candidate or "")
        if not text:
            continue
        first = first or text
        title = _without_site(text, sites)
        if _is_site(title, sites) or _SLUG.match(title) or furniture.is_furniture(title):
            continue
        return _one_sentence(title)
    return first


def _one_sentence(title: str) -> str:
    """A page that puts its teaser into the title gets its first sentence as the title."""
    if len(title) > _LONG_TITLE and count_sentences(title) > 1:
        return title_from_text(title)
    return title
