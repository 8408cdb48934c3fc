"""Subscribing and refreshing against a real HTTP server on 127.0.0.1: full text, conditional
requests, redirects, gzip, retries, and one article however it arrives."""

from __future__ import annotations

import random
from pathlib import Path

from index.feeds import Subscriptions, refresh_feeds, subscribe
from tests.feeds.conftest import TEST_SETTINGS
from tests.feeds.server import Item, Reply, conditional, failing_then, long_text, real_html, redirect, rss, static

PAGES = {
    "/a/lithium": "heise.de.lithium.html",
    "/a/htc": "computerbase.de.htc.html",
    "/a/freenet": "meedia.de.freenet.html",
}


def serve_pages(server) -> None:
    for path, name in PAGES.items():
        server.routes[path] = static(real_html(name), "text/html; charset=utf-8")


def teaser_items(server) -> list[Item]:
    return [
        Item("Lithium aus dem Schredder", server.url("/a/lithium"), "Wie Batterien wiederverwertet werden."),
        Item("HTC Touch bald bei o2", server.url("/a/htc"), "Ein neues Smartphone kommt."),
        Item("Freenet steigt ins TV-Geschäft ein", server.url("/a/freenet"), "Ein Gespräch."),
    ]


def body_of(library, url: str) -> str:
    row = library.store.query("SELECT id FROM articles WHERE url = ?", (url,))
    assert row, f"no article for {url}"
    return library.article(row[0]["id"]).body


def test_teaser_feed_brings_the_full_text_with_date_and_site(library, server):
    serve_pages(server)
    feed = rss("Technik-Teaser", teaser_items(server))
    server.routes["/feed.xml"] = conditional(lambda: feed)

    [result] = subscribe(library, [server.url("/feed.xml")], tags=["technik"], settings=TEST_SETTINGS)

    assert result.error is None and result.outcome.new == 3
    body = body_of(library, server.url("/a/lithium"))
    assert "Ökobilanz von Elektroautos" in body and len(body.split()) > 200
    article = library.article(library.store.query("SELECT id FROM articles WHERE url = ?",
                                                  (server.url("/a/htc"),))[0]["id"])
    assert article.source == "ComputerBase"
    assert article.title == "HTC Touch bald bei o2"  # the feed's title names the item
    assert "teaser-only" not in article.tags
    # Found by search, with entities, like an imported file.
    assert article.id in [hit.id for hit in library.search("Xda Nova")]
    assert library.mentions(article.id)
    feeds = Subscriptions(library.store).all()
    assert [(f.title, f.tags, f.articles, f.last_status) for f in feeds] == [("Technik-Teaser", ["technik"], 3, "ok")]


def test_second_refresh_is_a_304_and_fetches_no_page_again(library, server):
    serve_pages(server)
    feed = rss("Technik-Teaser", teaser_items(server))
    server.routes["/feed.xml"] = conditional(lambda: feed)
    subscribe(library, [server.url("/feed.xml")], settings=TEST_SETTINGS)
    pages_before = sum(len(server.hits(path)) for path in PAGES)

    [outcome] = refresh_feeds(library, settings=TEST_SETTINGS)
    [again] = refresh_feeds(library, settings=TEST_SETTINGS)

    assert server.statuses("/feed.xml") == [200, 304, 304]
    assert server.hits("/feed.xml")[1].headers["if-none-match"].startswith('"')
    assert server.hits("/feed.xml")[1].headers["if-modified-since"] == "Sat, 05 Dec 2026 10:00:00 GMT"
    assert (outcome.new, outcome.updated, outcome.unchanged, outcome.not_modified) == (0, 0, 3, True)
    assert again.not_modified
    assert sum(len(server.hits(path)) for path in PAGES) == pages_before
    assert library.count() == 3


def test_user_agent_names_reader_and_what_it_is(library, server):
    server.routes["/feed.xml"] = static(rss("F", [Item("Eins", server.url("/x"), content=long_text(200, "Ulm"))]))
    subscribe(library, [server.url("/feed.xml")], settings=TEST_SETTINGS)
    agent = server.hits("/feed.xml")[0].headers["user-agent"]
    assert agent == "reader/test (terminal news reader)"


def test_gzip_is_asked_for_and_read(library, server):
    feed = rss("Gezippt", [Item(f"Meldung {n}", server.url(f"/m/{n}"), content=long_text(150, f"Ort{n}"))
                           for n in range(3)])
    server.routes["/gz.xml"] = conditional(lambda: feed, gzip_ok=True)

    [result] = subscribe(library, [server.url("/gz.xml")], settings=TEST_SETTINGS)

    assert "gzip" in server.hits("/gz.xml")[0].headers["accept-encoding"]
    assert result.outcome.new == 3
    assert "Die Stadt Ort1 meldet" in body_of(library, server.url("/m/1"))


def test_permanent_redirect_moves_the_subscription_and_a_temporary_one_does_not(library, server):
    feed = rss("Umgezogen", [Item("Eins", server.url("/one"), content=long_text(150, "Kiel"))])
    server.routes["/new.xml"] = static(feed)
    server.routes["/old.xml"] = redirect(server.url("/new.xml"), 301)
    server.routes["/tmp.xml"] = redirect(server.url("/new.xml"), 302)
    subscriptions = Subscriptions(library.store)
    moved = subscriptions.add(server.url("/old.xml"))
    stays = subscriptions.add(server.url("/tmp.xml"))

    outcomes = refresh_feeds(library, settings=TEST_SETTINGS)

    assert all(o.reached for o in outcomes)
    assert subscriptions.get(moved.id).url == server.url("/new.xml")
    assert subscriptions.get(stays.id).url == server.url("/tmp.xml")
    assert library.count() == 1  # the same item through both subscriptions is one article


def test_500_then_success_is_retried(library, server):
    feed = rss("Wackelig", [Item("Eins", server.url("/one"), content=long_text(150, "Gera"))])
    server.routes["/flaky.xml"] = failing_then([Reply(b"oops", 500), Reply(b"oops", 503)], feed)
    Subscriptions(library.store).add(server.url("/flaky.xml"))

    [outcome] = refresh_feeds(library, settings=TEST_SETTINGS)

    assert server.statuses("/flaky.xml") == [500, 503, 200]
    assert outcome.reached and outcome.new == 1


def test_429_retry_after_is_respected_and_a_long_one_is_left_for_later(library, server):
    feed = rss("Gedrosselt", [Item("Eins", server.url("/one"), content=long_text(150, "Hof"))])
    server.routes["/busy.xml"] = failing_then([Reply(b"", 429, {"Retry-After": "1"})], feed)
    server.routes["/later.xml"] = lambda handler: Reply(b"", 429, {"Retry-After": "3600"})
    subscriptions = Subscriptions(library.store)
    busy = subscriptions.add(server.url("/busy.xml"))
    later = subscriptions.add(server.url("/later.xml"))

    first = {o.feed.id: o for o in refresh_feeds(library, settings=TEST_SETTINGS)}
    assert server.statuses("/busy.xml") == [429, 200] and first[busy.id].new == 1
    assert "asked to wait 3600 seconds" in first[later.id].error
    assert server.statuses("/later.xml") == [429]  # not retried within the refresh

    second = {o.feed.id: o for o in refresh_feeds(library, settings=TEST_SETTINGS)}
    assert server.statuses("/later.xml") == [429]  # nor asked again before the hour is up
    assert "fetched again in" in second[later.id].error


def test_page_that_fails_keeps_the_teaser_and_says_so(library, server):
    feed = rss("Teaser", [Item("Verschwunden", server.url("/gone"), "Nur dieser kurze Anriss bleibt übrig.")])
    server.routes["/t.xml"] = static(feed)

    [result] = subscribe(library, [server.url("/t.xml")], settings=TEST_SETTINGS)

    article = library.article(library.store.query("SELECT id FROM articles")[0]["id"])
    assert article.body == "Nur dieser kurze Anriss bleibt übrig."
    assert "teaser-only" in article.tags
    assert any("kept the teaser" in p and "404" in p for p in result.outcome.problems)


def test_full_text_can_be_turned_off_per_feed(library, server):
    serve_pages(server)
    server.routes["/t.xml"] = static(rss("Teaser", teaser_items(server)[:1]))
    subscriptions = Subscriptions(library.store)
    feed = subscriptions.add(server.url("/t.xml"), full_text=False)

    refresh_feeds(library, [feed.id], settings=TEST_SETTINGS)

    assert server.hits("/a/lithium") == []
    assert body_of(library, server.url("/a/lithium")) == "Wie Batterien wiederverwertet werden."


def test_an_updated_item_updates_its_article(library, server):
    version = {"text": long_text(150, "Trier")}
    server.routes["/u.xml"] = conditional(lambda: rss("U", [Item("Eins", server.url("/one"), content=version["text"])]))
    subscribe(library, [server.url("/u.xml")], settings=TEST_SETTINGS)
    article_id = library.store.query("SELECT id FROM articles")[0]["id"]

    version["text"] = long_text(150, "Mainz")
    [outcome] = refresh_feeds(library, settings=TEST_SETTINGS)

    assert (outcome.new, outcome.updated) == (0, 1)
    assert library.count() == 1
    assert "Mainz" in library.article(article_id).body
    assert [hit.id for hit in library.search("Mainz")] == [article_id]


def test_duplicate_guids_and_the_same_item_in_two_feeds_are_one_article(library, server):
    twice = [Item("Doppelt", server.url("/d"), content=long_text(150, "Jena"), guid="tag:d-1"),
             Item("Doppelt, nochmals", server.url("/d2"), content=long_text(150, "Jena"), guid="tag:d-1")]
    server.routes["/dup.xml"] = static(rss("Dup", twice))
    server.routes["/other.xml"] = static(rss("Other", twice[:1]))

    results = subscribe(library, [server.url("/dup.xml"), server.url("/other.xml")], settings=TEST_SETTINGS)

    assert [r.outcome.new for r in results] == [1, 0]
    assert library.count() == 1
    assert [f.articles for f in Subscriptions(library.store).all()] == [1, 1]


def test_an_item_first_imported_as_a_file_stays_one_article(library, server, tmp_path: Path):
    item = Item("Aus der Datei", server.url("/file-item"), content=long_text(150, "Passau"))
    feed_file = tmp_path / "saved.xml"
    feed_file.write_bytes(rss("Gespeichert", [item]))
    report = library.add([feed_file])
    assert report.added == 1
    item.content = long_text(150, "Passau") + "<p>Nachtrag: Die Sitzung wurde vertagt.</p>"
    server.routes["/live.xml"] = static(rss("Live", [item]))

    [result] = subscribe(library, [server.url("/live.xml")], settings=TEST_SETTINGS)

    assert (result.outcome.new, result.outcome.updated) == (0, 1)
    assert library.count() == 1
    article = library.article(library.store.query("SELECT id FROM articles")[0]["id"])
    assert "Nachtrag" in article.body and article.path == str(feed_file.resolve())


WORDS = ("Stadt Kreis Rat Gemeinde Schule Polizei Feuerwehr Bahn Straße Brücke Markt Wetter Regen Preis Miete "
         "Bürger Verein Haushalt Verkehr Landkreis Bericht Zahlen heute gestern morgen meldet plant prüft "
         "beschließt eröffnet sperrt neue alte große kleine erste letzte Bau Plan Jahr Woche Abend").split()


def short_news(number: int) -> str:
    """A full text of its own (130 words): the items of a big feed are different news, not copies
    of one text, which the copy grouping would compare with each other."""
    rng = random.Random(number)
    words = [rng.choice(WORDS) for _ in range(130)]
    return "<p>" + " ".join(words[:65]) + ".</p><p>" + " ".join(words[65:]) + ".</p>"


# Far more items than real feeds carry (10 to 100): each item is still one article, and a refresh
# compares them all. Nothing in the feed code changes with the count above this (no batching by
# size: add_articles writes one batch), and each item costs a recognition, so more only costs time.
LARGE_FEED = 1000


def test_a_feed_of_1000_items(library, server):
    items = [Item(f"Kurzmeldung Nummer {n}", server.url(f"/k/{n}"), content=f"<p>Meldung {n} aus dem Kreis "
                  f"mit Zahlen und Fakten zur Lage am Morgen, Nummer {n} von vielen.</p>" + short_news(n))
             for n in range(LARGE_FEED)]
    big = rss("Viele", items)
    server.routes["/big.xml"] = static(big)

    [result] = subscribe(library, [server.url("/big.xml")], settings=TEST_SETTINGS)

    assert result.error is None, result.error
    assert result.outcome.new == LARGE_FEED and library.count() == LARGE_FEED
    [again] = refresh_feeds(library, settings=TEST_SETTINGS)  # no ETag: fetched and compared in full
    assert (again.new, again.updated, again.unchanged) == (0, 0, LARGE_FEED)
    assert library.search('"Meldung 987"')[0].title == "Kurzmeldung Nummer 987"


def test_at_most_two_requests_per_host_at_once(library, server):
    from tests.feeds.server import slow

    subscriptions = Subscriptions(library.store)
    for n in range(6):
        server.routes[f"/s{n}.xml"] = slow(0.15, rss(f"S{n}", [Item(f"T{n}", server.url(f"/i{n}"),
                                                                     content=long_text(150, f"Ort{n}"))]))
        subscriptions.add(server.url(f"/s{n}.xml"))

    outcomes = refresh_feeds(library, settings=TEST_SETTINGS)

    assert all(o.reached for o in outcomes) and library.count() == 6
    assert server.most_in_flight <= 2


def test_an_item_with_only_a_title_and_a_link_gets_its_page_or_is_skipped(library, server):
    serve_pages(server)
    feed = rss("Nur Links", [Item("Lithium", server.url("/a/lithium")), Item("Verloren", server.url("/lost"))])
    server.routes["/links.xml"] = static(feed)

    [result] = subscribe(library, [server.url("/links.xml")], settings=TEST_SETTINGS)

    assert result.outcome.new == 1 and library.count() == 1
    assert "Ökobilanz von Elektroautos" in body_of(library, server.url("/a/lithium"))
    assert any("'Verloren' has no text and was skipped" in p for p in result.outcome.problems)
