"""Quotation marks: pairing them into marked quotes, and telling where marks stand.

A quote is the text inside the outermost pair of marks (nesting and quotes running over paragraphs
included), unless it is a title ("der Film „…“") or a term of two words that nobody says. Text that
lost its marks (10kGNAD, some feeds) is told apart here too, since the rest of the rules read such
text differently.
"""

from __future__ import annotations

import re

from . import quote_text as qt

MAX_QUOTE_PARAGRAPHS = 12
# "„Sicher im Kreis?“ lautete das Thema": the title named after the marks.
_TITLE_AFTER = re.compile(r"\W{0,2}\s*(?:lautet|lautete|lauten|lauteten|hieß|heißt|war|ist)\s+(?:das|der|die)\s+"
                          r"(?:Thema|Titel|Motto|Überschrift|Slogan|Leitfrage|Frage des Abends)\b")
_TITLE_BEFORE = re.compile(
    r"(?:Titel|Motto|Überschrift|Slogan|Namen|Schriftzug|Film|Buch|Roman|Serie|Sendung|Song|Album|Stück|"
    r"Kampagne|Hashtag|Artikel wie|Empfehlung|Parole|Programm|Projekt|"
    r"Initiative|Aktion|Studie|genannt|namens|sogenannte[nrms]?|Marke|Thema)\W{0,3}$"
    r"|\b(?:Artikel|Thema|Beitrag|Vortrag|Kolumne|Rubrik|Vereinigung)\s$")  # "der Artikel „Warum …“"


def marked_quotes(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each outermost pair of quotation marks."""
    quotes: list[tuple[int, int]] = []
    at = 0
    n = len(text)
    while at < n:
        mark_at = _next_opening(text, at)
        if mark_at < 0:
            break
        close_at = _closing(text, mark_at)
        if close_at < 0 and _runs_to_the_end(text, mark_at):
            close_at = len(text.rstrip())  # a feed cut the text inside the quote: „Alle sind stabil, aber wir
        if close_at < 0:
            at = mark_at + 1
            continue
        start, end = mark_at + 1, close_at
        content = text[start:end]
        if (len(qt.words(content)) >= 3 or _said_short(text, mark_at, close_at)) \
                and not _TITLE_BEFORE.search(text[max(0, mark_at - 40):mark_at]) \
                and not _TITLE_AFTER.match(text, close_at + 1, close_at + 40):
            quotes.append((start, end))
        at = close_at + 1
    return quotes


def _runs_to_the_end(text: str, mark_at: int) -> bool:
    """The mark opens the last words of the text's last paragraph, and nothing closes it: a text
    cut short. Not much text: a stray mark in text without paragraphs must not take the rest."""
    rest = text[mark_at + 1:]
    return len(rest) <= 600 and not any(c in qt.ALL_MARKS for c in rest) and "\n\n" not in rest.rstrip() and len(qt.words(rest)) >= 3


_SAID_AFTER = re.compile(r",\s+(\w+)")
_SAID_BEFORE = re.compile(r"\b(\w+)\b[^.!?:„“»«\"]{0,60}:\s*$")


def _said_short(text: str, mark_at: int, close_at: int) -> bool:
    """A quote of one or two words that is said, not a term: „Nein“, sagte X. / X antwortete: „Nein.“"""
    after = _SAID_AFTER.match(text, close_at + 1, close_at + 30)
    if after is not None:  # a whole sentence, not a fragment („absolut inakzeptabel“, sagte X)
        opens = not text[max(0, mark_at - 200):mark_at].rsplit(".", 1)[-1].rsplit(":", 1)[-1].strip()
        return opens and after.group(1).lower() in qt.SPEECH_VERBS and after.group(1).lower() not in qt.WEAK_VERBS
    before = _SAID_BEFORE.search(text, max(0, mark_at - 80), mark_at)
    return before is not None and any(w.group(0).lower() in qt.SPEECH_VERBS and w.group(0).lower() not in qt.WEAK_VERBS
                                      for w in qt.words(text, before.start(), mark_at))


_OPENING = re.compile("[" + re.escape(qt.OPENING_MARKS) + "]")


def _next_opening(text: str, at: int) -> int:
    n = len(text)
    for match in _OPENING.finditer(text, at):
        at = match.start()
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < n else " "
        if not after.isspace() and after not in _AFTER_SPACED_CLOSING and (before.isspace() or before in "([:–—-/" or at == 0):
            return at
    return -1


# A mark between a space and one of these closes a quote: no quote opens on a comma.
_AFTER_SPACED_CLOSING = ",.;:!?"


def _closing(text: str, mark_at: int) -> int:
    """Where the quote opened at `mark_at` closes, or -1. Nested quotes with the same opening
    mark count; a quote may run over paragraphs that do not close it (up to a limit)."""
    mark = text[mark_at]
    closers = qt.QUOTE_PAIRS[mark]
    depth = 0
    paragraphs = 0
    unopened = False  # a paragraph of the quote did not open with a mark
    k = mark_at + 1
    n = len(text)
    while k < n:
        c = text[k]
        if c == "\n" and text.startswith("\n\n", k):
            paragraphs += 1
            if paragraphs > MAX_QUOTE_PARAGRAPHS:
                return -1
            unopened = unopened or text[k + 2:k + 3] not in qt.OPENING_MARKS
        elif c in closers and k > mark_at + 1 and (k + 1 >= n or not text[k + 1].isalnum()) \
                and (not text[k - 1].isspace() or text[k + 1:k + 2] in _AFTER_SPACED_CLOSING):
            # „Alle wollen nach Santiago “, sagt Maria: a space before the closing mark
            if depth == 0:
                return k
            depth -= 1
        elif unopened and c in qt.OPENING_MARKS and text[k - 1].isspace() and k + 1 < n and not text[k + 1].isspace():
            return -1  # another quote opens in a paragraph this one never opened: it was never closed
        elif c == mark and mark not in closers:
            before = text[k - 1]
            if depth == 0 and before == "\n":
                pass  # the mark opens the quote's next paragraph again
            elif before.isspace() or before in "([:":
                depth += 1
        elif c in "'‚" and mark in "'‚":
            return -1
        k += 1
    return -1


def marks_lost(text: str) -> bool:
    """A text that lost its quotation marks (10kGNAD, some feeds): direct speech stands in it
    unmarked, so a statement with a cue of its own is taken as the speaker's words."""
    return not any(mark in text for mark in "„“”»«") and text.count('"') <= 4


def has_marks(text: str) -> bool:
    return any(c in qt.ALL_MARKS for c in text)


def inside_marks(marked, s: int, e: int) -> bool:
    return any(a <= s and e <= b + 1 for a, b in marked)


def only_marked(marked, s: int, e: int, text: str = "") -> bool:
    """The content is (almost) all one marked quote, or marked quotes joined by "und" and
    commas („A“, „B“ und „C“): the quotes already are the records."""
    if text and "\n" in text[s:e]:
        s = text.rfind("\n", s, e) + 1  # "Bildergalerie (6 Bilder)\n«…», sagte X": a heading the sentence took in
    if any(a - 2 <= s and e <= b + 3 for a, b in marked):
        return True
    if not text or not any(s <= a and b <= e for a, b in marked):
        return False
    rest = _MARKED_WORDS.sub(" ", text[s:e])  # short quotes („Lügenpresse!“) are not in `marked`
    return all(w.group(0) in ("und", "oder", "sowie") for w in qt.words(rest))


_MARKED_WORDS = re.compile(r"[„»\"“][^„“”»«\"]*[“”«\"]")
