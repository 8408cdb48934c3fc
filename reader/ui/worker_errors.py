"""Errors raised in a thread worker become a notification, never a crash of the app."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from textual.dom import DOMNode

from index.errors import ReaderError

log = logging.getLogger(__name__)


@contextmanager
def reporting_errors(node: DOMNode, doing: str) -> Iterator[None]:
    """Use inside a thread worker: a user's error is shown as its sentence; anything else is logged."""
    try:
        yield
    except ReaderError as exc:
        node.app.call_from_thread(node.app.notify, str(exc), severity="error")
    except Exception as exc:  # noqa: BLE001 - the UI must survive; the log keeps the traceback
        log.exception("failed to %s", doing)
        node.app.call_from_thread(
            node.app.notify,
            f"Could not {doing} ({type(exc).__name__}: {exc}). Details are in reader.log in the data directory.",
            severity="error",
        )
