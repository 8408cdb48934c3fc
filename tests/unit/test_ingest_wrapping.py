"""Text as the author wrote it: lines a source wrapped at a width are joined into their
paragraphs, while text with one paragraph per line (as scraped pages give it) keeps them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from index.ingest import parse_bytes
from index.library import Library

TITLE = "Virologe weist Kritik an Studie zurück"
PARAGRAPHS = [
    "Der Virologe Christian Drosten, Leiter des Instituts an der Charité, hat sich gegen Kritik des "
    "Direktors eines Hamburger Instituts gewehrt. Die Vorwürfe seien nicht haltbar, sagte er am "
    "Dienstag in Berlin.",
    "„Wir haben die Daten offen gelegt“, sagte Drosten. Jede Arbeitsgruppe könne die Rechnung "
    "nachvollziehen, auch die Nato-Forschungsstelle und die EU-Kommission in Brüssel.",
    "Der Streit hatte sich an einer Vorabveröffentlichung entzündet, die noch nicht begutachtet war. "
    "Mehrere Fachleute nannten die Debatte (vor allem in sozialen Netzwerken) überhitzt.",
    "Die Studie soll im Herbst in einer Fachzeitschrift erscheinen.",
]


def parse_text(text: str):
    (article,) = parse_bytes(text.encode("utf-8"), "artikel.txt")
    return article


@pytest.mark.parametrize("width", [60, 72, 80, 100])
def test_hard_wrapped_paragraphs_are_joined(width: int) -> None:
    wrapped = "\n\n".join(textwrap.fill(p, width) for p in PARAGRAPHS)
    article = parse_text(f"{TITLE}\n\n{wrapped}\n")
    assert article.title == TITLE
    assert article.body.split("\n\n") == PARAGRAPHS


def test_wrapped_paragraphs_without_blank_lines_break_where_the_wrap_did_not() -> None:
    paragraphs = [
        "Der bekannte Berliner Virologe Christian Drosten, hat sich gegen Kritik des Direktors eines "
        "Hamburger Instituts gewehrt.",
        "Die Vorwürfe seien nicht haltbar, sagte er am Dienstag in Berlin vor Journalisten.",
        "Die Studie soll im Herbst erscheinen.",
    ]
    wrapped = "\n".join(textwrap.fill(p, 50) for p in paragraphs)
    assert "Christian Drosten,\nhat sich" in wrapped
    assert parse_text(f"{TITLE}\n\n{wrapped}\n").body.split("\n\n") == paragraphs


def test_one_paragraph_per_line_stays_as_written() -> None:
    lines = [
        "Der Gemeinderat hat am Montagabend den Haushalt für das kommende Jahr beschlossen.",
        "Die Opposition stimmte dagegen.",
        "Streit um die Schwimmhalle",
        "Am längsten wurde über die Sanierung der Schwimmhalle gestritten, die seit zwei Jahren "
        "geschlossen ist und deren Kosten sich seit der ersten Schätzung fast verdoppelt haben.",
        "Die Bürgermeisterin kündigte an, Fördermittel beim Land zu beantragen.",
        "Eine Entscheidung soll im Frühjahr fallen.",
    ]
    article = parse_text(f"{TITLE}\n\n" + "\n".join(lines) + "\n")
    assert article.body.split("\n\n") == lines


def test_one_short_paragraph_per_line_is_not_taken_for_wrapping() -> None:
    lines = ["Der Zug fiel aus.", "Die Fahrgäste warteten.", "Ein Bus kam nach einer Stunde.",
             "Niemand wurde verletzt.", "Die Bahn entschuldigte sich."]
    assert parse_text(f"{TITLE}\n\n" + "\n".join(lines) + "\n").body.split("\n\n") == lines


def test_offsets_of_mentions_and_hits_point_into_the_joined_body(tmp_path: Path) -> None:
    wrapped = "\n\n".join(textwrap.fill(p, 64) for p in PARAGRAPHS)
    (tmp_path / "drosten.txt").write_text(f"{TITLE}\n\n{wrapped}\n", encoding="utf-8")
    with Library.open(tmp_path / "library") as library:
        assert library.add([tmp_path / "drosten.txt"]).ok
        (hit,) = library.search('"Christian Drosten"')
        article = library.article(hit.id)
        assert article.body == "\n\n".join(PARAGRAPHS)
        matched = [article.body[s.start:s.end] for s in hit.body_matches]
        assert matched and set(matched) <= {"Christian Drosten", "Christian", "Drosten"}
        mentions = library.mentions(hit.id)
        assert any(m.text == "Christian Drosten" for m in mentions)
        assert all(article.body[m.start:m.end] == m.text for m in mentions)


@pytest.mark.parametrize("lines", [
    ["Berlin", "Die Regierung hat am Montag beschlossen, dass alles bleibt, wie es ist."],
    ["Neue Regeln ab Montag", "Das gilt für alle."],
])
def test_a_short_line_over_a_sentence_is_not_taken_for_wrapping(lines: list[str]) -> None:
    assert parse_text(f"{TITLE}\n\n" + "\n".join(lines) + "\n").body.split("\n\n") == lines
