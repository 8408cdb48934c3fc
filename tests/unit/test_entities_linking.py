"""Recognition and linking on text nobody curated: unknown names, inflections, roles,
compounds, and corpus-level resolution of surnames."""

from __future__ import annotations

import random

import pytest

from index.entities import EntityPipeline, EntityRecord

ARTICLE = (
    "Die sächsische Umweltministerin Katharina Sommerfeld hat am Montag in Leipzig ein neues "
    "Förderprogramm vorgestellt. Sommerfeld sagte, das Land werde zwei Millionen Euro bereitstellen. "
    "Kritik kam von der Opposition: Sommerfelds Plan sei zu klein, sagte der Abgeordnete "
    "Tobias Brandhuber.\n\n"
    "Macrons Sprecher erklärte in Paris, Frankreich unterstütze das Vorhaben. Der Kreml in Moskau "
    "äußerte sich nicht. Auch die Merz-Kritik an Russlands Vorgehen war Thema. (dpa)"
)


@pytest.fixture(scope="module")
def pipeline() -> EntityPipeline:
    return EntityPipeline.load()


@pytest.fixture(scope="module")
def mentions(pipeline):
    return pipeline.extract(ARTICLE)


def by_text(mentions, text):
    return [m for m in mentions if m.text == text]


def test_unknown_person_and_her_surname_are_one_entity(mentions):
    full = by_text(mentions, "Katharina Sommerfeld")
    short = by_text(mentions, "Sommerfeld")
    genitive = by_text(mentions, "Sommerfelds")
    assert full and short and genitive
    assert {m.entity for m in full + short + genitive} == {"person:katharina-sommerfeld"}
    assert full[0].role == "Umweltministerin"
    assert by_text(mentions, "Tobias Brandhuber")[0].kind == "person"


def test_inflected_known_names_link_to_the_canonical_entity(mentions):
    assert by_text(mentions, "Macrons")[0].entity == "person:emmanuel-macron"
    assert by_text(mentions, "Russlands")[0].entity == "place:russland"
    assert by_text(mentions, "Leipzig")[0].entity == "place:leipzig"
    assert by_text(mentions, "Kreml")[0].entity == "org:kreml"


def test_compound_with_a_name_is_a_partial_mention(mentions):
    merz = by_text(mentions, "Merz")
    assert len(merz) == 1 and merz[0].partial and merz[0].entity == "person:friedrich-merz"
    assert ARTICLE[merz[0].start:merz[0].start + 11] == "Merz-Kritik"


def test_common_nouns_and_empty_text_give_no_mentions(pipeline, mentions):
    surfaces = {m.text for m in mentions}
    assert not surfaces & {"Förderprogramm", "Kritik", "Opposition", "Land", "Plan", "Euro"}
    assert pipeline.extract("") == []
    assert pipeline.extract("  \n ") == []


@pytest.mark.parametrize("text, surface, entity", [
    ("Der Präsident Wolodymyr Selenskij reiste nach Kyjiw.", "Wolodymyr Selenskij",
     "person:wolodymyr-selenskyj"),
    ("Die Vereinigten Staaten und die USA sind dasselbe Land.", "Vereinigten Staaten",
     "place:vereinigte-staaten"),
    ("Die Nato-Staaten tagten, die NATO schwieg.", "NATO", "org:nato"),
    ("Es gab Gespräche in Kiew über Kyjiws Luftabwehr.", "Kyjiws", "place:kyjiw"),
    ("Kremlchef Wladimir Putin empfing Gäste.", "Wladimir Putin", "person:wladimir-putin"),
    ("In den Niederlanden wurde das publik.", "Niederlanden", "place:niederlande"),
    ("Er kam aus den Vereinigten Arabischen Emiraten zurück.", "Vereinigten Arabischen Emiraten",
     "place:vereinigte-arabische-emirate"),
    ("Der Kampf gegen den Islamischen Staat geht weiter.", "Islamischen Staat",
     "org:islamischer-staat"),
    ("Die Kämpfer des Islamischen Staates zogen ab.", "Islamischen Staates",
     "org:islamischer-staat"),
    ("Rapid gewann gegen Sturm Graz, Trainer Barisic lobte Rapid.", "Rapid", "org:rapid-wien"),
])
def test_spelling_variants_link_to_one_id(pipeline, text, surface, entity):
    found = by_text(pipeline.extract(text), surface)
    assert found and found[0].entity == entity


def test_a_surname_that_is_also_a_word_is_the_person_inside_a_clause(pipeline):
    text = ("Staatssekretärin Lena Kurz reiste nach Graz. Kurz vor der Wahl sagte Kurz, sie sei "
            "zufrieden. Die Rede war kurz. Hans Koch kocht gern. Der Koch lobte ihn, Koch lachte.")
    found = [(m.text, m.entity) for m in pipeline.extract(text) if m.kind == "person"]
    assert found == [("Lena Kurz", "person:lena-kurz"), ("Kurz", "person:lena-kurz"),
                     ("Hans Koch", "person:hans-koch"), ("Koch", "person:hans-koch")]
    alone = pipeline.extract("Am Montag sagte Außenminister Kurz, er sei zufrieden.")
    assert [(m.text, m.kind) for m in alone] == [("Kurz", "person")]


def test_a_short_party_name_names_the_party_of_the_country_the_text_is_about(pipeline):
    austrian = pipeline.extract("ÖVP und SPÖ einigten sich, die Grünen kritisierten das.")
    german = pipeline.extract("Die Grünen und die CDU streiten im Bundestag.")
    assert by_text(austrian, "Grünen")[0].entity == "org:die-gruenen-die-gruene-alternative"
    assert by_text(german, "Grünen")[0].entity == "org:buendnis-90-die-gruenen"


def test_a_ministry_named_by_its_field_alone_is_no_particular_countrys(pipeline):
    austrian = pipeline.extract("Die SPÖ und das Justizministerium sind sich einig, sagte Brandhuber.")
    assert by_text(austrian, "Justizministerium")[0].entity == "org:justizministerium"
    federal = pipeline.extract("Das Bundesjustizministerium in Berlin prüft den Entwurf.")
    assert by_text(federal, "Bundesjustizministerium")[0].entity == "org:bundesministerium-der-justiz"


def test_a_party_beside_places_of_one_country_is_that_countrys_unless_the_other_is_named(pipeline):
    vienna = pipeline.extract("Wien – Die Grünen fordern mehr Radwege.")
    assert by_text(vienna, "Die Grünen")[0].entity == "org:die-gruenen-die-gruene-alternative"
    both = pipeline.extract("Die Grünen und die CDU streiten im Bundestag, hieß es in Wien.")
    assert by_text(both, "Grünen")[0].entity == "org:buendnis-90-die-gruenen"
    mostly = pipeline.extract("In Graz stimmten ÖVP, SPÖ und die Grünen dafür; anders als die CDU "
                              "in Stuttgart.")
    assert by_text(mostly, "Grünen")[0].entity == "org:die-gruenen-die-gruene-alternative"


def test_the_bundesliga_beside_austrian_clubs_is_austrias_league(pipeline):
    austrian = pipeline.extract("Rapid Wien verlor gegen Sturm Graz, die Bundesliga bleibt spannend.")
    german = pipeline.extract("Der FC Bayern München führt die Bundesliga an.")
    abroad = pipeline.extract("Der Verteidiger kam von Rapid Wien zum FC Bayern München und "
                              "spielt nun in der Bundesliga.")
    assert by_text(austrian, "Bundesliga")[0].entity == "org:oesterreichische-fussball-bundesliga"
    assert by_text(german, "Bundesliga")[0].entity == "org:bundesliga"
    assert by_text(abroad, "Bundesliga")[0].entity == "org:bundesliga"


def test_a_players_position_is_his_role(pipeline):
    found = [(m.text, m.kind, m.role) for m in pipeline.extract(
        "Bayern-Goalie Jonas Quermbach hielt stark. Torhüter Quermbach war der Beste.")]
    assert ("Jonas Quermbach", "person", "Bayern-Goalie") in found
    assert not any("Goalie" in text for text, _, _ in found)


def test_role_before_a_known_name_is_kept_on_the_mention(pipeline):
    mentions = pipeline.extract("Bundeskanzler Friedrich Merz traf NATO-Chef Mark Rutte in Berlin.")
    assert by_text(mentions, "Friedrich Merz")[0].role == "Bundeskanzler"
    assert by_text(mentions, "Mark Rutte")[0].role == "NATO-Chef"
    assert not [m for m in mentions if "Bundeskanzler" in m.text]


def record(entity, kind, surfaces, roles=()):
    return EntityRecord(id=entity, kind=kind, surfaces=surfaces, roles=list(roles))


def test_resolve_links_a_surname_to_the_full_name_in_another_article(pipeline):
    records = [
        record("person:sommerfeld", "person", {"Sommerfeld": 4, "Sommerfelds": 1}, ["Ministerin"]),
        record("person:katharina-sommerfeld", "person", {"Katharina Sommerfeld": 2}),
        record("person:rutte", "person", {"Rutte": 2}),
        record("place:leipzig", "place", {"Leipzig": 3}),
    ]
    resolved = pipeline.resolve(records)
    sommerfeld = resolved["person:sommerfeld"]
    assert sommerfeld is resolved["person:katharina-sommerfeld"]
    assert sommerfeld.id == "person:katharina-sommerfeld"
    assert sommerfeld.name == "Katharina Sommerfeld"
    assert {"Sommerfeld", "Sommerfelds"} <= set(sommerfeld.aliases)
    assert sommerfeld.roles == ["Ministerin"]
    assert resolved["person:rutte"].name == "Rutte"  # no full name anywhere: stays as it is
    assert resolved["place:leipzig"].name == "Leipzig"


def test_resolve_leaves_an_ambiguous_surname_alone(pipeline):
    records = [
        record("person:brandhuber", "person", {"Brandhuber": 1}),
        record("person:tobias-brandhuber", "person", {"Tobias Brandhuber": 1}),
        record("person:anna-brandhuber", "person", {"Anna Brandhuber": 1}),
    ]
    resolved = pipeline.resolve(records)
    assert resolved["person:brandhuber"].id == "person:brandhuber"
    assert resolved["person:anna-brandhuber"].id != resolved["person:tobias-brandhuber"].id


def test_resolve_is_deterministic_and_idempotent(pipeline):
    records = [record(f"person:name-{i}", "person", {f"Name {i}": i + 1}) for i in range(50)]
    records += [record("person:merz", "person", {"Merz": 3}),
                record("person:friedrich-merz", "person", {"Friedrich Merz": 1})]
    first = pipeline.resolve(records)
    shuffled = records[:]
    random.Random(3).shuffle(shuffled)
    assert pipeline.resolve(shuffled) == first
    again = [record(e.id, e.kind, {e.name: 1, **{a: 1 for a in e.aliases}}, e.roles)
             for e in {e.id: e for e in first.values()}.values()]
    assert {e.id for e in pipeline.resolve(again).values()} == {e.id for e in first.values()}
    assert first["person:merz"].name == "Friedrich Merz"


def test_describe_gives_the_gazetteer_entry(pipeline):
    rutte = pipeline.describe("person:mark-rutte")
    assert rutte.name == "Mark Rutte" and rutte.kind == "person" and "Rutte" in rutte.aliases
    assert pipeline.describe("org:nato").kind == "org"
    assert pipeline.describe("person:nobody-known") is None


def test_a_surname_takes_the_kind_of_the_person_named_in_full(pipeline):
    """The CRF may call a surname alone a place more often than a person: each mention of the
    full name counts for the person, and copies of a name found elsewhere get no vote."""
    from index.entities.link import link
    from index.entities.spans import Span
    from index.entities.tokenize import tokenize

    text = ("Samuel Kerwisch lehrt. Samuel Kerwisch forscht. Kerwisch schreibt. Dass Kerwisch "
            "geht, bedauert man. Bei Kerwisch lag es. Nach Kerwisch kam keiner.")
    tokens = tokenize(text)
    words = [t.text for t in tokens]
    at = [i for i, w in enumerate(words) if w == "Kerwisch"]
    spans = [Span(at[0] - 1, at[0] + 1, "person", from_model=True),
             Span(at[1] - 1, at[1] + 1, "person", from_model=True),
             Span(at[2], at[2] + 1, "person", from_model=True),
             Span(at[3], at[3] + 1, "place", from_model=True),
             Span(at[4], at[4] + 1, "place", from_model=True),
             Span(at[5], at[5] + 1, "place", copied=True)]
    kinds = {(m.text, m.kind) for m in link(text, tokens, spans, pipeline.gazetteer)}
    assert kinds == {("Samuel Kerwisch", "person"), ("Kerwisch", "person")}


@pytest.mark.parametrize("text, genitive", [
    ("Nach Haiders Regierungseintritt glaubte man in Paris an eine Wende.", "Haiders"),
    ("Rocks Eröffnungsrede löste in sozialen Medien Debatten aus.", "Rocks"),
])
def test_a_first_names_genitive_before_a_noun_is_a_person(pipeline, text, genitive):
    assert (genitive, "person") in [(m.text, m.kind) for m in pipeline.extract(text)]


def test_a_two_letter_word_in_lower_case_is_no_acronym_of_its_letters(pipeline):
    text = ("„Is this the end?“, fragte die Sängerin Mirella Tanrow. „Un jour viendra“, "
            "antwortete Jacques Mérandel. Der IS bekannte sich, die UN und die Uno schwiegen.")
    found = [(m.text, m.entity) for m in pipeline.extract(text) if m.kind == "org"]
    assert found == [("IS", "org:islamischer-staat"), ("UN", "org:vereinte-nationen"),
                     ("Uno", "org:vereinte-nationen")]


@pytest.mark.parametrize("possessive", ["Quendelton's", "Quendelton’s"])
def test_an_english_possessive_links_to_the_name_without_it(pipeline, possessive):
    from index.entities.link import link
    from index.entities.spans import Span
    from index.entities.tokenize import tokenize

    text = f"Senator Quendelton spoke first. {possessive} plan failed."
    tokens = tokenize(text)
    at = [i for i, t in enumerate(tokens) if t.text.startswith("Quendelton")]
    found = link(text, tokens, [Span(i, i + 1, "person") for i in at], pipeline.gazetteer)
    assert [m.entity for m in found] == ["person:quendelton", "person:quendelton"]


@pytest.mark.parametrize("text, name, role", [
    ("«Wir werden siegen», drohte der oberste Führer des Irans, Ajatollah Ali Chamenei.",
     "Ali Chamenei", "Ajatollah"),
    ("Scheich Jassim Quendel sagte am Montag, man werde verhandeln.", "Jassim Quendel", "Scheich"),
    ("Rabbiner Walter Quendelbaum sprach in der Synagoge.", "Walter Quendelbaum", "Rabbiner"),
    ("Imam Benjamin Quendel predigte am Freitag in Penzberg.", "Benjamin Quendel", "Imam"),
    ("Der selbst ernannte Kalif Ibrahim Quendel sprach.", "Ibrahim Quendel", "Kalif"),
])
def test_a_religious_title_is_a_role_not_part_of_the_name(pipeline, text, name, role):
    mentions = pipeline.extract(text)
    assert [(m.kind, m.role) for m in by_text(mentions, name)] == [("person", role)]
    assert not [m for m in mentions if m.text.startswith(role)]


def test_a_known_person_named_with_his_title_is_the_known_person(pipeline):
    mentions = pipeline.extract("Auch Ajatollah Ali Chamenei meldete sich zu Wort.")
    assert by_text(mentions, "Ali Chamenei")[0].entity == "person:ali-chamenei"


def test_an_agencys_full_name_and_its_short_name_are_one_entity():
    """The curated list held the full names of dpa, AP and ver.di also as entries of their own,
    so the full name found no entity at all and the library listed it twice."""
    pipeline = EntityPipeline.load()
    text = ("Das erfuhr die Deutsche Presse-Agentur (dpa). Auch die Associated Press (AP) "
            "berichtete, Ver.di und Verdi-Chef Wendler bestätigten.")
    ids = {m.text: m.entity for m in pipeline.extract(text) if not m.partial}
    assert ids["Deutsche Presse-Agentur"] == ids["dpa"]
    assert ids["Associated Press"] == ids["AP"]


def test_resolve_keeps_a_player_named_like_a_small_town_a_person(pipeline):
    """Only line-ups named "Schlitz" (a small town's name, a weak alias): the library lists the
    player, not the town; a well-known place keeps a stray person mention for itself."""
    records = [
        record("person:schlitz", "person", {"Schlitz": 3}),
        record("person:niederoesterreich", "person", {"Niederösterreich": 1}),
        record("place:niederoesterreich", "place", {"Niederösterreich": 9}),
    ]
    resolved = pipeline.resolve(records)
    assert resolved["person:schlitz"].kind == "person"
    assert resolved["person:niederoesterreich"].id == "place:niederoesterreich"
