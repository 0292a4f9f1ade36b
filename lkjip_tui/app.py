"""The Textual app (minimal until the screens land: a summary of the opened year)."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

from store import calc
from store.numbers import format_angka
from store.repository import Repository


class LkjipApp(App):
    TITLE = "lkjip"
    BINDINGS = [Binding("ctrl+q", "quit", "Keluar", id="keluar")]

    def __init__(self, repo: Repository, tahun: int | None = None):
        super().__init__()
        self.repo = repo
        ada = repo.tahun_tersedia()
        self.tahun = tahun if tahun in ada else (ada[-1] if ada else None)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._ringkasan(), id="ringkasan")
        yield Footer()

    def _ringkasan(self) -> Text:
        if self.tahun is None:
            return Text("Basis data masih kosong. Impor data dengan: lkjip import FILE")
        lap = self.repo.muat(self.tahun)
        org = calc.capaian_organisasi(lap)
        baris = [f"{lap.instansi.nama} · Tahun {lap.tahun}",
                 f"Capaian organisasi: {format_angka(org)} ({calc.kategori(org, lap.pengaturan.skala)})"]
        for s in lap.sasaran:
            c = calc.capaian_sasaran(lap, s.id)
            baris.append(f"  {s.id} {s.uraian}: {format_angka(c)}")
        return Text("\n".join(baris))
