"""Places as German news names them: cities by their German name, regions named by a
compass point and a country, and languages that are no places."""

from __future__ import annotations

import pytest

from index.entities import EntityPipeline


@pytest.fixture(scope="module")
def pipeline() -> EntityPipeline:
    return EntityPipeline.load()


def mentions(pipeline, text):
    return [(m.text, m.kind, m.entity) for m in pipeline.extract(text) if not m.partial]


def places(pipeline, text):
    return [(m.text, m.entity) for m in pipeline.extract(text) if m.kind == "place" and not m.partial]


def test_a_city_is_known_by_its_german_name_and_its_english_one_links_to_it(pipeline):
    found = dict(places(pipeline, "Der Vorstand in Wien rechnet damit, dass München und "
                                  "Genf folgen."))
    assert {"Wien", "München", "Genf"} <= set(found)
    english = dict(places(pipeline, "The summit in Vienna ended."))
    assert english.get("Vienna") == found["Wien"]


@pytest.mark.parametrize("text, name", [
    ("Tieto Enator, der größte Dienstleister Nordeuropas, meldet Gewinne.", "Nordeuropas"),
    ("Die Kämpfe in der Ostukraine dauern an.", "Ostukraine"),
])
def test_a_region_named_by_a_compass_point_and_a_place_is_a_place(pipeline, text, name):
    assert name in [t for t, _ in places(pipeline, text)]


def test_a_compass_word_without_a_place_is_no_region(pipeline):
    assert places(pipeline, "Ein kalter Ostwind wehte über die Felder.") == []


def test_a_language_is_not_a_place(pipeline):
    found = [t for t, _ in places(pipeline, "Im Unterricht wird vorwiegend Englisch geredet.")]
    assert "Englisch" not in found
    found = [t for t, _ in places(pipeline, "Die Serie läuft auf Deutsch oder im Original. Es "
                                            "geht um Deutsch als Zweitsprache.")]
    assert "Deutsch" not in found


def test_a_word_derived_from_a_town_is_not_the_town(pipeline):
    found = [t for t, _ in places(pipeline, "Der Münchner von heute setzt im Fasching auf Gaga.")]
    assert "Münchner" not in found


def test_a_countrys_people_are_no_person(pipeline):
    text = "Syrer, Syrer, Syrer, alles dreht sich nur um die Syrer, beklagt sich Brandhuber."
    assert "Syrer" not in [m.text for m in pipeline.extract(text)]


def test_a_district_named_with_kreis_is_a_place_of_its_own(pipeline):
    found = [(m.text, m.kind) for m in pipeline.extract(
        "Das Jugendamt des Oder-Wiesen-Kreises für Neudorf und Altheim lädt ein.")]
    assert ("Oder-Wiesen-Kreises", "place") in found
    assert not any("für" in text for text, _ in found)


@pytest.mark.parametrize("text, road", [
    ("Der Unfall geschah gegen 18:30 Uhr auf der B214 in Richtung Sulingen.", "B214"),
    ("Vorsicht bitte auf der A391 : Richtung Braunschweig-Südwest", "A391"),
])
def test_a_road_with_a_three_digit_number_is_a_place_not_a_code(pipeline, text, road):
    assert (road, "place") in [(m.text, m.kind) for m in pipeline.extract(text) if not m.partial]


@pytest.mark.parametrize("text, road", [
    ("A 27 Bremen Richtung Bremerhaven , die Abfahrt Vegesack ist gesperrt .", "A 27"),
    ("Für die Bergungsarbeiten musste die B214 am Abend zeitweise gesperrt werden.", "B214"),
    ("Der Lkw wurde an der Ausfahrt der Ostautobahn A4 angehalten.", "A4"),
])
def test_a_road_named_by_its_letter_and_number_is_a_place_where_traffic_shows_it(pipeline, text, road):
    assert any(road in t and kind == "place" for t, kind, _ in mentions(pipeline, text))


def test_a_code_like_a_road_is_no_road_without_traffic(pipeline):
    found = [(m.text, m.kind) for m in pipeline.extract(
        "Das kleinste Modell, die A1, konnte auf 706 Kassetten 35 GB speichern. Bei A1 kostet "
        "der Tarif zehn Euro.")]
    assert not any(kind == "place" for _, kind in found)


@pytest.mark.parametrize("text, town", [
    ("Sulingen – Ein Unbekannter ist in eine Garage eingebrochen.", "Sulingen"),
    ("Die Flüchtlingshilfe Kaltenleutgeben sammelt Spenden.", "Kaltenleutgeben"),
])
def test_a_small_listed_town_the_text_shows_as_a_place_is_a_place(pipeline, text, town):
    assert [t for t, _ in places(pipeline, text)] == [town]


def test_a_small_town_whose_name_is_a_frequent_word_needs_more_than_a_preposition(pipeline):
    assert places(pipeline, "Die Kinder spielten im Dorf und in Lehre.") == []


def test_a_town_written_with_st_is_the_listed_sankt_town(pipeline):
    found = places(pipeline, "Die Landesregierung in Sankt Pölten lobte St. Pölten.")
    assert [entity for _, entity in found] == ["place:sankt-poelten", "place:sankt-poelten"]


def test_the_two_koreas_are_two_places_by_their_short_names(pipeline):
    found = dict(places(pipeline, "Nordkorea droht Südkorea, sagte ein Sprecher in Nordkoreas Hauptstadt."))
    assert found["Nordkorea"] == found["Nordkoreas"] != found["Südkorea"]


def test_towns_heading_police_reports_between_marks_are_places(pipeline):
    text = "+++ Twistringen - Fahrrad gestohlen +++ Bassum - Unfall auf der Kreuzung +++"
    assert [t for t, _ in places(pipeline, text)] == ["Twistringen", "Bassum"]


def test_a_listed_town_keeps_the_rest_of_its_name(pipeline):
    assert [t for t, _ in places(pipeline, "Die Feier fand in Kochel am See statt.")] == ["Kochel am See"]


@pytest.mark.parametrize("text, city", [
    ("Zwei Ärzte starben in Kambodschas Hauptstadt Phnom Penh an einer Infektion.", "Phnom Penh"),
    ("Die Lage in Sirte bleibt angespannt.", "Sirte"),
    ("Die Werft in der Hafenstadt Dalian baut ein neues Schiff.", "Dalian"),
    ("Reisende müssen sich in Bagdad oder Erbil melden.", "Erbil"),
    ("Die Konferenz fand in San Diego statt.", "San Diego"),
])
def test_a_city_abroad_is_a_place(pipeline, text, city):
    assert city in [t for t, _ in places(pipeline, text)]


def test_a_states_title_stays_outside_the_place(pipeline):
    """Where the CRF takes "Königreich Bayern" for an organisation, the place is Bayern."""
    from index.entities.place_rules import state_titles
    from index.entities.spans import Span

    words = "Er musste Regensburg an das Königreich Bayern abtreten .".split()
    at = words.index("Königreich")
    spans = state_titles([Span(at, at + 2, "org", from_model=True)], words, pipeline.gazetteer)
    assert [(" ".join(words[s.start:s.end]), s.kind) for s in spans] == [("Bayern", "place")]


@pytest.mark.parametrize("text, names", [
    ("Vorsicht auf der A30 Richtung Osnabrück zwischen Kolbitzfeld und Fennelsmold liegen Gegenstände.",
     ["Kolbitzfeld", "Fennelsmold"]),
    ("Ölspur auf der A 7 Richtung Kassel. Zwischen der Lumbrixbrücke und Zappelberg ist ein Fahrstreifen gesperrt.",
     ["Lumbrixbrücke", "Zappelberg"]),
])
def test_the_ends_of_a_stretch_in_a_traffic_report_are_places(pipeline, text, names):
    found = [name for name, _ in places(pipeline, text)]
    assert all(name in found for name in names)


def test_what_a_quarrel_is_between_is_no_place(pipeline):
    assert places(pipeline, "Der Streit zwischen Regierung und Opposition dauert an.") == []


def test_an_exit_named_after_two_towns_is_one_place_in_a_traffic_report(pipeline):
    found = [name for name, _ in places(
        pipeline, "A81 Stuttgart Richtung Singen zwischen Kreuz Stuttgart und Böblingen / Sindelfingen Unfall.")]
    assert "Böblingen / Sindelfingen" in found


def test_two_towns_of_a_dateline_stay_two_places(pipeline):
    found = [name for name, _ in places(pipeline, "Streit zwischen Ländern. Prag/Wien – Der Minister reiste ab.")]
    assert "Prag/Wien" not in found


def test_a_junction_at_the_end_of_a_stretch_is_a_place_with_its_noun(pipeline):
    found = [name for name, _ in places(
        pipeline, "A6 Richtung Heilbronn: Stau zwischen Kolbitzfeld und Kreuz Fennelsmold, 18 km.")]
    assert "Kreuz Fennelsmold" in found



@pytest.mark.parametrize("text, place", [
    ("Die Polizei in Berlin-Mitte ermittelt.", "Berlin-Mitte"),
    ("A94 Passau Richtung München zwischen Kreuz München-Ost und Daglfing 2 km Stau",
     "Kreuz München-Ost"),
    ("Ein Unfall in Leverkusen-Zentrum sorgte für Stau.", "Leverkusen-Zentrum"),
])
def test_a_district_or_exit_of_a_known_town_is_a_place(pipeline, text, place):
    assert (place, "place") in [(m.text, m.kind) for m in pipeline.extract(text) if not m.partial]


def test_a_name_ending_in_creek_is_a_place_not_a_person(pipeline):
    """"Beaver Creek", "Squaw Valley": English place words end a place's name."""
    text = "Mit seinem Sieg im Super-G von Otter Creek beendete er die Serie."
    assert [(m.text, m.kind) for m in pipeline.extract(text) if not m.partial] == [("Otter Creek", "place")]


@pytest.mark.parametrize("text, name, entity", [
    ("Helium-Plasma erzeugt. Greifswald – In der Versuchsanlage läuft es wieder.",
     "Greifswald", "place:universitaets-und-hansestadt-greifswald"),
    ("Er hat in Marburg studiert und lebt heute in Klagenfurt.", "Marburg",
     "place:marburg-an-der-lahn"),
    ("Er hat in Marburg studiert und lebt heute in Klagenfurt.", "Klagenfurt",
     "place:klagenfurt-am-woerthersee"),
])
def test_a_town_is_known_by_the_short_name_news_gives_it(pipeline, text, name, entity):
    assert (name, entity) in places(pipeline, text)


def test_a_villages_short_name_that_is_a_word_or_a_surname_stays_what_it_is(pipeline):
    found = mentions(pipeline, "Der Regisseur Steven Spielberg dreht wieder. Spielberg sagte, "
                               "die Tiere seien im Freiland.")
    assert ("Spielberg", "person") in [(t, k) for t, k, _ in found]
    assert not any(t == "Freiland" for t, _, _ in found)


@pytest.mark.parametrize("text, name, kind", [
    ("Die Band feiert Jubiläum. Sydney – Der in Australien geborene Sänger ist tot.", "Sydney",
     "place"),
    ("Eine Pause dazwischen? Blacksburg – Heute gelten sieben Stunden als genug.", "Blacksburg",
     "place"),
    ("Der Landeshauptmann tritt ab. Erwin Quendel – Der Mann aus Krems geht.", "Erwin Quendel",
     "person"),
])
def test_a_name_before_a_dash_opening_a_report_is_its_dateline(pipeline, text, name, kind):
    assert (name, kind) in [(t, k) for t, k, _ in mentions(pipeline, text)]


@pytest.mark.parametrize("text, places", [
    ("In Richtung Koalitionspartner meinte der Fraktionschef am Dienstag, man müsse reden.", []),
    ("Zwei Angreifer wurden bei Schusswechseln mit der Polizei in Kairo getötet.", ["Kairo"]),
    ("Die Gewinne sollen später in Kraftwerken erzielt werden.", []),
    ("Die Rebellen zogen sich in die Ostukraine zurück, nach Osteuropa und in die Leopoldstadt.",
     ["Ostukraine", "Osteuropa", "Leopoldstadt"]),
    ("Der Unfall geschah in der Herrengasse in Graz.", ["Herrengasse", "Graz"]),
    ("Er gewann in Lillehammer den Weltcup.", ["Lillehammer"]),
])
def test_a_compound_of_everyday_nouns_is_no_place_but_a_region_or_street_is(pipeline, text, places):
    assert [m.text for m in pipeline.extract(text) if m.kind == "place"] == places
