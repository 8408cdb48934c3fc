"""Bad feeds never stop the others: each gets one sentence, and the library is untouched by it."""

from __future__ import annotations

import dataclasses
import socket
from pathlib import Path

from index.feeds import Subscriptions, refresh_feeds, subscribe
from tests.feeds.conftest import TEST_SETTINGS
from tests.feeds.server import Item, endless, failing_then, long_text, real_html, rss, slow, static


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.xml"


def entity_attack(secret_file: Path, leak_url: str) -> bytes:
    laughs = "".join(f'<!ENTITY l{n} "{("&l%d;" % (n - 1)) * 10}">' for n in range(1, 10))
    return (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{laughs}'
            f'<!ENTITY secret SYSTEM "{secret_file.as_uri()}"><!ENTITY leak SYSTEM "{leak_url}">]>'
            '<rss version="2.0"><channel><title>Angriff</title><item><title>&l9;</title>'
            '<link>http://127.0.0.1/x</link><description>&secret; &leak; und noch viel mehr Text'
            '</description></item></channel></rss>').encode()


def test_every_bad_feed_gets_one_sentence_and_the_good_one_still_arrives(library, server, tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIMNIS-4711")
    server.routes["/good.xml"] = static(rss("Gut", [Item("Gute Nachricht", server.url("/g"),
                                                         content=long_text(150, "Celle"))]))
    server.routes["/missing.xml"] = static(b"gone", status=404)
    server.routes["/broken.xml"] = static(b"oops", status=500)
    server.routes["/malformed.xml"] = static(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Kaputt'
                                             b'</title><item><title>x</item></channel>')
    server.routes["/page.html"] = static(real_html("computerbase.de.htc.html"), "text/html; charset=utf-8")
    server.routes["/attack.xml"] = static(entity_attack(secret, server.url("/leak")))
    server.routes["/endless.xml"] = endless
    server.routes["/slow.xml"] = slow(2.0, b"late")
    urls = {
        "good": server.url("/good.xml"), "unreachable": closed_port_url(),
        "missing": server.url("/missing.xml"), "broken": server.url("/broken.xml"),
        "malformed": server.url("/malformed.xml"), "page": server.url("/page.html"),
        "attack": server.url("/attack.xml"), "endless": server.url("/endless.xml"),
        "slow": server.url("/slow.xml"),
    }
    subscriptions = Subscriptions(library.store)
    ids = {name: subscriptions.add(url).id for name, url in urls.items()}
    settings = dataclasses.replace(TEST_SETTINGS, max_bytes=1024 * 1024)

    outcomes = {o.feed.id: o for o in refresh_feeds(library, settings=settings)}

    errors = {name: outcomes[feed_id].error for name, feed_id in ids.items()}
    assert errors["good"] is None and outcomes[ids["good"]].new == 1
    assert "could not be reached: the connection was refused" in errors["unreachable"]
    assert "answered 404 Not Found" in errors["missing"]
    assert "answered 500 Internal Server Error (tried 3 times)" in errors["broken"]
    assert "is not a well-formed feed" in errors["malformed"]
    assert "is a web page, not a feed" in errors["page"]
    assert "declares XML entities, which reader never expands" in errors["attack"]
    assert "more than the limit of 1 MB" in errors["endless"]
    assert "did not answer within 0.5 seconds (tried 3 times)" in errors["slow"]
    for name, error in errors.items():
        if name != "good":
            assert error.count(". ") == 0 and error.endswith("."), f"{name}: one sentence, got {error!r}"
    # Only the good feed's article is in the library; the attack read nothing beyond its URL.
    assert library.count() == 1
    assert not library.store.query("SELECT id FROM articles WHERE body LIKE '%GEHEIMNIS%' OR body LIKE '%lol%'")
    assert server.hits("/leak") == []
    listed = {f.id: f for f in subscriptions.all()}
    assert listed[ids["missing"]].last_status == "error" and listed[ids["missing"]].error == errors["missing"]
    assert listed[ids["good"]].last_status == "ok" and listed[ids["good"]].error is None


def test_a_feed_that_recovers_loses_its_error(library, server):
    feed = rss("Zurück", [Item("Wieder da", server.url("/w"), content=long_text(150, "Suhl"))])
    server.routes["/r.xml"] = failing_then([static(b"", status=404)(None)], feed)
    subscriptions = Subscriptions(library.store)
    feed_id = subscriptions.add(server.url("/r.xml")).id

    refresh_feeds(library, settings=TEST_SETTINGS)
    assert subscriptions.get(feed_id).error.endswith("answered 404 Not Found.")
    refresh_feeds(library, settings=TEST_SETTINGS)

    assert subscriptions.get(feed_id).error is None and library.count() == 1


def test_feeds_add_finds_the_feed_a_page_names(library, server):
    page = (b'<html><head><title>Startseite</title><link rel="alternate" type="application/rss+xml" '
            b'href="/news/feed.rss"></head><body><p>Willkommen</p></body></html>')
    server.routes["/home"] = static(page, "text/html; charset=utf-8")
    server.routes["/news/feed.rss"] = static(rss("Nachrichten", [Item("Neu", server.url("/n"),
                                                                      content=long_text(150, "Gotha"))]))

    [result] = subscribe(library, [server.url("/home")], settings=TEST_SETTINGS)

    assert result.error is None and result.discovered_from == server.url("/home")
    assert [f.url for f in Subscriptions(library.store).all()] == [server.url("/news/feed.rss")]
    assert library.count() == 1


def test_feeds_add_subscribes_nothing_that_is_not_a_feed(library, server):
    server.routes["/page.html"] = static(real_html("computerbase.de.htc.html"), "text/html; charset=utf-8")

    results = subscribe(library, [server.url("/page.html"), closed_port_url()], settings=TEST_SETTINGS)

    assert "is a web page, not a feed, and names no feed" in results[0].error
    assert "could not be reached" in results[1].error
    assert Subscriptions(library.store).all() == [] and library.count() == 0
