"""Speakers of quotes without a cue of their own, found in the sentences around them.

Who opens the narration just before a quote, the person a sentence about a body gives as its
source, the one asked after a reported question, the lead clause before a reported clause, or the
speaker a report goes on with.
"""

from __future__ import annotations

import re

from ..models import Quote
from . import quote_text as qt
from .quote_base import same_paragraph
from .quote_speakers import Speaker, SpeakerFinder


def answerer(text: str, sentences, index: int, finder: SpeakerFinder) -> Speaker | None:
    """After a reported question ("Ob er der Vorsitzende sei?"), the one asked: named before it."""
    if index == 0 or text[sentences[index - 1].end - 1] != "?":
        return None
    return finder.named_before(sentences[index - 1].start, within=300)


def carried(found: list[Quote], finder: SpeakerFinder, s: int) -> Speaker | None:
    """The speaker a report goes on with: the one of the quote just before, also when that was
    nobody named ("…, hieß es. Man werde …"); else the last speaker."""
    # The marked quotes were all found first: the one just before is not always the last found.
    last = max((q for q in found if q.end <= s), key=lambda q: q.end, default=None)
    if last is not None and s - last.end <= 400 and last.speaker:
        return Speaker(last.speaker, last.speaker_text or "")
    return finder.recent(s)


def subject_before(text: str, sentences, index: int, finder: SpeakerFinder, covered,
                   across_paragraphs: bool = False, names_only: bool = False) -> Speaker | None:
    """Who opens the sentence before, when that sentence is narration, not a quote: "Auch die
    Armutskonferenz warnt vor Kürzungen. Diese würden …" (the Armutskonferenz, not the last speaker)."""
    if index == 0:
        return None
    before = sentences[index - 1]
    if any(a < before.end and before.start < b for a, b in covered) \
            or not (across_paragraphs or same_paragraph(text, before.end, sentences[index].start)):
        return None
    opening = qt.words(text, before.start, before.end)[:6]
    if not opening:
        return None
    named = finder.named_in(before.start, opening[-1].end())
    if named is not None and not finder.is_person(named.entity):
        named = _person_beside(text, before.start, named, finder)
    if named is not None and not finder.is_person(named.entity):
        named = _source_person(text, before.start, before.end, finder) or named
    she = len(opening) > 1 and opening[0].group(0) == "Sie" and opening[1].group(0).endswith("t")  # "Sie sieht darin …"
    if named is None and not names_only and (she or any(w.group(0).lower() in {"er", "ihn", "ihm"} for w in opening)):
        named = finder.named_before(before.start, within=400)  # "Für ihn ist klar, dass …"
    return named


_SOURCE_CUE = re.compile(r"\b(?:laut|so)\s+((?:[A-ZÄÖÜ][\w-]*\s+){0,2}[A-ZÄÖÜ])")


def _source_person(text: str, start: int, end: int, finder: SpeakerFinder) -> Speaker | None:
    """The person a sentence about a body gives as its source ("Duesenfeld kommt laut Geschäftsführer
    Christian Hanisch auf 96 Prozent. „Wir verbrauchen …“": Hanisch speaks on)."""
    for cue in _SOURCE_CUE.finditer(text, start, end):
        for word in qt.words(text, cue.start(1), cue.end(1) + 1)[:3]:  # "laut Geschäftsführer Christian Hanisch"
            named = finder.mention_at(word.start())
            if named is not None and named.kind == "person":
                return Speaker(named.entity, named.text)
    return None


def _person_beside(text: str, start: int, body: Speaker, finder: SpeakerFinder) -> Speaker:
    """"Der Trainer des FC Talheim, Sven Oberländer, war …": the person set beside the body that
    opens a sentence, not the body."""
    named = next((m for m in finder.mentions if m.start >= start and m.entity == body.entity), None)
    comma = re.match(r",\s+", text[named.end:named.end + 4]) if named is not None else None
    person = finder.mention_at(named.end + comma.end()) if named is not None and comma is not None else None
    return Speaker(person.entity, person.text) if person is not None and person.kind == "person" else body


def opens_before(text: str, sentences, starts, start: int, finder: SpeakerFinder, covered) -> Speaker | None:
    """For a marked quote that opens its sentence: who opens the narration just before it, also
    across a paragraph break ("Auch Anna Schmidt ist skeptisch.\n\n„Das wird nicht reichen.“")."""
    from bisect import bisect_right
    k = bisect_right(starts, start) - 1
    if k <= 0 or text[sentences[k].start:start - 1].strip():
        return None
    return subject_before(text, sentences, k, finder, covered, across_paragraphs=True)


def lead_speaker(text: str, s: int, start: int, finder: SpeakerFinder) -> Speaker | None:
    """Who the lead clause before a reported clause names: in its last part ("…, von denen
    Relotius behauptet, er habe …"), else anywhere in it."""
    if start <= s:
        return None
    last_part = text.rfind(", ", s, start - 2)
    if last_part >= 0:
        found = finder.in_region(last_part + 2, start)
        if found is not None:
            return found
    return finder.in_region(s, start)
