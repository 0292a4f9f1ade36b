"""The app's commands that work from any screen, and the command palette (ctrl+p) that lists
them in Indonesian.

The palette's screen commands are built from the screen registry (``app.LAYAR``), so a screen
added there appears in the palette without further work.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from store.backup import CadanganTidakSah
from store.lock import SedangDipakai
from store.pemulihan import pulihkan_tercatat
from store.repository import Repository


class PaletPerintah(CommandPalette):
    """Textual's command palette with its words in Indonesian."""

    def __init__(self, **kw):
        super().__init__(placeholder="Cari perintah…", **kw)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own text is English; the same countdown, in Indonesian.
        self._stop_no_matches_countdown()

        def tampil() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text("Tidak ada perintah yang cocok", style="not bold")),
                           disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, tampil)


def daftar_perintah(app, layar_terdaftar):
    """Every command of the palette."""
    for key, mode, label, _ in layar_terdaftar:
        yield SystemCommand(f"Layar {label}", f"Buka layar {label} ({key.upper()})",
                            lambda m=mode: app.action_layar(m))
    yield SystemCommand("Ekspor laporan", "Ekspor tabel terpilih (atau semua) ke folder di layar Laporan (F9)",
                        lambda: ekspor(app))
    yield SystemCommand("Ganti tahun laporan", "Buka tahun laporan lain", lambda: pilih_tahun(app))
    yield SystemCommand("Buat tahun laporan baru", "Tahun baru, kosong atau salinan tahun lain",
                        lambda: buat_tahun_baru(app))
    yield SystemCommand("Riwayat perubahan", "Siapa mengubah apa dan kapan (tahun terbuka)", lambda: riwayat(app))
    yield SystemCommand("Cadangan dan pemulihan", "Daftar cadangan basis data; pulihkan salah satunya",
                        lambda: cadangan(app))
    yield SystemCommand("Urungkan", "Urungkan perubahan terakhir (ctrl+z)", app.action_urung)
    yield SystemCommand("Ulangi", "Ulangi perubahan yang diurungkan (ctrl+y)", app.action_ulang)
    yield SystemCommand("Bantuan", "Tombol dan penjelasan layar ini (F1)", app.action_bantuan)
    yield SystemCommand("Keluar", "Keluar dari lkjip (ctrl+q)", app.action_keluar)


# ---------------------------------------------------------------- report years
def pilih_tahun(app) -> None:
    """The year list; what is typed on the screen shown is saved (or asked about) first."""
    app.tinggalkan(lambda: _pilih_tahun(app), "Ganti tahun tanpa menyimpannya?")


def _pilih_tahun(app) -> None:
    from .screens.tahun import PilihTahunScreen

    ada = app.repo.tahun_tersedia()
    if not ada:
        _buat_tahun_baru(app)
        return

    def pilih(h) -> None:
        if h == "baru":
            _buat_tahun_baru(app)
        elif isinstance(h, int) and h != app.tahun:
            app.ganti_laporan(app.repo.muat(h))
            app.notify(f"Tahun {h} dibuka.")

    app.push_screen(PilihTahunScreen(ada, app.tahun, not app.hanya_baca), pilih)


def buat_tahun_baru(app) -> None:
    app.tinggalkan(lambda: _buat_tahun_baru(app), "Buat tahun baru tanpa menyimpannya?")


def _buat_tahun_baru(app) -> None:
    from .screens.tahun import buat_tahun, form_tahun_baru

    if app.hanya_baca:
        app.bell()
        app.notify("Basis data dibuka hanya-baca; tahun baru tidak dapat dibuat.", severity="warning")
        return
    app.buka_formulir(form_tahun_baru(app), lambda h: h is not None and buat_tahun(app, h))


# ---------------------------------------------------------------- export
def ekspor(app) -> None:
    app.action_layar("laporan")
    app.call_after_refresh(lambda: app.screen.action_ekspor() if app.current_mode == "laporan" else None)


# ---------------------------------------------------------------- the database
def riwayat(app) -> None:
    from .screens.data import RiwayatScreen

    app.push_screen(RiwayatScreen(app.repo.path, app.tahun))


def cadangan(app) -> None:
    from .screens.data import CadanganScreen
    from .screens.konfirmasi import KonfirmasiScreen

    def pilih(sumber: Path | None) -> None:
        if sumber is None:
            return
        app.push_screen(KonfirmasiScreen(
            f"Pulihkan basis data dari cadangan {sumber.name}?\n\nPerubahan sesudah cadangan itu tidak lagi "
            "terlihat; berkas yang sekarang disimpan di samping basis data (tidak dihapus).",
            ya="Y: pulihkan", tidak="N/Esc: batal"), lambda ya: ya and pulihkan(app, sumber))

    app.push_screen(CadanganScreen(app.repo.path, not app.hanya_baca), pilih)


def pulihkan(app, sumber: Path) -> bool:
    """Restore ``sumber`` over the open database and reopen it (the open year if it still
    exists). The backup is read before the database is closed: closing writes the day's
    backup, which may be the very file chosen."""
    path, tahun = app.repo.path, app.tahun
    try:
        isi = sumber.read_bytes()
    except OSError as e:
        app.notify(f"Cadangan {sumber.name} tidak dapat dibaca: {e.strerror or e}", severity="error", markup=False)
        return False
    fd, salinan = tempfile.mkstemp(prefix=f".{path.name}.pulih.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "wb") as f:
        f.write(isi)
    app.repo.close()
    pesan, ok = "", False
    try:
        hasil = pulihkan_tercatat(path, Path(salinan))
        pesan = (f"Basis data dipulihkan dari cadangan {sumber.name} dengan {hasil.baris_jurnal} baris jurnal."
                 + "".join(f" Berkas sebelumnya: {p.name}." for p in hasil.disisihkan))
        ok = True
    except SedangDipakai as e:
        pesan = e.pesan
    except (FileNotFoundError, OSError, CadanganTidakSah) as e:
        pesan = f"Pemulihan gagal: {getattr(e, 'strerror', None) or e}"
    finally:
        Path(salinan).unlink(missing_ok=True)
    app.repo = Repository(path)
    ada = app.repo.tahun_tersedia()
    app.ganti_laporan(app.repo.muat(tahun if tahun in ada else ada[-1]) if ada else None)
    app.notify(pesan, severity="information" if ok else "error", timeout=10, markup=False)
    return ok
