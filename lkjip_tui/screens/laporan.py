"""Laporan: choose tables and formats, preview a table, export them all with progress.

The export itself is ``exports.run.ekspor``, the same function ``lkjip export`` calls, so the
files are identical whichever way they were made. It runs in a worker thread so the screen
keeps answering; every file is written atomically.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_documents_path
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, ProgressBar, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from exports.builders import bangun_tabel
from exports.markdown import tabel_teks
from exports.run import FORMAT, BerkasDipakai, EksporTidakSah, ekspor
from exports.tables import Tabel

from ..simbol import teks as sim
from ..widgets.masukan import MasukanUrut
from .base import LayarDasar

NAMA_FORMAT = {"md": "Markdown", "csv": "CSV", "xlsx": "Excel (XLSX)", "docx": "Word (DOCX)", "pdf": "PDF",
               "json": "Bundle JSON"}


def folder_bawaan(tahun: int) -> Path:
    try:
        dasar = user_documents_path()
    except Exception:  # some systems have no documents folder; fall back to the home folder
        dasar = Path.home()
    return dasar / f"lkjip-laporan-{tahun}"


class LaporanScreen(LayarDasar):
    MODE = "laporan"
    JUDUL = "Laporan"
    BANTUAN = ("Spasi memilih atau membatalkan tabel dan format; tabel yang disorot tampil di pratinjau. "
               "ctrl+o pindah ke isian folder tujuan (Enter di sana langsung mengekspor); ctrl+e mengekspor pilihan ke folder itu. Tanpa pilihan tabel, semua tabel diekspor "
               "beserta dokumen laporan-<tahun>.md.")
    BINDINGS = [
        Binding("ctrl+e", "ekspor", "Ekspor", id="ekspor"),
        Binding("ctrl+a", "semua", "Semua tabel", id="semua"),
        Binding("ctrl+o", "folder", "Folder", id="folder"),
    ]

    def isi(self) -> ComposeResult:
        with Horizontal(id="lap-atas"):
            yield SelectionList[str](id="lap-tabel")
            with Vertical(id="lap-kanan"):
                yield SelectionList[str](*[Selection(NAMA_FORMAT[f], f, True) for f in FORMAT], id="lap-format")
                yield Select([("CSV untuk Excel (;)", "excel"), ("CSV polos (,)", "plain")], value="excel",
                             allow_blank=False, id="lap-csv", compact=True)
                yield Label("Folder tujuan:")
                yield MasukanUrut(id="lap-folder", compact=True)  # keys in arrival order, as everywhere
                yield ProgressBar(total=1, show_eta=False, id="lap-progres")
                yield Static("", id="lap-status")
        with VerticalScroll(id="lap-pratinjau"):
            yield Static("", id="lap-isi")

    def on_mount(self) -> None:
        super().on_mount()
        self._tabel: dict[str, Tabel] = {}

    def segarkan(self) -> None:
        daftar = self.query_one("#lap-tabel", SelectionList)
        if self.lap is None:
            daftar.clear_options()
            self.query_one("#lap-isi", Static).update(
                Text("Belum ada tahun laporan. Buka F8 Atur untuk membuat tahun baru, atau impor bundle."))
            return
        folder = self.query_one("#lap-folder", Input)
        if not folder.value:
            folder.value = str(folder_bawaan(self.lap.tahun))
        self.query_one("#lap-isi", Static).update(Text("Menyiapkan tabel…", style="dim"))
        self._siapkan(self.lap)

    @work(thread=True, exclusive=True, group="siapkan")
    def _siapkan(self, lap) -> None:
        # Building every table is quick for one kecamatan but takes a moment at city scale.
        tabel = {t.nomor: t for t in bangun_tabel(lap)}
        self.app.call_from_thread(self._isi_daftar, tabel)

    def _isi_daftar(self, tabel: dict[str, Tabel]) -> None:
        self._tabel = tabel
        daftar = self.query_one("#lap-tabel", SelectionList)
        terpilih = set(daftar.selected)
        daftar.clear_options()
        daftar.add_options([Selection(Text(f"{t.nomor} {t.judul}", no_wrap=True, overflow="ellipsis"), n,
                                      n in terpilih) for n, t in tabel.items()])
        self._pratinjau(next(iter(tabel), None))
        self._perbarui_pilihan()

    @on(SelectionList.SelectedChanged, "#lap-tabel")
    def _perbarui_pilihan(self) -> None:
        n = len(self.query_one("#lap-tabel", SelectionList).selected)
        pesan = f"{n} tabel dipilih" if n else "Tanpa pilihan: semua tabel"
        self.query_one("#lap-status", Static).update(Text(pesan, style="dim"))

    @on(SelectionList.SelectionHighlighted, "#lap-tabel")
    def _sorot(self, event: SelectionList.SelectionHighlighted) -> None:
        self._pratinjau(event.selection.value)

    def _pratinjau(self, nomor: str | None) -> None:
        t = self._tabel.get(nomor) if nomor else None
        isi = self.query_one("#lap-isi", Static)
        if t is None:
            isi.update("")
            return
        # fitted to the screen: every column visible, long names wrap in their cell
        teks = tabel_teks(t, lebar=max(40, self.query_one('#lap-pratinjau').size.width - 2))
        baris = teks.splitlines()
        if len(baris) > 300:  # a preview, not the whole city budget
            teks = "\n".join(baris[:300] + [f"… {len(baris) - 300} baris lagi ada di berkas ekspor"])
        isi.update(Text(teks, no_wrap=True))

    def action_folder(self) -> None:
        self.query_one("#lap-folder", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # In the folder field ctrl+e is the Input's "end of line": Enter exports instead.
        if event.input.id == "lap-folder":
            event.stop()
            self.action_ekspor()

    def action_semua(self) -> None:
        self.query_one("#lap-tabel", SelectionList).select_all()

    def action_ekspor(self) -> None:
        if self.lap is None:
            self.notify("Belum ada data untuk diekspor.", severity="warning")
            return
        formats = self.query_one("#lap-format", SelectionList).selected
        tabel = self.query_one("#lap-tabel", SelectionList).selected or None
        folder = self.query_one("#lap-folder", Input).value.strip()
        if not formats:
            self.notify("Pilih minimal satu format (spasi pada daftar format).", severity="error")
            return
        if not folder:
            self.notify("Isi folder tujuan.", severity="error")
            return
        gaya = self.query_one("#lap-csv", Select).value
        self.query_one("#lap-status", Static).update(Text("Mengekspor…"))
        self._ekspor(self.lap, Path(folder).expanduser(), list(formats), tabel, str(gaya))

    @work(thread=True, exclusive=True, group="ekspor")
    def _ekspor(self, lap, folder: Path, formats: list[str], tabel, gaya: str) -> None:
        bar = self.query_one("#lap-progres", ProgressBar)

        def progres(selesai: int, total: int, nama: str) -> None:
            self.app.call_from_thread(bar.update, total=total, progress=selesai)

        try:
            berkas = ekspor(lap, folder, formats, tabel, gaya, on_progress=progres)
        except (EksporTidakSah, BerkasDipakai) as e:
            self.app.call_from_thread(self._selesai, None, str(e))
        except OSError as e:
            self.app.call_from_thread(self._selesai, None, f"Tidak dapat menulis ke {folder}: {e.strerror or e}")
        else:
            self.app.call_from_thread(self._selesai, berkas, None)

    def _selesai(self, berkas: list[Path] | None, galat: str | None) -> None:
        status = self.query_one("#lap-status", Static)
        if galat:
            status.update(Text(sim("✗ ") + galat, style="bold"))
            self.notify(galat, severity="error", timeout=10)
            return
        folder = berkas[0].parent if berkas else ""
        status.update(Text(sim("✓ ") + f"{len(berkas)} berkas ditulis"))  # the folder is in the field above
        self.notify(f"{len(berkas)} berkas ditulis ke {folder}", title="Ekspor selesai", markup=False)
