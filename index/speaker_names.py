"""Speakers the entity recogniser did not mark, made mentions where a cue names them.

    mentions = add_speaker_names(text, pipeline.extract(text))
    quotes = find_quotes(text, mentions)

A cue's speaker slot ("sagte der Polizeichef Badredin Haiti", "Die Stadt Klagenfurt teilte …
mit", "schreibt Vreni", "laut Agentur Interfax") names whoever speaks; when the recogniser left
that name unmarked, or took it for a place, the quote has no speaker and later pronouns refer to
the wrong person. The names found here are stored like any mention (and linked and corrected
like them), so the quote's speaker, `said:` and the entity's profile all know them, also where
the text writes the name again. Only names that look like names are taken: capitalised words that
are no common German word (lexicon, wordfreq), after a role ("Polizeichef"), a first name of the
lexicon with a surname, an organisation noun ("Stadt", "Agentur"), a one-word organisation
("Innenministerium", also the one "das Ministerium" refers to), the body after "ein Sprecher der"
(also in the genitive: "des Innenministeriums"),
a first name or surname alone of a person the text named in full ("Vreni" for "der Bloggerin Vreni
Frost", "Blanco-Gil" after the recogniser's "Juan Antonio"), capitalised words ending in a German
noun ("laut Wiener Linien"), a first name and a surname that open a line labelling a quote
("Erich Schlotthauer, Sachbereichsleiter Katastrophenschutz: „…“"), the name that labels an
interview's answers ("Hofer: …"; the person named in full with that surname, if any).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import takewhile

from .models import Mention

# These rules change stored quotes (their speakers): their version is added to the quote
# recogniser's own in the version stored with each article's quotes (quotes_version).
VERSION = 12

# Cue words whose subject or object is the speaker ("sagte X", "X sagte", "so X", "laut X").
_VERBS_AFTER = frozenset("""sagte sagt sagten erklärte erklärt betonte betont meinte meint schrieb schreibt
    twitterte twittert teilte teilt berichtete berichtet erzählte erzählt fügte ergänzte ergänzt bekräftigte
    versicherte unterstrich antwortete antwortet kritisierte kritisiert forderte fordert bestätigte bestätigt
    kündigte verkündete bilanzierte begründete beteuerte behauptete mahnte meldete meldet argumentierte
    argumentiert erwiderte warnte warnt kommentierte kommentiert erläuterte entgegnete konterte widersprach
    bemängelte dementierte verlangte appellierte so laut""".split())
_VERBS_BEFORE = _VERBS_AFTER - {"so", "laut"} | frozenset({"gesagt", "geschrieben", "erklärt", "mitgeteilt",
                                                            "mitteilte", "zufolge"})
_IMPERSONAL = frozenset({"heißt", "hieß"})  # "heißt es von der Stadt Salzburg"
_IMPERSONAL_SOURCE = re.compile(r"\s+es\s+(?:von|seitens|aus)\s")
_CUE_WORDS = sorted(_VERBS_AFTER | _VERBS_BEFORE | _IMPERSONAL | {"Laut"}, key=len, reverse=True)
# Case-sensitive, and looked for only where a cue word can begin: most of the time spent here.
_CUE = re.compile(r"(?<![\w-])(?=[" + "".join(sorted({w[0] for w in _CUE_WORDS})) + r"])(?:"
                  + "|".join(_CUE_WORDS) + r")(?![\w-])")
_TOKEN = re.compile(r"[A-Za-zÄÖÜäöüßÀ-ÿ][\wÄÖÜäöüß'’-]*\.?")
_CLAUSE_END = re.compile(r"[,;:.!?\n„“”»«\"()–—]")
# Words a clause opens with before its subject: "wie das Ministerium mitteilte".
_OPENERS = frozenset({"wie", "als", "und", "Und", "Wie", "Als"})
_DETERMINERS = frozenset("der die das des dem den ein eine einer eines einem einen".split())
# Words between a verb and its subject: "sagte mir", "sagte gestern", "hat mir gesagt".
_FILLERS = frozenset("""mir uns ihm ihr ihnen dazu auch nun jetzt noch dann gestern heute am bereits
    hat hatte habe haben hätte""".split())
# Nouns that make the name after them an organisation; those that belong to the name ("Stadt
# Klagenfurt") and those that only say what it is ("die Agentur Interfax").
_OWN_ORG_NOUNS = frozenset("""Stadt Gemeinde Marktgemeinde Stadtgemeinde Landeshauptstadt Bezirkshauptmannschaft
    Initiative Bürgerinitiative Bank""".split())
# Heads of one-word organisation names ("Innenministerium", "Bundesamt"); not the recogniser's
# longer list, whose "rat" or "union" end ordinary words too ("Sozialdemokrat").
# Not "agentur" nor "polizei": "die staatliche Nachrichtenagentur", "die Kriminalpolizei" name a kind.
_ORG_HEADS = ("ministerium", "amt", "gericht", "behörde", "kommission", "gewerkschaft", "verband", "regierung",
              "kammer", "institut")
_CATEGORY_ORG_NOUNS = ("agentur", "zeitung", "sender", "fernsehen", "magazin", "portal", "blatt", "konzern",
                       "unternehmen", "firma", "hersteller", "verband", "gewerkschaft", "partei")
# Kind nouns for the media an agency's or paper's name follows ("die Nachrichtenagentur TASR").
_MEDIA_KINDS = ("agentur", "zeitung", "sender", "fernsehen", "portal", "blatt", "magazin")
_NOT_NAMES = frozenset("""Er Sie Es Wir Ich Man Das Der Die Dies Diese Dieser Auch Doch Dann Nun So Und Aber
    Laut Zudem Außerdem Heute Gestern Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag Januar
    Jänner Februar März April Mai Juni Juli August September Oktober November Dezember Herr Frau""".split())
# A word this common in German is a word, not a name the recogniser overlooked ("Frost" aside, as
# a surname the lexicon lists).
_COMMON_ZIPF = 4.0
# After a word that is a name, a surname may be a commoner word ("Amilcar Pop", "Badredin Haiti").
_COMMON_AFTER_NAME = 5.0


def quotes_version() -> int:
    """The version of the rules an article's stored quotes were found by: both only grow."""
    from .entities.quotes import VERSION as QUOTES_VERSION

    return QUOTES_VERSION + VERSION


def add_speaker_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with the speakers cues name and the recogniser missed, in text order; the
    list given itself when there are none."""
    if not text.strip():
        return mentions
    names = _Names(text, mentions)
    names.split_medium_and_name()
    for cue in _CUE.finditer(text):
        word = cue.group(0)
        low = word.lower()
        if low == "so":
            if text[max(0, cue.start() - 2):cue.start()] == ", ":  # "…, so Rutte."
                names.after(cue.end())
        elif low == "laut":
            if not names.organisation_at(_TOKEN.match(text, cue.end() + 1)):
                names.after(cue.end())
        elif low in _VERBS_AFTER:
            names.after(cue.end())
        elif word in _IMPERSONAL:
            source = _IMPERSONAL_SOURCE.match(text, cue.end())
            if source is not None:
                names.after(source.end())
        if word == "zufolge":
            names.right_before(cue.start())
        elif word in _VERBS_BEFORE:
            names.before(cue.start())
    if ":" in text:
        # Imported here: index.entities loads the recogniser, which reading a library never needs.
        from .entities.quote_interviews import interview_answers

        for label in _LABEL.finditer(text):
            names.label(label.start(1), label.end(1))
        answers, _ = interview_answers(text)
        for label_start, label_end in sorted({(s, e) for _, _, s, e in answers if e > s}):
            names.interviewee(label_start, label_end)
        for lead in _NAME_LEAD.finditer(text):
            # "Fink: Wenn wir unsere Leistung bringen, …": a surname opening a sentence in the first person
            word = lead.group(1)
            before = text[max(0, lead.start() - 80):lead.start()].rstrip(" .!?").rsplit(".", 1)[-1]
            if _name_word(word) and not _role_or_org_noun(word) and word not in _NOT_NAMES \
                    and names.unmarked(lead.start(1), lead.end(1)) \
                    and (lead.start() == 0 or len(before.split()) >= 3):  # not a list of places ("Rijeka. Trsat: …")
                names.interviewee(lead.start(1), lead.end(1))
    if "-" in text:
        names.particle_surnames()
    return names.result()


# A capitalised word and a colon opening a sentence whose words speak in the first person.
_NAME_LEAD = re.compile(r"(?:^|(?<=[.!?] ))([A-ZÄÖÜ][a-zäöüß]+):\s+(?=[^.!?\n]*\b(?:ich|wir|mir|mich|uns)\b)")


# A surname opened by a lower-case particle ("Adel al-Dschubair", "Abu Bakr al-Baghdadi"): written
# alone later ("sagte al-Dschubair"), the recogniser does not see a name in it.
_PARTICLE_SURNAME = re.compile(r"(?<![\w-])(?:al|el|as|asch|ad|ar|an|at|az|ed|es|ul|bin|ibn|ben|ould)-[A-ZÄÖÜ][\wäöüß'’-]+")


# A line opened by a name, a role and a colon before a quotation mark: "Erich Schlotthauer,
# Sachbereichsleiter Katastrophenschutz: „…“" (a round of statements, an interview's answers).
_LABEL = re.compile(r"(?m)^[ \t]*([A-ZÄÖÜ][\wäöüß'’-]+(?: [A-ZÄÖÜ][\wäöüß'’-]+){1,2}),[^:\n„“”»«\"]{2,90}:\s*[„»\"“]")


class _Names:
    def __init__(self, text: str, mentions: list[Mention]):
        self.text = text
        self.given = mentions
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.added: list[Mention] = []
        self.replaced: set[int] = set()  # ids of mentions a wider one replaces ("Klagenfurt" in "Stadt Klagenfurt")
        self.full_names_sought: set[str] = set()

    def result(self) -> list[Mention]:
        if not self.added and not self.replaced:
            return self.given  # the very list: callers see that nothing changed
        self._everywhere()
        kept = [m for m in self.mentions if id(m) not in self.replaced]
        return sorted(kept + self.added, key=lambda m: (m.start, m.end))

    def _everywhere(self) -> None:
        """A name found in a cue is that entity wherever the text writes it ("Japan Display" before
        "Japan Display zufolge"), so that "der Konzern" and pronouns find it there too."""
        for found in [m for m in self.added if m.kind == "org" or " " in m.text]:
            for match in re.finditer(r"(?<![\w-])" + re.escape(found.text) + r"(?![\w-])", self.text):
                start, end = match.span()
                overlapping = [m for m in self.mentions if m.start < end and start < m.end and id(m) not in self.replaced]
                if any(m.start < end and start < m.end for m in self.added) \
                        or any(m.kind != "place" or m.start < start or m.end > end for m in overlapping):
                    continue
                self.replaced.update(id(m) for m in overlapping)
                self.added.append(found.model_copy(update={"start": start, "end": end}))

    def split_medium_and_name(self) -> None:
        """The recogniser's one organisation in "zitierte die Nachrichtenagentur TASR Fico" is the
        agency and the person it quotes."""
        for m in self.mentions:
            if m.kind != "org" or m.text.count(" ") != 1:
                continue
            medium, name = m.text.split(" ")
            kind = _TOKEN.findall(self.text, max(0, m.start - 40), m.start)[-1:]
            if not (2 <= len(medium) <= 6 and medium.isupper() and kind and kind[0].lower().endswith(_MEDIA_KINDS)
                    and not name.isupper() and _name_word(name, strict=False)):
                continue
            self.replaced.add(id(m))
            self._add("org", m.start, m.start + len(medium))
            named = next((o.entity for o in self.mentions if o.kind == "person" and o.text.endswith(" " + name)), None)
            self._add("person", m.end - len(name), m.end, entity=named)  # "Robert Fico", named before

    def _covering(self, start: int, end: int) -> Mention | None:
        k = bisect_left(self.starts, start)
        for m in self.mentions[max(0, k - 1):k + 2]:
            if m.start < end and start < m.end and id(m) not in self.replaced:
                return m
        for m in self.added:
            if m.start < end and start < m.end:
                return m
        return None

    def after(self, at: int) -> None:
        """The speaker slot after a verb: "sagte der nationale Polizeichef Badredin Haiti"."""
        end = _clause_end(self.text, at, 90)
        tokens = list(_TOKEN.finditer(self.text, at, end))
        head: re.Match | None = None
        for k, token in enumerate(tokens[:7]):
            word = token.group(0)
            found = self._covering(token.start(), token.end())
            if found is not None:
                if found.kind == "place" and head is not None and _own_org_noun(head.group(0)):
                    self._org(head, [token], replacing=found)
                elif found.kind in ("place", "person") and head is None:
                    self._person_taken_for_place(found)
                return  # the recogniser marked the speaker (or the slot holds a place)
            if word.lower() in _DETERMINERS and head is not None:
                # "ein Sprecher der Landespolizeidirektion Tirol": whom he speaks for, not his name
                if head.group(0).lower().endswith(("sprecher", "sprecherin")) and word in ("der", "des"):
                    self._spoken_for(tokens[k + 1:], end)
                return
            if word.lower() in _DETERMINERS or (word in _FILLERS and head is None):
                continue
            if _PARTICLE_SURNAME.fullmatch(word.rstrip(".")):  # "sagte al-Dschubair am Sonntag"
                named = next((m for m in self.mentions if m.kind == "person" and m.text.endswith(" " + word.rstrip("."))), None)
                self._add("person", token.start(), token.end(), entity=named.entity if named else None)
                return
            if word[:1].islower():
                if head is None and k + 1 < len(tokens) and _adjective(word):
                    continue  # "der nationale Polizeichef"
                return
            if head is None and word.lower() in _ORG_HEADS and k and tokens[k - 1].group(0) in ("das", "die", "der"):
                self._compound_named_before(word, token.start())  # "erklärte das Ministerium"
                return
            if head is None and _compound_org(word) and (k + 1 == len(tokens) or tokens[k + 1].group(0)[:1].islower()):
                self._add("org", token.start(), token.end(), entity=self._org_named(word, token.start()))
                return
            if _role_or_org_noun(word) and head is None:
                head = token
                continue
            self._name(tokens[k:], head)
            return

    def _spoken_for(self, tokens: list[re.Match], clause_end: int) -> None:
        """The organisation after "ein Sprecher der", when no one is named after it ("…, Rainer
        Kerstiens,"): "Landespolizeidirektion Tirol", "Arbeitsgemeinschaft der Landesmedienanstalten"."""
        if not tokens or self._covering(tokens[0].start(), tokens[0].end()):
            return
        if self.text.startswith(", ", clause_end) and self._covering(clause_end + 2, clause_end + 3) is not None:
            return  # "der Sprecher der Bundespolizeidirektion München, Rainer Kerstiens,": he speaks
        if not _org_word(tokens[0].group(0)):
            genitive = tokens[0].group(0)
            base = next((genitive[:-len(e)] for e in ("es", "s") if genitive.endswith(e) and _org_word(genitive[:-len(e)])), None)
            if base is not None and not (len(tokens) > 1 and tokens[1].group(0)[:1].isupper()):
                # "ein Sprecher des Innenministeriums": the Innenministerium
                self._add("org", tokens[0].start(), tokens[0].end(), entity=_entity("org", base))
            return
        last = tokens[0]
        rest = tokens[1:3]
        if rest and rest[0].group(0)[:1].isupper() and rest[0].start() == last.end() + 1:
            last = rest[0]  # "Landespolizeidirektion Tirol"
        elif len(rest) == 2 and rest[0].group(0) in ("der", "des") and rest[1].group(0)[:1].isupper():
            last = rest[1]  # "Arbeitsgemeinschaft der Landesmedienanstalten"
        name_end = last.end() - (1 if last.group(0).endswith(".") else 0)
        for m in self.mentions:
            if tokens[0].start() <= m.start and m.end <= name_end and m.kind == "place":
                self.replaced.add(id(m))
            elif m.start < name_end and tokens[0].start() < m.end:
                return
        self._add("org", tokens[0].start(), name_end)

    def before(self, at: int) -> None:
        """The subject before a verb: "Vreni hat mir gesagt", "Die Stadt Klagenfurt teilte … mit"."""
        start = _clause_start(self.text, at)
        tokens = list(_TOKEN.finditer(self.text, start, at))
        if not tokens or len(tokens) > 6:
            return
        k = 0
        while k < len(tokens) - 1 and (tokens[k].group(0) in _OPENERS or tokens[k].group(0).lower() in _DETERMINERS
                                       or (k > 0 and tokens[k].group(0)[:1].islower() and _adjective(tokens[k].group(0)))):
            k += 1  # "wie das griechische Außenministerium am Freitag mitteilte"
        head = None
        if k < len(tokens) and _role_or_org_noun(tokens[k].group(0)):
            head = tokens[k]
            k += 1
        run = tokens[k:]
        names = list(takewhile(lambda t: t.group(0)[:1].isupper(), run))
        if not names:
            return
        # The name and the verb's companions ("hat mir", "in einer Aussendung"), nothing else.
        rest = run[len(names):]
        if rest and rest[0].group(0) not in _FILLERS and rest[0].group(0) not in ("in", "am", "auf", "gegenüber", "zuletzt"):
            return
        first = self._covering(names[0].start(), names[-1].end())
        if first is not None:
            if first.kind == "place" and head is not None and _own_org_noun(head.group(0)) \
                    and first.start == names[0].start() and first.end == names[-1].end():
                self._org(head, names, replacing=first)
            elif first.kind in ("place", "person") and head is None:
                self._person_taken_for_place(first)
            return
        if head is None and len(names) == 1 and names[0].group(0).lower() in _ORG_HEADS and k \
                and tokens[k - 1].group(0).lower() in ("das", "die", "der"):
            self._compound_named_before(names[0].group(0), names[0].start())  # "Das Ministerium erklärte"
            return
        if head is None and len(names) == 1 and _compound_org(names[0].group(0)):
            self._add("org", names[0].start(), names[0].end(), entity=self._org_named(names[0].group(0), names[0].start()))
            return
        self._name(names, head)

    def particle_surnames(self) -> None:
        """"al-Dschubair" alone is the person the text named "Adel al-Dschubair" before."""
        people: dict[str, Mention] = {}
        for m in self.mentions:
            last = m.text.rsplit(" ", 1)[-1]
            if m.kind == "person" and " " in m.text and _PARTICLE_SURNAME.fullmatch(last):
                people.setdefault(last, m)
        for surname, person in people.items():
            for match in re.finditer(r"(?<![\w-])" + re.escape(surname) + r"(?![\w-])", self.text):
                if self._covering(match.start(), match.end()) is None:
                    self.added.append(person.model_copy(update={"start": match.start(), "end": match.end(),
                                                                "text": surname, "role": None}))

    def label(self, start: int, end: int) -> None:
        """A first name and a surname that label a quote, when the recogniser left them unmarked."""
        tokens = list(_TOKEN.finditer(self.text, start, end))
        if self._covering(start, end) is None and _first_name(tokens[0].group(0)):
            self._name(tokens, None)

    def interviewee(self, start: int, end: int) -> None:
        """The name that labels an interview's answers ("Hofer: …", "Jagland: …"), when the
        recogniser left it unmarked: the person the text named in full, else a person of that name."""
        from .entities.quote_interviews import ANSWER_LABELS

        words = [t.group(0) for t in _TOKEN.finditer(self.text, start, end)]
        if not words or not self._unmarked_or_unknown_place(start, end) or words[-1] in ANSWER_LABELS \
                or not all(_name_word(w, strict=False) for w in words):
            return
        owner = next((m.entity for m in self.mentions if m.kind == "person" and not m.partial and m.entity
                      and len(m.text.split()) >= 2 and m.text.split()[-1] == words[-1]), None) if len(words) == 1 else None
        for match in re.finditer(r"(?<![\w-])" + re.escape(self.text[start:end]) + r"(?=:\s)", self.text):
            if self._unmarked_or_unknown_place(match.start(), match.end()):
                place = self._covering(match.start(), match.end())
                if place is not None:  # "Jagland" taken for a place
                    self.replaced.add(id(place))
                self._add("person", match.start(), match.end(), entity=owner or _entity("person", self.text[start:end]))

    def unmarked(self, start: int, end: int) -> bool:
        return self._covering(start, end) is None

    def _unmarked_or_unknown_place(self, start: int, end: int) -> bool:
        covering = self._covering(start, end)
        return covering is None or (covering.kind == "place" and covering.start == start and covering.end == end
                                    and id(covering) not in self.replaced and not _known_place(covering.text))

    def organisation_at(self, first: re.Match | None) -> bool:
        """"laut Wiener Linien", "Japan Display zufolge": two or three capitalised words that end in
        a German noun, opening with a place ("Japan") or a word made of one ("Wiener"), not marked
        as a person or organisation: an organisation (the place in it is part of its name)."""
        if first is None:
            return False
        run = [first]
        while len(run) < 3:
            following = _TOKEN.match(self.text, run[-1].end() + 1)
            if following is None or self.text[run[-1].end()] != " " or not following.group(0)[:1].isupper():
                break
            run.append(following)
        return self._organisation(run)

    def _organisation(self, run: list[re.Match]) -> bool:
        if len(run) < 2 or any(t.group(0).endswith(".") for t in run[:-1]) or not _organisation_name(" ".join(t.group(0) for t in run)):
            return False
        inside = [self._covering(t.start(), t.end()) for t in run]
        if any(m is not None and m.kind != "place" for m in inside):
            return False
        opener = run[0].group(0)
        if inside[0] is None and not (opener.endswith("er") and _name_word(opener[:-2] or "x", strict=False)):
            return False
        for m in inside:
            if m is not None:
                self.replaced.add(id(m))
        self._add("org", run[0].start(), run[-1].end())
        return True

    def right_before(self, at: int) -> None:
        """"Japan Display zufolge": the name right before the word."""
        run: list[re.Match] = []
        for token in reversed(list(_TOKEN.finditer(self.text, max(0, at - 60), at))[-3:]):
            if not token.group(0)[:1].isupper() or self.text[token.end():(run[0].start() if run else at)] != " ":
                break
            run.insert(0, token)
        for n in (len(run), len(run) - 1):  # "Japan Display", not "Gewinn drücken Japan Display"
            if n >= 2 and self._organisation(run[-n:]):
                return
        k = bisect_left(self.starts, at)
        for m in self.mentions[max(0, k - 2):k]:
            if not self.text[m.end:at].strip() and id(m) not in self.replaced:
                if m.kind == "place":
                    self._person_taken_for_place(m)
                return
        self.before(at)

    def _name(self, tokens: list[re.Match], head: re.Match | None) -> None:
        run: list[re.Match] = []
        for token in tokens[:3]:
            if not token.group(0)[:1].isupper() or self._covering(token.start(), token.end()) is not None:
                break
            run.append(token)
        # The first word must be a name ("Badredin", "Vreni", a first name); words after it may
        # also be German words ("Haiti", "Frost"), but no common ones.
        while len(run) > 1 and not _name_word(run[-1].group(0), strict=False):
            run.pop()
        if not run or not (_name_word(run[0].group(0)) or (len(run) > 1 and _first_name(run[0].group(0)))):
            return
        if head is not None and not _role_of(head.group(0)):
            self._org(head, run)
            return
        words = [t.group(0).rstrip(".") for t in run]
        if head is not None or (len(words) >= 2 and _first_name(words[0])):
            self._add("person", run[0].start(), run[-1].end())
            return
        if len(words) == 1:
            owner = self._full_name_of(words[0], run[0].start()) or self._cut_short(words[0], run[0].start())
            if owner is not None:
                self._add("person", run[0].start(), run[0].end(), entity=owner)

    def _compound_named_before(self, noun: str, at: int) -> None:
        """"das Ministerium" for the "Wirtschaftsministerium" written before and not marked: that
        word becomes the organisation the quote rules look for by the noun."""
        found = None
        pattern = re.compile(r"(?<![\w-])[A-ZÄÖÜ][a-zäöüß]{2,}" + noun.lower() + r"(?![\w-])")
        for match in pattern.finditer(self.text, max(0, at - 3000), at):
            found = match
        if found is not None and self._covering(found.start(), found.end()) is None:
            self._add("org", found.start(), found.end(), entity=self._org_named(found.group(0), found.start()))

    def _cut_short(self, surname: str, before: int) -> str | None:
        """A surname alone ("sagt Blanco-Gil") of a person whose full name the recogniser cut short
        before it ("Juan Antonio" of "Juan Antonio Blanco-Gil"): the person by the full name."""
        for m in self.mentions[:bisect_left(self.starts, before)]:
            if m.kind == "person" and not m.partial and id(m) not in self.replaced \
                    and self.text.startswith(" " + surname, m.end) and not _TOKEN.match(self.text, m.end + 1 + len(surname)):
                full = Mention(entity=_entity("person", f"{m.text} {surname}"), kind="person", start=m.start,
                               end=m.end + 1 + len(surname), text=f"{m.text} {surname}")
                for other in self.mentions:  # the short form elsewhere is that person too
                    if other.entity == m.entity and other is not m and id(other) not in self.replaced:
                        self.replaced.add(id(other))
                        self.added.append(other.model_copy(update={"entity": full.entity}))
                self.replaced.add(id(m))
                self.added.append(full)
                return full.entity
        return None

    def _org_named(self, word: str, before: int) -> str | None:
        """"das Landgericht" for the "Landgericht Berlin" named before: that organisation."""
        for m in reversed(self.mentions[:bisect_left(self.starts, before)]):
            if m.kind == "org" and m.text != word and m.text.split()[0] == word:
                return m.entity
        return None

    def _full_name_of(self, first: str, before: int) -> str | None:
        """A first name alone ("Vreni") for a person the text named in full before ("Vreni Frost")."""
        for m in self.mentions[:bisect_left(self.starts, before)]:
            words = m.text.split()
            if len(words) == 2 and words[0] == first and m.kind in ("person", "place") and not m.partial:
                if m.kind == "place":  # a blogger's name taken for a place: a person after all
                    if _known_place(m.text):
                        return None
                    self.replaced.add(id(m))
                    self._add("person", m.start, m.end)
                return _entity("person", m.text)
        return None

    def _person_taken_for_place(self, place: Mention) -> None:
        """A speaker the recogniser took for a place no gazetteer knows ("schreibt Vreni"): a
        person when the text calls it so somewhere ("der Bloggerin Vreni Frost"), every mention
        of it then naming that person by the full name written there; an organisation when its
        name ends in a German word ("laut Wiener Linien"). A person the recogniser knows by a first
        name alone ("schreibt Vreni") is named so too, when the text gives the surname there."""
        person = place.kind == "person"
        if place.entity in self.full_names_sought or place.partial or (person and " " in place.text) \
                or (not person and _known_place(place.text)):
            return
        self.full_names_sought.add(place.entity)
        same = [m for m in self.mentions if m.entity == place.entity and m.kind == place.kind]
        full_name = None
        for m in same:
            before = _TOKEN.findall(self.text, max(0, m.start - 40), m.start)
            if before and _role_of(before[-1]) and " " not in m.text:
                surname = _TOKEN.match(self.text, m.end + 1)
                full_name = m.text
                if self.text[m.end:m.end + 1] == " " and surname is not None and _name_word(surname.group(0), strict=False) \
                        and self._covering(surname.start(), surname.end()) is None:
                    full_name = self.text[m.start:surname.end()].rstrip(".")
                    self.replaced.add(id(m))
                    self._add("person", m.start, surname.end())
                break
        kind = "person"
        if person and (full_name is None or " " not in full_name):
            return
        if full_name is None:
            if not _organisation_name(place.text):
                return
            kind, full_name = "org", place.text  # "laut Wiener Linien", "Japan Display zufolge"
        entity = _entity(kind, full_name)
        for m in same:
            if id(m) not in self.replaced:
                self.replaced.add(id(m))
                self.added.append(m.model_copy(update={"kind": kind, "entity": entity}))

    def _org(self, head: re.Match, run: list[re.Match], replacing: Mention | None = None) -> None:
        if _own_org_noun(head.group(0)):
            start = head.start()
        elif replacing is None:
            start = run[0].start()
        else:
            return
        if replacing is not None:
            self.replaced.add(id(replacing))
        self._add("org", start, run[-1].end())

    def _add(self, kind: str, start: int, end: int, entity: str | None = None) -> None:
        while end > start and self.text[end - 1] in ".-":
            end -= 1
        name = self.text[start:end]
        self.added.append(Mention(entity=entity or _entity(kind, name), kind=kind,  # type: ignore[arg-type]
                                  start=start, end=end, text=name))


def _clause_end(text: str, at: int, most: int) -> int:
    found = _CLAUSE_END.search(text, at, at + most)
    return found.start() if found else min(len(text), at + most)


def _clause_start(text: str, at: int) -> int:
    k = at
    floor = max(0, at - 120)
    while k > floor:
        c = text[k - 1]
        if c in ",;:!?\n„“”»«\"()–—" or (c == "." and k >= 2 and text[k - 2].islower()):
            return k
        k -= 1
    return floor if floor == 0 else at


def _adjective(word: str) -> bool:
    return len(word) > 3 and word.endswith(("e", "en", "er", "es", "em"))


# People named by what they do, beside the roles the recogniser knows: "der Bloggerin Vreni Frost".
_PERSON_NOUNS = ("blogger", "bloggerin", "influencer", "influencerin", "youtuber", "youtuberin", "aktivist",
                 "aktivistin", "schriftsteller", "schriftstellerin", "künstler", "künstlerin", "musiker", "musikerin")


def _role_of(word: str) -> bool:
    from .entities.cues import role_of

    return role_of(word) is not None or word.lower().endswith(_PERSON_NOUNS)


def _organisation_name(name: str) -> bool:
    """A name of several words that ends in a German word ("Wiener Linien", "Japan Display"):
    not a place, whatever the recogniser took it for."""
    from .entities.plain_words import german_zipf

    words = name.split()
    return len(words) >= 2 and words[-1][:1].isupper() and german_zipf(words[-1]) >= 3.0


def _compound_org(word: str) -> bool:
    """"Wirtschaftsministerium", "Landgericht": an organisation by its kind and a word before it
    (the bare "Ministerium" refers to one named before, which the quote rules find)."""
    low = word.lower()
    return word[:1].isupper() and "-" not in word and any(low.endswith(h) and len(low) >= len(h) + 4 for h in _ORG_HEADS)


def _org_word(word: str) -> bool:
    """"Landespolizeidirektion", "Arbeitsgemeinschaft": one word naming a body."""
    low = word.lower()
    return word[:1].isupper() and (_compound_org(word) or low.endswith(("direktion", "gemeinschaft", "anstalt")))


def _own_org_noun(word: str) -> bool:
    """A noun that is part of the organisation's name: "Stadt Klagenfurt", "Anrainerinitiative X"."""
    return word in _OWN_ORG_NOUNS or word.endswith("initiative")


def _role_or_org_noun(word: str) -> bool:
    return _role_of(word) or _own_org_noun(word) or word.lower().endswith(_CATEGORY_ORG_NOUNS)


def _name_word(word: str, strict: bool = True) -> bool:
    """A capitalised word that is a name rather than a German word; not ``strict``: a word the
    lexicon calls common may be one too ("Haiti" in "Badredin Haiti")."""
    word = word.rstrip(".")
    if len(word) < 2 or word in _NOT_NAMES or not word[:1].isupper() or word.isupper() and len(word) > 5:
        return False
    if _role_or_org_noun(word):
        return False
    lexicon = _lexicon()
    if strict and lexicon is not None and word.lower() in lexicon.common_words and word not in lexicon.surnames:
        return False
    from .entities.plain_words import german_zipf

    return german_zipf(word) < (_COMMON_ZIPF if strict else _COMMON_AFTER_NAME) \
        or (lexicon is not None and word in lexicon.surnames)


def _first_name(word: str) -> bool:
    lexicon = _lexicon()
    return lexicon is not None and word in lexicon.first_names


def _lexicon():
    from .entities import _Shared  # the entity pipeline's word lists, read once per process

    return _Shared.lexicon


_PLACES: dict[int, frozenset[str]] = {}


def _known_place(name: str) -> bool:
    lexicon = _lexicon()
    if lexicon is None:
        return False
    if id(lexicon) not in _PLACES:
        _PLACES[id(lexicon)] = frozenset(n for place in lexicon.places for n in [place["name"], *place["aliases"]])
    return name in _PLACES[id(lexicon)]


def _entity(kind: str, name: str) -> str:
    from .entities.names import entity_id

    return entity_id(kind, name)
