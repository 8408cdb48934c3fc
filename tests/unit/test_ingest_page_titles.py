"""Titles and sources of web pages without the site's name around them; plain texts that are one
sentence, or that start with a word furniture rules know."""

from __future__ import annotations

import pytest

from index.ingest import parse_bytes


def page(title: str, *, h1: str = "", site: str = "", url: str = "") -> bytes:
    meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    meta += f'<meta property="og:url" content="{url}">' if url else ""
    paragraphs = "".join(f"<p>Der Stadtrat hat am Montag über die Sanierung der Brücke Nummer {n} beraten und "
                         f"eine Entscheidung auf den Herbst vertagt, sagte die Sprecherin.</p>" for n in range(6))
    return (f"<html><head><title>{title}</title>{meta}</head><body><article><h1>{h1}</h1>{paragraphs}"
            "</article></body></html>").encode()


@pytest.mark.parametrize(("title", "site", "url", "expected"), [
    ("Brücke bleibt gesperrt | Rheinblick", "Rheinblick", "", "Brücke bleibt gesperrt"),
    ("Rheinblick - Brücke bleibt gesperrt", "Rheinblick", "", "Brücke bleibt gesperrt"),
    ("Brücke bleibt gesperrt | RB | 19.01.2020", "", "https://www.rb.de/a/1", "Brücke bleibt gesperrt"),
    ("Brücke bleibt gesperrt • rheinblick-online.de", "", "https://rheinblick-online.de/x", "Brücke bleibt gesperrt"),
    ("Stadtrat | Kanzlei Beispielmann", "", "https://beispielmann.com/", "Stadtrat"),
])
def test_the_site_name_is_cut_from_the_title(title: str, site: str, url: str, expected: str) -> None:
    (article,) = parse_bytes(page(title, site=site, url=url), "seite.html")
    assert article.title == expected


def test_a_title_that_is_only_the_site_name_gives_way_to_the_page_title() -> None:
    (article,) = parse_bytes(page("CDU-Fraktion im Stadtrat - Brücke wird saniert", h1="CDU-Fraktion im Stadtrat",
                                  site="CDU - Fraktion"), "seite.html")
    assert article.title == "Brücke wird saniert"


def test_a_url_slug_is_not_a_title() -> None:
    html = page("Brückentest 2018 | ADAC", site="ADAC").replace(
        b"<head>", b'<head><meta property="og:title" content="brueckentest-herbst-2018">')
    (article,) = parse_bytes(html, "seite.html")
    assert article.title == "Brückentest 2018"


def test_the_source_is_the_site_of_the_url_when_the_page_names_none() -> None:
    (article,) = parse_bytes(page("Brücke bleibt gesperrt", url="https://www.rheinblick.de/lokales/bruecke"), "s.html")
    assert article.source == "rheinblick.de"


def test_a_teaser_in_the_title_is_cut_to_its_first_sentence() -> None:
    long_title = ("Die Brücke bleibt gesperrt. Der Stadtrat hat die Sanierung vertagt, weil die Kosten seit der "
                  "ersten Schätzung gestiegen sind und das Land noch keine Fördermittel zugesagt hat")
    (article,) = parse_bytes(page(long_title), "seite.html")
    assert article.title == "Die Brücke bleibt gesperrt"


def test_a_text_of_one_sentence_is_an_article() -> None:
    (article,) = parse_bytes("Gemeindeergebnisse, Mandate und Koalitionen im Überblick.\n".encode(), "kurz.txt")
    assert article.body == "Gemeindeergebnisse, Mandate und Koalitionen im Überblick."


def test_a_text_starting_with_copyright_in_a_word_is_text() -> None:
    text = ("Copyrightbeschwerden gegen Videomacher. Ein Hersteller lässt Videos sperren, in denen veränderte "
            "Spielstufen gezeigt werden. Betroffen sind zahlreiche Kanäle.")
    (article,) = parse_bytes(text.encode(), "copyright.txt")
    assert article.body == text


def test_a_caption_with_its_credit_and_a_breadcrumb_are_not_article_text() -> None:
    html = page("Brücke bleibt gesperrt", site="Rheinblick").replace(
        b"<article>", "<article><p>Startseite > Lokales > Verkehr</p>"
                      "<p>Die Brücke am Abend vor der Sperrung. Foto: Hans Beispiel/dpa</p>".encode())
    (article,) = parse_bytes(html, "seite.html")
    assert article.body.startswith("Der Stadtrat hat am Montag")
    assert "Foto:" not in article.body and "Lokales" not in article.body
