"""Pengaturan (F8): unit, Renstra, scale, decimals, misi and the report years."""

from decimal import Decimal

import pytest

from lkjip_tui.screens.pengaturan import PengaturanScreen
from lkjip_tui.screens.tahun import PilihTahunScreen
from lkjip_tui.widgets.formulir import Formulir
from lkjip_tui.widgets.pembaca import angka_opsional
from lkjip_tui.widgets.pembaca_pengaturan import baca_band, baca_daftar_tahun, baca_desimal
from store.models import Band
from store.repository import Repository

from .util import SIZE, teks


def sel(app, baris: str) -> str:
    return str(app.screen.query_one("#p-tabel").get_cell(baris, "isi"))


async def ke_baris(pilot, app, key: str) -> None:
    await pilot.press("f8")
    await pilot.pause()
    tabel = app.screen.query_one("#p-tabel")
    tabel.move_cursor(row=tabel.get_row_index(key))
    await pilot.pause()


# ------------------------------------------------------------ readers (pure)
def test_baca_band_and_scale_checks():
    assert baca_band("Tinggi >= 91") == Band("Tinggi", Decimal(91), True)
    assert baca_band("Sangat Tinggi > 100") == Band("Sangat Tinggi", Decimal(100), False)
    assert baca_band("Cukup ≥ 65,5") == Band("Cukup", Decimal("65.5"), True)
    assert baca_band("Sangat Rendah") == Band("Sangat Rendah", None, True)
    assert baca_band("  ") is None
    with pytest.raises(ValueError, match="bukan angka"):
        baca_band("Tinggi >= sembilan")



def test_form_readers_use_the_store_limits():
    """Issue 11: the form's decimals cap and Rupiah limit are store/aturan's, as import's."""
    with pytest.raises(ValueError, match="paling banyak 4 angka"):
        baca_desimal("5")
    assert baca_desimal("4") == 4
    with pytest.raises(ValueError, match="terlalu besar untuk Rupiah"):
        angka_opsional("1.000.000.000.000.000")
    assert angka_opsional("7.303.930.952") == Decimal("7303930952")

def test_baca_daftar_tahun():
    assert baca_daftar_tahun("2017-2021") == [2017, 2018, 2019, 2020, 2021]
    assert baca_daftar_tahun("2019, 2017 2018") == [2017, 2018, 2019]
    with pytest.raises(ValueError):
        baca_daftar_tahun("2021-2017")
    with pytest.raises(ValueError):
        baca_daftar_tahun("dua ribu")


# ------------------------------------------------------------ the screen
async def test_edit_unit_name_saved_and_undone(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_baris(pilot, app, "nama")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Formulir)
        await pilot.press("ctrl+u", *"Kecamatan [b]Uji", "enter")
        await pilot.pause()
        assert sel(app, "nama") == "Kecamatan [b]Uji"          # shown literally, not as markup
        assert "Kecamatan [b]Uji" in teks(app.screen.query_one("#p-detail"))
        with Repository(demo_db, readonly=True) as r:
            assert r.muat(2021).instansi.nama == "Kecamatan [b]Uji"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert sel(app, "nama") == "Kecamatan Balikpapan Selatan"
    with Repository(demo_db, readonly=True) as r:
        assert r.muat(2021).instansi.nama == "Kecamatan Balikpapan Selatan"


async def test_form_lists_every_failure_and_saves_nothing(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_baris(pilot, app, "renstra")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+u", *"2022", "down", "down", "down", "ctrl+u", "9", "enter")
        await pilot.pause()
        galat = teks(app.screen.query_one("#galat-form"))
        assert "Angka desimal: paling banyak 4 angka di belakang koma" in galat
        await pilot.press("ctrl+u", "2", "enter")                  # fix one; the cross check remains
        await pilot.pause()
        assert "Renstra mulai (2022) sesudah akhir (2021)" in teks(app.screen.query_one("#galat-form"))
        assert app.screen.query_one("#isian-mulai").value == "2022"    # nothing typed is lost
        await pilot.press("escape")
        await pilot.pause()
        assert sel(app, "renstra").startswith("2016–2021")
    with Repository(demo_db, readonly=True) as r:
        assert r.muat(2021).renstra.mulai == 2016


async def test_scale_without_catch_all_refused_then_custom_scale_used(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_baris(pilot, app, "skala")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+u", *"Baik >= 100", "down", "ctrl+u", *"Kurang > 0", "down")
        for _ in range(5):
            await pilot.press("ctrl+u", "down")
        await pilot.press("enter")
        await pilot.pause()
        assert "tidak punya kategori penampung" in teks(app.screen.query_one("#galat-form"))
        await pilot.press("up", "up", "up", "up", *"Tidak ada", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, Formulir)
        assert sel(app, "skala") == "≥100 Baik · >0 Kurang · sisanya Tidak ada"
        await pilot.press("f2")
        await pilot.pause()
        assert "Capaian organisasi 159,19 % Baik" in teks(app.screen.query_one("#b-ringkas"))
    with Repository(demo_db, readonly=True) as r:
        assert [b.label for b in r.muat(2021).pengaturan.skala_kategori] == ["Baik", "Kurang", "Tidak ada"]


async def test_misi_add_and_delete_with_confirmation(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_baris(pilot, app, "misi#1")
        await pilot.press("d")                                     # misi 1 is used by a tujuan
        await pilot.pause()
        assert len(app.lap.instansi.misi) == 2
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Mewujudkan tata kelola yang baik", "enter")
        await pilot.pause()
        assert sel(app, "misi#3") == "Mewujudkan tata kelola yang baik"
        with Repository(demo_db, readonly=True) as r:
            assert len(r.muat(2021).instansi.misi) == 3
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert len(app.lap.instansi.misi) == 2
    with Repository(demo_db, readonly=True) as r:
        assert len(r.muat(2021).instansi.misi) == 2


async def test_new_year_copied_then_switch_back(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#isian-tahun").value == "2022"
        assert app.screen.query_one("#isian-salin").value == "2021"
        await pilot.press("enter")
        await pilot.pause()
        assert app.lap.tahun == 2022
        assert sel(app, "tahun").startswith("2022   tersedia: 2021, 2022")
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, PilihTahunScreen)
        await pilot.press("up", "enter")
        await pilot.pause()
        assert app.lap.tahun == 2021
    with Repository(demo_db, readonly=True) as r:
        assert r.tahun_tersedia() == [2021, 2022]
        baru = r.muat(2022)
        assert baru.cari_indikator("I1").realisasi[2021] == Decimal("79.79")
        assert all(s.realisasi is None for _, _, s in baru.semua_subkegiatan())
        assert r.muat(2021).program[0].kegiatan[0].subkegiatan[0].realisasi is not None


async def test_existing_year_refused(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8", "n")
        await pilot.pause()
        await pilot.press("ctrl+u", *"2021", "enter")
        await pilot.pause()
        assert "tahun 2021 sudah ada" in teks(app.screen.query_one("#galat-form"))


async def test_quit_and_reopen_keeps_settings(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_baris(pilot, app, "nip")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"19700101 199503 1 002", "enter")
        await pilot.pause()
        assert sel(app, "nip") == "19700101 199503 1 002"       # shown grouped, stored as digits
        await pilot.press("ctrl+q")
    app.repo.close()
    app2 = buka()
    assert app2.lap.instansi.kepala.nip == "197001011995031002"


async def test_empty_database_create_first_year_here(buka, tmp_path):
    path = tmp_path / "kosong.json"
    app = buka(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape", "f8")                         # decline Beranda's offer, go to Atur
        await pilot.pause()
        assert "Basis data masih kosong" in teks(app.screen.query_one("#p-info"))
        await pilot.press("enter")                                 # the only row: the year
        await pilot.pause()
        await pilot.press("ctrl+u", *"2024", "down", *"Dinas Uji", "enter")
        await pilot.pause()
        assert sel(app, "nama") == "Dinas Uji"
    with Repository(path, readonly=True) as r:
        assert r.tahun_tersedia() == [2024] and r.muat(2024).instansi.nama == "Dinas Uji"


async def test_empty_database_new_misi_says_no_year(buka, tmp_path):
    # "a" (misi baru) read the open year's misi before asking whether there is a year
    app = buka(tmp_path / "kosong.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape", "f8")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, Formulir)
        assert any(n.message == PengaturanScreen.PESAN_KOSONG for n in app._notifications)
        assert app.is_running


async def test_readonly_refuses_edits(buka):
    app = buka(readonly=True)
    async with app.run_test(size=SIZE) as pilot:
        await ke_baris(pilot, app, "nama")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, Formulir)
        assert "HANYA-BACA" in teks(app.screen.query_one("#p-info"))
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, Formulir)


@pytest.fixture
def db_tetap(monkeypatch):
    """The database row shows a fixed path: the test's temp folder differs on every run."""
    from lkjip_tui.screens.pengaturan import PengaturanScreen

    monkeypatch.setattr(PengaturanScreen, "teks_db", lambda self: "/data/lkjip.json")


def test_snapshot_pengaturan(buka, snap_compare, db_tetap):
    assert snap_compare(buka(), terminal_size=SIZE, press=["f8"])


def test_snapshot_pengaturan_form_with_errors(buka, snap_compare, db_tetap):
    assert snap_compare(buka(), terminal_size=SIZE,
                        press=["f8", "down", "enter", "ctrl+u", "down", "down", "down", "down", "1", "2", "a", "b",
                               "enter"])
