"""What one query may cost, decided before and while it runs, so none runs for a minute.

A word costs about the same per segment to rank and highlight whatever its length (its
statistics, its posting list read and decoded, its scores, its pattern in the snippets), and
every posting adds to it; a range like ``[a TO z]`` names most words of the index (what it cost
is in bench/HISTORY.md). So a query is refused with one sentence when:

- its ranges, prefixes, wildcards and fuzzy words name more than MAX_EXPANDED_WORDS words of
  the index in all (counted before anything is ranked);
- a wildcard or fuzzy word would compare more than MAX_COMPARED_WORDS words of the index to
  find its own (counted from the term files' positions, without reading the words);
- ranking it would read more than MAX_POSTINGS postings (counted as they are read).
"""

from __future__ import annotations

from index.errors import QueryError

MAX_EXPANDED_WORDS = 300
MAX_COMPARED_WORDS = 20_000
MAX_POSTINGS = 2_000_000


class QueryTooCostly(QueryError):
    """A query that would take too long to answer; the sentence says what to narrow."""


class ExpansionBudget:
    """The words a query's ranges, prefixes, wildcards and fuzzy words have named so far."""

    def __init__(self) -> None:
        self.words = 0

    def spend(self, count: int, part: str) -> None:
        """Count ``count`` more words for ``part`` (as the user wrote it); refuse past the limit."""
        if count > MAX_EXPANDED_WORDS:
            raise QueryTooCostly(f"{part} matches too many words (more than {MAX_EXPANDED_WORDS:,}); narrow it.")
        self.words += count
        if self.words > MAX_EXPANDED_WORDS:
            raise QueryTooCostly(f"The query's ranges, prefixes and wildcards match too many words in all "
                                 f"(more than {MAX_EXPANDED_WORDS:,}); narrow them.")


def check_compared(count: int, part: str) -> None:
    """Refuse a wildcard or fuzzy word that would compare ``count`` words of the index."""
    if count > MAX_COMPARED_WORDS:
        raise QueryTooCostly(f"{part} would be compared with too many words of the index; give it more "
                             "letters before its first * or ?, or keep its first letters (word~2).")


class PostingBudget:
    """Postings one query has read; refuses past MAX_POSTINGS."""

    def __init__(self) -> None:
        self.read = 0

    def spend(self, count: int) -> None:
        self.read += count
        if self.read > MAX_POSTINGS:
            raise QueryTooCostly("The query asks for too many common words at once to answer quickly; "
                                 "narrow it (fewer or longer prefixes, fewer alternatives).")
