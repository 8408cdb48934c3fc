"""A word diff of two texts (difflib over words): what one outlet added to or cut from a copy."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_TOKENS = re.compile(r"\S+\s*")

SAME, REMOVED, ADDED = "=", "-", "+"


@dataclass
class Piece:
    kind: str  # SAME, REMOVED (only in the first text) or ADDED (only in the second)
    text: str  # words with the whitespace that follows them in their own text


def word_diff(first: str, second: str) -> list[Piece]:
    """The second text against the first, as runs of same, removed and added words. Words are
    compared without their trailing whitespace, so a rewrapped line is no change."""
    old, new = _TOKENS.findall(first), _TOKENS.findall(second)
    matcher = difflib.SequenceMatcher(None, [t.rstrip() for t in old], [t.rstrip() for t in new], autojunk=False)
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece(SAME, "".join(new[j1:j2])))
            continue
        if i2 > i1:
            removed = "".join(old[i1:i2])
            # A replacement reads "[-old-]{+new+} ": the removed words' own spacing is dropped.
            pieces.append(Piece(REMOVED, removed.rstrip() if j2 > j1 else removed))
        if j2 > j1:
            pieces.append(Piece(ADDED, "".join(new[j1:j2])))
    return pieces


def changed_words(pieces: list[Piece]) -> tuple[int, int]:
    """(words removed, words added)."""
    removed = sum(len(p.text.split()) for p in pieces if p.kind == REMOVED)
    added = sum(len(p.text.split()) for p in pieces if p.kind == ADDED)
    return removed, added


def marked(pieces: list[Piece]) -> str:
    """Plain text with git's word-diff markers: [-removed-] and {+added+}."""
    out = []
    for piece in pieces:
        if piece.kind == SAME:
            out.append(piece.text)
            continue
        words, space = piece.text.rstrip(), piece.text[len(piece.text.rstrip()):]
        out.append(f"[-{words}-]{space}" if piece.kind == REMOVED else f"{{+{words}+}}{space}")
    return "".join(out)
