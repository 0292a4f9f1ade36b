"""The database itself, under F8: its riwayat (audit trail) and its backups, with restore.

The same store functions as ``lkjip riwayat`` and ``lkjip restore`` (``store.audit``,
``store.pemulihan``); here they are a window away instead of a command line.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store import audit, backup

from ..widgets.modal import Modal

BATAS_RIWAYAT = 200  # entries shown; the CLI gives them all


class RiwayatScreen(Modal[None]):
    """The latest changes of the open year, newest first; read-only."""

    BINDINGS = [Binding("escape,q", "tutup", "Tutup")]

    def __init__(self, path: Path, tahun: int | None):
        super().__init__()
        self.path, self.tahun = path, tahun

    def compose(self) -> ComposeResult:
        try:
            entri = audit.baca_riwayat(self.path, self.tahun, BATAS_RIWAYAT)
            gagal = ""
        except OSError as e:  # a riwayat that is a folder or cannot be read: said, not a crash
            entri, gagal = [], f"Riwayat tidak dapat dibaca: {e.strerror or e}"
        judul = f"Riwayat perubahan{f' tahun {self.tahun}' if self.tahun else ''}"
        with Vertical(id="data-jendela"):
            yield Static(Text(judul, style="bold"))
            with VerticalScroll(id="riwayat-isi"):
                teks = gagal or "\n".join("\n".join(audit.teks_entri(e)) for e in entri) or "Belum ada riwayat perubahan."
                yield Static(Text(teks))
            yield Static(Text(f"{len(entri)} entri terbaru · semua: lkjip riwayat --db {self.path} · Esc tutup",
                              style="dim"))

    def on_mount(self) -> None:
        self.query_one("#riwayat-isi").focus()

    def action_tutup(self) -> None:
        self.dismiss(None)


class CadanganScreen(Modal[Path | None]):
    """The backups of the database, newest first; Enter on a good one returns its path (the
    caller asks before restoring it)."""

    BINDINGS = [Binding("escape", "tutup", "Tutup")]

    def __init__(self, path: Path, boleh_pulihkan: bool):
        super().__init__()
        self.path, self.boleh_pulihkan = path, boleh_pulihkan
        self.daftar = backup.daftar_cadangan(path)

    def compose(self) -> ComposeResult:
        opsi = []
        for c in self.daftar:
            status = "baik" if c.baik else f"RUSAK: {c.alasan}"
            opsi.append(Option(Text(f"{c.waktu:%d-%m-%Y %H:%M}  {c.path.name}  {status}"), id=str(c.path),
                               disabled=not c.baik))
        with Vertical(id="data-jendela"):
            yield Static(Text("Cadangan basis data", style="bold"))
            yield Static(Text(f"Folder: {backup.folder_backup(self.path)}", style="dim"))
            if opsi:
                yield OptionList(*opsi, id="daftar-cadangan")
            else:
                yield Static(Text("Belum ada cadangan. Cadangan harian dibuat otomatis saat basis data dibuka."))
            petunjuk = "Enter: pulihkan cadangan ini (ditanya dulu) · Esc: tutup" if self.boleh_pulihkan else \
                "Basis data dibuka hanya-baca: pemulihan tidak dapat dilakukan · Esc: tutup"
            yield Static(Text(petunjuk, style="dim"))

    def on_mount(self) -> None:
        for ol in self.query(OptionList):
            ol.focus()

    @on(OptionList.OptionSelected)
    def _pilih(self, event: OptionList.OptionSelected) -> None:
        if self.boleh_pulihkan and event.option.id is not None:  # every backup's option has its path
            self.dismiss(Path(event.option.id))
        else:
            self.app.bell()

    def action_tutup(self) -> None:
        self.dismiss(None)
