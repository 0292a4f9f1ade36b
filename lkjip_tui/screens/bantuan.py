"""F1 / ?: the keys of the current screen."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..widgets.modal import Modal

UMUM = [
    ("F1 / ?", "bantuan ini"),
    ("F2 … F9", "pindah layar (lihat baris bawah)"),
    ("ctrl+p", "palet perintah"),
    ("↑ ↓ ← →", "pindah sel"),
    ("Tab / shift+Tab", "sel isian berikut / sebelumnya"),
    ("Enter / ketik angka", "ubah sel; Enter atau Tab menyimpan"),
    ("Esc", "batalkan isian"),
    ("ctrl+z / ctrl+y", "urungkan / ulangi perubahan (di layar tempat perubahan itu)"),
    ("ctrl+q", "keluar (semua tersimpan; nilai yang sedang diketik ikut disimpan)"),
]


class BantuanScreen(Modal[None]):
    BINDINGS = [Binding("escape,f1,q,question_mark,enter", "dismiss", "Tutup")]

    def __init__(self, judul: str, tombol: list[tuple[str, str]], teks: str = ""):
        super().__init__()
        self.judul, self.tombol, self.teks = judul, tombol, teks

    def compose(self) -> ComposeResult:
        tabel = Table(box=None, show_header=False, padding=(0, 1), expand=True)
        tabel.add_column(style="bold", no_wrap=True)
        tabel.add_column()
        for k, d in self.tombol:
            tabel.add_row(Text(k), Text(d))
        tabel.add_row("", "")
        for k, d in UMUM:
            tabel.add_row(Text(k), Text(d))
        with VerticalScroll(id="bantuan"):
            yield Static(Text(f"Bantuan: {self.judul}", style="bold"))
            if self.teks:
                yield Static(Text(self.teks))
            yield Static(tabel)
            yield Static(Text("Esc untuk menutup", style="dim"))
