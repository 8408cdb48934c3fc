"""An entity recognition bug costs an article its entities, never the article (issue 26.2).

The bug is injected through the installed command: READER_DEBUG_FAIL_RECOGNITION=WORD makes
recognition raise on every text containing WORD, in the worker pool and in the main process.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.reliability.corpus import installed_reader, reader_env, run_reader, write_corpus

TRIGGER = "Störwortzwölf"  # recognition raises on the articles with this word
TRIPPING = 2


def write_tripping_articles(folder: Path) -> None:
    for number in range(TRIPPING):
        (folder / f"stolperstein_{number}.txt").write_text(
            f"Angela Merkel besucht Hamburg (Teil {number})\n\n"
            f"Angela Merkel sprach am Montag in Hamburg mit Olaf Scholz über das {TRIGGER}-Projekt. "
            f"Die Stadt Hamburg plant den Abschnitt {number} für das kommende Jahr.\n", encoding="utf-8")


def add_with_the_bug(data_dir: Path, folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([installed_reader(), "--data-dir", str(data_dir), "add", str(folder)],
                          capture_output=True, text=True, timeout=300,
                          env={**reader_env(), "READER_DEBUG_FAIL_RECOGNITION": TRIGGER})


def tripping_ids_and_mentions(data_dir: Path) -> dict[str, list]:
    result = run_reader("search", TRIGGER, "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    ids = [hit["id"] for hit in json.loads(result.stdout)]
    mentions = {}
    for article_id in ids:
        shown = run_reader("show", article_id, "--json", data_dir=data_dir)
        assert shown.returncode == 0, shown.stderr
        mentions[article_id] = [m["text"] for m in json.loads(shown.stdout)["mentions"]]
    return mentions


@pytest.mark.parametrize(("articles", "retry"), [(45, "add"), (10, "doctor --fix")],
                         ids=["worker pool, retried by add", "in process, retried by doctor --fix"])
def test_articles_whose_recognition_fails_are_stored_searchable_listed_and_retried(tmp_path, articles, retry):
    folder, data_dir = tmp_path / "articles", tmp_path / "library"
    write_corpus(folder, articles)
    write_tripping_articles(folder)

    first = add_with_the_bug(data_dir, folder)
    assert first.returncode == 0, first.stderr
    assert f"{articles + TRIPPING} added, 0 updated, 0 unchanged" in first.stderr  # none failed
    warnings = [line for line in first.stderr.splitlines() if "entity recognition failed" in line]
    assert len(warnings) == 1 and f"failed on {TRIPPING} articles" in warnings[0], first.stderr
    assert "Traceback" not in first.stderr
    log = (data_dir / "reader.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "InjectedFailure" in log and "stolperstein_0.txt" in log

    stored_without = tripping_ids_and_mentions(data_dir)
    assert len(stored_without) == TRIPPING  # searchable
    assert all(found == [] for found in stored_without.values())

    doctor = run_reader("doctor", "--json", data_dir=data_dir)
    assert doctor.returncode == 1
    problems = {p["code"]: p for p in json.loads(doctor.stdout)["problems"]}
    assert sorted(problems["analysis-failed"]["ids"]) == sorted(stored_without)

    again = run_reader(*retry.split(), *([str(folder)] if retry == "add" else []), data_dir=data_dir)
    assert again.returncode == 0, again.stdout + again.stderr
    if retry == "add":
        assert f"0 added, 0 updated, {articles + TRIPPING} unchanged" in again.stderr
        assert f"Recognised the entities of {TRIPPING} articles" in again.stderr
    recognised = tripping_ids_and_mentions(data_dir)
    assert recognised.keys() == stored_without.keys()
    assert all("Angela Merkel" in found and "Hamburg" in found for found in recognised.values()), recognised
    entity = run_reader("search", "person:Merkel", "--json", data_dir=data_dir)
    assert sorted(hit["id"] for hit in json.loads(entity.stdout)) == sorted(recognised)
    healthy = run_reader("doctor", data_dir=data_dir)
    assert healthy.returncode == 0 and "healthy" in healthy.stdout, healthy.stdout
