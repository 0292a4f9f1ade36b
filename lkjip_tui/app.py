"""The lkjip Textual app: holds the open report year and is the only writer to the store.

Screens change data through :meth:`LkjipApp.ubah`, :meth:`tambah` and :meth:`hapus`, which
save at once (there is no Save button to forget), record an undo step and update the status
line. A failed save puts the record back as it was and says why.
"""

from __future__ import annotations

import copy
import gc
import importlib
import os
import threading
from collections.abc import Callable
from contextlib import ExitStack
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar, cast

from textual.app import App
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from store.keadaan import ingat_tahun, tahun_bawaan
from store.lock import KunciHilang, SedangDipakai
from store.models import Laporan
from store.numbers import muat_locale
from store.perubahan import (
    GantiTahun,
    Hapus,
    Perubahan,
    Rekaman,
    Tambah,
    Ubah,
    berkunci,
    induk_dari,
    kunci,
    salin_kepala,
    simpan_tahun,
    teks_riwayat,
    terapkan,
    terkini,
)
from store.repository import MasihDipakai, Repository
from store.storage import HanyaBaca
from store.tanpa_gc import tanpa_gc

from . import perintah
from .screens.base import LayarDasar
from .screens.beranda import BerandaScreen
from .undo import Langkah, Riwayat
from .urut import UrutTombol
from .widgets.modal import Modal
from .widgets.tertunda import Tertunda, di_layar

R = TypeVar("R", bound=Rekaman)  # a record kind: what a screen hands in, it gets back

# The last line of the question before quitting with something unsaved; ctrl+q on it quits.
TANYA_KELUAR = "Keluar tanpa menyimpannya?"

# (key, mode, label in the nav bar) — one row per main screen; its class is kelas_layar(mode).
LAYAR: list[tuple[str, str, str]] = [
    ("f2", "beranda", "Beranda"),
    ("f3", "indikator", "Indikator"),
    ("f4", "triwulan", "Triwulan"),
    ("f5", "pegawai", "Pegawai"),
    ("f6", "anggaran", "Anggaran"),
    ("f7", "akip", "AKIP"),
    ("f8", "pengaturan", "Atur"),
    ("f9", "laporan", "Laporan"),
    ("f10", "narasi", "Narasi"),
]


def kelas_layar(mode: str) -> type[LayarDasar]:
    """The class of the main screen ``mode``. Beranda, the first screen, comes with the app; the
    others (and their forms, grids and text editor: ~35 ms of imports) are imported when their
    F-key is first pressed or, once the first screen is painted, in the background
    (:meth:`LkjipApp.on_ready`), so the first paint does not wait for them."""
    match mode:
        case "beranda":
            return BerandaScreen
        case "indikator":
            from .screens.indikator import IndikatorScreen
            return IndikatorScreen
        case "triwulan":
            from .screens.triwulan import TriwulanScreen
            return TriwulanScreen
        case "pegawai":
            from .screens.pegawai import PegawaiScreen
            return PegawaiScreen
        case "anggaran":
            from .screens.anggaran import AnggaranScreen
            return AnggaranScreen
        case "akip":
            from .screens.akip import AkipScreen
            return AkipScreen
        case "pengaturan":
            from .screens.pengaturan import PengaturanScreen
            return PengaturanScreen
        case "laporan":
            from .screens.laporan import LaporanScreen
            return LaporanScreen
        case "narasi":
            from .screens.narasi import NarasiScreen
            return NarasiScreen
    raise KeyError(mode)


def _layar_baru(mode: str) -> LayarDasar:
    return kelas_layar(mode)()


def _muat_di_belakang(selesai: threading.Event) -> None:
    """What the first screen did not need, loaded in a thread once it is painted: the other main
    screens, then what F9's preview needs beyond its screen, and Babel's locale data (its
    dates). A screen opened meanwhile waits for its module as any import does (no module of
    lkjip_tui imports another back)."""
    try:
        for _, mode, _ in LAYAR:
            kelas_layar(mode)
        from .screens.laporan import MODUL_PRATINJAU

        for nama in MODUL_PRATINJAU:
            importlib.import_module(nama)
        muat_locale()
    except Exception:  # noqa: S110 - what needs it imports it again, and says there why it cannot
        pass
    finally:
        selesai.set()


def _bindings_kita(node):
    """The bindings lkjip's own classes declare on ``node`` (not the ones Textual's widgets bring)."""
    for cls in type(node).__mro__:
        if cls.__module__.startswith("lkjip_tui"):
            for b in cls.__dict__.get("BINDINGS", []):
                for k in b.key.split(","):
                    yield Binding(k.strip(), b.action)


def _gaya() -> str:
    """app.tcss, read through this module's loader, not as a path beside this file: the app also
    runs from a zip (.pyz), whose loader has its index at hand (importlib.resources reads it
    again). What ``pkgutil.get_data`` does, without importing pkgutil and what it brings (2 ms)."""
    loader: Any = __spec__.loader
    return str(loader.get_data(os.path.join(os.path.dirname(__file__), "app.tcss")).decode("utf-8"))


class LkjipApp(UrutTombol, App[int]):
    CSS = _gaya()
    TITLE = "lkjip"
    NAV = LAYAR  # the nav bar's rows; screens read them as self.app.NAV (they may not import the app)
    MODES = {m: partial(_layar_baru, m) for _, m, _ in LAYAR}
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
        *[Binding(k, f"layar('{m}')", label, show=False, id=f"layar-{m}", priority=True) for k, m, label in LAYAR],
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
        self.termuat = threading.Event()  # set when what loads after the first paint is loaded
        self._jeda_gc = ExitStack()  # the collector's pause while the first screen is built (run)
        self.status = "HANYA-BACA" if repo.readonly else "Siap"
        ada = repo.tahun_tersedia()
        tahun = tahun if tahun in ada else tahun_bawaan(repo.path, ada)
        self.lap: Laporan | None = repo.muat(tahun) if tahun is not None else None
        if tahun is not None and not repo.readonly:
            ingat_tahun(repo.path, tahun)

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
        # The first screen (its widgets, styles and the stylesheet's rules, which live as long
        # as it does) is built with the collector paused, until it is painted (on_ready):
        # about 14 ms of the first paint on the demo data.
        self._jeda_gc.enter_context(tanpa_gc())
        try:
            return super().run(*args, **kwargs)
        finally:
            self._jeda_gc.close()

    def on_ready(self) -> None:
        # The first screen is painted: the collector runs again, and the rest is loaded in the
        # background once the frames queued behind it are drawn too, so an F-key does not wait
        # for it (nor did the paint).
        self._jeda_gc.close()
        muat = threading.Thread(target=_muat_di_belakang, args=(self.termuat,), name="lkjip-muat", daemon=True)
        self.call_after_refresh(muat.start)

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

    def selesaikan_tertunda(self, semua: list[Tertunda], lanjut: Callable[[], object], tanya: str) -> None:
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

    def tinggalkan(self, lanjut: Callable[[], object], tanya: str = "Pindah tanpa menyimpannya?") -> None:
        """Leave the screen shown (another screen, another year): its pending edits are saved
        or asked about first (see :meth:`selesaikan_tertunda`)."""
        self.selesaikan_tertunda(self._tertunda(list(reversed(self.screen_stack))), lanjut, tanya)

    def keluar_karena_tutup(self) -> None:
        """The console is closing (hang-up, window closed): nobody can answer a question, so
        what was typed and is valid is saved (a value in a grid's editor, as ctrl+q would, or
        a changed add/edit form), and the app ends. Invalid typing cannot be stored."""
        from .widgets.edit_grid import EditGrid
        from .widgets.formulir import Formulir

        try:
            layar = self.screen
            if isinstance(layar, Formulir) and layar.berubah():
                layar.action_simpan()  # dismissed with its result only when every field reads
            elif (grid := next((g for g in layar.query(EditGrid) if g.sedang_edit), None)) is not None:
                grid.simpan_tertunda()  # a valid value is saved; an invalid one cannot be
        finally:
            self.call_later(self.exit)  # after the form's result callback has saved

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
        self.push_screen(BantuanScreen(layar.JUDUL if isinstance(layar, (LayarDasar, Modal)) else "",
                                       [(" / ".join(k), d) for (_, d), k in tombol.items()],
                                       layar.BANTUAN if isinstance(layar, LayarDasar) else ""))

    # The app's commands a screen starts (perintah.py sits above the screens, which may not import it)
    def pilih_tahun(self) -> None:
        perintah.pilih_tahun(self)

    def buat_tahun_baru(self) -> None:
        perintah.buat_tahun_baru(self)

    def lihat_riwayat(self) -> None:
        perintah.riwayat(self)

    def lihat_cadangan(self) -> None:
        perintah.cadangan(self)

    def get_system_commands(self, screen):
        # Ours only: Textual's (Theme, Screenshot, Keys…) are English and not for this app.
        yield from perintah.daftar_perintah(self, LAYAR)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(perintah.PaletPerintah(id="--command-palette"))

    # ------------------------------------------------------------ changing data
    def laporan(self) -> Laporan:
        """The open year, for code that runs only with one open (a change: the screen checked
        first with boleh_ubah; a window opened on the year's data)."""
        if self.lap is None:
            raise RuntimeError("belum ada tahun laporan yang dibuka")
        return self.lap

    def _grid_tertunda(self):
        from .widgets.edit_grid import EditGrid
        # every screen's, not only the one shown: quitting saves what was typed on the others
        return [g for s in self._layar_semua() for g in s.query(EditGrid) if g.tertunda is not None]

    def _tersimpan(self) -> None:
        for g in self._grid_tertunda():
            g.tertunda = None
        self.versi += 1
        self.status = f"Tersimpan {datetime.now():%H:%M:%S}"
        if isinstance(self.screen, LayarDasar):
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
        diambil = self.repo.diambil_alih
        if isinstance(e, KunciHilang) or (diambil and isinstance(e, HanyaBaca)):
            # Another lkjip took the database over: read-only from now on, but what was typed
            # stays on screen (a grid keeps it marked, a form opens again holding it).
            pesan = str(diambil or e)
            for g in self._grid_tertunda():
                g.belum_tersimpan("basis data diambil alih")
            self.status = "HANYA-BACA"
            self._gagal_simpan = "basis data diambil alih lkjip lain; kini hanya-baca"
            if isinstance(self.screen, LayarDasar):
                self.screen.perbarui_judul()
        elif isinstance(e, (HanyaBaca, MasihDipakai)):
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
            if isinstance(self.screen, LayarDasar):
                self.screen.perbarui_judul()
        self.notify(pesan, severity="error", timeout=8, markup=False)

    # The one way data changes: every screen, form, undo and redo hands commands
    # (store/perubahan.py) to terapkan(); ubah/ubah_banyak/ubah_kepala/tambah/hapus only build them.
    def terapkan(self, perubahan: list[Perubahan], keterangan: str) -> bool:
        """Apply ``perubahan`` as one transaction and one undo step. ``keterangan`` names the
        row and column as the screen does: the step for ctrl+z, and in riwayat with the screen's
        name and the old and new value. After it the screen redraws from ``self.lap``."""
        try:
            mundur = terapkan(self.repo, self.laporan(), perubahan, self._teks_riwayat(perubahan, keterangan))
        except Exception as e:  # a save error must never lose the screen or the old value
            self._gagal(e)
            return False
        self.riwayat.catat(keterangan, mundur, list(perubahan), layar=self.current_mode)
        self._tersimpan()
        return True

    def ubah(self, obj: Rekaman, mutasi: Callable[[Any], None], keterangan: str = "perubahan") -> bool:
        """Save record ``obj`` as ``mutasi`` changes a copy of it (``obj`` itself is left as it is)."""
        return self.ubah_banyak([obj], lambda salinan: mutasi(salinan[0]), keterangan)

    def ubah_banyak(self, objs: list[Rekaman], mutasi: Callable[[list[Any]], None],
                    keterangan: str = "perubahan") -> bool:
        """Save several records as ``mutasi`` changes copies of them, in one transaction and
        one undo step. A copy's id may be changed (a rename)."""
        lap = self.laporan()
        lama = [terkini(lap, o) for o in objs]
        salinan = [copy.deepcopy(o) for o in lama]
        mutasi(salinan)
        perintah: list[Perubahan] = [Ubah(b, kunci(a) if kunci(a) != kunci(b) else None, induk_dari(lap, a))
                                     for a, b in zip(lama, salinan)]
        return self.terapkan(perintah, keterangan)

    def ubah_kepala(self, mutasi: Callable[[Laporan], object], keterangan: str = "perubahan") -> bool:
        """Change instansi / renstra / pengaturan / pegawai date / outline of the open year;
        ``mutasi`` gets a copy of the year whose header it may change."""
        return self.terapkan([salin_kepala(self.laporan(), mutasi)], keterangan)

    def tambah(self, obj: R, induk: str | None = None, keterangan: str = "tambah") -> R | None:
        """Add a new record (to its parent ``induk`` for a kegiatan or subkegiatan); returns
        the record as stored (with its key), or None when it was not saved."""
        baru = berkunci(obj)
        # berkunci and terkini give the record of the kind they were given
        return cast(R, terkini(self.laporan(), baru)) if self.terapkan([Tambah(baru, induk)], keterangan) else None

    def hapus(self, obj: Rekaman, keterangan: str = "hapus") -> bool:
        """Remove a record (with its children)."""
        return self.terapkan([Hapus(type(obj), kunci(obj), induk_dari(self.laporan(), obj))], keterangan)

    def baru(self, obj: R) -> R:
        """The record the store holds now for ``obj`` (by key): what a screen shows after a change."""
        return cast(R, terkini(self.laporan(), obj))

    # ------------------------------------------------------------ years and the database
    def ganti_laporan(self, lap: Laporan | None) -> None:
        """Show ``lap`` (a year just opened, created or restored); undo starts afresh, and the
        year is remembered for the next start (store/keadaan.py)."""
        self.lap = lap
        self.riwayat = Riwayat()
        self.versi += 1
        if lap is not None and not self.hanya_baca:
            ingat_tahun(self.repo.path, lap.tahun)
        if isinstance(self.screen, LayarDasar):
            self.screen.perbarui_judul()
            self.screen.segarkan()

    def buka_tahun(self, tahun: int | None) -> None:
        """Open report year ``tahun`` (None: the database has no year)."""
        self.ganti_laporan(self.repo.muat(tahun) if tahun is not None else None)

    def simpan_tahun(self, perintah: GantiTahun) -> bool:
        """Store a whole year (a new one) through the writer and open it; a failure is said."""
        try:
            simpan_tahun(self.repo, perintah)
        except Exception as e:
            self.notify(f"Tahun {perintah.lap.tahun} gagal dibuat: {e}", severity="error", timeout=8, markup=False)
            return False
        self.buka_tahun(perintah.lap.tahun)
        return True

    def pulihkan(self, sumber: Path) -> bool:
        """Restore ``sumber`` over the open database and reopen it (the open year if it still
        exists). The backup is read before the database is closed: closing writes the day's
        backup, which may be the very file chosen."""
        import tempfile  # loaded here, not at start: only a restore needs them

        from store.backup import CadanganTidakSah
        from store.pemulihan import pulihkan_tercatat

        path, tahun = self.repo.path, self.tahun
        try:
            isi = sumber.read_bytes()
        except OSError as e:
            self.notify(f"Cadangan {sumber.name} tidak dapat dibaca: {e.strerror or e}", severity="error",
                        markup=False)
            return False
        salinan = None
        try:
            fd, salinan = tempfile.mkstemp(prefix=f".{path.name}.pulih.", suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "wb") as f:
                f.write(isi)
        except OSError as e:  # a full disk: nothing was touched yet
            if salinan:
                Path(salinan).unlink(missing_ok=True)
            self.notify(f"Pemulihan gagal, basis data tidak diubah: {e.strerror or e}", severity="error",
                        markup=False)
            return False
        self.repo.close()
        pesan, ok = "", False
        try:
            hasil = pulihkan_tercatat(path, Path(salinan), nama=sumber.name)
            pesan = (f"Basis data dipulihkan dari cadangan {sumber.name} dengan {hasil.baris_jurnal} baris jurnal."
                     + "".join(f" Berkas sebelumnya: {p.name}." for p in hasil.disisihkan))
            ok = True
        except SedangDipakai as e:
            pesan = e.pesan
        except (FileNotFoundError, OSError, CadanganTidakSah, KunciHilang) as e:
            pesan = f"Pemulihan gagal: {getattr(e, 'strerror', None) or e}"
        finally:
            Path(salinan).unlink(missing_ok=True)
        try:
            self.repo = Repository(path)
        except SedangDipakai as e:  # another lkjip took the database while it was closed for the restore
            self.repo = Repository(path, readonly=True)
            self.status = "HANYA-BACA"
            pesan, ok = f"{pesan} {e.pesan} Dibuka hanya-baca.".strip(), False
        ada = self.repo.tahun_tersedia()
        self.buka_tahun(tahun if tahun in ada else tahun_bawaan(path, ada))
        self.notify(pesan, severity="information" if ok else "error", timeout=10, markup=False)
        return ok

    def _teks_riwayat(self, perintah: list[Perubahan], keterangan: str, layar: str | None = None) -> str:
        return f"{self._label_layar(layar or self.current_mode)}: {teks_riwayat(self.laporan(), perintah, keterangan)}"

    def _label_layar(self, mode: str) -> str:
        return next((label for _, m, label in LAYAR if m == mode), mode)

    def _jalankan_langkah(self, langkah: Langkah, perintah: list[Perubahan], kata: str) -> list[Perubahan] | None:
        """Undo or redo one step through the writer, on the screen it was made on: go there
        first (closing a window left open), then say where and what. Returns the commands
        that reverse what was just done (None when the save failed)."""
        try:
            kebalikan = terapkan(self.repo, self.laporan(), perintah,
                                 self._teks_riwayat(perintah, f"{kata.lower()} {langkah.keterangan}", langkah.layar))
        except Exception as e:
            self._gagal(e)
            return None
        self._tersimpan()
        if langkah.layar and langkah.layar != self.current_mode:
            while isinstance(self.screen, ModalScreen) and len(self.screen_stack) > 1:
                self.pop_screen()
            self.switch_mode(langkah.layar)
        elif isinstance(self.screen, LayarDasar):
            self.screen.segarkan()
        self.notify(f"{kata} di {self._label_layar(langkah.layar)}: {langkah.keterangan}", markup=False)
        return kebalikan

    def action_urung(self) -> None:
        langkah = self.riwayat.ambil()
        if langkah is None:
            self.notify("Tidak ada perubahan untuk diurungkan.")
            return
        maju = self._jalankan_langkah(langkah, langkah.mundur, "Diurungkan")
        if maju is None:
            self.riwayat.diulang(langkah, langkah.mundur)  # not undone: it stays the last step
        else:
            self.riwayat.diurungkan(langkah, maju)

    def action_ulang(self) -> None:
        langkah = self.riwayat.ambil_ulang()
        if langkah is None:
            self.notify("Tidak ada perubahan untuk diulang.")
            return
        mundur = self._jalankan_langkah(langkah, langkah.maju, "Diulang")
        if mundur is None:
            self.riwayat.gagal_ulang(langkah)
        else:
            self.riwayat.diulang(langkah, mundur)
