"""What a file does not state: the day in its file name or URL, the source from the URL's site;
through the installed reader add."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from index.ingest.dates import date_in_name
from tests.reliability.corpus import installed_reader, reader_env

BODY = "Der Stadtrat hat die Sanierung der Brücke vertagt, weil Gutachten fehlen, sagte die Sprecherin."


def reader(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([installed_reader(), "--data-dir", str(data_dir), *args], capture_output=True,
                          text=True, env=reader_env(), timeout=120)


@pytest.mark.parametrize(("name", "day"), [
    ("2020-03-15-bruecke.txt", "2020-03-15"), ("bruecke_20200315.txt", "2020-03-15"),
    ("/politik/2020/03/15/bruecke-gesperrt-100.html", "2020-03-15"), ("2019.12.01 Bericht.md", "2019-12-01"),
    ("bruecke.txt", None), ("a3f20200315bc.txt", None), ("2020-13-45.txt", None),
    ("2020-03-15 bis 2020-04-01.txt", None), ("2999-01-01.txt", None),
])
def test_a_day_in_a_name(name: str, day: str | None) -> None:
    found = date_in_name(name)
    assert (found.value.date().isoformat() if found else None) == day


def test_date_from_the_file_name_and_source_from_the_url_site(tmp_path: Path) -> None:
    folder = tmp_path / "texte"
    folder.mkdir()
    (folder / "2020-03-15-bruecke.txt").write_text(f"Brücke bleibt gesperrt\n\n{BODY}\n", encoding="utf-8")
    (folder / "meldungen.jsonl").write_text(json.dumps(
        {"title": "Stadtrat vertagt", "text": BODY, "url": "https://www.rheinblick.de/lokales/2021/06/30/stadtrat"})
        + "\n", encoding="utf-8")
    (folder / "undatiert.txt").write_text(f"Ohne Datum\n\n{BODY} Ohne Datum.\n", encoding="utf-8")
    data_dir = tmp_path / "library"
    assert reader("add", str(folder), data_dir=data_dir).returncode == 0
    listed = {a["title"]: a for a in json.loads(reader("articles", "--json", data_dir=data_dir).stdout)}
    assert listed["Brücke bleibt gesperrt"]["published"].startswith("2020-03-15")
    assert listed["Stadtrat vertagt"]["published"].startswith("2021-06-30")
    assert listed["Stadtrat vertagt"]["source"] == "rheinblick.de"
    assert listed["Ohne Datum"]["published"] is None and listed["Ohne Datum"]["source"] is None
