"""A pending edit is never dropped silently (issue 17 item 2): leaving a screen (F-key,
palette, year switch) saves a valid value or asks; ctrl+q asks about a failed save and about
Narasi text it could not save."""

from decimal import Decimal

from lkjip_tui.screens.konfirmasi import KonfirmasiScreen
from lkjip_tui.screens.narasi import NarasiScreen
from lkjip_tui.screens.triwulan import TriwulanScreen
from lkjip_tui.widgets.edit_grid import EditGrid
from store.repository import Repository

from ..store.gangguan import Suntik
from .test_narasi import buka_narasi, editor
from .test_triwulan import ke_realisasi_tw4_i1
from .test_urutan_tombol import tw4_i1
from .util import SIZE, teks


def pertanyaan(app) -> str:
    assert isinstance(app.screen, KonfirmasiScreen), type(app.screen)
    return teks(app.screen.query("Static").first())


async def test_value_typed_then_f6_then_quit_is_saved(buka, demo_db):
    """The issue's case: F4, type 66 on I1 TW IV (the preview shows it), F6, ctrl+q."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_realisasi_tw4_i1(pilot)
        await pilot.press(*"66")
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        assert app.current_mode == "anggaran"
        assert tw4_i1(demo_db) == Decimal(66)          # saved on leaving F4
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert tw4_i1(demo_db) == Decimal(66)


async def test_leaving_through_the_palette_saves(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_realisasi_tw4_i1(pilot)
        await pilot.press(*"67")
        await pilot.pause()
        app.action_layar("pegawai")                   # what the palette's "Layar Pegawai" runs
        await pilot.pause()
        assert app.current_mode == "pegawai"
    assert tw4_i1(demo_db) == Decimal(67)


async def test_invalid_value_on_leaving_asks_no_stays_yes_leaves(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_realisasi_tw4_i1(pilot)
        await pilot.press(*"6x", "f6")
        await pilot.pause()
        soal = pertanyaan(app)
        assert "Triwulan: Realisasi = 6x: belum sah" in soal and soal.endswith("Pindah layar tanpa menyimpannya?")
        await pilot.press("n")
        await pilot.pause()
        assert app.current_mode == "triwulan" and app.focused.value == "6x"   # the typing is still there
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.current_mode == "anggaran"
        tw = next(s for s in app._layar_dibuka if isinstance(s, TriwulanScreen))
        assert not tw.query_one(EditGrid).sedang_edit   # let go, as answered
    assert tw4_i1(demo_db) == Decimal("79.79")


async def test_year_switch_saves_first(buka, demo_db):
    from lkjip_tui.perintah import pilih_tahun

    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_realisasi_tw4_i1(pilot)
        await pilot.press(*"68")
        await pilot.pause()
        pilih_tahun(app)                               # palette "Ganti tahun laporan", or t on F8
        await pilot.pause()
        assert tw4_i1(demo_db) == Decimal(68)


async def test_failed_save_asks_before_quitting(buka, demo_db):
    """Disk full: the cell stays marked "belum tersimpan"; ctrl+q asks instead of quitting."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_realisasi_tw4_i1(pilot)
        with Suntik(ke=1, terus=True):
            await pilot.press(*"66", "enter")
            await pilot.pause()
            grid = app.screen.query_one(EditGrid)
            assert grid.sedang_edit and app.status == "Belum tersimpan"
            await pilot.press("ctrl+q")
            await pilot.pause()
            soal = pertanyaan(app)
            assert "Realisasi = 66: belum tersimpan" in soal and soal.endswith("Keluar tanpa menyimpannya?")
            await pilot.press("n")
            await pilot.pause()
            assert app.is_running and grid.sedang_edit
            await pilot.press("f6")                    # leaving asks too
            await pilot.pause()
            assert "belum tersimpan" in pertanyaan(app)
            await pilot.press("n")
            await pilot.pause()
            assert app.current_mode == "triwulan"
        await pilot.press("ctrl+q")                    # the disk has room again: saved, then quit
        await pilot.pause()
        assert not app.is_running
    assert tw4_i1(demo_db) == Decimal(66)


async def test_narasi_text_not_saved_asks_before_quitting(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        layar = await buka_narasi(pilot)
        assert isinstance(layar, NarasiScreen)
        await pilot.press("enter")
        with Suntik(ke=1, terus=True):
            await pilot.press(*"Tambahan ")
            await pilot.press("ctrl+q")
            await pilot.pause()
            soal = pertanyaan(app)
            assert "Narasi: teks" in soal and "belum tersimpan" in soal
            await pilot.press("n")
            await pilot.pause()
            assert app.is_running and editor(layar).text.startswith("Tambahan Alhamdulillah")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    with Repository(demo_db, readonly=True) as r:
        assert r.muat(2021).cari_teks("kata-pengantar").isi.startswith("Tambahan Alhamdulillah")
