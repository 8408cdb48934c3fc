"""The 10kGNAD test split (1,028 Austrian news texts, read at run time from ../shared/data, never
copied) imported once per session with the installed `reader add`, one .txt file per text: the
collection tests check the import, the entity tests what was recognised in it."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest

from tests.reliability.corpus import installed_reader, reader_env

GNAD_CSV = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "real_news_10kgnad" / "test.csv"


def reader_add(folder: Path, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([installed_reader(), "--data-dir", str(data_dir), "add", str(folder)],
                          capture_output=True, text=True, env=reader_env(), timeout=600)


@pytest.fixture(scope="session")
def gnad_texts() -> dict[str, str]:
    """File name -> text, one per row of the set."""
    if not GNAD_CSV.is_file():
        pytest.fail(f"the 10kGNAD texts are missing: {GNAD_CSV.resolve()} (see ../shared/data/README.md)")
    with GNAD_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";", quotechar="'"))
    assert len(rows) == 1028
    return {f"{number:04d}.txt": text for number, (_category, text) in enumerate(rows)}


@pytest.fixture(scope="session")
def gnad_library(tmp_path_factory, gnad_texts) -> tuple[subprocess.CompletedProcess, Path]:
    """(what `reader add` said, the library's data dir). Tests read it, never change it."""
    folder = tmp_path_factory.mktemp("gnad_texts")
    for name, text in gnad_texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    data_dir = tmp_path_factory.mktemp("gnad") / "library"
    return reader_add(folder, data_dir), data_dir
