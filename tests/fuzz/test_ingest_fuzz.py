"""Hostile input: every file is imported or refused with a sentence, and the rest of an import goes on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.errors import IngestError
from index.ingest import parse_bytes_report
from index.library import Library
from tests.reliability.corpus import installed_reader, marker, reader_env, write_corpus

ROOT = Path(__file__).resolve().parents[2]
SUFFIXES = [".txt", ".md", ".html", ".xml", ".rss", ".atom", ".jsonl", ".json", ""]
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_imported_or_refused(data: bytes, name: str) -> None:
    try:
        articles, problems = parse_bytes_report(data, name)
    except IngestError as refused:
        message = str(refused)
        assert message and "\n" not in message.strip() and "Traceback" not in message
        return
    assert articles, "no articles and no error"
    for article in articles:
        assert article.title.strip() and article.body.strip()
    assert all(isinstance(problem, str) and problem for problem in problems)


@FUZZ
@given(data=st.binary(max_size=4000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(data: bytes, suffix: str) -> None:
    assert_imported_or_refused(data, f"zufall{suffix}")


@FUZZ
@given(text=st.text(max_size=2000), encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"]),
       cut=st.integers(min_value=0, max_value=5), suffix=st.sampled_from(SUFFIXES))
def test_broken_encodings(text: str, encoding: str, cut: int, suffix: str) -> None:
    data = ("Überschrift: Größere Änderungen\n\n" + text).encode(encoding, errors="replace")
    assert_imported_or_refused(data[: len(data) - cut] + b"\xc3" * (cut % 2), f"kaputt{suffix}")


def nested(depth: int, tag: str, inner: str) -> str:
    return f"<{tag}>" * depth + inner + f"</{tag}>" * (depth // 2)


@FUZZ
@given(depth=st.integers(min_value=1, max_value=3000), tag=st.sampled_from(["div", "p", "item", "entry", "b"]),
       text=st.text(max_size=300), suffix=st.sampled_from([".html", ".xml", ".rss", ".atom"]),
       head=st.sampled_from(["", "<html><body>", "<?xml version='1.0'?><rss><channel>", "<feed>", "<!doctype html"]))
def test_malformed_and_deeply_nested_markup(depth: int, tag: str, text: str, suffix: str, head: str) -> None:
    page = head + nested(depth, tag, "Die Bundesregierung berät über Sicherheitsgarantien. " + text)
    assert_imported_or_refused(page.encode("utf-8", errors="replace"), f"seite{suffix}")


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                        max_size=3),
                           max_leaves=8)


@FUZZ
@given(lines=st.lists(st.fixed_dictionaries({}, optional={
    "title": JSON_VALUES, "body": JSON_VALUES, "text": JSON_VALUES, "date": JSON_VALUES,
    "source": JSON_VALUES, "url": JSON_VALUES}) | JSON_VALUES, max_size=6))
def test_json_lines_with_wrong_types(lines: list) -> None:
    good = {"title": "Gipfel in Paris", "body": "Die Staats- und Regierungschefs berieten in Paris.",
            "date": "2025-09-04T12:00:00+02:00", "source": "Tagesschau", "url": "https://example.org/gipfel"}
    data = "\n".join(json.dumps(line, allow_nan=True) for line in [*lines, good]).encode()
    articles, problems = parse_bytes_report(data, "artikel.jsonl")
    assert "Gipfel in Paris" in [a.title for a in articles], "a good line is never lost to bad ones"
    assert all(problem.startswith("line ") for problem in problems)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hostile=st.lists(st.tuples(st.sampled_from(SUFFIXES), st.binary(max_size=600)), min_size=1, max_size=4))
def test_hostile_files_never_cost_the_good_ones(tmp_path_factory, hostile) -> None:
    folder = tmp_path_factory.mktemp("import")
    write_corpus(folder, 5)
    for number, (suffix, data) in enumerate(hostile):
        (folder / f"feindlich_{number}{suffix or '.txt'}").write_bytes(data)
    with Library.open(tmp_path_factory.mktemp("library")) as library:
        report = library.add([folder])
        for number in range(5):
            assert len(library.search(marker(number))) == 1
        assert all(reason.strip() for _path, reason in report.failed)
        assert report.added >= 5


MEMORY_PROBE = """
import resource, sys
from index.errors import IngestError
from index.ingest import parse_file_report
try:
    articles, _ = parse_file_report(sys.argv[1])
    outcome = f"{len(articles)} articles, {sum(len(a.body) for a in articles)} characters"
except IngestError as refused:
    outcome = f"refused: {refused}"
print(outcome)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # KiB on Linux
"""

MEMORY_BOUND_KIB = 1024 * 1024  # 1 GiB for a 50 MB file: generous, but bounded


def probe_memory(path: Path) -> tuple[str, int]:
    result = subprocess.run([sys.executable, "-c", MEMORY_PROBE, str(path)], capture_output=True, text=True,
                            cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr
    outcome, peak = result.stdout.strip().splitlines()
    return outcome, int(peak)


ADD_PROBE = """
import resource, subprocess, sys
result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stdout.write(result.stderr)
print(result.returncode)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)  # the reader process's peak, KiB
"""


def test_a_50_mb_file_in_an_import_is_refused_in_bounded_memory_and_the_rest_imported(tmp_path: Path) -> None:
    folder = tmp_path / "import"
    write_corpus(folder, 5)
    line = "Die Bundesregierung berät in Berlin über Sicherheitsgarantien für die Ukraine und Europa. "
    with (folder / "riesig.txt").open("w", encoding="utf-8") as out:
        out.write("Ein sehr langer Bericht\n\n")
        while out.tell() < 50_000_000:
            out.write(line * 8 + "\n")
    data_dir = tmp_path / "library"
    probe = subprocess.run([sys.executable, "-c", ADD_PROBE, installed_reader(), "--data-dir", str(data_dir),
                            "add", str(folder)], capture_output=True, text=True, env=reader_env(), timeout=600)
    *said, code, peak = probe.stdout.strip().splitlines()
    said = " ".join(" ".join(said).split())  # rich wraps long lines
    assert code == "1" and "riesig.txt" in said and "more than an article can have" in said
    assert "5 added" in said and "1 failed" in said
    assert int(peak) < MEMORY_BOUND_KIB, f"{peak} KiB"
    with Library.open(data_dir) as library:
        assert library.count() == 5


def test_a_huge_single_line_is_read_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "eine_zeile.txt"
    path.write_text("Titel der Meldung\n\n" + "Wort für Wort ohne Zeilenumbruch " * 300_000, encoding="utf-8")
    outcome, peak = probe_memory(path)
    assert outcome.startswith("1 articles") or outcome.startswith("refused: ")
    assert peak < MEMORY_BOUND_KIB, f"{peak} KiB"
