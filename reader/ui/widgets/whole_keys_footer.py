"""A footer that never cuts a key's description in two: keys that do not fit are left out whole
(every key is still in the help screen, ?, and the command palette)."""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class WholeKeysFooter(Footer):
    async def recompose(self) -> None:
        if self.children and self.screen is not self.app.screen:
            # Behind a dialog (pushing it changes the bindings) the keys cannot be measured, and
            # they would all show, cut at the edge: keep the ones fitted until it closes.
            return
        await super().recompose()
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        for key in self._keys():
            key.display = True  # measured again at the new width
        self.call_after_refresh(self._fit)

    def _keys(self) -> list[FooterKey]:
        return [key for key in self.query(FooterKey) if not key.has_class("-command-palette")]

    def _fit(self) -> None:
        palettes = [key for key in self.query(FooterKey) if key.has_class("-command-palette")]
        limit = palettes[0].region.x if palettes and palettes[0].display else self.region.right
        cut = False
        for key in self._keys():
            cut = cut or key.region.right > limit
            if cut:
                key.display = False
