"""A read-only list in fixed columns, drawn a line at a time (Textual's line API).

Beranda's lists were Rich tables in ``Static`` widgets: Rich lays out and renders the whole
table twice (once to measure its height, once to paint), which was a third of the time to
the first painted dashboard on the demo data and grows with a city's hundreds of rows. Here
the height is the number of rows and only the lines on screen are ever rendered.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget


@dataclass(frozen=True)
class KolomDaftar:
    judul: str
    lebar: int | None = None  # None: the column takes the width the others leave
    kanan: bool = False       # right-aligned (numbers)


Sel = str | Text
Baris = list[Sel] | Text  # one cell per column, or a whole line (title, group, caption)


class Daftar(Widget):
    DEFAULT_CSS = "Daftar { height: auto; }"
    JARAK = 1  # blank cells after each column (so the last one stays clear of a scrollbar)

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self._kolom: tuple[KolomDaftar, ...] = ()
        self._baris: list[Baris] = []
        self._cache: dict[tuple[int, int], Strip] = {}

    def isi(self, kolom: list[KolomDaftar], baris: list[Baris], judul: Text | None = None,
            catatan: Text | None = None) -> None:
        """Show ``baris`` under a header line of the column titles, with an optional title
        line above and caption line below."""
        semua: list[Baris] = [judul] if judul is not None else []
        if kolom:
            semua.append([Text(k.judul, style="bold") for k in kolom])
        semua += baris
        if catatan is not None:
            semua.append(catatan)
        self._kolom, self._baris = tuple(kolom), semua
        self._cache.clear()
        self.refresh(layout=True)

    def kosongkan(self) -> None:
        self.isi([], [])

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._baris)

    def _lebar(self, total: int) -> list[int]:
        tetap = sum(k.lebar or 0 for k in self._kolom) + self.JARAK * len(self._kolom)
        return [k.lebar if k.lebar is not None else max(total - tetap, 1) for k in self._kolom]

    def baris_teks(self, y: int, lebar: int) -> Text:
        """Line ``y`` as it is drawn ``lebar`` cells wide."""
        baris = self._baris[y]
        if isinstance(baris, Text):
            t = baris.copy()
        else:
            t = Text(no_wrap=True)
            for k, w, sel in zip(self._kolom, self._lebar(lebar), baris):
                sel = Text(sel) if isinstance(sel, str) else sel.copy()
                sel.truncate(w, overflow="ellipsis")
                sel.align("right" if k.kanan else "left", w)
                t.append_text(sel)
                t.append(" " * self.JARAK)
        t.truncate(lebar, overflow="ellipsis", pad=True)
        return t

    def teks(self, lebar: int = 78) -> str:
        """Every line as plain text (what the screen shows, for tests and checks)."""
        return "\n".join(self.baris_teks(y, lebar).plain.rstrip() for y in range(len(self._baris)))

    def render_line(self, y: int) -> Strip:
        lebar = self.size.width
        if y >= len(self._baris):
            return Strip.blank(lebar, self.rich_style)
        kunci = (y, lebar)
        strip = self._cache.get(kunci)
        if strip is None:
            teks = self.baris_teks(y, lebar)
            strip = Strip(teks.render(self.app.console, end=""), lebar).apply_style(self.rich_style)
            self._cache[kunci] = strip
        return strip

