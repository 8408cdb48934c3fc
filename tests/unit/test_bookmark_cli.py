"""`reader bookmarks ...` as a person types it: add, list, remove, export, import, and its errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"


def run(capsys, data_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data_dir(tmp_path, capsys) -> Path:
    path = tmp_path / "library"
    assert run(capsys, path, "add", str(SEEDS))[0] == 0
    return path


@pytest.fixture
def article_ids(data_dir, capsys) -> list[str]:
    code, out, _ = run(capsys, data_dir, "articles", "--json")
    return [a["id"] for a in json.loads(out)]


def bookmark_list(capsys, data_dir: Path) -> list[dict]:
    code, out, _ = run(capsys, data_dir, "bookmarks", "list", "--json")
    assert code == 0
    return json.loads(out)


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader"), err
    assert "Traceback" not in err
    return lines[0]


def test_add_a_passage_by_quote_prints_it(capsys, data_dir, article_ids):
    code, out, err = run(capsys, data_dir, "bookmarks", "add", article_ids[0], "--quote", "Sicherheitsgarantien",
                         "--note", "Kernbegriff", "--tag", "Ukraine", "--tag", "Koalition der Willigen")
    assert code == 0, err
    assert "Bookmark 1" in out and "> Sicherheitsgarantien" in out and "Kernbegriff" in out
    assert "#Ukraine #Koalition der Willigen" in out


def test_add_json_gives_offsets_into_the_article(capsys, data_dir, article_ids):
    code, out, _ = run(capsys, data_dir, "bookmarks", "add", article_ids[1][:6], "--quote", "Paris", "--json")
    saved = json.loads(out)
    assert code == 0 and saved["article"] == article_ids[1] and saved["quote"] == "Paris"
    code, out, _ = run(capsys, data_dir, "show", article_ids[1], "--json")
    assert json.loads(out)["body"][saved["start"]:saved["end"]] == "Paris"
    assert bookmark_list(capsys, data_dir) == [{**saved}]


def test_add_whole_article_with_note(capsys, data_dir, article_ids):
    code, out, _ = run(capsys, data_dir, "bookmarks", "add", article_ids[2], "--note", "später lesen", "--json")
    saved = json.loads(out)
    assert (saved["start"], saved["quote"], saved["note"]) == (None, None, "später lesen")


@pytest.mark.parametrize("argv, message", [
    (["bookmarks", "add", "ffffffffffffffff"], "No article with id 'ffffffffffffffff'."),
    (["bookmarks", "add", "{first}", "--quote", "Dieser Satz steht nirgends"],
     "does not occur in article {first}."),
    (["bookmarks", "remove", "42"], "No bookmark with id 42."),
    (["bookmarks", "import", "{missing}"], "There is no file"),
])
def test_user_errors_are_one_line_and_exit_non_zero(capsys, data_dir, article_ids, tmp_path, argv, message):
    fill = {"first": article_ids[0], "missing": str(tmp_path / "fehlt.md")}
    code, _, err = run(capsys, data_dir, *[a.format(**fill) for a in argv])
    assert code == 1
    assert message.format(**fill) in one_line_error(err)
    assert bookmark_list(capsys, data_dir) == []


def test_a_bookmark_id_must_be_a_number(capsys, data_dir):
    with pytest.raises(SystemExit) as exited:
        main(["--data-dir", str(data_dir), "bookmarks", "remove", "drei"])
    assert exited.value.code == 2
    assert "'drei' is not a bookmark id" in one_line_error(capsys.readouterr().err)


def test_list_and_remove(capsys, data_dir, article_ids):
    for quote in ("Macron", "Paris"):
        run(capsys, data_dir, "bookmarks", "add", article_ids[0], "--quote", quote)
    code, out, _ = run(capsys, data_dir, "bookmarks", "list")
    assert code == 0 and "2 bookmarks" in out and "“Macron”" in out
    first, second = bookmark_list(capsys, data_dir)
    assert first["start"] < second["start"]
    code, _, err = run(capsys, data_dir, "bookmarks", "remove", str(first["id"]))
    assert code == 0 and f"Removed bookmark {first['id']}." in err
    assert bookmark_list(capsys, data_dir) == [second]


def test_list_when_empty_says_how_to_add(capsys, data_dir):
    code, out, _ = run(capsys, data_dir, "bookmarks", "list")
    assert code == 0 and "No bookmarks yet" in out


def test_export_to_stdout(capsys, data_dir, article_ids):
    run(capsys, data_dir, "bookmarks", "add", article_ids[0], "--quote", "Macron", "--note", "*wer* sonst?")
    code, out, _ = run(capsys, data_dir, "bookmarks", "export")
    assert code == 0
    assert out.startswith("# Bookmarks\n") and "> Macron\n" in out and "\\*wer\\* sonst?" in out


def test_export_to_a_file_refuses_to_overwrite_without_force(capsys, data_dir, article_ids, tmp_path):
    run(capsys, data_dir, "bookmarks", "add", article_ids[0], "--quote", "Macron")
    target = tmp_path / "Notizen für Öffentlichkeit" / "meine Lesezeichen.md"
    target.parent.mkdir()
    code, out, err = run(capsys, data_dir, "bookmarks", "export", "-o", str(target))
    assert code == 0 and out == "" and f"Exported 1 bookmark to {target}." in err
    assert "> Macron" in target.read_text(encoding="utf-8")
    target.write_text("eigene Notizen", encoding="utf-8")
    code, _, err = run(capsys, data_dir, "bookmarks", "export", "-o", str(target))
    assert code == 1 and "already exists; use --force to overwrite it." in one_line_error(err)
    assert target.read_text(encoding="utf-8") == "eigene Notizen"
    code, _, _ = run(capsys, data_dir, "bookmarks", "export", "-o", str(target), "--force")
    assert code == 0 and "> Macron" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in target.parent.iterdir()) == ["meine Lesezeichen.md"]


def test_export_then_import_into_a_fresh_library(capsys, data_dir, article_ids, tmp_path):
    run(capsys, data_dir, "bookmarks", "add", article_ids[0], "--quote", "Macron", "--tag", "Frankreich Paris")
    run(capsys, data_dir, "bookmarks", "add", article_ids[3], "--note", "ganzer Artikel\nzweite Zeile")
    run(capsys, data_dir, "bookmarks", "add", article_ids[4], "--quote", "Sicherheitsgarantien", "--note", "[x]")
    export = tmp_path / "export.md"
    run(capsys, data_dir, "bookmarks", "export", "-o", str(export))
    fresh = tmp_path / "fresh"
    run(capsys, fresh, "add", str(SEEDS))
    code, _, err = run(capsys, fresh, "bookmarks", "import", str(export))
    assert code == 0 and "Imported 3 bookmarks." in err
    assert bookmark_list(capsys, fresh) == bookmark_list(capsys, data_dir)
    code, _, err = run(capsys, fresh, "bookmarks", "import", str(export))
    assert code == 0 and "Imported 0 bookmarks, 3 already there." in err
    assert len(bookmark_list(capsys, fresh)) == 3


def test_import_of_a_file_that_is_not_an_export(capsys, data_dir, tmp_path):
    notes = tmp_path / "notizen.md"
    notes.write_text("# Notizen\n\nnichts\n", encoding="utf-8")
    code, _, err = run(capsys, data_dir, "bookmarks", "import", str(notes))
    assert code == 1
    assert f"{notes}: It holds no bookmarks written by 'reader bookmarks export'." in one_line_error(err)


def test_the_reader_command_in_a_subprocess(data_dir, article_ids, tmp_path):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
           "READER_DATA_DIR": str(data_dir)}
    command = [sys.executable, "-c", "import sys; from reader.cli import main; sys.exit(main())", "bookmarks"]

    def reader(*argv: str) -> subprocess.CompletedProcess:
        return subprocess.run(command + list(argv), capture_output=True, text=True, env=env, cwd=tmp_path)

    added = reader("add", article_ids[0], "--quote", "Macron", "--json")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["quote"] == "Macron"
    failed = reader("add", article_ids[0], "--quote", "kein solcher Text")
    assert failed.returncode == 1 and "does not occur in article" in one_line_error(failed.stderr)
    exported = reader("export")
    assert exported.returncode == 0 and "> Macron" in exported.stdout
