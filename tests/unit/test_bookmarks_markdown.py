"""Markdown export of bookmarks: layout, escaping (checked with a CommonMark renderer), order, files."""

from __future__ import annotations

import html
import os
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from index.bookmark_store import BookmarkStore
from index.library import Library
from index.models import Article, Mention
from index.store_entities import write_linking
from reader.bookmarks import ExportError, export_markdown, obsidian_tag, write_export

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
BERLIN = timezone(timedelta(hours=2))
NOW = datetime(2025, 9, 5, 8, 30, tzinfo=timezone.utc)
NASTY_TITLE = r"Merz & Macron: *Garantien* [live] #1 <b>fett</b> _so_ `code` \ ==hl== $x$ %%c%% ~~s~~ | a ##"


def seed_body(prefix: str) -> str:
    return next(SEEDS.glob(prefix + "*")).read_text(encoding="utf-8")


def open_library(path: Path) -> Library:
    library = Library.open(path)
    library.bookmarks = BookmarkStore(library.store)
    return library


@pytest.fixture
def library(tmp_path):
    library = open_library(tmp_path / "library")
    yield library
    library.close()


def add(library: Library, **fields) -> Article:
    article = Article(**fields)
    library.add_articles([article])
    return library.article(article.id)


def give_mentions(library: Library, article: Article, names: list[tuple[str, str, str]]) -> None:
    """Mentions of (entity id, name, surface text) at every place the surface occurs."""
    mentions = [Mention(entity=entity_id, kind="person", start=m.start(), end=m.end(), text=surface)
                for entity_id, _, surface in names for m in re.finditer(re.escape(surface), article.body)]
    with library.store.transaction() as db:
        library.store.replace_mentions(db, article.id, mentions)
    write_linking(library.store, {entity_id: entity_id for entity_id, _, _ in names},
                  {entity_id: (name, "person", [], []) for entity_id, name, _ in names})


@pytest.fixture
def paris(library) -> Article:
    article = add(library, title="Sicherheitsgarantien: Konferenz mit Macron und Starmer", body=seed_body("003"),
                  source="Eulerpool News", published=datetime(2025, 9, 4, 14, 56, tzinfo=BERLIN),
                  url="https://example.org/news/paris-konferenz")
    give_mentions(library, article, [("macron", "Emmanuel Macron", "Emmanuel Macron"),
                                     ("starmer", "Keir Starmer", "Keir Starmer")])
    return article


def render(markdown: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


def shown_text(fragment: str) -> str:
    """What a reader sees of an HTML fragment with no markup in it."""
    assert "<" not in fragment, f"Markdown was interpreted: {fragment!r}"
    return html.unescape(fragment)


def test_header_says_when_and_how_many(library, paris):
    library.bookmarks.add(paris.id, note="eins")
    library.bookmarks.add(paris.id, quote="Keir Starmer")
    text = export_markdown(library, now=NOW)
    assert text.startswith("# Bookmarks\n")
    assert "Exported from reader on 2025-09-05 08:30 UTC: 2 bookmarks from 1 article." in text


def test_article_heading_is_followed_by_source_date_and_url(library, paris):
    library.bookmarks.add(paris.id, note="lesen")
    page = render(export_markdown(library, now=NOW))
    assert f"<h2>{paris.title}</h2>" in page
    assert "<em>Source:</em> Eulerpool News" in page
    assert "<em>Published:</em> 2025-09-04 14:56" in page
    assert '<a href="https://example.org/news/paris-konferenz">' in page


def test_file_articles_show_their_path(library):
    article = add(library, title="Lokal", body="Ein Text über Paris.", path="/home/leser/Nachrichten/a b.txt")
    library.bookmarks.add(article.id, quote="Paris")
    assert "<em>File:</em> /home/leser/Nachrichten/a b.txt" in render(export_markdown(library, now=NOW))


def test_passage_is_a_blockquote_with_note_tags_and_the_entities_it_mentions(library, paris):
    quote = "Unter der Leitung von Frankreichs Präsident Emmanuel Macron und dem britischen Premier Keir Starmer"
    library.bookmarks.add(paris.id, quote=quote, note="Wer leitet?", tags=["Paris", "Diplomatie"])
    text = export_markdown(library, now=NOW)
    assert f"> {quote}\n\nWer leitet?\n\n#Paris #Diplomatie\n\n*Mentions:* Emmanuel Macron · Keir Starmer\n" in text
    page = render(text)
    assert f"<blockquote>\n<p>{quote}</p>\n</blockquote>" in page


def test_mentions_are_only_those_inside_the_passage(library, paris):
    library.bookmarks.add(paris.id, quote="Emmanuel Macron und dem britischen")
    library.bookmarks.add(paris.id, note="ganzer Artikel")
    text = export_markdown(library, now=NOW)
    assert text.count("*Mentions:*") == 1
    assert "*Mentions:* Emmanuel Macron\n" in text


def test_multi_line_quote_has_every_line_prefixed(library):
    article = add(library, title="Absätze", body="Erster Absatz.\n\nZweiter Absatz\nmit Umbruch.\n\nDritter.")
    library.bookmarks.add(article.id, start=0, end=len("Erster Absatz.\n\nZweiter Absatz\nmit Umbruch."))
    text = export_markdown(library, now=NOW)
    assert "> Erster Absatz.\n>\n> Zweiter Absatz\n> mit Umbruch.\n" in text
    page = render(text)
    assert "<blockquote>\n<p>Erster Absatz.</p>\n<p>Zweiter Absatz\nmit Umbruch.</p>\n</blockquote>" in page


def test_titles_and_notes_with_markdown_characters_show_literally(library):
    body = "* kein Punkt\n# keine Überschrift\n1. keine Liste\n<i>kein HTML</i> [kein](link) **fett**"
    article = add(library, title=NASTY_TITLE, body=body, source="Quelle_mit_*Sternen*")
    note_lines = ["- kein Listenpunkt", "+ auch keiner", "2) keine Nummer", "# keine Überschrift",
                  "> kein Zitat", "    kein Code", "[[kein Wikilink]] ![bild](x.png) &amp; &copy; *nicht kursiv*"]
    library.bookmarks.add(article.id, start=0, end=len(body), note="\n".join(note_lines))
    text = export_markdown(library, now=NOW)
    page = render(text)
    heading = re.search(r"<h2>(.*)</h2>", page).group(1)
    assert shown_text(heading) == NASTY_TITLE
    quote = re.search(r"<blockquote>\n<p>(.*?)</p>\n</blockquote>", page, re.S).group(1)
    assert shown_text(quote) == body
    note = re.search(r"</blockquote>\n<p>(.*?)</p>", page, re.S).group(1)
    assert shown_text(note) == "\n".join(note_lines)
    assert "<em>Source:</em> Quelle_mit_*Sternen*" in html.unescape(page)
    # Obsidian syntax: no tag (a '#' after a blank), highlight, math, comment or wikilink comes out.
    for line in text.splitlines():
        if not line.startswith("<!--"):
            assert not re.search(r"(^|\s)#[^\s#]|(?<!\\)(==|\$|%%|\[\[)", line.removeprefix("## ")), line


def test_tags_become_valid_obsidian_tags_and_the_header_says_so(library, paris):
    library.bookmarks.add(paris.id, note="x", tags=["Koalition der Willigen", "2025", "EU/Rat", "C++ & Co"])
    text = export_markdown(library, now=NOW)
    assert "#Koalition-der-Willigen #_2025 #EU/Rat #C-Co\n" in text
    assert "spaces and other characters a tag cannot hold became hyphens" in text
    for tag in re.findall(r"#(\S+)", text.split("*Published:*")[1]):
        assert re.fullmatch(r"[\w/-]*[^\W\d][\w/-]*", tag), tag


def test_plain_tags_need_no_explanation(library, paris):
    library.bookmarks.add(paris.id, note="x", tags=["Paris", "Außenpolitik"])
    text = export_markdown(library, now=NOW)
    assert "#Paris #Außenpolitik\n" in text
    assert "became hyphens" not in text


@pytest.mark.parametrize("tag, shown", [("a b", "a-b"), ("1984", "_1984"), ("EU/Rat", "EU/Rat"), ("C++", "C"),
                                         ("Über Ländergrenzen", "Über-Ländergrenzen"), ("x_y-z", "x_y-z")])
def test_obsidian_tag(tag, shown):
    assert obsidian_tag(tag) == shown


def test_articles_ordered_by_date_and_passages_by_position(library):
    body = "Alpha Beta Gamma Delta"
    newer = add(library, title="Neuer", body=body + " neu", published=datetime(2025, 9, 4, 12, tzinfo=BERLIN))
    older = add(library, title="Älter", body=body + " alt", published=datetime(2025, 9, 3, 12, tzinfo=BERLIN))
    undated = add(library, title="Ohne Datum", body=body + " ohne")
    library.bookmarks.add(undated.id, quote="Alpha")
    library.bookmarks.add(newer.id, quote="Delta")
    library.bookmarks.add(older.id, quote="Gamma")
    library.bookmarks.add(newer.id, quote="Beta")
    library.bookmarks.add(older.id, quote="Alpha")
    library.bookmarks.add(newer.id, note="Artikel")
    text = export_markdown(library, now=NOW)
    sequence = re.findall(r"^## (.*)$|^> (\w+)$|^(Artikel)$", text, re.M)
    assert ["".join(parts) for parts in sequence] == \
        ["Älter", "Alpha", "Gamma", "Neuer", "Artikel", "Beta", "Delta", "Ohne Datum", "Alpha"]


def test_export_of_no_bookmarks_is_a_short_valid_document(library):
    assert "0 bookmarks from 0 articles." in export_markdown(library, now=NOW)


# --- writing the file -----------------------------------------------------------


def test_export_into_a_path_with_spaces_and_umlauts(tmp_path):
    target = tmp_path / "Meine Notizen" / "Lesezeichen für Übersee.md"
    target.parent.mkdir()
    write_export(target, "# Bookmarks\n\nÄrger über Öl\n")
    assert target.read_text(encoding="utf-8") == "# Bookmarks\n\nÄrger über Öl\n"
    assert [p.name for p in target.parent.iterdir()] == ["Lesezeichen für Übersee.md"]


def test_existing_file_is_not_overwritten_without_force(tmp_path):
    target = tmp_path / "notes.md"
    target.write_text("meine Notizen", encoding="utf-8")
    with pytest.raises(ExportError, match="already exists; use --force to overwrite it"):
        write_export(target, "neu")
    assert target.read_text(encoding="utf-8") == "meine Notizen"
    write_export(target, "neu", force=True)
    assert target.read_text(encoding="utf-8") == "neu"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.md"]


def test_overwrite_replaces_the_file_instead_of_rewriting_it(tmp_path):
    # Someone holding the old file open still reads all of it: the new one was renamed into place.
    target = tmp_path / "notes.md"
    target.write_text("alt " * 1000, encoding="utf-8")
    with open(target, encoding="utf-8") as old:
        write_export(target, "neu", force=True)
        assert old.read() == "alt " * 1000
    assert target.read_text(encoding="utf-8") == "neu"


def test_export_into_a_missing_folder_or_onto_a_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        write_export(tmp_path / "fehlt" / "b.md", "x")
    with pytest.raises(ExportError, match="is a folder"):
        write_export(tmp_path, "x", force=True)
    assert os.listdir(tmp_path) == []
