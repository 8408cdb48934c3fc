"""The main screen's entity pane, hop target, n / N and the mentions screen.

A mixin of MainScreen (which provides the panes, `reading`, the workers and `_open`). Its
handlers are named on_* rather than decorated with @on, which only registers on Textual classes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.ui.hops import HopTrail
from reader.ui.messages import EntitiesLoaded, EntityCorrected, TrailLoaded
from reader.ui.reading import mention_place
from reader.ui.widgets.entity_pane import EntityPane

if TYPE_CHECKING:
    from index.models import Entity, EntityMention
    from reader.ui.screens.main import MainScreen

NO_ENTITY = "Choose an entity first: Tab to the entity pane and press Enter on a name."
# A narrow terminal hides the entity pane: Tab cannot reach it until F3 shows it.
NO_ENTITY_PANE_HIDDEN = "Choose an entity first: F3 shows the entity pane; Tab to it and press Enter on a name."


class EntityActions:
    """Everything the reader does with entities on the main screen."""

    def ask_for_entity(self: MainScreen) -> None:
        self.notify(NO_ENTITY if self.entity_pane.display else NO_ENTITY_PANE_HIDDEN)

    def on_entity_pane_chosen(self: MainScreen, event: EntityPane.Chosen) -> None:
        if self.entity_scope == "results":
            from index.facets import quoted

            self.narrow(f"{event.entity.kind}:{quoted(event.entity.name)}")
            return
        self.set_status(f"Finding every mention of {event.entity.name}…")
        self.load_trail(event.entity)

    def on_trail_loaded(self: MainScreen, event: TrailLoaded) -> None:
        trail = HopTrail(event.entity, event.mentions)
        self.reading.follow(trail)
        self.entity_pane.mark_target(event.entity.id)
        if event.show_screen:
            self._push_mentions()
        elif event.jump_to is not None:
            self._go_to_mention(trail.jump_to(event.jump_to))
        else:
            self._repaint()

    def action_next_mention(self: MainScreen) -> None:
        self._step_mention(forward=True)

    def action_previous_mention(self: MainScreen) -> None:
        self._step_mention(forward=False)

    def _step_mention(self: MainScreen, forward: bool) -> None:
        if self.trail is None:
            self.ask_for_entity()
            return
        step = self.reading.step_mention(forward)
        if step is None:
            self.notify(f"No mentions of {self.trail.entity.name} in the library.")
            return
        mention, wrapped = step
        if wrapped:
            self.notify("Back at the first mention." if forward else "Back at the last mention.")
        self._go_to_mention(mention)

    def _go_to_mention(self: MainScreen, mention: EntityMention) -> None:
        if self.reading.article_id == mention.article:
            self.reading.place = mention_place(mention)
            self._repaint()
        else:
            self._open(mention.article, mention_place(mention))

    def action_toggle_entity_scope(self: MainScreen) -> None:
        """This article, then (while searching) these results, then all articles."""
        scopes = ["article", "results", "library"] if self.search_text.strip() else ["article", "library"]
        self.entity_scope = scopes[(scopes.index(self.entity_scope) + 1) % len(scopes)] \
            if self.entity_scope in scopes else "article"
        if self.entity_scope == "library":
            self.entity_pane.show_entities([], "library", "Counting every entity in the library…")
            self.load_library_entities()
        elif self.entity_scope == "results":
            self.show_result_entities()
        else:
            self._show_article_entities()
        if not self.entity_pane.display:
            self._show_entities = True
            self._pane_asked_last = "entities"
            self._apply_layout()
        self.focus_entities_if_narrow()

    def _show_article_entities(self: MainScreen) -> None:
        """The open article's entities in the pane, asking the library for them if they are not here yet."""
        opened = self.opened
        if opened is None:
            self.entity_pane.show_entities([], "article", "Open an article to see who and what it mentions.")
        elif opened.entities is None:
            self.entity_pane.show_entities([], "article", "Finding who and what it mentions…")
            self.load_article_entities(opened.article.id)
        else:
            self.entity_pane.show_entities(opened.entities, "article", "No people, organisations or places found.")
            self.entity_pane.mark_target(self.reading.target_id)

    def show_result_entities(self: MainScreen) -> None:
        """The entities of the current query's results in the pane (Enter narrows the query)."""
        self.entity_pane.show_entities([], "results", "Counting the entities of the results…")
        self.load_result_entities(self.search_text)

    def on_entities_loaded(self: MainScreen, event: EntitiesLoaded) -> None:
        if event.scope == "article":
            if self.opened is None or event.article_id != self.opened.article.id:
                return  # the reader has opened another article since
            self.opened.entities = event.entities
        if event.scope == "results" and event.query != self.search_text:
            return  # the query has changed since
        if self.entity_scope == event.scope:
            empty = {"article": "No people, organisations or places found.",
                     "results": "The results mention no people, organisations or places.",
                     "library": "No entities in the library yet."}[event.scope]
            self.entity_pane.show_entities(event.entities, event.scope, empty)  # type: ignore[arg-type]
            self.entity_pane.mark_target(self.reading.target_id)

    def on_entity_pane_correct_requested(self: MainScreen, event: EntityPane.CorrectRequested) -> None:
        self.set_status(f"Correcting {event.entity.name}…")
        self.load_correction_choices(event.entity)

    def ask_correction(self: MainScreen, entity: Entity, others: list[Entity]) -> None:
        """The question, once the entities to merge into are known (from a worker)."""
        from reader.ui.screens.entity_correction import CorrectEntity

        def answered(correction: tuple[str, str] | None) -> None:
            if correction is None:
                self.set_status("")
            else:
                self.correct_entity(entity, *correction)

        self.app.push_screen(CorrectEntity(entity, others), answered)

    def on_entity_corrected(self: MainScreen, event: EntityCorrected) -> None:
        """Everything on screen that shows entities is asked for again."""
        self.set_status(event.summary)
        self.notify(event.summary)
        if self.trail is not None and self.trail.entity.id == event.entity_id:
            self.reading.trail = None  # its id may be gone: choose it again
            self.entity_pane.mark_target(None)
        if self.opened is not None:
            self._open(self.opened.article.id, self.reading.place)
        if self.entity_scope == "library":
            self.load_library_entities()

    def action_mentions(self: MainScreen) -> None:
        entity = self.trail.entity if self.trail else self.entity_pane.highlighted_entity
        if entity is None:
            self.ask_for_entity()
        elif self.trail is not None and self.trail.entity.id == entity.id:
            self._push_mentions()
        else:
            self.set_status(f"Finding every mention of {entity.name}…")
            self.load_trail(entity, show_screen=True)

    def _push_mentions(self: MainScreen) -> None:
        from reader.ui.screens.mentions import MentionsScreen

        trail = self.trail
        assert trail is not None

        def jump(index: int | None) -> None:
            if index is not None and self.trail is trail:
                self._go_to_mention(trail.jump_to(index))

        self.app.push_screen(MentionsScreen(trail.entity, trail.mentions, trail.position), jump)

