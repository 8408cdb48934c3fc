"""Cues that stand outside the sentence they attribute: the next sentence ("… Das sagte X.",
"Diese Worte …"), or an introduction before a colon in text without marks ("Ministerin X betont:
…", "Strolz fragte ins Plenum: …").
"""

from __future__ import annotations

import re

from . import quote_text as qt
from .quote_base import PREPOSITIONS, cue_clause_end, same_paragraph
from .quote_speakers import Speaker, SpeakerFinder

# "Das sagte X am Montag.", "Dies kündigte X an.": a sentence that is only the cue of the one before.
_TOLD_SENTENCE = re.compile(r"(?:Das|Dies)\s+(\w+)\s")
# "Das wars noch nicht! Diese Worte schleuderte Uli Hoeneß … entgegen": any verb, a person after it.
_THESE_WORDS = re.compile(r"(?:Diese|Mit diesen) (?:Worte|Worten|Sätze|Sätzen)\s+(\w+)\s|Dieser Satz\s+(\w+)\s")


def _next_sentence_opening(text: str, sentences, index: int, pattern: re.Pattern) -> re.Match | None:
    """``pattern`` matched at the start of the sentence after this one, in the same paragraph."""
    if index + 1 >= len(sentences):
        return None
    following = sentences[index + 1]
    match = pattern.match(text, following.start, following.end)
    if match is None or not same_paragraph(text, sentences[index].end, following.start):
        return None
    return match


def told_next(text: str, sentences, index: int, finder: SpeakerFinder) -> tuple[str, Speaker] | None:
    """(cue, speaker) when the next sentence of the paragraph attributes this one ("… Das sagte X.")."""
    match = _next_sentence_opening(text, sentences, index, _TOLD_SENTENCE)
    if match is None:
        return None
    verb = match.group(1)
    if verb.lower() not in qt.SPEECH_VERBS or verb.lower() in qt.WEAK_VERBS:
        return None
    speaker = finder.in_region(match.end(1), cue_clause_end(text, match.end(1)))
    return (verb, speaker) if speaker is not None else None


def these_words_next(text: str, sentences, index: int, finder: SpeakerFinder) -> tuple[str, Speaker] | None:
    """(cue, speaker) when the next sentence opens with "Diese Worte" and a verb whose subject is a
    person ("Das wars noch nicht! Diese Worte schleuderte Uli Hoeneß … entgegen")."""
    match = _next_sentence_opening(text, sentences, index, _THESE_WORDS)
    if match is None:
        return None
    group = 1 if match.group(1) else 2
    named = finder.mention_at(match.end(group) + 1)
    return (match.group(group), Speaker(named.entity, named.text)) \
        if named is not None and named.kind == "person" else None


_COLON = re.compile(r":\s+(?=[A-ZÄÖÜ])")


def colon_introduction(text: str, s: int, e: int, finder: SpeakerFinder):
    """(content start, speaker) of "Stumpf weiter: Das muss …", "Ministerin X betont: …", "…, wie
    er 1997 selbst sagte: …" in a text without quotation marks: a colon after a verb of saying or
    a noun that introduces words, or right after the speaker's name ("… zeigten Birgit Schatz und
    Judith Schwentner: …"); a name elsewhere before a colon is mostly narration ("Thiem bedankte
    sich mit einem Kraftakt: …", "Die nächste Aufgabe wartet auf Thiem: …")."""
    colon = _COLON.search(text, s, e)
    if colon is None:
        return None
    head = qt.words(text, s, colon.start())
    last_clause = len(head) > 16 and not qt.speaks_to_reader(text[s:colon.start()]) \
        and not qt.konj1(text[s:colon.start()])
    if last_clause:  # "Den Vorwurf, wonach …, will Leitl so nicht stehen lassen: Wir …": the clause before the colon
        s = text.rfind(", ", s, colon.start()) + 2
        head = qt.words(text, s, colon.start()) if s > 1 else []
    if not head or len(head) > 16:
        return None
    speaker = finder.in_region(s, colon.start())
    passive = any(w.group(0) in {"wurde", "wurden", "worden"} for w in head)  # "Die Listen wurden bestätigt:"
    # "Hanakamp weiter:", "Und weiter:", not "Sie recherchieren weiter:" (another verb, no saying)
    goes_on = all(w.group(0)[:1].isupper() or w.group(0) == "weiter" for w in head)
    says = any((w.group(0).lower() in qt.SPEECH_VERBS and w.group(0).lower() not in {"heißt", "hieß"} and not passive)
               or (w.group(0).lower() in _INTRODUCING and (w.group(0) != "weiter" or goes_on))
               or w.group(0).lower().endswith(_INTRODUCING_NOUNS)
               for w in head) \
        or qt.clearly_reported(text[s:colon.start()])  # "Die Risiken seien groß: Auf See gibt es Gefahren."
    if last_clause and (speaker is None or not _names_subject(text, s, colon.start(), speaker, finder) or not (
            qt.speaks_to_reader(text[colon.end():e]) or any(
                w.group(0).lower() in qt.SPEECH_VERBS and w.group(0).lower() not in qt.WEAK_VERBS for w in head))):
        return None  # only its named subject with a verb of saying or own words make the last clause a cue
    if not says and not (speaker is not None and (len(head) <= 4 or _named_last(text, head, finder)
                                                    or qt.speaks_to_reader(text[colon.end():e]))):
        return None
    return colon.end(), speaker or finder.likely(s)


_ASKED_ALOUD = re.compile(r"\b(?:fragte|fragt|fragten)\b[^:.!?]{0,60}:\s+(?=[A-ZÄÖÜ])")


def asked_aloud(text: str, s: int, e: int, finder: SpeakerFinder):
    """(content start, speaker) of a question someone asks in his own words after "fragte …:"."""
    asked = _ASKED_ALOUD.search(text, s, e)
    if asked is None or not qt.speaks_to_reader(text[asked.end():e]):
        return None
    speaker = finder.in_region(s, asked.end())
    return (asked.end(), speaker) if speaker is not None and speaker.entity is not None else None


def _names_subject(text: str, start: int, end: int, speaker: Speaker, finder: SpeakerFinder) -> bool:
    """The clause names the speaker by name, not as the object of a preposition ("will Leitl
    so nicht stehen lassen", not "ein Ausstieg aus der EU würde …")."""
    for m in finder.mentions:
        if start <= m.start < end and m.entity == speaker.entity:
            before = qt.words(text, start, m.start)
            while before and before[-1].group(0).lower() in {"der", "die", "das", "dem", "den", "des"}:
                before.pop()
            if not before or before[-1].group(0).lower() not in PREPOSITIONS | {"in", "im", "vom"}:
                return True
    return False


def _named_last(text: str, head: list, finder: SpeakerFinder) -> bool:
    """The words before a colon end in a name that is no object ("wartet auf Thiem:")."""
    last = head[-1]
    named = next((m for m in finder.mentions if m.start <= last.start() < m.end), None)
    if named is None:
        return False
    before = [w for w in head if w.end() <= named.start]
    return not before or before[-1].group(0).lower() not in PREPOSITIONS


_INTRODUCING = frozenset("""weiter betonen erinnert erinnern argumentieren warnen zitiert resümiert kontert
    erklärung antwort fazit devise credo begründung bilanz schluss bedenken""".split())
# Nouns that announce words to come ("eine alte Seglerweisheit:", "der große Sager", "Sein Appell:").
_INTRODUCING_NOUNS = ("sager", "spruch", "weisheit", "worte", "erklärung", "antwort", "fazit", "devise",
                      "credo", "begründung", "vorwurf", "appell", "warnung", "botschaft", "forderung",
                      "reaktion", "kommentar", "einschätzung", "urteil", "version", "fassung", "variante")
