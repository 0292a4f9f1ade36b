"""What is typed and not yet saved, on any screen: what leaving a screen, switching the year
and quitting ask about (``LkjipApp.selesaikan_tertunda``).

A screen lists its pending edits (``LayarDasar.tertunda``: a grid editor still open, Narasi
text not yet saved); each is tried with its screen's own save first, and only what cannot be
saved (a value that does not read, a save the disk refused) is asked about.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.screen import Screen


@dataclass(frozen=True)
class Tertunda:
    """One pending edit: what it is (for the question), how to save it (returns None when
    saved, else why not), how to let it go (the user said so)."""

    apa: str
    simpan: Callable[[], str | None]
    buang: Callable[[], None]


def di_layar(layar: Screen, nama: str) -> list[Tertunda]:
    """The open grid editors of ``layar`` (a main screen or a window on it)."""
    # Imported here: every screen imports this module, and the first screen (Beranda) has no
    # grid; the grid (and Textual's Input under it) loads after the first paint.
    from .edit_grid import EditGrid

    return [Tertunda(f"{nama}: {g.keterangan_edit()}", g.simpan_tertunda, g.batal)
            for g in layar.query(EditGrid) if g.sedang_edit]
