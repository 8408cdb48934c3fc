"""Who said a marked quote: the cue after its closing mark, before its opening mark, in its
sentence, in the paragraph before it, or, without a cue, the one the narration before it opens with.

Also block quotes: a paragraph without marks after one that ends in a cue and a colon, whose marks
the page set by layout.
"""

from __future__ import annotations

import re

from ..models import Quote
from . import quote_text as qt
from .quote_base import PREPOSITIONS, TITLE_SMALL_WORDS, cue_clause_end, make_quote
from .quote_context_speakers import opens_before
from .quote_cue_clauses import THE_STATEMENT, person_after_verb
from .quote_marks import has_marks
from .quote_speakers import Speaker, SpeakerFinder


def attribute_marked(text, marked, sentences, finder: SpeakerFinder, found, covered) -> None:
    starts = [s.start for s in sentences]
    previous_end = 0
    for start, end in marked:
        if any(a <= start and end <= b for a, b in covered):
            continue
        sentence_start = _sentence_start(sentences, starts, start)
        cue, speaker = _post_cue(text, end + 1, finder)
        if cue is not None and speaker is None and re.match(r"\W{0,2}\w+[.!?]", text[end + 1:end + 40]):
            speaker = _clause_subject(text, sentence_start, start, finder)  # "…, wo sie von „…“ sprach."
        if cue is None and _names_something(text, start, end) and not text[max(0, start - 3):start - 1].strip().endswith(":"):
            continue  # »New York Times«, „Die Erfindung der Wahrheit“: a title, no cue of its own
        if cue is None:
            cue, speaker = _pre_cue(text, max(sentence_start, previous_end), start - 1, finder)
        if cue is None and sentence_start >= start - 2:
            # A quote set apart as a paragraph after its cue: "Das Gericht stellt dazu fest:\n\n„…“"
            cue, speaker = _pre_cue(text, *_cue_paragraph_before(text, start - 1), finder)
        if cue is None:
            cue, speaker = _cue_in_sentence(text, sentences, starts, start, end, finder)
        if cue is None and _phrase_in_sentence(text, start, end):
            continue  # "Die Kampagne soll „die breite Öffentlichkeit“ erreichen": a phrase set apart, no quote
        on_banner = cue is None and _WRITTEN_ON.search(text, sentence_start, start) is not None
        if on_banner or (cue is None and finder.nobody_spoke_last(start, 600)):
            # "Auf ihren Transparenten stand „…“": a banner; after a crowd's chant, the crowd goes on
            speaker = opens_before(text, sentences, starts, start, finder, covered)
        elif cue is None:  # who opens the sentence before ("Auch Anna Schmidt ist skeptisch. „…“"), the last
            # speaker, or who the sentence before names ("laut Geschäftsführer X …")
            speaker = opens_before(text, sentences, starts, start, finder, covered) \
                or finder.recent(start, within=600) or finder.named_before(start, within=300)
            if speaker is not None and _names_in_third_person(finder, speaker, start, end):
                speaker = None  # „Neumeister muss weg!“ is not Neumeister's own word
        if (speaker is None or speaker.entity is None) and (cue is not None or on_banner):
            finder.nobody_named(end)  # "skandierten die Demonstranten", "sagte ein Anrainer": no one named
        finder.remember(speaker, end)
        found.append(make_quote(text, start, end, "direct", cue, speaker))
        covered.append((start, end))
        previous_end = end + 1


# Where written words stand that nobody named says: banners, placards, signs.
_WRITTEN_ON = re.compile(r"\b(?:Transparent|Plakat|Spruchb[aä]nd|Banner|Schild|Tafel|Aufschrift)\w*\b")


def _names_in_third_person(finder: SpeakerFinder, speaker: Speaker, start: int, end: int) -> bool:
    """The quote names the speaker found for it by name: someone else speaks of them."""
    return any(start <= m.start and m.end <= end and m.entity == speaker.entity for m in finder.mentions)


_LOWER_WORD_BEFORE = re.compile(r"\b[a-zäöüß]+\s+$")
_GOES_ON_AFTER = re.compile(r"\s*(?:[a-zäöüß]|[.;)])")


def _phrase_in_sentence(text: str, start: int, end: int) -> bool:
    """A few marked words without a verb's full stop inside a sentence that goes on around them:
    a phrase the writer sets apart, not someone's words."""
    content = text[start:end].rstrip()
    if len(qt.words(content)) > 3 or content[-1:] in ".!?…" or not content[:1].islower():
        return False
    return _LOWER_WORD_BEFORE.search(text, max(0, start - 30), start - 1) is not None \
        and _GOES_ON_AFTER.match(text, end + 1) is not None


# "bezeichnete die Vorwürfe als „Fake und Paranoia“": nouns a speaker said, not a title.
_CALLED = re.compile(r"\b(?:als|bezeichnete|bezeichnet|nannte|nennt|sprach von|spricht von)\W+\w*\W*$")


def _names_something(text: str, start: int, end: int) -> bool:
    """Marked words that name something rather than say it: a few words without a full stop,
    each capitalised but for articles and prepositions."""
    words = qt.words(text, start, end)
    if not words or len(words) > 6 or text[start:end].rstrip()[-1:] in ".!?…" \
            or _CALLED.search(text, max(0, start - 50), start):
        return False
    return all(w.group(0)[:1].isupper() or w.group(0)[:1].isdigit() or w.group(0) in TITLE_SMALL_WORDS
               for w in words) and words[0].group(0)[:1].isupper()


_PARAGRAPH = re.compile(r"[^\n]+")


def block_quotes(text: str, marked, finder: SpeakerFinder, found: list[Quote], covered) -> None:
    """A paragraph without quotation marks after one that ends in a cue and a colon ("sagt Volker
    Tripp vom Digitale Gesellschaft e.V.:", "kommt iRights aber zum Schluss:"): a block quote
    whose marks the page set by layout."""
    paragraphs = list(_PARAGRAPH.finditer(text))
    for before, block in zip(paragraphs, paragraphs[1:]):
        intro = before.group(0).rstrip()
        if not intro.endswith(":") or has_marks(block.group(0)) or len(qt.words(block.group(0))) < 4 \
                or any(a < block.end() and block.start() < b for a, b in covered):
            continue
        colon = before.start() + len(intro) - 1
        clause_start = max(text.rfind(". ", before.start(), colon) + 1, before.start())
        verbs = [w for w in qt.words(text, clause_start, colon) if w.group(0).lower() in qt.SPEECH_VERBS
                 and w.group(0).lower() not in qt.WEAK_VERBS]
        conclusion = re.search(r"\b(?:zum Schluss|zu dem Schluss|zum Ergebnis|fest)\s*:$", intro)
        if not verbs and conclusion is None:
            continue
        speaker = finder.in_region(clause_start, colon)
        if speaker is None:
            continue
        cue = verbs[-1].group(0) if verbs else conclusion.group(0).rstrip(": ") if conclusion else None
        finder.remember(speaker, block.end())
        found.append(make_quote(text, block.start(), block.end(), "direct", cue, speaker))
        covered.append((block.start(), block.end()))


def _sentence_start(sentences, starts, at: int) -> int:
    from bisect import bisect_right
    k = bisect_right(starts, at) - 1
    return sentences[k].start if k >= 0 else 0


_POST_CUE = re.compile(r"^[\s,]*(?:[-–—]\s*)?(\w+)(?:\s+(\w+))?")
# "„…“ Das sagte X der Zeitung.", "„…“. Dies betonte X.": the cue opens the next sentence.
_CUE_SENTENCE = re.compile(r"^\.?\s+(?:Das|Dies)\s+(\w+)\s")
# "„…“ Mit diesen Worten begrüßte X die Gäste.", "„…“ – mit diesen Worten …": any verb, the subject after it.
_WORDS_SENTENCE = re.compile(r"^\.?\s+(?:[-–—]\s+)?[Mm]it (?:diesen|den) Worten\s+(\w+)\s")


def _post_cue(text: str, at: int, finder: SpeakerFinder) -> tuple[str | None, Speaker | None]:
    """ ', sagte X.' / ', so X.' / ' sagt X:' right after a quote's closing mark."""
    next_sentence = _CUE_SENTENCE.match(text[at:at + 60]) or _WORDS_SENTENCE.match(text[at:at + 60])
    if next_sentence is not None and (next_sentence.re is _WORDS_SENTENCE or (
            next_sentence.group(1).lower() in qt.SPEECH_VERBS and next_sentence.group(1).lower() not in qt.WEAK_VERBS)):
        region_start = at + next_sentence.end(1)
        speaker = finder.in_region(region_start, cue_clause_end(text, region_start))
        if speaker is not None:
            return next_sentence.group(1), speaker
    match = _POST_CUE.match(text[at:at + 60])
    if match is None:
        return None, None
    verb = match.group(1)
    low = verb.lower()
    if low in {"wird", "wurde"}:  # "„…“, wird Anna Schmidt in einer Mitteilung zitiert"
        end = cue_clause_end(text, at + match.end(1))
        if not re.search(r"\bzitiert\b", text[at:end]):
            return None, None
        return "zitiert", finder.in_region(at + match.end(1), end)
    if low not in qt.SPEECH_VERBS and low != qt.SO_WORD and low not in {"hieß", "heißt", "wie"}:
        speaker = person_after_verb(text, at, verb, at + match.end(1), finder)
        return (verb, speaker) if speaker is not None else (None, None)
    if low == "wie":  # ", wie X sagte"
        end = cue_clause_end(text, at + match.end(1))
        region = text[at:end]
        verb_in = next((w for w in qt.words(region) if w.group(0).lower() in qt.SPEECH_VERBS), None)
        if verb_in is None:
            return None, None
        return verb_in.group(0), finder.in_region(at + match.end(1), end)
    if low in {"hieß", "heißt"}:  # as in a sentence: "hieß es weiter", "heißt es in einer Mitteilung des Konzerns"
        end = cue_clause_end(text, at + match.end())
        source = finder.named_in(at + match.end(), end)
        if source is None and re.search(r"\bweiter\b", text[at:end]):
            source = finder.recent(at, within=600)
        if source is None and THE_STATEMENT.match(text, at + match.end()):
            # "„…“, hieß es in dem Statement": of the one that spoke, or the body named, just before
            source = finder.recent(at, within=600) or finder.org_before(at, within=600)
        return f"{verb} es", source or finder.last_org_named_by_noun(at + match.end(), end)
    region_start = at + match.end(1)
    return verb, finder.in_region(region_start, cue_clause_end(text, region_start))


def _pre_cue(text: str, start: int, end: int, finder: SpeakerFinder) -> tuple[str | None, Speaker | None]:
    """'X sagte: „' / 'X: „' / 'Er schreibt, dass „' before a quote's opening mark."""
    region = text[start:end]
    if not region.strip():
        return None, None
    verbs = [w for w in qt.words(text, start, end) if w.group(0).lower() in qt.SPEECH_VERBS]
    if verbs:
        return verbs[-1].group(0), finder.in_region(start, end)
    said = _SAID_NOUN.search(text, start, end)
    if said is not None:  # "Der VSW legt Wert auf die Feststellung, „…“": a noun for words
        return said.group(1), finder.in_region(start, end)
    if region.rstrip().endswith(":"):  # "Finalsieg über Tomic – Thiem: „…“": who stands before the colon
        colon = start + len(region.rstrip()) - 1
        named = next((m for m in reversed(finder.mentions) if m.end <= colon and not text[m.end:colon].strip()), None)
        before = qt.words(text, max(start, named.start - 20), named.start) if named is not None else []
        speaker: Speaker | None
        if named is not None and not (before and before[-1].group(0).lower() in PREPOSITIONS | {"und"}):
            speaker = Speaker(named.entity, named.text)  # not "schickt eine WhatsApp an Fichtner und Geyer:"
        else:  # "Und weiter: „…“": the last speaker goes on
            speaker = finder.in_region(start, end) or (finder.recent(start, within=600) if len(region.split()) <= 3 else None)
            if speaker is None and len(region.split()) <= 2:  # a teaser's 'Landeshauptmann: "…"': the one the text names first
                speaker = finder.first_named_after(start)
        return region.strip()[-25:].split()[-1] if len(region.split()) <= 4 else ":", speaker
    return None, None


def _cue_paragraph_before(text: str, mark_at: int) -> tuple[int, int]:
    """The last clause of the paragraph before a quote's paragraph when that paragraph ends
    without a full stop ("Die Richter schreiben", "Das Gericht stellt dazu fest:"), else nothing."""
    head = text[:mark_at].rstrip()
    if not text[len(head):mark_at].startswith("\n\n") or not head or head[-1] in ".!?…\"“”«»":
        return mark_at, mark_at
    paragraph_start = head.rfind("\n") + 1
    clause_start = max(head.rfind(". ", paragraph_start) + 1, paragraph_start)
    return clause_start, len(head)


# Nouns for words that follow at the end of a cue clause ("… auf die Feststellung, „").
_SAID_NOUN = re.compile(r"\b(Feststellung|Aussage|Erklärung|Mitteilung|Stellungnahme|Botschaft|Warnung|"
                        r"Forderung|Antwort|Worten)\W{0,3}$")


def _cue_in_sentence(text, sentences, starts, start, end, finder) -> tuple[str | None, Speaker | None]:
    """A quoted fragment inside a sentence: 'Er wolle „in der EU …“ sorgen, antwortete X.'"""
    from bisect import bisect_right
    k = bisect_right(starts, start) - 1
    if k < 0:
        return None, None
    sentence = sentences[k]
    for w in qt.words(text, sentence.start, max(sentence.end, end)):
        if start <= w.start() < end:
            continue
        if w.group(0).lower() in qt.SPEECH_VERBS and w.group(0).lower() not in {"so", "gab", "gibt", "stellte", "stellt"}:
            before = finder.in_region(sentence.start, w.start()) if w.start() < start else None
            after = finder.in_region(w.end(), cue_clause_end(text, w.end()))
            if after is None and before is None and w.start() >= end:
                before = _clause_subject(text, sentence.start, start, finder)
            return w.group(0), after or before
    return None, None


def _clause_subject(text: str, sentence_start: int, start: int, finder) -> Speaker | None:
    """Who the clause opening before a quote names when its verb ends the clause after the quote:
    "…, wo sie von „…“ sprach"."""
    clause = max(text.rfind(", ", sentence_start, start), text.rfind(" – ", sentence_start, start))
    return finder.in_region(clause + 2, start) if clause >= 0 else None
