"""Plain text in the styles news pages are copied in, and the encodings text files come in."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from index.errors import IngestError
from index.ingest import parse_bytes, parse_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
BERLIN = ZoneInfo("Europe/Berlin")


def only(name: str):
    articles = parse_file(FIXTURES / name)
    assert len(articles) == 1
    return articles[0]


def test_site_page_with_dateline_tags_footer_and_teasers() -> None:
    article = only("site_style.txt")
    assert article.title == "Südbrücke bleibt bis November gesperrt"
    assert article.source == "Rheinblick Online"
    assert article.published == datetime(2025, 3, 12, 8, 5, tzinfo=BERLIN)
    assert article.published_precision == "minute"
    assert article.tags == ["Verkehr", "Köln", "Baustellen"]
    assert article.body.startswith("Die Sanierung der Südbrücke dauert länger als geplant.")
    assert article.body.endswith("auf der Nordseite der Brücke geöffnet.")
    for furniture in ("Rheinblick", "Kommentare", "Stadion", "Konzert im Dom", "vor 5 Minuten", "Suchbegriff", "[...]"):
        assert furniture not in article.body


def test_hard_wrapped_text_joins_lines_and_drops_byline_and_photo_credit() -> None:
    article = only("hard_wrapped.txt")
    assert article.title == "Wintersaison auf der Zugspitze endet früh"
    assert article.published == datetime(2025, 4, 15, tzinfo=BERLIN)
    assert article.published_precision == "day"
    assert article.body.split("\n\n") == [
        "Wegen des warmen Frühjahrs beendet die Bayerische Zugspitzbahn die Skisaison zwei Wochen "
        "früher als geplant. Am Sonntag fahren die Lifte zum letzten Mal.",
        "Die Schneedecke auf dem Gletscher sei in den vergangenen Tagen um mehr als einen halben Meter "
        "geschrumpft, sagte ein Sprecher. Wanderer sollen sich trotzdem auf Schnee und Eis einstellen.",
    ]


def test_ticker_marker_title_and_stand_line() -> None:
    article = only("ticker.txt")
    assert article.kind == "liveblog"
    assert article.title == "Bundestag debattiert über den Haushalt"
    assert article.published == datetime(2025, 9, 10, 9, 12, tzinfo=BERLIN)
    assert article.published_precision == "minute"
    assert article.body.startswith("Der Bundestag berät in dieser Woche")
    assert len(article.body.split("\n\n")) == 3


def test_broadcast_note_names_the_source_and_related_links_are_cut() -> None:
    article = only("radio_note.txt")
    assert article.title == "Streik legt Flughafen Hamburg lahm"
    assert article.source == "NDR Info"
    assert article.published == datetime(2025, 3, 12, tzinfo=BERLIN)
    assert article.body.endswith("Die Arbeitgeber nannten den Streik unverhältnismäßig.")
    for furniture in ("Mehr zum Thema", "Busse bleiben im Depot", "berichtete", "Christian Beispiel"):
        assert furniture not in article.body
        assert furniture not in article.title


def test_ai_disclaimer_in_another_wording_gives_way_to_a_shortened_first_sentence() -> None:
    article = only("disclaimer.txt")
    assert article.title == "Der Stadtrat von Leipzig hat nach einer mehr als sechsstündigen Sitzung beschlossen, den Bau der…"
    assert article.body.startswith("Der Stadtrat von Leipzig hat nach einer mehr als sechsstündigen Sitzung")
    assert "KI" not in article.body


def test_text_without_metadata_takes_first_line_as_title() -> None:
    data = "Neue Ampel an der Schule\n\nAn der Grundschule Nord regelt ab heute eine Ampel den Verkehr.\n".encode()
    (article,) = parse_bytes(data, "ampel.txt")
    assert article.title == "Neue Ampel an der Schule"
    assert article.body == "An der Grundschule Nord regelt ab heute eine Ampel den Verkehr."
    assert article.published is None
    assert article.source is None
    assert article.path is None


def test_text_that_starts_with_a_paragraph_keeps_it_and_derives_the_title() -> None:
    data = (
        "Die Gemeinde hat am Montag beschlossen, die Grundsteuer für das kommende Jahr nicht zu erhöhen, "
        "obwohl die Einnahmen zurückgehen. Der Kämmerer warnte vor Lücken im Haushalt.\n"
    ).encode()
    (article,) = parse_bytes(data, "steuer.txt")
    assert article.body.startswith("Die Gemeinde hat am Montag beschlossen")
    assert article.title.startswith("Die Gemeinde hat am Montag beschlossen, die Grundsteuer")
    assert article.title.endswith("…")


def test_title_alone_is_not_an_article() -> None:
    with pytest.raises(IngestError, match="no article text"):
        parse_bytes("Nur eine Überschrift\n".encode(), "titel.txt")


@pytest.mark.parametrize(
    ("name", "title", "snippet"),
    [
        ("cp1252.txt", "Grünes Licht für den Ausbau des Fernwärmenetzes", "„Das ist ein großer Schritt“, sagte der Bürgermeister – die Kosten liegen bei 12 Mio. €."),
        ("latin1.txt", "Bäckerei am Marktplatz schließt nach 90 Jahren", "Viele Stammkunden äußerten ihr Bedauern über die Schließung."),
        ("bom_utf8.txt", "Übung für den Ernstfall im Rathaus", "Während der Übung bleibt das Bürgerbüro geschlossen."),
    ],
)
def test_encodings_are_detected_and_umlauts_survive(name: str, title: str, snippet: str) -> None:
    article = only(name)
    assert article.title == title
    assert snippet in article.body
    assert "\ufeff" not in article.title + article.body
    assert "Ã" not in article.body


def test_cp1252_file_dates_from_its_date_line() -> None:
    article = only("cp1252.txt")
    assert article.published == datetime(2025, 9, 4, tzinfo=BERLIN)
    assert "04.09.2025" not in article.body


@pytest.mark.parametrize("name", ["empty.txt", "blank.txt"])
def test_empty_files_are_refused_by_name(name: str) -> None:
    with pytest.raises(IngestError) as caught:
        parse_file(FIXTURES / name)
    assert str(caught.value) == f"{FIXTURES / name} is empty."


def test_binary_data_is_refused_even_with_a_text_suffix() -> None:
    with pytest.raises(IngestError) as caught:
        parse_file(FIXTURES / "binary.txt")
    assert str(caught.value) == f"{FIXTURES / 'binary.txt'} looks like a binary file, not text."


def test_undecodable_bytes_without_nul_are_binary_too() -> None:
    noise = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x0E, 0x0F] * 40)
    with pytest.raises(IngestError, match="looks like a binary file"):
        parse_bytes(noise, "rauschen")


def test_windows_line_endings_and_non_breaking_spaces_are_normalised() -> None:
    data = "Titel mit Leerzeichen\r\n\r\nEin\u00a0Satz  mit   Lücken, der in\r\nder nächsten Zeile weitergeht.\r\n".encode()
    (article,) = parse_bytes(data, "crlf.txt")
    assert article.title == "Titel mit Leerzeichen"
    assert article.body == "Ein Satz mit Lücken, der in der nächsten Zeile weitergeht."


def test_decomposed_umlauts_become_composed() -> None:
    data = "Mu\u0308nchen feiert\n\nDie Stadt Mu\u0308nchen feiert ihr Stadtfest.\n".encode()
    (article,) = parse_bytes(data, "nfd.txt")
    assert article.title == "München feiert"
    assert article.body == "Die Stadt München feiert ihr Stadtfest."


def test_kicker_title_lead_then_dateline() -> None:
    data = (
        "Ukraine-Gipfel in Paris\n"
        "»Koalition der Willigen« berät über Sicherheitsgarantien\n"
        "Die Unterstützerstaaten wollen in Paris ihre Pläne billigen. Kanzler Merz ist per Video dabei.\n"
        "04.09.2025, 14.56 Uhr\n\n"
        "In Paris beraten heute rund 30 Staats- und Regierungschefs über die Zukunft der Ukraine.\n"
    ).encode()
    (article,) = parse_bytes(data, "kicker.txt")
    assert article.title == "»Koalition der Willigen« berät über Sicherheitsgarantien"
    assert article.published == datetime(2025, 9, 4, 14, 56, tzinfo=BERLIN)
    assert article.body.split("\n\n") == [
        "Die Unterstützerstaaten wollen in Paris ihre Pläne billigen. Kanzler Merz ist per Video dabei.",
        "In Paris beraten heute rund 30 Staats- und Regierungschefs über die Zukunft der Ukraine.",
    ]


def test_liveblog_entries_with_time_stamps_stay_separate_paragraphs() -> None:
    data = (
        "Liveblog\n"
        "Krieg gegen die Ukraine ++ Rutte: Russland hat nicht zu entscheiden ++\n"
        "Stand: 04.09.2025 11:21 Uhr\n"
        "Für NATO-Chef Rutte hat Russland nicht mitzureden. Alle Entwicklungen im Liveblog.\n"
        "11:21 Uhr\nDie Beratungen haben begonnen.\n10:58 Uhr\nSanchez nimmt nur per Video teil.\n"
    ).encode()
    (article,) = parse_bytes(data, "ticker.txt")
    assert article.kind == "liveblog"
    assert article.title == "Krieg gegen die Ukraine ++ Rutte: Russland hat nicht zu entscheiden ++"
    assert article.published == datetime(2025, 9, 4, 11, 21, tzinfo=BERLIN)
    assert article.body.split("\n\n") == [
        "Für NATO-Chef Rutte hat Russland nicht mitzureden. Alle Entwicklungen im Liveblog.",
        "11:21 Uhr", "Die Beratungen haben begonnen.", "10:58 Uhr", "Sanchez nimmt nur per Video teil.",
    ]


def test_a_time_stamp_is_never_the_title() -> None:
    (article,) = parse_bytes("liveblog\n11:21 Uhr\nDie Beratungen der Koalition haben in Paris begonnen.\n".encode(), "l.txt")
    assert article.title == "Die Beratungen der Koalition haben in Paris begonnen"


def test_updated_line_and_closing_source_line() -> None:
    data = (
        "Haushalt: Koalition einigt sich auf Sparpaket\n"
        "Aktualisiert am 04.09.2025 - 14:56 Uhr\n\n"
        "Nach wochenlangem Streit hat sich die Koalition auf einen Haushalt geeinigt.\n\n"
        "Quelle: Hauptstadtbote\n"
    ).encode()
    (article,) = parse_bytes(data, "haushalt.txt")
    assert article.title == "Haushalt: Koalition einigt sich auf Sparpaket"
    assert article.published == datetime(2025, 9, 4, 14, 56, tzinfo=BERLIN)
    assert article.source == "Hauptstadtbote"
    assert article.body == "Nach wochenlangem Streit hat sich die Koalition auf einen Haushalt geeinigt."


def test_inline_link_box_is_skipped_and_the_article_goes_on() -> None:
    data = (
        "Neues Hallenbad eröffnet\n[12 Kommentare]\n04.09.2025\n\n"
        "Nach drei Jahren Bauzeit hat die Stadt am Samstag das neue Hallenbad an der Parkstraße eröffnet. "
        "Mehr als tausend Besucher kamen am ersten Tag.\n\n"
        "Lesen Sie auch\n\nFreibad verlängert die Saison\nSauna bleibt bis Oktober geschlossen\n\n"
        "Das Bad hat ein Sportbecken mit acht Bahnen, ein Lehrschwimmbecken und eine Rutsche, die vor allem "
        "Familien anlocken soll.\n\n"
        "Mehr zum Thema\n\nWie teuer wird der Eintritt?\n"
    ).encode()
    (article,) = parse_bytes(data, "hallenbad.txt")
    assert article.title == "Neues Hallenbad eröffnet"
    assert article.published == datetime(2025, 9, 4, tzinfo=BERLIN)
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("Nach drei Jahren Bauzeit")
    assert paragraphs[1].endswith("die vor allem Familien anlocken soll.")
    for furniture in ("Kommentare", "Lesen Sie auch", "Freibad", "Sauna", "Mehr zum Thema", "Eintritt"):
        assert furniture not in article.body


def test_news_site_copy_with_player_reading_time_and_dpa_footer() -> None:
    data = (
        "Politik\n"
        "Koalition der Willigen: Macron lädt nach Paris ein | beispiel-nachrichten.de\n"
        "04.09.2025 14:56 Uhr Lesezeit: 3 Min.\n"
        "Artikel anhören\n00:00 / 03:12\n(Foto: REUTERS)\n"
        "Frankreichs Präsident empfängt heute mehr als dreißig Staats- und Regierungschefs im Élysée-Palast.\n"
        "Lesen Sie auch: Was die Sicherheitsgarantien bedeuten\n"
        "Die Beratungen sollen am Nachmittag mit einer Pressekonferenz enden.\n"
        "© dpa-infocom, dpa:250904-930-123456/2\n"
    ).encode()
    (article,) = parse_bytes(data, "politik.txt")
    assert article.title == "Koalition der Willigen: Macron lädt nach Paris ein"
    assert article.source == "beispiel-nachrichten.de"
    assert article.published == datetime(2025, 9, 4, 14, 56, tzinfo=BERLIN)
    assert article.body.split("\n\n") == [
        "Frankreichs Präsident empfängt heute mehr als dreißig Staats- und Regierungschefs im Élysée-Palast.",
        "Die Beratungen sollen am Nachmittag mit einer Pressekonferenz enden.",
    ]


def test_title_line_right_after_a_metadata_header() -> None:
    data = " date 2025-09-04\nGipfel in Paris\n\nDie Unterstützerstaaten der Ukraine beraten heute in Paris.\n".encode()
    (article,) = parse_bytes(data, "gipfel.txt")
    assert article.title == "Gipfel in Paris"
    assert article.body == "Die Unterstützerstaaten der Ukraine beraten heute in Paris."


def test_a_short_first_sentence_after_a_disclaimer_stays_in_the_body() -> None:
    data = (
        " date 2025-09-04 Wir nutzen künstliche Intelligenz, um Zusammenfassungen zu erstellen.\n\n"
        "Die Unterstützer beraten in Paris.\n\nAm Abend soll es eine Erklärung geben.\n"
    ).encode()
    (article,) = parse_bytes(data, "kurz.txt")
    assert article.title == "Die Unterstützer beraten in Paris"
    assert article.body == "Die Unterstützer beraten in Paris.\n\nAm Abend soll es eine Erklärung geben."


@pytest.mark.parametrize(
    ("title", "body", "encoding"),
    [
        ("Müller", "Der Bäcker öffnet um acht Uhr.", "cp1252"),
        ("Straße", "Ärger über Öl – „Zitat“ für 5 €.", "cp1252"),
        ("Größe", "§ 3 Abs. 2 gilt «sofort», sagte er.", "latin-1"),
        ("Переговоры", "Россия и Украина провели переговоры в Стамбуле.", "cp1251"),
    ],
)
def test_short_texts_in_legacy_encodings_decode_correctly(title: str, body: str, encoding: str) -> None:
    (article,) = parse_bytes(f"{title}\n\n{body}\n".encode(encoding), "kurz.txt")
    assert (article.title, article.body) == (title, body)


def test_scraped_page_with_breadcrumbs_repeated_title_and_widgets() -> None:
    data = (
        "Sie sind hier: Startseite → Nachrichten → Region → Stadtwerke senken Strompreis\n"
        "Stadtwerke senken Strompreis\n"
        "Stadtwerke senken Strompreis\n"
        "Aktualisiert am 03.02.25, um 07:45 von Lena Beispiel\n"
        "Hier anmelden für den täglichen Newsletter.\n"
        "Kommentare (3)\n"
        "Die Stadtwerke senken zum 1. März den Strompreis für Haushaltskunden um durchschnittlich acht Prozent. "
        "Grund seien gesunkene Einkaufspreise an der Strombörse, teilte das Unternehmen mit.\n"
        "Ein Haushalt mit einem Verbrauch von 2500 Kilowattstunden spart damit rund sechzig Euro im Jahr.\n"
        "0,0 (0 Stimmen)\n"
        "Copyright © Beispielbote 2025. Alle Rechte vorbehalten.\n"
    ).encode()
    (article,) = parse_bytes(data, "strom.txt")
    assert article.title == "Stadtwerke senken Strompreis"
    assert article.published == datetime(2025, 2, 3, 7, 45, tzinfo=BERLIN)
    assert article.body.split("\n\n") == [
        "Die Stadtwerke senken zum 1. März den Strompreis für Haushaltskunden um durchschnittlich acht Prozent. "
        "Grund seien gesunkene Einkaufspreise an der Strombörse, teilte das Unternehmen mit.",
        "Ein Haushalt mit einem Verbrauch von 2500 Kilowattstunden spart damit rund sechzig Euro im Jahr.",
    ]


def test_agency_mark_and_kicker_are_not_titles() -> None:
    data = (
        "Waldbrand im Harz weitgehend gelöscht\nsda\nZuletzt aktualisiert am 12.8.2025 um 18:40 Uhr\n"
        "Die Feuerwehr hat den Waldbrand bei Schierke nach drei Tagen weitgehend unter Kontrolle gebracht.\n"
    ).encode()
    (article,) = parse_bytes(data, "harz.txt")
    assert article.title == "Waldbrand im Harz weitgehend gelöscht"
    assert article.published == datetime(2025, 8, 12, 18, 40, tzinfo=BERLIN)
    data = (
        "12.08.2025 | 18:40 Uhr\nWetter\nHitzewelle erreicht am Wochenende ihren Höhepunkt\n"
        "Der Deutsche Wetterdienst erwartet am Samstag bis zu 38 Grad im Südwesten des Landes.\n"
    ).encode()
    (article,) = parse_bytes(data, "hitze.txt")
    assert article.title == "Hitzewelle erreicht am Wochenende ihren Höhepunkt"
    assert article.body == "Der Deutsche Wetterdienst erwartet am Samstag bis zu 38 Grad im Südwesten des Landes."


def test_html_entities_and_blog_feed_notes_in_text() -> None:
    data = (
        "Neues Album angek&uuml;ndigt\n\n"
        "Die Band hat ihr neues Album f&uuml;r den Herbst angek&uuml;ndigt &#8211; es ist das erste seit f&uuml;nf Jahren. "
        "The post Neues Album angekündigt appeared first on musikblog.example.\n"
    ).encode()
    (article,) = parse_bytes(data, "album.txt")
    assert article.title == "Neues Album angekündigt"
    assert article.body == "Die Band hat ihr neues Album für den Herbst angekündigt – es ist das erste seit fünf Jahren."


def test_dateline_with_author_and_slash() -> None:
    data = "Der Landtag tagt\nVon Apa / 08.03.2025 - 14:40\n\nDer Landtag tagt heute zum letzten Mal vor der Sommerpause.\n"
    (article,) = parse_bytes(data.encode(), "landtag.txt")
    assert article.title == "Der Landtag tagt"
    assert article.published == datetime(2025, 3, 8, 14, 40, tzinfo=BERLIN)
    assert article.body == "Der Landtag tagt heute zum letzten Mal vor der Sommerpause."
