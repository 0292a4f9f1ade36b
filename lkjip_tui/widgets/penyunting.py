"""A TextArea that applies every key at once, in the order the keys arrive.

The multi-line counterpart of :class:`~lkjip_tui.widgets.masukan.MasukanUrut`: TextArea
inserts typed characters as they reach it but runs its own bindings (arrows, Home, ctrl+u,
Backspace…) only after the key has gone round the app, so in a buffered burst "ab Home X"
became "abX". The app calls :meth:`terapkan` while it reads each key (:mod:`lkjip_tui.urut`).
"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from ..textual_dalam import binding_sendiri, ganti_lewat_papan_ketik, kedip_ulang


class PenyuntingUrut(TextArea):
    async def terapkan(self, event: events.Key) -> bool:
        """Apply ``event`` now; True when this editor used it."""
        if self.read_only:
            return False
        if await binding_sendiri(self, event):
            return True
        if event.key == "enter" or (event.is_printable and event.character is not None):
            kedip_ulang(self)
            self.tempel("\n" if event.key == "enter" else event.character or "")
            return True
        return False

    def tempel(self, teks: str) -> None:
        """Insert ``teks`` (a typed character or pasted text) in place of the selection."""
        if not self.read_only and (hasil := ganti_lewat_papan_ketik(self, teks, *self.selection)):
            self.move_cursor(hasil.end_location)

    async def _on_key(self, event: events.Key) -> None:
        if await self.terapkan(event):
            event.stop()
            event.prevent_default()

    async def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        self.tempel(event.text)
