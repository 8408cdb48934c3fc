"""Markdown, HTML pages, RSS/Atom feeds and JSON Lines."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from index.errors import IngestError
from index.ingest import parse_bytes, parse_bytes_report, parse_file, parse_file_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
BERLIN = ZoneInfo("Europe/Berlin")


# --- Markdown -------------------------------------------------------------------------------


def test_markdown_front_matter_sets_metadata_and_body_is_plain_text() -> None:
    (article,) = parse_file(FIXTURES / "article.md")
    assert article.title == "Hochwasser an der Elbe: Pegel in Dresden steigt weiter"
    assert article.published == datetime(2025, 9, 3, 18, 45, tzinfo=BERLIN)
    assert article.published_precision == "minute"
    assert article.source == "Elbtal-Kurier"
    assert article.url == "https://elbtal-kurier.example/hochwasser-dresden"
    assert article.tags == ["Hochwasser", "Dresden", "Elbe"]
    assert article.kind == "article"
    paragraphs = article.body.split("\n\n")
    assert paragraphs[1] == (
        "Der Pegel der Elbe in Dresden hat am Mittwochabend die Marke von sechs Metern überschritten. "
        "Die Stadt rechnet damit, dass das Wasser bis Freitag weiter steigt."
    )
    assert "Was die Stadt jetzt tut" in paragraphs
    assert "Weitere Informationen gibt es auf der Seite des Umweltamts." in article.body
    assert "Sandsäcke werden am Bauhof Nord ausgegeben." in paragraphs
    for syntax in ("**", "*Terrassenufers*", "](", "![", "##", "---", "elbufer.jpg", "title:"):
        assert syntax not in article.body


def test_markdown_without_front_matter_takes_title_from_first_heading() -> None:
    (article,) = parse_file(FIXTURES / "notes_heading.markdown")
    assert article.title == "Bibliothek verlängert Öffnungszeiten"
    assert article.body == (
        "Die Stadtbibliothek öffnet ab Oktober auch sonntags. Das hat der Kulturausschuss am Dienstag "
        "einstimmig beschlossen.\n\nGeöffnet ist dann von 11 bis 17 Uhr; der Lesesaal bleibt geschlossen."
    )
    assert article.published is None


def test_markdown_with_broken_front_matter_names_the_problem() -> None:
    data = b"---\ntitle: [unclosed\n---\n\nText.\n"
    with pytest.raises(IngestError, match=r"^kaputt\.md has front matter that is not valid YAML"):
        parse_bytes(data, "kaputt.md")


def test_markdown_front_matter_liveblog_kind_and_date_only() -> None:
    data = "---\ntitle: Wahlabend im Ticker\ndate: 2025-02-23\nkind: liveblog\ntags: Wahl, Bundestag\n---\nDie ersten Hochrechnungen kommen um 18 Uhr.\n"
    (article,) = parse_bytes(data.encode(), "wahl.md")
    assert article.kind == "liveblog"
    assert article.published == datetime(2025, 2, 23, tzinfo=BERLIN)
    assert article.published_precision == "day"
    assert article.tags == ["Wahl", "Bundestag"]


# --- HTML -----------------------------------------------------------------------------------


def test_html_page_keeps_the_article_and_drops_navigation_ads_comments_and_teasers() -> None:
    (article,) = parse_file(FIXTURES / "page.html")
    assert article.title == "Stadtrat beschließt neue Radwege"
    assert article.source == "Kreisbote Online"
    assert article.published == datetime(2025, 9, 4, 9, 30, tzinfo=BERLIN)
    assert article.published_precision == "minute"
    assert article.url == "https://kreisbote.example/lokales/radwege-beschlossen"
    assert article.tags == ["Verkehr", "Stadtrat"]
    paragraphs = article.body.split("\n\n")
    assert paragraphs[0].startswith("Der Stadtrat hat am Mittwochabend mit großer Mehrheit")
    assert "Kritik an der Planung" in paragraphs
    assert paragraphs[-1] == "Mit den Bauarbeiten soll im Frühjahr begonnen werden, sobald die Ausschreibung abgeschlossen ist."
    for furniture in ("Startseite", "Suchbegriff", "Lastenrad", "Endlich!", "Umland parken", "Freibad", "Impressum", "Kommentare"):
        assert furniture not in article.body


def test_html_without_article_text_is_refused() -> None:
    data = b"<!DOCTYPE html><html><head><title>Leer</title></head><body><nav><a href='/'>Start</a></nav></body></html>"
    with pytest.raises(IngestError, match=r"^leer\.html (is|looks like) an HTML page, but no article text was found"):
        parse_bytes(data, "leer.html")


# --- Feeds ----------------------------------------------------------------------------------


def test_rss_items_become_articles_and_an_empty_item_is_reported() -> None:
    articles, problems = parse_file_report(FIXTURES / "feed_rss.xml")
    assert [a.title for a in articles] == [
        "Fährverkehr nach Helgoland wieder aufgenommen",
        "Kutter bringt Rekordfang in Bremerhaven an Land",
    ]
    first, second = articles
    assert all(a.source == "Nordwest Nachrichten" for a in articles)
    assert first.url == "https://nordwest.example/faehre-helgoland"
    assert first.item_key == "nw-2025-0815"
    assert first.published == datetime(2025, 9, 4, 7, 15, tzinfo=BERLIN)
    assert first.published_precision == "minute"
    assert first.tags == ["Verkehr", "Helgoland"]
    # The full content wins over the short description; HTML paragraphs stay paragraphs.
    assert first.body == (
        "Nach zwei Tagen Pause fahren die Fähren von Cuxhaven nach Helgoland wieder nach Plan.\n\n"
        "Die Reederei bittet Fahrgäste, sich vor der Abfahrt über mögliche Verspätungen zu informieren."
    )
    assert second.published == datetime(2025, 9, 3, 16, 40, tzinfo=timezone.utc)
    assert second.item_key == "https://nordwest.example/rekordfang"
    assert "<p>" not in second.body and "\n\n" in second.body
    assert problems == ["item 3 ('Nur ein Titel ohne Text') has no text and was skipped."]


def test_atom_entries_become_articles() -> None:
    articles = parse_file(FIXTURES / "feed_atom.atom")
    assert [a.title for a in articles] == ["Seilbahn am Wendelstein fährt wieder", "Almabtrieb im Allgäu beginnt früher"]
    seilbahn, almabtrieb = articles
    assert seilbahn.source == "Alpenland Rundschau"
    assert seilbahn.published == datetime(2025, 9, 4, 10, 5, tzinfo=BERLIN)
    assert seilbahn.url == "https://alpenland.example/seilbahn-wendelstein"
    assert seilbahn.item_key == "urn:uuid:4c1e1f5a-0d55-4a1e-9c6c-000000000002"
    assert seilbahn.tags == ["Tourismus"]
    assert seilbahn.body.split("\n\n") == [
        "Nach sechs Wochen Wartung fährt die Seilbahn am Wendelstein wieder.",
        "Die Betreiber haben neue Kabinen eingebaut.",
    ]
    assert almabtrieb.published == datetime(2025, 9, 2, tzinfo=BERLIN)
    assert almabtrieb.published_precision == "day"
    assert almabtrieb.body.startswith("Wegen des trockenen Sommers")


def test_malformed_feed_is_an_ingest_error_with_the_line() -> None:
    with pytest.raises(IngestError) as caught:
        parse_file(FIXTURES / "malformed_feed.rss")
    assert str(caught.value) == f"{FIXTURES / 'malformed_feed.rss'} is not a well-formed feed (line 10: mismatched tag)."


def test_xml_that_is_not_a_feed_is_refused() -> None:
    with pytest.raises(IngestError, match=r"^notizen\.xml is not an RSS or Atom feed\.$"):
        parse_bytes(b'<?xml version="1.0"?><notizen><notiz>Milch kaufen</notiz></notizen>', "notizen.xml")


def test_feed_html_entities_are_tolerated() -> None:
    data = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Ticker</title><item>'
        "<title>Kurz&nbsp;gemeldet</title><description>Der Markt ist heute ge&ouml;ffnet.</description>"
        "</item></channel></rss>"
    ).encode()
    (article,) = parse_bytes(data, "ticker.rss")
    assert article.title == "Kurz gemeldet"
    assert article.body == "Der Markt ist heute geöffnet."


# --- JSON Lines -----------------------------------------------------------------------------


def test_json_lines_keep_good_lines_and_report_bad_ones(caplog: pytest.LogCaptureFixture) -> None:
    articles, problems = parse_file_report(FIXTURES / "articles.jsonl")
    assert [a.title for a in articles] == [
        "Neue Buslinie verbindet Vororte",
        "Museum zeigt Funde aus der Römerzeit",
        "Der Wochenmarkt zieht wegen Bauarbeiten vorübergehend auf den Kirchplatz",
    ]
    assert problems == [
        "line 3: 'title' is not a string.",
        "line 4: has no 'body' or 'text'.",
        "line 5: not valid JSON (Expecting ',' delimiter).",
    ]
    bus, museum, markt = articles
    assert bus.body == "Ab Montag fährt die Linie 42 im Zehn-Minuten-Takt.\n\nDie Verkehrsbetriebe setzen dafür sechs neue Elektrobusse ein."
    assert bus.published == datetime(2025, 9, 1, 6, 30, tzinfo=BERLIN)
    assert bus.source == "Stadtanzeiger"
    assert bus.tags == ["Verkehr", "Bus"]
    assert bus.item_key == "https://stadtanzeiger.example/linie-42"
    assert museum.published == datetime(2025, 9, 2, tzinfo=BERLIN)
    assert museum.published_precision == "day"
    assert museum.item_key == "line 2"
    assert markt.item_key == "line 7"
    with caplog.at_level(logging.WARNING, logger="index.ingest"):
        assert len(parse_file(FIXTURES / "articles.jsonl")) == 3
    assert "line 3: 'title' is not a string." in caplog.text


def test_json_lines_with_only_bad_lines_is_an_error_listing_them() -> None:
    data = b'{"title": "Ohne Text"}\n[1, 2, 3]\n'
    with pytest.raises(IngestError) as caught:
        parse_bytes(data, "alles-kaputt.jsonl")
    assert str(caught.value) == (
        "alles-kaputt.jsonl has no readable article: line 1: has no 'body' or 'text'; "
        "line 2: is not a JSON object."
    )


def test_json_lines_unreadable_date_keeps_the_article_and_says_so() -> None:
    data = '{"title": "Sommerfest", "body": "Das Sommerfest findet statt.", "date": "irgendwann"}\n'.encode()
    (article,), problems = parse_bytes_report(data, "fest.ndjson")
    assert article.published is None
    assert problems == ["line 1: 'date' 'irgendwann' is not a date; the article was kept without one."]


def test_json_lines_wrong_kind_and_tags_are_problems() -> None:
    data = (
        '{"title": "A", "body": "Text A.", "kind": "podcast"}\n'
        '{"title": "B", "body": "Text B.", "tags": [1, 2]}\n'
        '{"title": "C", "body": "Text C.", "kind": "liveblog"}\n'
    ).encode()
    articles, problems = parse_bytes_report(data, "mix.jsonl")
    assert [(a.title, a.kind) for a in articles] == [("C", "liveblog")]
    assert problems == [
        "line 1: 'kind' is 'podcast', not 'article' or 'liveblog'.",
        "line 2: 'tags' is not a list of strings.",
    ]


# --- Detection by content -------------------------------------------------------------------


def test_files_without_suffix_are_recognised_by_their_content() -> None:
    rss = (FIXTURES / "feed_rss.xml").read_bytes()
    assert len(parse_bytes(rss, "export")) == 2
    jsonl = (FIXTURES / "articles.jsonl").read_bytes()
    assert len(parse_bytes(jsonl, "dump")) == 3
    html = (FIXTURES / "page.html").read_bytes()
    assert parse_bytes(html, "seite")[0].source == "Kreisbote Online"


def test_cp1252_liveblog_page_without_article_element() -> None:
    (article,) = parse_file(FIXTURES / "liveblog_cp1252.htm")
    assert article.title == "Liveblog: Hochwasser in Bayern"
    assert article.kind == "liveblog"
    assert article.source == "Donau-Bote"
    assert article.published == datetime(2025, 6, 2, 8, 0, tzinfo=BERLIN)
    assert article.body.split("\n\n") == [
        "Die Pegel an der Donau steigen weiter. In Regensburg wurde die höchste Warnstufe ausgerufen, "
        "mehrere Straßen sind gesperrt.",
        "Die Feuerwehr ist mit mehr als 500 Einsatzkräften unterwegs und füllt in der Altstadt Sandsäcke – "
        "„wir tun, was wir können“.",
    ]


def test_markdown_heading_that_repeats_the_front_matter_title_is_not_body() -> None:
    data = "---\ntitle: Baustelle am Ring\n---\n# Baustelle am Ring\n\nAb Montag ist die Ringstraße einspurig.\n"
    (article,) = parse_bytes(data.encode(), "ring.md")
    assert article.title == "Baustelle am Ring"
    assert article.body == "Ab Montag ist die Ringstraße einspurig."


def test_json_file_with_a_list_of_articles() -> None:
    data = '[{"title": "Erster", "body": "Text eins."}, {"title": 2, "body": "Text zwei."}]'.encode()
    articles, problems = parse_bytes_report(data, "export.json")
    assert [(a.title, a.body, a.item_key) for a in articles] == [("Erster", "Text eins.", "item 1")]
    assert problems == ["item 2: 'title' is not a string."]


def test_json_file_with_one_article_object_over_several_lines() -> None:
    data = '{\n  "title": "Einzeln",\n  "body": "Nur ein Artikel.",\n  "date": "2025-09-04"\n}\n'.encode()
    (article,) = parse_bytes(data, "artikel")
    assert (article.title, article.body, article.item_key) == ("Einzeln", "Nur ein Artikel.", None)
    assert article.published == datetime(2025, 9, 4, tzinfo=BERLIN)


def test_broken_json_file_names_the_line() -> None:
    with pytest.raises(IngestError, match=r"^kaputt\.json is not valid JSON \(line 1: Expecting ',' delimiter\)\.$"):
        parse_bytes(b'[{"title": "A"} {"title": "B"}]', "kaputt.json")


def test_text_starting_with_a_bracket_stays_text() -> None:
    (article,) = parse_bytes("[Hinweis] Der Text beginnt mit einer Klammer.\n\nUnd geht weiter.\n".encode(), "h.txt")
    assert article.body == "Und geht weiter."


def test_html_line_breaks_between_sentences_separate_paragraphs() -> None:
    html = (
        "<html><head><title>Umbrüche</title></head><body><article><h1>Umbrüche</h1>"
        "<p>Erster Absatz des Artikels mit einigen Worten darin.<br><br>"
        "Zweiter Absatz des Artikels, der nach zwei Umbrüchen folgt.</p>"
        "<p>Rathaus Beispielstadt<br>Marktplatz 1<br>12345 Beispielstadt</p></article></body></html>"
    )
    (article,) = parse_bytes(html.encode(), "umbrueche.html")
    assert article.body.split("\n\n") == [
        "Erster Absatz des Artikels mit einigen Worten darin.",
        "Zweiter Absatz des Artikels, der nach zwei Umbrüchen folgt.",
        "Rathaus Beispielstadt Marktplatz 1 12345 Beispielstadt",
    ]
