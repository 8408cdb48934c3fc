"""The recogniser's span: a run of tokens (or part of one) naming an entity of some kind."""

from __future__ import annotations

from dataclasses import dataclass

from .gazetteer import GazetteerEntry


@dataclass
class Span:
    start: int  # token index
    end: int  # token index, exclusive
    kind: str
    entry: GazetteerEntry | None = None
    role: str | None = None
    # For a part of a hyphenated token: character offsets of the part.
    part: tuple[int, int] | None = None
    # Found by the CRF (not by a rule or a list): its marginals may say it is doubtful.
    from_model: bool = False
    # A copy of a name found elsewhere in the text: no evidence of its kind of its own.
    copied: bool = False


def covered_tokens(spans: list[Span]) -> set[int]:
    """Indices of the tokens inside any of `spans`."""
    covered: set[int] = set()
    for s in spans:
        covered.update(range(s.start, s.end))
    return covered
