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

    def _teks(self, panjang: int | None, jarak: str) -> Text:
        """Every screen's key; labels cut to ``panjang`` characters (None: whole, 0: none)
        except the current screen's, which is always whole; ``jarak`` between screens."""
        t = Text(no_wrap=True, overflow="ellipsis")
        for key, mode, label in self.layar:
            t.append(key.upper(), style="reverse bold")
            if mode == self.aktif:
                t.append(label, style="bold underline")
            elif panjang is None or panjang:
                t.append(label if panjang is None else label[:panjang])
            t.append(jarak)
        return t

    def render(self) -> Text:
        # Every key must show, also in a narrow console (60 columns): first the spaces go (the
        # reversed key alone then separates the screens), then labels shorten.
        lebar = self.size.width or 80
        for panjang, jarak in ((None, " "), (None, ""), (4, " "), (3, " "), (0, " ")):
            t = self._teks(panjang, jarak)
            if t.cell_len <= lebar:
                return t
        return t
