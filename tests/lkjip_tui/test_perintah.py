"""The command palette in Indonesian with every screen and the app's commands (item 6), and
the database's riwayat, backups and restore under F8 (item 12)."""

from decimal import Decimal

from textual.command import CommandPalette
from textual.widgets import Input

from lkjip_tui import app as app_modul
from lkjip_tui.screens.data import CadanganScreen, RiwayatScreen
from lkjip_tui.screens.konfirmasi import KonfirmasiScreen
from store.repository import Repository

from .test_triwulan import ke_realisasi_tw4_i1
from .test_urutan_tombol import tw4_i1
from .util import SIZE, teks


def judul_perintah(app) -> list[str]:
    return [c.title for c in app.get_system_commands(app.screen)]


async def test_palette_holds_every_screen_and_our_commands_only(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        judul = judul_perintah(app)
        assert [f"Layar {label}" for _, _, label in app_modul.LAYAR] == judul[:len(app_modul.LAYAR)]
        for j in ("Ekspor laporan", "Ganti tahun laporan", "Buat tahun laporan baru", "Riwayat perubahan",
                  "Cadangan dan pemulihan", "Urungkan", "Ulangi", "Bantuan", "Keluar"):
            assert j in judul
        assert not {"Theme", "Screenshot", "Maximize", "Keys", "Quit", "Change theme"} & set(judul)


async def test_a_screen_added_to_the_registry_is_in_the_palette(buka, monkeypatch):
    monkeypatch.setattr(app_modul, "LAYAR", [*app_modul.LAYAR, ("f11", "coba", "Coba")])
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Layar Coba" in judul_perintah(app)


async def test_palette_in_indonesian_and_runs_a_command(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(Input).placeholder == "Cari perintah…"
        await pilot.press(*"qqqzzz")
        await pilot.pause(1.2)
        assert "Tidak ada perintah yang cocok" in str(app.screen.query_one("CommandList").get_option_at_index(0).prompt.renderable)
        await pilot.press("ctrl+u", *"layar anggaran")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "anggaran"


async def test_f8_shows_the_database_and_opens_riwayat(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_realisasi_tw4_i1(pilot)
        await pilot.press(*"81", "enter", "f8")
        await pilot.pause()
        assert str(demo_db) in str(app.screen.tabel.get_row("db")[1])
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RiwayatScreen)
        isi = teks(app.screen.query_one("#riwayat-isi").query_one("Static"))
        assert "Triwulan: I1 · Realisasi TW IV: 79,79 → 81" in isi.splitlines()[0]


async def test_restore_a_backup_from_f8(buka, demo_db):
    """The day's backup (taken when the database opened) restored from the app: the change
    made since is gone, the file before it is kept, and the app goes on writing."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_realisasi_tw4_i1(pilot)
        await pilot.press(*"81", "enter")
        await pilot.pause()
        assert tw4_i1(demo_db) == Decimal(81)
        await pilot.press("f8", "c")
        await pilot.pause()
        assert isinstance(app.screen, CadanganScreen) and app.screen.daftar
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, KonfirmasiScreen)
        await pilot.press("y")
        await pilot.pause()
        assert any("dipulihkan dari cadangan" in n.message for n in app._notifications)
        assert app.lap.cari_indikator("I1").triwulan[2021][3].realisasi == Decimal("79.79")
        assert not app.repo.readonly
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press(*"77", "enter")                  # still writable after the restore (same cell)
        await pilot.pause()
    assert tw4_i1(demo_db) == Decimal(77)
    assert list(demo_db.parent.glob("demo.rusak-*.json"))  # the file before the restore is kept
    with Repository(demo_db, readonly=True) as ro:
        ket = [e.get("keterangan", "") for e in ro.riwayat()]
    assert any(k.startswith("dipulihkan dari cadangan demo-") for k in ket), ket  # the backup's name, not the copy's


async def test_redo_after_undo(buka, demo_db):
    """ctrl+y applies again what ctrl+z took back (item 8)."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_realisasi_tw4_i1(pilot)
        await pilot.press(*"81", "enter", "ctrl+z")
        await pilot.pause()
        assert tw4_i1(demo_db) == Decimal("79.79")
        await pilot.press("f2", "ctrl+y")
        await pilot.pause()
        assert app.current_mode == "triwulan"
        assert any(n.message.startswith("Diulang di Triwulan:") for n in app._notifications)
        assert tw4_i1(demo_db) == Decimal(81)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert tw4_i1(demo_db) == Decimal("79.79")


async def test_arrows_work_right_after_undo_on_f3(buka):
    """Item 8: after ctrl+z on F3 the arrow keys did nothing until Tab."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("down", "down", "down", "tab", *"90", "enter")   # the grid starts on the first target
        await pilot.pause()
        grid = app.screen.query_one("#grid-ind")
        assert grid.cell_terpilih() == ("2017", "target")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.lap.cari_indikator("I1").target[2017] == Decimal("82.36")
        await pilot.press("down", "right")
        await pilot.pause()
        assert grid.cell_terpilih() == ("2018", "realisasi")


async def _pulihkan_cadangan_terbaru(pilot) -> None:
    """F8 `c`, Enter on the newest backup, `y` to restore it."""
    await pilot.press("f8", "c")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("y")
    await pilot.pause()


async def test_restore_f8_lalu_kunci_diambil_lkjip_lain(buka, demo_db, monkeypatch):
    """Between the restore releasing the lock and the app reopening the database, another
    lkjip takes it: the app opens it read-only and says so, instead of failing."""
    import json
    import os
    import time
    from pathlib import Path

    from store import lock, pemulihan

    asli = pemulihan.pulihkan_tercatat  # the app imports it when it restores

    def lalu_diambil(path, sumber, **kw):
        hasil = asli(path, sumber, **kw)
        Path(f"{path}.kunci").write_text(json.dumps({
            "pengguna": "sari", "host": "pc", "mesin": lock.id_mesin(), "pid": os.getpid(),
            "mulai_proses": lock.mulai_proses(os.getpid()), "sejak": "2026-01-02T08:00:00+07:00",
            "sejak_epoch": time.time(), "token": "lain"}), encoding="utf-8")
        return hasil
    monkeypatch.setattr(pemulihan, "pulihkan_tercatat", lalu_diambil)
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await _pulihkan_cadangan_terbaru(pilot)
        assert app.repo.readonly and app.hanya_baca
        assert any("sedang dibuka oleh sari" in n.message and "hanya-baca" in n.message for n in app._notifications)
    Path(f"{demo_db}.kunci").unlink()


async def test_restore_f8_disk_penuh_sebelum_mulai(buka, demo_db, monkeypatch):
    """The restore's working copy cannot be written (full disk): one message, the database
    untouched and still open for writing, no copy left behind."""
    import errno
    import os


    asli = os.fdopen

    class Penuh:
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *a):
            self.f.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(app_modul.os, "fdopen", lambda *a, **k: Penuh(asli(*a, **k)))  # only this restore writes
    sebelum = demo_db.read_bytes()
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await _pulihkan_cadangan_terbaru(pilot)
        assert any("gagal, basis data tidak diubah: No space left" in n.message for n in app._notifications)
        assert not app.repo.readonly and app.repo._kunci.dipegang
        assert demo_db.read_bytes() == sebelum
        monkeypatch.undo()  # os.fdopen is every writer's: the disk has room again before the app closes
    assert not list(demo_db.parent.glob(".*.pulih.*"))
