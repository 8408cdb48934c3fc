"""Line-ups at the end of a match report, as Austrian and German papers print them: every name
is a player, the word before the colon is the team, and nothing around them is glued on; a
scorer before the minute is a player too."""

from __future__ import annotations

import pytest

from index.entities import EntityPipeline

REPORT = (
    "Wolfsberg – Der Tabellenletzte gewann verdient. Tor: 1:0 (52.) Brunnauer "
    "Wolfsberg: Dolenc – Standvoll, Rasmic, Adler (84. Wendelin), Pahla – Zeitner (81. "
    "Kröll), Hunt, Miranda – Ostrani (74. Putzer), Egedu Mattersburg: Kuster – Fellnak, "
    "Mahler, S. Varnhofer (66. Iblinger), Perlak – Rausch (60. Obradin) Gelbe Karten: "
    "Zeitner bzw. Perlak")


@pytest.fixture(scope="module")
def found() -> list[tuple[str, str]]:
    return [(m.text, m.kind) for m in EntityPipeline.load().extract(REPORT) if not m.partial]


@pytest.mark.parametrize("name", ["Dolenc", "Standvoll", "Adler", "Wendelin", "Hunt", "Miranda",
                                  "Putzer", "Egedu", "Kuster", "S. Varnhofer", "Iblinger",
                                  "Obradin"])
def test_every_name_of_a_lineup_is_a_player(found, name):
    """Also the ones that are everyday words (Adler), first names (Miranda) or towns."""
    assert (name, "person") in found


def test_the_team_before_the_colon_is_not_glued_to_the_last_player(found):
    assert not any("Egedu" in text and text != "Egedu" for text, _ in found)
    assert ("Mattersburg", "place") in found or ("Mattersburg", "org") in found
    assert not any(text.startswith("Gelbe") for text, _ in found)


@pytest.mark.parametrize("text, not_a_person", [
    ("In Floridsdorf (21. Bezirk) schafften die Blauen 38,92 Prozent.", "Bezirk"),
    ("Breslau (Wroclaw) – Noch wird in Polen über die Existenz des Zuges gestritten.", "Noch"),
    ("Sunrise (Florida) – Altstar Jaromir Jagr hat am Donnerstag getroffen.", "Altstar Jaromir Jagr"),
    ("Der neunte Lauf zur Rallye-WM (3. Etappe – Endstand nach 21 Prüfungen) endete.", "Etappe"),
])
def test_brackets_and_dashes_outside_a_lineup_make_no_players(text, not_a_person):
    found = [(m.text, m.kind) for m in EntityPipeline.load().extract(text)]
    assert (not_a_person, "person") not in found


def test_a_superscript_digit_in_brackets_is_no_minute_and_breaks_nothing():
    """"¹" counts as a digit to str.isdigit but is no number: it once made recognition fail."""
    found = [m.text for m in EntityPipeline.load().extract("Merkel  „(¹ “ sagte Rapid: Novota – Auer (¹. Beric).")]
    assert "Merkel" in found


def test_scorers_before_their_minute_are_people_and_rankings_and_words_are_not():
    report = ("Norwegen – Schweden 2:3 (0:0,0:1,2:2) Tore: Rosseli (44.), Martinsen (59.) bzw. "
              "Nyquist (21.) Lundberg (43./SH). Zuvor stand es 2:1 für die Bullen (17.), nach einer "
              "Roten Karte (75.). Ungarn (19.) und Island (38.) sind weit vorne.")
    kinds = {m.text: m.kind for m in EntityPipeline.load().extract(report)}
    assert [kinds.get(n) for n in ("Rosseli", "Martinsen", "Nyquist", "Lundberg")] == ["person"] * 4
    assert kinds.get("Ungarn") == "place" and kinds.get("Island") == "place"
    assert "Karte" not in kinds and kinds.get("Bullen") != "person"


PREVIEW = (
    "Bisherige Saisonergebnisse: 1:1 (a), 3:0 (h). Waldhofen: Stranzl – T. Mauracher, Pölzl, "
    "Gessl/Zirbner – Falkner, Murg, Strobl – Kainach, Ederling Ersatz: Loibner – Wendlinger, "
    "Grünwald, Zirbner/Gessl, Obrist Es fehlen: Hutterer (Knie)")


def test_a_previews_lineup_without_substitutions_names_players_not_towns():
    """A match preview prints the expected line-up with no substitutions; names that are also
    small towns (Murg, Strobl, Grünwald) are players there, and "Ersatz:" is no team."""
    found = [(m.text, m.kind) for m in EntityPipeline.load().extract(PREVIEW) if not m.partial]
    for name in ("Stranzl", "Murg", "Strobl", "Grünwald", "Kainach", "Obrist"):
        assert (name, "person") in found
    assert not any(kind == "place" for text, kind in found if text in ("Murg", "Strobl", "Grünwald"))
    assert not any(text in ("Ersatz", "Obrist Es") for text, _ in found)


def test_a_route_of_towns_after_a_colon_stays_places():
    found = [(m.text, m.kind) for m in EntityPipeline.load().extract(
        "Die Tour führt über diese Städte: Wien – Linz, Salzburg, Innsbruck, Bregenz und zurück.")]
    assert ("Salzburg", "place") in found and ("Innsbruck", "place") in found
    assert not any(kind == "person" for _, kind in found)
