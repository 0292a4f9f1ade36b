"""The app's commands that work from any screen, and the command palette (ctrl+p) that lists
them in Indonesian.

The palette's screen commands are built from the screen registry (``app.LAYAR``), so a screen
added there appears in the palette without further work.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import SystemCommand

from .textual_dalam import PaletIndonesia


class PaletPerintah(PaletIndonesia):
    """Textual's command palette with its words in Indonesian."""

    def __init__(self, **kw):
        super().__init__(placeholder="Cari perintah…", **kw)


def daftar_perintah(app, layar_terdaftar):
    """Every command of the palette."""
    for key, mode, label in layar_terdaftar:
        yield SystemCommand(f"Layar {label}", f"Buka layar {label} ({key.upper()})",
                            lambda m=mode: app.action_layar(m))
    yield SystemCommand("Ekspor laporan", "Ekspor tabel terpilih (atau semua) ke folder di layar Laporan (F9)",
                        lambda: ekspor(app))
    yield SystemCommand("Impor pagu/realisasi", "Dari berkas SIPD-RI atau lembar sendiri (XLSX/CSV), dicek dulu",
                        lambda: impor_anggaran(app))
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


def impor_anggaran(app) -> None:
    from .screens.impor_anggaran import mulai

    mulai(app)


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
            app.buka_tahun(h)
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
            ya="Y: pulihkan", tidak="N/Esc: batal"), lambda ya: ya and app.pulihkan(sumber))

    app.push_screen(CadanganScreen(app.repo.path, not app.hanya_baca), pilih)

