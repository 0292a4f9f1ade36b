"""An Input that handles its keys in the order they arrive."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class MasukanUrut(Input):
    """Bindings run only after a key has gone round the app, so with fast typing (or a slow PC)
    "Tab a b c" would put "abc" in this field before the focus moves. Here the keys that move
    on (``tombol_khusus``) and the Input's own editing keys (backspace, ctrl+u, arrows…) run
    at once, in arrival order."""

    def tombol_khusus(self, event: events.Key) -> bool:
        """Handle a key before the Input does (move focus, save, close…); True when handled."""
        return False

    async def _on_key(self, event: events.Key) -> None:
        if self.tombol_khusus(event):
            event.stop()
            event.prevent_default()
            return
        sendiri = self._bindings.key_to_bindings.get(event.key)
        if sendiri:
            event.stop()
            event.prevent_default()
            await self.run_action(sendiri[0].action)
            return
        await super()._on_key(event)
