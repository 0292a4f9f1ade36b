"""One line listing the screens and their keys, the current one highlighted."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class NavBar(Static):
    DEFAULT_CSS = """
    NavBar { height: 1; background: $panel; color: $text; }
    """

    def __init__(self, layar: list[tuple[str, str, str]], aktif: str, **kw):
        """``layar``: (key, mode, label) for each screen."""
        super().__init__(**kw)
        self.layar = layar
        self.aktif = aktif

    def render(self) -> Text:
        t = Text(no_wrap=True, overflow="ellipsis")
        # Nine screens do not fit 80 columns with a space between each: then the reversed
        # key alone separates them.
        panjang = sum(len(k) + len(label) + 1 for k, _, label in self.layar)
        jarak = " " if panjang <= (self.size.width or 80) else ""
        for key, mode, label in self.layar:
            t.append(key.upper(), style="reverse bold")
            t.append(label, style="bold underline" if mode == self.aktif else "")
            t.append(jarak)
        return t
