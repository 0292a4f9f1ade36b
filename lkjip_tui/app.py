"""The lkjip Textual app: holds the open report year and is the only writer to the store.

Screens change data through :meth:`LkjipApp.ubah`, :meth:`tambah` and :meth:`hapus`, which
save at once (there is no Save button to forget), record an undo step and update the status
line. A failed save puts the record back as it was and says why.
"""

from __future__ import annotations

import copy
import gc
from collections.abc import Callable
from datetime import datetime
from importlib import import_module, resources
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from store.models import Kegiatan, Laporan, Program
from store.repository import MasihDipakai, Repository
from store.storage import HanyaBaca

from .undo import Riwayat
from .urut import UrutTombol
from .widgets.modal import Modal
from .widgets.tertunda import Tertunda, di_layar

# The last line of the question before quitting with something unsaved; ctrl+q on it quits.
TANYA_KELUAR = "Keluar tanpa menyimpannya?"

# (key, mode, label in the nav bar, "module:Class") — one row per main screen.
LAYAR = [
    ("f2", "beranda", "Beranda", "beranda:BerandaScreen"),
    ("f3", "indikator", "Indikator", "indikator:IndikatorScreen"),
    ("f4", "triwulan", "Triwulan", "triwulan:TriwulanScreen"),
    ("f5", "pegawai", "Pegawai", "pegawai:PegawaiScreen"),
    ("f6", "anggaran", "Anggaran", "anggaran:AnggaranScreen"),
    ("f7", "akip", "AKIP", "akip:AkipScreen"),
    ("f8", "pengaturan", "Atur", "pengaturan:PengaturanScreen"),
    ("f9", "laporan", "Laporan", "laporan:LaporanScreen"),
    ("f10", "narasi", "Narasi", "narasi:NarasiScreen"),
]


def _bindings_kita(node):
    """The bindings lkjip's own classes declare on ``node`` (not the ones Textual's widgets bring)."""
    for cls in type(node).__mro__:
        if cls.__module__.startswith("lkjip_tui"):
            for b in cls.__dict__.get("BINDINGS", []):
                for k in b.key.split(","):
                    yield Binding(k.strip(), b.action)


def _kelas(spec: str):
    modul, nama = spec.split(":")
    return getattr(import_module(f"lkjip_tui.screens.{modul}"), nama)


class LkjipApp(UrutTombol, App[int]):
    # read as package data, not as a path beside this file: the app also runs from a zip (.pyz)
    CSS = resources.files("lkjip_tui").joinpath("app.tcss").read_text(encoding="utf-8")
    TITLE = "lkjip"
    NAV = [(k, m, label) for k, m, label, _ in LAYAR]
    MODES = {m: (lambda spec=spec: _kelas(spec)()) for _, m, _, spec in LAYAR}
    DEFAULT_MODE = "beranda"
    BINDINGS = [
        Binding("f1,question_mark", "bantuan", "Bantuan", id="bantuan"),
        Binding("ctrl+p", "command_palette", "Perintah", show=False, priority=True, id="perintah",
                tooltip="Buka palet perintah"),
        Binding("ctrl+z", "urung", "Urung", id="urung"),
        Binding("ctrl+y", "ulang", "Ulang", id="ulang", show=False),
        Binding("ctrl+q", "keluar", "Keluar", id="keluar", priority=True),
        # priority: the switch happens as the key is read, so keys typed right behind it wait
        # for the new screen (lkjip_tui/urut.py); inside a modal it is refused (check_action)
        *[Binding(k, f"layar('{m}')", label, show=False, id=f"layar-{m}", priority=True) for k, m, label, _ in LAYAR],
    ]

    def __init__(self, repo: Repository, tahun: int | None = None, peringatan: str | None = None):
        super().__init__()
        self.repo = repo
        self.peringatan = peringatan
        self.riwayat = Riwayat()
        # Bumped on every saved change, undo and year switch: screens that cache derived
        # figures compare it to know when to rebuild.
        self.versi = 0
        self._gagal_simpan: str | None = None  # why the last save failed, for buka_formulir
        self._layar_dibuka: list[Screen] = []  # main screens opened so far (LayarDasar.Dibuka)
        self.status = "HANYA-BACA" if repo.readonly else "Siap"
        ada = repo.tahun_tersedia()
        tahun = tahun if tahun in ada else (ada[-1] if ada else None)
        self.lap: Laporan | None = repo.muat(tahun) if tahun is not None else None

    @property
    def hanya_baca(self) -> bool:
        return self.repo.readonly

    @property
    def tahun(self) -> int | None:
        return self.lap.tahun if self.lap else None

    def run(self, *args, **kwargs):
        # Everything built so far (Textual's and lkjip's modules, the open database and year)
        # lives as long as the app: move it out of the cyclic collector's way, so the
        # collections that run while the first screen is built (and later, while typing)
        # walk only new objects. About 20 ms of the first paint on the demo data. The records
        # are a tree without cycles, so a year switched away is still freed.
        gc.freeze()
        return super().run(*args, **kwargs)

    def on_mount(self) -> None:
        for pesan in self.repo.peringatan:  # e.g. a journal set aside on open: say where it went
            self.notify(pesan, severity="warning", timeout=30, markup=False)
        if self.peringatan:
            # Another instance holds the database: say who, and offer read-only viewing.
            from .screens.konfirmasi import KonfirmasiScreen

            def pilih(lanjut: bool | None) -> None:
                if not lanjut:
                    self.exit(0)

            self.push_screen(KonfirmasiScreen(f"{self.peringatan}\n\nBuka hanya-baca untuk melihat data?",
                                              ya="Enter: lihat hanya-baca", tidak="Esc: keluar"), pilih)

    # ------------------------------------------------------------ quitting, leaving
    def action_keluar(self) -> None:
        """Quit without losing typing: every screen's pending edit (an open grid editor,
        unsaved Narasi text) is saved first; one that does not read or whose save failed,
        or a form with changes, makes the app ask."""
        from .screens.konfirmasi import KonfirmasiScreen
        from .widgets.formulir import Formulir

        layar = self.screen
        if isinstance(layar, KonfirmasiScreen) and layar.pertanyaan.endswith(TANYA_KELUAR):
            self.exit()
        elif isinstance(layar, Formulir) and layar.berubah():
            self.push_screen(KonfirmasiScreen(f"Formulir \"{layar.judul}\" belum disimpan.\n\n{TANYA_KELUAR}",
                                              ya="Y: keluar", tidak="N/Esc: kembali"),
                             lambda ya: self.exit() if ya else None)
        else:
            self.selesaikan_tertunda(self._tertunda(self._layar_semua()), self.exit, TANYA_KELUAR)

    def _layar_semua(self) -> list[Screen]:
        """Every screen that may hold typing: the windows open now (top first), the screen
        under them, and every main screen opened so far (each keeps its state when left)."""
        semua = list(reversed(self.screen_stack))
        return semua + [s for s in self._layar_dibuka if s not in semua]

    def _tertunda(self, layar: list[Screen]) -> list[Tertunda]:
        from .screens.base import LayarDasar

        hasil: list[Tertunda] = []
        for s in layar:
            if isinstance(s, LayarDasar):
                hasil += s.tertunda()
            elif isinstance(s, Modal):
                hasil += di_layar(s, s.JUDUL)
        return hasil

    def on_layar_dasar_dibuka(self, event) -> None:
        if event.layar not in self._layar_dibuka:
            self._layar_dibuka.append(event.layar)

    def selesaikan_tertunda(self, semua: list[Tertunda], lanjut: Callable[[], None], tanya: str) -> None:
        """Save every pending edit in ``semua`` through its screen's own save, then ``lanjut()``.
        What cannot be saved (a value that does not read, a failed save) is named in one
        question (``tanya``); yes lets it go and goes on, no stays where the typing is."""
        from .screens.konfirmasi import KonfirmasiScreen

        gagal = [(t, alasan) for t in semua if (alasan := t.simpan()) is not None]
        if not gagal:
            lanjut()
            return

        def jawab(ya: bool | None) -> None:
            if ya:
                for t, _ in gagal:
                    t.buang()
                lanjut()

        daftar = "\n".join(f"• {t.apa}: {alasan}" for t, alasan in gagal)
        self.push_screen(KonfirmasiScreen(f"Belum tersimpan:\n{daftar}\n\n{tanya}",
                                          ya="Y: ya, tanpa menyimpan", tidak="N/Esc: kembali"), jawab)

    def tinggalkan(self, lanjut: Callable[[], None], tanya: str = "Pindah tanpa menyimpannya?") -> None:
        """Leave the screen shown (another screen, another year): its pending edits are saved
        or asked about first (see :meth:`selesaikan_tertunda`)."""
        self.selesaikan_tertunda(self._tertunda(list(reversed(self.screen_stack))), lanjut, tanya)

    # ------------------------------------------------------------ navigation
    def check_action(self, action: str, parameters) -> bool | None:
        if action == "layar" and isinstance(self.screen, ModalScreen):
            return False  # a form or window is open: it is closed first (Esc)
        return True

    def action_layar(self, mode: str) -> None:
        if mode == self.current_mode:
            return
        self.tinggalkan(lambda: self.switch_mode(mode), "Pindah layar tanpa menyimpannya?")

    def action_bantuan(self) -> None:
        """F1: every key of the screen, in the footer or not (Textual's own editing keys,
        described in English, are left out; the general keys follow in the help)."""
        from .screens.bantuan import BantuanScreen

        layar = self.screen
        kita = {(b.key, b.action) for node in {a.node for a in self.active_bindings.values()}
                for b in _bindings_kita(node)}
        tombol: dict[tuple[str, str], list[str]] = {}
        for a in self.active_bindings.values():
            b = a.binding
            if (b.key, b.action) in kita and b.description and not b.action.startswith("layar"):
                tombol.setdefault((b.action, b.description), []).append(self.get_key_display(b))
        self.push_screen(BantuanScreen(getattr(layar, "JUDUL", ""),
                                       [(" / ".join(k), d) for (_, d), k in tombol.items()],
                                       getattr(layar, "BANTUAN", "")))

    def get_system_commands(self, screen):
        # Ours only: Textual's (Theme, Screenshot, Keys…) are English and not for this app.
        from .perintah import daftar_perintah

        yield from daftar_perintah(self, LAYAR)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from .perintah import PaletPerintah

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(PaletPerintah(id="--command-palette"))

    # ------------------------------------------------------------ changing data
    def _grid_tertunda(self):
        from .widgets.edit_grid import EditGrid
        # every screen's, not only the one shown: quitting saves what was typed on the others
        return [g for s in self._layar_semua() for g in s.query(EditGrid) if g.tertunda is not None]

    def _tersimpan(self) -> None:
        for g in self._grid_tertunda():
            g.tertunda = None
        self.versi += 1
        self.status = f"Tersimpan {datetime.now():%H:%M:%S}"
        if hasattr(self.screen, "perbarui_judul"):
            self.screen.perbarui_judul()

    def buka_formulir(self, form, selesai: Callable[[Any], None]) -> None:
        """Open an add/edit form whose result ``selesai`` saves. When that save fails (a full
        disk), the form opens again with what was typed and why: nothing typed is lost."""
        def setelah(hasil) -> None:
            self._gagal_simpan = None
            selesai(hasil)
            if hasil is not None and self._gagal_simpan:
                self.buka_formulir(form.ulang(self._gagal_simpan), selesai)
        self.push_screen(form, setelah)

    def _gagal(self, e: Exception) -> None:
        # A refusal (read-only, still in use) is said as it is; anything else is a failed save.
        if isinstance(e, (HanyaBaca, MasihDipakai)):
            pesan = str(e)
            for g in self._grid_tertunda():
                g.tertunda = None
        else:
            alasan = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
            pesan = f"Gagal menyimpan, perubahan belum tersimpan: {alasan}"
            # The value typed in a grid stays on screen, marked, for the user to save again.
            if [g for g in self._grid_tertunda() if g.belum_tersimpan(alasan)]:
                pesan += ". Nilai yang diketik masih di kotak isian: tekan Enter untuk mencoba lagi."
            self.status = "Belum tersimpan"
            self._gagal_simpan = alasan  # an open form's save: buka_formulir opens it again
            if hasattr(self.screen, "perbarui_judul"):
                self.screen.perbarui_judul()
        self.notify(pesan, severity="error", timeout=8, markup=False)

    def ubah(self, obj, mutasi: Callable[[], None], keterangan: str = "perubahan") -> bool:
        """Apply ``mutasi`` to record ``obj`` and save it; on failure put it back."""
        return self.ubah_banyak([obj], mutasi, keterangan)

    def ubah_banyak(self, objs: list, mutasi: Callable[[], None], keterangan: str = "perubahan") -> bool:
        """Apply ``mutasi`` to several records and save them in one transaction, as one undo
        step. Records keyed by ``id`` may have their id changed by ``mutasi`` (a rename)."""
        tahun = self.lap.tahun
        sebelum = [copy.deepcopy(o) for o in objs]
        lama = [getattr(o, "id", None) for o in objs]

        def simpan(dari: list) -> None:
            with self.repo.transaksi():
                for o, lama_id in zip(objs, dari):
                    self.repo.simpan(tahun, o, lama_id=lama_id)

        mutasi()
        try:
            simpan(lama)
        except Exception as e:  # a save error must never lose the screen or the old value
            for o, s in zip(objs, sebelum):
                o.__dict__.update(s.__dict__)
            self._gagal(e)
            return False

        sesudah = [copy.deepcopy(o) for o in objs]

        def kembalikan() -> None:
            baru = [getattr(o, "id", None) for o in objs]
            for o, s in zip(objs, sebelum):
                o.__dict__.update(copy.deepcopy(s).__dict__)
            simpan(baru)

        def ulangi() -> None:
            dulu = [getattr(o, "id", None) for o in objs]
            for o, s in zip(objs, sesudah):
                o.__dict__.update(copy.deepcopy(s).__dict__)
            simpan(dulu)

        self._catat(keterangan, kembalikan, ulangi)
        self._tersimpan()
        return True

    def ubah_kepala(self, mutasi: Callable[[Laporan], None], keterangan: str = "perubahan") -> bool:
        """Change instansi / renstra / pengaturan / pegawai date / outline of the open year."""
        lap = self.lap
        bagian = ("instansi", "renstra", "pengaturan", "garis")
        sebelum = {b: copy.deepcopy(getattr(lap, b)) for b in bagian}
        tanggal = lap.pegawai.per_tanggal
        mutasi(lap)
        try:
            self.repo.simpan_kepala(lap)
        except Exception as e:
            for b, v in sebelum.items():
                setattr(lap, b, v)
            lap.pegawai.per_tanggal = tanggal
            self._gagal(e)
            return False

        sesudah = {b: copy.deepcopy(getattr(lap, b)) for b in bagian}
        tanggal_baru = lap.pegawai.per_tanggal

        def pasang(isi: dict, tgl) -> None:
            for b, v in isi.items():
                setattr(lap, b, copy.deepcopy(v))
            lap.pegawai.per_tanggal = tgl
            self.repo.simpan_kepala(lap)

        self._catat(keterangan, lambda: pasang(sebelum, tanggal), lambda: pasang(sesudah, tanggal_baru))
        self._tersimpan()
        return True

    def tambah(self, obj, wadah: list, induk: str | None = None, keterangan: str = "tambah") -> bool:
        """Append a new record to ``wadah`` (its list in the Laporan) and save it."""
        wadah.append(obj)
        try:
            self.repo.simpan(self.lap.tahun, obj, induk=induk)
        except Exception as e:
            wadah.remove(obj)
            self._gagal(e)
            return False

        posisi = len(wadah) - 1

        def kembalikan() -> None:
            wadah.remove(obj)
            self.repo.hapus(self.lap.tahun, obj)

        def ulangi() -> None:
            wadah.insert(posisi, obj)
            with self.repo.transaksi():
                self._simpan_pohon(obj, induk)

        self._catat(keterangan, kembalikan, ulangi)
        self._tersimpan()
        return True

    def hapus(self, obj, wadah: list, induk: str | None = None, keterangan: str = "hapus") -> bool:
        """Remove a record (with its children) from ``wadah`` and the store."""
        posisi = wadah.index(obj)
        try:
            self.repo.hapus(self.lap.tahun, obj)
        except Exception as e:
            self._gagal(e)
            return False
        wadah.remove(obj)

        def kembalikan() -> None:
            wadah.insert(posisi, obj)
            with self.repo.transaksi():
                self._simpan_pohon(obj, induk)

        def ulangi() -> None:
            self.repo.hapus(self.lap.tahun, obj)
            wadah.remove(obj)

        self._catat(keterangan, kembalikan, ulangi)
        self._tersimpan()
        return True

    def _simpan_pohon(self, obj, induk: str | None) -> None:
        self.repo.simpan(self.lap.tahun, obj, induk=induk)
        if isinstance(obj, Program):
            for k in obj.kegiatan:
                self._simpan_pohon(k, obj.id)
        elif isinstance(obj, Kegiatan):
            for s in obj.subkegiatan:
                self.repo.simpan(self.lap.tahun, s, induk=obj.key)

    def ganti_laporan(self, lap: Laporan | None) -> None:
        """Switch the open year (or open a newly created one); undo starts afresh."""
        self.lap = lap
        self.riwayat = Riwayat()
        self.versi += 1
        if hasattr(self.screen, "segarkan"):
            self.screen.perbarui_judul()
            self.screen.segarkan()

    def _catat(self, keterangan: str, kembalikan, ulangi) -> None:
        self.riwayat.catat(keterangan, kembalikan, ulangi, layar=self.current_mode)

    def _label_layar(self, mode: str) -> str:
        return next((label for _, m, label, _ in LAYAR if m == mode), mode)

    def _jalankan_langkah(self, langkah, fungsi, kata: str) -> bool:
        """Undo or redo one step on the screen it was made on: go there first (closing a
        window left open), then say where and what."""
        try:
            fungsi()
        except Exception as e:
            self._gagal(e)
            return False
        self._tersimpan()
        if langkah.layar and langkah.layar != self.current_mode:
            while isinstance(self.screen, ModalScreen) and len(self.screen_stack) > 1:
                self.pop_screen()
            self.switch_mode(langkah.layar)
        elif hasattr(self.screen, "segarkan"):
            self.screen.segarkan()
        self.notify(f"{kata} di {self._label_layar(langkah.layar)}: {langkah.keterangan}", markup=False)
        return True

    def action_urung(self) -> None:
        langkah = self.riwayat.ambil()
        if langkah is None:
            self.notify("Tidak ada perubahan untuk diurungkan.")
            return
        if self._jalankan_langkah(langkah, langkah.kembalikan, "Diurungkan"):
            self.riwayat.diurungkan(langkah)

    def action_ulang(self) -> None:
        langkah = self.riwayat.ambil_ulang()
        if langkah is None:
            self.notify("Tidak ada perubahan untuk diulang.")
            return
        if self._jalankan_langkah(langkah, langkah.ulangi, "Diulang"):
            self.riwayat.diulang(langkah)
