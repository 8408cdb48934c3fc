"""The German lexicon for compound splitting is built once and then read from the cache dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import decompound


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_lexicon_is_cached_and_read_back_unchanged(cache_dir: Path) -> None:
    built = decompound._load_lexicon()
    cached = list(cache_dir.glob("lexicon-de-*.marshal"))
    assert len(cached) == 1
    assert decompound._load_lexicon() == built == decompound._build_lexicon()
    assert built["haus"] > 4  # a common word, with its Zipf frequency


def test_a_damaged_cache_is_rebuilt(cache_dir: Path) -> None:
    built = decompound._load_lexicon()
    (cached,) = cache_dir.glob("lexicon-de-*.marshal")
    cached.write_bytes(b"\x00 not marshal data")
    assert decompound._load_lexicon() == built
    assert cached.read_bytes() != b"\x00 not marshal data"


def test_an_unwritable_cache_dir_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("")
    monkeypatch.setenv("READER_CACHE_DIR", str(blocker / "cache"))
    assert decompound._load_lexicon()["haus"] > 4


def test_the_compound_parts_are_cached_and_read_back_unchanged(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decompound, "_parts", None)
    built = decompound._part_lexicon()
    assert len(list(cache_dir.glob("parts-lexicon-de-*.marshal"))) == 1
    monkeypatch.setattr(decompound, "_parts", None)
    assert decompound._part_lexicon() == built == decompound._PartLexicon(*decompound._build_part_tables())
    assert decompound.split_compound("luftverteidigungssysteme")  # split with the tables read back


def test_other_rules_for_parts_read_other_tables(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = decompound._parts_cache_file()
    assert decompound._parts_cache_file() == first  # the same rules, the same tables
    monkeypatch.setattr(decompound, "_MIN_PART_ZIPF", decompound._MIN_PART_ZIPF + 0.5)
    assert decompound._parts_cache_file() != first


def test_a_split_reads_the_part_tables_not_the_whole_lexicon(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A process that only splits (a search's snippets) loads the smaller tables, and every long
    word's own frequency, which a split must beat, is in them as in the lexicon."""
    monkeypatch.setattr(decompound, "_parts", None)
    parts = decompound._part_lexicon()
    monkeypatch.setattr(decompound, "_lexicon", None)
    monkeypatch.setattr(decompound, "_load_lexicon", lambda: pytest.fail("the whole lexicon was loaded"))
    decompound.split_compound.cache_clear()
    assert decompound.split_compound("luftverteidigungssysteme")
    assert decompound.split_compound("wolfgang") == ()  # a name that stays whole
    monkeypatch.undo()
    words = decompound.lexicon()
    assert all(parts.whole_zipf(word) == zipf for word, zipf in words.items() if len(word) >= decompound.MIN_COMPOUND_LENGTH)
    decompound.split_compound.cache_clear()
