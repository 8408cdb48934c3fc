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


def is_hard_wrapped(lines: list[str]) -> bool:
    """True when line breaks inside a block are a wrap width, not paragraph ends.

    Wrapped text has (almost) no lines over 100 characters, and most lines that another line
    follows in the same block stop mid-sentence. One paragraph per line has long lines or lines
    that end with a full stop.
    """
    lengths = [len(line) for line in lines if line]
    if not lengths or sum(1 for length in lengths if length > 100) > len(lengths) * 0.05:
        return False
    inner = [
        line for line, following in zip(lines, lines[1:], strict=False)
        if line and following and not is_stamp(line) and not is_stamp(following)
    ]
    if not inner:
        return False
    open_ended = sum(1 for line in inner if not _TERMINAL.search(line))
    return open_ended >= len(inner) * 0.7


def paragraphs_from_lines(lines: list[str]) -> list[str]:
    """Paragraphs from cleaned lines: blank lines separate blocks; within a block, lines are
    joined when the text is hard-wrapped and are paragraphs of their own otherwise."""
    wrapped = is_hard_wrapped(lines)
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            paragraphs.append(clean_inline(" ".join(current)))
            current.clear()

    for line in lines:
        if not line:
            flush()
        elif not wrapped or _LIST_ITEM.match(line) or is_stamp(line):
            flush()
            current.append(line)
            if not wrapped or is_stamp(line):
                flush()
        else:
            current.append(line)
    flush()
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
