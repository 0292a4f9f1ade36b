"""The base of every modal in the app."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.screen import ModalScreen

T = TypeVar("T")


class Modal(ModalScreen[T], Generic[T]):
    JUDUL = ""  # what the window is, when the app names typing left in it (quitting)

    def dismiss(self, result=None):
        # A burst of keys (Enter Enter, Esc Esc) can close a modal twice; the second close
        # must not pop the screen underneath it.
        if not self.is_current:
            return None
        return super().dismiss(result)
