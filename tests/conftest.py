"""Fixtures shared by every test directory: libraries on tmp_path, built from the bundled seeds."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="session", autouse=True)
def private_cache_dir(tmp_path_factory: pytest.TempPathFactory):
    """Tests, and the reader processes they start, keep their caches out of the user's home."""
    folder = tmp_path_factory.mktemp("cache")
    previous = os.environ.get("READER_CACHE_DIR")
    os.environ["READER_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("READER_CACHE_DIR", None)
    else:
        os.environ["READER_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def seeded_library_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One import of the seeds per test session; tests get private copies (see `seeded_library`)."""
    from index.library import Library

    data_dir = tmp_path_factory.mktemp("seeded") / "library"
    with Library.open(data_dir) as library:
        report = library.add([SEEDS_DIR])
    assert report.ok, report.failed
    return data_dir


@pytest.fixture
def seeded_library(tmp_path: Path, seeded_library_template: Path) -> Path:
    """A data dir of its own holding the five seed articles, imported, indexed and linked."""
    data_dir = tmp_path / "library"
    shutil.copytree(seeded_library_template, data_dir)
    return data_dir
