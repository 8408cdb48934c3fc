"""Real articles nobody here wrote, imported through the installed `reader add`: 110 saved web
pages (trafilatura's test pages) and 1,028 Austrian news texts (10kGNAD). What a reader would
notice: articles lost, articles without a body, titles that are not titles, page furniture in
the text. The data stays in ../shared/data (its licences allow tests, not copies)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from index.library import Library
from tests.realdata.conftest import reader_add

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
REAL_HTML = DATA / "real_html"
# The one saved page without any text: an Angular shell whose body is template placeholders
# ("{{nrco.contentDetailController...}}"); it must be refused with a sentence, not imported.
EMPTY_PAGE = "lanouvellerepublique.fr.martin.html"
NEWS_PAGES = tuple(f"{site}." for site in (
    "spiegel.de", "sueddeutsche.de", "zeit.de", "faz.net", "heise.de", "dw.com", "correctiv.org", "rnz.de",
    "meedia.de", "futurezone.at", "computerbase.de", "cnet.de", "netzpolitik.org", "ndr.de", "sonntag-sachsen.de",
    "theguardian.com", "reuters.com", "vancouversun.com", "vice.com", "theverge.com", "salon.com", "scmp.com",
    "nature.com", "phys.org", "nationalgeographic.co.uk", "threatpost.com", "knowtechie.com", "kulu-media.com",
    "wikimediafoundation.org", "pcgamer.com",
))
# Page furniture as a reader sees it, written here independently of the importer's own rules.
FURNITURE = re.compile(
    r"cookie|lesen sie (?:auch|mehr)|mehr zum thema|weitere artikel|das könnte sie auch|teilen auf|"
    r"^(?:teilen|drucken|merken|facebook|twitter|whatsapp|e-mail|startseite|home|menü|suche|"
    r"navigation|anzeige|werbung|related|share|kommentare?(?: \(\d+\))?)$|"
    r"alle rechte vorbehalten|zur startseite|newsletter$|^sign up|^read more|recommendations:|"
    r"^von [A-ZÄÖÜ]\w+ [A-ZÄÖÜ]\w+$|kommentare insgesamt|[.!?] (?:bild|foto): [^.]{2,60}$|"
    r"^(?:startseite|home|accueil) >",
    re.I,
)
TITLE_FURNITURE = re.compile(r"cookie|startseite|^home$|^menü|datenschutz|impressum|willkommen|^\d+ kommentare", re.I)


def stored_articles(data_dir: Path) -> dict[str, object]:
    with Library.open(data_dir) as library:
        return {summary.id: library.article(summary.id) for summary in library.articles()}


def file_name(article) -> str:
    return Path(article.path).name


@pytest.fixture(scope="module")
def html_import(tmp_path_factory) -> tuple[subprocess.CompletedProcess, dict]:
    assert REAL_HTML.is_dir(), f"the real pages are missing: {REAL_HTML} (see ../shared/data/README.md)"
    data_dir = tmp_path_factory.mktemp("real_html") / "library"
    result = reader_add(REAL_HTML, data_dir)
    return result, stored_articles(data_dir)


@pytest.fixture(scope="module")
def gnad_import(gnad_library) -> tuple[subprocess.CompletedProcess, dict]:
    result, data_dir = gnad_library
    return result, stored_articles(data_dir)


def test_every_real_page_with_text_is_imported(html_import) -> None:
    result, articles = html_import
    pages = sorted(p.name for p in REAL_HTML.glob("*.html"))
    assert len(pages) == 110
    assert "109 added, 0 updated, 0 unchanged, 1 failed" in result.stdout + result.stderr
    skipped = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("skipped")]
    assert len(skipped) == 1 and EMPTY_PAGE in skipped[0] and "no article text was found" in skipped[0]
    assert sorted(file_name(a) for a in articles.values()) == [p for p in pages if p != EMPTY_PAGE]


def test_real_pages_have_bodies_and_titles_that_are_titles(html_import) -> None:
    _, articles = html_import
    for article in articles.values():
        name = file_name(article)
        assert len(article.body.split()) >= 20, name
        title = article.title
        assert 3 <= len(title) <= 160 and len(title.split()) <= 25, (name, title)
        assert not TITLE_FURNITURE.search(title), (name, title)
        assert not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)+", title), (name, title)  # a URL slug
        assert not re.search(r"\s[|•»]\s*(?:[\w.-]+\.(?:de|com|at|ch|org|net|eu))$", title, re.I), (name, title)
        if article.source:
            assert title.casefold() != article.source.casefold(), (name, title)


def test_news_pages_have_no_page_furniture_in_their_text(html_import) -> None:
    _, articles = html_import
    news = [a for a in articles.values() if file_name(a).startswith(NEWS_PAGES)]
    assert len(news) == 31  # dw.com twice
    for article in news:
        for paragraph in article.body.split("\n\n"):
            assert not FURNITURE.search(paragraph) or len(paragraph) > 300, (file_name(article), paragraph)


def test_every_news_text_is_imported_whole(gnad_import, gnad_texts) -> None:
    result, articles = gnad_import
    assert "1028 added, 0 updated, 0 unchanged" in result.stdout + result.stderr
    assert "failed" not in result.stdout + result.stderr
    by_name = {file_name(a): a for a in articles.values()}
    assert sorted(by_name) == sorted(gnad_texts)
    for name, text in gnad_texts.items():
        assert by_name[name].body == " ".join(text.split()), name  # nothing lost, nothing added


def test_news_texts_get_their_first_sentence_as_title(gnad_import) -> None:
    _, articles = gnad_import
    for article in articles.values():
        title, body = article.title, article.body
        assert 3 <= len(title) <= 100 and len(title) <= len(body), (file_name(article), title)
        assert body.startswith(title.removesuffix("…").rstrip()), (file_name(article), title)
