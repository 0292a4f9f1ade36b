"""A tiny trend line of values over years, in block characters (``▁▂▃▄▅▆▇█``).

Each value is one cell, scaled between the smallest and largest value shown; a year without
a value is ``·``. Plain characters, so it reads the same in 16 colours or none.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from ..simbol import teks as sim

BALOK = "▁▂▃▄▅▆▇█"
KOSONG = "·"


def tren_teks(nilai: Sequence[Decimal | None], style: str = "cyan") -> Text:
    ada = [v for v in nilai if v is not None]
    teks = Text(no_wrap=True)
    if not ada:
        return Text(sim(KOSONG * len(nilai)), style="dim")
    lo, hi = min(ada), max(ada)
    for v in nilai:
        if v is None:
            teks.append(KOSONG, style="dim")
        elif hi == lo:
            teks.append(BALOK[3], style=style)
        else:
            teks.append(BALOK[int((v - lo) / (hi - lo) * (len(BALOK) - 1))], style=style)
    return Text(sim(teks.plain), spans=teks.spans, no_wrap=True)  # same length: the styles still fit


class Tren(Static):
    """A one-line trend widget (see :func:`tren_teks`)."""

    DEFAULT_CSS = "Tren { height: 1; width: auto; }"

    nilai: reactive[tuple] = reactive(tuple[Any, ...])

    def __init__(self, nilai: Sequence[Decimal | None] = (), **kw):
        super().__init__(**kw)
        self.set_reactive(Tren.nilai, tuple(nilai))

    def render(self) -> Text:
        return tren_teks(self.nilai)
