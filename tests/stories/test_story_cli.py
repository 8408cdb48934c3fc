"""`reader duplicates`, `reader show --json` (copies, agencies) and `reader diff`, as scripts use them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli_contract import run, run_json
from tests.stories.conftest import copy_of, write_md


@pytest.fixture(scope="module")
def copied_library(tmp_path_factory, texts) -> tuple[Path, dict[str, str]]:
    """An original dpa text, two outlets' copies and an unrelated article, imported by `reader add`
    (the tests only read it)."""
    tmp_path = tmp_path_factory.mktemp("copies")
    folder = tmp_path / "in"
    text = texts["International"][2]
    write_md(folder, "orig", "Original", "Berlin (dpa) – " + text, "dpa", 0)
    write_md(folder, "zeit", *copy_of(text, 1, texts), "Zeit", 2)
    write_md(folder, "spiegel", *copy_of(text, 4, texts), "Spiegel", 1)
    write_md(folder, "other", "Unverwandt", texts["International"][3], "taz", 3)
    data_dir = tmp_path / "lib"
    result = run("add", str(folder), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    ids = {a["source"]: a["id"] for a in run_json("articles", data_dir=data_dir)}
    return data_dir, ids


def test_duplicates_json_lists_the_group_with_the_first_publisher(copied_library):
    data_dir, ids = copied_library
    groups = run_json("duplicates", data_dir=data_dir)
    assert len(groups) == 1
    group = groups[0]
    assert set(group) == {"group", "first", "articles"}
    assert group["first"] == ids["dpa"]
    assert [a["source"] for a in group["articles"]] == ["dpa", "Spiegel", "Zeit"]  # by publication time
    for member in group["articles"]:
        assert set(member) == {"id", "title", "source", "published", "similarity"}
        assert 0.5 <= member["similarity"] <= 1.0
    assert ids["taz"] not in {a["id"] for a in group["articles"]}


def test_duplicates_for_people_names_the_copies(copied_library):
    data_dir, _ids = copied_library
    result = run("duplicates", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "+2 copies" in result.stdout and "first" in result.stdout
    assert result.stdout.startswith("1 group of copies, newest first\n")


def test_show_json_has_copies_and_agencies(copied_library):
    data_dir, ids = copied_library
    shown = run_json("show", ids["dpa"], data_dir=data_dir)
    assert shown["agencies"] == ["dpa"]
    assert {c["id"] for c in shown["copies"]} == {ids["Zeit"], ids["Spiegel"]}
    assert all(0.5 <= c["similarity"] <= 1.0 for c in shown["copies"])
    unrelated = run_json("show", ids["taz"], data_dir=data_dir)
    assert unrelated["copies"] == [] and unrelated["agencies"] == []


def test_diff_piped_marks_removed_and_added_words(tmp_path: Path):
    folder = tmp_path / "in"
    body = "Der Bundestag hat am Dienstag das Gesetz beschlossen. Die Opposition stimmte dagegen."
    write_md(folder, "a", "Gesetz beschlossen", body, "dpa", 0)
    write_md(folder, "b", "Gesetz beschlossen", body.replace("Dienstag", "Mittwoch") + " Mehr folgt.", "Zeit", 1)
    data_dir = tmp_path / "lib"
    assert run("add", str(folder), data_dir=data_dir).returncode == 0
    ids = {a["source"]: a["id"] for a in run_json("articles", data_dir=data_dir)}
    result = run("diff", ids["dpa"], ids["Zeit"], data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "am [-Dienstag-]{+Mittwoch+} das Gesetz" in result.stdout
    assert "{+Mehr folgt.+}" in result.stdout
    assert "1 words removed, 3 added" in result.stdout
    assert "\x1b[" not in result.stdout  # piped: no colour codes


def test_diff_of_an_unknown_id_is_one_sentence(copied_library):
    data_dir, ids = copied_library
    result = run("diff", ids["dpa"], "nosuchid", data_dir=data_dir)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_show_for_people_names_the_credit_and_the_copies(copied_library):
    data_dir, ids = copied_library
    result = run("show", ids["dpa"], data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "credited: dpa" in result.stdout
    copies_line = next(line for line in result.stdout.splitlines() if line.startswith("copies:"))
    assert ids["Zeit"] in copies_line and ids["Spiegel"] in copies_line
    plain = run("show", ids["taz"], data_dir=data_dir)
    assert "credited:" not in plain.stdout and "copies:" not in plain.stdout
