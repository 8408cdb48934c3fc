"""Debug hooks for the fault tests, inert unless their environment variable is set.

``READER_DEBUG_KILL_AT=STEP`` kills the process with SIGKILL when it reaches the named step
(see KILL_STEPS): the tests interrupt an import or a reindex at an exact point, not a timed one.
``READER_DEBUG_STOP_AT=STEP`` stops it there once with SIGSTOP instead (a live writer caught in
the middle of its work, until the test sends SIGCONT).
``READER_DEBUG_FAIL_RECOGNITION=WORD`` makes entity recognition raise on every text containing
WORD: an enrichment bug, on chosen articles.
"""

from __future__ import annotations

import os
import signal

KILL_AT = "READER_DEBUG_KILL_AT"
STOP_AT = "READER_DEBUG_STOP_AT"
FAIL_RECOGNITION = "READER_DEBUG_FAIL_RECOGNITION"

# The steps a writer passes, in order, that the kill hook knows.
KILL_STEPS = (
    "articles-stored",     # a batch of articles committed to the store, not yet to the search index
    "articles-indexed",    # a batch committed to both; entities not linked yet
    "linking-entities",    # every batch in; corpus-wide entity linking about to start
    "grouping-batch",      # an import's grouping process (index.stories.background) took a batch
    "reindex-marked",      # reindex: every article marked unindexed, the index still full
    "reindex-cleared",     # reindex: the index emptied, nothing re-added yet
)


_stopped: set[str] = set()


class InjectedFailure(RuntimeError):
    """The failure READER_DEBUG_FAIL_RECOGNITION asks for."""


def crash_point(step: str) -> None:
    if os.environ.get(KILL_AT) == step:
        os.kill(os.getpid(), signal.SIGKILL)
    if os.environ.get(STOP_AT) == step and step not in _stopped:
        _stopped.add(step)  # once: the test continues the process to let it finish
        os.kill(os.getpid(), signal.SIGSTOP)


def check_recognition(text: str) -> None:
    word = os.environ.get(FAIL_RECOGNITION)
    if word and word in text:
        raise InjectedFailure(f"injected recognition failure ({FAIL_RECOGNITION}={word})")
