"""Painted lines freed as soon as they are replaced, not by the garbage collector.

Textual's `Strip.divide` caches its result on the strip, and a strip divided at its own end is
its own result: the strip holds a list holding itself. Every line the compositor paints whole
becomes a reference cycle when it is replaced, with its segments and its seven small caches, and
only a full collection frees them: while a reader types a search, thousands of objects every
few keys, and a pause on one of the keys. Not caching that one result (it costs nothing to
compute) leaves no cycle. Applied once, when the app is imported.
"""

from __future__ import annotations

from textual.strip import Strip

_divide = Strip.divide


def _divide_without_self_cycle(self: Strip, cuts):
    cuts = [cut for cut in cuts if cut <= self.cell_length]
    if cuts == [self.cell_length]:
        return [self]
    return _divide(self, cuts)


def keep_strips_acyclic() -> None:
    if Strip.divide is not _divide_without_self_cycle:
        Strip.divide = _divide_without_self_cycle
