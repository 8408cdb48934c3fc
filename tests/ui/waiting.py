"""Bounded waits for Pilot tests: poll what the app shows instead of sleeping for a duration."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from textual.pilot import Pilot

T = TypeVar("T")

TIMEOUT = 15.0


async def wait_for(pilot: Pilot, predicate: Callable[[], bool], *, description: str,
                   seconds: float = TIMEOUT) -> None:
    """Pump the app until `predicate` holds, or fail naming what never happened."""
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {seconds}s waiting for {description}")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.01)


async def wait_for_value(pilot: Pilot, get: Callable[[], T | None], *, description: str,
                         seconds: float = TIMEOUT) -> T:
    value: T | None = None

    def arrived() -> bool:
        nonlocal value
        value = get()
        return value is not None

    await wait_for(pilot, arrived, description=description, seconds=seconds)
    assert value is not None
    return value


async def settle(pilot: Pilot) -> None:
    """Let running workers finish and their messages be handled."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def wait_for_first_rows(pilot: Pilot, seconds: float = 5.0) -> None:
    """Pump the app until its list has rows, without waiting for workers (a test may be holding
    the one that opens the library)."""
    article_list = pilot.app.main_screen.article_list
    deadline = time.monotonic() + seconds
    while not article_list.article_ids and time.monotonic() < deadline:
        await pilot.pause(0.01)
