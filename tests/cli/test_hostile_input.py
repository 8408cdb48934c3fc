"""Hostile data through the installed `reader` command (#27.1-7, 12): no escape sequence from data
reaches the terminal, exports write only regular files and link only http(s)/mailto, and one bad
bookmark in a hand-edited file is reported by its line while the rest are imported."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_cli_contract import installed_reader

from reader.export_file import ExportError, export_target

# Every sequence a terminal would act on: clipboard write, window title, hyperlink, clear, reset.
OSC_52 = "\x1b]52;c;aGk=\x07"
OSC_2 = "\x1b]2;pwned\x07"
OSC_8 = "\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\"
CSI = "\x1b[2J"
RESET = "\x1bc"
HOSTILE = OSC_52 + OSC_2 + OSC_8 + CSI + RESET + "\x9b2J"
# A file name cannot hold '/'.
HOSTILE_NAME = HOSTILE.replace("/", "")


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """The command as a terminal would receive it: bytes, stdout and stderr."""
    env = {k: v for k, v in os.environ.items() if k != "READER_DATA_DIR"}
    return subprocess.run([installed_reader(), "--data-dir", str(data_dir), *args],
                          capture_output=True, env=env, timeout=300)


def assert_no_sequence_from_data(result: subprocess.CompletedProcess) -> str:
    """Nothing written holds ESC or an 8-bit CSI; returns both streams as text."""
    for stream in (result.stdout, result.stderr):
        assert b"\x1b" not in stream, stream
        assert "\x9b".encode() not in stream, stream
        assert b"Traceback" not in stream
    return result.stdout.decode() + result.stderr.decode()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict:
    """A library whose every field was fed the hostile sequences, through `reader add`."""
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "in"
    folder.mkdir()
    record = {
        "title": "Merz trifft Macron " + HOSTILE,
        "body": ("Friedrich Merz traf Emmanuel Macron in Paris. " + HOSTILE
                 + " Am Montag sprach Olaf Scholz in Berlin über die Lage."),
        "source": "Quelle " + HOSTILE, "tags": ["Gipfel" + HOSTILE],
        "url": "https://example.org/gipfel" + HOSTILE, "date": "2025-09-01T06:30:00+02:00",
    }
    trick = {"title": "Ein Link zum Klicken", "body": "Angela Merkel besuchte Hamburg am Dienstag.",
             "url": "javascript:alert(document.cookie)", "date": "2025-09-02T06:30:00+02:00"}
    (folder / "feed.jsonl").write_text(json.dumps(record) + "\n" + json.dumps(trick) + "\n", encoding="utf-8")
    (folder / f"bericht {HOSTILE_NAME}.txt").write_text(
        "Bericht über Olaf Scholz\n\nOlaf Scholz sprach in Hamburg über die Zukunft der Wirtschaft.\n",
        encoding="utf-8")
    (folder / f"leer {HOSTILE_NAME}.txt").write_text("", encoding="utf-8")
    data_dir = root / "library"
    added = run(data_dir, "add", str(folder))
    ids = {a["title"].split()[0]: a["id"] for a in json.loads(run(data_dir, "articles", "--json").stdout)}
    return {"root": root, "data_dir": data_dir, "add": added, "ids": ids}


def test_add_names_a_skipped_file_without_passing_its_escape_sequences(hostile):
    # 27.3: the "skipped …" line showed the file name raw.
    shown = assert_no_sequence_from_data(hostile["add"])
    assert "skipped" in shown and "leer ␛]52;c;aGk=" in shown and "␛]2;pwned" in shown


@pytest.mark.parametrize("argv", [
    ["articles"], ["articles", "--json"], ["show", "{merz}"], ["show", "{merz}", "--json"],
    ["show", "{bericht}"], ["show", "{bericht}", "--json"],
    ["search", "Merz"], ["search", "Scholz", "--json"], ["search", HOSTILE], ["search", "Merz " + HOSTILE],
    ["entities"], ["entities", "--json"], ["mentions", "Olaf Scholz"],
])
def test_no_field_of_an_article_reaches_the_terminal_as_a_sequence(hostile, argv):
    ids = hostile["ids"]
    argv = [word.format(merz=ids["Merz"], bericht=ids["Bericht"]) if word.startswith("{") else word
            for word in argv]
    result = run(hostile["data_dir"], *argv)
    assert result.returncode in (0, 1), result.stderr
    assert_no_sequence_from_data(result)


def test_json_output_keeps_the_exact_data(hostile):
    articles = json.loads(run(hostile["data_dir"], "articles", "--json").stdout)
    urls = {a["url"] for a in articles}
    assert "https://example.org/gipfel" + HOSTILE in urls  # stored as it came, escaped only in JSON
    assert any(HOSTILE_NAME in (a["path"] or "") for a in articles)


def test_notes_and_tags_of_bookmarks_reach_no_terminal_as_sequences(hostile, tmp_path):
    # 27.2: `bookmarks add` echoes --note and --tag, `bookmarks list` shows them.
    data_dir = tmp_path / "library"
    shutil.copytree(hostile["data_dir"], data_dir)
    article = hostile["ids"]["Merz"]
    added = run(data_dir, "bookmarks", "add", article, "--note", "Notiz " + HOSTILE, "--tag", "t" + HOSTILE)
    assert added.returncode == 0, added.stderr
    assert "Notiz ␛]52;c;aGk=␇" in assert_no_sequence_from_data(added)
    listed = run(data_dir, "bookmarks", "list")
    assert "Notiz" in assert_no_sequence_from_data(listed)
    as_json = run(data_dir, "bookmarks", "list", "--json")
    assert_no_sequence_from_data(as_json)
    assert json.loads(as_json.stdout)[0]["note"] == "Notiz " + HOSTILE  # stored as it came

    # A note with raw sequences in a hand-edited file, read by `bookmarks import`.
    export = tmp_path / "export.md"
    assert run(data_dir, "bookmarks", "export", "-o", str(export)).returncode == 0
    edited = export.read_text(encoding="utf-8").replace("Notiz ", "Bearbeitet " + OSC_2 + " ")
    export.write_text(edited, encoding="utf-8")
    imported = run(data_dir, "bookmarks", "import", str(export))
    assert_no_sequence_from_data(imported)
    listed = run(data_dir, "bookmarks", "list")
    assert "Bearbeitet ␛]2;pwned␇" in assert_no_sequence_from_data(listed)


def test_export_to_stdout_writes_no_sequence_and_links_only_web_urls(hostile, tmp_path):
    data_dir = tmp_path / "library"
    shutil.copytree(hostile["data_dir"], data_dir)
    for article in hostile["ids"].values():
        assert run(data_dir, "bookmarks", "add", article, "--note", "N " + HOSTILE).returncode == 0
    result = run(data_dir, "bookmarks", "export")
    assert result.returncode == 0, result.stderr
    text = assert_no_sequence_from_data(result)
    # 27.4: the URL with escape sequences is no autolink, and its ESC is a character reference.
    assert "<https://example.org/gipfel" not in text
    assert "https://example.org/gipfel&#27;\\]52;c;aGk\\=&#7;" in text
    # 27.6: a javascript: URL is plain text, not a link.
    assert "<javascript:" not in text and "javascript:alert(document.cookie)" in text
    # ... and the export reads back into the exact notes.
    export = tmp_path / "export.md"
    export.write_text(result.stdout.decode(), encoding="utf-8")
    fresh = tmp_path / "fresh"
    shutil.copytree(hostile["data_dir"], fresh)
    assert run(fresh, "bookmarks", "import", str(export)).returncode == 0
    notes = [b["note"] for b in json.loads(run(fresh, "bookmarks", "list", "--json").stdout)]
    assert notes == ["N " + HOSTILE] * len(hostile["ids"])


def test_query_text_is_never_read_as_markup(seeded_library):
    # 27.7: a MarkupError crash, and '[bold red]' vanishing from the echo.
    crashing = run(seeded_library, "search", '"[/x] zzzqqq"')
    assert crashing.returncode == 0, crashing.stderr
    assert crashing.stdout.decode().strip() == "No articles match '\"[/x] zzzqqq\"'."
    styled = run(seeded_library, "search", '"[bold red] zzzqqq"')
    assert styled.stdout.decode().strip() == "No articles match '\"[bold red] zzzqqq\"'."


# --- where an export may be written (27.5) ------------------------------------------


@pytest.fixture
def with_bookmark(seeded_library) -> Path:
    article = json.loads(run(seeded_library, "articles", "--json").stdout)[0]["id"]
    assert run(seeded_library, "bookmarks", "add", article, "--note", "eine Notiz").returncode == 0
    return seeded_library


def one_sentence(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1 and not result.stdout
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in lines[0], lines
    return lines[0]


def test_export_through_a_symlink_writes_its_target_and_keeps_the_link(with_bookmark, tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    target = notes / "bookmarks.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o600)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    refused = run(with_bookmark, "bookmarks", "export", "-o", str(link))
    assert "already exists; use --force" in one_sentence(refused)
    result = run(with_bookmark, "bookmarks", "export", "-o", str(link), "--force")
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and link.resolve() == target
    assert "eine Notiz" in target.read_text(encoding="utf-8")
    assert target.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in notes.iterdir()) == ["bookmarks.md"]  # no temporary file left


def test_export_onto_a_fifo_is_refused_and_leaves_it_a_fifo(with_bookmark, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for force in ([], ["--force"]):
        sentence = one_sentence(run(with_bookmark, "bookmarks", "export", "-o", str(fifo), *force))
        assert sentence == f"reader: {fifo} is a FIFO (named pipe), not a regular file; " \
                           "the export is written only to a regular file."
    assert fifo.is_fifo()
    # Through a symlink too: the FIFO is what would be written.
    link = tmp_path / "link"
    link.symlink_to(fifo)
    assert "is a FIFO" in one_sentence(run(with_bookmark, "bookmarks", "export", "-o", str(link), "--force"))
    assert fifo.is_fifo() and link.is_symlink()


def test_export_onto_a_device_is_refused_before_any_write():
    # Checked, never written: were the check to fail, a test writing to a device as root would
    # replace the machine's /dev/null (as #27.5's probe did to /dev/full).
    with pytest.raises(ExportError) as refused:
        export_target(Path("/dev/null"), force=True)
    assert str(refused.value) == ("/dev/null is a device, not a regular file; "
                                  "the export is written only to a regular file.")
    assert Path("/dev/null").is_char_device()


def test_export_onto_a_folder_says_it_is_a_folder(with_bookmark, tmp_path):
    for force in ([], ["--force"]):
        sentence = one_sentence(run(with_bookmark, "bookmarks", "export", "-o", str(tmp_path), *force))
        assert re.fullmatch(rf"reader: {re.escape(str(tmp_path))} is a folder; give a file name for the "
                            rf"export, e\.g\. .*bookmarks\.md\.", sentence)


# --- a hand-edited bookmarks file (27.12) ------------------------------------------


def test_one_bad_entry_is_reported_by_its_line_and_the_rest_are_imported(with_bookmark, tmp_path):
    article = json.loads(run(with_bookmark, "articles", "--json").stdout)[1]["id"]
    for note in ("zwei", "drei", "vier"):
        assert run(with_bookmark, "bookmarks", "add", article, "--note", note).returncode == 0
    export = tmp_path / "export.md"
    assert run(with_bookmark, "bookmarks", "export", "-o", str(export)).returncode == 0
    lines = export.read_text(encoding="utf-8").split("\n")
    markers = [n for n, line in enumerate(lines) if line.startswith("<!-- reader:bookmark ")]
    assert len(markers) == 4
    lines[markers[1]] = re.sub(r'"id": \d+', '"id": 9223372036854775808', lines[markers[1]])
    lines[markers[2]] = re.sub(r'"tags": \[\]', '"tags": 5', lines[markers[2]])
    export.write_text("\n".join(lines), encoding="utf-8")

    fresh = with_bookmark.parent / "fresh"
    shutil.copytree(with_bookmark, fresh)
    before = json.loads(run(fresh, "bookmarks", "list", "--json").stdout)
    for bookmark in before:
        assert run(fresh, "bookmarks", "remove", str(bookmark["id"])).returncode == 0
    keep = run(fresh, "bookmarks", "add", article, "--note", "schon da")
    assert keep.returncode == 0

    result = run(fresh, "bookmarks", "import", str(export))
    err = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in err
    assert f"at line {markers[1] + 1} " in err and "an id too large to keep (9223372036854775808)" in err
    assert f"at line {markers[2] + 1} " in err and "gives tags as 5, not a list" in err
    assert "Imported 2 bookmarks, 2 skipped." in err
    skipped_notes = {lines[markers[1] + 2], lines[markers[2] + 2]}
    notes = sorted(b["note"] for b in json.loads(run(fresh, "bookmarks", "list", "--json").stdout))
    assert notes == sorted(["schon da", *(b["note"] for b in before if b["note"] not in skipped_notes)])
