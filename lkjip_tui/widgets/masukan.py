"""An Input that applies every key at once, in the order the keys arrive."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from ..textual_dalam import binding_sendiri, kedip_ulang


class MasukanUrut(Input):
    """Textual runs a widget's bindings (arrows, Home, Backspace, ctrl+u, paste…) only after
    the key has gone round the app, while printable keys are inserted at once, so in a burst of
    keys (a slow PC buffers them) "8,5 ← ← 1" became 8,51 (upstream Textualize/textual#6605).
    Here every key is applied by :meth:`terapkan`, which the app calls while it reads the key
    (see :mod:`lkjip_tui.urut`); a key that reaches the widget the ordinary way takes the same
    path."""

    async def tombol_khusus(self, event: events.Key) -> bool:
        """Handle a key before the Input does (move focus, save, close…); True when handled."""
        return False

    async def terapkan(self, event: events.Key) -> bool:
        """Apply ``event`` now; True when this field used it."""
        if await self.tombol_khusus(event) or await binding_sendiri(self, event):
            return True
        if event.is_printable and event.character is not None:
            kedip_ulang(self)
            self.tempel(event.character)
            return True
        return False

    def tempel(self, teks: str) -> None:
        """Insert ``teks`` (a typed character or a pasted line) at the cursor."""
        baris = teks.splitlines()[0] if teks else ""
        pilihan = self.selection
        if pilihan.is_empty:
            self.insert_text_at_cursor(baris)
        else:
            self.replace(baris, *pilihan)

    async def _on_key(self, event: events.Key) -> None:
        if await self.terapkan(event):
            event.stop()
            event.prevent_default()
        else:
            event.prevent_default()  # not Input's handler: the key bubbles on unchanged

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        self.tempel(event.text)
