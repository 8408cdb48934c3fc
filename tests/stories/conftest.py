"""Real articles (10kGNAD, read at run time, never copied) and agency-style copies of them."""

from __future__ import annotations

import csv
import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bench.bench_duplicates import make_copy, sentences

ROOT = Path(__file__).resolve().parents[2]
GNAD = ROOT / ".." / "shared" / "data" / "real_news_10kgnad" / "test.csv"
START = datetime(2025, 3, 1, 8, 0, tzinfo=timezone.utc)


def real_texts() -> dict[str, list[str]]:
    """Category -> article texts of at least 120 words."""
    by_category: dict[str, list[str]] = {}
    with open(GNAD, encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter=";", quotechar="'"):
            if len(row) == 2 and len(row[1].split()) >= 120:
                by_category.setdefault(row[0], []).append(row[1])
    return by_category


@pytest.fixture(scope="session")
def texts() -> dict[str, list[str]]:
    return real_texts()


def copy_of(text: str, seed: int, texts: dict[str, list[str]]) -> tuple[str, str]:
    """(title, body) of an outlet's edited copy of a text."""
    rng = random.Random(seed)
    filler = [s for t in texts["Sport"][:5] for s in sentences(t)]
    title, body, _edits = make_copy(text, rng, filler)
    return title, body


def write_md(folder: Path, name: str, title: str, body: str, source: str, hours: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    front = {"title": title, "date": (START + timedelta(hours=hours)).isoformat(), "source": source}
    path = folder / f"{name}.md"
    path.write_text("---\n" + "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in front.items())
                    + "\n---\n\n" + body + "\n", encoding="utf-8")
    return path
