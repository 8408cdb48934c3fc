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

from ..models import Mention
from .cues import role_of

_PRONOUNS = frozenset({"er", "sie", "Er"})  # "Sie" capitalised is also the formal "you"
_TOKEN = re.compile(r"[\wÄÖÜäöüß-]+")
# "der 34-Jährige", "die 28-Jährige": an age standing for the person.
_AGE = re.compile(r"^\d+-[Jj]ährige[rn]?$")
_SPOKESPERSON = ("sprecher", "sprecherin", "sprecherinnen")
_GENERIC_PEOPLE = frozenset("""man jemand niemand kritiker experten beobachter insider insidern
    fachleute anrainer analysten anwälte vertreter""".split())


@dataclass(frozen=True)
class Speaker:
    entity: str | None  # provisional entity id of the mention (resolved like any mention)
    text: str  # how the cue names the speaker: "Stefanovic", "er", "der Sprecher"


class SpeakerFinder:
    """Finds speakers in one text; remembers the last one for pronouns and roles."""

    def __init__(self, text: str, mentions: list[Mention]):
        self.text = text
        self.mentions = sorted((m for m in mentions if m.kind in ("person", "org") and not m.partial),
                               key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        self.last: Speaker | None = None
        self.last_end = -1

    def remember(self, speaker: Speaker | None, at: int) -> None:
        if speaker is not None and speaker.entity is not None:
            self.last, self.last_end = speaker, at

    def recent(self, at: int, within: int = 1500) -> Speaker | None:
        """The last speaker if it spoke shortly before `at`."""
        if self.last is not None and 0 <= at - self.last_end <= within:
            return self.last
        return None

    def in_region(self, start: int, end: int) -> Speaker | None:
        """The speaker a cue region names, or None."""
        if end <= start:
            return None
        first = bisect_left(self._starts, start)
        inside = [m for m in self.mentions[first:] if m.start < end and m.end <= end]
        tokens = list(_TOKEN.finditer(self.text, start, end))
        for k, token in enumerate(tokens):
            at = token.start()
            mention = next((m for m in inside if m.start <= at < m.end), None)
            if mention is not None:
                if mention.kind == "org":
                    # "der Chef der Gruppe, Humberto de la Calle": a person named later in the region wins.
                    person = next((m for m in inside if m.kind == "person" and m.start > mention.end), None)
                    if person is not None and not self._spokesperson_before(tokens, k):
                        return Speaker(person.entity, person.text)
                return Speaker(mention.entity, mention.text)
            word = token.group(0)
            if word in _PRONOUNS and k <= 2:
                return self._referent(at, word)
            if word.casefold() in _GENERIC_PEOPLE:
                return None
            if _AGE.match(word) or (role_of(word) and not self._name_follows(inside, token.end())):
                if word.casefold().startswith(_SPOKESPERSON) or word.casefold().endswith(_SPOKESPERSON):
                    org = next((m for m in inside if m.kind == "org" and m.start >= token.end()), None)
                    if org is not None:
                        return Speaker(org.entity, org.text)
                article = self.text[max(start, at - 5):at].strip().casefold()
                if article.endswith(("ein", "eine", "einer", "einem")):
                    return None  # "ein Sprecher", "eine Anwältin": someone unnamed
                return self._role_referent(at, word)
        return None

    def _spokesperson_before(self, tokens, k: int) -> bool:
        return any(t.group(0).casefold().endswith(_SPOKESPERSON) for t in tokens[:k])

    def _name_follows(self, inside: list[Mention], at: int) -> bool:
        return any(m.kind == "person" and 0 <= m.start - at <= 3 for m in inside)

    def _referent(self, at: int, word: str) -> Speaker | None:
        recent = self.recent(at)
        if recent is not None:
            return Speaker(recent.entity, word)
        person = self._last_person_before(at)
        return Speaker(person.entity, word) if person is not None else None

    def _role_referent(self, at: int, word: str) -> Speaker | None:
        """"der Landeshauptmann": the person last named with that role, else the last speaker."""
        role = (role_of(word) or word).casefold()
        for m in reversed(self.mentions[:bisect_left(self._starts, at)]):
            if m.kind == "person" and m.role and (m.role.casefold().endswith(role) or role.endswith(m.role.casefold())):
                return Speaker(m.entity, word)
        recent = self.recent(at)
        if recent is not None:
            return Speaker(recent.entity, word)
        person = self._last_person_before(at)
        return Speaker(person.entity, word) if person is not None else None

    def _last_person_before(self, at: int) -> Mention | None:
        for m in reversed(self.mentions[:bisect_left(self._starts, at)]):
            if m.kind == "person" and at - m.end < 2000:
                return m
        return None

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
