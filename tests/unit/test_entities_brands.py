"""Well-known platforms and software, as German news writes them, are firms and products:
never people, never places."""

from __future__ import annotations

import pytest

from index.entities import EntityPipeline


@pytest.fixture(scope="module")
def pipeline() -> EntityPipeline:
    return EntityPipeline.load()


@pytest.mark.parametrize("text, name, kind", [
    ("Ubuntu bekommt im April ein neues Design, teilte Canonical mit.", "Ubuntu", "other"),
    ("Ebay verlangt künftig höhere Gebühren von Händlern.", "Ebay", "org"),
    ("Airbnb hat die Vermieter in Wien informiert.", "Airbnb", "org"),
    ("Firefox blockiert künftig Tracker, sagte eine Sprecherin von Mozilla.", "Mozilla", "org"),
    ("Firefox blockiert künftig Tracker, sagte eine Sprecherin von Mozilla.", "Firefox", "other"),
])
def test_a_platform_or_program_is_a_firm_or_a_product(pipeline, text, name, kind):
    found = {(m.text, m.kind) for m in pipeline.extract(text) if not m.partial}
    assert (name, kind) in found


@pytest.mark.parametrize("text, name", [
    ("Auch Gerry Weber und Tom Tailor leiden unter der Flaute im Modehandel.", "Gerry Weber"),
    ("Auch Gerry Weber und Tom Tailor leiden unter der Flaute im Modehandel.", "Tom Tailor"),
    ("Tchibo kooperiert für die Aktion mit einem Inselmakler.", "Tchibo"),
    ("Die Prüfer von Ernst & Young haben die Bilanz testiert.", "Ernst & Young"),
    ("Laut Dow Jones Newswires stieg der Kurs am Nachmittag.", "Dow Jones Newswires"),
])
def test_a_firm_named_after_its_founder_is_an_organisation(pipeline, text, name):
    assert (name, "org") in {(m.text, m.kind) for m in pipeline.extract(text) if not m.partial}



@pytest.mark.parametrize("text, name", [
    ("Protest beim US-Konzern General Electric. Europaweit will GE 6.500 Stellen streichen.",
     "GE"),
    ("Die Drogeriemarktkette Schlecker hatte im Jänner Insolvenz angemeldet.", "Schlecker"),
    ("Die Lufthansa klagt gegen die Vereinigung Cockpit.", "Vereinigung Cockpit"),
    ("Vestas kündigte an, Stellen zu streichen.", "Vestas"),
    ("Thalys kündigte an, mehr Züge einzusetzen.", "Thalys"),
    ("Die Bildschirm-Sparten von Sony, Toshiba und Hitachi wurden zusammengelegt.", "Hitachi"),
])
def test_a_firm_of_industry_or_transport_is_an_organisation(pipeline, text, name):
    assert (name, "org") in {(m.text, m.kind) for m in pipeline.extract(text) if not m.partial}


@pytest.mark.parametrize("text, paper", [
    ("Zuvor hatten die Stuttgarter Nachrichten darüber berichtet.", "Stuttgarter Nachrichten"),
    ("Das sagte er am Sonntag in den Salzburger Nachrichten.", "Salzburger Nachrichten"),
    ("Die Freie Presse berichtet über den Fall.", "Freie Presse"),
])
def test_a_regional_newspaper_is_an_organisation(pipeline, text, paper):
    assert (paper, "org") in {(m.text, m.kind) for m in pipeline.extract(text) if not m.partial}


@pytest.mark.parametrize("text, name, kind", [
    ("Valeo kündigte an, in Bietigheim Stellen zu streichen.", "Valeo", "org"),
    ("Betroffen seien Modelle der Marken Dodge, Ram und Jeep.", "Dodge", "org"),
    ("Der Einigung zufolge lässt Fiat Chrysler seine Rückrufe prüfen.", "Fiat Chrysler", "org"),
    ("Die Magna Carta gilt als Grundstein der parlamentarischen Demokratie.", "Magna Carta",
     "other"),
])
def test_car_makers_and_suppliers_are_firms_and_a_charter_is_no_supplier(pipeline, text, name,
                                                                            kind):
    assert (name, kind) in {(m.text, m.kind) for m in pipeline.extract(text) if not m.partial}
