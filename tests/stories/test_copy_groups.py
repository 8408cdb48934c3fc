"""Copy groups in a real library: agency copy with customers' edits is grouped with its original,
other articles on the same topic are not, and grouping is incremental and survives a crash."""

from __future__ import annotations

import os
import subprocess
from datetime import timedelta
from pathlib import Path

from index import importer
from index.ingest import parse_file
from index.library import Library
from index.stories import copies
from index.models import Article
from tests.cli.test_cli_contract import installed_reader
from tests.stories.conftest import START, copy_of, write_md


def article(title: str, body: str, source: str, hours: int) -> Article:
    return Article(title=title, body=body, source=source, published=START + timedelta(hours=hours))


def test_edited_copies_join_their_original_and_same_topic_articles_stay_apart(tmp_path: Path, texts):
    politics = texts["Inland"]
    original = article("Original", "Wien (APA) – " + politics[0], "APA", 0)
    edited = [article(*copy_of(politics[0], seed, texts), source, hours)
              for seed, source, hours in ((1, "Spiegel", 2), (2, "Zeit", 3), (3, "SZ", 1))]
    neighbours = [article(f"Anderes {i}", text, "Standard", 4 + i) for i, text in enumerate(politics[1:6])]
    with Library.open(tmp_path / "lib") as library:
        library.add_articles([original, *neighbours[:2]])
        library.add_articles(edited)
        library.add_articles(neighbours[2:])
        groups = library.copy_groups()
    assert len(groups) == 1
    group = groups[0]
    assert {m.id for m in group.articles} == {original.id, *(e.id for e in edited)}
    assert group.first == original.id  # published first
    assert group.articles[0].similarity == 1.0
    assert all(0.5 <= m.similarity <= 1.0 for m in group.articles)


def test_a_later_import_finds_copies_of_earlier_articles_without_regrouping_them(tmp_path: Path, texts):
    earlier = [article(f"Früher {i}", text, "dpa", i) for i, text in enumerate(texts["Wirtschaft"][:30])]
    with Library.open(tmp_path / "lib") as library:
        library.add_articles(earlier)
        before = library.store.query("SELECT seq, article_id, group_id FROM copy_signatures ORDER BY seq")
    later = article(*copy_of(texts["Wirtschaft"][7], 5, texts), "Zeit", 50)
    with Library.open(tmp_path / "lib") as library:  # a new process: the LSH tables are on disk
        library.add_articles([later])
        after = library.store.query("SELECT seq, article_id, group_id FROM copy_signatures ORDER BY seq")
        copies = library.copies(later.id)
    assert [tuple(r) for r in after[:len(before)]] == [tuple(r) for r in before]
    assert len(after) == len(before) + 1
    assert [copy_id for copy_id, _ in copies] == [earlier[7].id]


def test_an_article_whose_text_changes_leaves_its_group(tmp_path: Path, texts):
    text = texts["Kultur"][0]
    original, copy = article("Eins", text, "dpa", 0), article(*copy_of(text, 3, texts), "Zeit", 1)
    copy.url = "https://example.org/kopie"
    with Library.open(tmp_path / "lib") as library:
        library.add_articles([original, copy])
        assert library.copies(original.id)
        rewritten = article(copy.title, texts["Kultur"][1], "Zeit", 1)
        rewritten.url = copy.url  # the same page, now with another text
        report = library.add_articles([rewritten])
        assert report.updated == 1
        assert library.copies(original.id) == []
        assert library.copy_groups() == []


def test_texts_too_short_to_compare_are_not_grouped(tmp_path: Path):
    teaser = "Mehr in Kürze. Die Meldung wird aktualisiert."
    with Library.open(tmp_path / "lib") as library:
        library.add_articles([article("Eilmeldung", teaser, "Spiegel", 0), article("Eil", teaser + " Nun.", "Zeit", 1)])
        assert library.copy_groups() == []


def test_an_import_killed_before_grouping_is_grouped_by_the_next_command(tmp_path: Path, texts):
    folder = tmp_path / "in"
    text = texts["Sport"][3]
    write_md(folder, "a", "Original", text, "dpa", 0)
    write_md(folder, "b", *copy_of(text, 9, texts), "Kicker", 2)
    env = {**os.environ, "READER_DEBUG_KILL_AT": "articles-indexed"}
    killed = subprocess.run([installed_reader(), "--data-dir", str(tmp_path / "lib"), "add", str(folder)],
                            env=env, capture_output=True, text=True, timeout=300)
    assert killed.returncode != 0
    with Library.open(tmp_path / "lib") as library:
        assert library.count() == 2
        groups = library.copy_groups()
    assert len(groups) == 1 and len(groups[0].articles) == 2


def test_an_import_through_parse_workers_groups_and_tells_stories_like_one_without(tmp_path: Path, texts):
    # Enough files for the import's process pool, whose workers make signatures, story words and quotes.
    folder = tmp_path / "in"
    originals = texts["Inland"][:4] + texts["Wirtschaft"][:40]
    for number, text in enumerate(originals):
        write_md(folder, f"o{number}", f"Bericht {number}", "Berlin (dpa) – " + text, "dpa", number)
        if number < 4:
            write_md(folder, f"c{number}", *copy_of(text, number, texts), "Spiegel", number + 1)
    assert len(list(folder.iterdir())) >= importer.POOL_THRESHOLD
    with Library.open(tmp_path / "pooled") as library:
        library.add([folder])
        pooled = library.copy_groups(), library.stories()
        credited = {hit.id for hit in library.search("agency:dpa", limit=100)}
        first = pooled[0][0].first
        assert library.agencies(first) == ["dpa"]
        pooled_quotes = quotes_by_title(library)
    with Library.open(tmp_path / "alone") as library:
        library.add_articles([article for path in sorted(folder.iterdir()) for article in parse_file(path)])
        alone = library.copy_groups(), library.stories()
        assert {hit.id for hit in library.search("agency:dpa", limit=100)} == credited
        assert quotes_by_title(library) == pooled_quotes

    def groups(found) -> set[frozenset[str]]:
        return {frozenset(m.title for m in group.articles) for group in found}

    assert len(pooled[0]) == 4 and groups(pooled[0]) == groups(alone[0])
    assert {frozenset(a.title for a in s.articles) for s in pooled[1]} == \
        {frozenset(a.title for a in s.articles) for s in alone[1]}
    assert len(credited) >= len(originals)
    assert sum(map(len, pooled_quotes.values())) >= 20  # the texts quote people: the comparison compares


def quotes_by_title(library: Library) -> dict[str, list[tuple]]:
    """Each article's quotes with their speakers' names (ids are the library's own)."""
    return {row.title: [(q.start, q.end, q.kind, q.cue, q.speaker_text,
                         library.entity(q.speaker).name if q.speaker else None) for q in library.quotes(row.id)]
            for row in library.articles()}


def test_a_text_printed_hundreds_of_times_is_one_group_of_all_its_copies(tmp_path: Path, texts):
    # More copies than the candidates taken per band key (copies.KEY_CANDIDATES), in several imports.
    text = texts["Wirtschaft"][5]
    printed = [article(f"Meldung {number}", f"Wien (APA) – Stand {number}. " + text, f"Blatt {number}", number)
               for number in range(3 * copies.KEY_CANDIDATES)]
    other = article("Anderes", texts["Wirtschaft"][6], "Standard", 0)
    with Library.open(tmp_path / "lib") as library:
        for start in range(0, len(printed), 50):
            library.add_articles(printed[start:start + 50])
        library.add_articles([other])
        groups = library.copy_groups()
    assert len(groups) == 1
    assert {m.id for m in groups[0].articles} == {a.id for a in printed}


def test_teasers_sharing_only_a_publisher_notice_are_not_copies_nor_one_story(tmp_path: Path):
    notice = "Der Volltext dieses auf Agenturmeldungen basierenden Artikels steht aus rechtlichen Gründen nicht mehr zur Verfügung."
    teasers = ["Privater Besuch ohne Öffentlichkeit – Politiker seit langem befreundet und einander seit Jahren verbunden.",
               "Explosion auf der Einkaufsstraße Istiklal Caddesi: vierzig Verletzte in der Innenstadt von Istanbul.",
               "Weltmeister gewinnt nach einer spannenden Schlussetappe die Rallye vor seinem eigenen Markenkollegen.",
               "Notenbank senkt den Leitzins überraschend deutlich und verweist auf die schwache Konjunktur im Land."]
    withdrawn = [article(text.split(" ")[0], f"{text} {notice}", "derStandard", hours) for hours, text in enumerate(teasers)]
    with Library.open(tmp_path / "lib") as library:
        library.add_articles(withdrawn)
        groups = library.copy_groups()
        stories = library.stories()
    assert groups == []
    assert stories == []
