"""Full-text search: the query language, the backend interface, highlighting and snippets.

The engine is a subpackage of this one that provides ``open_backend(directory)`` and
``prepare(title, body)`` (the :class:`index.search.backend.Engine` protocol); nothing else in the
project names it. With one engine package installed that one is used; with several,
``READER_SEARCH_ENGINE`` names the one to use.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from functools import cache
from typing import cast

from index.search.backend import Engine

ENGINE_VARIABLE = "READER_SEARCH_ENGINE"


def engine_names() -> list[str]:
    """The engine packages under index/search/."""
    return sorted(module.name for module in pkgutil.iter_modules(__path__) if module.ispkg)


@cache
def _engine(name: str) -> Engine:
    return cast(Engine, importlib.import_module(f"{__name__}.{name}"))


def engine(name: str | None = None) -> Engine:
    """The engine named (by the argument or READER_SEARCH_ENGINE), or the only one there is."""
    name = name or os.environ.get(ENGINE_VARIABLE)
    names = engine_names()
    if name is None:
        if len(names) != 1:
            raise RuntimeError(f"Set {ENGINE_VARIABLE} to one of the search engines: {', '.join(names)}.")
        name = names[0]
    if name not in names:
        raise RuntimeError(f"There is no search engine {name!r}; there are: {', '.join(names)}.")
    return _engine(name)
