"""Team line-ups: "Rapid: Novota – Auer, Sonnleitner (59. Schobesberger), S. Hofmann – Beric",
and scorers with their minute: "Tore: Rosseli (44.)".

Every name in a line-up is a player, whatever it would mean elsewhere ("Adler", "Hunt",
"Miranda"), while the CRF, seeing no sentence around them, calls them places or nothing. A
line-up is told by its shape: capitalised names of one to three words joined by commas and
dashes, with substitutions "(61. Name)". A full stop after the minute ends a sentence, so the
shape is read across sentences; an unmatched ")" or a trailing "(61." counts as a substitution.
A preview's line-up has no substitutions ("Grödig: Swete – Kainz, Pichler, Strobl/Denner –
Brauer, Rasner – Schütz"): after a team's colon, five names or more joined by three commas or
more and a dash are one too (a route has no commas, a list of towns no dashes), and "A/B"
names either player.
"""

from __future__ import annotations

from .gazetteer import Gazetteer
from .lexicon import CommonNouns, Lexicon
from .plain_words import german_zipf
from .spans import Span

_COMMAS = frozenset({",", ";", "/"})  # "Strobl/Denner": either player
_DASHES = frozenset({"-", "–", "—"})
_MONTHS = frozenset("Januar Jänner Februar Feber März April Mai Juni Juli August September "
                    "Oktober November Dezember".split())
_LONGEST_NAME = 3  # words
_PREVIEW_NAMES = 5  # a keeper and four others
_PREVIEW_COMMAS = 3
_LATEST_MINUTE = 130
EVERYDAY_ZIPF = 4.0  # wordfreq: "gelbe" 4.2, "Monschein" unknown


def _name_word(word: str) -> bool:
    return len(word) > 1 and word[:1].isupper() and not word.isupper() and word not in _MONTHS \
        and word.replace("-", "").replace("'", "").isalpha()


def _name_end(words: list[str], i: int, lexicon: Lexicon) -> int | None:
    """The end of a player's name starting at `i` ("S. Hofmann", "El Ghazi"), or None; a
    short everyday word after the name opens the next sentence ("Alar Es fehlen: ...")."""
    j = i
    if j + 2 < len(words) and len(words[j]) <= 2 and words[j][:1].isupper() and words[j].isalpha() \
            and words[j + 1] == ".":
        j += 2  # an initial: "S. Hofmann", "Ch. Leitgeb"
    start = j
    while j < len(words) and j - start < _LONGEST_NAME and _name_word(words[j]) \
            and not (j > start and len(words[j]) <= 4 and words[j].lower() in lexicon.common_words
                     and words[j] not in lexicon.surnames):
        j += 1
    return j if j > start else None


def _minute(words: list[str], i: int) -> bool:
    """"( 61 ." at `i`: the minute of a substitution."""
    return i + 2 < len(words) and words[i] == "(" and words[i + 1].isdecimal() \
        and 0 < int(words[i + 1]) <= _LATEST_MINUTE and words[i + 2] == "."


class _Run:
    def __init__(self) -> None:
        self.names: list[tuple[int, int]] = []
        self.team: tuple[int, int] | None = None  # "Rapid" of "Rapid: Novota – ..."
        self.dashes = 0
        self.commas = 0
        self.substitutions = 0

    def is_lineup(self) -> bool:
        if self.team is not None and len(self.names) >= _PREVIEW_NAMES and self.dashes >= 1 \
                and self.commas >= _PREVIEW_COMMAS:
            return True  # a preview's line-up, without substitutions
        return len(self.names) >= 2 and self.substitutions >= 1 \
            and (self.dashes >= 1 or self.substitutions >= 2)


def _runs(words: list[str], gazetteer: Gazetteer, lexicon: Lexicon) -> list[_Run]:
    runs: list[_Run] = []
    run = _Run()
    first_bracket = words.index("(") if "(" in words else len(words)
    coming_on = False  # after "(61.": the next name and ")" complete a substitution
    i = 0
    while i < len(words):
        end = _name_end(words, i, lexicon)
        closes = end is not None and (end == len(words) or words[end] == ")")
        if end is None or coming_on and not (closes and _player_name(words[end - 1], lexicon)):
            if coming_on:  # "(21. Bezirk)", "(3. Etappe – ...)": no substitution
                run.substitutions -= 1
            runs.append(run)
            run = _Run()
            coming_on = False
            i += 1
            continue
        if end < len(words) and words[end] == ":":  # "Rapid:", "Gelbe Karten:" open a list
            team_start, _ = _team(words, i, end, gazetteer)
            before = team_start == i + 1 and _unusual_word(words[i], lexicon)
            if before and run.names:
                run.names.append((i, i + 1))  # "... – Monschein Salzburg: Walke"
            runs.append(run)
            run = _Run()
            run.team = (team_start, end)
            if before and not runs[-1].names:  # "Tor: 1:0 (52.) Brunnauer Wolfsberg: ..."
                run.names.append((i, i + 1))
            i = end + 1
            continue
        run.names.append((i, end))
        i = end
        if i < len(words) and words[i] == ")":
            # the end of a substitution, or of one whose "(61." a full stop cut off
            if coming_on or i < first_bracket:
                run.substitutions += 1 - coming_on
                coming_on = False
                i += 1
            else:
                runs.append(run)  # "Breslau (Wroclaw) – Noch ..."
                run = _Run()
                i += 1
                continue
        if _minute(words, i):
            run.substitutions += 1
            coming_on = True
            i += 3
            continue
        if i < len(words) and words[i] in _DASHES:
            run.dashes += 1
            i += 1
        elif i < len(words) and words[i] in _COMMAS:
            run.commas += 1
            i += 1
        elif i < len(words) and words[i - 1] != ")":
            runs.append(run)  # anything else ends the list; after ")" the next team may follow
            run = _Run()
    runs.append(run)
    return [r for r in runs if r.is_lineup() and (r.substitutions or not _mostly_places(r, words, gazetteer))]


def _mostly_places(run: _Run, words: list[str], gazetteer: Gazetteer) -> bool:
    """Half the names or more are listed places: a route or a list of towns, no line-up."""
    places = 0
    for a, b in run.names:
        hit = gazetteer.match(words, a, b)
        places += hit is not None and hit.entry.kind == "place"
    return 2 * places >= len(run.names)


def _may_hold_lineup(words: list[str]) -> bool:
    """A substitution's minute "(61." somewhere, or a name, ")" and a comma or dash before
    any "(" (a line-up's sentence that began after the minute), or a colon, a dash and commas
    (a preview's): what every line-up has, found without a loop over every word."""
    if ":" in words and _colon_before_keeper(words):
        return True  # perhaps a preview's line-up: "Rapid: Strebinger – Pavelic, ..."
    first_bracket = words.index("(") if "(" in words else len(words)
    j = -1
    while True:  # "Cleber ) , Spahic": a name, an unmatched ")", a comma or a dash
        try:
            j = words.index(")", j + 1, first_bracket)
        except ValueError:
            break
        if j > 0 and words[j - 1][:1].isupper() and j + 1 < len(words) \
                and (words[j + 1] in _COMMAS or words[j + 1] in _DASHES):
            return True
    i = first_bracket
    while i < len(words):
        if _minute(words, i):
            return True
        try:
            i = words.index("(", i + 1)
        except ValueError:
            return False
    return False


def _colon_before_keeper(words: list[str]) -> bool:
    """A colon, one name of up to three words (the keeper) and a dash: "Rapid : Strebinger –",
    "Salzburg : C. Stankovic –"."""
    i = -1
    while True:
        try:
            i = words.index(":", i + 1)
        except ValueError:
            return False
        if any(w in _DASHES for w in words[i + 2:i + 6]) and words[i + 1:i + 2] \
                and words[i + 1][:1].isupper():
            return True


def _player_name(word: str, lexicon: Lexicon) -> bool:
    """Not an everyday word ("(21. Bezirk)"), unless also a surname (Fuchs)."""
    return word in lexicon.surnames or _unusual_word(word, lexicon)


def _unusual_word(word: str, lexicon: Lexicon) -> bool:
    """No everyday word ("Gelbe Karten:", "Rote Karte:")."""
    return word.lower() not in lexicon.common_words and not CommonNouns.contains(word) \
        and german_zipf(word.lower()) < EVERYDAY_ZIPF


def players(spans: list[Span], words: list[str], gazetteer: Gazetteer, lexicon: Lexicon
            ) -> list[Span]:
    """`spans` with each name of a line-up a person and the team before its colon an
    organisation: other spans over them give way, but a well-known place or organisation
    keeps its entry (no player is named "Frankreich")."""
    if not _may_hold_lineup(words):
        return spans
    runs = _runs(words, gazetteer, lexicon)
    names = [(a, b) for run in runs for a, b in run.names]
    if not names:
        return spans
    teams = [run.team for run in runs if run.team is not None]
    named = set()
    for a, b in names:
        hit = gazetteer.match(words, a, b)
        if hit is not None and hit.strong and hit.entry.kind != "person":
            continue
        named.add((a, b))
    clubs = []
    for a, b in teams:
        hit = gazetteer.match(words, a, b)
        if hit is None and b - a == 1 and not _unusual_word(words[a], lexicon):
            continue  # "Ersatz:", "Tor:": a heading, no team
        if hit is None or hit.entry.kind == "org":
            clubs.append(Span(a, b, "org", hit.entry if hit is not None else None))
        else:  # a town's name stays the town's
            clubs.append(Span(a, b, hit.entry.kind, hit.entry))
    inside = {i for a, b in [*named, *((c.start, c.end) for c in clubs)] for i in range(a, b)}
    kept = [s for s in spans if s.part is not None or not any(i in inside for i in range(s.start, s.end))]
    kept += [next((s for s in spans if (s.start, s.end) == (a, b) and s.kind == "person"), None)
             or Span(a, b, "person") for a, b in sorted(named)]
    return kept + clubs


def _team(words: list[str], start: int, end: int, gazetteer: Gazetteer) -> tuple[int, int]:
    """The team's name at the end of the words before a colon: the longest known name that
    ends there, else the last word ("(77.) Schaub Ajax:" is a scorer, then the team)."""
    for a in range(start, end):
        hit = gazetteer.match(words, a, end)
        if hit is not None and (hit.strong or hit.entry.kind in ("org", "place")):
            return a, end
    return end - 1, end


_ARTICLES = frozenset("der die das den dem des".split())


def scorers(spans: list[Span], words: list[str], gazetteer: Gazetteer, lexicon: Lexicon) -> list[Span]:
    """`spans` with a one-word name before the minute a match report gives it a person ("Tore:
    Rosseli (44.), Nyquist (21.)", "Lundberg (43./SH)"): the CRF's place or organisation, or a
    word German does not use or a rare surname that no span holds; not a team with its article
    ("für die Bullen (17.)"), a listed name ("Ungarn (19.)", a ranking) or a German word
    ("Eigentor (30.)", "am Montag (8.)")."""
    from .plain_words import unknown_to_german

    covered = {i for s in spans for i in range(s.start, s.end)}
    added = []
    for i in range(len(words) - 4):
        if not (_minute(words, i + 1) and words[i + 4] in (")", "/", ",")) \
                or i > 0 and words[i - 1].lower() in _ARTICLES:
            continue
        if i not in covered:
            if _name_word(words[i]) and "-" not in words[i] and gazetteer.match(words, i, i + 1) is None \
                    and (unknown_to_german(words[i], lexicon) or words[i] in lexicon.surnames
                         and words[i].lower() not in lexicon.common_words
                         and german_zipf(words[i]) < EVERYDAY_ZIPF):
                added.append(Span(i, i + 1, "person"))
            continue
        for span in spans:
            if span.start == i and span.end == i + 1 and span.kind in ("place", "org") \
                    and span.from_model and span.entry is None and span.part is None:
                span.kind = "person"
    return spans + added
