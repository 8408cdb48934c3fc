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

The rules live in modules small enough to read in one sitting, each importing only those before it:
quote_base (helpers they share), quote_marks (pairing quotation marks), quote_voice (the speaker's
own words or a report), quote_unmarked (text that lost its marks), quote_context_speakers
(speakers from the sentences around), quote_cue_clauses (cue clauses in a sentence),
quote_attribution (who said a marked quote), quote_extents and quote_introductions (where a
sentence's quote starts and ends; cues outside their sentence), quote_sentences (reading sentence
by sentence). Interviews, embedded posts and speakers: quote_interviews, quote_posts,
quote_speakers.
"""

from __future__ import annotations

import re

from ..models import Mention, Quote
from . import quote_text as qt
from .quote_attribution import attribute_marked, block_quotes
from .quote_base import CUE_WORDS, make_quote
from .quote_interviews import interview_answers
from .quote_marks import marked_quotes, marks_lost
from .quote_posts import embedded_posts
from .quote_sentences import sentence_quotes
from .quote_speakers import Speaker, SpeakerFinder
from .quote_unmarked import own_words_after_colon, whole_quotes

# Stored with each article's quotes: a library quoted by an older version is quoted again on upgrade.
VERSION = 72


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
    sentence_quotes(text, sentences, marked, finder, found, covered, unmarked=unmarked)
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
    sentence_quotes(text, inside, marked, finder, nested, [], unmarked=unmarked)
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
