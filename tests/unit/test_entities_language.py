"""Text in another language: the recogniser reads German, so there it keeps to the names its
list knows instead of taking sentence words for people and places."""

from __future__ import annotations

import pytest

from index.entities import EntityPipeline
from index.entities.language import is_german

FRENCH = ("Les citoyens sont de plus en plus invités à prendre la parole. Pour Emmanuel Macron, le débat est "
          "ouvert à Paris et à Lyon. Mais pour quel résultat ? Les comités d'éthique et les États Généraux de "
          "l'Éducation se multiplient, et la question de la représentation reste posée dans toute la France.")
ENGLISH = ("Microsoft said on Tuesday that its cloud service had recovered. Users in London could not reach "
           "their mail for hours, and several analysts said the outage showed how much companies depend on a "
           "handful of providers. Mercurial's maintainers moved their servers to Hetzner Tuesday.")
GERMAN = ("Die Bürgermeisterin Annegret Kowalczyk sagte am Montag in Husum, die Stadt werde den Hafen bis zum "
          "Herbst sanieren lassen. Kowalczyk hatte den Plan im Frühjahr vorgestellt; der Gemeinderat stimmte "
          "nun mit großer Mehrheit zu, obwohl die Kosten seither um ein Drittel gestiegen sind.")


@pytest.fixture(scope="module")
def pipeline() -> EntityPipeline:
    return EntityPipeline.load()


def found(pipeline: EntityPipeline, text: str) -> dict[str, str]:
    return {m.text: m.entity for m in pipeline.extract(text) if not m.partial}


def test_french_sentence_words_are_no_names_and_listed_names_are_found(pipeline) -> None:
    names = found(pipeline, FRENCH)
    assert names["Emmanuel Macron"] == "person:emmanuel-macron"
    assert names["Paris"] == "place:paris"
    assert not {"Les", "Pour", "Pour Emmanuel Macron", "Mais"} & names.keys()


def test_english_possessives_are_no_people(pipeline) -> None:
    names = found(pipeline, ENGLISH)
    assert names["Microsoft"] == "org:microsoft"
    assert names["London"] == "place:london"
    assert not any(name.startswith("Mercurial") for name in names)


def test_german_text_keeps_the_names_nobody_listed(pipeline) -> None:
    names = found(pipeline, GERMAN)
    assert names["Annegret Kowalczyk"].startswith("person:")
    assert "Husum" in names


def test_a_short_text_counts_as_german() -> None:
    assert is_german("Merz in Paris")
    assert not is_german(FRENCH)
    assert is_german(GERMAN)
