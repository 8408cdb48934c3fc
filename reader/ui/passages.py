"""Which passage of an article a bookmark at a hit or mention keeps: its sentence, or the quote
the place is in, with who said it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from index.models import Quote, Span


# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) and a space.
_SENTENCE_END = re.compile(r"[.!?][\"'“”»«)\]]*\s")
MAX_PASSAGE = 600


def passage_around(body: str, span: Span) -> Span:
    """The sentence holding `span`, within its paragraph, trimmed of surrounding whitespace."""
    paragraph_start = body.rfind("\n", 0, span.start) + 1
    paragraph_end = body.find("\n", span.end)
    if paragraph_end < 0:
        paragraph_end = len(body)
    start = paragraph_start
    for match in _SENTENCE_END.finditer(body, paragraph_start, span.start):
        start = match.end()
    found = _SENTENCE_END.search(body, span.end, paragraph_end)
    end = found.end() if found else paragraph_end
    # A run-on "sentence" (a table, a list without stops) is cut around the span.
    if end - start > MAX_PASSAGE:
        start = max(start, span.start - MAX_PASSAGE // 2)
        end = min(end, max(span.end, start + MAX_PASSAGE))
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    from index.models import Span  # the library's code loads after the first screen

    return Span(start=start, end=end)


def quote_at(quotes: list[Quote], span: Span) -> Quote | None:
    """The innermost of the article's quotes holding ``span``, if any."""
    holding = [quote for quote in quotes if quote.start <= span.start and span.end <= quote.end]
    return min(holding, key=lambda quote: quote.end - quote.start, default=None)


def quote_note(speaker: str | None, speaker_text: str | None, kind: str) -> str:
    """A quote bookmark's note: who said it (and how the text names them there), and the kind."""
    if speaker is None:
        return f"{speaker_text or 'Unattributed'} ({kind} quote)"
    if speaker_text and speaker_text != speaker:
        return f"{speaker}, as “{speaker_text}” ({kind} quote)"
    return f"{speaker} ({kind} quote)"
