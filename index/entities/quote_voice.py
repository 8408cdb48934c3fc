"""Whose words a statement is: the speaker's own (a direct quote) or the writer's report of them.

Tense, mood and person decide: narration in the past is reported; an irrealis in the singular with
a cue clause of its own is the speaker's claim; a statement that talks (spoken particles, a remark on
what was just said) sounds like the speaker. Used where marks do not tell: in sentences with a cue
and in text that lost its quotation marks.
"""

from __future__ import annotations

import re

from ..models import Quote
from . import quote_text as qt
from .quote_speakers import Speaker, SpeakerFinder

# "sollte" closing a clause is the Konjunktiv II of a norm or a condition ("wie es sein sollte",
# "falls es regnen sollte"), the speaker's own; before its infinitive it may tell what was planned.
_PAST = re.compile(r"\b(?:war|waren|wurde|wurden|hatte|hatten|kam|kamen|gab|gaben|ging|gingen|lag|lagen|"
                   r"stand|standen|blieb|blieben|fand|fanden|konnte|konnten|musste|mussten|wollte|"
                   r"sollte(?!\s*(?:[,.;:!?)–]|$))|"
                   r"[a-zäöüß]{2,}(?:ete|eten|ierte|ierten|elte|elten))\b")
# "-treten", "-bieten", "-mieten", "gebeten" end like a weak past but are the present or the infinitive
# ("zurücktreten", "anbieten").
_NOT_PAST = re.compile(r"(?:tr|bi|mi|b)eten?$")

_DETERMINER = ("der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines|kein|keine|keinen|keinem|keiner|keines|"
               "dies|diese|diesen|diesem|dieser|dieses|jene|jenen|jenem|jener|jenes|"
               "mein|meine|meinen|meinem|meiner|unser|unsere|unseren|unserem|unserer|sein|seine|seinen|seinem|"
               "seiner|ihr|ihre|ihren|ihrem|ihrer|im|am|vom|zum|zur|beim|ins")
_PREPOSITION = "in|an|auf|aus|bei|mit|von|vom|nach|seit|für|durch|gegen|über|unter|vor|zu|zum|zur|im|am|beim"
# A participle or adjective before its noun: "die finanzierten Projekte", "im konkreten Fall", and
# one with a phrase of its own inside ("den in Paris vorgezeichneten Weg", "des vom Staat
# finanzierten Zentrums"; an article is never followed by a preposition otherwise).
_ATTRIBUTE = re.compile(rf"(?:\b(?:{_DETERMINER})\s+(?:{_PREPOSITION})\s+(?:[a-zäöüß]+\s+){{0,2}}"
                        rf"(?:[A-ZÄÖÜ][\w-]*\s+)+(?:[a-zäöüß]+\s+){{0,2}}"
                        rf"|\b(?:{_DETERMINER})\s+(?:[a-zäöüß]+\s+){{0,3}})"
                        rf"(?P<word>[a-zäöüß]+)(?=\s+[A-ZÄÖÜ])")
# "Das kostete Geld", "und die meldeten Erfolge": an article opening a clause may be a pronoun
# subject, and what follows it its verb.
_CLAUSE_OPENING = re.compile(r"(?:^|[.!?:;,(–-]\s*|\b(?:und|oder|aber|doch|denn|sondern)\s+)\s*$", re.IGNORECASE)


def _past_tense(content: str) -> bool:
    """A verb in the past tense: not a word that only looks like one (a participle or adjective
    before its noun, "zurücktreten")."""
    candidates = [m.start() for m in _PAST.finditer(content) if not _NOT_PAST.search(m.group(0))]
    if not candidates:
        return False
    attributes = set()
    for attribute in _ATTRIBUTE.finditer(content):
        if attribute.start("word") == attribute.start() + len(attribute.group(0).split()[0]) + 1 \
                and _CLAUSE_OPENING.search(content[:attribute.start()]):
            continue  # the article right before the word opens the clause: "Das kostete Geld"
        attributes.add(attribute.start("word"))
    return any(start not in attributes for start in candidates)


# "Er begrüßte die Diskussion": a weak verb's past right after its pronoun subject (not "sie heute").
_PRONOUN_PAST = re.compile(r"(?:^|\s)(?:Er|Sie|er|sie)\s+(?!heute\b)[a-zäöüß]{3,}te\b")


# An irrealis of the past in the singular ("wäre verdient gewesen", "hätte Europa zurückversetzt",
# "hätte denken können"), where reported speech would say "sei … gewesen", "habe …": the speaker's own.
_OWN_IRREALIS = re.compile(r"\b(?:wäre|hätte)\b.*\b(?:gewesen|ge[a-zäöüß]{3,}(?:t|en)|[a-zäöüß]+ge[a-zäöüß]{3,}(?:t|en)"
                           r"|können|müssen|sollen|dürfen|wollen)\b")


# A claim in Konjunktiv II of the present in the main clause ("wäre der falsche Zeitpunkt",
# "bräuchte man mehr Zeit"): in the singular reported speech says "sei", "brauche" ("würde",
# "könnte" stand in for Konjunktiv I too often to tell).
_PRESENT_IRREALIS = re.compile(r"^[^,]*\b(?:wäre|müsste|bräuchte)\b")


def own_irrealis(text: str, s: int, e: int, start: int, end: int, cue: str | None, content: str) -> bool:
    """An irrealis of the past, or one of the present in the main clause, with a cue clause of its
    own after it, in a text without marks, that speaks of no third person: the speaker's own words
    ("Ein Sieg wäre verdient gewesen, ergänzte X", "Das wäre der falsche Zeitpunkt, sagte X"), not
    a report ("Er hätte kommen sollen, sagte X", "würde erwogen")."""
    # ("Ein Sieg wäre …" reads as "X arbeite" to konj1: the irrealis itself is no Konjunktiv I)
    if not (_OWN_IRREALIS.search(content) or _PRESENT_IRREALIS.search(content)) \
            or qt.konj1(re.sub(r"\b(?:wäre|hätte)\b", " ", content)) \
            or not own_cue(text, s, e, start, end, cue) \
            or start != s:
        return False
    # a third person in the main clause is whom the report is about ("Er hätte kommen sollen"), not
    # in a clause after it ("Es wäre lustig gewesen, wenn er da gewesen wäre")
    main = " ".join(part for part in content.split(",") if part.split()[:1] and part.split()[0] not in _SUBORDINATE)
    return not any(w.group(0).lower() in THIRD_PERSON for w in qt.words(main)) \
        and not any(w.group(0) in ("wären", "hätten", "würden") for w in qt.words(content))


_SUBORDINATE = frozenset("wenn dass weil ob als falls obwohl damit bevor nachdem".split())


def irrealis_only(content: str) -> bool:
    """Words after a colon whose only subjunctive is an irrealis in the singular, past or present
    ("X ergänzte: Ein Sieg wäre verdient gewesen, aber …"): the speaker's own, not a report."""
    return (_OWN_IRREALIS.search(content) is not None or _PRESENT_IRREALIS.search(content) is not None) \
        and not qt.konj1(re.sub(r"\b(?:wäre|hätte)\b", " ", content)) \
        and not any(w.group(0) in ("wären", "hätten", "würden") for w in qt.words(content))


def narrates(content: str) -> bool:
    """Content in the past tense tells what happened ("Die Aufträge entwickelten sich schwach, erklärte
    das Ministerium"): reported, not the speaker's own words, even with a cue clause of its own."""
    return _past_tense(content) or _PRONOUN_PAST.search(content) is not None


def of_the_speaker(text: str, start: int, end: int, e: int, speaker: Speaker | None, finder: SpeakerFinder) -> bool:
    """The words speak of the speaker in the third person, by name or by the pronoun the cue
    calls him ("Eine Antwort hat Hoeneß noch nicht gefunden, versichert er"; "Um den Nachwuchs will er
    sich kümmern, verriet er"): reported, not his own words."""
    if speaker is None or speaker.entity is None or qt.has_first_person(text[start:end]):
        return False
    if any(m.entity == speaker.entity and start <= m.start < end for m in finder.mentions):
        return True
    cue = [w.group(0).lower() for w in qt.words(text, end, e)[:2]]  # "versichert er", "verriet er"
    pronoun = cue[1] if len(cue) == 2 and cue[1] in ("er", "sie") else None
    return pronoun is not None and any(w.group(0).lower() == pronoun for w in qt.words(text, start, end)[:5])


def own_cue(text: str, s: int, e: int, start: int, end: int, cue: str | None) -> bool:
    """A whole statement with a cue clause of its own ("…, sagt X." / "X sagt: …"), not a
    dass-clause or a "laut X" inside it."""
    if cue is None or cue.lower() in qt.LAUT_WORDS or cue.lower() == qt.ZUFOLGE \
            or (" " in cue and not cue.endswith(":")):  # "nach Angaben von", not "Stumpf weiter:"
        return False
    if start == s and end < e:  # trailing cue clause, not ", wie X sagte" (which reports)
        following = qt.words(text, end, e)
        return not following or following[0].group(0).lower() != "wie"
    return text[s:start].rstrip().endswith(":") and not qt.words(text, start, end)[0].group(0) == "dass"


THIRD_PERSON = frozenset("""er sie ihn ihm sein seine seinen seinem seiner seines ihr ihre ihren ihrem ihrer
    ihres""".split())


# "Das kommt, wenn man …", "Da ist ihm zuzustimmen": a remark on what was just said, opened by
# a pronoun and its verb (not the article of "Das offizielle Wahlkampfende wird …").
_REMARK_OPENING = re.compile(r"(?:Das|Dies|Da)\s+(?:ist|sind|kommt|geht|gehört|gilt|muss|kann|darf|soll|"
                             r"wird|hat|macht|stimmt|passt|reicht|bringt)\b")  # not "Das heißt:", the writer concluding
# Particles only spoken German uses ("Das ist halt so", "Da fährt man eh nicht hin").
_SPOKEN_ONLY = re.compile(r"\b(?:ja|halt|eh|mal)\b")
# The speaker's own now and here, right after his words: "Richtig interessant wird es aber erst jetzt."
_SPEAKERS_NOW = re.compile(r"\b(?:jetzt|heute|hier)\b")


def talks(body: str, words: list[re.Match]) -> bool:
    """A statement in the present that sounds spoken: a particle of spoken German or a remark
    on what was just said, no past tense, not too long."""
    return len(words) <= 30 and not narrates(body) \
        and (_SPOKEN_ONLY.search(body) is not None or _REMARK_OPENING.match(body) is not None
             or _SPEAKERS_NOW.search(body) is not None)


def reports_speech(quote: Quote) -> bool:
    """Whether Konjunktiv II after this quote goes on reporting its speaker (after "…, sagte X",
    not after a report's "laut X" or "X zufolge", where it is the report's own conditional)."""
    cue = (quote.cue or "").lower()
    return quote.kind != "reported" and cue not in qt.LAUT_WORDS and cue != qt.ZUFOLGE and not cue.startswith("nach ")
