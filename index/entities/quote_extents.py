"""Where a quote found in a sentence starts and ends: back over the speaker's words before it,
on after an inner cue clause ("A, schreibt X, B"), a second speaker's cue in the same sentence, the
end of reported speech inside its sentence, and a quote going on into the next sentence.
"""

from __future__ import annotations

import re

from ..models import Quote
from . import quote_text as qt
from .cues import role_of
from .quote_base import has_predicate, same_paragraph
from .quote_marks import has_marks
from .quote_speakers import Speaker, SpeakerFinder
from .quote_voice import THIRD_PERSON, narrates, talks


def extend_back(text, sentences, index, content_start, covered, marked) -> int:
    """An unmarked direct quote takes the sentences before it that speak in the first person."""
    k = index - 1
    start = content_start
    while k >= 0 and index - k <= 4:
        previous = sentences[k]
        body = text[previous.start:previous.end]
        if not same_paragraph(text, previous.end, start) or not qt.speaks_to_reader(body) or has_marks(body) \
                or any(a < previous.end and previous.start < b for a, b in covered):
            break
        start = previous.start
        k -= 1
    return start


# Particles of spoken German: a sentence with one is someone talking, not the writer narrating.
_SPOKEN = re.compile(r"\b(?:ja|halt|eben|eh|schon|mal|natürlich|einfach|doch)\b")
# A present-tense modal states what must or can be: a claim someone makes, rarely narration
# ("So ein Spiel muss man bis zum Ende durchziehen. Da waren wir zu unsicher, sagte X").
# "Es ist eine super Sache.": a short verdict opened by "Es ist"/"Das ist", the way people talk.
_IT_IS = re.compile(r"(?:Es|Das)\s+ist\s+(?:ein|eine|einfach|schon|wirklich|sehr|total|kein|keine)\b")
_MODAL = re.compile(r"\b(?:muss|müssen|kann|können|darf|dürfen|sollte|sollten)\b")


def spoken_before(text, sentences, index: int, start: int, covered, finder: SpeakerFinder) -> int:
    """An unmarked quote in the first person takes the sentence before it when that one talks
    too ("Es hat schon ein bisschen Mut gekostet. Ich wusste, es wird schwierig, meinte X"): a
    particle of spoken German, present or perfect tense, nobody named or referred to (not "Der
    Ökonom hält die Studie schon für fragwürdig")."""
    if index == 0:
        return start
    previous = sentences[index - 1]
    body = text[previous.start:previous.end]
    words = qt.words(body)
    if not same_paragraph(text, previous.end, start) or body.endswith("?") \
            or not (_SPOKEN.search(body) or _MODAL.search(body) or _IT_IS.match(body)) \
            or narrates(body) or qt.subjunctive(body) or has_marks(body) or len(words) > 25 \
            or any(w.group(0).lower() in THIRD_PERSON or w.group(0).lower() in qt.SPEECH_VERBS
                   or (w.group(0)[:1].isupper() and role_of(w.group(0))) for w in words) \
            or any(previous.start <= m.start < previous.end for m in finder.mentions) \
            or any(a < previous.end and previous.start < b for a, b in covered):
        return start
    return previous.start


def reported_clause(text: str, s: int, e: int) -> int:
    """Where the reported clause of a sentence starts: after a lead clause in the indicative
    ("Stumpf schätzt die Werte, das Netzwerk sei nebensächlich"; "X hatte gefordert, dass …")."""
    for comma in re.finditer(r"[,:]\s+", text[s:e]):
        head, rest = text[s:s + comma.start()], text[s + comma.end():e]
        if qt.konj1(head) or qt.konj2(head) or len(qt.words(head)) > 20:
            return s
        clause = re.split(r"[,:]\s", rest, maxsplit=1)[0]  # not "…, an die niemand glaubte, seien …"
        if qt.clearly_reported(clause) or (comma.group(0).startswith(":") and qt.konj1(clause)):
            embedded = qt.starts_relative(rest) or _RELATIVE_AFTER_PREPOSITION.match(rest) \
                or qt.clearly_reported(qt.words(rest)[0].group(0))  # "Was gefordert wird, sei berechtigt"
            return s if embedded else s + comma.end()
    return s


_RELATIVE_AFTER_PREPOSITION = re.compile(
    r"(?:an|auf|aus|bei|mit|nach|von|zu|in|für|über|unter|durch|gegen|ohne|um|vor|hinter|neben|zwischen)\s+"
    r"(?:dem|der|den|denen|die|das|dessen|deren|welche[mnrs]?)\b")


def second_cue(text: str, content_end: int, e: int, finder: SpeakerFinder) -> tuple[int, str, Speaker] | None:
    """(start of the words, cue, speaker) when a second speaker's cue follows the first one's in
    the same sentence: "…, meinte Marko Stankovic, und Kristijan Dobras ergänzte: Ein Sieg …"."""
    comma = text.find(", ", content_end + 2, e)
    colon = text.find(": ", content_end + 2, e)
    if comma < 0 or colon < comma or len(qt.words(text, comma, colon)) > 8 or len(qt.words(text, colon, e)) < 3:
        return None
    verbs = [w for w in qt.words(text, comma, colon) if w.group(0).lower() in qt.SPEECH_VERBS
             and w.group(0).lower() not in qt.WEAK_VERBS]
    second = finder.named_in(comma, colon)
    first = finder.in_region(content_end, comma)
    if not verbs or second is None or (first is not None and first.entity == second.entity):
        return None
    return colon + 2, verbs[-1].group(0), second


def after_inner_cue(text: str, content_end: int, e: int) -> int | None:
    """Where the words go on after a cue clause inside a sentence ("…, schreibt X, sie haben …",
    "…, sagt X: Da hast du …")."""
    comma = text.find(", ", content_end + 2, e)
    colon = text.find(": ", content_end + 2, e)
    own = own_words_after_cue(text, content_end, e)
    if own is not None and (colon < 0 or own < colon):
        return own
    if colon >= 0 and (comma < 0 or colon < comma) and len(qt.words(text, content_end, colon)) <= 8 \
            and len(qt.words(text, colon, e)) >= 2:
        return colon + 2
    if colon >= 0 and 0 <= comma < colon and len(qt.words(text, content_end, colon)) <= 25 \
            and qt.starts_relative(text[comma + 2:colon]) and len(qt.words(text, colon, e)) >= 2 \
            and qt.speaks_to_reader(text[colon + 2:e]):
        return colon + 2  # "…, sagte der Coach, der sich zufrieden zeigt: Wir gehen in die richtige Richtung."
    if comma < 0 or len(qt.words(text, content_end, comma)) > 6 or len(qt.words(text, comma, e)) < 4 \
            or any(dash in text[content_end:comma] for dash in "–—"):  # "…, erklärte X – mit der Auflage, …"
        return None
    first = qt.words(text, comma + 2, e)[0].group(0)
    if first in _NOT_A_STATEMENT or qt.starts_relative(text[comma + 2:e]) or not has_predicate(text[comma + 2:e]) \
            or role_of(first):
        # "…, sagt X, der früher …", "…, warnt Rupert Wolff, Präsident des Kammertages (ÖRAK)",
        # "…, sagte Müllers früherer Chef, Kammerpräsident Y, im Gespräch …"
        return None
    return comma + 2


# What ends a cue clause inside a sentence before the speaker's words go on.
_CUE_CLAUSE_END = re.compile(r",\s+|\s[–—]\s+")


def own_words_after_cue(text: str, content_end: int, e: int) -> int | None:
    """Where the speaker's own words (first or second person) go on after a cue clause that
    runs longer than a name, or ends in a dash: "Keine Ahnung, sagte der Vorstandschef noch am
    Montag, ich habe …", "…, meinte der Präsident – aber das hilft uns nicht"."""
    end = _CUE_CLAUSE_END.search(text, content_end + 2, e)
    if end is None or len(qt.words(text, content_end, end.start())) > 12:
        return None
    start = end.end()
    joined = re.match(r"(?:aber|und|doch|denn):\s+", text[start:e])
    if joined is not None:  # "…, sagte X, aber: Wir arbeiten …": the words after the colon
        start += joined.end()
    tail = text[start:e]
    if len(qt.words(tail)) < 3 or qt.words(tail)[0].group(0).lower() in _NOT_A_STATEMENT \
            or qt.starts_relative(tail) or not qt.speaks_to_reader(tail) \
            or qt.speaks_to_reader(text[content_end:end.start()]) or qt.subjunctive(tail):
        return None
    return start


# Words that open a clause describing the speaker or the saying, not what was said.
_NOT_A_STATEMENT = frozenset("""der die das den dem deren dessen denen wo wie nachdem als weil wenn während
    bevor obwohl da so laut um ohne seit sobald indem zumal angesprochen befragt gefragt darauf danach""".split())


def quote_goes_on(text: str, last: Quote, before, s: int, e: int, finder: SpeakerFinder) -> bool:
    """A short statement right after a quote whose cue closed the sentence before, in a text
    without quotation marks, that speaks of nobody (no name, no "er"): the quote going on."""
    if last.kind == "reported" or not last.cue or (last.cue.lower() not in qt.SPEECH_VERBS and last.cue != qt.SO_WORD) \
            or last.start != before.start or last.end >= before.end:
        return False
    words = qt.words(text, s, e)
    if not words or len(words) > 25 or qt.subjunctive(text[s:e]) or text[e - 1] == "?" or not text[s].isalpha():
        return False
    # Without "ich"/"wir" only a short remark goes on ("Mehr geht nicht mehr.") or a longer one
    # that talks ("Das kommt, wenn man …"), not narration ("Dort haben Archäologen Reste …
    # entdeckt.") nor a cue of its own ("Dies bestätigte X.").
    if not qt.speaks_to_reader(text[s:e]) and (
            (len(words) > 5 and not talks(text[s:e], words))
            or any(w.group(0).lower() in qt.SPEECH_VERBS and w.group(0).lower() not in qt.WEAK_VERBS for w in words)):
        return False
    if any(w.group(0).lower() in THIRD_PERSON and w.group(0).lower() not in {"ihm", "ihn"} for w in words):
        return False  # ("Da ist ihm zuzustimmen": whom the speaker talks of, not who acts)
    return finder.in_region(s, e) is None and not any(s <= m.start < e for m in finder.mentions)


def reported_end(text: str, start: int, end: int) -> int:
    """Where reported speech stops inside its sentence: before the writer's own words go on
    ("der Artikel sei eine Fälschung, nennt Geyer Namen"; "Er habe Zugang: »Fünf Typen …«")."""
    for split in re.finditer(r"([,:])\s+", text[start:end]):
        at = start + split.start()
        rest = text[start + split.end():end]
        if split.group(1) == ":" and rest[:1] in qt.OPENING_MARKS:
            return at
        first = qt.words(rest)
        if split.group(1) == "," and first and first[0].group(0).islower() and first[0].group(0).endswith("t") \
                and first[0].group(0) not in _NOT_A_STATEMENT and not qt.subjunctive(re.split(r",\s", rest)[0]) \
                and qt.subjunctive(text[start:at]):
            return at
    return end
