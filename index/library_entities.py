"""The Library's entities: recognition with the user's corrections, corpus-wide linking, and
the lookups person:/org:/place:/agency: searches resolve names with."""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

from index import store_entities, store_quotes
from index.errors import LibraryError, UnknownEntity
from index.speaker_names import add_speaker_names
from index.faults import crash_point
from index.library_base import LibraryBase, writer_work
from index.models import Entity, EntityMention, Mention, Quote
from index.store import LINK_ENTITIES

if TYPE_CHECKING:
    from index.entities import EntityPipeline  # loaded when first recognising (numpy, the model)


# An entity named in the title counts as this many mentions more, as a word in the title weighs
# three times one in the body.
TITLE_MENTION_WEIGHT = 3


def entity_terms(mentions: list[tuple[str, str]], title: str) -> list[str]:
    """The index terms person:/org:/place:/other: search: an article's raw entity ids, one per
    mention (how often it is named is what ranks it), and TITLE_MENTION_WEIGHT more for each named
    in the title (by any of the words the body names it with)."""
    terms = [raw for raw, _text in mentions]
    title_words = f" {_words(title)} "
    named: dict[str, set[str]] = {}
    for raw, text in mentions:
        named.setdefault(raw, set()).add(_words(text))
    for raw, texts in named.items():
        if any(text and f" {text} " in title_words for text in texts):
            terms.extend([raw] * TITLE_MENTION_WEIGHT)
    return terms


def _words(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def agency_terms(names: list[str]) -> list[str]:
    """The index terms agency:dpa searches by (beside the entity ids, in the same field)."""
    return [f"agency:{name.strip().lower()}" for name in names if name.strip()]


class EntitiesPart(LibraryBase):
    def mentions(self, article_id: str) -> list[Mention]:
        """The entity mentions of one article, in body order, with final entity ids."""
        return store_entities.article_mentions(self.store, self.resolve_id(article_id))

    def entities(self, kind: str | None = None, article_id: str | None = None) -> list[Entity]:
        """Entities, most mentioned first. With an article: only its entities, and mention counts within it."""
        if article_id is not None:
            article_id = self.article(article_id).id
        return store_entities.list_entities(self.store, kind=kind, article_id=article_id)

    def entity(self, name_or_id: str) -> Entity:
        """An entity by id, name or alias (the most mentioned one when a name is ambiguous)."""
        found = store_entities.find_entities(self.store, name_or_id)
        if not found:
            raise UnknownEntity(name_or_id)
        entities = store_entities.describe_entities(self.store, [entity_id for entity_id, _ in found])
        if not entities:
            raise UnknownEntity(name_or_id)
        return max(entities, key=lambda e: (e.mentions, e.id))

    def entity_mentions(self, name_or_id: str) -> list[EntityMention]:
        """Every mention of an entity in the corpus, oldest article first."""
        return store_entities.entity_mentions(self.store, self.entity(name_or_id).id)

    def _raw_entity_ids(self, kind: str, text: str) -> list[str]:
        if kind == "agency":
            return agency_terms([text])
        ids = [entity_id for entity_id, found_kind in store_entities.find_entities(self.store, text)
               if found_kind == kind or kind == "said"]  # a speaker may be of any kind
        return store_entities.raw_ids_for(self.store, ids)

    def entity_pipeline(self) -> EntityPipeline:
        """The recogniser and linker, loaded on first use (the app's first paint must not wait)."""
        if self._pipeline is None:
            from index.entities import EntityPipeline

            self._pipeline = EntityPipeline.load(self.aliases_file)
        return self._pipeline

    def extract(self, text: str) -> list[Mention]:
        """Recognise and link entities in any text (offsets into that text), with the user's corrections."""
        return self.extract_with_quotes(text, quotes=False)[0]

    def extract_with_quotes(self, text: str, quotes: bool = True) -> tuple[list[Mention], list[Quote]]:
        """Entities and (when asked) quotes of any text, speakers linked like the mentions."""
        from index.entities.quotes import find_quotes  # the recogniser's package: loaded with the pipeline

        pipeline = self.entity_pipeline()
        mentions = add_speaker_names(text, pipeline.extract(text))
        resolution = pipeline.resolve(store_entities.records_of(mentions))
        linked = []
        for mention in mentions:
            entity = resolution.get(mention.entity)
            if entity is not None:
                linked.append(mention.model_copy(update={"entity": entity.id, "kind": entity.kind}))
        found = []
        for quote in find_quotes(text, mentions) if quotes else []:
            speaker = resolution.get(quote.speaker) if quote.speaker else None
            found.append(quote.model_copy(update={"speaker": speaker.id if speaker else None}))
        return linked, found

    def quotes(self, article_id: str) -> list[Quote]:
        """An article's quotes in body order, speakers as final entity ids."""
        article = self.article(article_id)
        return store_quotes.article_quotes(self.store, article.id, article.body)

    def quotes_of(self, name_or_id: str | None = None, limit: int | None = None) -> list[dict]:
        """Quotes across the library, newest first: of one entity (any alias), or everyone's."""
        entity_id = self.entity(name_or_id).id if name_or_id else None
        return store_quotes.quote_rows(self.store, entity_id, limit)

    def entity_profile(self, name_or_id: str, by: str = "day") -> dict:
        """An entity's profile: counts, timeline, who it appears with, sources, latest quotes."""
        return store_quotes.entity_profile(self.store, self.entity(name_or_id), by)

    def _aliases_stamp(self) -> str:
        try:
            return hashlib.sha256(self.aliases_file.read_bytes()).hexdigest()
        except FileNotFoundError:
            return "none"
        except OSError as exc:
            raise LibraryError(f"Cannot read the aliases file {self.aliases_file}: {exc.strerror}.") from exc

    @writer_work
    def refresh_entities(self) -> None:
        """Corpus-level linking and the user's corrections, over every mention in the library."""
        crash_point("linking-entities")
        pipeline = self.entity_pipeline()
        stamp = self._aliases_stamp()
        generation = self.store.pending_generation(LINK_ENTITIES)  # before the mentions are read
        linking, finals = pipeline.resolve_linking(store_entities.entity_records(self.store))
        store_entities.write_linking(self.store, linking, finals, generation)
        self.store.set_meta("aliases_stamp", stamp)

    @writer_work
    def correct_entity(self, entity_id: str, change: str, value: str = "") -> None:
        """Correct one entity, by its id, in the aliases file and at once in the library:
        "rename" (value: the new name), "merge" (value: the id of the entity it is part of),
        "kind" (value: person, org, place or other) or "suppress" (it is no entity)."""
        if self.store.read_only:
            raise self.store.refusal("entities cannot be corrected in it")
        found = store_entities.describe_entities(self.store, [entity_id])
        if not found:
            raise UnknownEntity(entity_id)
        into = ""
        if change == "merge":
            target = store_entities.describe_entities(self.store, [value])
            if not target:
                raise UnknownEntity(value)
            into = target[0].name
        from index.entities import corrections  # the recogniser's package: loaded only to correct

        corrections.record(self.aliases_file, change, entity_id, found[0].name, value, into)
        self._pipeline = None  # read the file again
        self.refresh_entities()

    def _corrections_changed(self) -> bool:
        return self.store.get_meta("aliases_stamp") != self._aliases_stamp()
