"""Fixtures shared by every test directory: libraries on tmp_path, built from the bundled seeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


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
