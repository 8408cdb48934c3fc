"""A large import groups copies and tells stories in a process of its own (index.stories.background):
the library ends with the groups and stories the writer would have made, and when that process
dies, the import still ends with every article grouped."""

from __future__ import annotations

from pathlib import Path

from index import library_writing
from index.library import Library
from tests.stories.conftest import copy_of, write_md


def write_collection(folder: Path, texts) -> None:
    """Four agency texts, each with an outlet's copy two hours later, among other reports."""
    for number, text in enumerate(texts["Inland"][:4] + texts["Wirtschaft"][:8]):
        write_md(folder, f"o{number}", f"Bericht {number}", "Berlin (dpa) – " + text, "dpa", number * 5)
        if number < 4:
            write_md(folder, f"c{number}", *copy_of(text, number, texts), "Spiegel", number * 5 + 2)


def import_and_read(data_dir: Path, folder: Path) -> tuple[set, set, int]:
    """(copy groups, stories, articles the writer still had to group when the import ended)."""
    with Library.open(data_dir) as library:
        left = []
        group_ungrouped = library.group_ungrouped
        library.group_ungrouped = lambda: left.append(group_ungrouped()) or left[-1]  # type: ignore[method-assign]
        library.add([folder])
        groups = {frozenset(m.title for m in group.articles) for group in library.copy_groups()}
        stories = {frozenset(a.title for a in story.articles) for story in library.stories()}
        assert library.store.pending_generation("group-copies") is None
    return groups, stories, sum(left)


def test_a_large_import_groups_in_its_own_process_what_the_writer_would(tmp_path: Path, texts, monkeypatch):
    folder = tmp_path / "in"
    write_collection(folder, texts)
    inline = import_and_read(tmp_path / "inline", folder)
    monkeypatch.setattr(library_writing, "BACKGROUND_GROUPING_FROM", 2)  # this import counts as large
    monkeypatch.setattr(library_writing, "GROUPING_PROCESS_CORES", 1)  # and this machine as big enough
    background = import_and_read(tmp_path / "background", folder)
    assert len(inline[0]) == 4 and all(len(group) == 2 for group in inline[0])
    assert background[0] == inline[0]
    assert background[1] == inline[1] and inline[1]
    assert background[2] == 0  # the grouping process did it all: nothing was left to the writer


def test_when_the_grouping_process_dies_the_import_still_groups_every_article(tmp_path: Path, texts, monkeypatch):
    folder = tmp_path / "in"
    write_collection(folder, texts)
    inline = import_and_read(tmp_path / "inline", folder)
    monkeypatch.setattr(library_writing, "BACKGROUND_GROUPING_FROM", 2)
    monkeypatch.setattr(library_writing, "GROUPING_PROCESS_CORES", 1)
    monkeypatch.setenv("READER_DEBUG_KILL_AT", "grouping-batch")  # the grouping process is killed at its first batch
    groups, stories, left_to_writer = import_and_read(tmp_path / "killed", folder)
    assert (groups, stories) == inline[:2]
    assert left_to_writer == 16  # every article, grouped when the import ended
