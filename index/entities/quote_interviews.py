"""Interviews: every answer is a direct quote of the interviewee.

Two layouts occur in news: labels inside the text ("STANDARD: …? Monedero: …") and question
paragraphs ending in "?" each followed by an answer paragraph (the first answer often starts
with the interviewee's name and a colon).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

_LABEL = re.compile(r"(?:(?<=^)|(?<=[.?!…“\"]\s)|(?<=\n))([A-ZÄÖÜ][\w.’'-]+(?: [A-ZÄÖÜ][\w.’'-]+){0,2}):\s")
_COLON_SPACE = re.compile(r":\s")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")


@lru_cache(maxsize=4)  # asked twice per text: for the speakers' names, then for the quotes
def interview_answers(text: str) -> tuple[list[tuple[int, int, int, int]], int]:
    """(answer start, answer end, label start, label end) for each answer, the label span empty
    when the layout names nobody; and where the interview starts (its first question)."""
    answers = _labelled(text)
    if answers:
        first = _LABEL.search(text)
        return answers, first.start() if first else answers[0][0]
    answers = _paragraphs(text)
    if answers:
        return answers, max(0, text.rfind("\n\n", 0, max(0, text.rfind("\n\n", 0, answers[0][0]))))
    return [], 0


def _labelled(text: str) -> list[tuple[int, int, int, int]]:
    if len(_COLON_SPACE.findall(text)) < 4:  # two speakers labelled twice each at least; most texts have fewer
        return []
    labels = list(_LABEL.finditer(text))
    names = {m.group(1) for m in labels}
    # "Christian Lindner:" first, "Lindner:" after: one speaker
    key = {name: name.split()[-1] if " " in name and name.split()[-1] in names else name for name in names}
    counts = Counter(key[m.group(1)] for m in labels)
    speakers = [name for name, n in counts.items() if n >= 2]
    if len(speakers) < 2:
        return []
    labels = [m for m in labels if key[m.group(1)] in speakers]
    segments: dict[str, list[tuple[int, int, re.Match]]] = {name: [] for name in speakers}
    for k, m in enumerate(labels):
        end = labels[k + 1].start() if k + 1 < len(labels) else _paragraph_end(text, m.end())
        segments[key[m.group(1)]].append((m.end(), end, m))
    asking = _asking(text, segments)
    if not asking or asking == set(speakers):
        return []
    answers = sorted((a, b, m.start(1), m.end(1)) for name in speakers if name not in asking for a, b, m in segments[name])
    if text[answers[0][2]:answers[0][3]] in ANSWER_LABELS:
        # "Frage: Herr Urmson, …? Antwort: …": the one the questions address; none in a FAQ
        addressed = _ADDRESSED.search(text, labels[0].start(), answers[0][2])
        if addressed is not None:
            return [(a, b, addressed.start(1), addressed.end(1)) for a, b, *_ in answers]
    return answers


def _asking(text: str, segments: dict[str, list[tuple[int, int, re.Match]]]) -> set[str]:
    """The interviewer: whose turns mostly end in a question, else (an interviewer who also states
    things: "STANDARD: Viel wird über die Ausbildung geklagt.") the one who asks in a third of the
    turns or more and at least twice as often as anyone else."""
    share = {name: sum(text[a:b].rstrip().endswith("?") for a, b, _ in parts) / len(parts)
             for name, parts in segments.items()}
    asking = {name for name, part in share.items() if part > 0.5}
    if asking:
        return asking
    top = max(share, key=lambda name: share[name])
    if share[top] >= 1 / 3 and all(part * 2 <= share[top] for name, part in share.items() if name != top):
        return {top}
    return set()


def _paragraph_end(text: str, at: int) -> int:
    end = text.find("\n\n", at)
    return len(text) if end < 0 else end


def _paragraphs(text: str) -> list[tuple[int, int, int, int]]:
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    answers = []
    for k in range(len(paragraphs) - 1):
        a, b = paragraphs[k]
        if text[a:b].rstrip().endswith("?") and not text[slice(*paragraphs[k + 1])].rstrip().endswith("?"):
            answers.append(paragraphs[k + 1])
    if len(answers) < 3:
        return []
    # Questions and answers alternate in an interview; an article whose section headings ask
    # ("Was muss nun passieren?") has many paragraphs between them.
    questions = sum(1 for a, b in paragraphs if answers[0][0] - 300 <= b and a <= answers[-1][1]
                    and text[a:b].rstrip().endswith("?"))
    spanned = sum(1 for a, b in paragraphs if answers[0][0] - 300 <= b and a <= answers[-1][1])
    if questions * 4 < spanned:
        return []
    found = []
    label = (0, 0)
    for a, b in answers:
        match = _LABEL.match(text, a)
        if match is not None:
            label = (match.start(1), match.end(1))
            a = match.end()
        found.append((a, b, *label))
    # The first labelled answer names the interviewee for all, else the first question addressing
    # them ("Herr Müller, wie geht es weiter?").
    named = next(((s, e) for *_, s, e in found if e > s), None)
    if named is None:
        addressed = _ADDRESSED.search(text, max(0, text.rfind("\n\n", 0, answers[0][0] - 2)), answers[0][0])
        named = (addressed.start(1), addressed.end(1)) if addressed else None
    return [(a, b, *(named or (0, 0))) for a, b, *_ in found]


# Labels of answers that name no one ("Frage: … Antwort: …").
ANSWER_LABELS = frozenset({"Antwort", "A"})
_ADDRESSED = re.compile(r"\b(?:Herr|Frau)\s+((?:Dr\.\s+)?[A-ZÄÖÜ][\w-]+)")
