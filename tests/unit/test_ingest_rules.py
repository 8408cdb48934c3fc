"""German dates, page-furniture rules, titles, and robustness against any input."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.errors import IngestError
from index.ingest import furniture, parse_bytes
from index.ingest.dates import date_only_line, find_date, parse_date_value
from index.ingest.metalines import read_meta_line, tag_line
from index.ingest.text import first_sentence, title_from_text

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("04. September 2025, 14:56 Uhr", datetime(2025, 9, 4, 14, 56, tzinfo=BERLIN), "minute"),
        ("4. Sept. 2025", datetime(2025, 9, 4, tzinfo=BERLIN), "day"),
        ("04.09.2025", datetime(2025, 9, 4, tzinfo=BERLIN), "day"),
        ("Stand: 04.09.2025 11:21 Uhr", datetime(2025, 9, 4, 11, 21, tzinfo=BERLIN), "minute"),
        ("Donnerstag, 04.09.2025, 14.56 Uhr", datetime(2025, 9, 4, 14, 56, tzinfo=BERLIN), "minute"),
        ("2025-09-04", datetime(2025, 9, 4, tzinfo=BERLIN), "day"),
        ("1. März 2025", datetime(2025, 3, 1, tzinfo=BERLIN), "day"),
    ],
)
def test_german_dates(text: str, expected: datetime, precision: str) -> None:
    found = find_date(text)
    assert found is not None
    assert found.value == expected
    assert found.precision == precision


def test_winter_times_are_an_hour_from_utc_and_summer_times_two() -> None:
    winter = find_date("12.01.2025 10:00 Uhr")
    summer = find_date("12.07.2025 10:00 Uhr")
    assert winter is not None and winter.value.utcoffset() == timedelta(hours=1)
    assert summer is not None and summer.value.utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Thu, 04 Sep 2025 14:56:00 +0200", datetime(2025, 9, 4, 12, 56, tzinfo=timezone.utc)),
        ("2025-09-04T14:56:00+02:00", datetime(2025, 9, 4, 12, 56, tzinfo=timezone.utc)),
        ("2025-09-04T12:56:00Z", datetime(2025, 9, 4, 12, 56, tzinfo=timezone.utc)),
        ("2025-09-04 14:56", datetime(2025, 9, 4, 14, 56, tzinfo=BERLIN)),
    ],
)
def test_metadata_date_values(value: str, expected: datetime) -> None:
    found = parse_date_value(value)
    assert found is not None
    assert found.value == expected
    assert found.value.tzinfo is not None
    assert found.precision == "minute"


@pytest.mark.parametrize("text", ["31.02.2025", "gestern", "Seite 12.3", "am 1.800 Tag", ""])
def test_impossible_or_missing_dates_are_none(text: str) -> None:
    assert find_date(text) is None


def test_a_number_after_a_date_is_not_a_time() -> None:
    found = find_date("Am 04.09.2025 12.000 Menschen")
    assert found is not None and found.precision == "day"


def test_date_only_line_refuses_a_sentence_with_a_date() -> None:
    assert date_only_line("Aktualisiert am 04.09.2025 um 10:15 Uhr") is not None
    assert date_only_line("Am 04.09.2025 trafen sich die Minister in Paris.") is None


@pytest.mark.parametrize(
    "line",
    [
        "Wir nutzen künstliche Intelligenz, um Zusammenfassungen unserer Artikel zu erstellen. Jeder Text wird vor der Veröffentlichung von einem Redakteur geprüft.",
        "Diese Zusammenfassung wurde mithilfe von KI erstellt.",
        "Dieser Text wurde automatisch erstellt und redaktionell geprüft.",
    ],
)
def test_ai_disclaimers(line: str) -> None:
    assert furniture.is_disclaimer(line)


def test_an_article_about_ai_is_not_a_disclaimer() -> None:
    assert not furniture.is_disclaimer(
        "Auf der Messe in Las Vegas kam kaum eine Präsentation ohne künstliche Intelligenz aus."
    )


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Treffen in Paris (Ludovic Marin/Pool AFP/AP/dpa)", "Treffen in Paris"),
        ("Streik am Flughafen (Foto: Bodo Beispiel)", "Streik am Flughafen"),
        ("Interview mit Friedrich Merz (CDU)", "Interview mit Friedrich Merz (CDU)"),
        ("Ergebnisse der Wahl (1/2)", "Ergebnisse der Wahl (1/2)"),
    ],
)
def test_photo_credits_leave_titles(title: str, expected: str) -> None:
    assert furniture.strip_photo_credit(title) == expected


@pytest.mark.parametrize(
    "line",
    ["[0 Kommentare]", "Kommentare (12)", "Weiterführende Informationen", "Mehr zum Thema:", "vor 12 Minuten",
     "Albstadt (dpa) - Bei dem Einsturz eines Wohngebäudes […] (00)"],
)
def test_lines_that_end_an_article(line: str) -> None:
    assert furniture.ends_article(line)


@pytest.mark.parametrize(
    "line",
    ["Suchbegriff", "Startseite", "Artikel teilen", "Lesezeit: 3 Min.", "Foto: dpa", "© AFP", "00:00 / 03:12",
     "Lesen Sie auch: Warum die Mieten steigen", "© dpa-infocom, dpa:250904-930-123456/2", "Artikel verschenken"],
)
def test_furniture_lines(line: str) -> None:
    assert furniture.is_furniture(line)


@pytest.mark.parametrize(
    "line",
    ["Medienbericht: Deutschland plant Stärkung der Luftverteidigung", "Die Suche nach Überlebenden geht weiter.",
     "Mehr zum Thema Rente erfahren Sie morgen im Interview mit der Ministerin."],
)
def test_article_lines_are_not_furniture(line: str) -> None:
    assert not furniture.is_furniture(line)
    assert not furniture.ends_article(line)


def test_tag_lines_and_what_is_not_one() -> None:
    assert tag_line("Politics / Ukraine / NATO / Macron / Security") == ["Politics", "Ukraine", "NATO", "Macron", "Security"]
    assert tag_line("Ludovic Marin / Pool AFP / AP / dpa") is None
    assert tag_line("Sie sagte: Wir gehen / ihr bleibt / alle warten.") is None


def test_dateline_and_footer_metadata() -> None:
    dateline = read_meta_line("04. September 2025, 14:56 Uhr · Quelle: Eulerpool News")
    assert dateline is not None and dateline.source == "Eulerpool News" and not dateline.ends_body
    assert dateline.date is not None and dateline.date.value == datetime(2025, 9, 4, 14, 56, tzinfo=BERLIN)
    footer = read_meta_line("[Tagesblatt] · 05.10.2025 · 08:15 Uhr")
    assert footer is not None and footer.source == "Tagesblatt" and footer.ends_body
    assert footer.date is not None and footer.date.value == datetime(2025, 10, 5, 8, 15, tzinfo=BERLIN)
    note = read_meta_line("Diese Nachricht wurde am 04.09.2025 im Programm Deutschlandfunk Kultur gesendet.")
    assert note is not None and note.source == "Deutschlandfunk Kultur" and note.ends_body


def test_first_sentence_skips_ordinals_and_abbreviations() -> None:
    text = "Am 4. September trifft Dr. Beispiel u.a. den Minister. Danach reist er ab."
    assert first_sentence(text) == "Am 4. September trifft Dr. Beispiel u.a. den Minister."


def test_title_from_text_cuts_at_a_word_boundary() -> None:
    title = title_from_text("Wort " * 40)
    assert title.endswith("Wort…")
    assert len(title) <= 100
    assert title_from_text("Kurzer Satz. Noch einer.") == "Kurzer Satz"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(st.binary(max_size=400), st.text(max_size=400).map(lambda t: t.encode("utf-8"))),
    name=st.sampled_from(["a.txt", "a.md", "a.html", "a.rss", "a.jsonl", "ohne-endung", "a.xml"]),
)
def test_any_input_gives_articles_or_an_ingest_error(data: bytes, name: str) -> None:
    try:
        articles = parse_bytes(data, name)
    except IngestError as error:
        assert name in str(error)
    else:
        assert articles
        for article in articles:
            assert article.title.strip() and article.body.strip()
            assert article.published is None or article.published.tzinfo is not None


def test_clean_paragraphs_skips_link_boxes_and_stops_at_teasers() -> None:
    paragraphs = [
        "12 Kommentare",
        "Der Landtag hat am Donnerstag das neue Schulgesetz mit knapper Mehrheit verabschiedet.",
        "Lesen Sie auch:",
        "Lehrermangel: Was die Länder tun",
        "Das Gesetz tritt zum neuen Schuljahr in Kraft und gilt für alle öffentlichen Schulen des Landes.",
        "Anzeige",
        "Mehr zum Thema",
        "Wie Eltern sich beschweren können",
    ]
    assert furniture.clean_paragraphs(paragraphs) == [paragraphs[1], paragraphs[4]]


def test_dateline_with_reading_time() -> None:
    meta = read_meta_line("04.09.2025 14:56 Uhr Lesezeit: 3 Min.")
    assert meta is not None and meta.date is not None
    assert meta.date.value == datetime(2025, 9, 4, 14, 56, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("title", "source", "expected"),
    [
        ("Gipfel in Paris | tagesschau.de", None, ("Gipfel in Paris", "tagesschau.de")),
        ("Gipfel in Paris - Rheinblick Online", "Rheinblick Online", ("Gipfel in Paris", "Rheinblick Online")),
        ("Ukraine-Krieg - Treffen der Unterstützerstaaten in Paris", None, ("Ukraine-Krieg - Treffen der Unterstützerstaaten in Paris", None)),
    ],
)
def test_site_names_after_titles(title: str, source: str | None, expected: tuple[str, str | None]) -> None:
    assert furniture.split_site_suffix(title, source) == expected
