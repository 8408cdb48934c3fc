"""Finding files in folders, and files that cannot be read at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.errors import IngestError
from index.ingest import SUPPORTED_SUFFIXES, iter_source_files, parse_file


def write(path: Path, text: str = "Titel\n\nEin Satz.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_supported_suffixes_cover_every_format() -> None:
    for suffix in (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".xml", ".rss", ".atom", ".jsonl", ".ndjson"):
        assert suffix in SUPPORTED_SUFFIXES


def test_folders_expand_recursively_sorted_skipping_hidden_and_unsupported(tmp_path: Path) -> None:
    write(tmp_path / "b.txt")
    write(tmp_path / "a.md")
    write(tmp_path / "README")
    write(tmp_path / "Bild.png")
    write(tmp_path / "notes.docx")
    write(tmp_path / ".versteckt.txt")
    write(tmp_path / ".git" / "config.txt")
    write(tmp_path / "unter" / "c.HTML")
    write(tmp_path / "unter" / "tief" / "d.jsonl", '{"title": "T", "body": "B."}\n')
    found = [path.relative_to(tmp_path).as_posix() for path in iter_source_files([tmp_path])]
    assert found == ["README", "a.md", "b.txt", "unter/c.HTML", "unter/tief/d.jsonl"]


def test_files_named_explicitly_are_always_yielded(tmp_path: Path) -> None:
    odd = write(tmp_path / ".versteckt.log")
    missing = tmp_path / "fehlt.txt"
    folder_file = write(tmp_path / "ordner" / "x.txt")
    assert list(iter_source_files([odd, missing, tmp_path / "ordner"])) == [odd, missing, folder_file]


def test_a_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    write(tmp_path / "ordner" / "x.txt")
    (tmp_path / "ordner" / "schleife").symlink_to(tmp_path / "ordner", target_is_directory=True)
    assert [p.name for p in iter_source_files([tmp_path])] == ["x.txt"]


def test_missing_file_and_folder_get_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as caught:
        parse_file(tmp_path / "fehlt.txt")
    assert str(caught.value) == f"{tmp_path / 'fehlt.txt'} does not exist."
    with pytest.raises(IngestError) as caught:
        parse_file(tmp_path)
    assert str(caught.value) == f"{tmp_path} is a folder, not a file."


def test_article_path_is_the_resolved_absolute_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "artikel.txt")
    monkeypatch.chdir(tmp_path)
    (article,) = parse_file(Path("artikel.txt"))
    assert article.path == str((tmp_path / "artikel.txt").resolve())
    assert article.id == ""


def test_path_through_a_file_gets_a_sentence(tmp_path: Path) -> None:
    inside_a_file = write(tmp_path / "datei.txt") / "artikel.txt"
    with pytest.raises(IngestError) as caught:
        parse_file(inside_a_file)
    assert str(caught.value) == f"{inside_a_file} cannot be read: Not a directory."
