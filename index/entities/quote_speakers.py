"""Who said it: the speaker of a quote, found in the words around its cue.

A cue region ("sagte Innenminister Nebojsa Stefanovic am Freitag", "Lawrow sagte", "so der
Landeshauptmann", "sagte er dem TV-Sender") is read from its start: the first person or
organisation mention, pronoun or role noun decides. A pronoun or a role without a name refers to
the last speaker (or the last person named); an unnamed spokesperson of an organisation ("eine
Sprecherin der EU-Kommission") is the organisation.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..models import Mention
from . import quote_text as qt
from .cues import SPEECH_VERBS, role_of
from .quote_speaker_mentions import (
    abbreviations_linked, family_names_first, in_credit, people_taken_for_places, surnames_alone,
)

_PRONOUNS = frozenset({"er", "sie", "Er"})  # "Sie" capitalised is also the formal "you"
_AUXILIARIES = frozenset("hatte hat habe hätte hatten haben".split())
_TOKEN = re.compile(r"[\wÄÖÜäöüß-]+")
# "der 34-Jährige", "die 28-Jährige": an age standing for the person.
_AGE = re.compile(r"^\d+-[Jj]ährige[rn]?$")
_SPOKESPERSON = ("sprecher", "sprecherin", "sprecherinnen")
# Who reports for a paper or channel: their words are its words when they go unnamed.
_REPORTERS = ("reporter", "reporterin", "journalist", "journalistin", "korrespondent", "korrespondentin")
_RELATIVE_CLAUSE = re.compile(r",\s+(?:der|die|das|dem|den|deren|dessen)\s")
# "der Konzern", "das Ministerium": the organisation named before.
_ORG_NOUNS = frozenset("""konzern unternehmen firma hersteller ministerium behörde regierung verband partei
    gericht polizei staatsanwaltschaft verein klub club gewerkschaft bank sender zeitung magazin agentur
    kommission rechnungsprüfer rechnungshof institut stiftung organisation bundesregierung landesregierung
    stadt gemeinde konzernchefs bildschirmhersteller autobauer team rennstall""".split())
_COMPANY_NOUNS = frozenset("konzern unternehmen firma hersteller".split())
_NO_COMPANY_BEFORE = re.compile(r"\b(?:Gewerkschaft|Partei|Verband|Verein|Ministerium|Behörde|Gericht|Polizei|Stadt"
                                r"|Gemeinde|Kommission|Stiftung|Institut|Universität)\s+$")
# Heads of compound nouns that say what kind of body the name after them is ("die
# Nachrichtenagentur Ansa", "der Fernsehsender CNN", "das Innenministerium Bayerns").
# A spokesperson of one of these ("ein Konzernsprecher") speaks for the company just named.
_ANY_COMPANY = frozenset({"konzern", "unternehmen", "firma", "unternehmens"})
_KIND_HEADS = ("agentur", "zeitung", "sender", "magazin", "ministerium", "behörde", "verband", "partei",
               "gewerkschaft", "konzern", "unternehmen", "portal", "blatt", "fernsehen", "kommission")
_DEFINITE = frozenset({"der", "die", "das", "des", "dem", "den"})
# People who speak for their organisation when unnamed: the judges for the court.
_MEMBERS_OF = {"richter": "gericht", "richterin": "gericht", "richterinnen": "gericht"}
# Nouns for what someone said: the speaker is named after them ("die Einschätzung von X").
_STATEMENT_NOUNS = frozenset("""einschätzung worte worten ansicht meinung angaben antwort fazit aussage urteil
    kommentar erklärung mitteilung darstellung version überzeugung auffassung sicht bilanz""".split())
# ", Anwalt der Reederei", ", der Sprecher des Ministeriums": the role an apposition gives a name.
_APPOSITION = re.compile(r",\s+(?:(?:der|die|ein|eine)\s+)?(?:[a-zäöüß]+e[rn]?\s+)?([A-ZÄÖÜ][\w-]+)")
# "dem STANDARD", "der Nachrichtenagentur AFP", "dem Sender": an article in the dative right
# before an organisation's name, the word before the article in group 1.
_DATIVE_BEFORE = re.compile(r"(?:([\wÄÖÜäöüß]+)\s+)?\b(dem|der)\s+((?:[a-zäöüß]+e[nm]?\s+)?"
                            r"[A-ZÄÖÜ][\w-]*(?:agentur|zeitung|zeitschrift|sender|magazin|blatt|portal)\s+)?$")
_FEMININE_MEDIA = ("agentur", "zeitung", "zeitschrift")
_SOURCE_WORDS = frozenset({"laut", "zufolge", "gegenüber", "in", "im", "nach", "von", "vom"})
# "am Dienstag der Nachrichtenagentur AFP": a time, not a noun the name is the genitive of.
_TIMES = ("tag", "abend", "morgen", "nacht", "mittag", "ende", "woche")
_PREPOSITIONS = frozenset("""an auf für mit bei zu gegen über unter um aus vor hinter neben zwischen durch ohne
    seit gegenüber""".split())
_ADJECTIVE_ENDINGS = ("er", "e", "en", "es", "em")
# A sentence that opens with a role as its subject: "Der offensive Mittelfeldspieler selbst ärgerte sich"
_ROLE_SUBJECT = re.compile(r"\s*(?:Der|Die)\s+(?:[a-zäöüß][\w-]*\s+){0,2}([A-ZÄÖÜ][\w-]+)(?:\s+selbst)?[\s,]+[a-zäöüßA-ZÄÖÜ][^.!?]*")
_FIRST_PERSON = re.compile(r"\b(?:[Ii]ch|[Ww]ir|mir|mich|uns|[Mm]ein\w*|[Uu]nser\w*)\b")
_AND_ROLE = re.compile(r"\s+und\s+(\w[\w-]*)")
# "In der Zeitung", "im Interview mit": where words were said, never who said them.
_PLACE_PREPOSITIONS = frozenset("in im von vom nach".split())
# "Zidane, der als Nachfolger von Benitez gehandelt wurde": Benitez is no subject
_OF = frozenset({"von", "vom"})
# Parties by their colour, as Austrian and German news name them ("die rote Fassung", "die Schwarzen").
_COLOURED = {"rot": ("SPÖ", "SPD"), "schwarz": ("ÖVP", "CDU", "CSU"), "türkis": ("ÖVP",), "blau": ("FPÖ",),
             "pink": ("NEOS", "Neos")}
_PARTY_COLOURS = {colour + ending: parties for colour, parties in _COLOURED.items() for ending in ("e", "en")}
# "der Sprecher des Krisenstabes am Dienstag im Sender Skai": not Skai's spokesman
_AT = frozenset({"in", "im", "am"})
# Relatives who speak for themselves: "Badawis Ehefrau" is not Badawi
_RELATIVES = frozenset("""ehefrau ehemann frau mann witwe witwer mutter vater tochter sohn bruder schwester
    lebensgefährtin lebensgefährte freundin freund eltern""".split())
_GENERIC_PEOPLE = frozenset("""man jemand niemand kritiker experten beobachter insider insidern
    fachleute anrainer analysten anwälte vertreter""".split())
# Neuter nouns for a person ("erklärte das Stadtoberhaupt"); "das Staatsfernsehen" is none.
_NEUTER_PEOPLE = ("oberhaupt", "mitglied", "talent", "idol", "urgestein", "mädchen", "genie", "opfer")
# A crowd speaks as nobody named: "skandierten die Demonstranten", "riefen die Fans".
_CROWDS = frozenset("""demonstranten demonstrantinnen gegendemonstranten demonstrierende demonstrierenden
    protestierende protestierenden teilnehmer teilnehmerinnen anhänger anhängerinnen fans zuschauer
    menge menschenmenge publikum sprechchöre sprechchören chor leute passanten besucher""".split())


def _finite_verb(word: str) -> bool:
    """A verb in the third person singular, present or past ("schickt", "schrieb" aside)."""
    return word[:1].islower() and len(word) > 3 and word.endswith(("t", "te"))


def _third_person_verb(word: str) -> bool:
    """"Sie sagt", "Sie erklärte": she, not the formal "you" ("Sie sagen", "Sagen Sie")."""
    low = word.lower()
    return low in SPEECH_VERBS and low.endswith(("t", "te"))


@dataclass(frozen=True)
class Speaker:
    entity: str | None  # provisional entity id of the mention (resolved like any mention)
    text: str  # how the cue names the speaker: "Stefanovic", "er", "der Sprecher"


class SpeakerFinder:
    """Finds speakers in one text; remembers the last one for pronouns and roles."""

    def __init__(self, text: str, mentions: list[Mention]):
        self.text = text
        speakers = abbreviations_linked(text, [m for m in mentions if m.kind in ("person", "org") and not m.partial
                                               and not in_credit(text, m)]
                                        + people_taken_for_places(mentions))
        self.mentions = sorted(family_names_first(speakers) + surnames_alone(text, speakers, mentions),
                               key=lambda m: m.start)
        # Organisations inside a compound ("HTC-Sprecher"): their spokespeople speak as them.
        self._compound_orgs = [m for m in mentions if m.kind == "org" and m.partial]
        self._starts = [m.start for m in self.mentions]
        # Where each named speaker's words ended, in text order: marked quotes are attributed in a
        # pass before the sentences are read, so "the last speaker" is the last one before a place.
        self._spoken: list[tuple[int, Speaker]] = []
        self._first_words: dict[str, str] | None = None  # person entity -> first word of its fullest name
        self._stated_genders: dict[str, str | None] = {}  # person entity -> the gender its role noun says

    def remember(self, speaker: Speaker | None, at: int) -> None:
        if speaker is not None and speaker.entity is not None:
            k = bisect_left([end for end, _ in self._spoken], at)
            self._spoken.insert(k, (at, speaker))

    def is_person(self, entity: str | None) -> bool:
        return any(m.entity == entity and m.kind == "person" for m in self.mentions)

    def nobody_named(self, at: int) -> None:
        """Words up to ``at`` came from no one named (a crowd, a banner): the quotes after them
        without a cue of their own are not the last named speaker's."""
        k = bisect_left([end for end, _ in self._spoken], at)
        self._spoken.insert(k, (at, Speaker(None, "")))

    def nobody_spoke_last(self, at: int, within: int) -> bool:
        """Whether the last words before ``at``, shortly before, were no one named's."""
        k = bisect_left([end for end, _ in self._spoken], at + 1)
        return bool(k) and at - self._spoken[k - 1][0] <= within and self._spoken[k - 1][1].entity is None

    def recent(self, at: int, within: int = 1500) -> Speaker | None:
        """The last speaker before ``at`` if it spoke shortly before."""
        k = bisect_left([end for end, _ in self._spoken], at + 1)
        if k and at - self._spoken[k - 1][0] <= within and self._spoken[k - 1][1].entity is not None:
            return self._spoken[k - 1][1]
        return None

    def _spoken_end(self, at: int) -> int:
        k = bisect_left([end for end, _ in self._spoken], at + 1)
        return self._spoken[k - 1][0] if k else 0

    def _subject_since(self, start: int, at: int) -> Mention | None:
        """The last person who opens a sentence between ``start`` and ``at`` (a few words in at most)."""
        found = None
        for m in self.mentions[bisect_left(self._starts, start):bisect_left(self._starts, at)]:
            if m.kind != "person":
                continue
            sentence_start = max(self.text.rfind(". ", start, m.start), self.text.rfind("\n", start, m.start), start)
            lead = self.text[sentence_start:m.start].rstrip()
            if m.role and lead.endswith(m.role):  # "Verschnupft reagierte auch Arbeiterkammer-Präsident Rudolf Kaske"
                lead = lead[:-len(m.role)]
            if len(_TOKEN.findall(lead)) <= 3 and sentence_start > start:
                found = m
        return found

    def _opens_sentence(self, m: Mention, words: int) -> bool:
        """The mention stands among the first ``words`` words of its sentence (its subject, mostly)."""
        sentence_start = max(self.text.rfind(". ", 0, m.start), self.text.rfind("\n", 0, m.start), 0)
        return len(_TOKEN.findall(self.text, sentence_start, m.start)) <= words

    def named_before(self, at: int, within: int) -> Speaker | None:
        """The last person named shortly before ``at``."""
        for m in reversed(self.mentions[:bisect_left(self._starts, at)]):
            if at - m.end > within:
                break
            if m.kind == "person":
                return Speaker(m.entity, m.text)
        return None

    def likely(self, at: int) -> Speaker | None:
        """Who speaks in words without a cue: the last speaker if recent, else the person named
        most often so far (the article's protagonist)."""
        recent = self.recent(at)
        if recent is not None:
            # "David Trezeguet, ein Ex-Klubkollege, sah die Motivation bei Ibrahimovic. … ich bin
            # sicher, …": the one the text turned to since the last speaker's words
            newcomer = self._subject_since(self._spoken_end(at), at)
            if newcomer is not None and newcomer.entity != recent.entity and not self._genitive(newcomer):
                return Speaker(newcomer.entity, newcomer.text)
            return recent
        counts: dict[str, int] = {}
        latest: dict[str, Mention] = {}
        for m in self.mentions[:bisect_left(self._starts, at)]:
            if m.kind == "person" and m.entity is not None:
                counts[m.entity] = counts.get(m.entity, 0) + 1
                latest[m.entity] = m
        if not counts:
            return None
        best = max(counts, key=lambda entity: (counts[entity], latest[entity].start))
        return Speaker(best, latest[best].text)

    def in_region(self, start: int, end: int, quote_start: int | None = None) -> Speaker | None:
        """The speaker a cue region names, or None. A pronoun or role refers to someone named
        before ``quote_start`` (the quote's own words name others: "wohin Obamas Politik führe,
        sagt er")."""
        if end <= start:
            return None
        before = start if quote_start is None else min(start, quote_start)
        first = bisect_left(self._starts, start)
        inside = [m for m in self.mentions[first:] if m.start < end and m.end <= end]
        tokens = list(_TOKEN.finditer(self.text, start, end))
        skipped: Mention | None = None
        for k, token in enumerate(tokens):
            at = token.start()
            mention = next((m for m in inside if m.start <= at < m.end), None)
            if mention is not None and (mention is skipped or (k >= 2 and tokens[0].group(0).lower() in _DEFINITE
                                                               and tokens[k - 1].group(0) in ("von", "vom")
                                                               and self._participle_after(mention, end))):
                skipped = mention  # "der von Matthias Prückler verteidigte 31-Jährige": not the lawyer
                continue
            if mention is not None and self._told(tokens, k):
                skipped = mention  # "hatte er gegenüber LEquipe betont": the paper was told
                continue
            if mention is not None and self._object_of_preposition(tokens, k) and any(
                    m.start > mention.end and not self._object_of_preposition(tokens, self._token_at(tokens, m.start))
                    for m in inside):
                skipped = mention  # "Nach Kritik an Gauland entschuldigte sich Frauke Petry": not Gauland
                continue
            if mention is not None and self._object_of_preposition(tokens, k, _PLACE_PREPOSITIONS) \
                    and self._says_pronoun_after(tokens, k):
                skipped = mention  # "In der Wiener Zeitung sagte er": the one "er" refers to, not the paper
                continue
            if mention is not None and mention.kind == "person" and self._genitive(mention) and (
                    any(t.group(0) in _PRONOUNS for t in tokens[k + 1:])
                    or any(m.kind == "person" and m.start > mention.end for m in inside)):
                skipped = mention  # "Über Bergers Pläne sagt er": not Berger
                continue
            if mention is not None and mention.kind == "person" and self._genitive_form(mention) \
                    and any(m.kind == "person" and m.entity != mention.entity and 0 < m.start - mention.end <= 60
                            for m in inside):
                skipped = mention  # "sagte Badawis nach Kanada geflüchtete Ehefrau Ensaf Haidar": not Badawi
                continue
            if mention is not None and mention.kind == "person" and self._genitive(mention) and k + 1 < len(tokens) \
                    and tokens[k + 1].group(0).lower() in _RELATIVES:
                # "Badawis Ehefrau sagte": the wife, named before after that noun ("Ehefrau Ensaf
                # Haidar"), else someone unnamed; never the one whose wife she is
                return self._named_after_noun(tokens[k + 1].group(0), at)
            if mention is not None and mention.kind == "org" and self._addressed(mention):
                skipped = mention  # "sagte ein Offizier der Nachrichtenagentur AFP": AFP was told
                continue
            if mention is not None and k >= 1 and tokens[k - 1].group(0) in ("gebürtige", "gebürtiger"):
                # "so der gebürtige St. Pöltner": someone from the place, not the club or town
                return self._role_referent(before if before < at else at, mention.text, nearby=True, role_at=at)
            if mention is not None and k >= 1 and tokens[k - 1].group(0) in ("der", "die") \
                    and self._article_before_a_lone_word(mention):
                # "sagte der Serbe": a word the recogniser took for a surname, never written as a
                # full name, after an article: a role (nationality, origin), as "der Wiener"
                return self._role_referent(before if before < at else at, mention.text, nearby=True, role_at=at)
            if mention is not None:
                if mention.kind == "org":
                    # "der Chef der Gruppe, Humberto de la Calle": a person named later in the region wins.
                    person = next((m for m in inside if m.kind == "person" and m.start > mention.end), None)
                    if person is not None and not self._spokesperson_before(tokens, k):
                        return Speaker(person.entity, person.text)
                return Speaker(mention.entity, mention.text)
            word = token.group(0)
            if word.lower() in _PARTY_COLOURS and k >= 1 and tokens[k - 1].group(0).lower() in _DEFINITE:
                party = self._party_of_colour(word.lower())
                if party is not None:  # "Die rote Fassung:", "sagten die Schwarzen": the party of that colour
                    return Speaker(party.entity, word)
            if word.lower() in _STATEMENT_NOUNS:
                continue  # "so die Einschätzung von Anna Schmidt", "Die Antwort von X:": whose, named next
            if word.lower().endswith(_SPOKESPERSON + _REPORTERS) and not self._name_follows(inside, token.end()):
                org = next((m for m in self._compound_orgs if token.start() <= m.start < token.end()), None)
                if org is not None:  # "sagte ein HTC-Sprecher": HTC (but "Vatikan-Sprecher Federico Lombardi": him);
                    return Speaker(org.entity, word)  # "berichtete eine AFP-Journalistin": AFP
                body = self._body_of_spokesperson(word, at) if word.lower().endswith(_SPOKESPERSON) else None
                if body is not None:  # "meint eine Ministeriumssprecherin": the ministry named before
                    return body
            if word.lower() in _REPORTERS and self._org_noun_at(tokens, k + 1) \
                    and not (k + 3 < len(tokens) and tokens[k + 3].group(0)[:1].isupper()):
                org = self._last_org_before(at)  # "berichtete ein Reporter des Senders": the channel named before
                if org is not None and at - org.end < 600:
                    return Speaker(org.entity, word)
            if word == "sie" and self._plural_verb_beside(tokens, k, self.text[max(0, start - 20):start]):
                return None  # "riefen sie", "sie skandierten": several people, not the last speaker
            if (word in _PRONOUNS or (word == "Sie" and k + 1 < len(tokens) and _third_person_verb(tokens[k + 1].group(0)))) \
                    and (k <= 2 or tokens[k - 1].group(0).lower() in SPEECH_VERBS
                         or (tokens[k - 1].group(0) in _AUXILIARIES  # "hatte er gegenüber X betont"
                             and any(t.group(0).lower() in SPEECH_VERBS for t in tokens[k + 1:]))
                         or (word != "Sie" and _finite_verb(tokens[k - 1].group(0)) and k + 1 < len(tokens)
                             and tokens[k + 1].group(0)[:1].isupper())):  # "… um 0.16 Uhr schickt sie Relotius …:"
                # "er sagt", "sagte er vor Anhängern"; not whom the words were said to ("hatte er
                # gegenüber LEquipe betont": not LEquipe, though the text turned to it last)
                told = {m.entity for m in inside if self._told(tokens, self._token_at(tokens, m.start))}
                return self._referent(before, word, avoid=told)
            if word.lower() in _GENERIC_PEOPLE or word.lower() in _CROWDS:
                return None
            named_after = k + 1 < len(tokens) and (tokens[k + 1].group(0)[:1].isupper()  # "die Stadt Klagenfurt"
                                                   or (tokens[k + 1].group(0) in ("der", "des") and k + 2 < len(tokens)
                                                       and tokens[k + 2].group(0)[:1].isupper()))  # "die Gewerkschaft der Seeleute"
            noun = _MEMBERS_OF.get(word.lower(), word.lower())
            if k <= 2 and noun in _ORG_NOUNS and not named_after:
                definite = self.text[max(start, at - 4):at].strip().lower() in _DEFINITE
                # "teilte der Konzern mit": the company named before, rather one its name calls so
                # ("das Gericht": the Landgericht Berlin); "laut Gericht" only then; the judges of
                # a court only then ("Die Richter schreiben")
                org = self._last_org_before(at, noun, only_called=(not definite and k == 0) or noun != word.lower())
                if org is not None and (definite or k == 0):
                    return Speaker(org.entity, word)
            if k + 1 < len(tokens) and word.lower().endswith(_KIND_HEADS) \
                    and any(m.start == tokens[k + 1].start() for m in inside):
                continue  # "meldete die Nachrichtenagentur Ansa": the name after the kind decides
            if k <= 5 and word[:1].isupper() and not word.endswith("-") and word.lower() not in _ORG_NOUNS \
                    and not self._name_follows(inside, token.end()) and not self._described_name_follows(inside, token.end()) \
                    and any(t.group(0) in ("der", "die") or (t.group(0) == "das" and word.lower().endswith(_NEUTER_PEOPLE))
                            for t in tokens[:k]) and not role_of(word) \
                    and all(t.group(0)[:1].islower() or t.group(0)[:1].isdigit() for t in tokens[:k]):
                # "sagt der Segler", "der 27 Jahre junge FPÖ-Bezirksrat", "sagte der Wiener"
                apposition = self._apposition(inside, at, token.end())
                if k <= 2 and apposition is not None:  # "der oberste Führer des Irans, Ajatollah Ali Chamenei"
                    return Speaker(apposition.entity, apposition.text)
                if self._introduced_unnamed(word, at):
                    return Speaker(None, word)  # "Eine Floristin aus Staffelde … sagt die Floristin"
                return self._role_referent(before if before < at else at, word, nearby=True, role_at=at)
            if _AGE.match(word) or (role_of(word) and not self._name_follows(inside, token.end())):
                if word.lower().startswith(_SPOKESPERSON) or word.lower().endswith(_SPOKESPERSON):
                    # "eine Sprecherin der EU-Kommission": the organisation; "der Sprecher der
                    # Landesrätin Martina Berthold": the one he speaks for; not a name after a
                    # preposition ("der Sprecher des Krisenstabes am Dienstag im Sender Skai")
                    named = next((m for m in inside if m.start >= token.end()), None)
                    if named is not None and (self.text[named.start - 2:named.start] == ", "
                                              or not self._after_preposition(named, also=_AT)):
                        return Speaker(named.entity, named.text)
                article = self.text[max(start, at - 5):at].strip().lower()
                if article.endswith(("ein", "eine", "einer", "einem")):
                    if word.lower() in _SPOKESPERSON and (k + 1 == len(tokens) or self._org_noun_at(tokens, k + 1)
                                                          or self._no_body_after(tokens, k + 1)):
                        # "Siemens … „…“, sagte ein Sprecher." / "…, erklärte ein Sprecher des Unternehmens."
                        org = self._last_org_before(at)
                        if org is not None and at - org.end < 400:
                            return Speaker(org.entity, word)
                    return None  # "ein Sprecher", "eine Anwältin": someone unnamed
                apposition = self._apposition(inside, at, token.end())
                if k <= 2 and apposition is not None:  # "Der Anwalt der Steuerberaterin, Norbert Wess,"
                    return Speaker(apposition.entity, apposition.text)
                if self._introduced_unnamed(word, at):
                    return Speaker(None, word)
                # "sagte der 55-Jährige": someone just named, not the last speaker
                return self._role_referent(before if before < at else at, word, nearby=bool(_AGE.match(word)), role_at=at)
        return None

    def _article_before_a_lone_word(self, mention: Mention) -> bool:
        """A person mention of one word that the text never writes with a first name, and never
        without an article before it ("der Serbe", not "Djokovic")."""
        if mention.kind != "person" or " " in mention.text:
            return False
        same = [m for m in self.mentions if m.entity == mention.entity]
        return all(" " not in m.text and self.text[max(0, m.start - 4):m.start] in ("der ", "die ") for m in same)

    def _apposition(self, inside: list[Mention], at: int, role_end: int) -> Mention | None:
        """The person a role noun at ``at`` is set beside: ", Norbert Wess" or a name right after;
        not one of a list in a clause that follows ("der Wiener, dem … Maximilian Wöber, Albin Gashi")."""
        person = next((m for m in inside if m.kind == "person" and m.start > at), None)
        if person is None or _RELATIVE_CLAUSE.search(self.text, role_end, person.start):
            return None
        return person if self.text[person.start - 2:person.start] == ", " or self._role_apposition(role_end, person) else None

    @staticmethod
    def _no_body_after(tokens, k: int) -> bool:
        """What follows a spokesperson is when and where, not whose ("sagte eine Sprecherin am Freitag in
        Brüssel"), so he speaks for the body named before."""
        return k < len(tokens) and tokens[k].group(0) in ("am", "auf", "gegenüber", "zum", "zur", "dem", "der") \
            and not (tokens[k].group(0) == "der" and k + 1 < len(tokens) and tokens[k + 1].group(0)[:1].isupper())

    def _party_of_colour(self, colour: str) -> Mention | None:
        """The party the text names whose colour this is ("rote" → SPÖ or SPD)."""
        names = _PARTY_COLOURS[colour]
        return next((m for m in self.mentions if m.kind == "org" and m.text in names), None)

    def _body_of_spokesperson(self, word: str, at: int) -> Speaker | None:
        """"Ministeriumssprecherin", "Kommissionssprecher", "Konzernsprecher": the body of that kind
        the text named before ("das Sozialministerium", "die EU-Kommission"; a company shortly before)."""
        low = word.lower()
        kind = low[:low.rfind("sprecher")].removesuffix("s")
        if kind in _ANY_COMPANY:
            org = self._last_org_before(at)
            return Speaker(org.entity, word) if org is not None and at - org.end < 400 else None
        if kind not in _ORG_NOUNS:
            return None
        org = self._last_org_before(at, kind, only_called=True)
        return Speaker(org.entity, word) if org is not None else None

    @staticmethod
    def _plural_verb_beside(tokens, k: int, before: str) -> bool:
        """The verb next to "sie" is plural ("riefen sie", "sie skandierten"), not "sagte sie";
        ``before`` is the text before the region, where the verb of "„…“, riefen sie" stands."""
        beside = [tokens[j].group(0) for j in (k - 1, k + 1) if 0 <= j < len(tokens)]
        if k == 0:
            beside += _TOKEN.findall(before)[-1:]
        return any(w.lower() in qt.SPEECH_VERBS and w.endswith("en") for w in beside)

    def _introduced_unnamed(self, word: str, at: int) -> bool:
        """The text brought this person in without a name ("Eine Floristin aus Staffelde",
        "ein gutgelaunter Hobbyschäfer"): "die Floristin" later is that unnamed person."""
        intro = re.search(r"\b(?:[Ee]ine?[mnrs]?)\s+(?:[a-zäöüß-]+\s+)?" + re.escape(word) + r"\b", self.text[:at])
        if intro is None:
            return False
        # "Ein Sprecher von Landesrätin Martina Berthold", "ein Beitrag von Heike Schmoll": named after all
        return not any(0 <= m.start - intro.end() <= 40 and "." not in self.text[intro.end():m.start]
                       for m in self.mentions)

    def _participle_after(self, mention: Mention, end: int) -> bool:
        """"von Matthias Prückler verteidigte": a word in lower case follows the name."""
        following = _TOKEN.search(self.text, mention.end, end)
        return following is not None and following.group(0)[:1].islower()

    @staticmethod
    def _told(tokens, k: int) -> bool:
        """The name at token ``k`` is whom the words were said to: "gegenüber LEquipe",
        "gegenüber dem Sender CNN"."""
        j = k - 1
        while j >= 0 and (tokens[j].group(0).lower() in _DEFINITE or tokens[j].group(0)[:1].isupper()) and k - j <= 3:
            j -= 1
        return j >= 0 and tokens[j].group(0).lower() == "gegenüber"

    @staticmethod
    def _object_of_preposition(tokens, k: int, also: frozenset[str] = frozenset()) -> bool:
        """The name at token ``k`` follows a preposition ("an Gauland", "mit dem Kanzler Faymann")."""
        j = k - 1
        while j >= 0 and (tokens[j].group(0).lower() in _DEFINITE or role_of(tokens[j].group(0))):
            j -= 1
        return j >= 0 and (tokens[j].group(0).lower() in _PREPOSITIONS or tokens[j].group(0).lower() in also)

    def _after_preposition(self, m: Mention, also: frozenset[str] = frozenset()) -> bool:
        """The mention follows a preposition in its sentence ("auf den Kroaten Marin Cilic")."""
        stop = self.text.rfind(". ", 0, m.start)
        sentence_start = max(stop + 2 if stop >= 0 else 0, self.text.rfind("\n", 0, m.start) + 1, m.start - 60)
        tokens = list(_TOKEN.finditer(self.text, sentence_start, m.end))
        k = next((j for j, t in enumerate(tokens) if t.start() >= m.start), len(tokens))
        return self._object_of_preposition(tokens, k, also) or (k >= 1 and tokens[k - 1].group(0)[:1].isupper()
                                                                and self._object_of_preposition(tokens, k - 1, also))

    def _genitive_form(self, m: Mention) -> bool:
        """The name ends in a genitive -s the text writes elsewhere without it ("Badawis", "Raif Badawi")."""
        if not m.text.endswith("s") or m.entity is None:
            return False
        base = m.text[:-1]
        return any(o.entity == m.entity and (o.text == base or o.text.endswith(" " + base.split()[-1]))
                   for o in self.mentions if o is not m)

    def _named_after_noun(self, noun: str, at: int) -> Speaker | None:
        """The person the text named right after ``noun`` before ``at`` ("Ehefrau Ensaf Haidar")."""
        for m in reversed(self.mentions[:bisect_left(self._starts, at)]):
            if m.kind == "person" and re.search(r"\b" + re.escape(noun) + r"\s+(?:[A-ZÄÖÜ][\w-]+\s+)?$",
                                                self.text[max(0, m.start - 60):m.start]):
                return Speaker(m.entity, noun)
        return None

    def _role_apposition(self, role_end: int, m: Mention) -> bool:
        """The person is named right after the role, as an apposition with a role of its own:
        "Mitterlehners früherer Chef, Wirtschaftskammerpräsident Christoph Leitl"."""
        between = self.text[role_end:m.start]
        if not between.startswith(", ") or len(between) > 60:
            return False
        words = between[2:].split()
        return 0 < len(words) <= 2 and all(role_of(w) for w in words)

    @staticmethod
    def _says_pronoun_after(tokens, k: int) -> bool:
        """A pronoun after a verb of saying follows token ``k`` ("…, sagte er"): the subject."""
        return any(tokens[j].group(0) in _PRONOUNS and tokens[j - 1].group(0).lower() in SPEECH_VERBS
                   for j in range(k + 1, len(tokens)))

    @staticmethod
    def _token_at(tokens, at: int) -> int:
        return next((k for k, t in enumerate(tokens) if t.start() <= at < t.end()), 0)

    def _spokesperson_before(self, tokens, k: int) -> bool:
        return any(t.group(0).lower().endswith(_SPOKESPERSON) for t in tokens[:k])

    def _described_name_follows(self, inside: list[Mention], at: int) -> bool:
        """A person is named right after more words of description ("der Wiener Jurist und
        Diskriminierungsexperte Volker Frey"): capitalised words or "und" between."""
        person = next((m for m in inside if m.kind == "person" and m.start >= at), None)
        if person is None or person.start - at > 60:
            return False
        between = self.text[at:person.start].split()
        return all(w == "und" or (w[:1].isupper() and w.isalpha() or "-" in w) for w in between)

    def _name_follows(self, inside: list[Mention], at: int) -> bool:
        # "ÖVP-Chef und Wirtschaftsminister Reinhold Mitterlehner": a second role between
        joined = _AND_ROLE.match(self.text, at)
        if joined is not None and role_of(joined.group(1)):
            at = joined.end()
        return any(m.kind == "person" and 0 <= m.start - at <= 3 for m in inside)

    def _gender(self, entity: str | None) -> str | None:
        """"m" or "w" when the person's fullest name in the text opens with a first name the
        registers give one gender."""
        if self._first_words is None:
            fullest: dict[str, str] = {}
            for m in self.mentions:
                if m.kind == "person" and len(m.text) > len(fullest.get(m.entity, "")):
                    fullest[m.entity] = m.text
            self._first_words = {e: name.split()[0] for e, name in fullest.items() if " " in name}
            genders: dict[str, set[str | None]] = {}
            for m in self.mentions:
                if m.kind == "person" and m.entity and m.role:
                    genders.setdefault(m.entity, set()).add(_role_gender(m.role))
            self._stated_genders = {e: next(iter(g)) for e, g in genders.items() if len(g) == 1 and None not in g}
        stated = self._stated_genders.get(entity or "")
        if stated is not None:  # "die Schauspielerin Robin Wright", whatever the registers say of Robin
            return stated
        first = self._first_words.get(entity or "")
        return _first_name_genders().get(first) if first else None

    def _referent(self, at: int, word: str, avoid: frozenset[str] | set[str] = frozenset()) -> Speaker | None:
        # "sagte sie" is no Paul, "sagte er" no Anna: people of the other gender are no referent
        gender = "m" if word.lower() == "er" else "w"
        avoid = set(avoid) | {m.entity for m in self.mentions[:bisect_left(self._starts, at)]
                              if m.kind == "person" and self._gender(m.entity) not in (None, gender)}
        sentence_start = max(self.text.rfind(". ", 0, at), self.text.rfind("\n", 0, at), 0)
        named = [m for m in self.mentions[bisect_left(self._starts, sentence_start):bisect_left(self._starts, at)]
                 if m.kind == "person" and m.end <= at and m.entity not in avoid]
        # "… die Schriftstellerin Monika Maron zu sehen – sie war …": the one this sentence named;
        # not one named in the genitive ("in Castros Diensten") when someone else can be the subject.
        subjects = [m for m in named if not self._genitive(m)]
        if subjects:
            return Speaker(subjects[-1].entity, word)
        recent = self.recent(at)
        role = self._role_opening_narration(sentence_start)
        if recent is not None and role is not None:
            # "Der offensive Mittelfeldspieler selbst ärgerte sich. „…“, sagte er": the one the
            # sentence before turned to by a role ("Der Vorsitzende, John Boehner, gab sich
            # kämpferisch": the one it names), not the last speaker
            found = next((Speaker(m.entity, m.text) for m in self.mentions[bisect_left(self._starts, role.start()):]
                          if m.start < role.end() and m.kind == "person" and not self._after_preposition(m)), None) \
                or self._role_referent(role.start(1), role.group(1))
            if found is not None and found.entity is not None and found.entity not in avoid:
                return Speaker(self._by_first_name(found.entity), word)
        newcomer = self._subject_since(self._spoken_end(at), at) if recent is not None else None
        if recent is not None and newcomer is not None and newcomer.entity != recent.entity and newcomer.entity not in avoid:
            return Speaker(newcomer.entity, word)  # "Ihr Parteifreund Peter Weber sieht das ähnlich. …, sagte er."
        if recent is not None and recent.entity not in avoid and (newcomer is None or newcomer.entity not in avoid):
            return Speaker(recent.entity, word)
        person = self._last_person_before(named[0].start if named else at, avoid) or (named[-1] if named else None)
        return Speaker(person.entity, word) if person is not None else None

    def _by_first_name(self, entity: str) -> str:
        """The person a first name alone stands for ("Julian" after "Julian Draxler"), when the
        text gives that first name to one person only."""
        self._gender(None)  # fills the first words of the fullest names
        assert self._first_words is not None
        if entity in self._first_words:
            return entity
        word = next((m.text for m in self.mentions if m.entity == entity), "")
        owners = [e for e, first in self._first_words.items() if first == word]
        return owners[0] if len(owners) == 1 else entity

    def _role_opening_narration(self, end: int) -> re.Match | None:
        """The last sentence of narration before ``end`` when a role opens it as its subject (the
        match spans the sentence), passing over up to two sentences in the first person that name
        no one (words of the quote itself)."""
        for _ in range(3):
            start = self.text.rfind(". ", 0, max(0, end - 1))
            start = 0 if start < 0 else start + 2
            if not _FIRST_PERSON.search(self.text, start, end):
                role = _ROLE_SUBJECT.match(self.text, start, end)
                return role if role is not None and role_of(role.group(1)) else None
            if any(start <= m.start < end for m in self.mentions[bisect_left(self._starts, start):bisect_left(self._starts, end)]):
                return None  # "„…“, sagte Davutoğlu. Er betonte …": that speaker's turn
            end = start
        return None

    def _genitive(self, m: Mention) -> bool:
        """A name in the genitive before its noun ("Castros Diensten", "Merkels Kurs"): the text
        names the person elsewhere without the -s."""
        if not m.text.endswith("s") or m.entity is None:
            return False
        following = _TOKEN.match(self.text, m.end + 1) if self.text[m.end:m.end + 1] == " " else None
        for _ in range(2):  # "Mitterlehners früherer Chef", "Merkels neue Sprecherin": adjectives between
            if following is None or not following.group(0).endswith(_ADJECTIVE_ENDINGS) \
                    or not following.group(0)[:1].islower() or self.text[following.end():following.end() + 1] != " ":
                break
            following = _TOKEN.match(self.text, following.end() + 1)
        if following is None or not following.group(0)[:1].isupper() or self.names_at(following.start()):
            return False
        base = m.text[:-1]
        return any(o.entity == m.entity and (o.text == base or o.text.endswith(" " + base.split()[-1]))
                   for o in self.mentions if o is not m)

    def named_in(self, start: int, end: int) -> Speaker | None:
        """The first person or organisation named between ``start`` and ``end`` (names only, no
        roles or pronouns)."""
        for m in self.mentions[bisect_left(self._starts, start):]:
            if m.end > end:
                break
            if not (m.kind == "org" and self._addressed(m)):  # "…, heißt es in einem Bericht, der der dpa vorlag"
                return Speaker(m.entity, m.text)
        return None

    def _addressed(self, m: Mention) -> bool:
        """An organisation in the dative, the one told rather than the one telling: "sagte er dem
        STANDARD", "sagte ein Offizier der Nachrichtenagentur AFP", "der der Deutschen
        Presse-Agentur vorlag"; not after a preposition ("laut dem Sender", "nach der Zeitung")."""
        article = _DATIVE_BEFORE.search(self.text, max(0, m.start - 60), m.start)
        if article is None:
            return False
        before = article.group(1) or ""
        if article.group(2) == "der":
            head = (article.group(3) or m.text).lower()
            if not head.rstrip().endswith(_FEMININE_MEDIA):
                return False
            if before[:1].isupper() and not before.lower().endswith(_TIMES):
                return False  # "Nach Informationen der Berliner Zeitung": a genitive
        return before.lower() not in _PREPOSITIONS | _SOURCE_WORDS

    def names_at(self, at: int) -> bool:
        """Whether a person or organisation is named right at ``at``."""
        return self.mention_at(at) is not None

    def mention_at(self, at: int) -> Mention | None:
        """The person or organisation named right at ``at``, if any."""
        k = bisect_left(self._starts, at)
        return self.mentions[k] if k < len(self.mentions) and self.mentions[k].start == at else None

    def _role_referent(self, at: int, word: str, nearby: bool = False, role_at: int | None = None) -> Speaker | None:
        """"der Landeshauptmann": the person last named with that role, else the last speaker."""
        role = (role_of(word) or word).lower()
        for m in reversed(self.mentions[:bisect_left(self._starts, at)]):
            if m.kind == "person" and m.role and _same_role(m.role.lower(), role):
                return Speaker(m.entity, word)
            if m.kind == "person" and " " in m.text and m.text.split()[0].lower() == role:
                return Speaker(m.entity, word)  # "Papst Franziskus" the recogniser kept whole: "der Papst"
            if m.kind == "person" and at - m.end < 400 and self._apposition_names(m, role):
                return Speaker(m.entity, word)  # "Marco De Luca, Anwalt der Reederei, …. …, berichtete der Anwalt"

        sentence_start = max(self.text.rfind(". ", 0, at), 0)
        before = self.text.rfind(". ", 0, sentence_start)  # the sentence before this one
        window = [m for m in self.mentions[bisect_left(self._starts, before):bisect_left(self._starts, at)]
                  if m.kind == "person"] if role_of(word) or nearby else []
        # "Djokovic trifft auf den Kroaten Marin Cilic. …, sagte der Serbe": not the one met
        subjects = [m for m in window if not self._after_preposition(m, also=_OF)]
        if subjects or window:  # "Scheuer hatte gefordert. …, betonte der bayerische Politiker."
            return Speaker((subjects or window)[-1].entity, word)
        recent = self.recent(at)
        if recent is not None and (role_of(word) or (nearby and word.endswith(("er", "ese")))) \
                and not word.lower().endswith(_SPOKESPERSON):
            # "Nicht dabei war Junuzovic … . Nun ist er wieder dabei. „…“, sagte der ÖFB-Teamspieler"
            # (or "der Nigerianer", "der Wiener"): the one the text turned to since the last speaker
            since = self._spoken_end(at)
            turned_to = [m for m in self.mentions[bisect_left(self._starts, since):bisect_left(self._starts, at)]
                         if m.kind == "person" and m.entity != recent.entity and not self._genitive(m) and at - m.end < 600
                         and self._opens_sentence(m, 5)]
            if turned_to:
                return Speaker(turned_to[-1].entity, word)
        if recent is not None:
            return Speaker(recent.entity, word)
        person = self._last_person_before(at) or self._first_person_after(at if role_at is None else role_at)
        return Speaker(person.entity, word) if person is not None else None

    def first_named_after(self, at: int) -> Speaker | None:
        """In a teaser that opens the text, the first person the text names after it."""
        person = self._first_person_after(at)
        return Speaker(person.entity, person.text) if person is not None else None

    def _first_person_after(self, at: int) -> Mention | None:
        """In a teaser that opens the text ("„…“, sagt der Regisseur. Hollywood – … Quentin
        Tarantino"), before anyone is named: the first person the text names after it."""
        if any(m.kind == "person" and m.start < at for m in self.mentions) or re.search(r"[.!?]\s|\n", self.text[:at]):
            return None  # only in the text's first sentence
        before = _TOKEN.findall(self.text, max(0, at - 60), at)
        while before and (before[-1].lower() in _DEFINITE or before[-1][:1].islower() and before[-1].endswith(("e", "en"))
                          and before[-1].lower() not in qt.SPEECH_VERBS):
            before.pop()  # "der ehemalige": back to the word before the article
        if before and self.text[:at].rstrip()[-1:] not in ":–-" and before[-1].lower() not in qt.SPEECH_VERBS:
            return None  # "sagt der Regisseur", "Expertin:", not "Laut Berichten kehrt der Stürmer zurück"
        return next((m for m in self.mentions[bisect_left(self._starts, at):]
                     if m.kind == "person" and m.start - at < 600), None)

    @staticmethod
    def _org_noun_at(tokens, k: int) -> bool:
        """"des Unternehmens", "der Firma": a definite organisation noun at token ``k``."""
        if k + 1 >= len(tokens) or tokens[k].group(0).lower() not in _DEFINITE:
            return False
        noun = tokens[k + 1].group(0).lower()
        return noun in _ORG_NOUNS or noun.removesuffix("s") in _ORG_NOUNS or noun.removesuffix("es") in _ORG_NOUNS

    def last_org_named_by_noun(self, start: int, end: int) -> Speaker | None:
        """The organisation named before ``start`` when the region names it by its kind ("in einer
        Mitteilung des Konzerns", "aus dem Unternehmen")."""
        tokens = list(_TOKEN.finditer(self.text, start, end))
        for k in range(len(tokens) - 1):
            if self._org_noun_at(tokens, k) and not (k + 2 < len(tokens) and tokens[k + 2].group(0)[:1].isupper()):
                org = self._last_org_before(start)
                return Speaker(org.entity, tokens[k + 1].group(0)) if org is not None and start - org.end < 1500 else None
        return None

    def _apposition_names(self, m: Mention, role: str) -> bool:
        """The words after a name describe it with the role: "Marco De Luca, Anwalt der Reederei"."""
        apposition = _APPOSITION.match(self.text, m.end, m.end + 60)
        return apposition is not None and apposition.group(1).lower().endswith(role)

    def _last_org_before(self, at: int, noun: str = "", only_called: bool = False) -> Mention | None:
        """The organisation named last before ``at``; with ``noun``, the last one whose name has
        that noun in it ("Landgericht Berlin" for "das Gericht") if the text named one."""
        last = None
        for m in reversed(self.mentions[:bisect_left(self._starts, at)]):
            if m.kind != "org" or at - m.end > 8000:
                continue
            if noun and noun in m.text.lower():
                return m
            if noun in _COMPANY_NOUNS and self._called_other_than_company(m.entity):
                continue  # "das Unternehmen": not the union ("die Gewerkschaft Ufo") named since
            if last is None and at - m.end < 2000 and not only_called:
                last = m
                if not noun:
                    return m
        return last

    def _called_other_than_company(self, entity: str) -> bool:
        """The text calls this organisation by a kind that is no company ("die Gewerkschaft Ufo")."""
        return any(m.entity == entity and _NO_COMPANY_BEFORE.search(self.text, max(0, m.start - 20), m.start)
                   for m in self.mentions)

    def org_before(self, at: int, within: int) -> Speaker | None:
        """The organisation named last, shortly before ``at``."""
        org = self._last_org_before(at)
        return Speaker(org.entity, org.text) if org is not None and at - org.end <= within else None

    def _last_person_before(self, at: int, avoid: frozenset[str] | set[str] = frozenset()) -> Mention | None:
        for m in reversed(self.mentions[:bisect_left(self._starts, at)]):
            if m.kind == "person" and at - m.end < 2000 and m.entity not in avoid:
                return m
        return None

    def author(self, name: str, handle: str) -> Speaker | None:
        """The author of an embedded post by its signature ("Peter Wittkamp", "@RobertHabeck"):
        the person or organisation the text names so; else the name as written, unlinked."""
        wanted = {_compact(name), _compact(handle)} - {""}
        named = next((m for m in self.mentions if _compact(m.text) in wanted), None)
        # "Feine Helene Fischerfilet (@C_Holler)": the account of the Claudius Holler the text names
        named = named or next((m for m in self.mentions if m.kind == "person" and " " in m.text and m.text not in name
                               and len(_compact(m.text.split()[-1])) >= 4
                               and _compact(m.text.split()[-1]) in _compact(handle)), None)
        named = named or next((m for m in self.mentions if " " in m.text and m.text in name), None)
        if named is not None:
            return Speaker(named.entity, name or named.text)
        return Speaker(None, name) if name else None

    def label(self, start: int, end: int) -> Speaker | None:
        """The speaker an interview label names ("Monedero:", "Christoph Vilanek:")."""
        found = self.in_region(start, end)
        if found is not None:
            return found
        name = self.text[start:end].strip().rstrip(":").strip()
        for m in self.mentions:
            if m.kind == "person" and (m.text.endswith(name) or name.endswith(m.text)):
                return Speaker(m.entity, name)
        return None


def _role_gender(role: str) -> str | None:
    """"w" for "Schauspielerin", "Ministerin"; "m" for "Schauspieler", "Minister"; None otherwise."""
    word = role.split()[-1] if role.split() else role
    if word.endswith("in") and role_of(word[:-2].capitalize()):
        return "w"
    if role_of(word) and role_of(word + "in"):
        return "m"
    return None


def _compact(name: str) -> str:
    return re.sub(r"[\W_]+", "", name).lower()


# Roles news writes for one person by turns: "Staatsanwalt Herbert Harammer … so der Ankläger".
_ROLE_SYNONYMS = (frozenset({"ankläger", "anklägerin", "staatsanwalt", "staatsanwältin"}),
                  frozenset({"verteidiger", "verteidigerin", "anwalt", "anwältin"}),
                  frozenset({"coach", "trainer", "trainerin"}),
                  frozenset({"premier", "premierminister", "premierministerin", "regierungschef", "regierungschefin",
                             "ministerpräsident", "ministerpräsidentin"}),
                  frozenset({"bürgermeister", "bürgermeisterin", "stadtchef", "stadtchefin", "stadtoberhaupt"}))


_HEADS = ("chef", "chefin", "generalsekretär", "generalsekretärin", "präsident", "präsidentin", "vorsitzender",
          "vorsitzende", "obmann", "obfrau", "leiter", "leiterin")


def _same_role(named: str, said: str) -> bool:
    """The role given with the name ("Staatsanwalt") and the one a cue says ("der Ankläger") name
    the same position: one ends in the other ("Bundeskanzler", "Kanzler") or both in words of one
    group of synonyms."""
    if named.endswith(said) or said.endswith(named):
        return True
    for group in _ROLE_SYNONYMS:
        a = next((w for w in group if named.endswith(w)), None)
        b = next((w for w in group if said.endswith(w)), None)
        # "der Ankläger" for any Staatsanwalt; "der Austria-Coach" only for the Austria-Trainer
        if a is not None and b is not None and said[:-len(b)] in ("", named[:-len(a)]):
            return True
    # The head of a named body: "der UN-Chef" for the UN-Generalsekretär, "der ÖVP-Chef" for the
    # ÖVP-Obmann; a plain "der Chef" could be anyone's.
    a = next((w for w in _HEADS if named.endswith(w)), None)
    b = next((w for w in _HEADS if said.endswith(w)), None)
    return a is not None and b is not None and said[:-len(b)] != "" and said[:-len(b)] == named[:-len(a)]


@lru_cache(maxsize=1)
def _first_name_genders() -> dict[str, str]:
    path = Path(__file__).with_name("data") / "first_name_genders.tsv"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return dict(line.split("\t", 1) for line in lines if line and not line.startswith("#"))
