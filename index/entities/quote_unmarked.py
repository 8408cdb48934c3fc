"""Direct speech in text that lost its quotation marks (10kGNAD, some feeds): how far it runs.

Read after the sentences were: a report that goes on after a colon in the indicative gives way to
the speaker's own words, and a direct quote takes in the sentences around it that go on in the
speaker's voice (up to MAX_VOICE_SENTENCES on either side).
"""

from __future__ import annotations

import re

from ..models import Quote
from . import quote_text as qt
from .cues import role_of
from .quote_base import CUE_WORDS, DATELINE, TITLE_SMALL_WORDS, has_predicate, make_quote, same_paragraph
from .quote_marks import has_marks
from .quote_speakers import Speaker, SpeakerFinder
from .quote_voice import THIRD_PERSON, narrates, talks


def own_words_after_colon(text: str, sentences, found: list[Quote], finder: SpeakerFinder) -> list[Quote]:
    """In text without quotation marks, reported speech that goes on after a colon in the
    indicative gives way to the speaker's own words: "Ladezeiten müssten kürzer werden: Man kann
    keine Kaffeepause von fünf Stunden akzeptieren. Das muss schneller gehen." The words after the
    colon are a direct quote, with the sentences after them that talk and name nobody."""
    result: list[Quote] = []
    merged: set[int] = set()  # quotes taken into the direct words before them
    for k, q in enumerate(found):
        if id(q) in merged:
            continue
        colon = q.text.find(": ")
        if q.kind == "direct" and colon > 0 and qt.konj1(q.text[:colon]) and not qt.speaks_to_reader(q.text[:colon]) \
                and qt.speaks_to_reader(q.text[colon + 2:]):
            # "… lande man mitten im Recht: Da habe ich …, sagte X": a report, then his own words
            speaker = Speaker(q.speaker, q.speaker_text or "") if q.speaker else None
            result.append(make_quote(text, q.start, q.start + colon, "indirect", None, speaker))
            result.append(make_quote(text, q.start + colon + 2, q.end, "direct", q.cue, speaker))
            continue
        if colon < 0 and q.text.count(" – ") == 1:  # "…, dann müsse diese dauerhaft sein – Husch-Pfusch ist
            colon = q.text.find(" – ") + 1          # das Letzte, was wir brauchen": a dash, first person only
        tail_start = q.start + colon + 2
        if q.kind != "indirect" or colon < 0 or not text[tail_start:tail_start + 1].isupper() \
                or len(qt.words(text, tail_start, q.end)) < 3 or qt.subjunctive(text[tail_start:q.end]) \
                or qt.clearly_reported(text[tail_start:q.end]) or not _own_words(text, tail_start, q.end, finder) \
                or (text[tail_start - 2] == "–" and not qt.speaks_to_reader(text[tail_start:q.end])):
            result.append(q)
            continue
        speaker = Speaker(q.speaker, q.speaker_text or "") if q.speaker else None
        after = found[k + 1] if k + 1 < len(found) else None
        result.append(make_quote(text, q.start, q.start + colon - (1 if text[tail_start - 2] == "–" else 0), "indirect", q.cue, speaker))
        end = _talk_goes_on(text, sentences, q.end, after.start if after else len(text), finder)
        cue = None
        if after is not None and after.kind == "direct" and after.speaker == q.speaker and after.cue \
                and not text[end:after.start].strip(" .") and same_paragraph(text, end, after.start):
            end, cue = after.end, after.cue  # "…: Da habe ich …. Und ich wüsste nicht, wie …, sagte X": one quote
            merged.add(id(after))
        result.append(make_quote(text, tail_start, end, "direct", cue, speaker))
    return result


def _own_words(text: str, start: int, end: int, finder: SpeakerFinder) -> bool:
    """Words after a colon that are the speaker's own: they talk (first person, a spoken particle,
    a remark, the generic "man"), not narration in the past, not a fragment ("Von Supercomputern,
    die …"), and name no one (not a list of names, not "Laut X …")."""
    body = text[start:end]
    return not narrates(body) and not any(start <= m.start < end for m in finder.mentions) \
        and has_predicate(body.split(",")[0]) \
        and (qt.speaks_to_reader(body) or talks(body, qt.words(body)) or _GENERIC_MAN.search(body) is not None)


# "Man kann keine Kaffeepause akzeptieren": the generic "man" of someone giving an opinion.
_GENERIC_MAN = re.compile(r"(?:^|\s)[Mm]an\s")


def _talk_goes_on(text: str, sentences, end: int, limit: int, finder: SpeakerFinder) -> int:
    """The end of the speaker's words that go on after ``end`` in the same paragraph: up to two
    sentences that talk (first person, a spoken particle, a remark on what was said) and name
    nobody, before ``limit`` (the next quote)."""
    from bisect import bisect_left
    k = bisect_left([x.start for x in sentences], end)
    for sentence in sentences[k:k + 2]:
        s, e = sentence.start, sentence.end
        body = text[s:e]
        words = qt.words(text, s, e)
        if e > limit or not same_paragraph(text, end, s) or not words or body.endswith("?") or qt.subjunctive(body) \
                or any(s <= m.start < e for m in finder.mentions) \
                or any(w.group(0).lower() in THIRD_PERSON for w in words) \
                or not (qt.speaks_to_reader(body) or talks(body, words)):
            break
        end = e
    return end


# How many sentences without a mark of their own a quote takes on either side of its words.
MAX_VOICE_SENTENCES = 3


def whole_quotes(text: str, sentences, found: list[Quote], finder: SpeakerFinder, answers) -> list[Quote]:
    """In text without quotation marks, a direct quote runs over the sentences around it that go
    on in the speaker's voice: after its words when no cue closes them ("X sagte: A. B."), before
    them when a cue does ("A. B, sagte X"), and over one sentence between two parts of the same
    speaker's words ("A. B. C, sagte X" with A and C his). The speaker goes with the whole."""
    from bisect import bisect_right
    starts = [x.start for x in sentences]
    found = sorted(found, key=lambda q: (q.start, q.end))
    result: list[Quote] = []
    k = 0
    while k < len(found):
        q = found[k]
        k += 1
        if q.kind != "direct" or any(a <= q.start < b for a, b, *_ in answers) \
                or (q.speaker is not None and any(q.start <= m.start < q.end and m.entity == q.speaker for m in finder.mentions)):
            result.append(q)  # not "…, freute sich Hayböck im Interview": a cue taken in, its extent unsure
            continue
        at = bisect_right(starts, q.end - 1) - 1
        end, cue = q.end, q.cue
        if at >= 0 and not text[q.end:sentences[at].end].strip(" .!…"):  # no cue after the words
            end, cue, k = _voice_after(text, sentences, at, q, found, k, finder)
        start = q.start
        at = bisect_right(starts, q.start) - 1
        if at >= 0 and q.cue and sentences[at].start == q.start and q.end < sentences[at].end:  # a cue after them
            start = _voice_before(text, sentences, at, q.start, result[-1].end if result else 0, finder)
        if (start, end, cue) != (q.start, q.end, q.cue):
            q = make_quote(text, start, end, q.kind, cue, Speaker(q.speaker, q.speaker_text or "") if q.speaker else None)
        result.append(q)
    return result


def _voice_after(text: str, sentences, at: int, q: Quote, found: list[Quote], k: int,
                 finder: SpeakerFinder) -> tuple[int, str | None, int]:
    """(end, cue, index of the next quote not taken in) of a quote whose words end sentence
    ``at``: the sentences after it that go on in the speaker's voice, and the same speaker's next
    words when they follow right after it or one sentence between."""
    end, cue = q.end, q.cue
    taken = 0
    n = at + 1
    while n < len(sentences) and taken < MAX_VOICE_SENTENCES:
        sentence = sentences[n]
        if not same_paragraph(text, end, sentence.start) or _another_turn(text, sentence.start):
            break
        following = found[k] if k < len(found) else None
        if following is not None and following.start < sentence.end:
            if _goes_on_as(following, q, sentence.start) and len(qt.words(following.text)) >= 3 \
                    and (following.cue is None or following.end < sentence.end):
                end, cue, k = following.end, cue or following.cue, k + 1  # "… wünschen. Dass sie …, sagte X"
                if following.cue is None and following.end >= sentence.end:
                    n += 1
                    continue
            break
        if _in_voice(text, sentence.start, sentence.end, finder):
            end, taken, n = sentence.end, taken + 1, n + 1
            continue
        after = sentences[n + 1] if n + 1 < len(sentences) else None
        if after is not None and following is not None and q.speaker is not None and _goes_on_as(following, q, after.start) \
                and not _another_turn(text, after.start) and same_paragraph(text, sentence.end, after.start) \
                and _between_words(text, sentence.start, sentence.end, finder) \
                and not _told_as_past(text[sentence.start:sentence.end]):
            # "Es ist möglich, dass wir Meister werden. Im Fußball ist alles möglich. Wir müssen …, sagte X"
            end, cue, k = following.end, cue or following.cue, k + 1
            if following.end >= after.end:
                n, taken = n + 2, taken + 1
                continue
        break
    return end, cue, k


def _another_turn(text: str, at: int) -> bool:
    """A dash opens the sentence at ``at``: another turn of a dialogue ("… hingesehen. – Das habe ich …")."""
    return text[max(0, at - 2):at] in ("– ", "— ")


def _goes_on_as(following: Quote, q: Quote, at: int) -> bool:
    """``following`` is the same speaker's direct words, opening the sentence at ``at``."""
    return following.kind == "direct" and following.start == at and following.speaker == q.speaker


def _voice_before(text: str, sentences, at: int, start: int, limit: int, finder: SpeakerFinder) -> int:
    """Where a quote that a cue closes starts: before the sentences right before it that are in
    the speaker's voice (not before ``limit``, the end of the quote before)."""
    for sentence in reversed(sentences[max(0, at - MAX_VOICE_SENTENCES):at]):
        if sentence.end <= limit or not same_paragraph(text, sentence.end, start) or _another_turn(text, start) \
                or not _in_voice(text, sentence.start, sentence.end, finder):
            break
        start = sentence.start
    return start


def _between_words(text: str, s: int, e: int, finder: SpeakerFinder) -> bool:
    """A sentence that may belong to the words on both sides of it: it reports nothing (no
    Konjunktiv I, no cue, none of a report's links), asks nothing, names or describes no one,
    and gives the word to no one ("DIE FRAU: …")."""
    body = text[s:e]
    words = qt.words(text, s, e)
    return bool(words) and len(words) <= 40 and not body.endswith("?") and not has_marks(body) \
        and not _ORDINAL_CUT.search(text, max(0, s - 4), s) \
        and not qt.konj1(body) and not qt.clearly_reported(body) and not DATELINE.match(body) \
        and not any(w.group(0).lower() in CUE_WORDS and w.group(0).lower() not in _NOT_CUES_ALONE for w in words) \
        and not qt.NACH_CUES.search(body) and not qt.IMPERSONAL_CUES.search(body) and not _REPORT_LINKS.search(body) \
        and not _DATE_WORDS.search(body) and not _LABEL.match(body) and not _AGED.search(body) \
        and not any(s <= m.start < e and m.kind == "person" for m in finder.mentions) \
        and not any(w.group(0)[:1].isupper() and role_of(w.group(0)) for w in words)


# A sentence cut off after an ordinal ("vor seinem 25. Geburtstag"): the rest of one, no sentence.
_ORDINAL_CUT = re.compile(r"\d\.\s+$")
# Verbs of saying that say something only in a phrase ("es gibt", "stellt fest", "so"): no cue alone.
_NOT_CUES_ALONE = frozenset("so gab gibt fand findet stellt stellte heißt hieß glauben".split())
# The links of a report between events: "Für Schlusslicht X wird die Luft indes immer dünner".
_REPORT_LINKS = re.compile(r"\b(?:[Ii]ndes|[Ii]ndessen|[Uu]nterdessen|[Dd]erweil|[Ii]nzwischen|[Mm]ittlerweile|[Zz]uvor|[Zz]uletzt|"
                           r"[Dd]amals)\b")
# Someone given the word: "DIE FRAU: Stimmt.", "STANDARD: …" (not "Und: …").
_LABEL = re.compile(r"(?!(?:Und|Aber|Doch|Denn|Also)\b)[A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*){0,2}(?:\s+\([^)]*\))?:\s")
# Someone described by age: "setzt der 71-Jährige auf Optimismus".
_AGED = re.compile(r"\d+-[Jj]ährige")
# The preterite of strong and mixed verbs that _PAST lacks: "Das gelang gegen X besser als …".
_STRONG_PAST = re.compile(r"\b(?:gelang|gelangen|begann|begannen|nahm|nahmen|sah|sahen|zog|zogen|trat|traten|fiel|fielen|"
                          r"lief|liefen|hielt|hielten|gewann|gewannen|brachte|brachten|dachte|dachten|wusste|wussten|"
                          r"befand|stieg|stiegen|sank|schien|fuhr|fuhren|flog|traf|trafen|schlug|warf|bot|saß|saßen)\b")
# A weak verb's preterite in second place after an adverb, a pronoun or a noun: "Danach stellte
# sich der Täter", "Doch alles dauerte nur 30 Sekunden", "Der Gemeinderat stimmte zu" (not "Die
# erste Runde").
_SECOND_PLACE_PAST = re.compile(r"(?:(?:Und|Aber|Doch|Denn|Dann)\s+)?(?:(?!(?:Der|Die|Das|Den|Dem|Des|Ein|Eine|Einen|Einem|"
                                r"Einer|Im|In|Am|An|Auf|Bei|Mit|Nach|Von|Vom|Zum|Zur|Für)\b)\w+|(?:Der|Die|Das|Ein|Eine)\s+"
                                r"[A-ZÄÖÜ][\w-]+)\s+(?!heute\b)[a-zäöüß]{3,}te\b")


def _told_as_past(body: str) -> bool:
    """Narration in the past tense, also of strong verbs ("gelang") and of weak ones in second place."""
    return narrates(body) or _STRONG_PAST.search(body) is not None or _SECOND_PLACE_PAST.match(body) is not None


def _in_voice(text: str, s: int, e: int, finder: SpeakerFinder) -> bool:
    """A sentence that goes on in a speaker's voice rather than the writer's: first or second
    person; or a statement that sounds spoken (a particle, an exclamation, a few words without a
    verb, an opening that hangs on what was said before) and narrates nothing (no past tense, no
    date), names no one and points to no one named before (no "er" but a generic one)."""
    if not _between_words(text, s, e, finder):
        return False
    body = text[s:e]
    if qt.speaks_to_reader(body):
        return True
    words = qt.words(text, s, e)
    generic = _GENERIC_SUBJECT.search(body) is not None and not body.startswith("Er ")  # "Wenn sich jemand …, darf er …"
    return not _told_as_past(body) \
        and (generic or not any(w.group(0).lower() in _HE for w in words)) and not _SHE_DOES.search(body) \
        and (body.endswith("!") or _SPOKEN_WORD.search(body) is not None or _HANGS_ON.match(body) is not None
             or _verbless(words))


def _verbless(words: list[re.Match]) -> bool:
    """A few words without a verb, the way people talk: "Eine Art Cupfinale", "Im Gegenteil"."""
    return 2 <= len(words) <= 6 and all(w.group(0)[:1].isupper() or w.group(0) in TITLE_SMALL_WORDS
                                        or w.group(0) in _VERBLESS_WORDS for w in words)


_VERBLESS_WORDS = frozenset("aber auch nicht noch nur so sehr viel wenig mehr ganz gar kein keine".split())
# The dates of a report: "am Samstag", "Dienstagabend", "ab 8. Dezember".
_DATE_WORDS = re.compile(r"\b(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Jänner|Januar|Februar|"
                         r"März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)")
# Whom a generic "er" stands for: "Jeder, der mitmacht, weiß, dass er …", "Wenn sich jemand …, darf er …".
_GENERIC_SUBJECT = re.compile(r"\b(?:[Jj]eder|[Jj]emand|[Nn]iemand|[Kk]einer|[Ww]er)\b")
# Pronouns that point to a person named before: the writer speaks about someone.
_HE = frozenset("er ihn ihm sein seine seinen seinem seiner seines".split())
# "Sie sieht darin …", "und sie sieht": a woman named before (not the plural "Sie haben").
_SHE_DOES = re.compile(r"\b[Ss]ie\s+[a-zäöüß]+t\b")
# Particles and intensifiers of someone talking ("Das ist ja …", "immer alles möglich", "sehr gut").
_SPOKEN_WORD = re.compile(r"\b(?:ja|halt|eh|mal|doch|schon|eben|natürlich|einfach|wirklich|sehr|nie|immer|"
                          r"überhaupt|eigentlich|sicher|genau|klar)\b")
# A sentence that hangs on the one before: "Dass sie …", "Aber …", "Denn …".
_HANGS_ON = re.compile(r"(?:Dass|Aber|Denn)\b")
