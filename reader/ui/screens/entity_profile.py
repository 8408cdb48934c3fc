"""One entity at a glance: its articles over time, who it appears with, its sources and latest quotes.
Enter on an entity it appears with makes that one the hop target."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Label, OptionList, Sparkline, Static
from textual.widgets.option_list import Option

from reader.terminal import shortened, visible
from reader.ui.format import plural, shown
from reader.ui.widgets.whole_keys_footer import WholeKeysFooter

if TYPE_CHECKING:
    from index.library import Library
    from index.models import Entity


MAX_DAYS = 400


def _with_empty_days(timeline: list[dict], by: str) -> list[int]:
    """Counts per day from the first to the last, days without articles as 0, so the chart's
    shape is time (weeks are shown as they come)."""
    if by != "day" or not timeline:
        return [point["articles"] for point in timeline]
    from datetime import date, timedelta

    counts = {point["date"]: point["articles"] for point in timeline}
    first, last = date.fromisoformat(timeline[0]["date"]), date.fromisoformat(timeline[-1]["date"])
    if (last - first).days > MAX_DAYS:
        return [point["articles"] for point in timeline]
    return [counts.get((first + timedelta(days=k)).isoformat(), 0) for k in range((last - first).days + 1)]


class EntityProfileScreen(Screen["Entity | None"]):
    """Dismisses with the entity chosen from "appears with" (the new hop target), or None."""

    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("w", "toggle_weeks", "Days/weeks"),
    ]
    DEFAULT_CSS = """
    EntityProfileScreen #profile-timeline { height: 4; margin: 0 1; }
    EntityProfileScreen #profile-columns { height: 1fr; }
    EntityProfileScreen #profile-with { width: 1fr; border: round $primary; }
    EntityProfileScreen #profile-side { width: 2fr; }
    EntityProfileScreen #profile-sources, EntityProfileScreen #profile-quotes { border: round $primary; padding: 0 1; }
    """

    def __init__(self, library: Library, entity: Entity) -> None:
        super().__init__()
        self.library = library
        self.entity = entity
        self.by = "day"
        self.profile: dict | None = None

    def compose(self) -> ComposeResult:
        self.sub_title = "profile"
        yield Header()
        yield Label(shown(f"{self.entity.name}…"), id="profile-title")
        yield Label("", id="profile-timeline-label")
        yield Sparkline([], id="profile-timeline")
        with Horizontal(id="profile-columns"):
            yield OptionList(id="profile-with")
            with Vertical(id="profile-side"):
                yield Static("", id="profile-sources")
                yield Static("", id="profile-quotes")
        yield WholeKeysFooter()

    def on_mount(self) -> None:
        self.query_one("#profile-with", OptionList).border_title = "Appears with · Enter: hop target"
        self.query_one("#profile-sources", Static).border_title = "Sources"
        self.query_one("#profile-quotes", Static).border_title = "Latest quotes"
        self.query_one("#profile-with", OptionList).focus()
        self.load()

    @work(thread=True, exclusive=True, group="profile")
    def load(self) -> None:
        profile = self.library.entity_profile(self.entity.id, by=self.by)
        self.app.call_from_thread(self._show, profile)

    def _show(self, profile: dict) -> None:
        self.profile = profile
        aka = f" · also {', '.join(profile['aliases'][:4])}" if profile["aliases"] else ""
        roles = f" · {', '.join(profile['roles'][:3])}" if profile["roles"] else ""
        self.query_one("#profile-title", Label).update(shown(
            f"{profile['name']} ({profile['kind']}){roles}{aka} — {plural(profile['articles'], 'article')}, "
            f"{plural(profile['mentions'], 'mention')}"))
        timeline = profile["timeline"]
        label = self.query_one("#profile-timeline-label", Label)
        chart = self.query_one("#profile-timeline", Sparkline)
        if timeline:  # a chart of no dates would be one even, full bar
            label.update(shown(f"Articles per {self.by} · {timeline[0]['date']} … {timeline[-1]['date']} · "
                               f"peak {max(p['articles'] for p in timeline)}"))
            chart.data = _with_empty_days(timeline, self.by)
        else:
            label.update(shown(f"No dated articles: {profile['name']} has no timeline."))
        chart.display = bool(timeline)
        with_list = self.query_one("#profile-with", OptionList)
        with_list.clear_options()
        for other in profile["appears_with"]:
            with_list.add_option(Option(Text(visible(f"{other['name']}  ({other['kind']}, {other['articles']})")),
                                        id=other["entity"]))
        if not profile["appears_with"]:
            with_list.add_option(Option(Text("Nobody else yet.", style="italic"), disabled=True))
        sources = "\n".join(f"{s['articles']:>4}  {s['source']}" for s in profile["sources"][:8]) or "–"
        self.query_one("#profile-sources", Static).update(Text(visible(sources)))
        quotes = Text()
        for q in profile["quotes"]:
            quotes.append(f"{(q['published'] or '–')[:10]} ", style="dim")
            quotes.append(visible(shortened(q["text"], 160)) + "\n")
        self.query_one("#profile-quotes", Static).update(quotes if profile["quotes"] else Text("No quotes.", style="italic"))

    @on(OptionList.OptionSelected, "#profile-with")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.profile is None or event.option.id is None:
            return
        from index.models import Entity

        other = next(o for o in self.profile["appears_with"] if o["entity"] == event.option.id)
        self.dismiss(Entity(id=other["entity"], name=other["name"], kind=other["kind"], articles=other["articles"]))

    def action_toggle_weeks(self) -> None:
        self.by = "week" if self.by == "day" else "day"
        self.load()

    def action_close(self) -> None:
        self.dismiss(None)
