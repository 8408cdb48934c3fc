"""The Whoosh search engine (whoosh-reloaded 2.7.5), much of it rebuilt for speed: every module
that knows Whoosh is in this package, and README.md here lists the private Whoosh names it uses.

The engine protocol (index.search.backend.Engine): open_backend() and prepare().
"""

from __future__ import annotations

import importlib
import inspect
import sys
import threading
import types
from collections.abc import Callable
from pathlib import Path


def _calling_the_real(module_name: str, name: str) -> Callable:
    def call(*args, **kwargs):
        return getattr(importlib.import_module(module_name), name)(*args, **kwargs)

    return call


def _is_coroutine_function(function) -> bool:
    """asyncio.iscoroutinefunction, without importing asyncio: until it is imported nothing can
    carry its old-style coroutine marker, and inspect gives the same answer."""
    asyncio = sys.modules.get("asyncio")
    if asyncio is not None and hasattr(asyncio, "iscoroutinefunction"):
        return asyncio.iscoroutinefunction(function)
    return inspect.iscoroutinefunction(function)


# Modules Whoosh's imports load for a function or two a search never needs (whoosh.compat:
# urllib.request's urlretrieve; cached_property, behind Whoosh's deleted_docs_set: asyncio's
# coroutine check; whoosh.query.terms: English word variations, a large regular expression):
# with SSL, sockets, HTTP and e-mail parsing ~30 ms of a `reader search`.
_DEFERRED: dict[str, tuple[str, dict[str, Callable]]] = {
    "whoosh.compat": ("urllib.request", {"urlretrieve": _calling_the_real("urllib.request", "urlretrieve")}),
    "cached_property": ("asyncio", {"iscoroutinefunction": _is_coroutine_function,
                                    "ensure_future": _calling_the_real("asyncio", "ensure_future")}),
    "whoosh.query.terms": ("whoosh.lang.morph_en", {"variations": _calling_the_real("whoosh.lang.morph_en",
                                                                                    "variations")}),
}


def _import_deferring() -> None:
    """Import each of _DEFERRED's importers while the module it would load is a stand-in with
    the functions it uses, then take the stand-in away: only that importer holds it, and the
    real module loads when something else imports it. Done only while no other thread could
    import the same module meanwhile, and only if neither module is loaded yet."""
    for importer, (module_name, functions) in _DEFERRED.items():
        if importer in sys.modules or module_name in sys.modules or threading.active_count() != 1:
            continue
        stand_in = types.ModuleType(module_name)
        stand_in.__dict__.update(functions)
        sys.modules[module_name] = stand_in
        try:
            importlib.import_module(importer)
        except ImportError:  # another version that wants more of the module: it gets the real one
            pass
        finally:
            if sys.modules.get(module_name) is stand_in:
                del sys.modules[module_name]


_import_deferring()

from index.search.whoosh.engine import WhooshBackend  # noqa: E402 - after _import_deferring()


def open_backend(directory: Path) -> WhooshBackend:
    return WhooshBackend.open(directory)


def prepare(title: str, body: str) -> bytes:
    """An article's title and body postings, made by an import worker (index.search.whoosh.prepared)."""
    from index.search.whoosh.prepared import prepare as prepare_postings
    from index.search.whoosh.schema import reference_schema

    return prepare_postings(reference_schema(), title, body)
