"""Quote recognition on sentences written here: kinds, spans and speakers a reader would check."""

from __future__ import annotations

import re

import pytest

from index.entities import EntityPipeline
from index.entities.quotes import find_quotes
from index.models import Mention
from index.speaker_names import add_speaker_names


@pytest.fixture(scope="module")
def pipeline() -> EntityPipeline:
    return EntityPipeline.load()


def quotes_of(pipeline: EntityPipeline, text: str):
    mentions = add_speaker_names(text, pipeline.extract(text))  # as the library stores them
    names: dict[str, str] = {}
    for m in mentions:  # an entity by its fullest name in the text
        if len(m.text) > len(names.get(m.entity, "")):
            names[m.entity] = m.text
    return [(q.kind, q.text, names.get(q.speaker) if q.speaker else None) for q in find_quotes(text, mentions)]


def test_a_direct_quote_with_its_speaker_after_it(pipeline) -> None:
    found = quotes_of(pipeline, "Die Lage ist ernst. „Wir werden nicht nachgeben“, sagte Innenministerin Karin Haller am Montag.")
    assert found == [("direct", "Wir werden nicht nachgeben", "Karin Haller")]


def test_a_quote_interrupted_by_its_cue_is_two_quotes_of_one_speaker(pipeline) -> None:
    found = quotes_of(pipeline, "»Wir sind bereit«, sagte Rutte. »Aber nicht um jeden Preis.«")
    assert [(kind, speaker) for kind, _, speaker in found] == [("direct", "Rutte"), ("direct", "Rutte")]


def test_a_quote_over_two_paragraphs_is_one_quote(pipeline) -> None:
    text = "Markus Berger erklärte: „Das Werk schließt im Mai.\n\nDie Beschäftigten bekommen eine Abfindung.“"
    found = quotes_of(pipeline, text)
    assert len(found) == 1 and found[0][1].endswith("Abfindung") and found[0][2] == "Markus Berger"


def test_indirect_speech_and_its_continuation_keep_the_speaker(pipeline) -> None:
    text = "Sergej Lawrow sagte, Russland sei zu Gesprächen bereit. Man habe der Regierung ein Angebot gemacht."
    found = quotes_of(pipeline, text)
    assert found == [("indirect", "Russland sei zu Gesprächen bereit", "Sergej Lawrow"),
                     ("indirect", "Man habe der Regierung ein Angebot gemacht", "Sergej Lawrow")]


def test_so_and_laut_cues(pipeline) -> None:
    found = quotes_of(pipeline, "Es sei nicht an Russland, darüber zu entscheiden, so Rutte. "
                                "Laut Polizei wurde niemand verletzt.")
    assert found[0] == ("indirect", "Es sei nicht an Russland, darüber zu entscheiden", "Rutte")
    assert found[1][:2] == ("reported", "Laut Polizei wurde niemand verletzt")


def test_a_pronoun_refers_to_the_last_speaker(pipeline) -> None:
    text = "„Das ist ein guter Tag“, sagte Anna Lindqvist. Die Verträge seien unterschrieben, fügte sie hinzu."
    found = quotes_of(pipeline, text)
    assert found[1] == ("indirect", "Die Verträge seien unterschrieben", "Anna Lindqvist")


def test_titles_and_single_words_in_quotation_marks_are_no_quotes(pipeline) -> None:
    assert quotes_of(pipeline, "Der Film mit dem Titel „Die Nacht der langen Messer“ lief im „Kino“.") == []


def test_interview_answers_are_quotes_of_the_interviewee(pipeline) -> None:
    text = ("Juan Monedero fordert mehr Opposition. STANDARD: Sind Sie enttäuscht? Monedero: Nein, wir haben "
            "viel erreicht. STANDARD: Und jetzt? Monedero: Jetzt beginnt die Arbeit.")
    found = quotes_of(pipeline, text)
    assert [q[1] for q in found] == ["Nein, wir haben viel erreicht", "Jetzt beginnt die Arbeit"]
    assert all(q[0] == "direct" and q[2] and q[2].endswith("Monedero") for q in found)


def test_an_interviewer_who_also_states_things_asks_and_is_not_quoted(pipeline) -> None:
    text = ("Die Industrie braucht Reformen, sagt Brigitte Ederer. STANDARD: Die Branche exportiert viel. Ist sie "
            "betroffen? Ederer: Derzeit nicht. Wir liefern wenig nach China. STANDARD: Alle Firmen müssen sich "
            "schnell bewegen. Ederer: Ja. Es gibt Umbrüche. STANDARD: Viel wird über die Ausbildung geklagt. "
            "Ederer: Im Bildungswesen sehe ich den größten Reformbedarf.")
    answers = [(q, speaker) for kind, q, speaker in quotes_of(pipeline, text) if kind == "direct"][1:]
    assert answers == [("Derzeit nicht. Wir liefern wenig nach China", "Brigitte Ederer"),
                       ("Ja. Es gibt Umbrüche", "Brigitte Ederer"),
                       ("Im Bildungswesen sehe ich den größten Reformbedarf", "Brigitte Ederer")]


def test_a_nationality_after_the_cue_is_the_player_not_his_opponent(pipeline) -> None:
    text = ("Novak Djokovic gewann in Wimbledon. Im Viertelfinale trifft Djokovic auf den Kroaten Marin Cilic. "
            "Das gibt mir viel Selbstvertrauen, sagte der Serbe am Dienstag.")
    assert quotes_of(pipeline, text) == [("direct", "Das gibt mir viel Selbstvertrauen", "Novak Djokovic")]


def test_the_role_a_name_opens_with_is_that_person(pipeline) -> None:
    text = ("Papst Franziskus ist in Quito. Der Pontifex wurde von Präsident Rafael Correa empfangen. "
            "Wir müssen zuhören, sagte der Papst.")
    assert quotes_of(pipeline, text) == [("direct", "Wir müssen zuhören", "Papst Franziskus")]


def test_he_is_the_one_the_narration_turned_to_by_a_role_not_the_last_speaker(pipeline) -> None:
    text = ("Dank Julian Draxler gewann der VfL Wolfsburg. Da waren wir zu unsicher, sagte VfL-Geschäftsführer "
            "Klaus Allofs bei Sky. Dann lobte er Draxler: Julian ist so ungefähr das Beste, was es im deutschen "
            "Fußball gibt. Der offensive Mittelfeldspieler selbst ärgerte sich über die Schlussminuten. Wir haben "
            "den Faden verloren. Das sind gemischte Gefühle, sagte er im ZDF.")
    assert [(q, speaker) for _, q, speaker in quotes_of(pipeline, text)] == [
        ("Da waren wir zu unsicher", "Klaus Allofs"),
        ("Julian ist so ungefähr das Beste, was es im deutschen Fußball gibt", "Klaus Allofs"),
        ("Wir haben den Faden verloren. Das sind gemischte Gefühle", "Julian Draxler")]
    text = ("Harry Reid ist zufrieden. Wir haben gewonnen, sagte Reid. Der republikanische Vorsitzende im "
            "Repräsentantenhaus, John Boehner, gab sich kämpferisch. Diese Debatte ist noch lange nicht vorbei, "
            "ich sage das klar, erklärte er.")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == ["Harry Reid", "John Boehner"]


def test_saying_in_the_first_person_goes_on_with_the_speakers_own_words(pipeline) -> None:
    text = ("Der Islam hat keinen Platz in der Slowakei, sagte Premier Robert Fico. Wir wollen den Charakter "
            "dieses Landes nicht ändern. Lasst uns ehrlich sein und sagen, dass das so nicht passieren darf. "
            "Die Slowakei übernimmt den Vorsitz.")
    assert quotes_of(pipeline, text)[1:] == [
        ("direct", "Wir wollen den Charakter dieses Landes nicht ändern. Lasst uns ehrlich sein und sagen, "
                   "dass das so nicht passieren darf", "Robert Fico")]


def test_what_must_be_done_before_a_quote_in_the_first_person_is_part_of_it(pipeline) -> None:
    text = ("Wolfsburg ließ noch zwei Tore zu. So ein Spiel muss man bis zum Ende durchziehen. Da waren wir zu "
            "unsicher, sagte VfL-Geschäftsführer Klaus Allofs bei Sky.")
    assert quotes_of(pipeline, text) == [
        ("direct", "So ein Spiel muss man bis zum Ende durchziehen. Da waren wir zu unsicher", "Klaus Allofs")]


def test_words_after_a_colon_that_closes_the_cue_and_its_relative_clause(pipeline) -> None:
    text = ("Austria-Trainer Thorsten Fink ist zufrieden. Wir haben unsere Stärken, sagte der Austria-Coach, der "
            "sich mit der Entwicklung der Mannschaft zufrieden zeigt: Wir gehen in die richtige Richtung.")
    assert quotes_of(pipeline, text) == [("direct", "Wir haben unsere Stärken", "Thorsten Fink"),
                                         ("direct", "Wir gehen in die richtige Richtung", "Thorsten Fink")]


def test_the_name_set_beside_the_cue_is_who_speaks_not_what_was_said(pipeline) -> None:
    text = ("Außenminister Timo Soini stimmte zu. Die Entscheidung sei hart gewesen, sagte der Fraktionschef der "
            "Wahren Finnen, Sampo Terho, am Donnerstag. Wir haben zugestimmt, sagte Terho.")
    assert [(q, speaker) for _, q, speaker in quotes_of(pipeline, text)][0] == (
        "Die Entscheidung sei hart gewesen", "Sampo Terho")
    text = "Die Entscheidung sei hart gewesen, sagte der Fraktionschef der Grünen, Peter Müller, am Donnerstag."
    assert quotes_of(pipeline, text) == [("indirect", "Die Entscheidung sei hart gewesen", "Peter Müller")]


def test_an_ordinal_after_an_article_ends_no_sentence(pipeline) -> None:
    text = "Fantasiepreise für ein Penthouse im 1. Bezirk seien kein Problem, sagte Ewald Nowotny."
    assert quotes_of(pipeline, text) == [
        ("indirect", "Fantasiepreise für ein Penthouse im 1. Bezirk seien kein Problem", "Ewald Nowotny")]


def test_the_past_tense_after_a_quote_is_narration_not_its_speakers_report(pipeline) -> None:
    text = ("Ich habe auf Folgeaufträge gehofft, sagt Klemens Horvath dem STANDARD. Er habe viel investiert. "
            "Diese Aufträge blieben aber aus.")
    assert [q for _, q, _ in quotes_of(pipeline, text)] == ["Ich habe auf Folgeaufträge gehofft",
                                                           "Er habe viel investiert"]


def test_a_role_the_text_gives_by_another_word_is_still_that_person(pipeline) -> None:
    text = ("Staatsanwalt Herbert Harammer führte die Anklage. Der Ex-Manager Johann Mantler bestritt alles. "
            "Man hat ohne Not Geld verschoben, so der Ankläger.")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == ["Herbert Harammer"]
    text = ("Serbiens Premierminister Aleksandar Vučić sprach nach Federica Mogherini. Es gehe darum, die Haltung "
            "zu ändern, betonte der Regierungschef.")
    assert quotes_of(pipeline, text) == [("indirect", "Es gehe darum, die Haltung zu ändern", "Aleksandar Vučić")]


def test_konjunktiv_i_of_a_verb_whose_stem_ends_in_t_goes_on_reporting(pipeline) -> None:
    text = ("Wir sind eine Anlaufstelle für Opfer, sagte Amber Weinber vom Forum. Zudem biete man Hilfe bei der "
            "Suche nach juristischer Betreuung an. Das Forum wurde 2002 gegründet.")
    assert quotes_of(pipeline, text)[1:] == [
        ("indirect", "Zudem biete man Hilfe bei der Suche nach juristischer Betreuung an", "Amber Weinber")]


def test_doing_something_further_before_a_colon_introduces_no_words(pipeline) -> None:
    text = ("Magazine verwendeten die Fotos als Werbung, sagt Anwalt Georg Zanger. Horvath und Zanger sind empört. "
            "Sie recherchieren weiter: Das Hotel hat die Bilder auch Dritten zur Verfügung gestellt.")
    assert [q for _, q, _ in quotes_of(pipeline, text)] == ["Magazine verwendeten die Fotos als Werbung"]


def test_what_the_speaker_was_asked_about_after_the_cue_is_no_quote(pipeline) -> None:
    text = ("Die Realität ist tatsächlich befremdlicher als Fiktion, sagt Robin Wright, angesprochen auf aktuelle "
            "Wahlscharmützel mit Donald Trump.")
    assert quotes_of(pipeline, text) == [("direct", "Die Realität ist tatsächlich befremdlicher als Fiktion",
                                          "Robin Wright")]


def test_an_adverbial_clause_before_the_main_verb_is_no_quote(pipeline) -> None:
    text = ("Ohne die EU würden diese Konflikte nicht gelöst, so Florian Bieber. Weil es aber auch offene Probleme "
            "zwischen EU- und Nicht-EU-Staaten gibt, fordert Bieber mehr Engagement von EU-Staaten.")
    assert [q for _, q, _ in quotes_of(pipeline, text)] == ["Ohne die EU würden diese Konflikte nicht gelöst"]


def test_a_korean_family_name_alone_is_the_person_named_in_full(pipeline) -> None:
    text = ("UN-Generalsekretär Ban Ki-moon hat im Nationalrat gesprochen. Diese Menschen sind tapfer und "
            "vorausschauend, sagte Ban. Der Rede Bans lauschte auch Bundespräsident Heinz Fischer.")
    assert quotes_of(pipeline, text) == [("direct", "Diese Menschen sind tapfer und vorausschauend", "Ban Ki-moon")]


def test_a_surname_and_a_colon_before_words_in_the_first_person_speaks_them(pipeline) -> None:
    text = ("An der Favoritenrolle der Austria ändert sich nichts. Fink: Wenn wir unsere Leistung bringen, dann "
            "kommen wir weiter. Immerhin sei der Bewerb der kürzeste Weg in den Europacup.")
    assert quotes_of(pipeline, text) == [
        ("direct", "Wenn wir unsere Leistung bringen, dann kommen wir weiter", "Fink"),
        ("indirect", "Immerhin sei der Bewerb der kürzeste Weg in den Europacup", "Fink")]


def test_a_question_asked_aloud_in_the_first_person_is_a_quote(pipeline) -> None:
    text = ("Das Parlament debattierte lange. Neos-Chef Matthias Strolz verglich die Weltlage mit einer Show und "
            "fragte ins Plenum: Können wir etwas tun, wenn sich die Menschen schlagen? Die Sitzung endete am Abend.")
    assert quotes_of(pipeline, text) == [
        ("direct", "Können wir etwas tun, wenn sich die Menschen schlagen?", "Matthias Strolz")]


def test_konjunktiv_forms_the_lists_lacked_report_speech(pipeline) -> None:
    text = ("Diese Menschen sind tapfer, sagte Ban Ki-moon. Die Fremden brächten Fähigkeiten in ihre neue "
            "Gesellschaft ein. Daher bereite man sich entsprechend vor.")
    assert quotes_of(pipeline, text)[1:] == [
        ("indirect", "Die Fremden brächten Fähigkeiten in ihre neue Gesellschaft ein", "Ban Ki-moon"),
        ("indirect", "Daher bereite man sich entsprechend vor", "Ban Ki-moon")]


def test_someone_born_in_a_town_speaks_not_the_town_or_its_club(pipeline) -> None:
    text = ("Der nunmehrige Coach Karl Daxbacher sah seine Mannschaft erneut hungrig. Wir gehen als Außenseiter "
            "ins Spiel, sehen aber durchaus Chancen, so der gebürtige St. Pöltner.")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == ["Karl Daxbacher"]


def test_a_short_verdict_before_a_first_person_quote_is_part_of_it(pipeline) -> None:
    text = ("Der Coach Karl Daxbacher sah seine Mannschaft hungrig. Es ist eine super Sache. Wir gehen als "
            "Außenseiter ins Spiel, sagte Daxbacher.")
    assert quotes_of(pipeline, text) == [
        ("direct", "Es ist eine super Sache. Wir gehen als Außenseiter ins Spiel", "Karl Daxbacher")]


def test_what_he_did_told_with_a_cue_is_reported_not_his_words(pipeline) -> None:
    text = ("Minister Peter Müller lobte die Regierung. Er begrüßte die offene Diskussion über Integration, "
            "erklärte Müller.")
    assert quotes_of(pipeline, text) == [
        ("reported", "Er begrüßte die offene Diskussion über Integration", "Peter Müller")]


def test_the_head_of_a_body_by_another_title_is_the_one_named_with_it(pipeline) -> None:
    text = ("Die Rede hielt UN-Generalsekretär Ban Ki-moon. Er sprach vor den Abgeordneten und Bundespräsident "
            "Heinz Fischer. Spaltung und Marginalisierung verletzen Menschen, betonte der UN-Chef.")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == ["Ban Ki-moon"]


def test_no_text_no_quotes(pipeline) -> None:
    assert find_quotes("", []) == [] and find_quotes("  \n ", []) == []


def test_text_that_lost_its_quotation_marks_keeps_its_direct_speech(pipeline) -> None:
    text = ("Die Regatta ist gefährlich. Ein Risiko bleibt immer, sagt Andreas Hanakamp. Er segelt seit Jahren. "
            "Hanakamp weiter: Wind ist Wind. Ich wollte nur eine lässige Regatta segeln.")
    found = quotes_of(pipeline, text)
    assert [(kind, quote) for kind, quote, _ in found] == [
        ("direct", "Ein Risiko bleibt immer"), ("direct", "Wind ist Wind. Ich wollte nur eine lässige Regatta segeln")]
    assert {speaker for _, _, speaker in found} == {"Andreas Hanakamp"}


def test_marked_text_keeps_an_unmarked_statement_reported(pipeline) -> None:
    text = "„Wir prüfen das“, sagte Karin Haller. Bis zu 2.000 Menschen kommen täglich, sagte Haller."
    assert quotes_of(pipeline, text)[1][:2] == ("reported", "Bis zu 2.000 Menschen kommen täglich")


def test_a_sentence_in_konjunktiv_i_is_reported_speech_without_a_cue(pipeline) -> None:
    text = ("Nächster Anruf in Kiel. Philipp Hansen geht ans Telefon. Ob er der Vorsitzende sei? "
            "Ja, das sei er. Hansen schätzt die Arbeit des Verbandes, das Netzwerk sei nebensächlich.")
    found = quotes_of(pipeline, text)
    assert [(kind, quote) for kind, quote, _ in found] == [
        ("indirect", "Ja, das sei er"), ("indirect", "das Netzwerk sei nebensächlich")]  # the question is none
    assert {speaker for _, _, speaker in found} == {"Philipp Hansen"}


def test_a_surname_the_recogniser_took_for_a_place_still_speaks(pipeline) -> None:
    text = "Michael Stumpf ist Bezirksrat in Wien. Stumpf: „Das muss man sich anschauen.“"
    assert quotes_of(pipeline, text)[-1] == ("direct", "Das muss man sich anschauen", "Michael Stumpf")


def test_a_pronoun_after_a_marked_quote_is_its_speaker_not_a_name_inside_the_quote(pipeline) -> None:
    text = ("Zuletzt ein Anruf bei Lutz Simon. „Jetzt also auch bei mir“, sagt der Anwalt. Er kennt den Fall. "
            "Philipp Hansen kenne er privat, sagt er.")
    found = quotes_of(pipeline, text)
    assert found[-1] == ("indirect", "Philipp Hansen kenne er privat", "Lutz Simon")


def test_a_subject_with_its_verb_is_no_quote_and_a_lost_full_stop_still_ends_a_sentence(pipeline) -> None:
    text = ("Franco Foda, der Trainer der Grazer, warnte vor dem Gegner. Die Lage sei ernst, sagte Angela Merkel. "
            "Mit Zäunen werden wir das Problem nicht lösen Zugleich rechtfertigte Merkel ihre Entscheidung.")
    found = quotes_of(pipeline, text)
    assert [(kind, quote) for kind, quote, _ in found] == [
        ("indirect", "Die Lage sei ernst"), ("direct", "Mit Zäunen werden wir das Problem nicht lösen")]


def test_past_tense_narration_is_no_konjunktiv(pipeline) -> None:
    text = "Anna Berger spielte stark. Von 1:1 weg machte sie drei Games in Folge, dann knackte er das Service."
    assert quotes_of(pipeline, text) == []


def test_a_statement_in_the_past_with_a_cue_is_reported_not_direct(pipeline) -> None:
    # Text without quotation marks: a present-tense remark with a cue is the speaker's own words,
    # a report of what happened is not.
    text = ("Die Lage bleibt schwierig, sagte Ministerin Karin Haller. "
            "Die Aufträge entwickelten sich zuletzt schwach, erklärte das Ministerium.")
    kinds = [kind for kind, _, _ in quotes_of(pipeline, text)]
    assert kinds == ["direct", "reported"]


def test_a_name_before_a_colon_is_narration_unless_it_introduces_words(pipeline) -> None:
    text = ("Markus Berger bedankte sich mit einem Kraftakt: Vor 7.000 Zuschauern gewann er das Finale. "
            "Die nächste Aufgabe wartet bereits auf Berger: Daviscup in Portugal. "
            "Begeistert zeigte sich sein Trainer Günter Holzer: Das war eine Riesenvorstellung.")
    found = quotes_of(pipeline, text)
    assert found == [("direct", "Das war eine Riesenvorstellung", "Günter Holzer")]


def test_heisst_es_names_its_source_after_it(pipeline) -> None:
    text = ("Die Garage sei nur ein Notquartier, heißt es von der Caritas. "
            "Sie könne daher nicht eingerechnet werden.")
    found = quotes_of(pipeline, text)
    assert found == [("indirect", "Die Garage sei nur ein Notquartier", "Caritas"),
                     ("indirect", "Sie könne daher nicht eingerechnet werden", "Caritas")]


def test_the_spokesperson_of_a_named_person_speaks_for_that_person(pipeline) -> None:
    text = ("Ein Sprecher der Landesrätin Martina Berthold (Grüne) erklärte, dass die Bevölkerung "
            "gut informiert worden sei.")
    assert quotes_of(pipeline, text)[0][2] == "Martina Berthold"


def test_reported_speech_after_narration_belongs_to_its_subject(pipeline) -> None:
    text = ("Gernot Haller sagte, das Gesetz sei ein Fehler. Auch die Caritas warnt in einer Aussendung "
            "vor Kürzungen. Diese würden zu mehr Armut führen, wie sie Hartz IV gebracht habe.")
    assert [(kind, speaker) for kind, _, speaker in quotes_of(pipeline, text)] == [
        ("indirect", "Gernot Haller"), ("indirect", "Caritas")]


def test_a_first_person_idiom_of_the_writer_is_no_quote(pipeline) -> None:
    text = "Die Stadt wurde im Jahr 753 vor unserer Zeitrechnung gegründet, sagte die Archäologin Mirella Serlorenzi."
    assert [kind for kind, _, _ in quotes_of(pipeline, text)] == ["reported"]


def test_a_noun_and_an_adverb_are_no_konjunktiv(pipeline) -> None:
    text = "Die vier Pleitebanken sind die Banca Marche, die Volksbank Etruria sowie die Sparkassen von Chieti."
    assert quotes_of(pipeline, text) == []


def test_a_cue_verb_split_around_its_object(pipeline) -> None:
    text = "ÖGB-Präsident Erich Foglar warf dem Minister vor, Lohndumping fördern zu wollen."
    assert quotes_of(pipeline, text) == [("reported", "Lohndumping fördern zu wollen", "Erich Foglar")]


def test_words_after_a_colon_behind_the_cue_are_the_speakers_too(pipeline) -> None:
    text = ("Jörg Raderbauer plant Auen. Das war vor 30 Jahren anders, sagt Raderbauer: "
            "Da hast du einen Ausschlag bekommen, wenn du den Fuß hinein gehalten hast.")
    assert quotes_of(pipeline, text) == [
        ("direct", "Das war vor 30 Jahren anders", "Jörg Raderbauer"),
        ("direct", "Da hast du einen Ausschlag bekommen, wenn du den Fuß hinein gehalten hast", "Jörg Raderbauer")]


def test_a_question_before_the_cue_is_not_the_answer(pipeline) -> None:
    text = ("Auf die Frage, ob es Pläne für ein Elektroauto gebe, sagte Volvo-Chef Hakan Samuelsson lediglich: "
            "Könnte vielleicht nicht ganz falsch sein.")
    assert quotes_of(pipeline, text) == [("direct", "Könnte vielleicht nicht ganz falsch sein", "Hakan Samuelsson")]


def test_an_introduction_before_a_colon_is_not_part_of_the_quote(pipeline) -> None:
    text = ("Begeistert zeigte sich auch Coach Günter Bresnik: Das ist eine Riesenvorstellung, "
            "da kann man nur den Hut ziehen, sagte Bresnik im Interview. "
            "Dazu ist es aber nicht gekommen: Wir haben keinen konkreten Dialog, stellte Bresnik klar.")
    assert quotes_of(pipeline, text) == [
        ("direct", "Das ist eine Riesenvorstellung, da kann man nur den Hut ziehen", "Günter Bresnik"),
        ("direct", "Wir haben keinen konkreten Dialog", "Günter Bresnik")]


def test_das_heisst_before_a_colon_introduces_nobody(pipeline) -> None:
    text = ("Gut 60 Prozent der Kinder erreichen die Lernziele, sagte Ministerin Gabriele Heinisch-Hosek. "
            "Das heißt im Umkehrschluss: Beinahe vier von zehn Kindern erreichen das Lernziel nicht.")
    assert [text for _, text, _ in quotes_of(pipeline, text)] == ["Gut 60 Prozent der Kinder erreichen die Lernziele"]


def test_a_cue_in_the_perfect_tense_before_the_reported_clause(pipeline) -> None:
    text = "Die ÖVP hatte damals offen angekündigt, Elke Kahr nicht zu wählen."
    assert quotes_of(pipeline, text) == [("reported", "Elke Kahr nicht zu wählen", "ÖVP")]


def test_an_organisations_reaction_after_a_colon_is_reported_speech(pipeline) -> None:
    text = ("Rakesh Sardana klagt. Die Reaktion der Flughafen Wien AG: Man weise alle Forderungen "
            "als völlig absurd zurück.")
    assert quotes_of(pipeline, text) == [
        ("indirect", "Man weise alle Forderungen als völlig absurd zurück", "Flughafen Wien AG")]


def test_a_comparison_in_the_subjunctive_is_no_report(pipeline) -> None:
    text = ("Die Lasten müssen berücksichtigt werden, sagte Martin Schulz. "
            "Angesichts der Belastungen können wir nicht so tun, als sei alles im Normalzustand.")
    assert [kind for kind, _, _ in quotes_of(pipeline, text)] == ["direct", "direct"]


def test_the_name_right_before_a_colon_speaks_not_an_addressee(pipeline) -> None:
    text = ("Finalsieg über Bernard Tomic – Dominic Thiem: „Mexiko hat einen besonderen Platz in meinem Herzen“. "
            "Dann schickt Özlem Gezer eine Nachricht an Matthias Geyer: »Es ist schlimmer als jeder Albtraum.«")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == ["Dominic Thiem", "Özlem Gezer"]


def test_hiess_es_weiter_goes_on_with_the_last_speaker(pipeline) -> None:
    text = ("Der Patient verfüge über große Ausdauer, bescheinigte Harold Bornstein. "
            "Auch sein Herz sei exzellent, hieß es in dem Schreiben weiter.")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == ["Harold Bornstein", "Harold Bornstein"]


def test_clauses_that_only_look_like_cues(pipeline) -> None:
    text = ("Die stärksten Rückgänge meldeten Spanien, Litauen und Irland. "
            "Als Facebook die Übernahme von Oculus verkündete, reagierten viele Beobachter mit Skepsis. "
            "In einem Experiment teilten die Forscher Versuchspersonen auf, die Vertreter wählten. "
            "Die Polizei berichtete von einer friedlichen Stimmung, ein interner Bericht beschreibt es anders. "
            "Die Stadträtin zog sich – wie berichtet – am Montag zurück.")
    assert quotes_of(pipeline, text) == []


def test_an_apposition_after_the_cue_is_no_statement(pipeline) -> None:
    text = ("Die Koalition baue ein Spitzelnetz auf, warnt Rupert Wolff, Präsident des Rechtsanwaltskammertages.")
    assert quotes_of(pipeline, text) == [("indirect", "Die Koalition baue ein Spitzelnetz auf", "Rupert Wolff")]


def test_he_in_the_cue_is_not_someone_the_quote_names(pipeline) -> None:
    text = ("Auch Markus Berger rät zum Abwarten. Noch sei unklar, wohin Barack Obamas Politik führe, "
            "sagt er. Da sei aber auch viel Kapital.")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == ["Markus Berger"] * 2


def test_a_fragment_before_an_inner_cue_starts_one_reported_sentence(pipeline) -> None:
    text = ("Markus Berger lehrt in Miami. In der Diaspora, so der Politikwissenschafter, "
            "warte viel Kapital darauf, investiert zu werden.")
    assert quotes_of(pipeline, text) == [
        ("indirect", "In der Diaspora, so der Politikwissenschafter, warte viel Kapital darauf, investiert zu werden",
         "Markus Berger")]


def test_parentheses_passives_and_dashes_are_no_cues(pipeline) -> None:
    text = ("Reinhold Entholzer – seit zwei Jahren Parteichef – kündigte eine Wiederkandidatur an. "
            "Die Kandidatenlisten für den Landtag wurden bestätigt: Über ein Grundmandat ziehen Anna Berger "
            "und Erich Rippl ein.")
    assert quotes_of(pipeline, text) == []


def test_lines_of_a_dialogue_after_dashes_are_sentences_of_their_own(pipeline) -> None:
    text = ("Der Beamte schrieb einen Bericht. Das verdutzt die Anwältin Nadja Lorenz: Sie haben ja nicht hingesehen. "
            "– Das habe ich nur "
            "von Kollegen gehört. – Kann ich nicht mehr sagen.")
    assert [text for _, text, _ in quotes_of(pipeline, text)] == [
        "Sie haben ja nicht hingesehen", "Das habe ich nur von Kollegen gehört", "Kann ich nicht mehr sagen"]


def test_speakers_behind_roles_pronouns_and_appositions(pipeline) -> None:
    text = ("Im Schwarzmeerort Rize sagte Recep Tayyip Erdogan am Freitag, das sei historisch. Am Abend sagte er "
            "vor Anhängern: Mein Volk will keine schuldigen Parlamentarier sehen. "
            "Der Anwalt der Steuerberaterin, Norbert Wess, sagte, sie habe nur 2.500 Euro bekommen. "
            "Er hatte den Eindruck, dass sie wegwollte, sagt der von Matthias Prückler verteidigte Bernhard Huber.")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == [
        "Recep Tayyip Erdogan", "Recep Tayyip Erdogan", "Norbert Wess", "Bernhard Huber"]


def test_more_verbs_of_saying(pipeline) -> None:
    text = ("In der Befragung erläuterte Johann Mantler die Geschäfte: 2002 sei mit Meinl ein Vertrag geschlossen worden. "
            "Verkehrsminister Winfried Hermann wies darauf hin, dass das Unfallrisiko sinke.")
    assert [(kind, speaker) for kind, _, speaker in quotes_of(pipeline, text)] == [
        ("indirect", "Johann Mantler"), ("indirect", "Winfried Hermann")]


def test_heisst_es_gegenueber_names_whom_it_was_told(pipeline) -> None:
    text = ("Dabei gehe es um die Luftverteidigung, hieß es am Donnerstag aus Berliner Regierungskreisen "
            "gegenüber der Nachrichtenagentur AFP in Berlin.")
    assert quotes_of(pipeline, text)[0][2] is None


def test_zufolge_in_the_indicative_is_reported_not_indirect(pipeline) -> None:
    text = "Der Polizei zufolge wurden drei Menschen verletzt. Der Regierung zufolge sei die Lage stabil."
    assert [kind for kind, _, _ in quotes_of(pipeline, text)] == ["reported", "indirect"]


def test_a_comma_clause_with_wie_is_part_of_the_quote_when_the_cue_follows(pipeline) -> None:
    text = "Rapid spielt am Sonntag in Altach. Es wird an uns liegen, wie wir dort auftreten, sagt Zoran Barisic."
    found = quotes_of(pipeline, text)
    assert found == [("direct", "Es wird an uns liegen, wie wir dort auftreten", "Zoran Barisic")]


def test_befuerchtete_and_erwaehnte_are_cues(pipeline) -> None:
    text = ("Wenn einer eine Schwäche zeigt, haben wir keine Chance, befürchtete Trainer Paul Gludovatz. "
            "Im taktischen Bereich müssen wir uns etwas überlegen, erwähnte Joachim Löw.")
    found = quotes_of(pipeline, text)
    assert [speaker for _, _, speaker in found] == ["Paul Gludovatz", "Joachim Löw"]


def test_the_one_who_apologises_speaks_not_the_one_criticised(pipeline) -> None:
    text = ("Alexander Gauland hatte sich über Boateng geäußert. Nach harter Kritik an Gauland entschuldigte sich "
            "AfD-Chefin Frauke Petry in der Zeitung: Ich entschuldige mich bei Herrn Boateng.")
    found = quotes_of(pipeline, text)
    assert [(kind, speaker) for kind, _, speaker in found] == [("direct", "Frauke Petry")]


def test_a_role_after_the_quote_is_the_person_the_introduction_names(pipeline) -> None:
    text = ("Gegen ein Spitzenteam kannst du so nicht spielen, sagte Jerome Boateng. Joachim Löw gab ihm recht: "
            "Wie wir gespielt haben, das ist nicht unser Anspruch, sagte der frühere Austria- und Tirol-Trainer.")
    found = quotes_of(pipeline, text)
    assert found[-1] == ("direct", "Wie wir gespielt haben, das ist nicht unser Anspruch", "Joachim Löw")


def test_an_age_for_a_speaker_is_the_person_just_named(pipeline) -> None:
    text = ("Ich habe immer davon geträumt, betonte Claudio Bravo. Chiles Trainer Jorge Sampaoli wollte den Moment "
            "auskosten. Ich danke meiner Mannschaft, sagte der 55-Jährige.")
    found = quotes_of(pipeline, text)
    assert [speaker for _, _, speaker in found] == ["Claudio Bravo", "Jorge Sampaoli"]


def test_an_interviewee_the_recogniser_took_for_a_place_still_answers(pipeline) -> None:
    text = ("Caritas-Präsident Michael Landau und Sabine Haag, Direktorin des Kunsthistorischen Museums, über das "
            "Sterben. STANDARD: Hat man dem Tod den Eintritt verwehrt? Haag: Es geht uns nicht darum, den Tod zu "
            "tabuisieren. STANDARD: Und Sie? Landau: Ich denke noch darüber nach. STANDARD: Warum keine Maske? "
            "Haag: Ich bin nicht gefragt worden. Landau: Ich auch nicht.")
    found = quotes_of(pipeline, text)
    assert [speaker for _, _, speaker in found] == ["Sabine Haag", "Michael Landau", "Sabine Haag", "Michael Landau"]


def test_spokespeople_speak_for_their_organisation(pipeline) -> None:
    found = quotes_of(pipeline, "HTC stellt ein neues Telefon vor.\n\n„Wir prüfen den Fall genau“, sagte ein HTC-Sprecher. "
                                "Siemens hat Probleme. „Wir brauchen mehr Geld“, sagte ein Sprecher.")
    assert [speaker for _, _, speaker in found] == ["HTC", "Siemens"]


def test_she_says_and_goes_on(pipeline) -> None:
    text = "Anna Schmidt ist Chefin der Firma. Sie sagt: „Das wird nicht reichen.“ Und weiter: „Wir brauchen mehr Geld.“"
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == ["Anna Schmidt", "Anna Schmidt"]


def test_a_quote_without_cue_belongs_to_the_one_the_narration_just_named(pipeline) -> None:
    text = "„Das ist ein guter Tag“, sagte Peter Müller.\n\nAuch Anna Schmidt ist skeptisch.\n\n„Das wird nicht reichen.“"
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == ["Peter Müller", "Anna Schmidt"]


def test_the_cue_in_the_next_sentence_and_short_answers(pipeline) -> None:
    text = "„Wir brauchen mehr Geld.“ Das sagte Thomas Weber der Zeitung. „Nein“, sagte Weber auf die Frage nach Kürzungen."
    found = quotes_of(pipeline, text)
    assert found == [("direct", "Wir brauchen mehr Geld", "Thomas Weber"), ("direct", "Nein", "Thomas Weber")]


def test_a_quoted_title_without_a_cue_is_no_quote(pipeline) -> None:
    text = "Der Reporter schrieb für die »New York Times« und den »Spiegel«. Seine Serie »Spiel mit dem Feuer« lief lange."
    assert quotes_of(pipeline, text) == []


def test_a_paragraph_after_a_cue_and_a_colon_is_a_block_quote(pipeline) -> None:
    text = ("Solchen Abmahnungen ließe sich ein Riegel vorschieben, sagt Volker Tripp vom Verein Digitale Gesellschaft:\n\n"
            "Dazu muss das überholte Urheberrecht angepasst werden. Anders wird es nicht gelingen.\n\n"
            "Dieser Artikel entstand in Zusammenarbeit mit iRights.")
    found = quotes_of(pipeline, text)
    assert ("direct", "Dazu muss das überholte Urheberrecht angepasst werden. Anders wird es nicht gelingen",
            "Volker Tripp") in found


def test_a_role_refers_to_the_person_an_apposition_gave_it(pipeline) -> None:
    text = ("Der Kapitän sei verschwunden, sagte Anwalt Saverio Senese. Bei der Eröffnung war auch Marco De Luca, "
            "Anwalt der Reederei Costa Crociere, anwesend. Fast alle Passagiere seien entschädigt worden, berichtete der Anwalt.")
    found = quotes_of(pipeline, text)
    assert found[-1] == ("indirect", "Fast alle Passagiere seien entschädigt worden", "Marco De Luca")


def test_an_organisation_named_by_its_kind_and_members_is_not_the_last_one(pipeline) -> None:
    text = ("Die Fähren der Reederei Attica stehen still. Alle Schiffe seien in den Häfen geblieben, teilte die "
            "Gewerkschaft der Seeleute am Montag mit.")
    found = quotes_of(pipeline, text)
    assert found == [("indirect", "Alle Schiffe seien in den Häfen geblieben", None)]


def test_a_name_in_quotation_marks_is_no_quote_but_what_someone_called_it_is(pipeline) -> None:
    text = ("Heute berät die „Koalition der Willigen“ über Garantien. Maria Sacharowa bezeichnete die Vorwürfe "
            "als „Fake und Paranoia“.")
    assert [q for _, q, _ in quotes_of(pipeline, text)] == ["Fake und Paranoia"]


def test_an_interview_whose_first_label_is_the_full_name(pipeline) -> None:
    text = ("ZEIT ONLINE: Herr Lindner, wie sehen Sie die Bahn?\n\nChristian Lindner: Die Bahn muss schneller werden.\n\n"
            "ZEIT ONLINE: Und die Kosten?\n\nLindner: Die tragen wir gemeinsam.\n\nZEIT ONLINE: Danke.\n\nLindner: Gerne.")
    found = quotes_of(pipeline, text)
    assert [(q, speaker) for _, q, speaker in found] == [("Die Bahn muss schneller werden", "Christian Lindner"),
                                                        ("Die tragen wir gemeinsam", "Christian Lindner"),
                                                        ("Gerne", "Christian Lindner")]


def test_an_interview_without_labels_is_answered_by_the_one_addressed(pipeline) -> None:
    text = ("Herr Müller, wie geht es weiter?\n\nWir werden das Werk schließen müssen.\n\n"
            "Was passiert mit den Mitarbeitern?\n\nSie bekommen eine Abfindung.\n\nWann?\n\nIm Mai.")
    found = quotes_of(pipeline, text)
    assert [speaker for _, _, speaker in found] == ["Müller", "Müller", "Müller"]


def test_a_quote_reopened_at_each_paragraph_is_one_quote(pipeline) -> None:
    text = "Anna Schmidt sagte: „Das ist nicht hinnehmbar.\n\n„Wir werden handeln. Die Regierung muss reagieren.“"
    found = quotes_of(pipeline, text)
    assert len(found) == 1 and found[0][1].endswith("muss reagieren") and found[0][2] == "Anna Schmidt"


def test_he_is_the_one_the_narration_just_introduced(pipeline) -> None:
    text = ("„Wir werden handeln“, sagte die SPD-Politikerin Anna Schmidt. Ihr Parteifreund Peter Weber sieht das "
            "ähnlich. Es sei höchste Zeit, sagte er.")
    assert quotes_of(pipeline, text)[-1] == ("indirect", "Es sei höchste Zeit", "Peter Weber")


def test_reported_speech_after_she_goes_to_the_woman_just_named(pipeline) -> None:
    text = ("Wir streiken, sagte Kammerpräsident Gernot Rainer. Davon geht auch Stadträtin Sonja Wehsely aus. "
            "Sie sieht darin die Fragestellung der Kammer verantwortlich. Die Streikbereitschaft werde abgefragt, "
            "da könne man gar nicht mit Nein stimmen.")
    assert quotes_of(pipeline, text)[-1][2] == "Sonja Wehsely"


def test_the_company_speaks_when_named_by_its_kind(pipeline) -> None:
    text = ("Siemens baut Stellen ab. Man prüfe alle Standorte, heißt es in einer Mitteilung des Konzerns. "
            "„Wir brauchen mehr Geld“, erklärte ein Sprecher des Unternehmens.")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == ["Siemens", "Siemens"]


def test_speakers_named_after_a_noun_for_what_they_said(pipeline) -> None:
    text = ("„Wir wachsen weiter“, so die Einschätzung von Anna Schmidt. Die Antwort von Peter Weber: „Wir schrumpfen leider.“ "
            "„Das reicht nicht.“ Mit diesen Worten begrüßte Lisa Brandt die Gäste. "
            "„Wir sind zufrieden“, wird Jonas Keller in einer Mitteilung zitiert.")
    found = quotes_of(pipeline, text)
    assert [speaker for _, _, speaker in found] == ["Anna Schmidt", "Peter Weber", "Lisa Brandt", "Jonas Keller"]


def test_an_embedded_post_is_a_quote_of_its_author(pipeline) -> None:
    text = ("Auch Karin Haller meldete sich zu Wort.\n\n"
            "Die Reform kommt zu spät. Wir brauchen sie jetzt. https://t.co/abc123 — Karin Haller (@khaller) 2. Juni 2018\n\n"
            "Anna Berger schrieb kurz danach.\n\n"
            "Das sehe ich ganz anders.\n\n— Anna Berger (@AnnaBerger) 3. Juni 2018")
    found = quotes_of(pipeline, text)
    assert found == [("direct", "Die Reform kommt zu spät. Wir brauchen sie jetzt", "Karin Haller"),
                     ("direct", "Das sehe ich ganz anders", "Anna Berger")]


def test_an_english_opening_mark_closed_by_a_german_one_is_one_quote(pipeline) -> None:
    text = ("Die Bloggerin Karin Haller bekam Post mit den Worten: “Wir müssen zusammenhalten.“ "
            "Sie sagt: “Das Taggen gehört für mich zum Netz.”")
    found = quotes_of(pipeline, text)
    assert [q[1] for q in found] == ["Wir müssen zusammenhalten", "Das Taggen gehört für mich zum Netz"]


def test_an_article_with_questions_as_headings_is_no_interview(pipeline) -> None:
    paragraphs = ["Das Urteil gegen Karin Haller ist gefallen.", "Wieso hat das Gericht so entschieden?",
                  "Aus zwei Gründen.", "Erstens verdient sie Geld.", "Zweitens zeigt sie Marken.",
                  "Das Gericht stellt dazu fest:", "„Mitnichten handelt es sich um eine Privatperson.“",
                  "Die Marken sind verlinkt.", "Was muss nun passieren?", "Die Politik muss handeln.",
                  "Die Verbände auch.", "Die Kammern ebenso.", "Die Länder sind zuständig.", "Und die Gerichte?",
                  "Sie folgen dem Gesetz.", "Das dauert.", "Das kostet.", "Das ärgert viele.",
                  "Und was ist Werbung?", "Das bleibt offen.", "Es bleibt schwierig.", "Bis zum nächsten Urteil."]
    found = quotes_of(pipeline, "\n\n".join(paragraphs))
    assert [(kind, quote) for kind, quote, _ in found] == [("direct", "Mitnichten handelt es sich um eine Privatperson")]


def test_a_quote_set_apart_after_its_cue_paragraph_speaks_as_the_cue_says(pipeline) -> None:
    text = ("Die Siemens AG legte Zahlen vor. Der Konzern stellt dazu fest:\n\n"
            "„Das Geschäft mit Zügen wächst schneller als erwartet.“")
    assert quotes_of(pipeline, text) == [("direct", "Das Geschäft mit Zügen wächst schneller als erwartet", "Siemens AG")]


def test_someone_brought_in_without_a_name_is_nobody_named(pipeline) -> None:
    text = ("Anna Berger kennt die Gegend. Eine Floristin aus Staffelde hat eine Marktlücke entdeckt. "
            "„Wollen Sie Ihre Frau nicht mal überraschen“, sagt die Floristin.")
    assert quotes_of(pipeline, text)[-1] == ("direct", "Wollen Sie Ihre Frau nicht mal überraschen", None)


def test_a_quote_never_closed_does_not_swallow_the_next_one(pipeline) -> None:
    text = ("Michael Hose lobt die Kinder: „Es ist wichtig, dass die Kleinsten eine Stimme bekommen. Bei der Umsetzung...\n\n"
            "Die Stadt schweigt dazu.\n\n"
            "\"Die Schule ist ein guter Beleg für freie Träger\", sagte der Fraktionsvorsitzende Michael Panse.")
    assert quotes_of(pipeline, text)[-1] == ("direct", "Die Schule ist ein guter Beleg für freie Träger", "Michael Panse")


def test_the_title_of_an_article_or_a_topic_is_no_quote(pipeline) -> None:
    text = ("Jüngst hat der Artikel „Warum ein Chef nicht twittern sollte“ von Anna Berger für Furore gesorgt. "
            "Wir sprachen zum Thema „digitale Assistenten und künstliche Intelligenz“.")
    assert quotes_of(pipeline, text) == []


def test_the_court_is_the_court_the_text_named_not_the_last_organisation(pipeline) -> None:
    text = ("Das Landgericht Berlin gab dem Verband Sozialer Wettbewerb recht. Die vom VSW beanstandeten Posts "
            "seien Werbung, so das Gericht.")
    assert quotes_of(pipeline, text)[-1] == ("indirect", "Die vom VSW beanstandeten Posts seien Werbung", "Landgericht Berlin")


def test_a_verb_ending_a_clause_and_she_named_in_the_same_sentence(pipeline) -> None:
    text = ("„Das ist ein Machtinstrument“, sagte Claus Kleber. Dann ist die Schriftstellerin Monika Maron zu sehen – "
            "sie war schon in der Mitteilung vertreten, wo sie von „fanatischen Minderheiten in den Rathäusern“ sprach.")
    assert quotes_of(pipeline, text)[-1] == ("direct", "fanatischen Minderheiten in den Rathäusern", "Monika Maron")


def test_she_after_the_verb_is_the_subject_not_the_name_after_her(pipeline) -> None:
    text = ("Seine engste Vertraute ist Özlem Gezer. Der Account bringt sie auf die Spur. "
            "In der Nacht um 0.16 Uhr schickt sie Claas Relotius eine Nachricht: »Ich komme jetzt gleich.«")
    assert quotes_of(pipeline, text)[-1] == ("direct", "Ich komme jetzt gleich", "Özlem Gezer")


def test_the_judges_speak_as_their_court_and_a_noun_for_words_is_a_cue(pipeline) -> None:
    text = ("Das Landgericht Berlin hat entschieden. Der Verband Sozialer Wettbewerb legt Wert auf die Feststellung, "
            "„dass das Gericht nur Zahlen nennen kann“. Die Richter schreiben\n\n„Die Nutzer erkennen den Zweck nicht.“")
    found = quotes_of(pipeline, text)
    assert [speaker for _, _, speaker in found] == ["Verband Sozialer Wettbewerb", "Landgericht Berlin"]


def test_a_name_after_a_role_the_recogniser_left_unmarked_speaks(pipeline) -> None:
    text = ("Drei Verdächtige wurden festgenommen. „Wir haben die Lage unter Kontrolle“, sagte der nationale "
            "Polizeichef Badrul Anwar am Samstag vor Reportern.")
    assert not pipeline.extract(text)  # the recogniser misses him: the cue names him
    assert quotes_of(pipeline, text) == [("direct", "Wir haben die Lage unter Kontrolle", "Badrul Anwar")]


def test_a_town_that_speaks_is_the_town_as_an_organisation(pipeline) -> None:
    text = ("Das Quartier liegt neben einer Diskothek. Die Stadt Wendelburg teilte in einer Aussendung mit, "
            "das Gebäude sei als Quartier ungeeignet.")
    mentions = add_speaker_names(text, pipeline.extract(text))
    assert [(m.kind, m.text) for m in mentions] == [("org", "Stadt Wendelburg")]
    assert quotes_of(pipeline, text) == [("indirect", "das Gebäude sei als Quartier ungeeignet", "Stadt Wendelburg")]


@pytest.mark.parametrize("kind", ["place", "person"])
def test_a_blogger_known_by_her_first_name_speaks_by_her_full_name(kind) -> None:
    text = ("Das Gericht hat der Bloggerin Tilda Varnhoff verboten, Marken zu zeigen. "
            "In ihrem Blogpost schreibt Tilda, dass sie für die Bilder kein Geld bekomme.")
    # As the recogniser marked such a blogger on real pages: her first name alone, as a place or a person.
    first_name_only = [Mention(entity=f"{kind}:tilda", kind=kind, start=m.start(), end=m.end(), text="Tilda")
                       for m in re.finditer("Tilda", text)]
    mentions = add_speaker_names(text, first_name_only)
    assert [(m.kind, m.text) for m in mentions] == [("person", "Tilda Varnhoff"), ("person", "Tilda")]
    assert len({m.entity for m in mentions}) == 1
    [quote] = find_quotes(text, mentions)
    assert quote.text == "dass sie für die Bilder kein Geld bekomme" and quote.speaker == mentions[0].entity


def test_what_a_cue_names_that_is_no_name_stays_unmarked(pipeline) -> None:
    text = ("„Wir rechnen mit vielen Besuchern“, sagte ein Sprecher des Unternehmens. "
            "Medienberichten zufolge sei alles bereit. Auch Zudem sagte gestern, es sei spät. „Nein“, so Heute.")
    mentions = pipeline.extract(text)
    assert add_speaker_names(text, mentions) == mentions


def test_a_ministry_named_by_one_word_speaks_as_an_organisation(pipeline) -> None:
    text = ("Die Grenze bleibt offen. Es seien 300 Menschen angekommen, wie das moldauische Agrarministerium "
            "am Montag mitteilte.")
    assert quotes_of(pipeline, text) == [("indirect", "Es seien 300 Menschen angekommen", "Agrarministerium")]


def test_a_town_speaks_through_an_impersonal_cue_and_a_company_by_its_name(pipeline) -> None:
    text = ("Die Garage sei nur für kurze Zeit geeignet, heißt es von der Stadt Wendelburg. "
            "Die Pläne würden laut Brunnfelder Linien in den Wartehäuschen verteilt. "
            "Die Kredite seien laut Bank Wendelburg gestiegen.")
    mentions = add_speaker_names(text, pipeline.extract(text))
    assert {(m.kind, m.text) for m in mentions} >= {("org", "Stadt Wendelburg"), ("org", "Brunnfelder Linien"),
                                                    ("org", "Bank Wendelburg")}
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == ["Stadt Wendelburg", "Brunnfelder Linien",
                                                                          "Bank Wendelburg"]


def test_people_and_reports_that_are_no_organisations_stay_unmarked(pipeline) -> None:
    text = ("Die Lage sei beunruhigend, so der Sozialdemokrat. In Italien wurde Medienberichten zufolge "
            "ein Mann festgenommen. Es gebe Tote, berichtete die staatliche Nachrichtenagentur. Das Gebiet sei "
            "abgesperrt, sagte die Kriminalpolizei.")
    mentions = pipeline.extract(text)
    assert add_speaker_names(text, mentions) == mentions


def test_a_name_a_cue_gave_is_the_organisation_wherever_the_text_writes_it(pipeline) -> None:
    text = ("Die Brunnfelder Linien legen einen neuen Plan auf. Gedruckte Pläne würden laut Brunnfelder Linien "
            "verteilt. Die Regionalbusse seien nicht verzeichnet, teilte das Unternehmen mit.")
    mentions = add_speaker_names(text, pipeline.extract(text))
    assert [m.start for m in mentions if m.text == "Brunnfelder Linien"] == [text.index("Brunnfelder"),
                                                                              text.rindex("Brunnfelder")]
    assert quotes_of(pipeline, text)[-1] == ("indirect", "Die Regionalbusse seien nicht verzeichnet", "Brunnfelder Linien")


def test_the_ministry_is_the_one_the_text_wrote_before_in_one_word(pipeline) -> None:
    text = ("Die Aufträge sanken um 1,8 Prozent, wie das Agrarministerium heute, Dienstag meldete. "
            "Die Entwicklung sei zuletzt schwach gewesen, erklärte das Ministerium.")
    assert quotes_of(pipeline, text)[-1] == ("indirect", "Die Entwicklung sei zuletzt schwach gewesen", "Agrarministerium")


def test_a_surname_alone_completes_a_name_the_recogniser_cut_short() -> None:
    text = ("Auch Pedro Alvaro Montesgil-Ruiz, einst Diplomat in Havanna, ist skeptisch. Die Reformen seien "
            "zu langsam, sagt Montesgil-Ruiz.")
    cut_short = [Mention(entity="person:pedro-alvaro", kind="person", start=5, end=17, text="Pedro Alvaro")]
    mentions = add_speaker_names(text, cut_short)
    assert [m.text for m in mentions] == ["Pedro Alvaro Montesgil-Ruiz", "Montesgil-Ruiz"]
    assert len({m.entity for m in mentions}) == 1
    [quote] = find_quotes(text, mentions)
    assert quote.text == "Die Reformen seien zu langsam" and quote.speaker == mentions[0].entity


def test_a_spokesperson_speaks_for_the_body_named_after_him_unless_he_is_named(pipeline) -> None:
    text = ("„Die Lage ist ruhig“, sagte ein Sprecher der Arbeitsgemeinschaft der Landesmedienanstalten. "
            "„Wir warten ab“, sagte der Sprecher der Landespolizeidirektion Hinterwald, Anton Brunnreiter, am Montag.")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == [
        "Arbeitsgemeinschaft der Landesmedienanstalten", "Anton Brunnreiter"]


def test_a_body_named_after_its_kind_speaks_by_its_name(pipeline) -> None:
    text = ("Anna Lindqvist reiste ab. Die Regierung in Valmora werde zurücktreten, meldete die "
            "Nachrichtenagentur Valpress am Freitag.")
    assert quotes_of(pipeline, text)[-1] == ("indirect", "Die Regierung in Valmora werde zurücktreten", "Valpress")


def test_a_name_in_the_genitive_is_not_the_speaker(pipeline) -> None:
    text = ("Tobias Brunnhuber kämpft in Valmora. Der Hunger sei seine Schwäche, sagt Brunnhubers Trainer "
            "Alois Kerbl. „Wir warten“, sagte Anna Lindqvist. Der Agent Pedro Valdés kennt Markus Berger "
            "seit Jahren. Über Bergers Pläne sagt er: „Das wird nicht reichen.“")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == [
        "Alois Kerbl", "Anna Lindqvist", "Pedro Valdés"]


def test_the_agency_a_source_talked_to_is_not_the_speaker(pipeline) -> None:
    text = ("In Valmora seien 15 Kämpfer festgenommen worden, sagte ein Offizier am Dienstag der "
            "Nachrichtenagentur Valpress. Die Lage sei ernst, sagte Anna Lindqvist dem Sender Nordfunk. "
            "Die Grenze bleibe offen, berichtete die Nachrichtenagentur Valpress.")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == [None, "Anna Lindqvist", "Valpress"]


def test_a_phrase_set_apart_inside_a_sentence_is_no_quote(pipeline) -> None:
    text = ("„Wir sind bereit“, sagte Anna Lindqvist. Die Kampagne soll „die breite Öffentlichkeit“ "
            "erreichen, die Fotos stehen unter „www.valpress.de“ bereit.")
    assert quotes_of(pipeline, text) == [("direct", "Wir sind bereit", "Anna Lindqvist")]


def test_a_crowds_chants_and_banners_are_not_the_last_named_speakers(pipeline) -> None:
    opening = ("Kanzlerin Karla Neumeister verteidigte am Montag ihre Politik. „Wir schaffen das“, sagte sie in "
               "Berlin. In Dresden zogen am Abend wieder Tausende Anhänger der Bewegung Pegida durch die Altstadt. ")
    chanted = quotes_of(pipeline, opening + "„Volksverräter!“, „Lügenpresse!“ und „Neumeister muss weg!“, "
                                            "skandierten die Demonstranten.")
    assert chanted == [("direct", "Wir schaffen das", "Karla Neumeister"), ("direct", "Neumeister muss weg!", None)]
    shouted = quotes_of(pipeline, opening + "„Wir sind das Volk“, riefen sie immer wieder. „Wir wollen keine Quote.“")
    assert [speaker for _, _, speaker in shouted] == ["Karla Neumeister", None, None]
    on_banners = quotes_of(pipeline, opening + "Auf ihren Transparenten stand „Schluss mit der Politik von oben“. "
                                               "Innenminister Paul Kessler verurteilte die Parolen. „Das ist widerlich.“")
    assert on_banners[1:] == [("direct", "Schluss mit der Politik von oben", None),
                              ("direct", "Das ist widerlich", "Paul Kessler")]


def test_a_quote_without_a_cue_that_names_the_last_speaker_is_not_theirs(pipeline) -> None:
    text = ("„Wir schaffen das“, sagte Kanzlerin Karla Neumeister am Montag. Am Abend machte im Netz ein neuer "
            "Spruch die Runde. „Neumeister muss endlich weg.“")
    assert quotes_of(pipeline, text)[1] == ("direct", "Neumeister muss endlich weg", None)


def test_a_role_in_a_teaser_is_the_person_the_article_then_names(pipeline) -> None:
    text = ('"Ich will etwas in der Hand halten", sagt der Regisseur. Hollywood – Der Kultregisseur Jonas Kellberg '
            "hält an DVDs fest. Ich kann mit Streaming nichts anfangen, schreibt Kellberg.")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == ["Jonas Kellberg", "Jonas Kellberg"]
    rumour = ("Laut italienischen Medienberichten kehrt der Juventus-Stürmer nach Argentinien zurück. "
              "Turin – Der Stürmer Marco Tenuti verlässt Juventus.")
    assert quotes_of(pipeline, rumour)[0][2] is None  # the media report, not the striker


def test_das_stadtoberhaupt_is_the_mayor_named_before(pipeline) -> None:
    text = ("Gegen den Bürgermeister Ignaz Moreno wird ermittelt. Trotzdem will Moreno im Amt bleiben. "
            "Ich bleibe bis zum Ende der Amtszeit, erklärte das Stadtoberhaupt.")
    assert quotes_of(pipeline, text)[-1] == ("direct", "Ich bleibe bis zum Ende der Amtszeit", "Ignaz Moreno")


def test_a_second_speakers_cue_in_the_same_sentence_takes_the_words_after_it(pipeline) -> None:
    text = ("Das Spiel endete torlos. Wir hätten gewinnen müssen, meinte Stürmer Marko Stanic, "
            "und Verteidiger Kristof Dobnik ergänzte: Uns hat das Glück gefehlt.")
    assert quotes_of(pipeline, text) == [("direct", "Wir hätten gewinnen müssen", "Marko Stanic"),
                                         ("direct", "Uns hat das Glück gefehlt", "Kristof Dobnik")]


def test_a_cue_sentence_after_a_statement_attributes_it(pipeline) -> None:
    # Text without quotation marks: "Das sagte X." makes the sentence before X's words.
    text = ("Wien – Die Regierung wird am Mittwoch ein Konzept vorlegen. Das kündigte Vizekanzler Paul Kessler "
            "am Montag an. Die Kiefern wachsen auch auf Steinen. Wir haben früh lernen müssen, wie man aus Ritzen "
            "wächst. Das sagte Aktivistin Lena Korsak dem STANDARD.")
    assert quotes_of(pipeline, text) == [
        ("reported", "Die Regierung wird am Mittwoch ein Konzept vorlegen", "Paul Kessler"),
        ("direct", "Wir haben früh lernen müssen, wie man aus Ritzen wächst", "Lena Korsak")]


def test_an_agency_and_the_name_it_quotes_are_two_speakers_not_one(pipeline) -> None:
    text = ("Regierungschef Milan Dravec lehnt die Quote ab. „Wir werden keine Quoten akzeptieren“, "
            "zitierte die Nachrichtenagentur TASR Dravec.")
    assert quotes_of(pipeline, text) == [("direct", "Wir werden keine Quoten akzeptieren", "Milan Dravec")]


def test_a_role_after_a_quote_is_the_one_the_text_turned_to_not_the_last_speaker(pipeline) -> None:
    text = ("Jedes Spiel ist ein Finale, sagte Trainer Josep Marquez. Nicht dabei war Mittelfeldspieler Zoran "
            "Lukovic wegen einer Sperre. Nun ist er wieder dabei. Ich habe die Sache abgehakt, sagte der Teamspieler.")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == ["Josep Marquez", "Zoran Lukovic"]


def test_heisst_es_from_someones_office_is_their_quote_after_the_colon(pipeline) -> None:
    text = ("Bürgermeister Paul Kessler will die Wahl gewinnen. Aus dem Büro Kessler heißt es auf Nachfrage "
            "am Dienstag: Selbstverständlich werden wir sie wählen.")
    assert quotes_of(pipeline, text) == [("direct", "Selbstverständlich werden wir sie wählen", "Paul Kessler")]


def test_an_unmarked_quote_takes_the_spoken_sentence_before_it_not_narration(pipeline) -> None:
    text = ("Skirennläufer Aksel Brenna gewann die Abfahrt. Es hat schon ein bisschen Mut gekostet, richtig Gas "
            "zu geben. Ich wusste, es wird heute schwierig, meinte Brenna.")
    assert quotes_of(pipeline, text) == [
        ("direct", "Es hat schon ein bisschen Mut gekostet, richtig Gas zu geben. Ich wusste, es wird heute schwierig",
         "Aksel Brenna")]
    narrated = ("Der Ökonom Paul Kessler widerspricht. Der Ökonom hält die Studie schon für fragwürdig. "
                "Für mich ist diese Frage nicht wesentlich, sagt er.")
    assert [quote for _, quote, _ in quotes_of(pipeline, narrated)] == ["Für mich ist diese Frage nicht wesentlich"]


def test_wird_x_zitiert_after_an_unmarked_statement_is_its_cue(pipeline) -> None:
    text = ("Der Regisseur Jonas Kellberg sammelt Kassetten. Sie sind in Konkurs gegangen, also habe ich ihr "
            "gesamtes Inventar gekauft, wird Kellberg, der früher in einer Videothek arbeitete, vom Filmportal "
            "Indiewire zitiert. Ich nehme auch noch Filme auf Kassette auf.")
    assert quotes_of(pipeline, text) == [
        ("direct", "Sie sind in Konkurs gegangen, also habe ich ihr gesamtes Inventar gekauft", "Jonas Kellberg"),
        ("direct", "Ich nehme auch noch Filme auf Kassette auf", "Jonas Kellberg")]


def test_a_demonym_after_a_quote_is_the_one_the_text_turned_to(pipeline) -> None:
    text = ("Die Ziele höherzuschrauben wäre falsch, sagte Trainer Thorsten Finke. Nur einer wirkte euphorisiert. "
            "Aus Stürmer Larry Kayodo sprudelte es nur so heraus. Im Fußball ist immer alles möglich. "
            "Wir müssen weiter pushen, sagte der Nigerianer.")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)][-1] == "Larry Kayodo"


def test_a_tweets_link_ends_its_sentence_so_the_next_cue_keeps_its_speaker(pipeline) -> None:
    text = ("Julia Klinger von der CDU bezeichnete das als typisches Muster. Lieber Kessler als Meier als Nachbarn. "
            "https://t.co/vDhbCqSz6L SPD-Chef Paul Gabler sagte, die Bemerkung sei fremdenfeindlich. "
            "Das zeige, dass Meier nicht nur gegen Fremde sei.")
    assert quotes_of(pipeline, text) == [
        ("indirect", "die Bemerkung sei fremdenfeindlich", "Paul Gabler"),
        ("indirect", "Das zeige, dass Meier nicht nur gegen Fremde sei", "Paul Gabler")]


def test_a_space_before_the_closing_mark_still_closes_the_quote(pipeline) -> None:
    text = ("Die Fahrerin Jolanda Pirwitz wartet am Hafen. „Alle wollen nach Rostock “, sagt Jolanda Pirwitz. "
            "„Es ist langweilig hier. Meistens regnet es.“")
    found = quotes_of(pipeline, text)
    assert found == [("direct", "Alle wollen nach Rostock", "Jolanda Pirwitz"),
                     ("direct", "Es ist langweilig hier. Meistens regnet es", "Jolanda Pirwitz")]


def test_a_verb_the_lists_lack_between_the_quote_and_a_name_is_its_cue(pipeline) -> None:
    text = ("Trainerin Wiebke Marquardt und Präsident Holger Sandmeier traten vor die Presse. "
            "„Wir waren darauf nicht vorbereitet“, meinte Sandmeier. "
            "„Aber es hat am Ende nicht gereicht“, konstatierte Marquardt.")
    found = quotes_of(pipeline, text)
    assert [(kind, speaker) for kind, _, speaker in found] == [("direct", "Holger Sandmeier"),
                                                               ("direct", "Wiebke Marquardt")]


def test_a_name_and_role_labelling_a_quote_speak_it_when_the_recogniser_missed_the_name() -> None:
    text = ("Gestern baten wir zwei um ihre Erinnerungen an das Hochwasser:\n"
            "Gunnar Wehlitz, Leiter des Wasseramtes: „Die Vorhersagen stimmten nicht.“\n"
            "Erich Tolksdorf, Sachbereichsleiter Katastrophenschutz: „Das war schon eine besondere Lage.“")
    # As the recogniser marked such a round of statements on a real page: the second name not at all.
    first_only = [Mention(entity="person:gunnar-wehlitz", kind="person", start=63, end=77, text="Gunnar Wehlitz")]
    mentions = add_speaker_names(text, first_only)
    assert [m.text for m in mentions] == ["Gunnar Wehlitz", "Erich Tolksdorf"]
    found = find_quotes(text, mentions)
    assert [(q.text, q.speaker) for q in found] == [("Die Vorhersagen stimmten nicht", mentions[0].entity),
                                                    ("Das war schon eine besondere Lage", mentions[1].entity)]


def test_a_marked_quote_after_a_heading_line_or_a_colon_is_found_once(pipeline) -> None:
    text = ("Bildergalerie (6 Bilder)\n«Es fehlt uns wichtiger Rückenwind», sagte Ortwin Gellermann geknickt "
            "und gestand: «Wir waren auf dieses Szenario nicht vorbereitet.» Danach ging er.")
    found = quotes_of(pipeline, text)
    assert found == [("direct", "Es fehlt uns wichtiger Rückenwind", "Ortwin Gellermann"),
                     ("direct", "Wir waren auf dieses Szenario nicht vorbereitet", "Ortwin Gellermann")]


def test_the_topic_of_an_evening_in_quotation_marks_is_no_quote(pipeline) -> None:
    text = ("„Sicher im Kreis? Oder hat Silvester alles verändert?“ lautete das Thema des Abends. "
            "Am Samstag tagt der Verein. Thema: «Wie geht es ohne die Bewerbung weiter.» "
            "„Wir geben nicht auf“, sagte Vorsitzende Renate Dallmeyer.")
    found = quotes_of(pipeline, text)
    assert found == [("direct", "Wir geben nicht auf", "Renate Dallmeyer")]


def test_a_report_goes_on_with_the_quote_before_it_not_a_later_one(pipeline) -> None:
    text = ("«Wir sind von unseren Zielen noch entfernt», sagte Konzernchefin Jutta Krausenberg am Donnerstag. "
            "Das Unternehmen habe sich zwar stabilisiert. "
            "Betriebsrat Udo Pfennig erklärte dagegen: «Wir bleiben wachsam.»")
    found = quotes_of(pipeline, text)
    assert ("indirect", "Das Unternehmen habe sich zwar stabilisiert", "Jutta Krausenberg") in found


def test_a_quote_a_feed_cut_short_runs_to_the_end_of_the_text(pipeline) -> None:
    text = ("„Alle im Team sind geschockt“, wurde Teamarzt Anko Wellerdiek zitiert: "
            "„Alle sind bei Bewusstsein, stabil und ansprechbar, aber wir warten")
    found = quotes_of(pipeline, text)
    assert found == [("direct", "Alle im Team sind geschockt", "Anko Wellerdiek"),
                     ("direct", "Alle sind bei Bewusstsein, stabil und ansprechbar, aber wir warten", "Anko Wellerdiek")]


def test_reported_speech_ending_in_a_verb_the_lists_lack_and_a_name_is_that_persons(pipeline) -> None:
    text = ("Der Verband tagt am Samstag in Hannover. Präsident Ortwin Gellermann war enttäuscht. "
            "Es werde eine intensive Diskussion, orakelte Gellermann.")
    found = quotes_of(pipeline, text)
    assert ("indirect", "Es werde eine intensive Diskussion", "Ortwin Gellermann") in found


def test_a_spoken_remark_after_the_cue_goes_on_with_the_quote_not_narration(pipeline) -> None:
    text = ("Gegen ein Spitzenteam kannst du so nicht spielen, sagte Verteidiger Jonas Brenner nach dem Spiel. "
            "Das kommt, wenn man einen Schritt zu wenig läuft und glaubt, es geht von alleine.")
    assert quotes_of(pipeline, text) == [
        ("direct", "Gegen ein Spitzenteam kannst du so nicht spielen", "Jonas Brenner"),
        ("direct", "Das kommt, wenn man einen Schritt zu wenig läuft und glaubt, es geht von alleine", "Jonas Brenner")]
    unnamed = "Wir haben keinen Plan für eine Arena, erklärte eine Vereinssprecherin. Es gibt kein Papier."
    assert [speaker for _, _, speaker in quotes_of(pipeline, unnamed)] == [None, None]
    narrated = "Wir wollen gewinnen, sagte Trainer Jonas Brenner. Das offizielle Saisonende wird in Linz gefeiert."
    assert [quote for _, quote, _ in quotes_of(pipeline, narrated)] == ["Wir wollen gewinnen"]


def test_a_verb_the_lists_lack_and_a_name_close_words_in_the_first_person(pipeline) -> None:
    text = ("Wir haben gewonnen, jubelte Paul Kessler nach dem Spiel. "
            "Zu dem Buch hat mich der Verlag überredet, grinst Anna Berger. Sie sei keine Autorin.")
    assert quotes_of(pipeline, text) == [("direct", "Wir haben gewonnen", "Paul Kessler"),
                                         ("direct", "Zu dem Buch hat mich der Verlag überredet", "Anna Berger"),
                                         ("indirect", "Sie sei keine Autorin", "Anna Berger")]


def test_a_surname_with_a_lower_case_particle_speaks_alone(pipeline) -> None:
    text = ("Außenminister Samir al-Kufani reiste nach Genf. Der Angriff sei ein „schwerer Bruch aller Regeln“, "
            "sagte al-Kufani am Sonntag. Die Gespräche gingen weiter, erklärte al-Kufani.")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == ["Samir al-Kufani"] * 3
    alone = "Wir werden nicht weichen, sagte al-Rahimi am Montag."
    assert quotes_of(pipeline, alone) == [("direct", "Wir werden nicht weichen", "al-Rahimi")]


def test_own_words_after_a_colon_in_reported_speech_are_a_direct_quote(pipeline) -> None:
    text = ("Ich glaube, man braucht mehr Reichweite, sagte Paul Kessler. Außerdem müssten Ladezeiten kürzer "
            "werden: Man kann keine Kaffeepause von fünf Stunden akzeptieren. Das muss deutlich schneller gehen. "
            "Die Batterien von Elektroautos gelten als teuer.")
    assert quotes_of(pipeline, text)[1:] == [
        ("indirect", "Außerdem müssten Ladezeiten kürzer werden", "Paul Kessler"),
        ("direct", "Man kann keine Kaffeepause von fünf Stunden akzeptieren. Das muss deutlich schneller gehen",
         "Paul Kessler")]
    listed = "Die Saison beginne im Mai, sagte Anna Berger. Die Jury sei bestimmt: Paul Kessler und Eva Lind."
    narrated = "Die Saison beginne im Mai, sagte Anna Berger. Die Jury sei bestimmt: Die Mitglieder kommen aus Wien."
    for other in (listed, narrated):  # names and the writer's facts after the colon stay in the report
        assert [kind for kind, _, _ in quotes_of(pipeline, other)] == ["indirect", "indirect"]


def test_hiess_es_after_a_marked_quote_reads_like_after_a_sentence(pipeline) -> None:
    text = ("Die Modefirma Kesslinger AG ist insolvent. „Der Vorstand hat die Zahlungsunfähigkeit festgestellt“, "
            "teilte das Unternehmen mit. „Der Vorstand wird unverzüglich den Insolvenzantrag stellen“, hieß es weiter. "
            "„Die Löhne sind bis März gesichert“, heißt es in einer Mitteilung des Unternehmens.")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == ["Kesslinger AG"] * 3


def test_whom_the_words_were_said_to_is_no_speaker(pipeline) -> None:
    text = ("Der Stürmer Jonas Brenner traf zuletzt oft. Bereits im Dezember hatte er gegenüber LEquipe betont: "
            "Auch wenn ich den Pokal nicht gewinne, wird meine Karriere großartig sein.")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == ["Jonas Brenner"]


def test_a_name_set_off_by_commas_before_erklaerte_colon_is_the_speaker(pipeline) -> None:
    text = ("Der politische Geschäftsführer der Umweltorganisation Germanwatch, Paul Kessler, erklärte: "
            "Das Abkommen wird die Welt der Energie- und Klimapolitik verändern.")
    assert quotes_of(pipeline, text) == [
        ("direct", "Das Abkommen wird die Welt der Energie- und Klimapolitik verändern", "Paul Kessler")]


def test_nach_meinung_von_is_a_cue_and_its_speaker_goes_on(pipeline) -> None:
    text = ("Nach Meinung des leitenden Sekretärs Jonas Brenner würden schärfere Regeln zu Lohndumping führen. "
            "Wenn ich jemanden zwinge, dann ist das ein doppelter Verlust.")
    assert [(kind, speaker) for kind, _, speaker in quotes_of(pipeline, text)] == [
        ("indirect", "Jonas Brenner"), ("direct", "Jonas Brenner")]


def test_first_person_words_after_a_dash_in_reported_speech_are_direct(pipeline) -> None:
    text = ("Wenn es zu einer Lösung komme, dann müsse diese dauerhaft sein – Flickwerk ist das Letzte, "
            "was wir brauchen, sagte Anna Berger.")
    assert quotes_of(pipeline, text) == [
        ("indirect", "Wenn es zu einer Lösung komme, dann müsse diese dauerhaft sein", "Anna Berger"),
        ("direct", "Flickwerk ist das Letzte, was wir brauchen", "Anna Berger")]


def test_a_pronoun_is_no_one_of_the_other_gender(pipeline) -> None:
    text = ("Anna Berger und Paul Kessler trafen sich in Linz. Die Lage sei ernst, sagte Paul Kessler. "
            "Man müsse jetzt handeln, sagte sie.")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == ["Paul Kessler", "Anna Berger"]


def test_a_named_spokesperson_speaks_as_himself_an_unnamed_one_as_his_body(pipeline) -> None:
    text = "Die Lage sei ernst, sagte Pentagon-Sprecher Paul Kessler. Die Lage sei ernst, sagte ein Pentagon-Sprecher."
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == ["Paul Kessler", "Pentagon"]


def test_own_words_after_a_colon_run_on_into_the_cued_sentence_after_them(pipeline) -> None:
    text = ("Die Frist laufe ab, sagte Anna Berger. Außerdem müssten die Ämter schneller werden: Man kann nicht "
            "fünf Stunden warten. Und ich weiß nicht, wie das gehen soll, sagte Berger.")
    assert quotes_of(pipeline, text)[1:] == [
        ("indirect", "Außerdem müssten die Ämter schneller werden", "Anna Berger"),
        ("direct", "Man kann nicht fünf Stunden warten. Und ich weiß nicht, wie das gehen soll", "Anna Berger")]
    promised = "Sie habe versprochen, nichts zu ändern, und versicherte: Wir werden keinen Millimeter abweichen, sagte Anna Berger."
    assert [kind for kind, _, _ in quotes_of(pipeline, promised)] == ["indirect", "direct"]


def test_an_irrealis_of_the_past_with_its_own_cue_is_the_speakers_own_claim(pipeline) -> None:
    text = ("Ein Sieg wäre verdient gewesen, aber das letzte Quäntchen Glück hat gefehlt, ergänzte Jonas Brenner. "
            "Er hätte gerne gespielt, sagte Paul Kessler.")
    assert [(kind, speaker) for kind, _, speaker in quotes_of(pipeline, text)] == [
        ("direct", "Jonas Brenner"), ("indirect", "Paul Kessler")]


def test_a_photographer_credited_under_a_photo_is_no_speaker(pipeline) -> None:
    text = ("Arbeiter lichten den Baumbestand am Hang und helfen so dem Wald. Foto: Archivfoto: Jana Kellermeier\n"
            "„Den alten Wald aus dem Dornröschenschlaf befreien“, so formuliert es die Gesellschaft zur Sicherung "
            "des Naturerbes (GSN).")
    found = quotes_of(pipeline, text)
    assert [kind for kind, _, _ in found] == ["direct"]
    assert found[0][2] != "Jana Kellermeier"


def test_in_the_statement_is_the_statement_of_the_company_just_reported(pipeline) -> None:
    text = ("Beim Autobauer Norvia AG ist ein Werk abgebrannt. Wie das Unternehmen mitteilte, wurde niemand verletzt.\n"
            "„Die Produktion läuft in zwei Wochen wieder an“, hieß es in der Mitteilung.")
    found = quotes_of(pipeline, text)
    assert found[-1] == ("direct", "Die Produktion läuft in zwei Wochen wieder an", "Norvia AG")


def test_the_team_that_announces_is_the_club_named_before(pipeline) -> None:
    found = quotes_of(pipeline, "Vier Spieler des FC Nordheide sind verletzt. Wie das Team mitteilte, fallen alle drei Wochen aus.")
    assert found == [("reported", "fallen alle drei Wochen aus", "FC Nordheide")]


def test_a_posted_dialogue_is_the_account_holders_whose_surname_the_handle_spells(pipeline) -> None:
    text = ("Die Debatte um den Bürgermeister nahm Karla Wendtner aufs Korn. Ihr Tweet wurde tausendfach geteilt.\n\n"
            "„Hören Sie auf zu filmen!“\n\n„Ich darf das, ich bin der Bürgermeister!“\n\n„SIE DÜRFEN DAS NICHT!“\n\n"
            "— Frau Kaktus (@K_Wendtner) 26. November 2018\n\nMeine Lektion: Humor kommt an.")
    found = quotes_of(pipeline, text)
    assert [(kind, speaker) for kind, _, speaker in found] == [("direct", "Karla Wendtner")] * 3
    assert found[0][1] == "Hören Sie auf zu filmen!"


def test_interview_answers_labelled_with_a_surname_the_recogniser_missed_are_the_interviewees(pipeline) -> None:
    text = ("Der Reeder über Fangquoten. STANDARD: Wie geht es den Fischern in Ihrer Heimat? Kvalheim: Schlecht. "
            "Die Fangquoten sinken seit Jahren. STANDARD: Was muss die Politik tun? Kvalheim: Sie muss endlich handeln.")
    found = quotes_of(pipeline, text)
    assert [(kind, speaker) for kind, _, speaker in found] == [("direct", "Kvalheim")] * 2


def test_answers_labelled_antwort_are_of_the_one_the_questions_address(pipeline) -> None:
    text = ("Die Robotik-Chefin Ingrid Solvang sprach mit der Presse über ihre Pläne. Frage: Frau Solvang, wann kommt "
            "das erste Modell? Antwort: Wir sind noch dabei, es herauszufinden. Frage: Und was kostet es? "
            "Antwort: Das kann ich noch nicht sagen.")
    found = quotes_of(pipeline, text)
    assert [(kind, speaker) for kind, _, speaker in found] == [("direct", "Ingrid Solvang")] * 2


def test_the_answers_of_questions_and_answers_that_address_no_one_have_no_speaker(pipeline) -> None:
    text = ("Darf die Stadt Sozialleistungen kürzen? Einige Fragen und Antworten. Frage: Was plant der Bürgermeister "
            "Otto Brandl? Antwort: Er will Leistungen für Ausländer streichen. Frage: Ist das erlaubt? "
            "Antwort: Nein, das verstößt gegen EU-Recht.")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == [None, None]


def test_an_unnamed_spokesperson_speaks_for_the_body_the_text_names(pipeline) -> None:
    assert quotes_of(pipeline, "Die Frist wird verlängert. „Das Gesetz wird geändert“, erläuterte ein Sprecher des "
                               "Innenministeriums.")[0][2].startswith("Innenministerium")
    assert quotes_of(pipeline, "Die EU-Kommission widerspricht. „Es gibt keinen geheimen Plan“, erklärte eine "
                               "Kommissionssprecherin dagegen.")[0][2] == "EU-Kommission"
    assert quotes_of(pipeline, "Die Norvia AG schließt ein Werk. „Das war nicht zu vermeiden“, sagte ein "
                               "Konzernsprecher.")[0][2] == "Norvia AG"


def test_a_spokesperson_named_after_the_body_speaks_as_himself(pipeline) -> None:
    text = "„Kritik darf nicht verstummen“, sagte der Sprecher des Außenministeriums, Tom Harlan, in Washington."
    assert quotes_of(pipeline, text)[0][2] == "Tom Harlan"


def test_she_is_the_actress_the_text_calls_so_whatever_her_first_name(pipeline) -> None:
    text = ("Die Schauspielerin Robin Tessmer spielt die Hauptrolle. Regie führte Peter Sandmann. "
            "„Wir hatten Spaß wie kleine Kinder“, sagt sie.")
    assert quotes_of(pipeline, text) == [("direct", "Wir hatten Spaß wie kleine Kinder", "Robin Tessmer")]


def test_uncued_own_words_are_the_person_the_sentence_before_opens_with(pipeline) -> None:
    text = ("Wir müssen sparen, sagte Reinhold Mitterberger am Montag. Die Regierung habe versagt. Verschnupft "
            "reagierte auch Kammerpräsident Rudolf Kastner. Wir sind Teil der Lösung, nicht Teil des Problems.")
    assert quotes_of(pipeline, text)[-1] == ("direct", "Wir sind Teil der Lösung, nicht Teil des Problems", "Rudolf Kastner")


def test_the_writer_signing_the_text_is_no_speaker(pipeline) -> None:
    text = ("Die Stadt plant neue Radwege in der Innenstadt.  Von Kirsten Rödler\n"
            "„Wir brauchen mehr Platz für Räder und weniger für Autos.“")
    assert quotes_of(pipeline, text) == [("direct", "Wir brauchen mehr Platz für Räder und weniger für Autos", None)]


def test_a_paper_named_where_words_were_said_is_not_the_one_who_said_them(pipeline) -> None:
    text = ("Kritik an den Kammern gab es von Christian Kernbauer bis jetzt nicht. In der Süddeutschen Zeitung "
            "sagte er zuletzt: Die Partnerschaft ist wichtig, es kommt aber auf die Entscheidungen an.")
    assert quotes_of(pipeline, text) == [
        ("direct", "Die Partnerschaft ist wichtig, es kommt aber auf die Entscheidungen an", "Christian Kernbauer")]


def test_a_claim_in_konjunktiv_ii_with_its_own_cue_is_the_speakers_own_words(pipeline) -> None:
    text = ("Der Verein liegt auf Platz zwei. Die Ziele höherzuschrauben wäre der falsche Zeitpunkt, "
            "sagte Trainer Paul Kessler. Die Stürmer könnten mehr treffen, sagte er.")
    assert quotes_of(pipeline, text) == [
        ("direct", "Die Ziele höherzuschrauben wäre der falsche Zeitpunkt", "Paul Kessler"),
        ("indirect", "Die Stürmer könnten mehr treffen", "Paul Kessler")]


def test_a_long_lead_before_a_colon_is_a_cue_when_its_last_clause_names_the_speaker(pipeline) -> None:
    text = ("Die Regierung kritisierte die Kammern am Sonntag scharf. Den Vorwurf, wonach die Firmen immer nur ein "
            "großes Paket an Maßnahmen und Erleichterungen fordern würden, ohne deren Finanzierung darzustellen, "
            "will Anna Berger so nicht stehen lassen: Wir schauen immer auf den Standort, nicht auf die Klientel. "
            "Die Debatte geht weiter.")
    assert ("direct", "Wir schauen immer auf den Standort, nicht auf die Klientel", "Anna Berger") in quotes_of(pipeline, text)


def test_a_role_and_its_apposition_after_the_cue_name_the_speaker_and_are_no_quote(pipeline) -> None:
    text = ("Die Kritik kam nicht gut an. Wenn er sich nicht auf unsere Vorschläge verlassen will, soll er selber "
            "welche machen, sagte Mitterbergers früherer Chef, Kammerpräsident Christoph Leiner, im Gespräch mit "
            "einer Zeitung. Wir brauchen Reformen, sagte Paula Brandt, Sprecherin der Initiative, am Sonntag.")
    assert quotes_of(pipeline, text) == [
        ("direct", "Wenn er sich nicht auf unsere Vorschläge verlassen will, soll er selber welche machen",
         "Christoph Leiner"),
        ("direct", "Wir brauchen Reformen", "Paula Brandt")]


def test_austrian_and_playful_verbs_of_saying_close_a_quote(pipeline) -> None:
    text = ("Die Regierung will sparen. Wir schauen auf den Standort, deponierte Kammerpräsident Paul Kessler. "
            "Unsere Sprache ist schlechtes Englisch, scherzt Anna Berger.")
    assert quotes_of(pipeline, text) == [
        ("direct", "Wir schauen auf den Standort", "Paul Kessler"),
        ("direct", "Unsere Sprache ist schlechtes Englisch", "Anna Berger")]


def test_a_role_after_a_genitive_name_or_beside_a_second_role_is_the_named_person(pipeline) -> None:
    text = ("Die Kammern stehen in der Kritik. Die Partnerschaft müsse sich ändern, sagte Parteichef und "
            "Minister Paul Kessler am Montag. Wenn er nicht will, soll er selber Vorschläge machen, sagte Kesslers "
            "früherer Chef, Kammerpräsident Anton Leiner, im Gespräch mit einer Zeitung.")
    assert [(kind, speaker) for kind, _, speaker in quotes_of(pipeline, text)] == [
        ("indirect", "Paul Kessler"), ("direct", "Anton Leiner")]


def test_a_remark_after_the_cue_goes_on_though_it_speaks_of_someone(pipeline) -> None:
    text = ("Er habe klar gezeigt, dass die Aufgabe lösbar sei, erklärte Sprecherin Anna Berger. "
            "Da ist ihm vollinhaltlich zuzustimmen.")
    assert quotes_of(pipeline, text)[-1] == ("direct", "Da ist ihm vollinhaltlich zuzustimmen", "Anna Berger")


def test_drawing_a_conclusion_before_a_colon_introduces_words(pipeline) -> None:
    text = ("Die Debatte um die Partei hält an. Paul Kessler zog daraus den Schluss: Diese Partei ist "
            "auch landesfeindlich. Die Partei wies das zurück.")
    assert ("direct", "Diese Partei ist auch landesfeindlich", "Paul Kessler") in quotes_of(pipeline, text)


def test_an_irrealis_after_a_cue_and_a_colon_is_the_speakers_own(pipeline) -> None:
    text = ("Das Spiel endete 1:1. Es hätte sich keiner beschweren dürfen, meinte Paul Kessler, und Anton Leiner "
            "ergänzte: Ein Sieg wäre verdient gewesen, aber das letzte Glück hat gefehlt.")
    assert quotes_of(pipeline, text)[-1] == (
        "direct", "Ein Sieg wäre verdient gewesen, aber das letzte Glück hat gefehlt", "Anton Leiner")


def test_an_irrealis_is_the_speakers_own_though_a_clause_after_it_names_a_third(pipeline) -> None:
    text = ("Der Minister erschien nicht. Es wäre lustig gewesen, wenn er da gewesen wäre, sagte Paul Kessler. "
            "Er hätte kommen sollen, sagte Anna Berger.")
    assert quotes_of(pipeline, text) == [
        ("direct", "Es wäre lustig gewesen, wenn er da gewesen wäre", "Paul Kessler"),
        ("indirect", "Er hätte kommen sollen", "Anna Berger")]


def test_a_cue_describing_someone_the_lexicon_lacks_is_the_one_the_sentence_before_opens_with(pipeline) -> None:
    text = ("Chelsea empfängt PSG. Sein Landsmann Willian Borges zeigte sich motiviert. Wir müssen sie ab der "
            "ersten Minute unter Druck setzen, betonte Brasiliens Teamkicker.")
    assert quotes_of(pipeline, text) == [
        ("direct", "Wir müssen sie ab der ersten Minute unter Druck setzen", "Willian Borges")]


def test_a_verb_the_lists_lack_then_a_role_and_a_name_is_its_cue(pipeline) -> None:
    text = ("Der Streit um die Umgehungsstraße in Talheim geht weiter. Bürgermeisterin Annegret Wollschläger "
            "hält an den Plänen fest. «Die Anwohner werden das nicht hinnehmen», drohte der Sprecher der "
            "Bürgerinitiative, Gerold Wintersteiner.")
    found = quotes_of(pipeline, text)
    assert [(kind, speaker) for kind, _, speaker in found] == [("direct", "Gerold Wintersteiner")]


def test_a_description_then_the_name_after_a_comma_is_the_speaker_not_the_last_one_named(pipeline) -> None:
    text = ("Die Senatorin Margot Hellwege lobte die Einigung. "
            "„Es besteht kein Zweifel, dass der Rat zustimmen wird“, sagte der oberste Kassenwart im Senat, "
            "Ludger Brinkhaus-Teller.")
    found = quotes_of(pipeline, text)
    assert [(kind, speaker) for kind, _, speaker in found] == [("direct", "Ludger Brinkhaus-Teller")]


def test_the_person_set_beside_a_club_opening_the_sentence_before_speaks_not_the_club(pipeline) -> None:
    text = ("Der Trainer des FC Talheim, Sven Oberländer, war nach dem Spiel bedient. „Das war nichts.“")
    found = quotes_of(pipeline, text)
    assert [(kind, speaker) for kind, _, speaker in found] == [("direct", "Sven Oberländer")]


def test_with_these_words_after_a_dash_names_the_speaker(pipeline) -> None:
    text = "„Die Pflege braucht mehr Geld“ – mit diesen Worten eröffnete Ministerin Karola Tiedemann-Brück die Debatte."
    found = quotes_of(pipeline, text)
    assert [(kind, speaker) for kind, _, speaker in found] == [("direct", "Karola Tiedemann-Brück")]


def test_a_cue_clause_after_a_colon_attributes_what_follows(pipeline) -> None:
    text = ("Die Fluggesellschaft Velmora Air leidet unter dem Streik. Erneut werden die Fluggäste getroffen: "
            "Das Unternehmen hat angekündigt, am Freitag noch einmal 900 Flüge zu streichen.")
    found = quotes_of(pipeline, text)
    assert found == [("reported", "am Freitag noch einmal 900 Flüge zu streichen", "Velmora Air")]


def test_the_company_is_not_the_union_named_since(pipeline) -> None:
    text = ("Die Fluggesellschaft Velmora Air leidet unter dem Streik. Die Gewerkschaft Cockpitfront hat zum Ausstand aufgerufen. "
            "„Wir bleiben hart“, sagte ein Sprecher der Cockpitfront. "
            "Das Unternehmen kündigte an, am Freitag 900 Flüge zu streichen.")
    found = quotes_of(pipeline, text)
    assert found[-1] == ("reported", "am Freitag 900 Flüge zu streichen", "Velmora Air")


def test_words_printed_with_the_inscription_are_a_quote_of_nobody_named(pipeline) -> None:
    text = ("Bürgermeister Lutz Pfannenberg eröffnete das Stadtfest. "
            "Die Fans hatten T-Shirts mit der Aufschrift «Alles ist möglich in der Provinz» bedruckt.")
    found = quotes_of(pipeline, text)
    assert found == [("direct", "Alles ist möglich in der Provinz", None)]


def test_a_description_and_a_name_before_the_verb_are_its_subject_not_a_quote(pipeline) -> None:
    found = quotes_of(pipeline, "Der Sprecher der Insolvenzverwalterin Bettina Schmudde, Wolfgang Weber-Thedy, "
                                "bestätigte am Freitag den Neustart der Anlage.")
    assert found == []
    text = ("Die Energieexpertin der Linksfraktion im Landtag, Ilse Kornmüller-Haas, beklagte ebenfalls, "
            "Klimaschutz sei für die Konzerne bis heute ein Goldesel.")
    found = quotes_of(pipeline, text)
    assert [(kind, speaker) for kind, _, speaker in found] == [("indirect", "Ilse Kornmüller-Haas")]


def test_a_question_someone_would_not_answer_is_no_reported_speech(pipeline) -> None:
    text = ("Die Fertigung läuft wieder, sagte Insolvenzverwalterin Bettina Schmudde. "
            "Sie wollte sich nicht dazu äußern, ob der Betrieb profitabel sei.")
    found = quotes_of(pipeline, text)
    assert [words for _, words, _ in found] == ["Die Fertigung läuft wieder"]


def test_a_spokesperson_is_not_the_channel_he_spoke_on(pipeline) -> None:
    text = ("Die Lage sei aussichtslos, erklärte der Sprecher des Krisenstabes, Petros Nikolaidis, in Athen. "
            "Wenn die Behörden einen Antrag stellen, werden wir entscheiden, sagte der Sprecher des Krisenstabes "
            "am Dienstag im Nachrichtensender Skai.")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == ["Petros Nikolaidis", "Petros Nikolaidis"]


def test_the_wife_of_a_named_man_speaks_for_herself(pipeline) -> None:
    text = ("Das Gericht hat die Strafe gegen den Blogger Karim Haddad bestätigt. Das Urteil sei endgültig, "
            "sagte Haddads nach Kanada geflüchtete Ehefrau Leila Haddad-Amin am Sonntag. Haddad musste "
            "schon 50 Hiebe erdulden. Haddads Ehefrau sagte, sie befürchte weitere Strafen.")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == ["Leila Haddad-Amin", "Leila Haddad-Amin"]


def test_a_role_refers_to_the_subject_not_to_a_name_after_von(pipeline) -> None:
    text = ("Zinedine Zidane, der als Nachfolger von Rafael Benitez gehandelt wurde, wies die Gerüchte zurück. "
            "Ich bin der Trainer des B-Teams, und das ist auch gut so, sagte der Franzose.")
    assert quotes_of(pipeline, text)[-1][2] == "Zinedine Zidane"


def test_the_first_person_present_is_no_subjunctive(pipeline) -> None:
    text = ("Um den Nachwuchs will er sich auch künftig kümmern. Ich habe es jetzt verinnerlicht, da bleibe "
            "ich dran, sagte Markus Hofer. Hofer fiebere dem Ende der Saison entgegen, berichtete Anna Berger.")
    assert [(kind, speaker) for kind, _, speaker in quotes_of(pipeline, text)] == [
        ("direct", "Markus Hofer"), ("indirect", "Anna Berger")]


def test_first_person_words_after_narration_belong_to_the_one_the_text_turned_to(pipeline) -> None:
    text = ("Wir sind bereit, sagte Stefan Maurer am Sonntag in Wien. Thomas Gruber, ein früherer "
            "Klubkollege, sah die Motivation bei Maurer vorhanden. Er will es allen zeigen. Der Klub braucht "
            "den besten Maurer, und ich bin sicher, dass er entscheidend sein wird.")
    assert quotes_of(pipeline, text)[-1][2] == "Thomas Gruber"


def test_a_cue_in_the_pluperfect_after_the_words(pipeline) -> None:
    text = ("Die Partei hatte ihre Zustimmung zuvor angedeutet. Seine Partei werde eine Einigung nicht "
            "blockieren, hatte Außenminister Timo Virtanen erklärt.")
    assert quotes_of(pipeline, text) == [
        ("indirect", "Seine Partei werde eine Einigung nicht blockieren", "Timo Virtanen")]


def test_a_cue_inside_a_sentence_whose_main_clause_follows_it(pipeline) -> None:
    text = ("Die Betriebe würden privatisiert, sagte Juan Blanco. Was dann folge, sagt der Professor, lasse ihn "
            "ein Szenario wie in Russland befürchten.")
    assert quotes_of(pipeline, text)[-1] == (
        "indirect", "Was dann folge, sagt der Professor, lasse ihn ein Szenario wie in Russland befürchten",
        "Juan Blanco")


def test_less_common_verbs_of_saying_are_cues(pipeline) -> None:
    text = ("Der Stürmer traf achtmal. Wie die Zeitung Le Monde anmerkte, sei er in engen Spielen kein Faktor. "
            "Sie mögen ihn nicht, titelte die Süddeutsche Zeitung.")
    assert [(kind, speaker) for kind, _, speaker in quotes_of(pipeline, text)] == [
        ("indirect", "Le Monde"), ("direct", "Süddeutsche Zeitung")]


def test_what_an_interviewer_reports_others_to_have_said_is_their_quote(pipeline) -> None:
    text = ("Die Parteichefin über Flüchtlinge und Populismus. STANDARD: Wie geht es Ihnen? Eva Berger: Gut, "
            "danke. Wir haben viel zu tun. STANDARD: Ihr Sicherheitssprecher Peter Pilz meint, die Partei "
            "dürfe die Wähler nicht den Blauen überlassen. Braucht es linken Populismus? Berger: Ich halte "
            "nichts davon. STANDARD: Die Lage ist schwierig. Was tun Sie? Berger: Wir arbeiten weiter.")
    found = quotes_of(pipeline, text)
    assert ("indirect", "die Partei dürfe die Wähler nicht den Blauen überlassen", "Peter Pilz") in found
    assert all(speaker in ("Eva Berger", "Peter Pilz") for _, _, speaker in found)
    assert not any("schwierig" in quote for _, quote, _ in found)


def test_someone_an_interviewee_quotes_has_a_quote_of_his_own(pipeline) -> None:
    text = ("Die Parteichefin über Flüchtlinge. STANDARD: Wie geht es Ihnen? Eva Berger: Gut, danke. Wir haben "
            "viel zu tun. STANDARD: Was tun Sie? Berger: Der Koordinator Christian Konrad hat recht, wenn er "
            "sagt: Österreich ist eine Schönwetterrepublik. Wir erleben ein Versagen. STANDARD: Und nun? "
            "Berger: Wir arbeiten weiter.")
    found = quotes_of(pipeline, text)
    assert ("direct", "Österreich ist eine Schönwetterrepublik", "Christian Konrad") in found
    assert [speaker for _, _, speaker in found].count("Eva Berger") == 3


def test_a_name_after_several_words_of_description_is_the_speaker(pipeline) -> None:
    text = ("Der Bürgermeister Andreas Rabl will sparen. Für solche Leistungen dürfe man Unterschiede machen, "
            "sagt der Wiener Jurist und Diskriminierungsexperte Volker Frey.")
    assert quotes_of(pipeline, text)[-1][2] == "Volker Frey"


def test_words_that_speak_of_the_speaker_in_the_third_person_are_reported(pipeline) -> None:
    text = ("Markus Hofer wird am Montag entlassen. Eine Antwort hat Hofer bisher noch nicht gefunden, versichert "
            "er. Um den Nachwuchs will er sich aber weiter kümmern, verriet er dem Magazin. Ich bleibe dran, "
            "sagte Hofer.")
    assert [(kind, speaker) for kind, _, speaker in quotes_of(pipeline, text)] == [
        ("reported", "Markus Hofer"), ("reported", "Markus Hofer"), ("direct", "Markus Hofer")]


def test_words_that_the_next_sentence_calls_these_words(pipeline) -> None:
    text = ("München – Das wars noch nicht! Diese Worte schleuderte Markus Hofer am 2. Mai seinen Gegnern "
            "entgegen. Am Montag endet die Haft.")
    assert quotes_of(pipeline, text) == [("direct", "Das wars noch nicht!", "Markus Hofer")]


def test_a_short_remark_on_the_speakers_now_goes_on_with_his_quote(pipeline) -> None:
    text = ("Ich habe einen guten Lauf, meinte Roger Berger vor seinem Viertelfinale. Richtig interessant wird "
            "es aber erst jetzt. Das Turnier endet am Sonntag mit dem Finale in Halle.")
    assert quotes_of(pipeline, text) == [
        ("direct", "Ich habe einen guten Lauf", "Roger Berger"),
        ("direct", "Richtig interessant wird es aber erst jetzt", "Roger Berger")]


def test_a_party_named_by_its_colour_speaks_as_that_party(pipeline) -> None:
    text = ("Nach dem Gipfel streiten SPÖ und ÖVP. Die rote Fassung: Es habe eine Einigung gegeben. Die "
            "schwarze Variante: Eine Einigung habe es nie gegeben.")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == ["SPÖ", "ÖVP"]


def test_a_marked_quote_after_a_body_s_figure_from_a_named_source_is_the_source_s(pipeline) -> None:
    text = ("Die meisten Verfahren kommen auf 25 Prozent.\n\nSiemens hingegen kommt laut Geschäftsführer "
            "Christian Hanisch auf 96 Prozent. „Wir verbrauchen 70 Prozent weniger Energie.“")
    assert quotes_of(pipeline, text)[-1][2] == "Christian Hanisch"


def test_an_unnamed_spokeswoman_or_reporter_speaks_for_the_body_named_before(pipeline) -> None:
    text = ("Die EU-Kommission hat die Reform abgeschlossen. Ein Vorschlag werde bald vorgelegt, sagte eine "
            "Sprecherin am Freitag in Brüssel. Es sei zu Gerangel gekommen, berichtete ein Reuters-Reporter.")
    assert [speaker for _, _, speaker in quotes_of(pipeline, text)] == ["EU-Kommission", "Reuters"]


def test_a_teaser_labelled_with_a_role_alone_is_the_quote_of_the_one_named_first(pipeline) -> None:
    text = ('Landeshauptmann: "Jetzt wird Sicherheitspolitik ernst genommen" – Die Volksbefragung würde sich '
            'erübrigen. Eisenstadt – Nach einem Monat zeigt sich Landeshauptmann Hans Niessl (SPÖ) zufrieden.')
    assert quotes_of(pipeline, text)[0] == ("direct", "Jetzt wird Sicherheitspolitik ernst genommen", "Hans Niessl")


def test_own_words_go_on_after_a_long_cue_clause(pipeline) -> None:
    text = ("Trainer Bernd Kaltenecker blieb gelassen. Keine Ahnung, sagte Kaltenecker am Sonntag nach dem Spiel, "
            "ich habe mit ihm noch nicht gesprochen.")
    found = quotes_of(pipeline, text)
    assert ("direct", "ich habe mit ihm noch nicht gesprochen", "Bernd Kaltenecker") in found
    assert ("direct", "Keine Ahnung", "Bernd Kaltenecker") in found


def test_own_words_go_on_after_a_dash_behind_the_cue(pipeline) -> None:
    text = ("Der Trainer Bernd Kaltenecker war zufrieden. Wir haben gut gespielt, meinte der Coach – "
            "aber wir müssen uns noch steigern.")
    found = quotes_of(pipeline, text)
    assert found == [("direct", "Wir haben gut gespielt", "Bernd Kaltenecker"),
                     ("direct", "aber wir müssen uns noch steigern", "Bernd Kaltenecker")]


def test_words_after_aber_colon_behind_the_cue_are_a_quote_of_their_own(pipeline) -> None:
    text = ("Kanzlerin Maria Lendl war zufrieden: Ja, wir streiten oft, sagte Lendl, aber: "
            "Wir arbeiten besser zusammen, als viele glauben.")
    found = quotes_of(pipeline, text)
    assert ("direct", "Ja, wir streiten oft", "Maria Lendl") in found
    assert ("direct", "Wir arbeiten besser zusammen, als viele glauben", "Maria Lendl") in found


def test_a_quote_after_a_colon_goes_on_behind_its_cue(pipeline) -> None:
    text = ("Die Sängerin Lena Hofbauer trat in Graz auf. Hofbauer antwortete auf Twitter: Wir haben keine Zeit, "
            "schrieb sie, wir müssen proben.")
    found = quotes_of(pipeline, text)
    assert found == [("direct", "Wir haben keine Zeit", "Lena Hofbauer"),
                     ("direct", "wir müssen proben", "Lena Hofbauer")]


def test_a_stance_with_sich_closes_the_quote_before_it(pipeline) -> None:
    text = "Bürgermeister Anton Reisinger kündigte Maßnahmen an. Ich bin enttäuscht, gab sich Reisinger zerknirscht."
    assert quotes_of(pipeline, text) == [("direct", "Ich bin enttäuscht", "Anton Reisinger")]


def test_a_stance_with_sich_and_a_role_closes_the_quote_of_the_last_speaker(pipeline) -> None:
    text = ("Bürgermeister Anton Reisinger kündigte Maßnahmen an. Wir handeln jetzt, sagte Reisinger. "
            "Ich bin enttäuscht, zeigte sich der Bürgermeister zerknirscht.")
    found = quotes_of(pipeline, text)
    assert found[-1] == ("direct", "Ich bin enttäuscht", "Anton Reisinger")


def test_a_statement_closed_by_a_named_speakers_feeling_is_his(pipeline) -> None:
    text = "Bürgermeister Anton Reisinger kündigte Maßnahmen an. Die Lage ist ernst, ärgerte sich Reisinger."
    found = quotes_of(pipeline, text)
    assert [(span, speaker) for _, span, speaker in found] == [("Die Lage ist ernst", "Anton Reisinger")]


def test_a_writers_clause_after_the_cue_is_no_quote(pipeline) -> None:
    text = "Den Kläger kenne er privat, sagt Anwalt Lutz Berger, nachdem wir ihn darauf ansprechen."
    found = quotes_of(pipeline, text)
    assert all("nachdem" not in span for _, span, _ in found)


def test_a_role_set_off_after_the_speakers_name_is_not_part_of_the_quote(pipeline) -> None:
    text = ("Der Pegel der Donau steigt weiter. Dem Magazin Wasserwelt sagte Anna Berger, Professorin für "
            "Hydrologie an der Universität Wien: Wir sprechen über eine ernste Lage.")
    assert quotes_of(pipeline, text) == [("direct", "Wir sprechen über eine ernste Lage", "Anna Berger")]


# --- the extent of unmarked direct quotes over sentences ---------------------------------------

def test_unmarked_words_after_a_colon_go_on_in_a_spoken_sentence(pipeline) -> None:
    text = "Trainer Jonas Brenner sagte: Die Mannschaft hat Charakter gezeigt. Das ist eben Fußball. " \
           "Die Liga pausiert nun bis Februar."
    found = [q for q in quotes_of(pipeline, text) if q[0] == "direct"]
    assert found == [("direct", "Die Mannschaft hat Charakter gezeigt. Das ist eben Fußball", "Jonas Brenner")]


def test_unmarked_words_before_their_cue_take_a_spoken_sentence_before_them(pipeline) -> None:
    text = "Die Saison endet im Mai. Am Ende zählt eben nur der Titel. Dafür arbeiten wir jeden Tag, sagte Trainerin Lea Sommer."
    found = [q for q in quotes_of(pipeline, text) if q[0] == "direct"]
    assert found == [("direct", "Am Ende zählt eben nur der Titel. Dafür arbeiten wir jeden Tag", "Lea Sommer")]


def test_a_sentence_between_two_parts_of_one_speakers_words_is_his_too(pipeline) -> None:
    text = "Kapitän Lukas Freitag blieb gelassen. Wir sind in guter Form. Die Konkurrenz aus der Hauptstadt hat " \
           "im Winter kräftig eingekauft und trainiert unter besseren Bedingungen. Wir müssen trotzdem gewinnen, " \
           "sagte Freitag."
    found = [q for q in quotes_of(pipeline, text) if q[0] == "direct"]
    assert len(found) == 1 and found[0][2] == "Lukas Freitag"
    assert found[0][1].startswith("Wir sind in guter Form. Die Konkurrenz") and found[0][1].endswith("trotzdem gewinnen")


def test_narration_after_unmarked_words_is_not_taken_into_them(pipeline) -> None:
    for after in ("Die Opposition kündigte am Dienstag Widerstand an.", "Peter Hansen sieht das ja anders.",
                  "Er setzt einmal mehr auf schnelle Lösungen.", "Die Entscheidung fiel erst spät."):
        text = f"Ministerin Eva Roth sagte: Die Reform kommt sicher. {after}"
        found = [q for q in quotes_of(pipeline, text) if q[0] == "direct"]
        assert found == [("direct", "Die Reform kommt sicher", "Eva Roth")], after


def test_a_generic_he_does_not_stop_the_speakers_words(pipeline) -> None:
    text = "Bürgermeisterin Clara Weiss erklärte: Die Regel ist klar. Wenn jemand zu spät kommt, muss er eben zahlen. " \
           "Der Gemeinderat stimmte zu."
    found = [q for q in quotes_of(pipeline, text) if q[0] == "direct"]
    assert found == [("direct", "Die Regel ist klar. Wenn jemand zu spät kommt, muss er eben zahlen", "Clara Weiss")]


def test_saying_through_lassen_is_a_cue_of_the_one_named_before(pipeline) -> None:
    text = "Ministerin Eva Roth verteidigte die Reform. Verärgert reagierte auch Gewerkschaftschef Tobias Lanz. " \
           "Wir lassen uns das nicht gefallen, ließ er die Ministerin wissen."
    found = [q for q in quotes_of(pipeline, text) if q[0] == "direct"]
    assert found == [("direct", "Wir lassen uns das nicht gefallen", "Tobias Lanz")]


def test_a_short_statement_of_the_writer_is_not_taken_into_the_words_before_it(pipeline) -> None:
    text = "Trainer Jonas Brenner sagte: Wir schauen auf die nächste Runde. Die Debatte geht weiter. " \
           "Der Verein liegt auf Platz zwei. Im Winter wird kräftig eingekauft, sagte Brenner."
    assert [q for q in quotes_of(pipeline, text) if q[0] == "direct"] == [
        ("direct", "Wir schauen auf die nächste Runde", "Jonas Brenner"),
        ("direct", "Im Winter wird kräftig eingekauft", "Jonas Brenner")]


def test_a_participle_before_its_noun_is_no_past_tense_narration(pipeline) -> None:
    # Text without quotation marks: "finanzierten" describes the projects, it narrates nothing.
    text = ("Das bringt die Frage der vom Bund finanzierten Projekte wieder auf den Tisch, sagte Karin Haller. "
            "Die Aufträge entwickelten sich zuletzt schwach, erklärte das Ministerium.")
    kinds = [kind for kind, _, _ in quotes_of(pipeline, text)]
    assert kinds == ["direct", "reported"]


def test_sollte_closing_a_clause_is_the_speakers_own_norm_not_past_tense(pipeline) -> None:
    text = "Die Regeln werden oft nicht so angewandt, wie es sein sollte, sagte Markus Berger."
    assert [(kind, speaker) for kind, _, speaker in quotes_of(pipeline, text)] == [("direct", "Markus Berger")]


def test_a_marked_quote_without_a_cue_after_a_cued_one_goes_on_with_its_speaker(pipeline) -> None:
    text = ("„Wir sind bereit“, sagte Markus Berger am Montag. Er ist seit Mai im Amt. „Wir geben nicht nach.“ "
            "Karin Haller widersprach. „Das ist falsch.“")
    assert [(kind, speaker) for kind, _, speaker in quotes_of(pipeline, text)] == [
        ("direct", "Markus Berger"), ("direct", "Markus Berger"), ("direct", "Karin Haller")]
