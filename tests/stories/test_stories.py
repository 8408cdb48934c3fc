"""Stories: independently written articles about one event are one story; other events, and the
same words weeks later, are not; `reader stories` lists them."""

from __future__ import annotations

import json

from datetime import timedelta
from pathlib import Path

from index.library import Library
from index.models import Article
from tests.cli.test_cli_contract import run, run_json
from tests.stories.conftest import START, write_md

QUAKE_ZEIT = (
    "Schweres Erdbeben erschüttert Mittelitalien",
    "Ein schweres Erdbeben hat in der Nacht Mittelitalien erschüttert. Besonders betroffen ist die Stadt "
    "Amatrice in der Region Latium, wo zahlreiche Häuser einstürzten. Bürgermeister Sergio Pirozzi sagte, die "
    "halbe Stadt sei zerstört. Ministerpräsident Matteo Renzi reiste in das Erdbebengebiet. Die Rettungskräfte "
    "suchen in den Trümmern nach Verschütteten. Das Beben hatte eine Stärke von 6,2.")
QUAKE_SZ = (
    "Dutzende Tote nach Beben in Italien",
    "Nach dem Erdbeben in Mittelitalien steigt die Zahl der Toten. In Amatrice gruben Helfer die ganze Nacht in "
    "den Trümmern. Matteo Renzi versprach den Menschen in Latium schnelle Hilfe. Sergio Pirozzi, der "
    "Bürgermeister von Amatrice, bat um Zelte und Decken. Viele Häuser der Altstadt sind eingestürzt, die "
    "Rettungskräfte arbeiten ohne Pause.")
FOOTBALL = (
    "Bayern gewinnt das Spitzenspiel",
    "Der FC Bayern München hat das Spitzenspiel gegen Borussia Dortmund mit 3:1 gewonnen. Harry Kane traf "
    "zweimal, Thomas Müller einmal. Trainer Vincent Kompany lobte die Mannschaft für eine starke zweite Halbzeit. "
    "Dortmund bleibt damit in der Tabelle hinter den Münchnern zurück.")


def article(pair: tuple[str, str], source: str, hours: int) -> Article:
    return Article(title=pair[0], body=pair[1], source=source, published=START + timedelta(hours=hours))


def test_independent_reports_of_one_event_form_one_story(tmp_path: Path):
    zeit, sz, football = article(QUAKE_ZEIT, "Zeit", 0), article(QUAKE_SZ, "SZ", 5), article(FOOTBALL, "Kicker", 3)
    with Library.open(tmp_path / "lib") as library:
        library.add_articles([zeit, football])
        library.add_articles([sz])  # a later import joins the story the earlier one started
        stories = library.stories()
    assert len(stories) == 1
    story = stories[0]
    assert [a.id for a in story.articles] == [zeit.id, sz.id]
    assert story.title == QUAKE_ZEIT[0]  # the first article's
    assert story.sources == ["Zeit", "SZ"]
    assert story.first == zeit.published and story.last == sz.published
    assert "Amatrice" in story.entities


def test_the_same_event_weeks_later_is_another_story(tmp_path: Path):
    with Library.open(tmp_path / "lib") as library:
        library.add_articles([article(QUAKE_ZEIT, "Zeit", 0), article(QUAKE_SZ, "SZ", 24 * 20)])
        assert library.stories() == []


def test_stories_command_json_and_since(tmp_path: Path):
    folder = tmp_path / "in"
    write_md(folder, "zeit", *QUAKE_ZEIT, "Zeit", 0)
    write_md(folder, "sz", *QUAKE_SZ, "SZ", 5)
    write_md(folder, "kicker", *FOOTBALL, "Kicker", 3)
    data_dir = tmp_path / "lib"
    assert run("add", str(folder), data_dir=data_dir).returncode == 0
    stories = run_json("stories", data_dir=data_dir)
    assert len(stories) == 1
    story = stories[0]
    assert set(story) == {"id", "title", "first", "last", "sources", "articles", "entities"}
    assert story["sources"] == ["Zeit", "SZ"]
    assert [a["source"] for a in story["articles"]] == ["Zeit", "SZ"]
    assert story["first"] < story["last"]
    assert run_json("stories", "--since", "2025-03-02", data_dir=data_dir) == []
    assert len(run_json("stories", "--since", "01.03.2025", data_dir=data_dir)) == 1
    bad = run("stories", "--since", "gestern", data_dir=data_dir)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    shown = run("stories", data_dir=data_dir)
    assert QUAKE_ZEIT[0] in shown.stdout and "2 articles" in shown.stdout
    assert shown.stdout.startswith("1 story, most recent first\n")


def test_stories_of_undated_articles_say_that_stories_need_dates(tmp_path: Path):
    # 10kGNAD's articles have no dates: the same event told twice makes no story, and the
    # command says why rather than that no two articles tell the same event
    source = tmp_path / "undatiert.jsonl"
    source.write_text("".join(json.dumps({"title": title, "text": body, "source": outlet}, ensure_ascii=False) + "\n"
                              for (title, body), outlet in ((QUAKE_ZEIT, "Zeit"), (QUAKE_SZ, "SZ"))),
                      encoding="utf-8")
    data_dir = tmp_path / "lib"
    assert run("add", str(source), data_dir=data_dir).returncode == 0
    shown = run("stories", data_dir=data_dir)
    assert shown.returncode == 0
    assert " ".join(shown.stdout.split()) == "No stories yet: stories follow articles by date, and 2 of the 2 articles have none."


QUAKE_LATER = (
    "Amatrice beginnt mit dem Wiederaufbau",
    "Fünf Tage nach dem Erdbeben räumen Bagger in Amatrice die ersten Straßen frei. Bürgermeister Sergio "
    "Pirozzi will die Altstadt wieder aufbauen lassen. Matteo Renzi sagte in Rom, die Regierung werde Latium "
    "nicht allein lassen. Noch immer leben Hunderte in Zelten vor der zerstörten Stadt in Mittelitalien.")
QUAKE_NIGHT = (
    "Die Nacht, in der Amatrice einstürzte",
    "Augenzeugen aus Amatrice berichten von Sekunden, in denen ganze Straßenzüge einstürzten. Sergio Pirozzi "
    "lief nach dem Erdbeben durch die dunkle Stadt und rief nach Nachbarn. Aus Rom kündigte Matteo Renzi Hilfe "
    "für Latium und ganz Mittelitalien an.")


def test_an_early_report_imported_after_a_long_story_joins_it(tmp_path: Path):
    # The story runs five days, longer than the window: its last article is four days after this
    # early report, which an archive imported in any order may bring last.
    reports = [article(QUAKE_ZEIT, "Zeit", 0), article(QUAKE_SZ, "SZ", 60), article(QUAKE_LATER, "FAZ", 120)]
    night = article(QUAKE_NIGHT, "taz", 10)
    with Library.open(tmp_path / "lib") as library:
        library.add_articles(reports)
        assert [len(story.articles) for story in library.stories()] == [3]
        library.add_articles([night])
        stories = library.stories()
    assert len(stories) == 1
    assert [a.source for a in stories[0].articles] == ["Zeit", "taz", "SZ", "FAZ"]



def test_an_early_report_joins_a_story_that_runs_for_weeks(tmp_path: Path):
    # A copy printed three weeks later under a new title keeps the story open for weeks: the story
    # is found for the early report, imported last, although it ends far outside its window.
    reprint = ("Drei Wochen nach dem Beben: ein Rückblick", QUAKE_LATER[1])
    reports = [article(QUAKE_ZEIT, "Zeit", 0), article(QUAKE_SZ, "SZ", 60), article(QUAKE_LATER, "FAZ", 120),
               article(reprint, "Weekly", 24 * 21)]
    night = article(QUAKE_NIGHT, "taz", 10)
    with Library.open(tmp_path / "lib") as library:
        library.add_articles(reports)
        assert [len(story.articles) for story in library.stories()] == [4]
        library.add_articles([night])
        stories = library.stories()
    assert len(stories) == 1
    assert [a.source for a in stories[0].articles] == ["Zeit", "taz", "SZ", "FAZ", "Weekly"]

def test_a_reprint_months_later_does_not_draw_in_what_lies_between(tmp_path: Path):
    # The reprint joins its original's story half a year on; a report three months after the quake
    # has no article of that story within its window, so it is no part of it.
    reprint = ("Ein halbes Jahr nach dem Beben", QUAKE_SZ[1])
    reports = [article(QUAKE_ZEIT, "Zeit", 0), article(QUAKE_SZ, "SZ", 5), article(reprint, "Weekly", 24 * 180)]
    with Library.open(tmp_path / "lib") as library:
        library.add_articles(reports)
        library.add_articles([article(QUAKE_NIGHT, "taz", 24 * 90)])
        stories = library.stories()
    assert [[a.source for a in story.articles] for story in stories] == [["Zeit", "SZ", "Weekly"]]


QUAKE_MATCH = (
    "Benefizspiel für Amatrice",
    "Nach dem Erdbeben in Mittelitalien spielen Harry Kane, Thomas Müller und Borussia Dortmund in Rom für "
    "Amatrice. Vincent Kompany sammelt Spenden für Latium. Bürgermeister Sergio Pirozzi dankte den Spielern, "
    "Matteo Renzi kommt ins Stadion. Die Einnahmen gehen an die Familien der zerstörten Stadt.")


def test_names_one_article_of_a_large_story_brings_do_not_pull_another_event_in(tmp_path: Path):
    # One of four quake reports names footballers; the match report the next day names them too,
    # but a name counts for a story once a third of its articles carry it.
    quake = [article(QUAKE_ZEIT, "Zeit", 0), article(QUAKE_SZ, "SZ", 5), article(QUAKE_NIGHT, "taz", 10),
             article(QUAKE_MATCH, "Bild", 20)]
    with Library.open(tmp_path / "lib") as library:
        library.add_articles(quake)
        assert [len(story.articles) for story in library.stories()] == [4]
        library.add_articles([article(FOOTBALL, "Kicker", 22)])
        stories = library.stories()
    assert [[a.source for a in story.articles] for story in stories] == [["Zeit", "SZ", "taz", "Bild"]]


def test_a_removed_report_leaves_its_story_and_a_story_of_one_is_not_listed(tmp_path: Path):
    from index.removal import remove_articles

    zeit, sz = article(QUAKE_ZEIT, "Zeit", 0), article(QUAKE_SZ, "SZ", 5)
    night = article(QUAKE_NIGHT, "taz", 10)
    with Library.open(tmp_path / "lib") as library:
        library.add_articles([zeit, sz, night])
        assert [len(story.articles) for story in library.stories()] == [3]
        remove_articles(library, [night.id])
        assert [[a.id for a in story.articles] for story in library.stories()] == [[zeit.id, sz.id]]
        remove_articles(library, [sz.id])
        assert library.stories() == []
        library.add_articles([night])  # the story the remaining report is in still takes a new one
        assert [[a.id for a in story.articles] for story in library.stories()] == [[zeit.id, night.id]]


def test_names_many_articles_of_an_import_carry_still_count_for_the_story(tmp_path: Path):
    # A lookup does not scan the rows of the names most of an import's articles carry; a story
    # sharing mostly such names is still the one an article joins when it shares the most.
    from index.stories.story_clusters import assign_stories

    def features(*names: str) -> dict[str, int]:
        return {f"e:{name}": 2 for name in names}

    first = Article(title="Gipfel in Rom", body="Bericht eins.", source="Zeit", published=START)
    other = Article(title="Hafen in Genua", body="Bericht zwei.", source="SZ", published=START + timedelta(hours=1))
    later = Article(title="Gipfel, Tag zwei", body="Bericht drei.", source="taz", published=START + timedelta(hours=2))
    elsewhere = [Article(title=f"Monatsbericht {n}", body=f"Bericht {n}.", source="FAZ",
                         published=START + timedelta(days=30, hours=n)) for n in range(10)]
    made = {id(first): features("rom", "italien", "europa", "meloni", "taormina", "gipfel"),
            id(other): features("werft", "kran", "zoll", "brenner", "genua", "hafen"),
            # five names shared with the first, three of them carried by most of the import; four,
            # none of them common, with the other
            id(later): features("rom", "italien", "europa", "meloni", "taormina", "werft", "kran", "zoll",
                                "brenner", "fähre", "maut", "tunnel", "stau", "lkw", "alpen"),
            **{id(a): features("rom", "italien", "europa", f"thema{n}") for n, a in enumerate(elsewhere)}}
    batch = [first, other, later, *elsewhere]
    with Library.open(tmp_path / "lib") as library:
        library.add_articles(batch)
        with library.store.transaction() as db:
            assign_stories(db, batch, made)
        stories = [[a.source for a in story.articles] for story in library.stories()]
    assert ["Zeit", "taz"] in stories
    assert not any("SZ" in story for story in stories)
