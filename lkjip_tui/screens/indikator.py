"""Indikator (not built yet: its own work item)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from .base import LayarDasar


class IndikatorScreen(LayarDasar):
    MODE = "indikator"
    JUDUL = "Indikator"

    def isi(self) -> ComposeResult:
        yield Static(Text("Layar ini belum tersedia."), classes="kosong")
