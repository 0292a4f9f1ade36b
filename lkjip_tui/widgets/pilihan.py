"""A drop-down choice that the app may close while it is still being mounted."""

from __future__ import annotations

from textual import events
from textual.css.query import NoMatches
from textual.widgets import Select


class Pilihan(Select[str]):
    """Textual's ``Select``. Its mount fills in its parts (the label of the value, the list);
    when the app closes in that very moment (F9 and ctrl+q read together) the parts are gone
    already and ``Select`` raised NoMatches, ending the app in a traceback. While closing,
    that is let go; at any other time it is raised as before."""

    def _on_mount(self, event: events.Mount) -> None:
        try:
            super()._on_mount(event)
        except NoMatches:
            if self.app.return_code is None:
                raise
