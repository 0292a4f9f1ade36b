"""The key footer: the screen's keys on one line, drawn by one widget.

Textual's ``Footer`` mounts a widget per key and mounts them all again whenever the bindings
signal comes (a screen opened, a focus move): styling and laying out eight widgets was about
8 % of the first screen's paint and of every screen's first visit. This footer draws the same
line (the same component styles, the key palette's key on the right behind a thin bar) as text,
and takes clicks and hovers by column: a click runs the key as if typed, a disabled key rings
the bell, a hovered key shows its tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True)
class Tombol:
    """One key as the footer shows it."""

    key: str
    tampil: str  # the key as the app writes it: ^q, f1
    keterangan: str
    aktif: bool
    tip: str


class Kaki(Widget, can_focus=False):
    DEFAULT_CSS = """
    Kaki {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    Kaki > .kaki--tombol {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    Kaki > .kaki--keterangan {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    Kaki > .kaki--item {
        background: $footer-item-background;
    }
    Kaki > .kaki--sorot {
        color: $footer-key-foreground;
        background: $block-hover-background;
    }
    Kaki > .kaki--batas {
        color: $foreground 20%;
    }
    """
    COMPONENT_CLASSES = {"kaki--tombol", "kaki--keterangan", "kaki--item", "kaki--sorot", "kaki--batas"}
    ALLOW_SELECT = False

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.tombol: list[Tombol] = []  # the screen's keys, left to right
        self.palet: Tombol | None = None  # the command palette's key, on the right
        self._letak: list[tuple[int, int, Tombol]] = []  # columns [start, end) of each key drawn
        self._sorot: Tombol | None = None  # the key under the mouse

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_berubah)
        self._baca()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_berubah(self, screen: Screen) -> None:
        if screen is self.screen and self.is_attached:
            self._baca()

    def _baca(self) -> None:
        """The keys the screen's bindings give now; redrawn only when they differ."""
        app = self.app
        tombol: dict[str, Tombol] = {}  # one per action, its first key (f1, not also ?)
        palet = None
        for kunci, (_node, b, aktif, tip) in self.screen.active_bindings.items():
            if kunci == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palet = Tombol(b.key, app.get_key_display(b), b.description, aktif, b.tooltip or b.description)
            elif b.show and b.action not in tombol:
                tombol[b.action] = Tombol(b.key, app.get_key_display(b), b.description, aktif, tip)
        if (list(tombol.values()), palet) != (self.tombol, self.palet):
            self.tombol, self.palet = list(tombol.values()), palet
            self.refresh()

    def render(self) -> Text:
        # As Textual's compact Footer: "key description", a space between keys; the palette's
        # key at the right edge behind a thin bar. A disabled key is dim.
        gaya = {n: self.get_component_rich_style(f"kaki--{n}") for n in ("tombol", "keterangan", "item", "sorot", "batas")}
        baris = Text(no_wrap=True, end="")
        letak: list[tuple[int, int, Tombol]] = []

        def tambah(t: Tombol) -> None:
            awal = baris.cell_len
            dasar = gaya["item"] + (gaya["sorot"] if t == self._sorot else Style()) + Style(dim=not t.aktif)
            baris.append(t.tampil, dasar + gaya["tombol"])
            if t.keterangan:
                baris.append(f" {t.keterangan}", dasar + gaya["keterangan"])
            letak.append((awal, baris.cell_len, t))

        for t in self.tombol:
            tambah(t)
            baris.append(" ")
        if self.palet is not None:
            p = self.palet
            kanan = 2 + cell_len(p.tampil) + (1 + cell_len(p.keterangan) if p.keterangan else 0)
            batas = max(0, self.size.width - kanan)  # a key cut short here is clicked as far as it shows
            baris.truncate(batas, overflow="ellipsis", pad=True)
            letak = [(awal, min(akhir, batas), t) for awal, akhir, t in letak if awal < batas]
            baris.append("▏", gaya["item"] + gaya["batas"])
            tambah(p)
            baris.append(" ", gaya["item"] + gaya["keterangan"])
        self._letak = letak
        return baris

    def _di(self, x: int) -> Tombol | None:
        return next((t for awal, akhir, t in self._letak if awal <= x < akhir), None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        t = self._di(event.x)
        if t is None:
            return
        if t.aktif:
            self.app.simulate_key(t.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        t = self._di(event.x)
        if t != self._sorot:
            self._sorot = t
            self.tooltip = (t.tip or None) if t else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._sorot is not None:
            self._sorot = None
            self.tooltip = None
            self.refresh()
