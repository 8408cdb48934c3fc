"""Small German articles written by the tests, and helpers to run the installed command."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

PEOPLE = ["Friedrich Merz", "Emmanuel Macron", "Mark Rutte", "Wolodymyr Selenskyj", "Ursula von der Leyen",
          "Annalena Baerbock", "Boris Pistorius", "Keir Starmer", "Giorgia Meloni", "Olaf Scholz"]
PLACES = ["Berlin", "Paris", "Kiew", "Brüssel", "London", "Rom", "Warschau", "Hamburg", "München", "Wien"]
TOPICS = ["Sicherheitsgarantien", "Luftverteidigung", "Waffenstillstand", "Haushaltsstreit", "Energiepreise",
          "Wärmepumpen", "Bahnstreik", "Rentenreform", "Klimaschutz", "Außenpolitik"]
VERBS = ["forderte", "kritisierte", "begrüßte", "verteidigte", "kündigte an", "lehnte ab"]


def marker(number: int) -> str:
    """The made-up word only article ``number`` contains, so a search finds exactly that article."""
    return f"Kennwort{number:05d}x"


def article_text(number: int, rng: random.Random) -> str:
    """Article ``number``: a title line, a blank line and four sentences, one with its marker."""
    person, place, topic = rng.choice(PEOPLE), rng.choice(PLACES), rng.choice(TOPICS)
    sentences = [
        f"{person} {rng.choice(VERBS)} in {place} die Pläne zur {topic}.",
        f"Bei dem Treffen am Donnerstag ging es um {topic} und um die Lage in {rng.choice(PLACES)}.",
        f"Der Bericht trägt das Stichwort {marker(number)}, damit er sich wiederfinden lässt.",
        f"Beobachter in {rng.choice(PLACES)} rechnen mit weiteren Gesprächen über {rng.choice(TOPICS)}.",
    ]
    return f"{topic}: {person} in {place} (Folge {number})\n\n" + " ".join(sentences) + "\n"


def write_corpus(folder: Path, count: int, start: int = 0, seed: int = 7) -> dict[str, str]:
    """``count`` distinct small German articles as .txt files, numbered from ``start``;
    returns {file name: unique word}."""
    rng = random.Random(seed + start)
    folder.mkdir(parents=True, exist_ok=True)
    markers: dict[str, str] = {}
    for number in range(start, start + count):
        name = f"artikel_{number:05d}.txt"
        (folder / name).write_text(article_text(number, rng), encoding="utf-8")
        markers[name] = marker(number)
    return markers


def jsonl_records(count: int, start: int = 0, seed: int = 7) -> list[dict]:
    """The articles of write_corpus as JSON Lines records (title, body, source, date)."""
    rng = random.Random(seed + start)
    records = []
    for number in range(start, start + count):
        title, body = article_text(number, rng).split("\n\n", 1)
        records.append({"title": title, "body": body.strip(), "source": "Testagentur",
                        "date": f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}"})
    return records


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records), encoding="utf-8")
    return path


def installed_reader() -> str:
    beside_python = Path(sys.executable).parent / "reader"
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("reader")
    assert found, "the reader command is not installed (pip install '.[test]')"
    return found


def reader_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "READER_DATA_DIR"}


def run_reader(*args: str, data_dir: Path, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([installed_reader(), "--data-dir", str(data_dir), *args], capture_output=True,
                          text=True, env=reader_env(), timeout=timeout, **kwargs)


def article_ids_from_cli(data_dir: Path) -> list[str]:
    result = run_reader("articles", "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return [article["id"] for article in json.loads(result.stdout)]


def assert_index_agrees_with_store(library) -> None:
    """No hit without an article, no article missing from search."""
    stored = set(library.store.all_ids())
    indexed = library.index.ids()
    assert indexed == stored, (f"{len(stored - indexed)} articles missing from search, "
                               f"{len(indexed - stored)} index documents without an article")
    assert library.index.doc_count() == len(stored), "the search index holds duplicate documents"
