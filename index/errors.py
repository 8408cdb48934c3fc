"""Errors a user can cause. Each carries a sentence meant for a person."""

from __future__ import annotations


class ReaderError(Exception):
    """Base of every error whose message is shown to the user as it is."""


class IngestError(ReaderError):
    """A file that cannot be read as an article (bad format, empty, binary, ...)."""


class QueryError(ReaderError):
    """A search query that cannot be parsed."""


class UnknownArticle(ReaderError):
    def __init__(self, article_id: str):
        super().__init__(f"No article with id {article_id!r}.")
        self.article_id = article_id


class AmbiguousId(UnknownArticle):
    def __init__(self, prefix: str, count: int):
        ReaderError.__init__(self, f"{count} articles start with {prefix}; type more of the id.")
        self.article_id = prefix
        self.count = count


class UnknownEntity(ReaderError):
    def __init__(self, name: str):
        super().__init__(f"No entity called {name!r}.")
        self.name = name


class LibraryError(ReaderError):
    """The library on disk cannot be opened or written (locked, read-only, full, damaged)."""


class LibraryFull(LibraryError):
    """The disk under the library is full, or a file size limit was reached."""


class LibraryReadOnly(LibraryError):
    """The library's files cannot be written (read-only media or folder)."""


DAMAGED_MESSAGE = "The search index is damaged; rebuilding it from the library…"


class IndexDamaged(LibraryError):
    """Reading the search index failed on damaged files; the index must be rebuilt from the store."""

    def __init__(self, damage: list[str]):
        super().__init__(f"The search index is damaged ({'; '.join(damage[:3])}); "
                         "run 'reader doctor --fix' to rebuild it from the library.")
        self.damage = damage
