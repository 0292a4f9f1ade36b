"""What every main screen shares: title/status line, the screen's content, nav bar, footer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen

from ..pesan import HANYA_BACA, KOSONG_TAHUN
from ..textual_dalam import css_sudah_terkini
from ..widgets.kaki import Kaki
from ..widgets.nav_bar import NavBar
from ..widgets.tertunda import Tertunda, di_layar
from ..widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from ..app import LkjipApp


class LayarDasar(Screen):
    """Subclasses set ``MODE`` and ``JUDUL``, yield their widgets from :meth:`isi` and redraw
    everything from ``self.app.lap`` in :meth:`segarkan` (called on show and after undo)."""

    MODE = ""
    JUDUL = ""
    BANTUAN = ""  # extra help text for F1, in Indonesian

    # Textual's way to type self.app as our App (as Textual does in MessagePump); only for the
    # type checker, so the screens never import the app at run time (the layers in pyproject.toml)
    if TYPE_CHECKING:
        app = getters.app(LkjipApp)

    def __init__(self, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name, id, classes)
        # Made by the app when its mode is first entered (App.MODES). Textual then parses the
        # whole stylesheet again, twice, for a screen that has no CSS of its own: 10–20 ms of
        # every first F-key and of the first paint. The stylesheet is current: mark it so.
        css_sudah_terkini(self, self.app)

    def compose(self) -> ComposeResult:
        yield TitleBar(id="judul")
        yield from self.isi()
        yield NavBar(self.app.NAV, self.MODE, id="nav")
        yield Kaki()

    def isi(self) -> ComposeResult:
        yield from ()

    class Dibuka(Message):
        """A main screen was built: the app keeps it to ask about its typing on quit."""

        def __init__(self, layar: LayarDasar):
            super().__init__()
            self.layar = layar

    def on_mount(self) -> None:
        self.post_message(self.Dibuka(self))
        self.perbarui_judul()

    def tertunda(self) -> list[Tertunda]:
        """What is typed here and not saved yet (an open grid editor); a screen with more
        (Narasi's text) adds it."""
        return di_layar(self, self.JUDUL)

    _digambar: int | None = None  # app.versi the screen was last drawn from

    def on_screen_resume(self) -> None:
        # A screen is resumed on every switch back to it and after every modal closes; redraw
        # only when the data changed since (every change, undo and year switch bumps
        # app.versi), not each time.
        self.perbarui_judul()
        if self.app.versi != self._digambar:
            self._digambar = self.app.versi
            self.segarkan()

    def perbarui_judul(self) -> None:
        app = self.app
        tb = self.query_one("#judul", TitleBar)
        lap = app.lap
        unit = f"{lap.instansi.nama or 'Tanpa nama'} · {lap.tahun}" if lap else "Basis data kosong"
        tb.judul = f" {self.JUDUL} · {unit}"
        tb.status = app.status + " "

    def segarkan(self) -> None:
        """Redraw from the data; subclasses override."""

    PESAN_KOSONG = KOSONG_TAHUN  # what to do when no year exists yet

    def boleh_ubah(self) -> bool:
        """Whether a change may start; if not, say why (no year yet, or read-only)."""
        if self.app.lap is None:
            self.notify(self.PESAN_KOSONG, severity="warning", timeout=8)
            return False
        if self.app.hanya_baca:
            self.app.bell()
            self.notify(HANYA_BACA, severity="warning")
            return False
        return True

    @property
    def lap(self):
        return self.app.lap
