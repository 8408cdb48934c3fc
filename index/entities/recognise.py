"""Recognition: the CRF's spans, merged with gazetteer hits, roles split off, compounds split."""

from __future__ import annotations

import bisect
import re

from . import ambiguity, hygiene, lineups, ordinary_words, org_rules, place_rules, plain_words
from .cues import (AGENCY_WORDS, DATELINE_MARKS, ROLE_OPENERS, SPEECH_VERBS, SUBJECT_VERBS, TITLES,
                   is_category_noun, is_org_suffix, role_of)
from .crf_decode import SentenceTagger
from .crf_model import CrfModel
from .features import OPENERS, FeatureExtractor
from .furniture import furniture_ranges
from .gazetteer import Gazetteer
from .lexicon import CommonNouns, Lexicon, registered_first_names
from .names import NAME_PARTICLES, genitive_forms, strip_genitive
from .spans import Span, covered_tokens
from .tokenize import Token, split_sentences, tokenize

_KIND_OF_TAG = {"PER": "person", "ORG": "org", "LOC": "place"}
_CLAUSE_END = frozenset(".,;:!?)\"“”»«")
# Articles are not part of a name ("die Grünen", "Die Grünen wollen ..."), except in a title
# capitalised in mid-sentence ("in Die Zeit").
_ARTICLES = frozenset("der die das den dem des ein eine einer eines einem einen".split())
# "Am 20. August muss ...": a date that a full stop splits from its month.
_MONTHS = frozenset(
    "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split())
_SENTENCE_MARKS = frozenset(".!?;…")
# What media do, and people rarely: "berichtet Heise", "meldete Anadolu".
_REPORT_VERBS = frozenset("berichtet berichtete berichten berichteten meldet meldete melden meldeten".split())
_JOINERS = frozenset({"und", "oder", ",", "sowie"})
_CONTRACTED_ARTICLES = frozenset("im am zum zur beim vom ins kein keine keinen seinem ihrem".split())
_PREPOSITIONS = frozenset(
    "von vom in im aus nach bei beim mit für auf am an zum zur über unter seit gegen durch "
    "ohne um laut hinter neben zwischen vor".split())


def _crf_spans(tags: list[str], offset: int) -> list[Span]:
    spans: list[Span] = []
    start, kind = 0, None
    for i, tag in enumerate(tags + ["O"]):
        if tag[0] == "I" and kind == tag[2:]:
            continue
        if tag == "B-PER" and kind == "PER" and i - start == 1:
            continue  # "Wilton Daniel Gregory" tagged as two people: a lone word opens a name
        if kind is not None:
            spans.append(Span(offset + start, offset + i, _KIND_OF_TAG[kind], from_model=True))
            kind = None
        if tag[0] in "BI":
            start, kind = i, tag[2:]
    return spans


# A name the text uses once, that no list knows and the CRF doubts, is left out.
ONE_OFF_CONFIDENCE = 0.5


def _tiling(span: Span, strong_by_start: dict) -> list | None:
    """Two or more strong gazetteer names that exactly cover `span`, or None."""
    tiles = []
    pos = span.start
    while pos < span.end:
        match = strong_by_start.get(pos)
        if match is None:
            return None
        tiles.append(match)
        pos += match.end - match.start
    return tiles if len(tiles) > 1 and pos == span.end else None


def _without_orphan_copies(spans: list[Span], words: list[str]) -> list[Span]:
    """`spans` less the copies of a name (Recogniser._propagate) whose every source a later rule
    found to be no name: "Preisanpassungsklauseln" copied eight times from one place that the
    compound rule dropped."""
    sources: set[str] = set()
    for s in spans:
        if not s.copied and s.part is None:
            last = words[s.end - 1]
            sources.add(last)
            sources.update(genitive_forms(last))
    return [s for s in spans if not s.copied or words[s.start] in sources]


def _is_dateline(words: list[str], i: int) -> bool:
    """A city in capitals opening a news item, before a dash or an agency in brackets."""
    word = words[i]
    return len(word) >= 3 and word.isupper() and word.isalpha() and i + 1 < len(words) \
        and words[i + 1] in DATELINE_MARKS


def _breaks_name(word: str) -> bool:
    """A lower-case word that cannot be inside a name: not a particle (von, bin), nor one
    joined to a capitalised part (al-Nuaimi, d'Alembert)."""
    return word[:1].islower() and word not in NAME_PARTICLES and word.islower()


def _tidy(spans: list[Span], words: list[str], sentence_start: int) -> list[Span]:
    """Span edges a reader would object to: leading lower-case words and articles, and
    lower-case words other than name particles inside a person's name ("Rutte traf Macron"
    is two people)."""
    result = []
    for span in spans:
        while span.part is None and span.end - span.start > 1:
            first = words[span.start]
            if first.islower() and not (span.kind == "person" and first in NAME_PARTICLES):
                span.start += 1  # "britische Label EMI", "die Grünen"
            elif first.lower() in _ARTICLES and span.start == sentence_start \
                    and not org_rules.is_titled_medium(span, words):
                span.start += 1
            elif (span.start == sentence_start and first.lower() in _PREPOSITIONS
                  and not (span.kind == "person" and words[span.start + 1] in NAME_PARTICLES)):
                span.start += 1  # "Von Somalia aus ...", but "Von der Leyen sagte ..."
            else:
                break
        if span.start == sentence_start and span.end - span.start == 1 and span.entry is None \
                and _is_dateline(words, span.start):
            span.kind = "place"  # "CHICAGO - Die Börse ...", "KAIRO (dpa) - ..."
        if span.kind != "person" or span.end - span.start < 2:
            result.append(span)
            continue
        start = span.start
        for i in range(span.start, span.end + 1):
            if i < span.end and not _breaks_name(words[i]):
                continue
            if i > start and words[i - 1] not in NAME_PARTICLES:
                piece = Span(start, i, span.kind, span.entry if (start, i) == (span.start, span.end)
                             else None, span.role, from_model=span.from_model)
                if not (piece.end - piece.start == 1 and words[start] in NAME_PARTICLES):
                    result.append(piece)
            start = i + 1
    return result


# Forms of address before a name (the nobility's titles are often part of the name: Lady Gaga).
_ADDRESS_WORDS = frozenset({"Herr", "Herrn", "Frau", "Dr.", "Prof.", "Mr.", "Mrs.", "Ms.",
                            "Miss", "Mister"})
_ADDRESS_STEMS = frozenset(w.rstrip(".") for w in _ADDRESS_WORDS)  # "Mr." is two tokens

# A verb in the past tense after its one subject: "Järvi spielte", "Lebedew kaufte".
_PAST_VERB = re.compile(r"^[a-zäöü]{3,}te$")

# SolarCity, TheIntercept: a firm's or a product's name, not a person's (McCain, DiCaprio).
_CAPITAL_INSIDE = re.compile(r"^(?!(Mc|Mac|Di|De|Da|Le|La|Van|Von|O')[A-ZÄÖÜ])\w*[a-zäöüß][A-ZÄÖÜ]")

# Plural endings of German abstract nouns, which no surname has ("Beate Impressionen").
_PLURAL_NOUN_ENDINGS = ("ungen", "ionen", "heiten", "keiten", "schaften", "täten")

# Endings of German nouns for people and things (Jagdethiker, Exlobbyist, Mitverhandlers).
_NOUN_ENDINGS = ("er", "ers", "ist", "isten", "iker", "loge", "in", "ung", "ent")

# A motorway, federal, state or district road: A391, B214, L1140, K12.
_ROAD = re.compile(r"^[ABLK]\d{1,4}$")
# Second parts that make a place's district or exit, not a compound noun ("Berlin-Mitte").
_DISTRICT_PARTS = frozenset({"Mitte", "Zentrum", "Ost", "West", "Nord", "Süd", "Nordost",
                             "Nordwest", "Südost", "Südwest", "Innenstadt", "Altstadt"})


class Recogniser:
    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer, model: CrfModel):
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self.tagger = SentenceTagger(model, FeatureExtractor(lexicon))
        self.ordinary = ordinary_words.OrdinaryWords(lexicon, gazetteer)

    def recognise_listed(self, text: str) -> tuple[list[Token], list[Span]]:
        """Only the names the gazetteer lists unambiguously: for text in another language, where
        the model and the rules, which read German, take sentence words for names."""
        tokens = tokenize(text)
        words = [t.text for t in tokens]
        spans = [Span(m.start + a, m.end + a, m.entry.kind, m.entry)
                 for a, b in split_sentences(text, tokens) for m in self.gazetteer.match_all(words[a:b]) if m.strong]
        return tokens, spans

    def recognise(self, text: str) -> tuple[list[Token], list[Span]]:
        tokens = tokenize(text)
        words = [t.text for t in tokens]
        sentences = split_sentences(text, tokens)
        matches = [self.gazetteer.match_all(words[a:b]) for a, b in sentences]
        spans: list[Span] = []
        for (a, b), found, tags in zip(sentences, matches, self.tagger.tag(words, sentences, matches)):
            crf = _tidy(_crf_spans(tags, a), words, a)  # before gazetteer hits compete
            crf = hygiene.clean(crf, words, a, self.gazetteer, self.lexicon)
            self._trim_trailing_nouns(crf, words)
            spans.extend(_tidy(self._merge(crf, found, a, words[a:b]), words, a))
        spans = self._after_roles(spans, words)
        spans += self._after_titles(spans, words)
        spans += self._first_name_pairs(spans, words)
        self._first_names_before_firms(spans, words)
        self._unlisted_first_names(spans, words)
        spans = hygiene.without_things_after_articles(spans, words, self.lexicon)
        spans += self._first_name_genitives(spans, words)
        spans += org_rules.acronyms(spans, words, self.lexicon)
        spans += org_rules.institution_names(spans, words, self.lexicon, self.gazetteer)
        spans = org_rules.club_names(spans, words, self.gazetteer, self.lexicon)
        spans = org_rules.clubs_before_towns(spans, words, self.gazetteer)
        spans = org_rules.teams_named_by_town(spans, words, self.gazetteer, self.lexicon)
        spans = org_rules.colleges(spans, words)
        spans = org_rules.named_after_people(spans, words)
        spans = org_rules.broadcasters(spans, words)
        spans += org_rules.after_category_nouns(spans, words, self.lexicon, self.gazetteer)
        spans = org_rules.names_after_category_nouns(spans, words, self.lexicon)
        spans += org_rules.quoted_titles(spans, words, self.gazetteer)
        spans = org_rules.appositions(spans, words, self.lexicon)
        spans += place_rules.compass_regions(spans, words, self.gazetteer)
        spans = place_rules.without_languages(spans, words)
        spans = place_rules.districts(spans, words)
        spans = place_rules.roads(spans, words)
        spans = place_rules.traffic_stretches(spans, words, self.lexicon)
        spans = place_rules.state_titles(spans, words, self.gazetteer)
        spans = org_rules.firms_by_business(spans, words, sentences)
        spans = org_rules.firm_roles(spans, words, self.lexicon)
        spans = org_rules.firms_by_compounds(spans, words, self.lexicon)
        spans = org_rules.town_adjective_names(spans, words, self.lexicon, self.gazetteer)
        sentence_starts = {a for a, _ in sentences}
        spans = org_rules.with_their_place(spans, words, self.lexicon, self.gazetteer,
                                           sentence_starts)
        spans = self.ordinary.without_ordinary_nouns(spans, words, sentences)
        weak_places = [(m.start + a, m.end + a) for (a, _), found in zip(sentences, matches)
                       for m in found if not m.strong and m.entry.kind == "place"]
        spans += place_rules.unfound_towns(spans, words, weak_places, self.lexicon,
                                           sentence_starts)
        spans = place_rules.paired_exits(spans, words)
        spans = place_rules.datelines(spans, words, sentence_starts, self.lexicon.first_names)
        spans = ordinary_words.without_country_codes(spans, words)
        spans = ordinary_words.without_colours(spans, words)
        spans = [s for s in (self._split_role(s, words) for s in spans) if s is not None]
        spans = self._interview_labels(spans, words, sentence_starts)
        spans = self._propagate(spans, words, sentence_starts)
        spans = org_rules.without_people_they_back(spans, words)
        spans += self._surnames_opening_sentences(spans, words, sentence_starts)
        spans = ambiguity.require_evidence(spans, words, self.gazetteer)
        spans = self._without_doubtful_one_offs(spans, words, sentences)
        spans = hygiene.without_everyday_nouns(spans, words)
        spans = hygiene.without_generic_agencies(spans, words)
        spans = hygiene.without_frequent_german_words(spans, words, self.lexicon, self.gazetteer)
        spans = hygiene.without_compound_nouns(spans, words, self.lexicon)
        spans = place_rules.without_compound_nouns(spans, words, self.gazetteer)
        spans = hygiene.without_adjectives_before_nouns(spans, words, self.lexicon)
        spans = plain_words.without_plain_words(spans, words, sentences, self.lexicon,
                                                 self.gazetteer)
        spans = lineups.players(spans, words, self.gazetteer, self.lexicon)
        spans = lineups.scorers(spans, words, self.gazetteer, self.lexicon)
        self._surnames_beside_people(spans, words)
        self._media_that_report(spans, words)
        spans = _without_orphan_copies(spans, words)
        spans = hygiene.person_edges(spans, words, self.lexicon)
        spans = plain_words.laws_as_other(spans, words)
        spans += self._compound_parts(spans, tokens)
        spans = self._drop_furniture(spans, tokens, text)
        if "@" in text:
            spans = hygiene.without_handles(spans, tokens)
        spans.sort(key=lambda s: (s.start, s.part or (0, 0)))
        return tokens, spans

    def _without_doubtful_one_offs(self, spans: list[Span], words: list[str],
                                   sentences: list[tuple[int, int]]) -> list[Span]:
        """Spans of the CRF that name nothing known, occur once in the text, and whose tokens
        the CRF's marginals put outside any name with probability over 1 - ONE_OFF_CONFIDENCE;
        not a known first name and an unknown capitalised word, which _first_name_pairs would
        have found without the CRF ("Agrarökonom Lars Quendel")."""
        uses: dict[tuple[str, ...], int] = {}
        for s in spans:
            key = tuple(words[s.start:s.end])
            uses[key] = uses.get(key, 0) + 1
        doubtful = [s for s in spans if s.from_model and s.entry is None and s.part is None
                    and uses[tuple(words[s.start:s.end])] == 1
                    and not (s.kind == "person" and s.end - s.start == 2
                             and self._opens_name_pair(words, s.start))]
        if not doubtful:
            return spans
        starts = [a for a, _ in sentences]
        outside = self.tagger.outside_probabilities(
            [bisect.bisect_right(starts, s.start) - 1 for s in doubtful])
        dropped = {id(s) for s in doubtful
                   if 1.0 - float(outside[s.start:s.end].max()) < ONE_OFF_CONFIDENCE}
        return [s for s in spans if id(s) not in dropped]

    def _merge(self, crf: list[Span], matches, offset: int, sentence: list[str]) -> list[Span]:
        """Strong gazetteer hits win unless the CRF found a longer name around them (Paris
        Hilton, Washington Post); weak hits only name a span the CRF found exactly."""
        by_range = {(m.start + offset, m.end + offset): m for m in matches}
        by_start = {m.start + offset: m for m in matches if m.strong}
        result: list[Span] = []
        for span in crf:
            if span.end - span.start == 1 and span.kind != "org" and span.start not in by_start \
                    and self._is_common_noun(sentence[span.start - offset]):
                continue  # "bestätigten Dorfbewohner"; companies are often named so
            known = by_start.get(span.start)
            if known is not None and known.entry.kind == "org" and span.kind == "place" \
                    and known.end + offset < span.end \
                    and all(w in _DISTRICT_PARTS for w in sentence[known.end:span.end - offset]):
                span.kind = "org"  # "Aldi Nord", "Aldi Süd": a firm's part, named by a compass point
            hit = by_range.get((span.start, span.end))
            if hit is not None:
                if not hit.strong and self._genitive_of_common_noun(sentence[span.start - offset]):
                    continue  # "des Treffens" is no genitive of the village Treffen
                span.kind, span.entry = hit.entry.kind, hit.entry
            elif (tiles := _tiling(span, by_start)) is not None:
                # "empfing Merz Selenskyj": two known names side by side are two mentions.
                result.extend(Span(m.start + offset, m.end + offset, m.entry.kind, m.entry)
                              for m in tiles)
                continue
            elif span.end - span.start == 1 and not self._could_be_name(sentence[span.start - offset]):
                continue
            elif self._ends_in_compound_noun(sentence[span.end - 1 - offset]):
                continue  # "Berliner NATO-Truppen": troops, not a name; NATO becomes partial
            result.append(span)
        for m in matches:
            if not m.strong:
                continue
            start, end = m.start + offset, m.end + offset
            overlapping = [s for s in result if s.start < end and start < s.end]
            if any(s.entry is m.entry for s in overlapping):
                continue
            if any(s.end - s.start > end - start and s.start <= start and end <= s.end
                   for s in overlapping):
                continue
            result = [s for s in result if s not in overlapping]
            result.append(Span(start, end, m.entry.kind, m.entry))
        return result

    def _trim_trailing_nouns(self, spans: list[Span], words: list[str]) -> None:
        """A person's name does not end in a common noun: "Wulffs Hochzeitsfeier"."""
        for span in spans:
            while span.kind == "person" and span.end - span.start > 1 \
                    and self._is_common_noun(words[span.end - 1]):
                span.end -= 1

    def _is_noun(self, word: str) -> bool:
        return word.lower() in self.lexicon.common_words or CommonNouns.contains(word)

    def _is_common_noun(self, word: str) -> bool:
        lex = self.lexicon
        return word not in lex.surnames and word not in lex.first_names \
            and CommonNouns.contains(word)

    def _genitive_of_common_noun(self, word: str) -> bool:
        low = word.lower()
        if low in self.lexicon.common_words:
            return False
        stem = strip_genitive(low)
        return stem is not None and stem in self.lexicon.common_words

    def _ends_in_compound_noun(self, word: str) -> bool:
        """Nato-Truppen, EU-Gipfel: a known name joined to a common noun (not a district or
        an exit: Berlin-Mitte, Kassel-Ost)."""
        if "-" not in word[1:-1]:
            return False
        *heads, last = word.split("-")
        if last.lower() not in self.lexicon.common_words or last in _DISTRICT_PARTS:
            return False
        return any(h and (hit := self.gazetteer.match([h], 0, 1)) is not None and hit.strong
                   for h in heads)

    def _could_be_name(self, word: str) -> bool:
        """False for one-word spans the CRF should not have found: lower-case adjectives
        (deutschen), derived words (Berliner, Pariser), common nouns (Treffens) and codes."""
        if not word[:1].isupper() or (sum(c.isdigit() for c in word) >= 3
                                      and not _ROAD.match(word)):
            return False  # lower case, or a code (DE0007664039, B2B-2024), not a road (B214)
        lex = self.lexicon
        low = word.lower()
        for ending in ("er", "ern", "ers", "erin", "erinnen"):
            if low.endswith(ending) and len(low) > len(ending) + 2:
                # Berliner, and with the -en or -ien of the place dropped: Münchner, Bremer
                for stem in (word[: -len(ending)], word[: -len(ending)].removesuffix("n") + "en",
                             word[: -len(ending)] + "ien"):  # Syrer, of Syrien
                    base = self.gazetteer.match([stem], 0, 1)
                    if base is not None and base.entry.kind == "place":
                        return False
        if word in lex.surnames or word in lex.first_names:
            return True
        bare = strip_genitive(low)
        return low not in lex.common_words and (bare is None or bare not in lex.common_words)

    def _after_roles(self, spans: list[Span], words: list[str]) -> list[Span]:
        """A name right after a role word (Außenamtssprecherin Sacharowa) is a person, even
        where the CRF hesitated or called it an organisation."""
        lex = self.lexicon
        starts = {s.start: s for s in spans}
        covered: set[int] = set()
        for s in spans:
            covered.update(range(s.start, s.end))
        added = []
        for i, word in enumerate(words[:-1]):
            if i in covered:
                continue
            speech = word in SPEECH_VERBS
            if not speech and not role_of(word):
                continue
            j = i + 1
            span = starts.get(j)
            # ", sagte Schönberg," names a person, not the village of that name.
            before_clause_end = speech and span is not None and span.end - span.start == 1 \
                and (span.end == len(words) or words[span.end] in _CLAUSE_END)
            if span is not None:
                listed = words[j] in lex.first_names or words[j] in lex.surnames
                if span.kind != "person" and (
                        (span.entry is None and (listed or not speech))
                        or (before_clause_end and span.kind == "place" and listed)):
                    span.kind, span.entry = "person", None
                continue
            end = j
            while (end < len(words) and end - j < 3 and words[end][:1].isupper()
                   and end not in covered and words[end].lower() not in lex.common_words
                   and (words[end] in lex.first_names or words[end] in lex.surnames
                        or speech and not role_of(words[end]))):
                end += 1
            if end == j and not speech and self._surname_after_role(words, j):
                end = j + 1  # "Außenminister Kurz sagte": a surname that is also a word
            if end == j and not speech and self._unlisted_pair_after_role(words, j, covered):
                end = j + 2  # "Konzernsprecher Tuomas Virtanen am Freitag"
            # After a speech verb only a whole name before punctuation: "sagte Huber."
            if end > j and (not speech or end == len(words) or words[end] in _CLAUSE_END):
                added.append(Span(j, end, "person"))
        return spans + added

    def _after_titles(self, spans: list[Span], words: list[str]) -> list[Span]:
        """A name after a form of address nobody found is a person: "von Mr. Quendel", "Frau
        Wendeborn sagte" (the title stays outside, as GermEval has it); up to two capitalised
        words that are no common word, noun, role, acronym or plain German word."""
        if not _ADDRESS_STEMS.intersection(words):
            return []
        covered = covered_tokens(spans)
        added = []
        for i, word in enumerate(words[:-1]):
            if word not in _ADDRESS_STEMS:
                continue
            if word in _ADDRESS_WORDS:
                j = i + 1
            elif word + "." in _ADDRESS_WORDS and words[i + 1] == ".":
                j = i + 2
            else:
                continue
            end = j
            while end < len(words) and end - j < 2 and end not in covered \
                    and words[end][:1].isupper() and not words[end].isupper() \
                    and words[end].replace("-", "").isalpha() and len(words[end]) > 1 \
                    and not self._is_noun(words[end]) and not role_of(words[end]) \
                    and not is_category_noun(words[end]) and not self._plain_german(words[end]):
                end += 1
            if end > j:
                added.append(Span(j, end, "person"))
        return added

    def _plain_german(self, word: str) -> bool:
        """A word German uses (wordfreq) that is no listed name: "der Frau Schmerzensgeld"."""
        lex = self.lexicon
        return word not in lex.surnames and word not in lex.first_names \
            and plain_words.german_zipf(word) >= 3.0

    def _unlisted_pair_after_role(self, words: list[str], j: int, covered: set[int]) -> bool:
        """Two capitalised words after a role, then a lower-case word or punctuation, name the
        person when neither is a word of German (common, a role or a category) and the second
        is a listed surname or both are unknown to German ("Sprecherin Ngaio Tuhiwai")."""
        if j + 1 >= len(words) or j in covered or j + 1 in covered \
                or (j + 2 < len(words) and words[j + 2][:1].isupper()):
            return False
        lex = self.lexicon
        pair = words[j:j + 2]
        if not all(w[:1].isupper() and not w.isupper() and len(w) > 1
                   and w.replace("-", "").isalpha() and w.lower() not in lex.common_words
                   and not role_of(w) and not is_category_noun(w) for w in pair):
            return False
        return pair[1] in lex.surnames or all(plain_words.unknown_to_german(w, lex) for w in pair)

    def _surnames_opening_sentences(self, spans: list[Span], words: list[str], starts: set[int]
                                    ) -> list[Span]:
        """A word that opens a sentence before a finite verb, no common word, is a person the
        CRF doubted for its capital ("Sibler verwies auf ...") when it is a listed surname or
        first name, or a word German does not use ("Schmudde habe"); one with a capital inside
        ("SolarCity wurde") names a firm."""
        covered = {i for s in spans for i in range(s.start, s.end)}
        lex = self.lexicon
        found = []
        openings = sorted(starts | {i + 1 for i, w in enumerate(words) if w in OPENERS})
        for i in openings:
            if i + 1 >= len(words) or i in covered:
                continue
            word = words[i]
            subject_verb = words[i + 1] in SUBJECT_VERBS
            if not (subject_verb or _PAST_VERB.match(words[i + 1])) or word in _MONTHS:
                continue
            if len(word) > 2 and word[:1].isupper() and not word.isupper() \
                    and word.replace("-", "").isalpha() \
                    and word.lower() not in lex.common_words and word.lower() not in hygiene.FUNCTION_WORDS:
                if subject_verb and (word in lex.surnames or word in lex.first_names):
                    found.append(Span(i, i + 1, "person"))
                elif plain_words.unknown_to_german(word, lex):
                    found.append(Span(i, i + 1, "org" if _CAPITAL_INSIDE.search(word) else "person"))
        return found

    def _surname_after_role(self, words: list[str], j: int) -> bool:
        """A listed surname that is also an everyday word (Kurz, Klein) names the person when
        a role word comes before it and a lower-case word or punctuation after it; no noun
        of that spelling would stand there ("Minister Kurz sagte", not "Minister Land Berlin")."""
        word = words[j]
        return word[:1].isupper() and word in self.lexicon.surnames and word.isalpha() and len(word) > 2 \
            and not CommonNouns.contains(word) \
            and (j + 1 == len(words) or not words[j + 1][:1].isupper())

    def _first_name_genitives(self, spans: list[Span], words: list[str]) -> list[Span]:
        """A known first name or surname with a genitive -s before a noun names a person
        ("Melanies Eltern", "Kowalczyks Rücktritt"), unless the word is a name or a word of its
        own (Thomas, Peters) or the surname a known name (Berlins) or an article precedes it."""
        lex = self.lexicon
        genitives = {w for w in set(words) if w.endswith("s") and len(w) >= 4 and w[:-1] in lex.first_names
                     and w not in lex.first_names and w not in lex.surnames
                     and w.lower() not in lex.common_words}
        of_surnames = {w for w in set(words) if w.endswith("s") and len(w) >= 5
                       and w[:-1] in lex.surnames and w[:1].isupper() and w[:-1].isalpha()
                       and w not in lex.first_names and w not in lex.surnames
                       and w.lower() not in lex.common_words and w[:-1].lower() not in lex.common_words
                       and self.gazetteer.match([w[:-1]], 0, 1) is None} - genitives
        genitives |= of_surnames
        if not genitives:
            return []
        covered = covered_tokens(spans)
        alone = {s.start: s for s in spans if s.end - s.start == 1 and s.entry is None and s.part is None}
        added = []
        for i, word in enumerate(words[:-1]):
            if word not in genitives:
                continue
            noun = words[i + 1]
            if noun[:1].isupper() and (noun.lower() in lex.common_words or CommonNouns.contains(noun)):
                if word in of_surnames and i > 0 and words[i - 1].lower() in _ARTICLES:
                    continue  # "die Brookings Institution": no genitive of a person
                if i in alone and word not in of_surnames:
                    alone[i].kind = "person"  # "Sabines Vater", not an organisation
                elif i not in covered:
                    added.append(Span(i, i + 1, "person"))
        return added

    def _first_name_pairs(self, spans: list[Span], words: list[str]) -> list[Span]:
        """A known first name before an unknown capitalised word names a person the CRF
        missed ("ohne Michael Wright") or cut short ("Agrarökonom Lars" of "Lars Quendel");
        after a category noun only a name cut short ("das Magazin Charlie" of "Charlie Hebdo"),
        whose kind the noun decides later."""
        covered: set[int] = set()
        for s in spans:
            covered.update(range(s.start, s.end))
        lone = {s.start: s for s in spans if s.kind == "person" and s.end - s.start == 1
                and s.entry is None and s.part is None}
        added = []
        i = 0
        first_names = self.lexicon.first_names
        while i < len(words) - 1:
            if words[i] not in first_names or i + 1 in covered or (i in covered and i not in lone) \
                    or not self._opens_name_pair(words, i) \
                    or i not in lone and i > 0 and is_category_noun(words[i - 1]):
                i += 1
                continue
            if i in lone:
                lone[i].end = i + 2
            else:
                added.append(Span(i, i + 2, "person"))
            i += 2
        return added

    def _first_names_before_firms(self, spans: list[Span], words: list[str]) -> None:
        """A listed first name (and a particle) before a firm's one-word name is the person
        the firm is named after or one who shares its name ("Werner von Siemens", "Michael
        Otto"), not the firm; "die Adam Opel AG" stays the firm."""
        covered = covered_tokens(spans)
        for span in spans:
            if span.kind != "org" or span.entry is None or span.part is not None \
                    or span.end - span.start != 1 or span.start == 0:
                continue
            first = span.start - 1
            if words[first] in ("von", "van", "de") and first > 0:
                first -= 1
            name = words[first]
            if first in covered or not self._is_first_name(name) or not name.istitle() \
                    or len(name) < 3 or name.lower() in self.lexicon.common_words \
                    or first > 0 and is_category_noun(words[first - 1]) \
                    or span.end < len(words) and is_org_suffix(words[span.end]):
                continue
            span.start, span.kind, span.entry, span.from_model = first, "person", None, False

    def _unlisted_first_names(self, spans: list[Span], words: list[str]) -> None:
        """A word German does not use right before a one-word person is that person's first
        name, which no list knows ("Tswetan Wassilew", "Kjetil Jansrud"); not a word with a
        noun's ending ("Jagdethiker Winkelmayer", "Exlobbyist Sardana") or a capital inside,
        nor before an English word ("The Brainy Gamer", "Forstall Street")."""
        covered = covered_tokens(spans)
        for span in spans:
            i = span.start - 1
            if span.kind != "person" or span.end - span.start != 1 or span.entry is not None \
                    or span.part is not None or i < 0 or i in covered:
                continue
            word, name = words[i], words[span.start]
            if len(word) > 2 and word[:1].isupper() and not word.isupper() and word.isalpha() \
                    and not _CAPITAL_INSIDE.search(word) and not word.endswith(_NOUN_ENDINGS) \
                    and word.lower() not in hygiene.FUNCTION_WORDS \
                    and plain_words.english_zipf(name.lower()) < 4.0 \
                    and plain_words.unknown_to_german(word, self.lexicon):
                span.start, span.from_model = i, False  # the CRF doubted the first word

    def _opens_name_pair(self, words: list[str], i: int) -> bool:
        """A known first name (one that is also a common word only when the registers name
        children so and a listed surname follows: "Jens Wendler"), then a capitalised word no
        list knows as a common word (or a word German does not use, whatever the list learnt:
        "Ahmed Davutoglu") or a role (nor ends in a noun: "Ashley Madison-Affäre")."""
        lex = self.lexicon
        first, nxt = words[i], words[i + 1]
        low = first.lower()
        return first in lex.first_names and first not in hygiene.PLACE_ARTICLES and (
            low not in lex.common_words or (
            nxt in lex.surnames and first in registered_first_names()
            and low not in hygiene.FUNCTION_WORDS and low not in _ARTICLES)) \
            and nxt[:1].isupper() and nxt.replace("-", "").isalpha() \
            and (nxt.lower() not in lex.common_words or self._capitalised_surname(nxt)
                 or self._unknown_word(nxt)) \
            and len(nxt) >= 3 and not role_of(nxt) and not nxt.endswith(_PLURAL_NOUN_ENDINGS) \
            and not ("-" in nxt and self._is_noun(nxt.rsplit("-", 1)[1]))

    @staticmethod
    def _unknown_word(word: str) -> bool:
        """A word neither German nor English text uses (wordfreq): the common-word list holds
        a few such names from unannotated mentions (Davutoglu, Andreasen)."""
        return word.isalpha() and plain_words.german_zipf(word) == 0.0 \
            and plain_words.english_zipf(word.lower()) < 3.0

    def _capitalised_surname(self, word: str) -> bool:
        """A listed surname that is also an everyday word but no noun (Kurz, Klein, Lang):
        after a first name its capital says it is the surname ("Sebastian Kurz")."""
        return word in self.lexicon.surnames and word.isalpha() and not CommonNouns.contains(word)

    def _split_role(self, span: Span, words: list[str]) -> Span | None:
        """NATO-Chef Rutte -> "Rutte" with role NATO-Chef; the role word before a name too.
        A category noun before a name goes, and says it is an organisation:
        "Spielzeughersteller Mattel" -> Mattel."""
        if span.entry is None and span.end - span.start > 1 \
                and words[span.start + 1][:1].isupper() and is_category_noun(words[span.start]):
            span.start += 1
            span.kind = "org"  # what a maker, a label or a broadcaster names
            span.from_model = False  # the text says so, not the CRF's guess
        if span.kind == "person" and span.entry is None:
            while span.end - span.start > 1:
                first = words[span.start]
                role = role_of(first)
                if role is None and first in ROLE_OPENERS and span.end - span.start > 2 \
                        and role_of(words[span.start + 1]):
                    role = f"{first} {words[span.start + 1]}"
                    span.start += 1
                if role is None and first not in TITLES:
                    break
                span.role = role or span.role
                span.start += 1
        if span.kind == "person" and span.role is None and span.start > 0:
            before = span.start - 1
            if words[before] in TITLES and before > 0:
                before -= 1
            span.role = role_of(words[before])
            if span.role and before > 0 and words[before - 1] in ROLE_OPENERS:
                span.role = f"{words[before - 1]} {span.role}"
        if span.kind == "person" and span.end - span.start == 1 and role_of(words[span.start]):
            if span.entry is None:
                return None
        return span

    def _interview_labels(self, spans: list[Span], words: list[str], starts: set[int]) -> list[Span]:
        """An interview names the speaker before each answer: a name opening a sentence
        before a colon, twice or more and once right after a question ("...? Jagland: Ja."),
        is a person, whatever the CRF made of it; not the paper asking (STANDARD, Standard:
        in capitals or an everyday word), nor a word ("Antwort:"), nor a listed town."""
        labels: dict[str, list[int]] = {}
        asked: set[str] = set()
        for i in range(1, len(words) - 1):
            word = words[i]
            if words[i + 1] == ":" and (i in starts or words[i - 1] in _SENTENCE_MARKS) \
                    and word[:1].isupper() and not word.isupper() and len(word) > 2 \
                    and word.replace("-", "").isalpha():
                labels.setdefault(word, []).append(i)
                if words[i - 1] == "?":
                    asked.add(word)
        speakers = [w for w in asked if len(labels[w]) >= 2 and w.lower() not in self.lexicon.common_words
                    and not CommonNouns.contains(w) and self._not_a_listed_place(w)]
        if not speakers:
            return spans
        at = sorted(i for w in speakers for i in labels[w])
        return [s for s in spans if s.part is not None or not any(s.start <= i < s.end for i in at)] \
            + [Span(i, i + 1, "person") for i in at]

    def _not_a_listed_place(self, word: str) -> bool:
        hit = self.gazetteer.match([word], 0, 1)
        return hit is None or hit.entry.kind != "place" or word in self.lexicon.surnames

    def _surnames_beside_people(self, spans: list[Span], words: list[str]) -> None:
        """A listed surname the CRF alone took for a place or an organisation is a person
        where "und", "oder" or a comma joins it to a person ("von Sarkozy und Hollande
        festgelegt", "Adorno, Hannah Arendt und Max Horkheimer"); not an everyday word nor a
        listed name."""
        people_end = {s.end for s in spans if s.kind == "person" and s.part is None}
        people_start = {s.start for s in spans if s.kind == "person" and s.part is None}
        for span in spans:
            if span.kind not in ("place", "org") or not span.from_model or span.entry is not None \
                    or span.part is not None or span.end - span.start != 1:
                continue
            word = words[span.start]
            if word not in self.lexicon.surnames or word.lower() in self.lexicon.common_words \
                    or CommonNouns.contains(word) or self.gazetteer.match(words, span.start, span.end):
                continue
            before = span.start >= 2 and words[span.start - 1] in _JOINERS and span.start - 1 in people_end
            after = span.end + 1 < len(words) and words[span.end] in _JOINERS and span.end + 1 in people_start
            if before or after:
                span.kind = "person"

    def _media_that_report(self, spans: list[Span], words: list[str]) -> None:
        """A one-word person no list names and the text never gives a first name, that only
        ever stands after "berichtet" or "meldet" ("..., berichtet Heise."), is the medium that
        reports, an organisation: people say, media report."""
        candidates = {words[s.start] for s in spans if s.kind == "person" and s.entry is None
                      and s.part is None and s.end - s.start == 1}
        if not candidates:
            return
        named_in_full = {words[s.end - 1] for s in spans if s.kind == "person" and s.end - s.start > 1}
        media = {w for w in candidates - named_in_full if w not in self.lexicon.first_names}
        for i, word in enumerate(words):
            if word in media and (i == 0 or words[i - 1] not in _REPORT_VERBS):
                media.discard(word)
        for s in spans:
            if s.kind == "person" and s.entry is None and s.end - s.start == 1 and words[s.start] in media:
                s.kind = "org"

    def _propagate(self, spans: list[Span], words: list[str], starts: set[int]) -> list[Span]:
        """A one-word name found once is a name wherever else it occurs in the text, and so
        is the surname of a person named with a known first name."""
        covered: set[int] = set()
        for s in spans:
            covered.update(range(s.start, s.end))
        # Surnames that are also everyday words (Kurz, Klein) only where no such word would
        # be capitalised: inside a clause, after no article ("sagte Kurz", not "Kurz vor").
        found_surnames: set[str] = set()
        surnames: set[str] = set()  # of names given in full: first names and a surname
        word_like: set[str] = set()
        for s in spans:  # "Heribert Bruchhagen" ... "Bruchhagen muss": the surname alone
            if s.kind == "person" and s.end - s.start > 1 and s.part is None:
                word = words[s.end - 1]
                if word[:1].isupper() and word.isalpha() and words[s.end - 2] not in NAME_PARTICLES \
                        and self._is_first_name(words[s.start]):
                    everyday = word.lower() in self.lexicon.common_words
                    if everyday and (word not in self.lexicon.surnames or CommonNouns.contains(word)):
                        continue
                    for form in (word, *genitive_forms(word)):
                        found_surnames.add(form)
                        if everyday:
                            word_like.add(form)
                        # "Dominik Frieser Kapfenberg" is a name glued to a town, no full name
                        if all(self._is_first_name(w) for w in words[s.start:s.end - 1]):
                            surnames.add(form)
        found: dict[str, Span] = {}
        for s in spans:
            if s.end - s.start == 1 and s.part is None:
                word = words[s.start]
                # "Michael Landau" ... "Landau: Eine gute Frage": the CRF's guess of a lone
                # word does not outweigh the full name the text gave it.
                if word in surnames and word not in word_like and s.kind != "person" \
                        and self._guessed_or_small_town(s, words):
                    s.kind, s.entry = "person", None
                if word[:1].isupper() and word.lower() not in self.lexicon.common_words:
                    found.setdefault(word, s)
                    for genitive in genitive_forms(word):  # Sommerfeld -> Sommerfelds
                        found.setdefault(genitive, Span(0, 0, s.kind, s.entry))
        for form in found_surnames:
            found.setdefault(form, Span(0, 0, "person", None))
        if not found:
            return spans
        extra = []
        for i, word in enumerate(words):
            if i in covered:
                continue
            source = found.get(word)
            if source is not None and (word not in word_like or self._inside_clause(words, i, starts)):
                extra.append(Span(i, i + 1, source.kind, source.entry, copied=True))
        return spans + extra

    def _guessed_or_small_town(self, span: Span, words: list[str]) -> bool:
        """The CRF's own guess, or a town no larger than 100,000 that no preposition names as
        a place ("Iris Marbach" ... "Marbach sagte", not "in Marbach"); not a name a category
        noun gave its kind."""
        if span.start > 0 and is_category_noun(words[span.start - 1]):
            return False  # "die Firma Töpfer" of "Mark Töpfer"
        if span.entry is None:
            return span.from_model
        if span.entry.kind != "place" or span.start > 0 and words[span.start - 1].lower() in _PREPOSITIONS:
            return False
        match = self.gazetteer.match(words, span.start, span.end)
        return match is not None and not match.strong

    def _is_first_name(self, word: str) -> bool:
        """A listed first name, or one joined of listed ones (Hans-Peter, Bernd-Christian)."""
        first_names = self.lexicon.first_names
        return word in first_names or "-" in word and all(part in first_names for part in word.split("-"))

    @staticmethod
    def _inside_clause(words: list[str], i: int, starts: set[int]) -> bool:
        before = words[i - 1] if i > 0 else ""
        return i not in starts and before not in _SENTENCE_MARKS and before not in OPENERS \
            and before.lower() not in _ARTICLES and before.lower() not in _CONTRACTED_ARTICLES

    def _compound_parts(self, spans: list[Span], tokens: list[Token]) -> list[Span]:
        """Nato-Truppen, Merz-Kritik: the entity part of a hyphenated word is a partial
        mention when the part is a known name or a name found elsewhere in the text."""
        covered: set[int] = set()
        names: dict[str, Span] = {}
        for s in spans:
            covered.update(range(s.start, s.end))
            if s.end - s.start == 1:
                names.setdefault(tokens[s.start].text, s)
        parts = []
        for i, tok in enumerate(tokens):
            word = tok.text
            if i in covered or "-" not in word[1:-1]:
                continue
            pos = tok.start
            for piece in word.split("-"):
                if piece and (piece[0].isupper() or piece in AGENCY_WORDS):
                    hit = self.gazetteer.match([piece], 0, 1)
                    if hit is not None and hit.strong:
                        parts.append(Span(i, i + 1, hit.entry.kind, hit.entry,
                                          part=(pos, pos + len(piece))))
                    elif piece in names:
                        source = names[piece]
                        parts.append(Span(i, i + 1, source.kind, source.entry,
                                          part=(pos, pos + len(piece))))
                pos += len(piece) + 1
        return parts

    def _drop_furniture(self, spans: list[Span], tokens: list[Token], text: str) -> list[Span]:
        ranges = furniture_ranges(text, AGENCY_WORDS)
        if not ranges:
            return spans
        kept = []
        for s in spans:
            start = tokens[s.start].start
            if not any(a <= start < b for a, b in ranges):
                kept.append(s)
        return kept
