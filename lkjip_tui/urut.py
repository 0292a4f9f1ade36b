"""Keys applied in the order they arrive, also when they arrive in one burst.

Textual forwards a key to the focused widget's queue and runs non-priority bindings only
after the key has bubbled back to the app, so in a burst of keys a later character can
overtake an earlier editing key, and keys typed right after one that moves the focus or opens
a screen land in the old place. The app therefore applies keys while it reads them:

* a focused widget with ``terapkan(event) -> bool`` (our input, the grid) gets the key at
  once, after the priority bindings and before the ordinary ones;
* while a screen just opened is not mounted yet, keys wait in a queue and are then applied
  in order, once the screen has taken its focus.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from textual import events

from .textual_dalam import binding_app, kunci_diteruskan

TUNGGU_MAKS = 3.0  # seconds a key waits for a screen that never finishes mounting

Tombol = events.Key | events.Paste


@runtime_checkable
class TerimaTombol(Protocol):
    """A widget that applies keys as the app reads them (our input, editor and grid)."""

    async def terapkan(self, event: events.Key) -> bool:
        """Apply ``event`` now; True when the widget used it."""
        ...

    def tempel(self, teks: str) -> None:
        """Insert pasted (or typed) text."""
        ...


if TYPE_CHECKING:  # the mixin is only ever an App's: typed as one, it checks its App calls
    from textual.app import App

    _App = App[Any]
else:
    _App = object


class UrutTombol(_App):
    """Mixin for the App (before ``App`` in the bases)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._antre: list[Tombol] = []
        self._antre_sejak: float | None = None

    def _layar_siap(self) -> bool:
        try:
            return self.screen.is_mounted
        except Exception:  # no screen yet
            return False

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if self._antre or not self._layar_siap():
                self._antre.append(event)
                self._jadwalkan()
                return
            if await self._terapkan_urut(event):
                return
        await super().on_event(event)

    async def _terapkan_urut(self, event: Tombol) -> bool:
        """Apply a key inline when the focused widget can; False: let Textual route it."""
        fokus = self.focused
        if not isinstance(fokus, TerimaTombol):
            return False
        if isinstance(event, events.Paste):
            fokus.tempel(event.text)
            return True
        if self.screen.maximized is not None:
            return False
        self.app_focus = True
        if await binding_app(self, event.key, priority=True):
            return True
        if not await fokus.terapkan(event) and not await binding_app(self, event.key):
            # Nobody used it: the screen may still explain why (a number typed on a computed
            # cell), as it would if the key had bubbled up to it.
            self.screen.post_message(kunci_diteruskan(event.key, event.character))
        return True

    def _jadwalkan(self) -> None:
        if self._antre_sejak is None:
            self._antre_sejak = time.monotonic()
            self.set_timer(0.005, self._cek_antre)

    def _cek_antre(self) -> None:
        sejak = self._antre_sejak  # set by _jadwalkan, which started this timer
        if sejak is not None and not self._layar_siap() and time.monotonic() - sejak < TUNGGU_MAKS:
            self.set_timer(0.005, self._cek_antre)
            return
        # The new screen asked for its focus while mounting (call_later): go after that.
        self.call_later(self._lepas_antre)

    async def _lepas_antre(self) -> None:
        self._antre_sejak = None
        while self._antre:
            if not self._layar_siap():  # a key in the queue opened another screen
                self._jadwalkan()
                return
            event = self._antre.pop(0)
            if not await self._terapkan_urut(event):
                await super().on_event(event)
