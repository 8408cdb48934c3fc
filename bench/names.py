"""Names for the benchmark corpus: pools of real first names, surnames and places (from the
gazetteers in ../shared/data), well-known public figures, and sentences that mention them.

Swapping some annotated names in the source sentences for names from these pools gives the
corpus the long tail of distinct names real news has (the sentence sources alone hold only about
18,000 distinct words). The well-known figures make ``person:`` queries find something.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

SURNAMES = Path("gazetteers_de/ler/personennamen.list")
PLACES = Path("gazetteers_de/geonames/dach_places_cities500.derived.jsonl")
FIRST_NAME_GLOB = "gazetteers_de/prenames_germany/raw/Vornamen_*.csv"
_NAME = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?$")
_PLACE_NAME = re.compile(r"^[A-ZÄÖÜ][\w.-]*(?: [\w.-]+){0,2}$")
MIN_PLACE_POPULATION = 2000

# (role as a German newspaper writes it, full name[, name in later mentions]): the people news articles keep coming back to.
PUBLIC_FIGURES = [
    ("Bundeskanzler", "Friedrich Merz"),
    ("Frankreichs Präsident", "Emmanuel Macron"),
    ("EU-Kommissionspräsidentin", "Ursula von der Leyen", "von der Leyen"),
    ("der ukrainische Präsident", "Wolodymyr Selenskyj"),
    ("US-Präsident", "Donald Trump"),
    ("NATO-Generalsekretär", "Mark Rutte"),
    ("Altkanzlerin", "Angela Merkel"),
    ("Ex-Kanzler", "Olaf Scholz"),
    ("der britische Premierminister", "Keir Starmer"),
    ("Verteidigungsminister", "Boris Pistorius"),
    ("Kremlchef", "Wladimir Putin"),
    ("Bundespräsident", "Frank-Walter Steinmeier"),
    ("CSU-Chef", "Markus Söder"),
    ("Italiens Regierungschefin", "Giorgia Meloni"),
    ("Polens Regierungschef", "Donald Tusk"),
    ("Außenminister", "Johann Wadephul"),
    ("Finanzminister", "Lars Klingbeil"),
    ("die frühere Außenministerin", "Annalena Baerbock"),
    ("der frühere Wirtschaftsminister", "Robert Habeck"),
    ("EZB-Präsidentin", "Christine Lagarde"),
    ("UN-Generalsekretär", "António Guterres"),
    ("Ex-US-Präsident", "Joe Biden"),
]
ORGANISATIONS = ["die Bundesregierung", "die EU-Kommission", "die NATO", "die Vereinten Nationen",
                 "die Deutsche Bahn", "die Bundesbank", "die Europäische Zentralbank", "die IG Metall",
                 "Volkswagen", "Siemens", "die Lufthansa", "der Bundestag"]
CAPITALS = ["Berlin", "Paris", "Brüssel", "Kiew", "Moskau", "Washington", "London", "Warschau", "Rom",
            "Wien", "Genf", "Straßburg", "München", "Hamburg", "Frankfurt"]
WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]

# {role} {name}: first mention; {surname}: later mentions; {org}, {place}, {day}, {agency}.
MENTION_SENTENCES = [
    "{role} {name} sagte am {day} in {place}, man werde die Gespräche in den kommenden Wochen fortsetzen.",
    "Wie {org} mitteilte, will {role} {name} noch in dieser Woche nach {place} reisen.",
    "{role} {name} kündigte am {day} an, die Pläne bis zum Jahresende vorzulegen.",
    "{org} bestätigte, dass sich {role} {name} am {day} mit Vertretern aus {place} getroffen habe.",
    "Kritik kam auch von {role} {name}: Die Vorschläge seien „nicht zu Ende gedacht“.",
    "In {place} äußerte sich {role} {name} zurückhaltend zu den Berichten.",
    "{role} {name} hatte zuvor vor übereilten Entscheidungen gewarnt.",
]
FOLLOW_UP_SENTENCES = [
    "{surname} sagte der Nachrichtenagentur {agency}, eine Einigung sei möglich.",
    "Ein Sprecher von {surname} wollte sich dazu am {day} nicht äußern.",
    "{surname} betonte, es gehe um „Verlässlichkeit und Vertrauen“.",
    "Auch {surname} verwies auf die schwierigen Verhandlungen in {place}.",
]


@dataclass
class NamePools:
    first_names: list[str]
    surnames: list[str]
    places: list[str]


def _first_names(data_dir: Path) -> list[str]:
    names: set[str] = set()
    for path in sorted(data_dir.glob(FIRST_NAME_GLOB)):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        if not lines:
            continue
        delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
        header = [h.strip().lower() for h in lines[0].split(delimiter)]
        if "vorname" not in header:
            continue
        column = header.index("vorname")
        for line in lines[1:]:
            parts = line.split(delimiter)
            if len(parts) > column and _NAME.match(parts[column].strip()):
                names.add(parts[column].strip())
    return sorted(names)


def _places(data_dir: Path) -> list[str]:
    places = set()
    with open(data_dir / PLACES, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            name = record.get("name", "")
            if record.get("population", 0) >= MIN_PLACE_POPULATION and _PLACE_NAME.match(name):
                places.add(name)
    return sorted(places)


def load_pools(data_dir: Path) -> NamePools:
    surnames = [line.strip() for line in (data_dir / SURNAMES).read_text(encoding="utf-8").splitlines()]
    return NamePools(first_names=_first_names(data_dir),
                     surnames=sorted({s for s in surnames if _NAME.match(s) and len(s) >= 3}),
                     places=_places(data_dir))


class NameSwapper:
    """Replaces annotated names consistently within one article: the same original name always
    becomes the same new one, and a surname mentioned alone follows the full name's new surname."""

    def __init__(self, pools: NamePools, rng: random.Random, share: float):
        self.pools = pools
        self.rng = rng
        self.share = share
        self.words: dict[str, str] = {}
        self.places: dict[str, str] = {}

    def person(self, surface: str) -> str:
        words = surface.split()
        if len(words) > 3 or not all(_NAME.match(w) for w in words):
            return surface  # titles, initials or particles: leave as written
        swapped = []
        for position, word in enumerate(words):
            if word not in self.words:
                keep = self.rng.random() >= self.share
                pool = self.pools.surnames if position == len(words) - 1 else self.pools.first_names
                self.words[word] = word if keep or not pool else self.rng.choice(pool)
            swapped.append(self.words[word])
        return " ".join(swapped)

    def place(self, surface: str) -> str:
        if surface not in self.places:
            keep = self.rng.random() >= self.share or not self.pools.places
            self.places[surface] = surface if keep else self.rng.choice(self.pools.places)
        return self.places[surface]


def figure_weights() -> list[float]:
    """Zipf-like: the first figures appear in many articles, the last in few."""
    return [1.0 / (rank + 1) for rank in range(len(PUBLIC_FIGURES))]


def mention_sentences(rng: random.Random, agency: str, count: int) -> list[str]:
    """Sentences about ``count`` public figures: a first mention and sometimes a follow-up."""
    people = rng.choices(PUBLIC_FIGURES, weights=figure_weights(), k=count)
    sentences = []
    for role, name, *short in people:
        slots = {"role": role, "name": name, "surname": short[0] if short else name.split()[-1], "org": rng.choice(ORGANISATIONS),
                 "place": rng.choice(CAPITALS), "day": rng.choice(WEEKDAYS), "agency": agency}
        first = rng.choice(MENTION_SENTENCES).format(**slots)
        sentences.append(first[0].upper() + first[1:])
        if rng.random() < 0.5:
            follow_up = rng.choice(FOLLOW_UP_SENTENCES).format(**slots)
            sentences.append(follow_up[0].upper() + follow_up[1:])
    return sentences
