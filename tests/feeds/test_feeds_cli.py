"""`reader feeds ...` and `reader refresh` through the installed command, against 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.cli.test_cli_contract import installed_reader
from tests.feeds.server import Item, long_text, rss, static
from tests.feeds.test_bad_feeds import closed_port_url

FAST_CONFIG = """
[http]
timeout_seconds = 0.5
retries = 1
backoff_seconds = 0.05
contact = "mailto:feeds-test@example.org"
"""


@pytest.fixture
def reader(tmp_path: Path):
    """Runs the installed `reader` on a private library with short HTTP timeouts."""
    config = tmp_path / "config.toml"
    config.write_text(FAST_CONFIG)
    env = {k: v for k, v in os.environ.items() if k != "READER_DATA_DIR"}
    env["READER_CONFIG"] = str(config)
    data_dir = tmp_path / "library"

    def run(*args: str, data: Path = data_dir) -> subprocess.CompletedProcess:
        return subprocess.run([installed_reader(), "--data-dir", str(data), *args], capture_output=True,
                              text=True, env=env, cwd=tmp_path, timeout=300)
    run.config = config
    return run


def news_feed(server, prefix: str, count: int) -> bytes:
    return rss(f"Nachrichten {prefix}", [Item(f"{prefix} Meldung {n}", server.url(f"/{prefix}/{n}"),
                                              content=long_text(150, f"{prefix}stadt{n}")) for n in range(count)])


def test_add_list_refresh_and_the_articles_are_the_library_s(reader, server):
    server.routes["/a.xml"] = static(news_feed(server, "Nord", 3))

    added = reader("feeds", "add", server.url("/a.xml"), "--tag", "regional", "--tag", "nord")
    assert added.returncode == 0, added.stderr
    assert "subscribed [1] Nachrichten Nord: 3 new articles" in added.stderr
    assert server.hits("/a.xml")[0].headers["user-agent"].endswith("(terminal news reader; +mailto:feeds-test@example.org)")

    listed = json.loads(reader("feeds", "list", "--json").stdout)
    assert listed == [{"id": 1, "url": server.url("/a.xml"), "title": "Nachrichten Nord",
                       "tags": ["regional", "nord"], "articles": 3, "last_fetched": listed[0]["last_fetched"],
                       "last_status": "ok", "error": None, "full_text": True}]
    assert listed[0]["last_fetched"].startswith("20")

    server.routes["/a.xml"] = static(news_feed(server, "Nord", 4))
    refreshed = reader("refresh", "--json")
    assert refreshed.returncode == 0, refreshed.stderr
    assert json.loads(refreshed.stdout) == [{"feed": 1, "url": server.url("/a.xml"), "title": "Nachrichten Nord",
                                             "new": 1, "updated": 0, "unchanged": 3, "error": None}]
    titles = [a["title"] for a in json.loads(reader("articles", "--json").stdout)]
    assert sorted(titles) == [f"Nord Meldung {n}" for n in range(4)]
    hits = json.loads(reader("search", "Nordstadt3", "--json").stdout)
    assert [hit["title"] for hit in hits] == ["Nord Meldung 3"]


def test_refresh_says_one_line_per_feed_and_fails_when_one_did(reader, server, tmp_path: Path):
    server.routes["/a.xml"] = static(news_feed(server, "Süd", 2))
    opml = tmp_path / "in.opml"
    opml.write_text(f"""<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
        <outline text="Gut" xmlUrl="{server.url('/a.xml')}"/>
        <outline text="Weg" xmlUrl="{closed_port_url()}"/></body></opml>""")
    assert reader("feeds", "import", str(opml)).returncode == 0

    result = reader("refresh")

    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0] == "✓ [1] Nachrichten Süd: 2 new, 0 updated, 0 unchanged"  # the feed names itself
    assert lines[1].startswith("✗ [2] Weg: http://127.0.0.1:") and "connection was refused" in lines[1]
    assert "Traceback" not in result.stderr
    listed = {f["id"]: f for f in json.loads(reader("feeds", "list", "--json").stdout)}
    assert listed[2]["last_status"] == "error" and "connection was refused" in listed[2]["error"]
    plain = reader("feeds", "list").stdout
    assert "connection was refused" in plain and "2 articles" in plain

    only_good = reader("refresh", "--feed", "1", "--json")
    assert only_good.returncode == 0 and [r["feed"] for r in json.loads(only_good.stdout)] == [1]


def test_opml_round_trip_keeps_urls_titles_and_folders_as_tags(reader, server, tmp_path: Path):
    opml = tmp_path / "other-reader.opml"
    opml.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Export aus einem anderen Reader</title></head><body>
  <outline text="Politik">
    <outline text="Inland" title="Inland">
      <outline type="rss" text="Bundestag" xmlUrl="{server.url('/bt.xml')}"/>
    </outline>
    <outline type="rss" text="Ministerium" xmlUrl="{server.url('/bmi.xml')}" category="/Amtlich"/>
  </outline>
  <outline type="rss" text="Blog ohne Ordner" xmlUrl="{server.url('/blog.xml')}"/>
</body></opml>""")

    imported = reader("feeds", "import", str(opml))
    assert imported.returncode == 0 and "3 feeds subscribed" in imported.stderr
    first = json.loads(reader("feeds", "list", "--json").stdout)
    assert [(f["title"], f["tags"]) for f in first] == [
        ("Bundestag", ["Politik", "Inland"]), ("Ministerium", ["Politik", "Amtlich"]), ("Blog ohne Ordner", [])]

    exported = tmp_path / "out.opml"
    assert reader("feeds", "export", "-o", str(exported)).returncode == 0
    assert 'xmlUrl="' + server.url("/bt.xml") in reader("feeds", "export").stdout
    other = tmp_path / "other-library"
    assert reader("feeds", "import", str(exported), data=other).returncode == 0
    second = json.loads(reader("feeds", "list", "--json", data=other).stdout)
    assert [(f["url"], f["title"], f["tags"]) for f in second] == [(f["url"], f["title"], f["tags"]) for f in first]


def test_remove_keeps_articles_unless_asked(reader, server):
    server.routes["/a.xml"] = static(news_feed(server, "Ost", 2))
    server.routes["/b.xml"] = static(news_feed(server, "West", 2))
    assert reader("feeds", "add", server.url("/a.xml"), server.url("/b.xml")).returncode == 0

    assert reader("feeds", "remove", "1").returncode == 0
    assert len(json.loads(reader("articles", "--json").stdout)) == 4
    removed = reader("feeds", "remove", "2", "--with-articles")
    assert removed.returncode == 0 and "2 articles removed" in removed.stderr

    titles = sorted(a["title"] for a in json.loads(reader("articles", "--json").stdout))
    assert titles == ["Ost Meldung 0", "Ost Meldung 1"]
    assert json.loads(reader("search", "Weststadt1", "--json").stdout) == []
    entities = json.loads(reader("entities", "--json").stdout)  # those of the two articles left
    assert entities and [e["name"] for e in entities if "west" in e["name"].casefold()] == []
    assert [f["id"] for f in json.loads(reader("feeds", "list", "--json").stdout)] == []
    missing = reader("feeds", "remove", "7")
    assert missing.returncode == 1 and missing.stderr.strip() == (
        "reader: There is no feed with id 7; 'reader feeds list' shows them.")


def test_add_of_something_that_is_no_feed_and_a_bad_config_say_one_line(reader, server):
    server.routes["/text"] = static(b"just some words", "text/plain")
    result = reader("feeds", "add", server.url("/text"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"not subscribed {server.url('/text')}: {server.url('/text')} is not an RSS or Atom feed."

    reader.config.write_text("[http]\ntimeout_seconds = -3\n")
    bad = reader("refresh")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert bad.stderr.strip().startswith("reader: The config file ") and "'http.timeout_seconds'" in bad.stderr


def test_articles_unread_lists_what_has_not_been_opened(reader, server, tmp_path: Path):
    from index.feeds.read_state import mark_read
    from index.library import Library

    server.routes["/a.xml"] = static(news_feed(server, "Mitte", 3))
    assert reader("feeds", "add", server.url("/a.xml")).returncode == 0
    everything = json.loads(reader("articles", "--json").stdout)
    assert len(json.loads(reader("articles", "--unread", "--json").stdout)) == 3
    opened = next(a for a in everything if a["title"] == "Mitte Meldung 1")
    with Library.open(tmp_path / "library") as library:  # what opening it in the app records
        mark_read(library.store, [opened["id"]])

    unread = json.loads(reader("articles", "--unread", "--json").stdout)

    assert sorted(a["title"] for a in unread) == ["Mitte Meldung 0", "Mitte Meldung 2"]
    assert len(json.loads(reader("articles", "--json").stdout)) == 3
    with Library.open(tmp_path / "library") as library:
        mark_read(library.store, [a["id"] for a in unread])
    assert reader("articles", "--unread").stdout.strip() == "No unread articles."


def test_a_library_from_before_feeds_on_read_only_media_lists_and_reads(reader, seeded_library: Path):
    import sqlite3

    from tests.reliability.test_damaged_environments import read_only

    with sqlite3.connect(seeded_library / "library.db") as db:  # as an earlier version left it
        db.executescript("DROP TABLE feed_items; DROP TABLE feeds; DROP TABLE read_state;")
    with read_only(seeded_library) as view:
        unread = reader("articles", "--unread", "--json", data=view)
        feeds = reader("feeds", "list", "--json", data=view)
        refreshed = reader("refresh", data=view)
    assert unread.returncode == 0 and len(json.loads(unread.stdout)) == 5
    assert feeds.returncode == 0 and json.loads(feeds.stdout) == []
    assert refreshed.returncode == 0 and "No feeds yet" in refreshed.stdout


def test_an_opml_file_that_declares_entities_is_refused(reader, tmp_path: Path):
    opml = tmp_path / "evil.opml"
    opml.write_text('<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                    '<opml version="2.0"><head/><body><outline text="&x;" xmlUrl="http://127.0.0.1/f"/></body></opml>')
    result = reader("feeds", "import", str(opml))
    assert result.returncode == 1
    assert result.stderr.strip() == (f"reader: {opml} declares XML entities, which reader never expands; "
                                     "nothing was imported.")
    assert json.loads(reader("feeds", "list", "--json").stdout) == []
