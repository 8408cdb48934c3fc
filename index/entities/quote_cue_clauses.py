"""Cue clauses inside a sentence: ", sagte X", "X sagte, …", "laut X", "X zufolge", "heißt es".

`with_cue` finds the clause that attributes a sentence's content and returns where the content
lies, the cue and the speaker; `person_after_verb` reads a cue verb the lists lack
(„…“, konstatierte Hörmann) after a quote, marked or not.
"""

from __future__ import annotations

import re

from ..models import Mention
from . import quote_text as qt
from .cues import role_of
from .quote_base import cue_clause_end, has_predicate
from .quote_speakers import Speaker, SpeakerFinder

# "…, hieß es in dem Statement", "in der Mitteilung": a statement the text has just reported from.
THE_STATEMENT = re.compile(r"\s+(?:dazu\s+)?(?:in\s+(?:dem|der)|im)\s+(?:Statement|Mitteilung|Pressemitteilung|Erklärung|"
                           r"Stellungnahme|Schreiben|Brief|Meldung|Text)\b")


# Lower-case words ending like a verb that open no cue clause.
_NO_VERBS_AFTER_QUOTE = frozenset("nicht jetzt erst meist selbst bereits somit damit zuletzt seit bis mit".split())


def person_after_verb(text: str, at: int, verb: str, verb_end: int, finder: SpeakerFinder) -> Speaker | None:
    """„…“, konstatierte Hörmann / „…“, lacht Maria: a verb the lists lack, between the comma
    after the quote and a person's name, is its cue."""
    reflexive = re.match(r"\s+sich\s", text[verb_end:verb_end + 8]) is not None
    if not text[at:verb_end].lstrip().startswith(",") or not verb.islower() \
            or not (verb.endswith(("t", "te", "ten")) or (reflexive and verb in _STANCE_VERBS)) \
            or verb in _NO_VERBS_AFTER_QUOTE:
        return None
    gap = re.match(r"\s+(?:sich\s+)?", text[verb_end:verb_end + 12])
    if gap is None:
        return None
    name_at = verb_end + gap.end()
    named = finder.mention_at(name_at)
    if named is None and reflexive and _ROLE_AFTER_VERB.match(text, name_at):
        # "…, ärgerte sich der 35-jährige Routinier", "…, gab sich die Ministerin zerknirscht": the
        # one the role points back to, as after a verb of saying
        described = finder.in_region(name_at, cue_clause_end(text, name_at), quote_start=at)
        last = finder.recent(at)
        if described is not None and (described.entity or "").startswith("person:") \
                and (last is None or last.entity == described.entity):
            return described
    if named is None and verb not in _AUXILIARY_VERBS and _ROLE_AFTER_VERB.match(text, name_at):
        # "«…», drohte der oberste Führer des Irans, Ajatollah Ali Chamenei": a role, then the name;
        # a role alone ("lautete die Botschaft", "wehrte sich der Spanier") may be no person's
        end = cue_clause_end(text, name_at)
        described = finder.in_region(name_at, end, quote_start=at)
        named_here = finder.named_in(name_at, end)
        if described is not None and named_here is not None and described.entity == named_here.entity \
                and (described.entity or "").startswith("person:"):
            return described
    return Speaker(named.entity, named.text) if named is not None and named.kind == "person" else None


# Strong verbs of a stance taken with "sich" that close a quote: "…, gab sich X zuversichtlich".
_STANCE_VERBS = frozenset("gab gibt gaben hielt hält".split())


# An auxiliary opens a clause whose own verb comes last ("…, hat der Politologe X untersucht").
_AUXILIARY_VERBS = frozenset("hat hatte hatten ist sollte sollten konnte konnten musste mussten wollte wollten".split())
# A person described after a cue verb: "der Sprecher …", "die 45-jährige Ärztin".
_ROLE_AFTER_VERB = re.compile(r"(?:der|die)\s+(?:[a-zäöüß\d-]+\s+){0,2}[A-ZÄÖÜ\d]")


_LEADING_SPLIT = re.compile(r",\s+|:\s+")
# After a colon, a subject named by its kind and a verb of saying: "…: Der Konzern teilte mit, …".
_COLON_CLAUSE_CUE = re.compile(r"(?:Der|Die|Das)\s+[A-ZÄÖÜ][\w-]*\s+(?:hat\s+|hatte\s+|habe\s+)?(?:"
                               + "|".join(sorted(qt.SPEECH_VERBS - qt.WEAK_VERBS, key=len, reverse=True))
                               + r"|angekündigt|mitgeteilt|erklärt|betont|gesagt)\b[^,:;.!?]{0,20}?,\s")


def with_cue(text: str, s: int, e: int, finder: SpeakerFinder):
    """(content start, content end, cue, speaker) when the sentence attributes its content."""
    body = text[s:e]
    # Trailing cue clause: "…, sagte X", "…, so X", "…, wie X mitteilte", "…, hieß es".
    for match in re.finditer(r"(?:,|\s[-–—])\s+", body):
        tail_start = s + match.end()
        words = qt.words(text, tail_start, e)
        clause_end = text.find(",", tail_start, e)
        if not words or len(qt.words(text, tail_start, e if clause_end < 0 else clause_end)) > 18:
            continue
        first = words[0].group(0)
        low = first.lower()
        # ", wie X sagte" ends at the next comma: not "…, wie wir dort auftreten, sagt Barisic"
        clause_words = words if clause_end < 0 else [w for w in words if w.end() <= clause_end]
        if low in qt.SPEECH_VERBS and (low not in {"so", "stellt", "stellte", "gab", "gibt", "fand", "findet", "glauben"}
                                       or (low in {"stellt", "stellte"} and words[-1].group(0) in {"klar", "fest"})) \
                or (low == "so" and len(words) >= 2 and (words[1].group(0)[0].isupper() or words[1].group(0) in {"der", "die", "das"})) \
                or (low == "wie" and any(w.group(0).lower() in qt.SPEECH_VERBS for w in clause_words[1:])
                    and not _AS_REPORTED.match(text, tail_start)) \
                or (low in {"hieß", "heißt"} and len(words) >= 2 and words[1].group(0) == "es") \
                or (low in {"wird", "wurde"} and len(words) >= 3 and words[-1].group(0) == "zitiert") \
                or (low in {"hatte", "hat"} and clause_end < 0 and len(words) >= 3 and words[-1].group(0) in qt.SPEECH_VERBS) \
                or (low in _LET_VERBS and clause_end < 0 and len(words) >= 3 and words[-1].group(0) in _LET_SAY) \
                or (clause_end < 0 and _unlisted_cue(text, s, s + match.start(), words, finder)):
            if _only_a_subordinate_clause(body[:match.start()]) and ": " not in body[match.end():]:
                continue  # "Weil es offene Probleme gibt, fordert Bieber mehr Engagement": the main clause
            if match.start() < 8 or not _particle_fits(words) or text[words[0].end():words[0].end() + 1] in (",", ":") \
                    or (match.group(0).strip()[:1] in "-–—" and any(d in body[:match.start()] for d in "–—")):
                # "Entholzer – seit zwei Jahren Parteichef – kündigte an": a parenthesis, no quote;
                # "Der Anwalt der Klägerin, Norbert Wess, sagte, …" (or "erklärte: …"): the subject stands before the verb
                continue
            if low in {"hieß", "heißt"}:  # "…, heißt es von der Stadt Salzburg": the city
                told = next((w.start() for w in words[2:] if w.group(0) == "gegenüber"), e)
                source = finder.named_in(words[1].end(), told)  # not "gegenüber der Nachrichtenagentur AFP"
                if source is None and (words[-1].group(0) == "weiter"  # "…, hieß es in dem Schreiben weiter"
                                       or THE_STATEMENT.match(text, words[1].end())):  # "in dem Statement": the one just reported
                    source = finder.recent(s)
                if source is None:  # "…, heißt es in einer Mitteilung des Konzerns"
                    source = finder.last_org_named_by_noun(words[1].end(), told)
                return s, s + match.start(), f"{first} es", source
            cue = first if low != "wie" else next(w.group(0) for w in clause_words[1:] if w.group(0).lower() in qt.SPEECH_VERBS)
            if low in {"wird", "wurde"}:  # "…, wird Tarantino vom Filmportal Indiewire zitiert"
                cue = "zitiert"
            if low in {"hatte", "hat"}:  # "…, hatte Außenminister Timo Soini erklärt"
                cue = words[-1].group(0)
            region_start = words[1].start() if len(words) > 1 else e
            region_end = e
            if low in _LET_VERBS and words[1].group(0) in {"er", "sie"}:
                region_end = words[1].end()  # "ließ er den ÖVP-Chef wissen": he, not whom he told
            speaker = finder.in_region(region_start if low != "wie" else words[0].end(), region_end, quote_start=s)
            if speaker is None and (finder.names_at(s) or _apposed_subject(text, s, s + match.start(), finder)):
                # "Franco Foda, der Trainer der Grazer, warnte vor dem Gegner", "Der Sprecher der
                # Verwalterin X, Wolfgang Weber, bestätigte …": the subject, no quote
                continue
            content_start = _after_introduction(text, s, s + match.start(), finder)
            if content_start > s and finder.named_in(region_start, e) is None:
                # "Löw gab ihm recht: …, sagte der frühere Trainer": the one the introduction names
                speaker = finder.in_region(s, content_start) or speaker
            return content_start, s + match.start(), cue, speaker
    # Leading cue clause: "X sagte, …", "Er sagt, dass …", "Der Vorwurf Sardanas: …", also after an
    # apposition ("Der Anwalt der Steuerberaterin, Norbert Wess, sagte, …").
    previous_end = -1
    apposed: Mention | None = None
    for n, split in enumerate(_LEADING_SPLIT.finditer(body)):
        if split.start() <= 2:
            continue
        apposed = apposed or _apposed_subject(text, s, s + split.start(), finder)
        if previous_end >= 0 and qt.starts_relative(body[previous_end:split.start()]):
            break  # "Ein Foto, das hatte er schon mitgeteilt, könne er …": no apposition to the subject
        previous_end = split.end()
        head_end = s + split.start()
        content_start = s + split.end()
        head_words = qt.words(text, s, head_end)
        if len(head_words) > 14:
            break
        verbs = [w for w in head_words if (w.group(0).lower() in qt.SPEECH_VERBS or w.group(0) in _PARTICIPLE_CUES)
                 and w.group(0).lower() not in qt.WEAK_VERBS] or _separable_cue(head_words)
        said = bool(verbs)
        if verbs and (head_words[0].group(0) in _SUBORDINATING or not _particle_fits(head_words)
                      or any(w.group(0) in {"wurde", "wurden", "worden"} for w in head_words)  # "wurden bestätigt:"
                      or _object_follows(head_words, verbs[-1]) or not has_predicate(text[content_start:e])
                      or any(w.group(0).lower() in _FIRST_PERSON_SUBJECTS and w.start() < verbs[-1].start()
                             and text.count("(", s, w.start()) == text.count(")", s, w.start()) for w in head_words)):
            # "Als Facebook die Übernahme verkündete, reagierten …", "meldeten Spanien, Litauen und
            # Irland"; "Lasst uns ehrlich sein und sagen, dass …": the speaker's own words go on
            verbs = []
        if verbs and content_start < e \
                and (not qt.starts_relative(text[content_start:e]) or qt.verb_second(text[content_start:e])):
            speaker = Speaker(apposed.entity, apposed.text) if apposed is not None else finder.in_region(s, head_end)
            content_start = _after_apposed_role(text, head_end, content_start, e, finder)
            return content_start, e, verbs[-1].group(0), speaker
        if n == 0 and body[split.start()] == ":" and len(head_words) <= 4 and content_start < e:
            speaker = finder.in_region(s, head_end)
            if speaker is not None and speaker.entity is not None:
                return content_start, e, text[s:head_end].strip() + ":", speaker
        if n == 0 and not said and body[split.start()] == ":" and text[content_start:content_start + 1].isupper() \
                and _COLON_CLAUSE_CUE.match(text, content_start, e):
            # "Erneut trifft es die Fluggäste: Das Unternehmen hat angekündigt, …": the cue clause
            # opens after the colon, as a sentence of its own
            return with_cue(text, content_start, e, finder)
        if said or body[split.start()] == ":":
            break
    # A cue inside: "laut X", "X zufolge", "nach Angaben von X", "hieß es".
    for w in qt.words(text, s, e):
        low = w.group(0).lower()
        if low in qt.LAUT_WORDS:
            return s, e, w.group(0), finder.in_region(w.end(), cue_clause_end(text, w.end(), 60))
        if low == qt.ZUFOLGE:
            return s, e, w.group(0), _before(text, finder, s, w.start())
    nach = qt.NACH_CUES.search(body)
    if nach is not None:
        if "eigenen" in nach.group(0):
            return s, e, nach.group(0), finder.recent(s) or finder.in_region(s, s + nach.start())
        return s, e, nach.group(0), finder.in_region(s + nach.end(), cue_clause_end(text, s + nach.end(), 80))
    impersonal = qt.IMPERSONAL_CUES.search(body)
    if impersonal is not None:
        cue_end = s + impersonal.end()
        source = finder.named_in(cue_end, cue_clause_end(text, cue_end, 80))
        if source is None and _SOURCE_OPENING.match(body):  # "Aus dem Büro Nagl heißt es: …"
            source = finder.named_in(s, s + impersonal.start())
        colon = text.find(": ", cue_end, e)
        if 0 <= colon and len(qt.words(text, cue_end, colon)) <= 8 and len(qt.words(text, colon, e)) >= 3:
            return colon + 2, e, impersonal.group(0), source  # the words after the colon, not the cue
        return s, e, impersonal.group(0), source
    return None


_ADVERBIAL_OPENERS = frozenset("Weil Wenn Falls Obwohl Bevor Nachdem Sobald".split())


def _after_apposed_role(text: str, head_end: int, content_start: int, e: int, finder: SpeakerFinder) -> int:
    """Where the words start when the name before them has its role set off by commas and a colon
    ("Der Zeitung sagte Anna Berger, Professorin für Hydrologie in Wien: Wir …"): after the colon."""
    named = next((m for m in finder.mentions if m.end == head_end and m.kind == "person"), None)
    colon = text.find(": ", content_start, e)
    words = qt.words(text, content_start, colon) if colon > 0 else []
    if named is None or not words or len(words) > 15 or not role_of(words[0].group(0)) \
            or len(qt.words(text, colon, e)) < 2:
        return content_start
    return colon + 2


def _only_a_subordinate_clause(content: str) -> bool:
    """Words before a cue that are one adverbial clause, no statement: "Weil es Probleme gibt, …",
    "Was den Andrang betrifft, …"."""
    if ", " in content:
        return False
    first = content.split(" ", 1)[0]
    return first in _ADVERBIAL_OPENERS or (first == "Was" and content.rstrip().endswith(("betrifft", "angeht", "anbelangt")))


def _apposed_subject(text: str, s: int, content_end: int, finder: SpeakerFinder) -> Mention | None:
    """"Der Sprecher der Verwalterin X, Wolfgang Weber": a description and the person's name,
    the subject of the verb after them, not words someone said."""
    named = next((m for m in finder.mentions if m.end == content_end and m.kind == "person"), None)
    if named is not None and text[named.start - 2:named.start] == ", " and re.match(r"(?:Der|Die)\s", text[s:s + 4]) \
            and "," not in text[s:named.start - 2] and len(qt.words(text, s, named.start)) <= 10:
        return named
    return None


def _unlisted_cue(text: str, s: int, content_end: int, words: list[re.Match], finder: SpeakerFinder) -> bool:
    """A last clause of a verb the lists lack and a person's name right after it closes what
    the person said: reported speech ("…, orakelte Hörmann") or words in the first or second
    person ("Wir haben gewonnen, jubelte Paul Kessler nach dem Spiel", "…, ärgerte sich X")."""
    if person_after_verb(text, content_end, words[0].group(0), words[0].end(), finder) is None:
        return False
    content = text[s:content_end]
    return (len(words) <= 4 and qt.konj1(content)) or (len(words) <= 8 and qt.speaks_to_reader(content)) \
        or (2 < len(words) <= 8 and words[1].group(0) == "sich" and has_predicate(content)
            and _named_person_at(finder, words[2].start()))  # "Die Lage ist ernst, ärgerte sich X"


def _named_person_at(finder: SpeakerFinder, at: int) -> bool:
    named = finder.mention_at(at)
    return named is not None and named.kind == "person"


# Where a sentence says whose words follow "heißt es": "Aus dem Büro X", "Von der Stadt", "Seitens der X".
_SOURCE_OPENING = re.compile(r"(?:Aus|Von|Vom|Seitens|Im)\s")


# Verbs of saying split around their object, the particle closing the cue clause: "Foglar warf dem
# Minister vor, …", "Er rief die ÖVP dazu auf, …", "gab ein Mitarbeiter an, dass …".
_SEPARABLE = {"vor": frozenset("warf wirft warfen werfen hielt hält hielten halten".split()),
              "auf": frozenset("rief ruft riefen rufen".split()),
              "an": frozenset("gab gibt gaben geben".split()),
              "hervor": frozenset("hob hebt hoben heben".split()),
              "hin": frozenset("wies weist wiesen weisen".split())}


# Cue verbs in a perfect tense, cues only before the reported clause ("Die ÖVP hatte angekündigt,
# Kahr nicht zu wählen"), not before a colon ("Nun ist das Album angekündigt: …").
_PARTICIPLE_CUES = frozenset("angekündigt gefordert gewarnt vorgeworfen".split())
# "…, ließ er den Minister wissen", "ließ die Sprecherin ausrichten": saying through "lassen".
_LET_VERBS = frozenset("ließ ließen lässt".split())
_LET_SAY = frozenset("wissen ausrichten verlauten mitteilen".split())


def _separable_cue(head_words: list[re.Match]) -> list[re.Match]:
    """The finite verb of a cue clause that ends in its particle ("warf dem Minister vor")."""
    if len(head_words) < 3:
        return []
    verbs = _SEPARABLE.get(head_words[-1].group(0))
    return [w for w in head_words[:-1] if w.group(0).lower() in verbs] if verbs else []


# "wie berichtet": the paper's earlier report, nobody speaking.
_AS_REPORTED = re.compile(r"wie\s+(?:(?:bereits|schon|zuvor|mehrfach|gestern|ausführlich)\s+)?berichtet\b")
_SUBORDINATING = frozenset("Als Wenn Nachdem Weil Während Bevor Obwohl Seit Seitdem Sobald Falls Da".split())


def _particle_fits(words: list[re.Match]) -> bool:
    """"teilte … mit" says something, "teilten die Forscher Versuchspersonen auf" does not."""
    if not any(w.group(0).lower() in {"teilte", "teilt", "teilten"} for w in words):
        return True
    return any(w.group(0) == "mit" for w in words)


def _object_follows(words: list[re.Match], verb: re.Match) -> bool:
    """"berichtete von einer friedlichen Stimmung": the verb has its object in the head already."""
    after = [w.group(0) for w in words if w.start() > verb.start()]
    return bool(after) and after[0] in {"von", "über"}


def _after_introduction(text: str, s: int, end: int, finder: SpeakerFinder) -> int:
    """Where the quote starts when the writer introduces it before a colon: "Begeistert zeigte sich
    Coach Günter Bresnik: Das war …, sagte Bresnik", "Dazu kam es nicht: Wir haben …, stellte X klar"."""
    colon = text.find(": ", s, end)
    if colon < 0 or len(qt.words(text, s, colon)) > 16:
        return s
    head, tail = text[s:colon], text[colon + 2:end]
    if qt.speaks_to_reader(head) or qt.subjunctive(head):
        return s
    if finder.named_in(s, colon) is not None or qt.speaks_to_reader(tail):
        return colon + 2
    return s


def _before(text: str, finder: SpeakerFinder, s: int, at: int) -> Speaker | None:
    """The speaker right before "zufolge": "Japan Display zufolge", "einem Medienbericht zufolge"."""
    window = max(s, at - 60)
    found = None
    for m in finder.mentions:
        if window <= m.start and m.end <= at and at - m.end <= 3:
            found = Speaker(m.entity, m.text)
    return found


# Who says it in a clause of saying that is the speaker's own words ("Ich sage, dass …").
_FIRST_PERSON_SUBJECTS = frozenset({"ich", "wir", "uns"})
