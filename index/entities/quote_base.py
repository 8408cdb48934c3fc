"""Small helpers the quote modules share: making a Quote record, and the words and clause bounds
that finding quotes in marked text, in sentences and in text without marks all ask about.

Kept apart so that each reading of the text (quote_marks, quote_sentences, quote_unmarked, …)
can use them without importing the top-level quotes module.
"""

from __future__ import annotations

import re

from ..models import Quote, QuoteKind
from . import quote_text as qt
from .quote_speakers import Speaker

# Words without which a sentence has no cue ("sagt", "laut", "so X", "nach Angaben von X").
CUE_WORDS = qt.SPEECH_VERBS | qt.LAUT_WORDS | frozenset({qt.ZUFOLGE, qt.SO_WORD}) | frozenset(
    "angaben worten ansicht einschätzung darstellung informationen aussage aussagen meinung auffassung".split())


def make_quote(text: str, start: int, end: int, kind: QuoteKind, cue: str | None, speaker: Speaker | None) -> Quote:
    while end > start and text[end - 1] in " \n\t.,;:":
        end -= 1
    return Quote(start=start, end=end, text=text[start:end], kind=kind, cue=cue,
                 speaker=speaker.entity if speaker else None, speaker_text=speaker.text if speaker else None)


# Words that stand in lower case inside a title ("Die Erfindung der Wahrheit", "Spiel mit dem Feuer").
TITLE_SMALL_WORDS = frozenset("""der die das des dem den ein eine einer eines einem und oder von vom zu zur zum im in
    am an auf aus mit für über unter vor nach bei of the and a an in on for to""".split())


def cue_clause_end(text: str, at: int, limit: int = 160) -> int:
    """The end of a cue clause: the sentence's end, a colon or the next quotation mark."""
    end = min(len(text), at + limit)
    for k in range(at, end):
        c = text[k]
        if c in ".;:!?\n" and not (c == "." and k + 1 < len(text) and text[k + 1].isalnum()):
            if c == "." and qt._is_abbreviation(text, k):
                continue
            return k
        if c in qt.OPENING_MARKS:
            return k
    return end


DATELINE = re.compile(r"[A-ZÄÖÜ][\w.-]*(?:/[A-ZÄÖÜ][\w.-]*)*\s+[–-]\s*(?=[A-ZÄÖÜ])")


PREPOSITIONS = frozenset("""auf an für von mit bei nach zu gegen über unter um aus vor hinter neben
    zwischen durch ohne seit""".split())
# Words that cannot carry a statement on their own: "Litauen und Irland", "Präsident des Vereins".
_NO_PREDICATE = frozenset("""und oder sowie des der die das dem den ein eine einer eines einem für mit von vom
    zum zur bei aus nach je""".split())


def has_predicate(clause: str) -> bool:
    """A clause that can state something: it has a word in lower case besides articles and
    conjunctions (a verb, mostly), unlike an enumeration or an apposition."""
    return any(w.group(0)[:1].islower() and w.group(0) not in _NO_PREDICATE for w in qt.words(clause))


def same_paragraph(text: str, end: int, start: int) -> bool:
    return "\n\n" not in text[end:start]
