"""Text normalisation shared by every format: lines, paragraphs, sentences, titles."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable

from .dates import date_only_line, time_only

TITLE_LIMIT = 100

_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_LIST_ITEM = re.compile(r"^(?:[-*•–]\s|\d{1,3}[.)]\s)")
_TERMINAL = re.compile(r"[.!?:;…][\"'“”»«’)\]]*$")

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    """dr prof nr st str bzw ca vgl z.b zb u.a ua d.h dh usw etc mio mrd jh hr fr abs art tel inkl
    evtl ggf sog geb gest v.a bspw max min mind insb o.ä u.ä s.o s.u z.t zt ff jan feb mär apr jun
    jul aug sep sept okt nov dez ehem gen lt mr mrs ms sen jr""".split()
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"'“”»«’)\]]*(?=\s+[\"'„“»«‚(\[]?[A-ZÄÖÜ0-9])")


def clean_line(line: str) -> str:
    """One line in NFC with invisible characters removed and whitespace collapsed; HTML
    entities left over from scraped pages (``&amp;``, ``&#8218;``) become characters."""
    if "&" in line and _ENTITY.search(line):
        line = html.unescape(line)
    if not line.isascii():
        line = unicodedata.normalize("NFC", line)
        if _INVISIBLE.search(line):
            line = _INVISIBLE.sub("", line)
    if _CONTROLS.search(line):
        line = _CONTROLS.sub(" ", line)
    return " ".join(line.split())  # str.split() knows every Unicode space, including NBSP


def clean_inline(text: str) -> str:
    """A paragraph's text on one line: every run of whitespace becomes one space."""
    return clean_line(text)


def split_lines(text: str) -> list[str]:
    return [clean_line(line) for line in text.splitlines()]


def is_stamp(line: str) -> bool:
    """A time or date on a line of its own (liveblog entries): always a paragraph of its own."""
    return len(line) <= 40 and (time_only(line) is not None or date_only_line(line) is not None)


def wrap_width(lines: list[str]) -> int | None:
    """The width the source wrapped its lines at, or None when its line breaks end paragraphs.

    Decided for the whole document: lines that stop mid-sentence while another line follows in
    the same block must mostly be full, i.e. the next line's first word would not have fitted.
    One paragraph per line (scraped text) has lines of any length that end with a full stop.
    """
    pairs = [(line, following) for line, following in zip(lines, lines[1:], strict=False)
             if line and following and not is_stamp(line) and not is_stamp(following)
             and not _LIST_ITEM.match(following)]
    open_ended = [(line, following) for line, following in pairs if not _TERMINAL.search(line)]
    if not open_ended or len(open_ended) < len(pairs) * 0.3:
        return None
    width = max(max(len(line), len(following)) for line, following in pairs)
    full = [following for line, following in open_ended if not _next_word_fits(line, following, width)]
    if len(full) < len(open_ended) * 0.7:
        return None
    # One full line is little evidence ("Neue Regeln ab Montag" over "Das gilt."), unless the
    # next line goes on mid-sentence.
    return width if len(full) >= 2 or full[0][:1].islower() else None


def _next_word_fits(line: str, following: str, width: int) -> bool:
    return len(line) + 1 + len(following.split(" ", 1)[0]) <= width


def _ends_paragraph(line: str, following: str, width: int) -> bool:
    """In wrapped text, a line ends its paragraph where the wrap did not end it: the next word
    would have fitted and the line ends a sentence or the next one starts like a paragraph."""
    if _LIST_ITEM.match(following) or is_stamp(line) or is_stamp(following):
        return True
    if not _next_word_fits(line, following, width):
        return False
    return bool(_TERMINAL.search(line)) or not following[:1].islower()


def _join_wrapped(current: str, line: str) -> str:
    # "Nato-" / "Truppen" is one compound; "Ein-" / "und Ausreise" keeps its space.
    if current.endswith("-") and current[-2:-1].isalpha() and line[:1].isupper():
        return current + line
    return current + " " + line


def paragraphs_from_lines(lines: list[str]) -> list[str]:
    """Paragraphs from cleaned lines: blank lines separate blocks; within a block, lines are
    joined when the document is hard-wrapped and are paragraphs of their own otherwise."""
    width = wrap_width(lines)
    return _paragraphs(lines, lambda line, following: width is None or _ends_paragraph(line, following, width))


def paragraphs_at_sentence_ends(lines: list[str]) -> list[str]:
    """Paragraphs from lines broken for layout (``<br>`` in a page): a break ends a paragraph
    only after a sentence, before a list item or around a time stamp."""
    return _paragraphs(lines, lambda line, following: bool(
        _TERMINAL.search(line) or _LIST_ITEM.match(following) or is_stamp(line) or is_stamp(following)))


def _paragraphs(lines: list[str], ends_paragraph) -> list[str]:
    paragraphs: list[str] = []
    current = ""
    for index, line in enumerate(lines):
        if not line:
            continue
        current = _join_wrapped(current, line) if current else line
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if not following or ends_paragraph(line, following):
            paragraphs.append(clean_inline(current))
            current = ""
    return [paragraph for paragraph in paragraphs if paragraph]


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    return "\n\n".join(p for p in (clean_inline(p) for p in paragraphs) if p)


def normalise_body(text: str) -> str:
    """Free text (from a feed, JSON or front matter) as paragraphs separated by one blank line."""
    return join_paragraphs(paragraphs_from_lines(split_lines(text)))


def _is_abbreviation(text_before: str) -> bool:
    word = re.search(r"(\S+)$", text_before)
    if word is None:
        return False
    token = word.group(1).lstrip("\"'„“»«‚([").lower()
    if token.isdigit():  # German ordinals: "4. September"
        return True
    if len(token) == 1 and token.isalpha():  # initials: "Donald J. Trump"
        return True
    return token in _ABBREVIATIONS


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph, by German punctuation rules of thumb."""
    text = clean_inline(text)
    for match in _SENTENCE_END.finditer(text):
        if match.group(0).startswith(".") and _is_abbreviation(text[: match.start()]):
            continue
        return text[: match.end()].strip()
    return text


def count_sentences(text: str) -> int:
    count, rest = 0, clean_inline(text)
    while rest:
        sentence = first_sentence(rest)
        count += 1
        rest = rest[len(sentence) :].strip()
    return count


def shorten(text: str, limit: int = TITLE_LIMIT) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis if cut."""
    text = clean_inline(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–—-") + "…"


def title_from_text(text: str, limit: int = TITLE_LIMIT) -> str:
    """A title made from the first sentence of ``text`` (without its full stop)."""
    sentence = first_sentence(text)
    if sentence.endswith(".") and not sentence.endswith("..."):
        sentence = sentence[:-1].rstrip()
    return shorten(sentence, limit)
