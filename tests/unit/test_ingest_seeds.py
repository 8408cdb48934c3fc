"""The five bundled seed articles, parsed as a reader would expect to see them."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from index.ingest import parse_file
from index.models import Article

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
BERLIN = ZoneInfo("Europe/Berlin")


def seed(prefix: str) -> Article:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    articles = parse_file(path)
    assert len(articles) == 1
    assert articles[0].path == str(path.resolve())
    return articles[0]


def paragraphs(article: Article) -> list[str]:
    return article.body.split("\n\n")


def test_000_deutschlandfunk_note_gives_source_and_photo_credit_is_not_title() -> None:
    article = seed("000")
    assert article.title == "Ukraine-Krieg - Treffen der Unterstützerstaaten in Paris"
    assert article.published == datetime(2025, 9, 4, tzinfo=BERLIN)
    assert article.published_precision == "day"
    assert article.source == "Deutschlandfunk"
    assert article.kind == "article"
    assert article.body.startswith("Auch EU-Kommissionspräsidentin von der Leyen")
    assert article.body.endswith("über eine Truppenpräsenz zu entscheiden.")
    assert "Medienbericht: Deutschland plant Stärkung der Luftverteidigung" in paragraphs(article)
    for furniture in ("Ludovic Marin", "Weiterführende Informationen", "Diese Nachricht wurde", "gesendet"):
        assert furniture not in article.body
        assert furniture not in article.title


def test_001_date_line_title_and_agency_marks_kept_in_text() -> None:
    article = seed("001")
    assert article.title == "Auch US-Sondergesandter Witkoff bei Paris-Gipfel"
    assert article.published == datetime(2025, 9, 4, tzinfo=BERLIN)
    assert article.published_precision == "day"
    assert article.source is None
    assert article.kind == "article"
    assert article.tags == []
    assert article.body.startswith("Der US-Sondergesandte Steve Witkoff wird einem Diplomaten zufolge")
    assert article.body.endswith("jedenfalls in Deutschland nicht gebe. (dpa)")
    assert "Zweifel an Abschreckungswirkung" in paragraphs(article)
    assert "date 2025-09-04" not in article.body


def test_002_ai_disclaimer_is_neither_title_nor_body() -> None:
    article = seed("002")
    assert article.title.startswith("Heute, Donnerstag, beraten die in der sogenannten Koalition der Willigen")
    assert article.title.endswith("…")
    assert len(article.title) <= 101
    assert article.published == datetime(2025, 9, 4, tzinfo=BERLIN)
    assert article.published_precision == "day"
    assert article.kind == "article"
    assert article.source is None
    assert article.tags == []
    assert article.body.startswith("Heute, Donnerstag, beraten die in der sogenannten Koalition der Willigen")
    assert article.body.endswith("Die EU vermute eine russische Einmischung.")
    for text in (article.title, article.body):
        assert "künstliche Intelligenz" not in text
        assert "Redakteur geprüft" not in text


def test_003_site_page_metadata_tags_and_teasers() -> None:
    article = seed("003")
    assert article.title == "Sicherheitsgarantien für die Ukraine: Pariser Konferenz mit Macron und Starmer"
    assert article.published == datetime(2025, 9, 4, 14, 56, tzinfo=BERLIN)
    assert article.published.utcoffset() == timedelta(hours=2)
    assert article.published_precision == "minute"
    assert article.source == "Eulerpool News"
    assert article.kind == "article"
    assert article.tags == ["Politics", "Ukraine", "NATO", "Macron", "Security"]
    assert article.body.startswith("In Paris treffen sich Staats- und Regierungschefs, um Sicherheitsgarantien")
    assert article.body.endswith("da die Ukraine ein souveräner Staat sei.")
    assert paragraphs(article)[1].startswith("In Paris treffen sich westliche Unterstützer im Dialog")
    for furniture in (
        "Eulerpool News", "Quelle:", "14:56 Uhr", "Politics / Ukraine", "Kommentare", "Explosion in Wohnhaus",
        "Albstadt", "vor 12 Minuten", "(00)", "[…]", "Suchbegriff", "Jackass",
    ):
        assert furniture not in article.body


def test_004_liveblog_with_stand_line_and_title_from_lead() -> None:
    article = seed("004")
    assert article.kind == "liveblog"
    assert article.published == datetime(2025, 9, 4, 11, 21, tzinfo=BERLIN)
    assert article.published_precision == "minute"
    assert article.source is None
    assert article.tags == []
    assert article.title.startswith("Für NATO-Chef Rutte hat Russland über einen Einsatz internationaler Truppen")
    assert len(article.title) <= 101
    assert not article.title.lower().startswith(("stand", "liveblog"))
    assert article.body.startswith("Für NATO-Chef Rutte hat Russland über einen Einsatz")
    assert article.body.endswith("Diese Vorschläge müssten noch politisch gebilligt werden.")
    # One line per entry in the file: each stays its own paragraph.
    assert len(paragraphs(article)) == 20
    assert "Stand:" not in article.body
    assert not article.body.lower().startswith("liveblog")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_bodies_are_clean_paragraphs(prefix: str) -> None:
    article = seed(prefix)
    assert article.id == ""  # the library assigns ids
    assert article.item_key is None
    assert article.url is None
    assert unicodedata.is_normalized("NFC", article.body)
    assert "\n\n\n" not in article.body
    for paragraph in paragraphs(article):
        assert paragraph == paragraph.strip()
        assert paragraph
        assert "\n" not in paragraph
        assert "  " not in paragraph
        assert "\xa0" not in paragraph
