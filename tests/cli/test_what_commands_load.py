"""Reading commands start like shell tools: the installed `reader search`, `show`, `articles`
and `entities` load none of the import's machinery, the app, pydantic or the copy signatures'
numpy, so they answer without paying for them (the times are in bench/README.md); a search of
short posting lists ranks them without numpy either. The modules
a process loaded are read from Python's own import log (PYTHONPROFILEIMPORTTIME)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli_contract import installed_reader

# Never needed to read: the app, validation, importing files (worker processes, parsers,
# the recogniser), copy signatures, and the facets and rich tables no plain listing prints.
NEVER_WHEN_READING = ("textual", "pydantic", "index.importer", "index.parse_ahead", "index.ingest",
                      "index.entities", "index.stories.signatures", "index.stories.story_clusters",
                      "multiprocessing", "concurrent.futures.process",
                      "index.facets", "rich.table", "rich.progress")
# Without a search there is no need for the search engine and the arrays it ranks with.
SEARCH_ENGINE = ("whoosh", "numpy", "index.search.whoosh")


def loaded_modules(data_dir: Path, *argv: str) -> set[str]:
    env = {k: v for k, v in os.environ.items() if k != "READER_DATA_DIR"} | {"PYTHONPROFILEIMPORTTIME": "1"}
    result = subprocess.run([installed_reader(), "--data-dir", str(data_dir), *argv], capture_output=True,
                            text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    return {line.rpartition("|")[2].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}


def under(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in packages))


@pytest.fixture(scope="module")
def library(tmp_path_factory, seeded_library_template: Path) -> Path:
    data_dir = tmp_path_factory.mktemp("reading") / "library"
    shutil.copytree(seeded_library_template, data_dir)
    return data_dir


@pytest.fixture(scope="module")
def first_id(library: Path) -> str:
    listed = subprocess.run([installed_reader(), "--data-dir", str(library), "articles", "--json"],
                            capture_output=True, text=True, timeout=60)
    return json.loads(listed.stdout)[0]["id"]


@pytest.mark.parametrize("argv", [["search", "Merz"], ["search", "--json", "person:Merz"]])
def test_a_search_loads_no_import_app_validation_code_or_numpy(library, argv):
    modules = loaded_modules(library, *argv)
    assert "index.search.whoosh.engine" in modules  # the probe sees what the process loaded
    # nor numpy for short lists, nor what Whoosh's own imports would load (index/search/whoosh/__init__.py)
    assert under(modules, NEVER_WHEN_READING + ("numpy", "urllib.request", "asyncio", "ssl", "whoosh.lang.morph_en")) == []


@pytest.mark.parametrize("argv", [["show", "ID"], ["show", "ID", "--json"], ["articles"], ["entities"]])
def test_reading_articles_and_entities_loads_no_search_engine_either(library, first_id, argv):
    modules = loaded_modules(library, *[first_id[:8] if a == "ID" else a for a in argv])
    assert "index.store" in modules
    assert under(modules, NEVER_WHEN_READING + SEARCH_ENGINE) == []


# Taking an article out or putting it back recognises nothing and makes no new copy signature:
# the recogniser and its model, the import's workers and datasketch (which loads scipy) cost
# seconds that `reader remove` and the app's undo do not wait for.
NEVER_WHEN_REMOVING = ("textual", "index.entities", "index.parse_ahead", "index.ingest", "multiprocessing",
                       "datasketch", "scipy")


def test_remove_recognises_nothing_and_the_article_is_gone(tmp_path, seeded_library_template, first_id):
    data_dir = tmp_path / "library"
    shutil.copytree(seeded_library_template, data_dir)
    modules = loaded_modules(data_dir, "remove", first_id, "--yes")
    assert "index.removal" in modules
    assert under(modules, NEVER_WHEN_REMOVING) == []
    listed = subprocess.run([installed_reader(), "--data-dir", str(data_dir), "articles", "--json"],
                            capture_output=True, text=True, timeout=60)
    assert first_id not in {a["id"] for a in json.loads(listed.stdout)}


UNDO = """
import sys
from pathlib import Path
from index.library import Library
from index.removal import remove_articles, undo_removal
with Library.open(Path(sys.argv[1])) as library:
    removal = remove_articles(library, [sys.argv[2]])
    print(undo_removal(library, removal), library.article(sys.argv[2]).title)
    print(*sorted(sys.modules), file=sys.stderr)
"""


def test_undo_recognises_nothing_and_the_article_is_back(tmp_path, seeded_library_template, first_id):
    data_dir = tmp_path / "library"
    shutil.copytree(seeded_library_template, data_dir)
    result = subprocess.run([sys.executable, "-c", UNDO, str(data_dir), first_id], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("1 ")
    assert under(set(result.stderr.split()), NEVER_WHEN_REMOVING) == []
