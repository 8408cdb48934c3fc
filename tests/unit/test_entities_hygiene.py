"""Words next to a name that the recogniser must not take into it: a sentence's first word,
a preposition, the noun a genitive owns, or another person's name."""

from __future__ import annotations

import pytest

from index.entities import EntityPipeline, hygiene
from index.entities.spans import Span


@pytest.fixture(scope="module")
def pipeline() -> EntityPipeline:
    return EntityPipeline.load()


def names(pipeline, text):
    return [(m.text, m.entity) for m in pipeline.extract(text) if not m.partial]


@pytest.mark.parametrize("text", [
    "Aber Merkel wollte das nicht.",
    "Bis Merkel kam, war es still.",
    "Doch Merkel blieb hart.",
    "Zu Merkel sagte er nichts.",
    "Die Kanzlerin sprach von Merkel als Vorbild.",
    "Er sagte: Aber Merkel wird nicht nachgeben.",
    "Sowohl Merkel als auch die Minister kamen.",
    "Trotzdem Merkel zu wählen, fiel vielen schwer.",
])
def test_a_function_word_or_preposition_before_a_name_stays_outside(pipeline, text):
    assert names(pipeline, text) == [("Merkel", "person:angela-merkel")]


def test_an_english_conjunction_opening_a_sentence_stays_outside(pipeline):
    found = [text for text, _ in names(pipeline, "And Biden spoke. Würde Biden das tun?")]
    assert found == ["Biden", "Biden"]


@pytest.mark.parametrize("text", [
    "Gewonnen hat der Deutsche Jonas Quermbach vor zwei Franzosen.",
    "Im Finale unterlag der Österreicher Jonas Quermbach knapp.",
])
def test_a_nationality_before_a_first_name_is_no_part_of_the_name(pipeline, text):
    found = [(m.text, m.kind) for m in pipeline.extract(text)]
    assert ("Jonas Quermbach", "person") in found
    assert not any("Deutsche" in name or "Österreicher" in name for name, _ in found)


@pytest.mark.parametrize("noun", ["Kakaoforscher", "Trainer", "Gründungschefredakteur",
                                  "Chelsea-Eigentümer"])
def test_a_noun_or_role_the_model_ran_into_a_name_is_no_part_of_it(pipeline, noun):
    words = f"Ein riskanter Weg , meint {noun} Lars Quendel von der Universität Kiel .".split()
    crf_span = Span(5, 8, "person", from_model=True)
    cleaned = hygiene.clean([crf_span], words, 0, pipeline.gazetteer, pipeline._recogniser.lexicon)
    assert [" ".join(words[s.start:s.end]) for s in cleaned] == ["Lars Quendel"]


@pytest.mark.parametrize("noun, kept", [("Chefentwickler", False), ("Trainer", False),
                                        ("Mittelfeldmann", False), ("Österreicher", False),
                                        ("Brett", True), ("Gabe", True)])
def test_a_role_or_long_noun_before_one_name_is_cut_but_not_a_short_one(pipeline, noun, kept):
    words = f"Das sei widerwärtig , sagte {noun} Kowalczyk .".split()
    crf_span = Span(5, 7, "person", from_model=True)
    cleaned = hygiene.clean([crf_span], words, 0, pipeline.gazetteer, pipeline._recogniser.lexicon)
    expected = f"{noun} Kowalczyk" if kept else "Kowalczyk"  # Brett McLean, Gabe Newell
    assert [" ".join(words[s.start:s.end]) for s in cleaned] == [expected]


@pytest.mark.parametrize("noun, kept", [("Ehemann", False), ("Kaisers", False), ("Brett", True)])
def test_an_everyday_noun_before_a_first_name_is_cut(pipeline, noun, kept):
    words = f"Dann kam ihr {noun} Torsten nach Hause .".split()
    crf_span = Span(3, 5, "person", from_model=True)
    cleaned = hygiene.clean([crf_span], words, 0, pipeline.gazetteer, pipeline._recogniser.lexicon)
    expected = f"{noun} Torsten" if kept else "Torsten"  # Brett Sterling
    assert [" ".join(words[s.start:s.end]) for s in cleaned] == [expected]


def test_an_everyday_word_after_a_surname_that_splits_like_a_compound_is_no_name(pipeline):
    words = "Wenn Brandschütz Bargeld für seine Einsätze braucht , hilft die Bank .".split()
    crf_span = Span(1, 3, "person", from_model=True)
    cleaned = hygiene.clean([crf_span], words, 0, pipeline.gazetteer, pipeline._recogniser.lexicon)
    assert [" ".join(words[s.start:s.end]) for s in cleaned] == ["Brandschütz"]


@pytest.mark.parametrize("text, expected", [
    ("Das ist Merkels Mantra seit Jahren.", "Merkels"),
    ("Das war Angela Merkels Mantra.", "Angela Merkels"),
])
def test_the_noun_a_genitive_owns_is_no_part_of_the_name(pipeline, text, expected):
    assert names(pipeline, text) == [(expected, "person:angela-merkel")]


def test_a_genitive_cut_needs_the_name_alone_elsewhere(pipeline):
    text = "Salzborns Buch erschien im Mai. Der Autor Samuel Salzborn lehrt in Berlin."
    assert [found for found, entity in names(pipeline, text) if entity.startswith("person:")] \
        == ["Salzborns", "Samuel Salzborn"]
    assert len({entity for _, entity in names(pipeline, text)}) == 2
    kept = "Vizeminister Kostas Isichos gilt als Kandidat."  # no "Kosta" alone: no genitive
    assert names(pipeline, kept) == [("Kostas Isichos", "person:kostas-isichos")]


def test_a_known_surname_does_not_open_a_new_persons_name(pipeline):
    found = names(pipeline, "Trump Tower wurde geräumt, sagte Trump Tower.")
    assert ("Trump", "person:donald-trump") in found
    assert not any(entity == "person:trump-tower" or text == "Tower" for text, entity in found)


def test_particles_that_open_a_surname_are_kept(pipeline):
    found = names(pipeline, "Von der Leyen sagte das. Er traf Ursula von der Leyen.")
    assert found == [("Von der Leyen", "person:ursula-von-der-leyen"),
                     ("Ursula von der Leyen", "person:ursula-von-der-leyen")]


def test_a_surname_with_a_capitalised_particle_links_to_the_full_name(pipeline):
    text = "Alexander Van der Bellen gewann. Van der Bellen dankte den Wählern."
    entities = {entity for _, entity in names(pipeline, text)}
    assert entities == {"person:alexander-van-der-bellen"}


@pytest.mark.parametrize("text", [
    "Die türkische Armee schoss auf das Dorf.",
    "Nach dem Lockdown kam die große Demo.",
    "Homeoffice ist beliebt, sagte sie.",
    "I think so, sagte er.",
    "This is bad. More people came. Having said that, we left.",
    "Der Brite war 0,6 Sekunden langsamer. Sieben weitere wurden verletzt.",
    "Die Schulden stiegen auf 3,1 Prozent des BIP.",
    "Wir wollten das nutzen, bevor man zu weit von der Sonne weg ist. Der Komet entfernt sich "
    "von der Sonne.",
    "Sie darf jetzt Vizebürgermeisterin werden. Pikanterweise war es nämlich sie, die das "
    "Bündnis sprengte.",
    "In reply to “Are the elections headed to a recount?” (Page B1, Jan. 15) regarding voters.",
    "Das Gerät hat 8 GB RAM, LTE und NFC, lädt über USB C und startet um 20 Uhr MEZ.",
])
def test_an_everyday_noun_a_letter_or_a_function_word_is_no_name(pipeline, text):
    assert names(pipeline, text) == []


def test_programming_languages_are_other_things_not_people_or_places(pipeline):
    found = names(pipeline, "Das Team schreibt den Dienst in Python und JavaScript.")
    assert found == [("Python", "other:python"), ("JavaScript", "other:javascript")]


def test_diseases_named_after_people_are_other_things(pipeline):
    found = [(m.text, m.kind) for m in pipeline.extract(
        "Das sind Erkrankungen wie Alzheimer und Parkinson, sagte die Ärztin Anna Quendel.")]
    assert found == [("Alzheimer", "other"), ("Parkinson", "other"), ("Anna Quendel", "person")]


def test_an_everyday_noun_inside_a_longer_name_stays(pipeline):
    assert ("Rote Armee", "org:rote-armee") in names(pipeline, "Die Rote Armee Fraktion war eine Gruppe.")


@pytest.mark.parametrize("text", [
    "Die Finanzminister geben Grünes Licht für das Hilfspaket.",
    "Die Grüne Woche in Berlin hat eröffnet.",
    "Linke Hand verletzt: Torhüter fällt aus.",
])
def test_a_partys_name_as_an_adjective_before_a_noun_is_no_party(pipeline, text):
    assert not any(entity.startswith("org:") for _, entity in names(pipeline, text))


def test_a_partys_name_before_a_role_or_a_verb_is_the_party(pipeline):
    assert any(entity.startswith("org:") and text == "Grüne" for text, entity in names(
        pipeline, "Der Grüne Abgeordnete Lambert Feldhaus stimmte dagegen."))
    assert any(entity.startswith("org:") for _, entity in names(pipeline, "Die Grünen wollen mehr."))


@pytest.mark.parametrize("text, start, end, expected", [
    ("so schrieb es Jonas Quendel der Lina Wendeborn ins Buch", 3, 8, ["Jonas Quendel", "Lina Wendeborn"]),
    ("sein Knecht Mats von Bertram Quendel wird gespielt", 2, 6, ["Mats", "Bertram Quendel"]),
    ("Platz 12 Jonas Quendel 2:00,4 vor allen", 2, 5, ["Jonas Quendel"]),
    ("sprach mit Ursula von der Quendel gestern", 2, 6, ["Ursula von der Quendel"]),
    ("Gäste waren Jonas ; Quendel und andere", 2, 5, ["Jonas", "Quendel"]),
    ("die Anwälte von Graf & Quendel schrieben", 3, 6, ["Graf & Quendel"]),
])
def test_a_person_ends_before_a_number_a_mark_an_article_or_another_persons_von(pipeline, text, start,
                                                                          end, expected):
    words = text.split()
    spans = hygiene.person_edges([Span(start, end, "person", from_model=True)], words,
                                 pipeline._recogniser.lexicon)
    assert [" ".join(words[s.start:s.end]) for s in spans] == expected


def test_a_person_of_letters_and_digits_in_one_word_is_a_firm(pipeline):
    words = "Die Kunden verklagen Vergleich24 wegen Irreführung".split()
    spans = hygiene.person_edges([Span(3, 4, "person", from_model=True)], words,
                                 pipeline._recogniser.lexicon)
    assert [(words[s.start], s.kind) for s in spans] == [("Vergleich24", "org")]


@pytest.mark.parametrize("text, kept", [
    ("eine Teilnahme an der Le Quendel-Serie steht an", []),
    ("Präsidentin Gerda Quendel-Hauer sprach", ["Gerda Quendel-Hauer"]),
])
def test_a_person_ending_in_a_compound_of_a_noun_is_a_thing_named_after_someone(pipeline, text,
                                                                               kept):
    words = text.split()
    start = next(i for i, w in enumerate(words) if w in ("Le", "Gerda"))
    spans = hygiene.person_edges([Span(start, start + 2, "person", from_model=True)], words,
                                 pipeline._recogniser.lexicon)
    assert [" ".join(words[s.start:s.end]) for s in spans] == kept


@pytest.mark.parametrize("word, kept", [("Grenzzaun", False), ("Antivirensoftware", False),
                                        ("Holzberger", True), ("Kastenmaier", True)])
def test_a_compound_of_german_words_alone_is_no_person_unless_it_ends_as_a_surname(pipeline,
                                                                                     word, kept):
    words = f"Wie immer sagte {word} dazu nichts .".split()
    spans = hygiene.without_compound_nouns([Span(3, 4, "person", from_model=True)], words,
                                           pipeline._recogniser.lexicon)
    assert bool(spans) is kept


def test_a_handle_after_an_at_sign_is_no_mention_but_the_name_written_out_is(pipeline):
    text = ("@Quendelwicht Das sehe ich anders. Auch @Sonnfeldpost meldet es. "
            "Gerda Quendelwicht aus Bremen widerspricht.")
    found = [(m.text, m.kind) for m in pipeline.extract(text) if not m.partial]
    assert not any(name in ("Quendelwicht", "Sonnfeldpost") for name, _ in found)
    assert ("Gerda Quendelwicht", "person") in found


@pytest.mark.parametrize("text, kind, found, kept", [
    ("Quendelsoft plant eine Abspaltung", "org", "Quendelsoft plant", "Quendelsoft"),
    ("das Rennen um die Quendelburg spannend machen", "place", "Quendelburg spannend",
     "Quendelburg"),
    ("laut dem Portal Quendel . de heute", "org", "Quendel . de", "Quendel . de"),
])
def test_a_name_ends_before_an_everyday_word_written_small(pipeline, text, kind, found, kept):
    words = text.split()
    start = words.index(found.split()[0])
    span = Span(start, start + len(found.split()), kind, from_model=True)
    recogniser = pipeline._recogniser
    spans = hygiene.clean([span], words, 0, recogniser.gazetteer, recogniser.lexicon)
    assert [" ".join(words[s.start:s.end]) for s in spans] == [kept]


def test_a_first_name_and_a_surname_the_model_took_for_a_firm_are_a_person(pipeline):
    words = '" Wir brauchen eine Rückführungskultur . " ( Heinz-Christian Wendler ) .'.split()
    lexicon = pipeline._recogniser.lexicon
    spans = hygiene.clean([Span(8, 10, "org", from_model=True)], words, 0,
                          pipeline._recogniser.gazetteer, lexicon)
    assert [(" ".join(words[s.start:s.end]), s.kind) for s in spans] == [
        ("Heinz-Christian Wendler", "person")]


@pytest.mark.parametrize("text", ["Der Modekonzern Hugo Boss meldet mehr Umsatz.",
                                  "Die Aktie von Carl Zeiss legte zu."])
def test_a_listed_firm_named_after_its_founder_stays_a_firm(pipeline, text):
    found = [(m.text, m.kind) for m in pipeline.extract(text)]
    assert any(kind == "org" and text.startswith(("Hugo", "Carl")) for text, kind in found)


@pytest.mark.parametrize("text, name", [
    ("Landeshauptmann Erwin Quendelhuber schweigt. Es hieß aus Quendelhubers Büro, man prüfe.",
     "Quendelhubers"),
    ("Der Obmann Karl Wendler widerspricht. Von Bürgerwehren will sich Wendlers Verein abgrenzen.",
     "Wendlers"),
])
def test_a_names_genitive_before_a_noun_is_the_person_not_a_place_or_body(pipeline, text, name):
    found = [(m.text, m.kind) for m in pipeline.extract(text) if not m.partial]
    assert (name, "person") in found
    assert not any(t.startswith(name + " ") for t, _ in found)


@pytest.mark.parametrize("word, kind, kept", [
    ("Bargeld", "person", False), ("Partei", "org", False), ("Alkohol", "place", False),
    ("Chinesen", "place", True), ("Quendelberg", "person", True), ("Hollywood", "place", True),
])
def test_a_frequent_german_word_only_the_model_named_is_no_name(pipeline, word, kind, kept):
    words = f"Das hängt von {word} ab , heißt es .".split()
    spans = hygiene.without_frequent_german_words([Span(3, 4, kind, from_model=True)], words,
                                                  pipeline._recogniser.lexicon, pipeline.gazetteer)
    assert bool(spans) is kept


def test_the_soviet_union_and_the_gdr_are_places(pipeline):
    found = [(m.text, m.kind) for m in pipeline.extract(
        "Meine Eltern lebten in der DDR, die Sowjetunion hatte dort einen wichtigen Platz.")]
    assert ("DDR", "place") in found and ("Sowjetunion", "place") in found


@pytest.mark.parametrize("text", [
    "In Linz hatte es am Dienstag 35 Grad Celsius, am Mittwoch bis zu 38 Grad Celsius.",
    "Der Stickstoff wird auf minus 196 Grad Celsius gekühlt.",
])
def test_a_unit_after_a_number_is_no_person(text):
    people = [m.text for m in EntityPipeline.load().extract(text) if m.kind == "person"]
    assert people == []


def test_a_wine_after_a_definite_article_is_no_person():
    text = "Im Glas erscheint der Trollinger Blanc in hellem Gold, in der Nase Birne und Quitte."
    people = [m.text for m in EntityPipeline.load().extract(text) if m.kind == "person"]
    assert people == []


def test_people_after_a_role_or_with_von_der_stay_people():
    text = ("Die Rede hielt die Präsidentin Ursula von der Leyen. Der Kanzler Olaf Scholz kam, "
            "auch die Sängerin Maria Callas.")
    people = [m.text for m in EntityPipeline.load().extract(text) if m.kind == "person"]
    assert {"Ursula von der Leyen", "Olaf Scholz", "Maria Callas"} <= set(people)


def test_a_district_abbreviation_in_a_police_report_is_no_place():
    text = "Zeugen gesucht: OBERWALDEN, LKR. KRANICHSFELD. Ein Autofahrer kam von der Straße ab."
    names = [m.text for m in EntityPipeline.load().extract(text)]
    assert not any(n.startswith("LKR") for n in names)
