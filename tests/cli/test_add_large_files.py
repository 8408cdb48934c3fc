"""JSON Lines and CSV files are read item by item, through the installed `reader add`.

One bad item is reported by file and line and skipped; U+2028 inside a JSON string does not end a
line; an article's id does not depend on whether its file was large (read in the worker pool) or
small; the progress counts items.
"""

from __future__ import annotations

import json
from pathlib import Path

from index.library import Library
from tests.reliability.corpus import jsonl_records, marker, run_reader, write_jsonl

LARGE = 150  # items: enough for the worker pool


def articles_json(data_dir: Path) -> list[dict]:
    result = run_reader("articles", "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_large_json_lines_file_imports_every_good_line_and_names_the_bad_ones(tmp_path: Path) -> None:
    records = jsonl_records(LARGE)
    records[10]["body"] += " Er sagte:\u2028„Wir bleiben.“\u2029Dann ging er."
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    lines[40] = '{"title": "Kaputt", "body": '  # cut off
    lines[70] = '{"title": "Tief", "body": ' + "[" * 50_000 + "]" * 50_000 + "}"
    lines[100] = '{"title": "Ersatz \\ud800", "body": "Ein einsames \\udc00 Halbzeichen in Berlin."}'
    source = tmp_path / "sammlung.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data_dir = tmp_path / "library"

    result = run_reader("add", str(source), data_dir=data_dir)

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{LARGE - 2} added, 0 updated, 0 unchanged" in result.stderr
    assert f"warning {source}: line 41: not valid JSON" in result.stderr
    assert f"warning {source}: line 71: nested too deeply" in result.stderr
    stored = {article["title"]: article for article in articles_json(data_dir)}
    assert len(stored) == LARGE - 2
    assert "Ersatz \ufffd" in stored  # the lone surrogate replaced, the article kept
    with Library.open(data_dir) as library:
        quoted = library.article(library.search(marker(10))[0].id)
        assert quoted.body.endswith("Dann ging er.")  # one article, not cut at U+2028
        assert all(len(library.search(marker(number))) == 1 for number in (0, 39, 41, 149))

    again = run_reader("add", str(source), data_dir=data_dir)
    assert f"0 added, 0 updated, {LARGE - 2} unchanged" in again.stderr


def test_an_article_has_the_same_id_from_a_large_file_and_from_a_small_one(tmp_path: Path) -> None:
    records = jsonl_records(LARGE)
    records[3]["url"] = "https://example.org/politik/artikel-3"
    large = write_jsonl(tmp_path / "gross.jsonl", records)
    small = write_jsonl(tmp_path / "klein.jsonl", records[:5])

    assert run_reader("add", str(large), data_dir=tmp_path / "a").returncode == 0
    assert run_reader("add", str(small), data_dir=tmp_path / "b").returncode == 0

    ids_from_large = {article["title"]: article["id"] for article in articles_json(tmp_path / "a")}
    ids_from_small = {article["title"]: article["id"] for article in articles_json(tmp_path / "b")}
    assert len(ids_from_small) == 5
    assert all(ids_from_large[title] == article_id for title, article_id in ids_from_small.items())


def test_the_progress_counts_items_of_a_large_file(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "gross.jsonl", jsonl_records(LARGE))
    (tmp_path / "einzeln.txt").write_text("Ein Titel\n\nEin Text über Berlin.\n", encoding="utf-8")
    seen: list[tuple[int, int]] = []
    with Library.open(tmp_path / "library") as library:
        report = library.add([source, tmp_path / "einzeln.txt"], progress=lambda done, total, _: seen.append((done, total)))
    assert report.added == LARGE + 1
    assert seen[-1] == (LARGE + 1, LARGE + 1)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert len(seen) > 5  # counted as the items come, not once per file


def test_csv_columns_are_found_by_their_usual_names_with_any_delimiter(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    source.write_text(
        "ID;Headline;Published;Link;Outlet;Text\n"
        '1;Merkel in Berlin;2020-03-15;https://example.org/a;taz;"Angela Merkel sprach in Berlin.\n\n'
        'Ein zweiter Absatz mit ""Zitat""."\n'
        "2;Ohne Text;2020-03-16;https://example.org/b;taz;\n"
        "3;Scholz in Paris;2021-05-01;https://example.org/c;FAZ;Olaf Scholz reiste nach Paris.\n",
        encoding="utf-8")
    data_dir = tmp_path / "library"

    result = run_reader("add", str(source), data_dir=data_dir)

    assert result.returncode == 0, result.stderr
    assert "2 added" in result.stderr
    assert f"warning {source}: line 5: has no 'body' or 'text'" in result.stderr
    stored = {article["title"]: article for article in articles_json(data_dir)}
    assert set(stored) == {"Merkel in Berlin", "Scholz in Paris"}
    assert stored["Merkel in Berlin"]["source"] == "taz"
    assert stored["Merkel in Berlin"]["url"] == "https://example.org/a"
    assert stored["Merkel in Berlin"]["published"].startswith("2020-03-15")
    shown = run_reader("show", stored["Merkel in Berlin"]["id"], "--json", data_dir=data_dir)
    assert json.loads(shown.stdout)["body"] == 'Angela Merkel sprach in Berlin.\n\nEin zweiter Absatz mit "Zitat".'


def test_a_large_csv_file_streams_and_a_bad_row_is_named_by_line(tmp_path: Path) -> None:
    rows = ["title,text,date,source"]
    for record in jsonl_records(LARGE):
        body = record["body"].replace('"', '""')
        rows.append(f'"{record["title"]}","{body}",{record["date"]},{record["source"]}')
    rows.insert(51, '"Kaputt","' + "x" * 9_000_000 + '",2020-01-01,Test')  # longer than a field may be
    source = tmp_path / "gross.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    data_dir = tmp_path / "library"

    result = run_reader("add", str(source), data_dir=data_dir)

    assert "Traceback" not in result.stderr
    assert f"warning {source}: line 52: not a readable CSV row" in result.stderr
    with Library.open(data_dir) as library:
        assert library.count() == LARGE
        assert all(len(library.search(marker(number))) == 1 for number in (0, 49, 50, 149))


def test_a_csv_file_without_a_known_header_is_one_sentence(tmp_path: Path) -> None:
    source = tmp_path / "zahlen.csv"
    source.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    result = run_reader("add", str(source), data_dir=tmp_path / "library")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"skipped {source}: {source} has no header row naming its columns: looked for a column called text, "
        "body or content (and title, headline, date, published, url, link, source, outlet, media).")


def rss_feed(items: list[tuple[str, str]], padding: int = 0) -> str:
    entries = "".join(f"<item><title>{title}</title><link>https://example.org/{number}</link>"
                      f"<description>{body}</description><pubDate>Mon, 06 Jan 2025 10:00:00 +0100</pubDate></item>"
                      for number, (title, body) in enumerate(items))
    # A comment after the items makes the file large without giving it more articles to recognise.
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Testfunk</title>{entries}'
            f"</channel></rss><!-- {'x' * padding} -->\n")


def test_a_large_feed_is_read_item_by_item_into_the_same_articles_as_a_small_one(tmp_path: Path) -> None:
    items = [(record["title"], record["body"]) for record in jsonl_records(60)]
    items[20] = ("Nur ein Titel", "")
    large = tmp_path / "gross.xml"
    large.write_text(rss_feed(items, padding=5 * 1024 * 1024), encoding="utf-8")
    small = tmp_path / "klein.xml"
    small.write_text(rss_feed(items), encoding="utf-8")

    streamed = run_reader("add", str(large), data_dir=tmp_path / "a")
    whole = run_reader("add", str(small), data_dir=tmp_path / "b")

    assert streamed.returncode == 0 and whole.returncode == 0, streamed.stderr + whole.stderr
    assert "59 added" in streamed.stderr and "59 added" in whole.stderr
    assert f"warning {large}: item 21 ('Nur ein Titel') has no text and was skipped." in streamed.stderr
    from_large = sorted((a["id"], a["title"], a["source"], a["url"], a["published"]) for a in articles_json(tmp_path / "a"))
    from_small = sorted((a["id"], a["title"], a["source"], a["url"], a["published"]) for a in articles_json(tmp_path / "b"))
    assert from_large == from_small
    assert {source for _, _, source, _, _ in from_large} == {"Testfunk"}


def test_a_json_lines_file_without_one_good_line_fails_with_its_first_problems(tmp_path: Path) -> None:
    bad = tmp_path / "kaputt.jsonl"
    bad.write_text('{"title": 1, "body": "x"}\nkaputt\n', encoding="utf-8")
    empty = tmp_path / "leer.jsonl"
    empty.write_text("\n\n", encoding="utf-8")

    result = run_reader("add", str(bad), str(empty), data_dir=tmp_path / "library")

    assert result.returncode == 1
    assert (f"skipped {bad}: {bad} has no readable article: line 1: 'title' is not a string; "
            "line 2: not valid JSON (Expecting value).") in result.stderr
    assert f"skipped {empty}: {empty} is empty." in result.stderr
    assert "0 added, 0 updated, 0 unchanged, 2 failed" in result.stderr


def test_a_csv_file_quoting_with_apostrophes_keeps_text_holding_its_delimiter(tmp_path: Path) -> None:
    # 10kGNAD's layout: label;text, a text holding ";" quoted with "'"
    source = tmp_path / "gnad.csv"
    source.write_text(
        "tags;text\n"
        "Inland;'Die Koalition streitet; die Opposition schweigt. Wien – Am Montag tagte der Ministerrat.'\n"
        "Sport;Rapid gewinnt in Graz. Graz – Das Spiel endete 2:1.\n"
        "Kultur;'Ein Film über Wien; ein Fest in Salzburg. Salzburg – Die Festspiele beginnen.'\n",
        encoding="utf-8")
    data_dir = tmp_path / "library"

    result = run_reader("add", str(source), data_dir=data_dir)

    assert result.returncode == 0, result.stderr
    assert "3 added" in result.stderr
    stored = {article["title"]: article for article in articles_json(data_dir)}
    assert set(stored) == {"Die Koalition streitet; die Opposition schweigt", "Rapid gewinnt in Graz",
                           "Ein Film über Wien; ein Fest in Salzburg"}
    shown = run_reader("show", stored["Die Koalition streitet; die Opposition schweigt"]["id"], "--json",
                       data_dir=data_dir)
    assert json.loads(shown.stdout)["body"].endswith("Am Montag tagte der Ministerrat.")
