"""Quotes and who said them: direct quotes (marked or not), indirect speech in the subjunctive
and reported speech with a cue, each with its speaker linked to an entity mention.

    quotes = find_quotes(article.body, pipeline.extract(article.body))

Rules, not a model: marked quotes are paired by their marks (nesting and quotes running over
paragraphs included); the rest is read sentence by sentence for a cue clause (", sagte X",
"X sagte,", "so X", "laut X", "X zufolge", "nach Angaben von X", "X: …") and the mood of the
reported clause; a sentence in unambiguous Konjunktiv I ("Er sei …") is reported speech without
a cue. Interviews (labels "STANDARD: … Monedero: …" or question and answer paragraphs) make
every answer a direct quote. A text that lost its quotation marks (10kGNAD) has its direct
speech read from cue clauses, colon introductions and the first person. Measured on a
hand-annotated gold set: bench/quotes_eval.py, bench/quotes_gold/README.md.
"""

from __future__ import annotations

import re

from ..models import Mention, Quote, QuoteKind
from . import quote_text as qt
from .cues import role_of
from .quote_attribution import attribute_marked, block_quotes
from .quote_base import (
    CUE_WORDS, DATELINE, PREPOSITIONS, cue_clause_end, has_predicate, make_quote, same_paragraph,
)
from .quote_context_speakers import answerer, carried, lead_speaker, subject_before
from .quote_cue_clauses import with_cue
from .quote_interviews import interview_answers
from .quote_marks import has_marks, inside_marks, marked_quotes, marks_lost, only_marked
from .quote_posts import embedded_posts
from .quote_speakers import Speaker, SpeakerFinder
from .quote_unmarked import own_words_after_colon, whole_quotes
from .quote_voice import (
    THIRD_PERSON, irrealis_only, narrates, of_the_speaker, own_cue, own_irrealis, reports_speech, talks,
)

# Stored with each article's quotes: a library quoted by an older version is quoted again on upgrade.
VERSION = 71


def find_quotes(text: str, mentions: list[Mention]) -> list[Quote]:
    """Every quote in `text`, in order of position. `mentions` are the text's entity mentions
    (EntityPipeline.extract); speakers are their entity ids, None when nobody named speaks."""
    if not text or not text.strip():
        return []
    finder = SpeakerFinder(text, mentions)
    marked = marked_quotes(text)
    found: list[Quote] = []
    covered: list[tuple[int, int]] = []
    answers, interview_start = interview_answers(text)
    # Answers without a label speak as the one the introduction names ("Jan Kegelberg, Chief
    # Digital Officer bei SportScheck, … verrät er uns"): its person named most, or last.
    interviewee = finder.likely(interview_start) if answers else None
    for start, end, speaker_start, speaker_end in answers:
        speaker = finder.label(speaker_start, speaker_end) if speaker_end > speaker_start else interviewee
        found.append(make_quote(text, start, end, "direct", None, speaker))
    # The answers are quotes whole; the questions are read as any text, for what they report others
    # to have said ("Ihr Sicherheitssprecher Peter Pilz meint, die Grünen dürften …").
    covered.extend((start if speaker_start == speaker_end else min(start, speaker_start), end)
                   for start, end, speaker_start, speaker_end in answers)
    for start, end, signature_end, name, handle in embedded_posts(text):
        if not any(a <= start < b for a, b in covered):
            speaker = finder.author(name, handle)
            finder.remember(speaker, end)
            found.append(make_quote(text, start, end, "direct", None, speaker))
            covered.append((start, signature_end))  # the links and the signature are no one's words
            for line_start, line_end in _dialogue_lines_before(text, start, end):
                found.append(make_quote(text, line_start, line_end, "direct", None, speaker))
                covered.append((line_start - 1, line_end + 1))
    sentences = qt.sentences(text)
    if answers:  # "STANDARD: Ihr Sprecher Peter Pilz meint, …": the question's sentence opens after its label
        labels = {m.start(1): m.end() for m in _INTERVIEW_LABEL.finditer(text, interview_start, answers[-1][1])}
        sentences = [qt.Sentence(labels[x.start], x.end) if x.start in labels and labels[x.start] < x.end else x
                     for x in sentences]
    attribute_marked(text, marked, sentences, finder, found, covered)
    block_quotes(text, marked, finder, found, covered)
    unmarked = marks_lost(text)
    _sentence_quotes(text, sentences, marked, finder, found, covered, unmarked=unmarked)
    nested = _quoted_in_answers(text, sentences, marked, finder, answers, found, unmarked) if answers else []
    found.sort(key=lambda q: (q.start, q.end))
    if answers:
        found = sorted(_reported_in_questions(text, found, answers, interview_start, finder) + nested,
                       key=lambda q: (q.start, q.end))
    if unmarked:
        found = own_words_after_colon(text, sentences, found, finder)
        found = whole_quotes(text, sentences, found, finder, answers)
    return [q for q in found if q.kind == "direct" or not _reported_question(text, q.start)]


def _quoted_in_answers(text: str, sentences, marked, finder: SpeakerFinder, answers, found: list[Quote],
                       unmarked: bool) -> list[Quote]:
    """What an interviewee quotes others as saying inside an answer ("Flüchtlingskoordinator Christian
    Konrad hat recht, wenn er sagt: Österreich ist …"): a quote of its own, nested in the answer,
    when a cue gives it to someone named other than the interviewee."""
    inside = [x for x in sentences if any(a <= x.start and x.end <= b for a, b, *_ in answers)
              and any(w.group(0).lower() in CUE_WORDS for w in qt.words(text, x.start, x.end))]  # a cue, cheaply
    if not inside:
        return []
    answerers = {q.speaker for q in found for a, b, *_ in answers if q.start == a and q.cue is None}
    nested: list[Quote] = []
    _sentence_quotes(text, inside, marked, finder, nested, [], unmarked=unmarked)
    kept = []
    for q in nested:
        if q.cue is None or q.cue.endswith(":") or q.speaker is None or q.speaker in answerers \
                or not finder.is_person(q.speaker):
            continue
        # within its sentence: what follows is the interviewee's again ("… schwer umgehen kann. Wir erleben …")
        end = next((x.end for x in inside if x.start <= q.start < x.end), q.end)
        kept.append(q if q.end <= end else make_quote(text, q.start, end, q.kind, q.cue, Speaker(q.speaker, q.speaker_text or "")))
    return kept


def _reported_in_questions(text: str, found: list[Quote], answers, interview_start: int,
                           finder: SpeakerFinder) -> list[Quote]:
    """In an interview, of what the questions hold only what a cue gives to someone named ("Ihr
    Sprecher Peter Pilz meint, die Grünen dürften …", "Pilz sagt: …") and the report going on after
    it: the interviewer's own statements and the label before them are no one's quotes."""
    turns = [(interview_start, answers[0][2] if answers[0][3] > answers[0][2] else answers[0][0])]
    turns += [(b, (answers[k + 1][2] if answers[k + 1][3] > answers[k + 1][2] else answers[k + 1][0]))
              for k, (_, b, *_) in enumerate(answers[:-1])]
    # The interviewer ("STANDARD:", "Frage:") is no one quoted
    asking = {finder.label(m.start(1), m.end(1)) for m in (_INTERVIEW_LABEL.match(text, a) for a, _ in turns[1:]) if m}
    interviewers = {speaker.entity for speaker in asking if speaker is not None}
    kept: list[Quote] = []
    last_in_turn: tuple[int, Quote] | None = None
    for q in found:
        answer = next(((a, b) for a, b, *_ in answers if a <= q.start < b), None)
        if answer is not None:  # the answer itself, not a question's sentence that ran into it
            if q.start == answer[0] and q.cue is None:
                kept.append(q)
            continue
        turn = next((k for k, (a, b) in enumerate(turns) if a <= q.start < b), None)
        if turn is None:
            kept.append(q)
            continue
        cued = q.cue is not None and not q.cue.endswith(":") and q.speaker is not None and q.speaker not in interviewers
        goes_on = q.cue is None and q.kind != "direct" and last_in_turn is not None and last_in_turn[0] == turn \
            and last_in_turn[1].speaker == q.speaker
        if cued or goes_on:
            turn_end = turns[turn][1]
            if q.end > turn_end:  # "… state of the art. Ederer: …": the question ends at the next label
                q = make_quote(text, q.start, len(text[:turn_end].rstrip(" .")), q.kind, q.cue,
                               Speaker(q.speaker, q.speaker_text or "") if q.speaker else None)
            kept.append(q)
            last_in_turn = (turn, q)
    return kept


def _reported_question(text: str, start: int) -> bool:
    """"wollte sich nicht dazu äußern, ob der Betrieb profitabel sei": a reported question states
    nothing; but "Man könne nicht sagen, ob …" is reported speech whose lead says so."""
    if not text.startswith("ob ", start):
        return False
    lead_start = max((m.end() for m in _SENTENCE_BREAK.finditer(text, max(0, start - 200), start)), default=max(0, start - 200))
    return not qt.konj1(text[lead_start:start])


# A speaker's label in an interview, where a turn begins: "STANDARD: ", "Glawischnig: ".
_INTERVIEW_LABEL = re.compile(r"(?:(?<=^)|(?<=[.?!…“\"]\s)|(?<=\n))([A-ZÄÖÜ][\w.’'-]+(?: [A-ZÄÖÜ][\w.’'-]+){0,2}):\s")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+|\n")


def _dialogue_lines_before(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A post that is one marked line closes a dialogue: the marked lines in the paragraphs right
    before it are the same post's ("„Höahn Sie auf!“ / „Ich darf das!“ / — Name (@handle) …")."""
    if not _one_marked_line(text[start:end].strip()):
        return []
    lines: list[tuple[int, int]] = []
    at = start + len(text[start:end]) - len(text[start:end].lstrip())
    while len(lines) < 12:
        paragraph_end = len(text[:at].rstrip())
        paragraph_start = text.rfind("\n", 0, paragraph_end) + 1
        if paragraph_end == at or not _one_marked_line(text[paragraph_start:paragraph_end]):
            return lines
        lines.insert(0, (paragraph_start + 1, paragraph_end - 1))
        at = paragraph_start
    return lines


def _one_marked_line(line: str) -> bool:
    return len(line) >= 3 and line[-1] in qt.QUOTE_PAIRS.get(line[0], "") and not any(c in qt.ALL_MARKS for c in line[1:-1])


def _sentence_quotes(text, sentences, marked, finder: SpeakerFinder, found, covered, unmarked: bool = False) -> None:
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
                content_start = _extend_back(text, sentences, index, content_start, covered, marked)
            elif kind == "indirect" and content_start > s:
                content_end = _reported_end(text, content_start, content_end)
            rest = _after_inner_cue(text, content_end, e) if content_start == s else None
            if rest is None and content_start > s and text[content_start - 2:content_start] == ": " and kind == "direct":
                # "X antwortete: Wir haben keine Zeit, schrieb er, wir müssen arbeiten": his words go on
                rest = _own_words_after_cue(text, content_end, e)
            apposed = finder.mention_at(rest) if rest is not None and text[rest - 2] == "," else None
            if apposed is not None and apposed.kind == "person" and text.startswith(",", apposed.end):
                rest = None  # "…, sagte der Fraktionschef der Wahren Finnen, Sampo Terho, am Donnerstag": who, not what
            second = _second_cue(text, content_end, e, finder) if content_start == s else None
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
                content_start = _spoken_before(text, sentences, index, content_start, covered, finder)
            finder.remember(speaker, content_end)
            found.append(make_quote(text, content_start, content_end, kind, cue, speaker))
            covered.append((content_start, content_end))
            if rest is not None:  # "A, schreibt Döpfner, B": B is his too
                finder.remember(rest_speaker, e)
                found.append(make_quote(text, rest, e, rest_kind, rest_cue, rest_speaker))
                covered.append((rest, e))
            last_reported = index
            continue
        told = _told_next(text, sentences, index, finder) if not body.endswith("?") else None
        these_words = _these_words_next(text, sentences, index, finder) if told is None and unmarked else None
        told = told or these_words
        if told is not None and not has_marks(body):
            cue, speaker = told  # "Wir haben früh lernen müssen. Das sagte X dem STANDARD."
            own_words = qt.speaks_to_reader(body) or these_words is not None  # "Diese Worte …": verbatim
            kind = "indirect" if qt.subjunctive(body) and not own_words else "direct" if own_words else "reported"
            dateline = DATELINE.match(text, s, e)  # "Wien – Die Regierung wird …": the place is no one's words
            start = dateline.end() if dateline else _extend_back(text, sentences, index, s, covered, marked) \
                if kind == "direct" else s
            finder.remember(speaker, e)
            found.append(make_quote(text, start, e, kind, cue, speaker))
            covered.append((start, e))
            last_reported = index
            continue
        if body.endswith("?"):  # a question, also a reported one, states nothing
            asked = _asked_aloud(text, s, e, finder) if unmarked and index > 0 else None
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
            start = _reported_clause(text, s, e)
            speaker = lead_speaker(text, s, start, finder) or answerer(text, sentences, index, finder) \
                or subject_before(text, sentences, index, finder, covered) or carried(found, finder, s)
            found.append(make_quote(text, start, e, "indirect", None, speaker))
            covered.append((start, e))
            last_reported = index
            continue
        introduced = _colon_introduction(text, s, e, finder) if unmarked and index > 0 else None
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
        if unmarked and last_reported == previous and found and _goes_on(text, found[-1], sentences[previous], s, e, finder):
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
            start = _reported_clause(text, s, e)
            speaker = lead_speaker(text, s, start, finder) or answerer(text, sentences, index, finder) \
                or subject_before(text, sentences, index, finder, covered)
            end = _reported_end(text, start, e)
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


# "Das sagte X am Montag.", "Dies kündigte X an.": a sentence that is only the cue of the one before.
_TOLD_SENTENCE = re.compile(r"(?:Das|Dies)\s+(\w+)\s")
# "Das wars noch nicht! Diese Worte schleuderte Uli Hoeneß … entgegen": any verb, a person after it.
_THESE_WORDS = re.compile(r"(?:Diese|Mit diesen) (?:Worte|Worten|Sätze|Sätzen)\s+(\w+)\s|Dieser Satz\s+(\w+)\s")


def _next_sentence_opening(text: str, sentences, index: int, pattern: re.Pattern) -> re.Match | None:
    """``pattern`` matched at the start of the sentence after this one, in the same paragraph."""
    if index + 1 >= len(sentences):
        return None
    following = sentences[index + 1]
    match = pattern.match(text, following.start, following.end)
    if match is None or not same_paragraph(text, sentences[index].end, following.start):
        return None
    return match


def _told_next(text: str, sentences, index: int, finder: SpeakerFinder) -> tuple[str, Speaker] | None:
    """(cue, speaker) when the next sentence of the paragraph attributes this one ("… Das sagte X.")."""
    match = _next_sentence_opening(text, sentences, index, _TOLD_SENTENCE)
    if match is None:
        return None
    verb = match.group(1)
    if verb.lower() not in qt.SPEECH_VERBS or verb.lower() in qt.WEAK_VERBS:
        return None
    speaker = finder.in_region(match.end(1), cue_clause_end(text, match.end(1)))
    return (verb, speaker) if speaker is not None else None


def _these_words_next(text: str, sentences, index: int, finder: SpeakerFinder) -> tuple[str, Speaker] | None:
    """(cue, speaker) when the next sentence opens with "Diese Worte" and a verb whose subject is a
    person ("Das wars noch nicht! Diese Worte schleuderte Uli Hoeneß … entgegen")."""
    match = _next_sentence_opening(text, sentences, index, _THESE_WORDS)
    if match is None:
        return None
    group = 1 if match.group(1) else 2
    named = finder.mention_at(match.end(group) + 1)
    return (match.group(group), Speaker(named.entity, named.text)) \
        if named is not None and named.kind == "person" else None


_COLON = re.compile(r":\s+(?=[A-ZÄÖÜ])")


def _colon_introduction(text: str, s: int, e: int, finder: SpeakerFinder):
    """(content start, speaker) of "Stumpf weiter: Das muss …", "Ministerin X betont: …", "…, wie
    er 1997 selbst sagte: …" in a text without quotation marks: a colon after a verb of saying or
    a noun that introduces words, or right after the speaker's name ("… zeigten Birgit Schatz und
    Judith Schwentner: …"); a name elsewhere before a colon is mostly narration ("Thiem bedankte
    sich mit einem Kraftakt: …", "Die nächste Aufgabe wartet auf Thiem: …")."""
    colon = _COLON.search(text, s, e)
    if colon is None:
        return None
    head = qt.words(text, s, colon.start())
    last_clause = len(head) > 16 and not qt.speaks_to_reader(text[s:colon.start()]) \
        and not qt.konj1(text[s:colon.start()])
    if last_clause:  # "Den Vorwurf, wonach …, will Leitl so nicht stehen lassen: Wir …": the clause before the colon
        s = text.rfind(", ", s, colon.start()) + 2
        head = qt.words(text, s, colon.start()) if s > 1 else []
    if not head or len(head) > 16:
        return None
    speaker = finder.in_region(s, colon.start())
    passive = any(w.group(0) in {"wurde", "wurden", "worden"} for w in head)  # "Die Listen wurden bestätigt:"
    # "Hanakamp weiter:", "Und weiter:", not "Sie recherchieren weiter:" (another verb, no saying)
    goes_on = all(w.group(0)[:1].isupper() or w.group(0) == "weiter" for w in head)
    says = any((w.group(0).lower() in qt.SPEECH_VERBS and w.group(0).lower() not in {"heißt", "hieß"} and not passive)
               or (w.group(0).lower() in _INTRODUCING and (w.group(0) != "weiter" or goes_on))
               or w.group(0).lower().endswith(_INTRODUCING_NOUNS)
               for w in head) \
        or qt.clearly_reported(text[s:colon.start()])  # "Die Risiken seien groß: Auf See gibt es Gefahren."
    if last_clause and (speaker is None or not _names_subject(text, s, colon.start(), speaker, finder) or not (
            qt.speaks_to_reader(text[colon.end():e]) or any(
                w.group(0).lower() in qt.SPEECH_VERBS and w.group(0).lower() not in qt.WEAK_VERBS for w in head))):
        return None  # only its named subject with a verb of saying or own words make the last clause a cue
    if not says and not (speaker is not None and (len(head) <= 4 or _named_last(text, head, finder)
                                                    or qt.speaks_to_reader(text[colon.end():e]))):
        return None
    return colon.end(), speaker or finder.likely(s)


_ASKED_ALOUD = re.compile(r"\b(?:fragte|fragt|fragten)\b[^:.!?]{0,60}:\s+(?=[A-ZÄÖÜ])")


def _asked_aloud(text: str, s: int, e: int, finder: SpeakerFinder):
    """(content start, speaker) of a question someone asks in his own words after "fragte …:"."""
    asked = _ASKED_ALOUD.search(text, s, e)
    if asked is None or not qt.speaks_to_reader(text[asked.end():e]):
        return None
    speaker = finder.in_region(s, asked.end())
    return (asked.end(), speaker) if speaker is not None and speaker.entity is not None else None


def _names_subject(text: str, start: int, end: int, speaker: Speaker, finder: SpeakerFinder) -> bool:
    """The clause names the speaker by name, not as the object of a preposition ("will Leitl
    so nicht stehen lassen", not "ein Ausstieg aus der EU würde …")."""
    for m in finder.mentions:
        if start <= m.start < end and m.entity == speaker.entity:
            before = qt.words(text, start, m.start)
            while before and before[-1].group(0).lower() in {"der", "die", "das", "dem", "den", "des"}:
                before.pop()
            if not before or before[-1].group(0).lower() not in PREPOSITIONS | {"in", "im", "vom"}:
                return True
    return False


def _named_last(text: str, head: list, finder: SpeakerFinder) -> bool:
    """The words before a colon end in a name that is no object ("wartet auf Thiem:")."""
    last = head[-1]
    named = next((m for m in finder.mentions if m.start <= last.start() < m.end), None)
    if named is None:
        return False
    before = [w for w in head if w.end() <= named.start]
    return not before or before[-1].group(0).lower() not in PREPOSITIONS


_INTRODUCING = frozenset("""weiter betonen erinnert erinnern argumentieren warnen zitiert resümiert kontert
    erklärung antwort fazit devise credo begründung bilanz schluss bedenken""".split())
# Nouns that announce words to come ("eine alte Seglerweisheit:", "der große Sager", "Sein Appell:").
_INTRODUCING_NOUNS = ("sager", "spruch", "weisheit", "worte", "erklärung", "antwort", "fazit", "devise",
                      "credo", "begründung", "vorwurf", "appell", "warnung", "botschaft", "forderung",
                      "reaktion", "kommentar", "einschätzung", "urteil", "version", "fassung", "variante")


# The finite verb of a main clause after a clause put first ("Was dann folge, sagt X, lasse ihn …").
_VERBS_AFTER_A_CLAUSE = qt.KONJ1 | qt.KONJ2 | frozenset("ist sind war waren hat hatte wird wurde kann muss".split())


def _extend_back(text, sentences, index, content_start, covered, marked) -> int:
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


# "betonte Brasiliens Teamkicker", "sagte der Routinier": a description of someone, not
# "ein Sprecher" (someone unnamed) nor "hieß es".
_DESCRIBED = re.compile(r"[,–-]\s+(?:so\s+)?[a-zäöüß]+(?:\s+sich)?\s+(?:der|die|des|[A-ZÄÖÜ][a-zäöüß]+s)\s+"
                        r"(?:[a-zäöüß-]+\s+)?[A-ZÄÖÜ][\w-]+\s*[.!]?$")


def _described(text: str, content_end: int, e: int) -> bool:
    return _DESCRIBED.match(text[content_end:e].rstrip()) is not None


# Particles of spoken German: a sentence with one is someone talking, not the writer narrating.
_SPOKEN = re.compile(r"\b(?:ja|halt|eben|eh|schon|mal|natürlich|einfach|doch)\b")
# A present-tense modal states what must or can be: a claim someone makes, rarely narration
# ("So ein Spiel muss man bis zum Ende durchziehen. Da waren wir zu unsicher, sagte X").
# "Es ist eine super Sache.": a short verdict opened by "Es ist"/"Das ist", the way people talk.
_IT_IS = re.compile(r"(?:Es|Das)\s+ist\s+(?:ein|eine|einfach|schon|wirklich|sehr|total|kein|keine)\b")
_MODAL = re.compile(r"\b(?:muss|müssen|kann|können|darf|dürfen|sollte|sollten)\b")


def _spoken_before(text, sentences, index: int, start: int, covered, finder: SpeakerFinder) -> int:
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


def _reported_clause(text: str, s: int, e: int) -> int:
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


_ASKED = re.compile(r"(?:Auf die Frage|Gefragt|Angesprochen auf|Darauf angesprochen)\b")


def _second_cue(text: str, content_end: int, e: int, finder: SpeakerFinder) -> tuple[int, str, Speaker] | None:
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


def _after_inner_cue(text: str, content_end: int, e: int) -> int | None:
    """Where the words go on after a cue clause inside a sentence ("…, schreibt X, sie haben …",
    "…, sagt X: Da hast du …")."""
    comma = text.find(", ", content_end + 2, e)
    colon = text.find(": ", content_end + 2, e)
    own = _own_words_after_cue(text, content_end, e)
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


def _own_words_after_cue(text: str, content_end: int, e: int) -> int | None:
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
_COORDINATING = frozenset("aber und denn doch sondern oder".split())


def _goes_on(text: str, last: Quote, before, s: int, e: int, finder: SpeakerFinder) -> bool:
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


def _reported_end(text: str, start: int, end: int) -> int:
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
