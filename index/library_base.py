"""What the parts of the Library (index.library) share: its state, and how a writer's work runs."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.bookmark_store import BookmarkStore
from index.store import Store
from index.work_lock import WorkLock

if TYPE_CHECKING:
    from index.entities import EntityPipeline  # loaded when first recognising (numpy, the model)
    from index.search.backend import SearchBackend
    from index.search.searching import Searcher
    from index.stories.background import BackgroundGrouping

# progress(done, total, current_path)
Progress = Callable[[int, int, str], None]
# notify(sentence): something the user should know while they wait
Notify = Callable[[str], None]


class LibraryBase:
    """The state every part of the Library uses (set in Library.__init__)."""

    data_dir: Path
    store: Store
    bookmarks: BookmarkStore
    work_lock: WorkLock
    aliases_file: Path
    cannot_write: str | None
    _notify: Notify | None
    _pipeline: EntityPipeline | None
    _grouping: BackgroundGrouping | None

    if TYPE_CHECKING:  # defined by the other parts
        @property
        def index(self) -> SearchBackend: ...
        @property
        def searcher(self) -> Searcher: ...
        def _finish_pending_work(self) -> None: ...
        def refresh_entities(self) -> None: ...
        def entity_pipeline(self) -> EntityPipeline: ...
        def resolve_id(self, article_id: str) -> str: ...
        def article(self, article_id: str) -> Any: ...
        def index_stored(self, ids: list[str], progress: Progress | None = None) -> int: ...


def writer_work(method):
    """A writer's work: done holding the work lock shared; the outermost call also finishes
    what the store records as pending (an interrupted writer's, a rebuild)."""

    @functools.wraps(method)
    def run(self: LibraryBase, *args, **kwargs):
        with self.work_lock.writing():
            result = method(self, *args, **kwargs)
            if self.work_lock.depth == 1:
                self._finish_pending_work()
        return result

    return run
