"""One bad name, item or file never aborts `reader add`: it is named in one sentence and the rest
is imported. Through the installed command, as a user meets it."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.reliability.corpus import installed_reader, reader_env, run_reader, write_corpus


def test_a_file_name_that_is_not_utf8_is_reported_and_the_other_files_imported(tmp_path: Path) -> None:
    folder = tmp_path / "artikel"
    write_corpus(folder, 50)
    with open(os.fsencode(folder) + b"/Bericht \xff\xfe.txt", "wb") as file:
        file.write("Titel\n\nEin Text über Berlin.\n".encode())

    result = run_reader("add", str(folder), data_dir=tmp_path / "library")

    assert result.returncode == 1, result.stderr
    assert "50 added, 0 updated, 0 unchanged, 1 failed" in result.stderr
    assert f"skipped {folder}/Bericht \\xff\\xfe.txt: {folder}/Bericht \\xff\\xfe.txt has a name that is not valid UTF-8" \
        in result.stderr


def test_a_lone_surrogate_in_json_lines_or_front_matter_costs_only_that_character(tmp_path: Path) -> None:
    lines = tmp_path / "zeilen.jsonl"
    lines.write_text('{"title": "Erste \\ud800 Meldung", "body": "Ein Text \\udfff über Berlin.", "tags": ["a\\ud801"]}\n'
                     '{"title": "Zweite Meldung", "body": "Noch ein Text über Paris."}\n', encoding="utf-8")
    page = tmp_path / "seite.md"
    page.write_text('---\ntitle: "Markdown \\ud800 Titel"\nsource: "Quelle \\udc00"\n---\n\nEin Text über Rom.\n',
                    encoding="utf-8")

    result = run_reader("add", str(lines), str(page), data_dir=tmp_path / "library")

    assert result.returncode == 0, result.stderr
    assert "3 added" in result.stderr
    titles = run_reader("articles", data_dir=tmp_path / "library").stdout
    assert "Erste \ufffd Meldung" in titles and "Zweite Meldung" in titles and "Markdown \ufffd Titel" in titles


def test_one_deeply_nested_json_line_is_skipped_and_the_others_imported(tmp_path: Path) -> None:
    source = tmp_path / "tief.jsonl"
    source.write_text('{"title": "A", "body": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
                      '{"title": "Gute Meldung", "body": "Ein Text über Berlin."}\n', encoding="utf-8")

    result = run_reader("add", str(source), data_dir=tmp_path / "library")

    assert result.returncode == 0, result.stderr
    assert f"warning {source}: line 1: nested too deeply to be an article; skipped." in result.stderr
    assert "1 added" in result.stderr


def test_a_symlink_to_itself_on_the_command_line_is_one_sentence(tmp_path: Path) -> None:
    loop = tmp_path / "schleife.txt"
    loop.symlink_to(loop)
    good = tmp_path / "gut.txt"
    good.write_text("Titel\n\nEin Text über Berlin.\n", encoding="utf-8")

    result = run_reader("add", str(loop), str(good), data_dir=tmp_path / "library")

    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"skipped {loop}: {loop} is a symbolic link that leads back to itself.",
                                          "1 added, 0 updated, 0 unchanged, 1 failed"]


def test_named_pipes_and_devices_are_refused_without_reading_them(tmp_path: Path) -> None:
    folder = tmp_path / "ordner"
    write_corpus(folder, 2)
    os.mkfifo(folder / "leitung.txt")
    named_pipe = tmp_path / "auch.jsonl"
    os.mkfifo(named_pipe)

    # A pipe nobody writes to would block a reader for ever; the timeout turns that into a failure.
    result = run_reader("add", str(folder), str(named_pipe), "/dev/zero", data_dir=tmp_path / "library", timeout=120)

    assert result.returncode == 1
    assert f"skipped {folder}/leitung.txt: {folder}/leitung.txt is a named pipe, not a file." in result.stderr
    assert f"skipped {named_pipe}: {named_pipe} is a named pipe, not a file." in result.stderr
    assert "skipped /dev/zero: /dev/zero is a device, not a file." in result.stderr
    assert "2 added, 0 updated, 0 unchanged, 3 failed" in result.stderr


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "riesig.html"
    with huge.open("wb") as file:  # sparse: 300 MB that take no disk space
        file.truncate(300 * 1024 * 1024)

    result = run_reader("add", str(huge), data_dir=tmp_path / "library")

    assert result.returncode == 1
    assert f"skipped {huge}: {huge} is larger than 256 MB, too large to read as one document" in result.stderr


def test_an_unreadable_subfolder_is_reported_on_the_terminal(tmp_path: Path) -> None:
    as_root = os.geteuid() == 0
    # Root reads every folder: then the command runs as nobody, in a folder nobody may enter
    # (pytest's own temporary folders are root's alone).
    base = Path(tempfile.mkdtemp(prefix="reader-unreadable-")) if as_root else tmp_path
    try:
        folder, data_dir = base / "ordner", base / "library"
        write_corpus(folder, 2)
        write_corpus(folder / "geheim", 2, start=10)
        command = [installed_reader(), "--data-dir", str(data_dir), "add", str(folder)]
        if as_root:
            setpriv = shutil.which("setpriv")
            assert setpriv, "setpriv (util-linux) is needed to run this test as root"
            command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *command]
            base.chmod(0o755)
            data_dir.mkdir()
            data_dir.chmod(0o777)
            (folder / "geheim").chmod(0o700)
        else:
            (folder / "geheim").chmod(0o000)

        result = subprocess.run(command, capture_output=True, text=True, env=reader_env(), timeout=300)

        assert result.returncode == 1, result.stderr
        assert f"skipped {folder}/geheim: {folder}/geheim is a folder that cannot be read (Permission denied)." \
            in result.stderr
        assert "2 added, 0 updated, 0 unchanged, 1 failed" in result.stderr
    finally:
        (base / "ordner" / "geheim").chmod(0o755)
        if as_root:
            shutil.rmtree(base)
