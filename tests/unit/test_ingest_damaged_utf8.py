"""A few invalid bytes in an otherwise UTF-8 file are replaced; the rest reads as written.
Text in a code page (every umlaut an invalid byte) is still recognised as such."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.reliability.corpus import installed_reader, reader_env

TITLE = "Größere Änderungen für Bürger in Köln"
BODY = "Die Straße am Dom wird gesperrt, sagte Müller. Übermorgen beginnt die Sanierung der Brücke."


def reader(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([installed_reader(), "--data-dir", str(data_dir), *args], capture_output=True,
                          text=True, env=reader_env(), timeout=120)


def imported_article(path: Path, data_dir: Path) -> dict:
    added = reader("add", str(path), data_dir=data_dir)
    assert added.returncode == 0, added.stdout + added.stderr
    (listed,) = json.loads(reader("articles", "--json", data_dir=data_dir).stdout)
    return json.loads(reader("show", listed["id"], "--json", data_dir=data_dir).stdout)


def test_invalid_bytes_in_utf8_text_are_replaced_and_the_rest_kept(tmp_path: Path) -> None:
    damaged = (f"{TITLE}\n\n{BODY} Danach".encode() + b"\xff" + " wird gefeiert, sagt Jürgen.".encode()
               + b" Zum Schlu\xc3" + " über alles.\n".encode())
    (tmp_path / "beschaedigt.txt").write_bytes(damaged)
    article = imported_article(tmp_path / "beschaedigt.txt", tmp_path / "library")
    assert article["title"] == TITLE
    assert article["body"] == f"{BODY} Danach\ufffd wird gefeiert, sagt Jürgen. Zum Schlu\ufffd über alles."


def test_text_in_a_code_page_is_still_decoded_as_such(tmp_path: Path) -> None:
    (tmp_path / "cp1252.txt").write_bytes(f"{TITLE}\n\n{BODY} Eine kleine Ü\u00a0\u201ecp1252\u201c-Datei.\n".encode("cp1252"))
    article = imported_article(tmp_path / "cp1252.txt", tmp_path / "library")
    assert article["title"] == TITLE
    assert article["body"] == f"{BODY} Eine kleine Ü „cp1252“-Datei."
