"""A yes/no question as a modal; returns True only on an explicit yes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from ..widgets.modal import Modal


class KonfirmasiScreen(Modal[bool]):
    BINDINGS = [
        Binding("y,enter", "ya", "Ya"),
        Binding("n,escape", "tidak", "Tidak"),
    ]

    def __init__(self, pertanyaan: str, ya: str = "Y/Enter: ya", tidak: str = "N/Esc: tidak"):
        super().__init__()
        self.pertanyaan, self.ya, self.tidak = pertanyaan, ya, tidak

    def compose(self) -> ComposeResult:
        with Vertical(id="konfirmasi"):
            yield Static(Text(self.pertanyaan))
            yield Static(Text(f"{self.ya}    {self.tidak}", style="bold"))

    def action_ya(self) -> None:
        self.dismiss(True)

    def action_tidak(self) -> None:
        self.dismiss(False)
