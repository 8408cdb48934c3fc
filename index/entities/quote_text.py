"""Text helpers for quote recognition: sentences, quotation marks, verbs of saying, subjunctive.

German only; plain regular expressions and word lists, no model: a few hundred microseconds per
article (bench/quotes_eval.py measures it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening mark -> the closing marks that end it. "„" is closed by "“" and, on careless pages, by
# "”" or '"'; English-style "“" by "”" and, on careless pages, by "“" again.
QUOTE_PAIRS: dict[str, str] = {
    "„": "“”\"", "»": "«", "«": "»", "“": "”\"“", "\"": "\"“”", "‚": "‘’'", "‹": "›",
}
OPENING_MARKS = "„»«“\"‚‹"
ALL_MARKS = OPENING_MARKS + "”‘’›"

# Verbs of saying and stating, finite forms as they stand next to a speaker ("sagte X",
# "X erklärte,"). Separable verbs by their finite part (teilte … mit, kündigte … an).
SPEECH_VERBS = frozenset("""
    sagte sagt sagten sagen sage gesagt erklärte erklärt erklärten erklären betonte betont betonten
    betonen warnte warnt warnten warnen meinte meint meinten meinen schrieb schreibt schrieben
    schreiben twitterte twittert twitterten teilte teilt teilten mitteilte mitteilen mitgeteilt
    berichtete berichtet berichteten berichten erzählte erzählt erzählten fügte fügt ergänzte
    ergänzt bekräftigte bekräftigt versicherte versichert unterstrich unterstreicht räumte räumt
    antwortete antwortet antworteten fragte fragt rief ruft kritisierte kritisiert kritisierten
    forderte fordert forderten bestätigte bestätigt bestätigten kündigte kündigt ankündigte
    verkündete verkündet sprach spricht bilanzierte bilanziert analysierte analysiert begründete
    begründet beteuerte beteuert behauptete behauptet behaupten bestritt bestreitet bestreiten
    mahnte mahnt stellte stellt meldete meldet meldeten argumentierte argumentiert argumentieren
    verwies verweist erwiderte erwidert gestand gesteht klagte klagt beklagte beklagt hoffte
    hofft glaubt glaubte glauben findet fand zitiert zitierte prognostizieren prognostiziert
    gab gibt hieß heißt lobte lobt schilderte schildert präzisierte monierte moniert beschied
    erinnerte erinnert ergänzten sagt's schätzt schätzte vermutet vermutete räumten
    kommentierte kommentiert resümierte schwärmte schwärmt betont bescheinigte bescheinigt riefen
    erläuterte erläutert erläuterten entgegnete entgegnet konterte kontert widersprach widerspricht
    bemängelte bemängelt dementierte dementiert verlangte verlangt appellierte appelliert
    befürchtete befürchtet erwähnte erwähnt beharrte beharrt versprach verspricht bedauerte bedauert
    entschuldigte entschuldigt skandierte skandierten skandiert skandieren grölten brüllten
    deponierte deponiert konstatierte konstatiert scherzte scherzt anmerkte schimpfte
    schimpft verriet verrät titelte titelt relativierte relativiert reklamierte reklamiert signalisierte
    signalisiert orakelte orakelt formulierte mutmaßte mutmaßt polterte poltert spottete
    spottet lästerte lästert seufzte seufzt beschwichtigte beschwichtigt insistierte insistiert""".split())
# Cue words that attribute on their own: "so Fico", "laut Hochegger", "X zufolge".
SO_WORD = "so"
LAUT_WORDS = frozenset({"laut", "lt."})
ZUFOLGE = "zufolge"
# "nach Angaben von X", "nach den Worten von X", "nach eigenen Angaben", "nach Ansicht der X".
NACH_CUES = re.compile(
    r"\b[Nn]ach (?:(?:den |dessen |deren |ihren |seinen |eigenen )?(?:Angaben|Worten|Ansicht|"
    r"Einschätzung|Darstellung|Informationen|Aussagen?|Meinung|Auffassung|Überzeugung))(?: von| des| der| dem)?\b")
IMPERSONAL_CUES = re.compile(r"\b(?:hieß|heißt) es\b|\bwie es hieß\b")

FIRST_PERSON = frozenset("""ich mich mir mein meine meinen meinem meiner meines wir uns unser unsere
    unseren unserem unserer unseres""".split())
SECOND_PERSON = frozenset("du dich dir dein deine euch euer eure".split())  # not "ihr": mostly "her"/"their"

# Subjunctive forms. Konjunktiv I is a strong sign of reported speech; Konjunktiv II (wäre,
# würde) also marks conditionals and counts only next to a cue.
KONJ1 = frozenset("""
    sei seien seiest habe werde könne müsse solle wolle dürfe möge gebe gehe stehe liege komme
    bleibe brauche fehle gelte handle handele arbeite reise zwinge wisse kenne lasse sehe halte
    trage führe laufe finde heiße zeige mache plane setze stelle suche spiele hoffe glaube denke
    verfüge befinde drohe erwarte benötige diene entspreche ergebe gehöre hänge nehme bringe
    warte leide lebe beginne stimme freue wünsche bedeute erfolge passiere entstehe bestehe
    verstehe sorge kümmere betreffe fiebere ändere verändere fördere fordere liefere verhindere
    steigere verlängere verzögere zögere wandere""".split())
KONJ2 = frozenset("""
    wäre wären hätte hätten würde würden könnte könnten müsste müssten dürfte dürften käme kämen
    gäbe gäben ließe ließen stünde stünden bräuchte bräuchten wüsste wüssten sähe ginge gingen
    läge lägen bliebe blieben hieße wollten sollten brächte brächten dächte dächten fände fänden hielte
    nähme nähmen täte täten träfe träfen trüge trügen zöge zögen gälte gälten fiele""".split())
# Konjunktiv I of verbs whose stem ends in t or d ("biete man", "er arbeite"), no past tense form.
_T_STEM_KONJ1 = frozenset("""arbeite biete bilde finde gelte halte leite melde rede sende warte starte
    berichte erwarte beobachte fürchte achte gründe leide richte rette teste lade wende bereite begleite
    bedeute deute leiste koste beachte gestalte erhalte enthalte behalte entscheide unterscheide verbiete
    verbinde verwende empfinde""".split())
# Words ending in -e that are no verbs, for the "man arbeite" / "arbeite man" pattern.
_NOT_VERBS = frozenset("""die eine keine diese jene jede alle viele beide ohne gerne lange bitte
    heute gerade sie ihre seine meine deine unsere eure welche solche manche einige andere
    mehrere wenige ganze halbe erste letzte neue große kleine gute hohe alte ende sowie mittlerweile
    infrage nahe alleine beinahe ehe zuliebe dahingehende zufolge""".split())
_KONJ1_AROUND_SUBJECT = re.compile(
    r"\b(?:[Ee]r|[Ss]ie|[Ee]s|[Mm]an)\s+([a-zäöüß]{3,}e)\b|\b([a-zäöüß]{3,}e)\s+(?:er|es|man)\b"
    r"|\b(?!Ich\b)[A-ZÄÖÜ][a-zäöüß]{2,}\s+([a-zäöüß]{3,}e)\b(?!\s+[A-ZÄÖÜ])")  # not "Ich habe""
# Verbs that only attribute inside a fixed phrase ("sprach von", "gibt an", "stellt fest"):
# no cue clause of their own.
WEAK_VERBS = frozenset("""so spricht sprach gab gibt fand findet stellt stellte glauben glaubt glaubte heißt
    hieß fragt fragte rief ruft hofft hoffte klagt klagte zitiert zitierte schätzt schätzte""".split())
_RELATIVE = frozenset("der die das den dem deren dessen denen wo was welche welcher welches wie".split())


def starts_relative(text: str) -> bool:
    """A clause opening with a relative pronoun ("der jetzt in Hamburg ist") reports nothing."""
    found = _WORD.findall(text.lstrip()[:60])
    # "der jetzt in Hamburg ist", not the article of "der Artikel sei eine Fälschung"
    return bool(found) and found[0] in _RELATIVE and (len(found) == 1 or not found[1][:1].isupper())


def verb_second(text: str) -> bool:
    """A clause whose second word is a finite verb: a main clause ("das sei historisch"), not a
    relative one ("das er gestern sagte")."""
    found = _WORD.findall(text.lstrip()[:40])
    return len(found) > 1 and found[1] in _SECOND_VERBS

_SECOND_VERBS = frozenset("sei seien ist sind war waren habe hat hatte werde wird wurde könne kann müsse muss".split())
_WORD = re.compile(r"[\wÄÖÜäöüß'’-]+")
# A full stop after these does not end a sentence.
_ABBREVIATIONS = frozenset("""z.b d.h u.a bzw ca dr prof nr st vgl usw etc inkl ggf evtl sog
    jan feb mär apr jun jul aug sep sept okt nov dez mio mrd abs art bzw hr fr min max co""".split())
# The last alternative: a full stop a text lost ("… nicht lösen Zugleich rechtfertigte …"), seen
# where an adverb that opens sentences follows a lower-case word.
_SENTENCE_END = re.compile(r"[.!?…]+[\"“”»«'’)]*(?=\s+(?:[–—]\s+)?[\"„“»«(‚']?[A-ZÄÖÜ0-9])|\n\s*\n|[.!?…]+[\"“”»«'’)]*\s*$"
                           r"|(?<=[a-zäöüß])(?=\s+(?:Zugleich|Allerdings|Außerdem|Zudem|Gleichzeitig|Trotzdem|"
                           r"Dennoch|Deshalb|Daher|Inzwischen|Unterdessen|Indes)\s)")


# Also the link a tweet ends with in text that lost its layout (10kGNAD: "… #AfD ist
# deutschfeindlich! pic.twitter.com/b8UnP8azAM Innen- und Sportminister …"), left out of both.
_SENTENCE_OR_TWEET_END = re.compile(r"\s*(?:pic\.twitter\.com|https?://t\.co)/\w+\s*|" + _SENTENCE_END.pattern)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int  # without the closing punctuation


def sentences(text: str) -> list[Sentence]:
    """Sentences as spans; a full stop after an abbreviation, an initial ("C. J.", "Klaus K.")
    or an ordinal number ("17. September") does not end one. Paragraph breaks always do."""
    found: list[Sentence] = []
    start = 0
    ends = _SENTENCE_OR_TWEET_END if "t.co/" in text or "twitter.com/" in text else _SENTENCE_END
    for match in ends.finditer(text):
        if match.group(0).startswith(".") and _is_abbreviation(text, match.start()):
            continue
        end = match.start()
        if text[end:end + 1] in "!?" and match.group(0)[:1] in "!?":
            end = match.start() + len(match.group(0).rstrip("\"“”»«'’) \n\t"))
        _add(found, text, start, end)
        start = match.end()
    _add(found, text, start, len(text))
    return found


def _add(found: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and (text[start].isspace() or (text[start] in "–—" and text[start + 1:start + 2] == " ")):
        start += 1  # also the dash before a line of a dialogue
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        found.append(Sentence(start, end))


def _is_abbreviation(text: str, dot: int) -> bool:
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot]
    if not word:
        return False
    if word.isdigit():  # "am 17. September": an ordinal, unless a capitalised word could not follow a date
        return len(word) <= 2 and re.match(r"\s+(?:[A-ZÄÖÜ][a-zäöü]+)", text[dot + 1:dot + 20]) is not None \
            and (_month_or_noun_follows(text, dot) or _ORDINAL_BEFORE.search(text, max(0, word_start - 8), word_start) is not None)
    if len(word) == 1 and word.isupper():  # an initial: "C. J. Anderson", "Klaus K."
        return True
    return word.lower() in _ABBREVIATIONS


# An article before a number makes it an ordinal: "zu Beginn der 31. Sitzung", "zum 3. Mal".
_ORDINAL_BEFORE = re.compile(r"(?<![\w-])(?:der|die|das|den|dem|des|zum|zur|am|im|beim|vom)\s+$")
_MONTHS = ("Jänner", "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember", "Runde", "Minute", "Platz", "Stock", "Schulstufe", "Jahrhundert")


def _month_or_noun_follows(text: str, dot: int) -> bool:
    return text[dot + 1:dot + 16].lstrip().startswith(_MONTHS)


def words(text: str, start: int = 0, end: int | None = None) -> list[re.Match]:
    return list(_WORD.finditer(text, start, len(text) if end is None else end))


def has_first_person(text: str) -> bool:
    return any(w.group(0).lower() in FIRST_PERSON for w in _WORD.finditer(text))


def _whole_words(words: frozenset[str], flags: int = 0) -> re.Pattern:
    """Any of ``words`` as a whole token (as _WORD cuts them)."""
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")(?![\w'’-])", flags)


_FIRST_PERSON_WORD = _whole_words(FIRST_PERSON, re.IGNORECASE)
_SECOND_PERSON_WORD = _whole_words(SECOND_PERSON)


# "vor unserer Zeitrechnung", "unserer Zeit": a first person of the writer's idiom, nobody speaking.
_IDIOMS = re.compile(r"\b(?:vor|nach) unserer Zeitrechnung\b|\bunserer Zeit\b")


def speaks_to_reader(text: str) -> bool:
    """First or second person: the speaker's own words, also without quotation marks."""
    if _IDIOMS.search(text):
        text = _IDIOMS.sub("", text)
    return _FIRST_PERSON_WORD.search(text) is not None or _SECOND_PERSON_WORD.search(text) is not None


# "als sei alles normal", "als habe er einen Beweis", "als ob": a comparison in the subjunctive.
_AS_IF = re.compile(r"\bals\s+(?:ob\b|sei|seien|habe|hätte|hätten|wäre|wären|würde|würden|könne|müsse)\b")


def _without_comparisons(text: str) -> str:
    return _AS_IF.sub(" ", text) if "als " in text else text


def konj1(text: str) -> bool:
    """Konjunktiv I in `text` (a reported clause): "sei", "habe", "man arbeite", "es gebe"."""
    text = _without_comparisons(text)
    tokens = [w.group(0) for w in _WORD.finditer(text)]
    for k, token in enumerate(tokens):
        if token in KONJ1 and (k == 0 or tokens[k - 1].lower() not in {"ich", "zu"}) \
                and not (token not in _UNAMBIGUOUS_KONJ1 and k + 1 < len(tokens) and tokens[k + 1] == "ich"):
            # "da bleibe ich dran": the first person's indicative, not Konjunktiv I
            if token in {"habe", "werde", "lasse", "sehe", "finde", "hoffe", "glaube", "denke", "freue"} \
                    and any(t.lower() == "ich" for t in tokens[max(0, k - 3):k + 3]):
                continue
            return True
    for match in _KONJ1_AROUND_SUBJECT.finditer(text):
        verb = match.group(1) or match.group(2) or match.group(3)
        if match.group(2) and text[max(0, match.start() - 4):match.start()] in ("ich ", "Ich "):
            continue  # "Ich habe es": the first person's indicative
        if verb in _NOT_VERBS or verb.endswith(("ische", "liche", "ige", "ere", "este")) \
                or (verb.endswith("weise") and verb != "weise"):  # "teilweise", not "man weise"
            continue
        if verb.endswith(("te", "de")) and verb not in _T_STEM_KONJ1:  # "Polizei wurde", "machte er": past
            continue
        return True
    return False


_UNAMBIGUOUS_KONJ1 = frozenset("sei seien könne müsse solle wolle dürfe möge".split())


_THIRD_PERSON_KONJ1 = re.compile(r"\b(?:[Ee]r|[Ss]ie|[Ee]s|[Mm]an)\s+(?:habe|werde|gebe|wisse|komme|wolle)\b"
                                 r"|(?<![Ii]ch )\b(?:habe|werde|gebe|wisse|komme)\s+(?:er|sie|es|man)\b")  # not "Ich habe es""


_UNAMBIGUOUS_KONJ1_WORD = _whole_words(_UNAMBIGUOUS_KONJ1)
_KONJ2_WORD = _whole_words(KONJ2)
# Plural Konjunktiv II forms that are also the past tense ("Diese Aufträge blieben aber aus").
_PAST_TOO = frozenset({"blieben", "gingen", "wollten"})
_CLEAR_KONJ2_WORD = _whole_words(KONJ2 - _PAST_TOO)


def clearly_reported(text: str) -> bool:
    """A form only reported speech uses ("sei", "könne", "er habe"), unlike "was ich so mache"."""
    text = _without_comparisons(text)
    return _UNAMBIGUOUS_KONJ1_WORD.search(text) is not None or _THIRD_PERSON_KONJ1.search(text) is not None


def konj2(text: str) -> bool:
    return _KONJ2_WORD.search(_without_comparisons(text)) is not None


def clear_konj2(text: str) -> bool:
    """Konjunktiv II in a form the past tense does not share ("hätten", not "blieben")."""
    return _CLEAR_KONJ2_WORD.search(_without_comparisons(text)) is not None


def subjunctive(text: str) -> bool:
    return konj1(text) or konj2(text)
