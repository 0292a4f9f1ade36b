"""The key footer: Textual's ``Footer`` that rebuilds its keys only when they change."""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer


class Kaki(Footer):
    """``Footer`` recomposes (a fresh widget per key) on every bindings signal: a focus move,
    a ``refresh_bindings``, a mount. Opening a screen sends several, and each rebuild cost a
    few milliseconds of styling and layout before the first paint. Here a rebuild happens only
    when the keys it would show (key, label, enabled) are not the ones already shown."""

    _tampil: tuple[Any, ...] | None = None
    disusun = 0  # rebuilds so far (what the rule above saves; read by the tests)

    def _tanda(self) -> tuple[Any, ...]:
        return tuple((b.key, b.action, b.description, aktif, tip)
                     for _node, b, aktif, tip in self.screen.active_bindings.values() if b.show)

    async def recompose(self) -> None:
        tanda = self._tanda()
        if tanda == self._tampil and self.children:
            return
        self._tampil = tanda
        self.disusun += 1
        await super().recompose()
