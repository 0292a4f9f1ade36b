"""A horizontal percentage bar that reads right without colour.

The bar is drawn with block characters (``█`` and the eighth blocks ``▏▎▍▌▋▊▉``) on a ``░``
track, so a 16-colour or monochrome console shows the same length; colour only repeats what
the length says. 100 % fills the bar; above 100 % the last cell becomes ``▶``, and the
percentage is always printed beside the bar. A console that cannot draw these gets
``#=-.>`` instead (:mod:`lkjip_tui.simbol`).
"""

from __future__ import annotations

from decimal import Decimal

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from ..simbol import teks as sim

SERATUS = Decimal(100)
_SEPERDELAPAN = " ▏▎▍▌▋▊▉"
PENUH, JALUR, LEBIH = "█", "░", "▶"


def warna_bar(persen: Decimal | None) -> str:
    """Colour that repeats what the length says: red below half, yellow below 100, green."""
    if persen is None:
        return "dim"
    if persen < 50:
        return "red"
    if persen < SERATUS:
        return "yellow"
    return "green"


def bar_teks(persen: Decimal | None, lebar: int = 10, style: str | None = None) -> Text:
    """``lebar`` cells: the share of 100 % filled; ``None`` (undefined) is an empty dim track."""
    lebar = max(1, lebar)
    if persen is None:
        return Text(sim(JALUR * lebar), style="dim")
    style = style or warna_bar(persen)
    nilai = min(max(Decimal(persen), Decimal(0)), SERATUS)
    seperdelapan = int(nilai * lebar * 8 / SERATUS)  # display scaling only, not a figure
    penuh, sisa = divmod(seperdelapan, 8)
    isi = PENUH * penuh + (_SEPERDELAPAN[sisa] if sisa and penuh < lebar else "")
    if persen > SERATUS:
        isi = PENUH * (lebar - 1) + LEBIH
    teks = Text(sim(isi), style=style)
    teks.append(sim(JALUR * (lebar - len(isi))), style="dim")
    return teks


class Bar(Static):
    """A one-line bar widget for ``nilai`` percent (see :func:`bar_teks`)."""

    DEFAULT_CSS = "Bar { height: 1; width: auto; }"

    nilai: reactive[Decimal | None] = reactive(None)

    def __init__(self, nilai: Decimal | None = None, lebar: int = 10, gaya: str | None = None, **kw):
        super().__init__(**kw)
        self.lebar = lebar
        self.gaya = gaya  # one colour (a progress bar), instead of the colour of the value
        self.set_reactive(Bar.nilai, nilai)

    def render(self) -> Text:
        return bar_teks(self.nilai, self.lebar, self.gaya)
