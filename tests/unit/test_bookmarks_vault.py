"""`reader bookmarks export --vault DIR`: notes as Obsidian reads them (YAML frontmatter, `[!quote]`
callouts with block ids), safe file names, and re-exports that never overwrite a note the user edited."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from index.library import Library
from index.models import Article
from reader.cli import main
from reader.export.vault_note import safe_name

BERLIN = timezone(timedelta(hours=2))
TRICKY_TITLE = 'Rutte: "Ja/Nein?" [Analyse] #1 | a^b * <c> \\ d'
OBSIDIAN_BLOCK_ID = re.compile(r"^\^([A-Za-z0-9-]+)$")


def split_note(text: str) -> tuple[dict, str]:
    """(frontmatter as YAML data, body): Obsidian's properties are the YAML between the first two '---' lines."""
    assert text.startswith("---\n")
    front, _, body = text[4:].partition("\n---\n")
    return yaml.safe_load(front), body


def obsidian_blocks(body: str) -> dict[str, dict]:
    """Block id -> the block Obsidian attaches it to, read from the CommonMark structure: an id on a
    line of its own right after a blockquote names that blockquote (a callout when it opens with
    [!type]); an id at the end of a paragraph names the paragraph."""
    md = MarkdownIt("commonmark")
    tokens = md.parse(body)
    blocks: dict[str, dict] = {}
    last_quote = None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "blockquote_open":
            depth, j = 1, i + 1
            inlines = []
            while depth:
                depth += {"blockquote_open": 1, "blockquote_close": -1}.get(tokens[j].type, 0)
                if tokens[j].type == "inline":
                    inlines.append(tokens[j])
                j += 1
            shown = [html.unescape(md.renderer.renderInline(t.children, md.options, {})) for t in inlines]
            first, _, rest = shown[0].partition("\n")
            callout = re.match(r"^\[!(\w+)\]", first)
            last_quote = {"callout": callout.group(1) if callout else None,
                          "text": "\n\n".join([rest, *shown[1:]] if callout else shown)}
            i = j
            continue
        if token.type == "inline":
            content = token.content
            alone = OBSIDIAN_BLOCK_ID.match(content)
            if alone and last_quote is not None:
                blocks[alone.group(1)] = last_quote
            elif (ending := re.search(r" \^([A-Za-z0-9-]+)$", content)) is not None:
                blocks[ending.group(1)] = {"callout": None, "text": content[:ending.start()]}
            last_quote = None
        i += 1
    return blocks


def export(capsys, data_dir: Path, vault: Path) -> tuple[int, str]:
    code = main(["--data-dir", str(data_dir), "bookmarks", "export", "--vault", str(vault)])
    return code, capsys.readouterr().err


@pytest.fixture
def library_dir(seeded_library) -> Path:
    return seeded_library


@pytest.fixture
def paris(library_dir) -> Article:
    with Library.open(library_dir) as library:
        return next(a for a in (library.article(s.id) for s in library.articles()) if a.title.startswith("Sicherheitsgarantien"))


def bookmark(library_dir: Path, article_id: str, **fields):
    with Library.open(library_dir) as library:
        return library.bookmarks.add(article_id, **fields)


def the_note(vault: Path, title_start: str) -> Path:
    found = [p for p in vault.glob("*.md") if p.name.startswith(title_start)]
    assert len(found) == 1, sorted(p.name for p in vault.iterdir())
    return found[0]


def test_note_frontmatter_is_yaml_obsidian_reads_as_properties(capsys, library_dir, paris, tmp_path):
    bookmark(library_dir, paris.id, quote="Emmanuel Macron", note="Gastgeber", tags=["Koalition der Willigen"])
    code, err = export(capsys, library_dir, tmp_path / "vault")
    assert code == 0, err
    props, _ = split_note(the_note(tmp_path / "vault", "Sicherheitsgarantien").read_text(encoding="utf-8"))
    assert props["title"] == paris.title
    assert props["source"] == paris.source
    assert props["published"] == date(2025, 9, 4)  # an ISO date, which YAML and Obsidian read as a date
    assert props["reader_id"] == paris.id
    assert "Koalition-der-Willigen" in props["tags"]  # a tag Obsidian accepts (no spaces)
    assert all(isinstance(t, str) for t in props["tags"])
    assert "[[Emmanuel Macron]]" in props["people"] and "[[Keir Starmer]]" in props["people"]
    assert "[[NATO]]" in props["organisations"] and "[[Paris]]" in props["places"]
    # Who speaks in it, most quoted first: Macron (four times) before Putin and Rutte (once each).
    assert props["quoted"][0] == "[[Emmanuel Macron]]" and {"[[Mark Rutte]]", "[[Wladimir Putin]]"} <= set(props["quoted"])


def test_each_passage_is_a_quote_callout_named_by_a_stable_block_id(capsys, library_dir, paris, tmp_path):
    later = bookmark(library_dir, paris.id, quote="Keir Starmer", note="Mitgastgeber")
    whole = bookmark(library_dir, paris.id, note="ganz lesen")
    vault = tmp_path / "vault"
    export(capsys, library_dir, vault)
    _, body = split_note(the_note(vault, "Sicherheitsgarantien").read_text(encoding="utf-8"))
    blocks = obsidian_blocks(body)
    assert blocks[f"bm-{later.id}"] == {"callout": "quote", "text": "Keir Starmer"}
    assert blocks[f"bm-{whole.id}"] == {"callout": None, "text": "ganz lesen"}
    assert "[[Keir Starmer]]" in body and "Mitgastgeber" in body
    # A new bookmark earlier in the article changes no existing id.
    earlier = bookmark(library_dir, paris.id, quote="Sicherheitsgarantien")
    export(capsys, library_dir, vault)
    _, body = split_note(the_note(vault, "Sicherheitsgarantien").read_text(encoding="utf-8"))
    blocks = obsidian_blocks(body)
    assert blocks[f"bm-{later.id}"]["text"] == "Keir Starmer"
    assert blocks[f"bm-{earlier.id}"] == {"callout": "quote", "text": "Sicherheitsgarantien"}
    assert body.index(f"^bm-{earlier.id}") < body.index(f"^bm-{later.id}")  # article order


def test_passages_and_titles_with_markdown_characters_read_as_written(capsys, library_dir, tmp_path):
    body = "Erster Satz mit *Sternen*, #Raute und [[keinem Link]] ^kein-id.\n\nZweiter | Absatz."
    with Library.open(library_dir) as library:
        article = Article(title=TRICKY_TITLE, body=body, source="Test", published=datetime(2025, 9, 5, 9, tzinfo=BERLIN))
        library.add_articles([article])
        saved = library.bookmarks.add(article.id, start=0, end=len(body))
    vault = tmp_path / "vault"
    export(capsys, library_dir, vault)
    [note] = [p for p in vault.glob("*.md") if p.name.startswith("Rutte")]
    props, text = split_note(note.read_text(encoding="utf-8"))
    assert props["title"] == TRICKY_TITLE
    assert obsidian_blocks(text) == {f"bm-{saved.id}": {"callout": "quote", "text": body}}


@pytest.mark.parametrize("title, expected", [
    (TRICKY_TITLE, "Rutte Ja Nein Analyse 1 a b c d"),
    ("..hidden. ", "hidden"),
    ("CON", "CON note"),
    ("#[]|", "Untitled article"),
    ("Ä" * 200, "Ä" * 90),
])
def test_file_names_are_safe_on_every_system_and_for_obsidian_links(title, expected):
    assert safe_name(title) == expected


def test_re_export_updates_reader_notes_and_skips_edited_ones(capsys, library_dir, paris, tmp_path):
    with Library.open(library_dir) as library:
        witkoff = next(s.id for s in library.articles() if "Witkoff" in s.title)
    bookmark(library_dir, paris.id, quote="Emmanuel Macron")
    bookmark(library_dir, witkoff, quote="Witkoff")
    vault = tmp_path / "vault"
    code, err = export(capsys, library_dir, vault)
    assert "2 new" in err
    edited = the_note(vault, "Auch US-Sondergesandter")
    mine = edited.read_text(encoding="utf-8") + "\nMeine eigene Notiz.\n"
    edited.write_text(mine, encoding="utf-8")
    moved = the_note(vault, "Sicherheitsgarantien")
    (vault / "Artikel").mkdir()
    renamed = moved.rename(vault / "Artikel" / "Paris-Konferenz.md")  # renamed in Obsidian
    bookmark(library_dir, paris.id, quote="Keir Starmer")
    bookmark(library_dir, witkoff, quote="Paris")
    code, err = export(capsys, library_dir, vault)
    assert code == 0
    assert "skipped Auch US-Sondergesandter Witkoff bei Paris-Gipfel.md: edited since the last export" in err
    assert "0 new, 1 updated, 0 unchanged, 1 skipped" in err
    assert edited.read_text(encoding="utf-8") == mine
    assert "Keir Starmer" in obsidian_blocks(split_note(renamed.read_text(encoding="utf-8"))[1]).get("bm-3", {}).get("text", "")
    assert sorted(p.name for p in vault.glob("*.md")) == ["Auch US-Sondergesandter Witkoff bei Paris-Gipfel.md"]


def test_a_user_note_of_the_same_name_is_never_replaced(capsys, library_dir, paris, tmp_path):
    vault = tmp_path / "vault"
    vault.mkdir()
    mine = vault / f"{safe_name(paris.title)}.md"
    mine.write_text("# Meine Notizen zur Konferenz\n", encoding="utf-8")
    bookmark(library_dir, paris.id, note="lesen")
    export(capsys, library_dir, vault)
    assert mine.read_text(encoding="utf-8") == "# Meine Notizen zur Konferenz\n"
    written = vault / f"{safe_name(paris.title)} ({paris.id[:8]}).md"
    assert split_note(written.read_text(encoding="utf-8"))[0]["reader_id"] == paris.id


def test_bad_vault_targets_get_one_sentence(capsys, library_dir, paris, tmp_path):
    bookmark(library_dir, paris.id, note="lesen")
    afile = tmp_path / "notes.md"
    afile.write_text("x", encoding="utf-8")
    code, err = export(capsys, library_dir, afile)
    assert code == 1 and err.strip() == f"reader: {afile} is a file; give a folder (an Obsidian vault, or a folder in one)."
    code, err = export(capsys, library_dir, tmp_path / "missing" / "vault")
    assert code == 1 and "does not exist" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as exit_info:
        main(["--data-dir", str(library_dir), "bookmarks", "export", "--vault", str(tmp_path / "v"), "-o", "x.md"])
    assert exit_info.value.code == 2
