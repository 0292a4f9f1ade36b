"""Laporan: choose tables and formats, preview a table, export them all with progress.

The export itself is ``exports.run.ekspor``, the same function ``lkjip export`` calls, so the
files are identical whichever way they were made. It runs in a worker thread so the screen
keeps answering; every file is written atomically.

Opening the screen costs what it shows: the table list, numbers and titles, comes from the
catalogue (no table built; a city has 131 tables, about 0.6 s of building); the table
previewed is built in a thread as the screen opens and is in its first frame when ready
within :data:`TUNGGU_PRATINJAU`, else shown when it is; a table highlighted later is built
then, by one worker thread, so the screen, its keys and ctrl+q never wait for a table.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection
from textual.worker import Worker, get_current_worker

from exports.format import FORMAT, ada_dokumen, nama_format

from ..paths import folder_laporan as folder_bawaan
from ..simbol import teks as sim
from ..widgets.bar import Bar
from ..widgets.masukan import MasukanUrut
from ..widgets.pilihan import Pilihan
from .base import LayarDasar

if TYPE_CHECKING:
    from exports.builders import Entri, Konteks
    from exports.naskah import Sisa
    from exports.tables import Tabel

# What opening F9 needs beyond the screen itself: loaded when it opens, not with the app (they
# bring tabulate and Babel's dates, which the first screen does not need), and ahead of that,
# once the first screen is painted, by the app (LkjipApp.muat_di_belakang).
MODUL_PRATINJAU = ("exports.builders", "exports.markdown")

BARIS_PRATINJAU = 60  # rows of a table laid out in the preview: its shape and first rows (the export has all)
LEBAR_PROGRES = 29  # the export's progress bar: the column right of the table list, less its margin
TUNGGU_PRATINJAU = 0.05  # seconds opening F9 waits for the previewed table (1.1: a few ms)


class Pertama:
    """The previewed table, built in a thread of its own as F9 opens. The screen takes it if it
    is ready within a moment (:meth:`ambil`), else the screen's worker hands it over when it is
    (:meth:`tunggu`): exactly one of the two gets it."""

    def __init__(self, entri: Entri, konteks: Konteks) -> None:
        self.nomor = entri.nomor
        self._tabel: Tabel | None = None
        self._galat: BaseException | None = None
        self._siap = threading.Event()
        self._kunci = threading.Lock()
        self._diambil = False
        threading.Thread(target=self._bangun, args=(entri, konteks), name="lkjip-pratinjau", daemon=True).start()

    def _bangun(self, entri: Entri, konteks: Konteks) -> None:
        try:
            self._tabel = entri.bangun(konteks)
        except BaseException as e:  # raised again where the table is taken, as a worker's would be
            self._galat = e
        self._siap.set()

    def _ambil_sekali(self) -> Tabel | None:
        with self._kunci:
            if self._diambil or not self._siap.is_set():
                return None
            self._diambil = True
        if self._galat is not None:
            raise self._galat
        return self._tabel

    def ambil(self, batas: float) -> Tabel | None:
        """The table if it is built within ``batas`` seconds, else None (the worker gets it)."""
        self._siap.wait(batas)
        return self._ambil_sekali()

    def tunggu(self) -> Tabel | None:
        """The table once built, unless :meth:`ambil` took it already (then None)."""
        self._siap.wait()
        return self._ambil_sekali()


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
                yield SelectionList[str](*[Selection(nama_format(f), f, True) for f in FORMAT], id="lap-format")
                # The CSV choice (a composite widget: a fifth of opening F9) and the progress bar
                # are mounted in its place once the list and the preview are painted (_lengkapi).
                yield Static("", id="lap-tempat")
                yield Static("", id="lap-status")
        # The whole width: the folder the files go to is seen whole (or its cut is marked).
        with Horizontal(id="lap-tujuan"):
            yield Label("Folder tujuan:")
            yield Static(" ", id="lap-potong-kiri", classes="potong")
            yield MasukanUrut(id="lap-folder", compact=True)  # keys in arrival order, as everywhere
            yield Static("", id="lap-potong-kanan", classes="potong")
        with VerticalScroll(id="lap-pratinjau"):
            yield Static("", id="lap-isi")

    def on_mount(self) -> None:
        super().on_mount()
        self._tabel: dict[str, Tabel] = {}  # built so far, for the data of app.versi _digambar
        self._judul: dict[str, str] = {}
        self._ingin: str | None = None  # the table previewed (the one highlighted)
        self._konteks: Konteks | None = None
        self._entri: dict[str, Entri] = {}
        self._pembangun = False  # whether the worker _pekerja is building (under _kunci)
        self._pekerja: Worker | None = None
        self._tampil: Tabel | None = None  # the table the preview shows
        self._kunci = threading.Lock()
        self.watch(self.query_one("#lap-folder", Input), "scroll_x", self._tanda_potong, init=False)
        self.call_after_refresh(self._lengkapi)

    def _lengkapi(self) -> None:
        tempat = self.query_one("#lap-tempat", Static)
        kanan = self.query_one("#lap-kanan")
        if not kanan.is_attached or self.app.return_code is not None:
            return  # the app is closing (F9 and ctrl+q read together): a Select mounted now fails
        with self.app.batch_update():
            kanan.mount(
                Pilihan([("CSV untuk Excel (;)", "excel"), ("CSV polos (,)", "plain")], value="excel",
                        allow_blank=False, id="lap-csv", compact=True),
                Bar(lebar=LEBAR_PROGRES, gaya="blue", id="lap-progres"), before=tempat)
            tempat.remove()

    def segarkan(self) -> None:
        daftar = self.query_one("#lap-tabel", SelectionList)
        self._tabel, self._judul, self._entri, self._tampil = {}, {}, {}, None
        self.workers.cancel_group(self, "siapkan")  # a table still being built is for the old data
        if self.lap is None:
            daftar.clear_options()
            self.query_one("#lap-isi", Static).update(
                Text("Belum ada tahun laporan. Buka F8 Atur untuk membuat tahun baru, atau impor bundle."))
            return
        folder = self.query_one("#lap-folder", Input)
        if not folder.value:
            folder.value = str(folder_bawaan(self.lap.tahun))
        from exports.builders import Konteks, katalog

        # The list at once, from the catalogue: numbers and titles, no table built.
        entri = katalog(self.lap)
        self._konteks = konteks = Konteks(self.lap)
        self._entri = {e.nomor: e for e in entri}
        self._judul = {e.nomor: e.judul(konteks) for e in entri}
        terpilih = set(daftar.selected)
        sorot = daftar.highlighted
        daftar.clear_options()
        daftar.add_options([Selection(self._prompt(e.nomor), e.nomor, e.nomor in terpilih, id=e.nomor) for e in entri])
        if sorot is not None and sorot < len(entri):
            daftar.highlighted = sorot
        # The previewed table: the highlighted one, else the first (as before a key is pressed).
        self._ingin = entri[daftar.highlighted or 0].nomor if entri else None
        self._perbarui_pilihan()
        if self._ingin is None:
            return
        pertama = Pertama(self._entri[self._ingin], konteks)
        # A table built within TUNGGU_PRATINJAU is in the screen's first frame (one layout, not
        # one for "Menyiapkan tabel…" and another for the table); a larger one follows.
        if (tabel := pertama.ambil(TUNGGU_PRATINJAU)) is not None:
            self._terbangun(self.lap, tabel)
        else:
            self.query_one("#lap-isi", Static).update(Text("Menyiapkan tabel…", style="dim"))
        with self._kunci:
            self._pembangun = True
            self._pekerja = self._siapkan(self.lap, konteks, pertama)

    def _prompt(self, nomor: str) -> Text:
        t = Text(f"{nomor} ", no_wrap=True, overflow="ellipsis")
        t.append(self._judul.get(nomor, ""))
        return t

    # A description of our own: Textual's default is the repr of every argument, and the repr of
    # a city's Laporan takes longer than building the table previewed.
    @work(thread=True, exclusive=True, group="siapkan", description="siapkan pratinjau")
    def _siapkan(self, lap, konteks, pertama: Pertama | None) -> None:
        # The previewed table (handed over here when it took longer than the screen waited),
        # then whichever table is highlighted and not built yet, until none is; the worker
        # stops between tables once cancelled (new data, screen gone, ctrl+q).
        worker = get_current_worker()
        tabel = pertama.tunggu() if pertama is not None else None
        while not worker.is_cancelled:
            if tabel is not None:
                self.app.call_from_thread(self._terbangun, lap, tabel)
            with self._kunci:
                nomor = self._ingin
                if worker.is_cancelled or nomor is None or nomor in self._tabel or nomor not in self._entri:
                    if self._pekerja is worker:
                        self._pembangun = False
                    return
            tabel = self._entri[nomor].bangun(konteks)

    def _terbangun(self, lap, tabel: Tabel) -> None:
        """Keep a built table; preview it if it is the one highlighted."""
        if lap is not self.lap:
            return  # built from data replaced since (a year switch, an undo): dropped
        self._tabel[tabel.nomor] = tabel
        if tabel.nomor == self._ingin:
            self._pratinjau(tabel.nomor)

    @on(SelectionList.SelectedChanged, "#lap-tabel")
    def _perbarui_pilihan(self) -> None:
        n = len(self.query_one("#lap-tabel", SelectionList).selected)
        pesan = f"{n} tabel dipilih" if n else "Tanpa pilihan: semua tabel"
        self.query_one("#lap-status", Static).update(Text(pesan, style="dim"))

    @on(SelectionList.SelectionHighlighted, "#lap-tabel")
    def _sorot(self, event: SelectionList.SelectionHighlighted) -> None:
        nomor = self._ingin = event.selection.value
        self._pratinjau(nomor)
        if nomor in self._tabel or self.lap is None:
            return
        with self._kunci:  # the worker, if one is building, takes it next; else one starts
            if not self._pembangun:
                self._pembangun = True
                self._pekerja = self._siapkan(self.lap, self._konteks, None)

    def _pratinjau(self, nomor: str | None) -> None:
        from exports.markdown import tabel_teks

        t = self._tabel.get(nomor) if nomor else None
        if t is not None and t is self._tampil:
            return  # shown already (the list's first highlight comes after the opening preview)
        self._tampil = t
        isi = self.query_one("#lap-isi", Static)
        if t is None:
            isi.update(Text("Menyiapkan tabel…", style="dim") if nomor else "")
            return
        # A preview, not the whole city budget: only the first rows are laid out at all.
        n = sum(len(b.baris) for b in t.bagian)
        potong = replace(t, bagian=[replace(b, baris=b.baris[:BARIS_PRATINJAU], _teks=None) for b in t.bagian])
        # fitted to the screen: every column visible, long names wrap in their cell
        # before the screen's first layout (the preview is then built with it) the preview has
        # no size yet: it spans the screen
        lebar = self.query_one("#lap-pratinjau").size.width or self.size.width
        teks = tabel_teks(potong, lebar=max(40, lebar - 2))
        if (lagi := n - sum(len(b.baris) for b in potong.bagian)) > 0:
            teks += f"\n… {lagi} baris lagi ada di berkas ekspor"
        isi.update(Text(teks, no_wrap=True))

    @on(Input.Changed, "#lap-folder")
    def _folder_berubah(self) -> None:
        self._tanda_potong()

    def on_resize(self) -> None:
        self._tanda_potong()

    def _tanda_potong(self) -> None:
        """A "…" on the side where the folder field hides part of the folder."""
        folder = self.query_one("#lap-folder", Input)
        lebar, awal = folder.content_size.width, round(folder.scroll_x)
        self.query_one("#lap-potong-kiri", Static).update("…" if awal > 0 else " ")
        self.query_one("#lap-potong-kanan", Static).update(
            "…" if lebar and cell_len(folder.value) - awal >= lebar else "")

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
        # before the screen's second frame the CSV choice is not there yet: its first value
        gaya = next((w.value for w in self.query("#lap-csv").results(Select)), "excel")
        self.query_one("#lap-status", Static).update(Text("Mengekspor…"))
        self._ekspor(self.lap, Path(folder).expanduser(), list(formats), tabel, str(gaya))

    @work(thread=True, exclusive=True, group="ekspor", description="ekspor")
    def _ekspor(self, lap, folder: Path, formats: list[str], tabel, gaya: str) -> None:
        # Loaded here, not with the screen: opening F9 needs only the catalogue and the preview.
        from exports.run import BerkasDipakai, EksporTidakSah, ekspor

        def maju(total: int, selesai: int) -> None:
            for bar in self.query("#lap-progres").results(Bar):
                bar.nilai = Decimal(100 * selesai) / total if total else None

        def progres(selesai: int, total: int, nama: str) -> None:
            self.app.call_from_thread(maju, total, selesai)

        try:
            berkas = ekspor(lap, folder, formats, tabel, gaya, on_progress=progres)
        except (EksporTidakSah, BerkasDipakai) as e:
            self.app.call_from_thread(self._selesai, None, str(e))
        except OSError as e:
            self.app.call_from_thread(self._selesai, None, f"Tidak dapat menulis ke {folder}: {e.strerror or e}")
        else:
            sisa = None
            if ada_dokumen(berkas):
                from exports.naskah import sisa as hitung_sisa  # as `lkjip export` says it

                sisa = hitung_sisa(lap)
            self.app.call_from_thread(self._selesai, berkas, None, sisa)

    def _selesai(self, berkas: list[Path] | None, galat: str | None, sisa: Sisa | None = None) -> None:
        status = self.query_one("#lap-status", Static)
        if galat:
            status.update(Text(sim("✗ ") + galat, style="bold"))
            self.notify(galat, severity="error", timeout=10)
            return
        berkas = berkas or []  # no error: the list of what was written
        folder = berkas[0].parent if berkas else ""
        # the folder is in the field above; what the document still lacks, as `lkjip export` says it
        dokumen = ""
        if sisa is not None:  # short here (the status has three lines at 80 columns), whole in the toast
            dokumen = (" · dokumen lengkap" if not (sisa.kosong or sisa.draf)
                       else f" · dokumen: {sisa.kosong} belum diisi, {sisa.draf} draf")
        status.update(Text(sim("✓ ") + f"{len(berkas)} berkas ditulis{dokumen}"))
        self.notify(f"{len(berkas)} berkas ditulis ke {folder}" + (f"\n{sisa}" if sisa else ""),
                    title="Ekspor selesai", markup=False)
