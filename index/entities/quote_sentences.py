"""Quotes read sentence by sentence: indirect speech in the subjunctive, reported speech with a cue
and, in text without marks, direct speech.

Each sentence outside the marked quotes is read for a cue clause (quote_cue_clauses), a cue in the
next sentence or before a colon (quote_introductions), or the mood of a report that goes on without
a cue; the kind of quote follows from mood and voice (quote_voice), its extent from
quote_extents.
"""

from __future__ import annotations

import re

from ..models import QuoteKind
from . import quote_text as qt
from .quote_base import DATELINE, has_predicate, make_quote, same_paragraph
from .quote_context_speakers import answerer, carried, lead_speaker, subject_before
from .quote_cue_clauses import with_cue
from .quote_extents import (
    after_inner_cue, extend_back, own_words_after_cue, quote_goes_on, reported_clause, reported_end,
    second_cue, spoken_before,
)
from .quote_introductions import asked_aloud, colon_introduction, these_words_next, told_next
from .quote_marks import has_marks, inside_marks, only_marked
from .quote_speakers import Speaker, SpeakerFinder
from .quote_voice import irrealis_only, narrates, of_the_speaker, own_cue, own_irrealis, reports_speech


def sentence_quotes(text, sentences, marked, finder: SpeakerFinder, found, covered, unmarked: bool = False) -> None:
    last_reported: int | None = None  # index of the last sentence that was reported speech
    for index, sentence in enumerate(sentences):
        s, e = sentence.start, sentence.end
        if any(a <= s and e <= b + 2 for a, b in covered) or inside_marks(marked, s, e):
            continue
        body = text[s:e]
        result = with_cue(text, s, e, finder)
        if result is not None:
            content_start, content_end, cue, speaker = result
            if speaker is None and unmarked and content_start == s and _described(text, content_end, e):
                # "Willian zeigte sich motiviert. …, betonte Brasiliens Teamkicker": the one the
                # sentence before opens with, when the cue describes someone the lexicon lacks
                opener = subject_before(text, sentences, index, finder, covered, names_only=True)
                speaker = opener if opener is not None and finder.is_person(opener.entity) else None
            content = text[content_start:content_end]
            if only_marked(marked, content_start, content_end, text):
                last_reported = index
                continue
            kind: QuoteKind
            own_words = qt.speaks_to_reader(content) and not has_marks(content)
            if unmarked and own_irrealis(text, s, e, content_start, content_end, cue, content):
                own_words = True  # "Die Errichtung einer Mauer hätte Europa zurückversetzt, sagte X": his claim
            if qt.subjunctive(content) and not (own_words and unmarked and not qt.clearly_reported(content)):
                kind = "indirect"
            elif own_words:
                kind = "direct"
            elif unmarked and own_cue(text, s, e, content_start, content_end, cue) and not narrates(content) \
                    and not of_the_speaker(text, content_start, content_end, e, speaker, finder):
                kind = "direct"
            else:
                kind = "reported"
            if kind == "direct":
                content_start = extend_back(text, sentences, index, content_start, covered, marked)
            elif kind == "indirect" and content_start > s:
                content_end = reported_end(text, content_start, content_end)
            rest = after_inner_cue(text, content_end, e) if content_start == s else None
            if rest is None and content_start > s and text[content_start - 2:content_start] == ": " and kind == "direct":
                # "X antwortete: Wir haben keine Zeit, schrieb er, wir müssen arbeiten": his words go on
                rest = own_words_after_cue(text, content_end, e)
            apposed = finder.mention_at(rest) if rest is not None and text[rest - 2] == "," else None
            if apposed is not None and apposed.kind == "person" and text.startswith(",", apposed.end):
                rest = None  # "…, sagte der Fraktionschef der Wahren Finnen, Sampo Terho, am Donnerstag": who, not what
            second = second_cue(text, content_end, e, finder) if content_start == s else None
            if rest is not None and text[rest - 2] == ":" and only_marked(marked, rest, e, text):
                rest = None  # "…, sagte X und gestand: «…»": the marked quote is its own record
            rest_speaker, rest_cue = speaker, None
            if second is not None:  # "…, meinte A, und B ergänzte: …": B's words after the colon
                rest, rest_cue, rest_speaker = second
            elif rest is not None and text[rest - 2] not in "–—" \
                    and (qt.words(text, rest, e)[0].group(0) in _COORDINATING
                         or (not has_predicate(content) and not qt.speaks_to_reader(text[rest:e]))
                                       or qt.words(text, rest, e)[0].group(0) in _VERBS_AFTER_A_CLAUSE):
                # "Er sei Mitglied, sagt er, aber …", "In der Diaspora, so X, warte …", "Was dann folge,
                # orakelt der Professor, lasse ihn …": one sentence, one quote
                content_end, rest = e, None
                whole = text[content_start:e]
                if qt.clearly_reported(whole) or (qt.subjunctive(whole) and not qt.speaks_to_reader(whole)):
                    kind = "indirect"
            rest_kind: QuoteKind = kind
            if rest is not None and text[rest - 2] == ":":  # "…, sagt X: Da hast du …"
                tail = text[rest:e]
                rest_kind = "indirect" if qt.clearly_reported(tail) or (qt.subjunctive(tail) and not qt.speaks_to_reader(tail)
                                                                        and not (unmarked and irrealis_only(tail))) \
                    else "direct" if unmarked or qt.speaks_to_reader(tail) else "reported"
                if kind == "reported" and rest_kind == "direct" and qt.speaks_to_reader(tail) and second is None:
                    kind = "direct"  # "Das war vor 30 Jahren anders, sagt X: Da hast du …": his words, both
                if _ASKED.match(content):  # "Auf die Frage, ob …, sagte X: …": the question is no statement
                    finder.remember(speaker, e)
                    found.append(make_quote(text, rest, e, rest_kind, cue, speaker))
                    covered.append((rest, e))
                    last_reported = index
                    continue
            elif rest is not None:
                rest_kind = "indirect" if qt.clearly_reported(text[rest:e]) else kind
            last = found[-1] if found else None
            if unmarked and kind == "direct" and last is not None and last.kind == "direct" and last.cue is None \
                    and index > 0 and last.end == sentences[index - 1].end and content_start == s:
                found.pop()  # "Ich finde es gelungen. Ich habe gelacht, schreibt er.": one quote
                covered.pop()
                content_start = last.start
            if unmarked and kind == "direct" and content_start == s and qt.speaks_to_reader(text[s:content_end]):
                content_start = spoken_before(text, sentences, index, content_start, covered, finder)
            finder.remember(speaker, content_end)
            found.append(make_quote(text, content_start, content_end, kind, cue, speaker))
            covered.append((content_start, content_end))
            if rest is not None:  # "A, schreibt Döpfner, B": B is his too
                finder.remember(rest_speaker, e)
                found.append(make_quote(text, rest, e, rest_kind, rest_cue, rest_speaker))
                covered.append((rest, e))
            last_reported = index
            continue
        told = told_next(text, sentences, index, finder) if not body.endswith("?") else None
        these_words = these_words_next(text, sentences, index, finder) if told is None and unmarked else None
        told = told or these_words
        if told is not None and not has_marks(body):
            cue, speaker = told  # "Wir haben früh lernen müssen. Das sagte X dem STANDARD."
            own_words = qt.speaks_to_reader(body) or these_words is not None  # "Diese Worte …": verbatim
            kind = "indirect" if qt.subjunctive(body) and not own_words else "direct" if own_words else "reported"
            dateline = DATELINE.match(text, s, e)  # "Wien – Die Regierung wird …": the place is no one's words
            start = dateline.end() if dateline else extend_back(text, sentences, index, s, covered, marked) \
                if kind == "direct" else s
            finder.remember(speaker, e)
            found.append(make_quote(text, start, e, kind, cue, speaker))
            covered.append((start, e))
            last_reported = index
            continue
        if body.endswith("?"):  # a question, also a reported one, states nothing
            asked = asked_aloud(text, s, e, finder) if unmarked and index > 0 else None
            if asked is not None:  # "Strolz fragte ins Plenum: Können wir etwas tun, …?": his words
                content_start, speaker = asked
                finder.remember(speaker, e)
                found.append(make_quote(text, content_start, e, "direct", "fragte", speaker))
                covered.append((content_start, e))
                last_reported = index
            continue
        previous = index - 1
        continues = last_reported is not None and index - last_reported <= 2 \
            and same_paragraph(text, sentences[last_reported].end, s)
        if continues and qt.konj1(body) and not has_marks(body) and not qt.speaks_to_reader(body):
            start = reported_clause(text, s, e)
            speaker = lead_speaker(text, s, start, finder) or answerer(text, sentences, index, finder) \
                or subject_before(text, sentences, index, finder, covered) or carried(found, finder, s)
            found.append(make_quote(text, start, e, "indirect", None, speaker))
            covered.append((start, e))
            last_reported = index
            continue
        introduced = colon_introduction(text, s, e, finder) if unmarked and index > 0 else None
        if introduced is not None:
            content_start, speaker = introduced
            content = text[content_start:e]
            kind = "indirect" if qt.clearly_reported(content) \
                or (qt.subjunctive(content) and not qt.speaks_to_reader(content) and not irrealis_only(content)) \
                else "direct"
            head_end = text.rfind(":", s, content_start)
            if qt.clearly_reported(text[s:head_end]):  # the lead is reported speech of its own
                found.append(make_quote(text, s, head_end, "indirect", None, speaker))
            finder.remember(speaker, e)
            found.append(make_quote(text, content_start, e, kind, text[s:content_start].strip()[-25:].split()[-1], speaker))
            covered.append((content_start, e))
            last_reported = index
            continue
        if unmarked and last_reported == previous and found and quote_goes_on(text, found[-1], sentences[previous], s, e, finder):
            # "…, erklärte Seehofer. Mehr geht nicht mehr.": the quote goes on after its cue
            last = found[-1]  # the same speaker, also when the cue named nobody ("erklärte eine Sprecherin")
            found.append(make_quote(text, s, e, "direct", None, Speaker(last.speaker, last.speaker_text or "") if last.speaker else None))
            covered.append((s, e))
            last_reported = index
            continue
        own_words = qt.speaks_to_reader(body) and not has_marks(body) and not qt.clearly_reported(body)
        if own_words and unmarked:  # ("Die Polizisten seien beschäftigt gewesen, uns zu schützen": reported)
            last = found[-1] if found else None
            opener = subject_before(text, sentences, index, finder, covered, names_only=True)
            speaker = opener if opener is not None and finder.is_person(opener.entity) else finder.likely(s)
            if last is not None and last.kind == "direct" and last.end == sentences[previous].end \
                    and text[max(0, s - 2):s] not in ("– ", "— "):  # a dash opens another turn of a dialogue
                speaker = Speaker(last.speaker, last.speaker_text or "") if last.speaker else speaker
                found[-1] = make_quote(text, last.start, e, "direct", last.cue, speaker)  # one quote, two sentences
                covered[-1] = (last.start, e)
            else:
                found.append(make_quote(text, s, e, "direct", None, speaker))
                covered.append((s, e))
            last_reported = index
            continue
        if (qt.clearly_reported(body) or (unmarked and qt.konj1(body))) and not inside_marks(marked, s, e):
            # Reported speech needs no cue of its own: "Er sei schon da gewesen."
            start = reported_clause(text, s, e)
            speaker = lead_speaker(text, s, start, finder) or answerer(text, sentences, index, finder) \
                or subject_before(text, sentences, index, finder, covered)
            end = reported_end(text, start, e)
            found.append(make_quote(text, start, end, "indirect", None, speaker or finder.likely(s)))
            covered.append((start, e))
            last_reported = index
            continue
        if continues and last_reported == previous and qt.clear_konj2(body) and not has_marks(body) \
                and found and reports_speech(found[-1]):
            speaker = subject_before(text, sentences, index, finder, covered) or finder.recent(s)
            found.append(make_quote(text, s, e, "indirect", None, speaker))  # "Die Anrainer hätten Angst."
            covered.append((s, e))
            last_reported = index


# The finite verb of a main clause after a clause put first ("Was dann folge, sagt X, lasse ihn …").
_VERBS_AFTER_A_CLAUSE = qt.KONJ1 | qt.KONJ2 | frozenset("ist sind war waren hat hatte wird wurde kann muss".split())


# "betonte Brasiliens Teamkicker", "sagte der Routinier": a description of someone, not
# "ein Sprecher" (someone unnamed) nor "hieß es".
_DESCRIBED = re.compile(r"[,–-]\s+(?:so\s+)?[a-zäöüß]+(?:\s+sich)?\s+(?:der|die|des|[A-ZÄÖÜ][a-zäöüß]+s)\s+"
                        r"(?:[a-zäöüß-]+\s+)?[A-ZÄÖÜ][\w-]+\s*[.!]?$")


def _described(text: str, content_end: int, e: int) -> bool:
    return _DESCRIBED.match(text[content_end:e].rstrip()) is not None


_ASKED = re.compile(r"(?:Auf die Frage|Gefragt|Angesprochen auf|Darauf angesprochen)\b")
_COORDINATING = frozenset("aber und denn doch sondern oder".split())
