"""One Obsidian note for one article and its bookmarks.

YAML frontmatter (title, source, published as an ISO date, url, tags, people / organisations /
places / quoted as quoted wikilinks, reader_id), then each passage as a `> [!quote]` callout
followed by its block id `^bm-<bookmark id>` on a line of its own (Obsidian reads an id after a
quote or callout only there), the note below it, and the passage's entities as wikilinks.
Every YAML string is written as a JSON string, which is a valid YAML double-quoted scalar, so no
title can break the frontmatter.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from index.models import Article, Bookmark, Mention, Quote
from reader.bookmarks import escape_line, obsidian_tag

# What Obsidian (and Windows) cannot have in a file name or a link target.
_UNSAFE_IN_NAMES = re.compile(r'[\[\]#^|\\/:*?"<>\x00-\x1f\x7f-\x9f]')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)
_MAX_NAME_BYTES = 180  # under every file system's 255, with room for " (id).md"
KIND_KEYS = {"person": "people", "org": "organisations", "place": "places"}


def safe_name(text: str, fallback: str = "Untitled article") -> str:
    """A name that is a valid file name on every OS and a valid Obsidian link target."""
    name = unicodedata.normalize("NFC", text)
    name = " ".join(_UNSAFE_IN_NAMES.sub(" ", name).split())
    name = name.strip(". ")  # a leading dot hides the note; a trailing one Windows drops
    while len(name.encode("utf-8")) > _MAX_NAME_BYTES:
        name = name[:-1].rstrip(". ")
    if not name or _WINDOWS_RESERVED.match(name):
        name = f"{name} note".strip() if name else fallback
    return name


def wikilink(name: str) -> str:
    return f"[[{safe_name(name, 'Unnamed')}]]"


def block_id(bookmark: Bookmark) -> str:
    return f"bm-{bookmark.id}"


@dataclass
class NoteFacts:
    """What a note says about its article beyond the bookmarks: entity names by kind."""
    names: dict[str, str] = field(default_factory=dict)  # entity id -> display name
    by_kind: dict[str, list[str]] = field(default_factory=dict)  # frontmatter key -> names
    quoted: list[str] = field(default_factory=list)


def note_facts(mentions: list[Mention], names: dict[str, str], quotes: Sequence[Quote] = ()) -> NoteFacts:
    """Entities of the article, most mentioned first, grouped under their frontmatter key; and
    who is quoted in it (``quoted``), most quoted first."""
    counts: dict[str, int] = {}
    kinds: dict[str, str] = {}
    for mention in mentions:
        counts[mention.entity] = counts.get(mention.entity, 0) + 1
        kinds[mention.entity] = mention.kind
        names.setdefault(mention.entity, mention.text)
    facts = NoteFacts(names=names)
    for entity in sorted(counts, key=lambda e: (-counts[e], names[e].casefold())):
        key = KIND_KEYS.get(kinds[entity])
        if key:
            facts.by_kind.setdefault(key, []).append(names[entity])
    quoted: dict[str, int] = {}
    for quote in quotes:
        if quote.speaker is not None:
            names.setdefault(quote.speaker, quote.speaker_text or quote.speaker)
            quoted[quote.speaker] = quoted.get(quote.speaker, 0) + 1
    facts.quoted = [names[speaker] for speaker in sorted(quoted, key=lambda e: (-quoted[e], names[e].casefold()))]
    return facts


def _yaml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _yaml_list(key: str, values: list[str]) -> list[str]:
    if not values:
        return [f"{key}: []"]
    return [f"{key}:", *(f"  - {_yaml_string(v)}" for v in values)]


def frontmatter(article: Article, bookmarks: list[Bookmark], facts: NoteFacts) -> list[str]:
    tags: list[str] = []
    for tag in [*article.tags, *(t for b in bookmarks for t in b.tags)]:
        clean = obsidian_tag(tag)
        if clean.casefold() not in {t.casefold() for t in tags}:
            tags.append(clean)
    lines = ["---", f"title: {_yaml_string(' '.join(article.title.split()) or 'Untitled article')}"]
    if article.source:
        lines.append(f"source: {_yaml_string(article.source)}")
    if article.published is not None:
        lines.append(f"published: {article.published.date().isoformat()}")
    if article.url:
        lines.append(f"url: {_yaml_string(article.url)}")
    if article.path:
        lines.append(f"file: {_yaml_string(article.path)}")
    lines += _yaml_list("tags", tags)
    for key in KIND_KEYS.values():
        lines += _yaml_list(key, [wikilink(n) for n in facts.by_kind.get(key, [])])
    lines += _yaml_list("quoted", [wikilink(n) for n in facts.quoted])
    lines += [f"reader_id: {_yaml_string(article.id)}", "---"]
    return lines


def _passage(bookmark: Bookmark, inside: list[Mention], names: dict[str, str]) -> list[str]:
    lines: list[str] = []
    if bookmark.quote is not None:
        lines += ["> [!quote]", *(("> " + escape_line(line)).rstrip() for line in bookmark.quote.split("\n")),
                  "", f"^{block_id(bookmark)}"]
        if bookmark.note:
            lines += ["", *(escape_line(line) for line in bookmark.note.split("\n"))]
    else:
        # An article-level bookmark: its note is the block, the id ends its last line.
        note = [escape_line(line) for line in bookmark.note.split("\n")] if bookmark.note else ["*Bookmarked article.*"]
        note[-1] += f" ^{block_id(bookmark)}"
        lines += note
    if bookmark.tags:
        lines += ["", " ".join("#" + obsidian_tag(t) for t in bookmark.tags)]
    linked: list[str] = []
    for mention in inside:
        link = wikilink(names.get(mention.entity, mention.text))
        if link not in linked:
            linked.append(link)
    if linked:
        lines += ["", "Mentions: " + " · ".join(linked)]
    return lines


def render_note(article: Article, bookmarks: list[Bookmark], mentions: list[Mention], facts: NoteFacts,
                removed: bool = False) -> str:
    """The whole note, passages in article order."""
    bookmarks = sorted(bookmarks, key=lambda b: (b.start is not None, b.start or 0, b.end or 0, b.id))
    title = " ".join(article.title.split()) or "Untitled article"
    lines = [*frontmatter(article, bookmarks, facts), "", f"# {escape_line(title)}"]
    details = [part for part in (
        escape_line(article.source) if article.source else None,
        article.published.date().isoformat() if article.published else None,
        f"<{article.url}>" if article.url and re.match(r"^https?://\S+$", article.url) else None,
    ) if part]
    if details:
        lines += ["", " · ".join(details)]
    if removed:
        lines += ["", "> [!warning] Removed from the library", "> The article is no longer in reader's library; "
                  "its bookmarks are kept."]
    for bookmark in bookmarks:
        inside = [m for m in mentions if bookmark.start is not None and bookmark.start <= m.start
                  and m.end <= (bookmark.end or 0)]
        lines += ["", *_passage(bookmark, inside, facts.names)]
    return "\n".join(lines) + "\n"
