import shutil
from decimal import Decimal

from textual.widgets import Input

from lkjip_tui.app import LkjipApp
from lkjip_tui.screens.akip import GRADE, JUMLAH
from lkjip_tui.screens.konfirmasi import KonfirmasiScreen
from lkjip_tui.widgets.edit_grid import EditGrid
from lkjip_tui.widgets.formulir import Formulir
from store.repository import Repository

from .util import SIZE, teks


def muat(path):
    with Repository(path, readonly=True) as r:
        return r.muat(2021)


def nilai(path, nama, tahun):
    return next(k for k in muat(path).evaluasi_akip if k.nama == nama).nilai.get(tahun)


async def buka_akip(pilot):
    await pilot.press("f7")
    await pilot.pause()
    await pilot.pause()
    return pilot.app.screen.query_one(EditGrid)


async def ke_capaian_2020(pilot):
    grid = await buka_akip(pilot)
    await pilot.press("down", "down", "down", "down", "left")   # starts on 2021
    await pilot.pause()
    return grid


def sel(grid, baris, kolom) -> str:
    return str(grid.tabel.get_cell(baris, kolom))


async def test_demo_totals_and_grades(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        grid = await buka_akip(pilot)
        assert [sel(grid, JUMLAH, "t2019"), sel(grid, JUMLAH, "t2020"), sel(grid, JUMLAH, "t2021")] == ["64,33", "65,08", "-"]
        assert [sel(grid, GRADE, "t2019"), sel(grid, GRADE, "t2020")] == ["B", "B"]
        assert "2019: 64,33 B  2020: 65,08 B  2021: -" in teks(app.screen.query_one("#ringkas-akip"))
        await pilot.press(*["down"] * 5, "left", "left", "7")     # the Jumlah row is derived
        await pilot.pause()
        assert not grid.sedang_edit
        assert "dihitung otomatis" in teks(grid.query_one("#pesan-grid"))   # said under the grid


async def test_live_total_and_grade_while_typing_then_saved(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        grid = await ke_capaian_2020(pilot)
        assert grid.cell_terpilih()[1] == "t2020"
        await pilot.press(*"20")
        await pilot.pause()
        # 65,08 − 13,17 + 20 = 71,91 → BB, before anything is saved
        assert (sel(grid, JUMLAH, "t2020"), sel(grid, GRADE, "t2020")) == ("71,91", "BB")
        assert "2020: 71,91 BB" in teks(app.screen.query_one("#ringkas-akip"))
        assert nilai(demo_db, "Capaian Kinerja", 2020) == Decimal("13.17")
        await pilot.press("enter")
        await pilot.pause()
        assert app.status.startswith("Tersimpan")
    assert nilai(demo_db, "Capaian Kinerja", 2020) == Decimal(20)


async def test_bad_and_negative_values_refused(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        grid = await ke_capaian_2020(pilot)
        await pilot.press(*"1,2,3", "enter")
        await pilot.pause()
        assert grid.sedang_edit
        assert "bukan angka yang sah" in teks(grid.query_one("#dibaca"))
        await pilot.press("escape", "-", "5", "enter")
        await pilot.pause()
        assert grid.sedang_edit
        assert "nilai tidak boleh negatif" in teks(grid.query_one("#dibaca"))
        await pilot.press("escape")
        await pilot.pause()
        assert sel(grid, JUMLAH, "t2020") == "65,08"
        await pilot.press("left", "left", "enter", "ctrl+u", "enter")   # blank bobot
        await pilot.pause()
        assert grid.sedang_edit
        assert "bobot wajib diisi" in teks(grid.query_one("#dibaca"))
    assert nilai(demo_db, "Capaian Kinerja", 2020) == Decimal("13.17")
    assert muat(demo_db).evaluasi_akip[4].bobot == Decimal(20)


async def test_nilai_above_bobot_refused_and_bobot_not_100_flagged(buka, demo_db):
    """Issue 12 item 4: 45 of 30 gave grade AA; a nilai above its bobot is refused now, and so
    is a bobot lowered below a nilai already given."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        grid = await ke_capaian_2020(pilot)
        await pilot.press(*"21", "enter")
        await pilot.pause()
        assert grid.sedang_edit
        assert "nilai 21 melebihi bobot 20" in teks(grid.query_one("#dibaca"))
        assert sel(grid, JUMLAH, "t2020") == "65,08"
        await pilot.press("escape", "left", "left", *"10", "enter")   # bobot 20 → 10, below 13,17
        await pilot.pause()
        assert grid.sedang_edit
        assert "bobot 10 lebih kecil dari nilai 2020 (13,17)" in teks(grid.query_one("#dibaca"))
        await pilot.press("ctrl+u", *"25", "enter")                   # bobot 20 → 25
        await pilot.pause()
        peringatan = teks(app.screen.query_one("#peringatan-akip"))
        assert "Jumlah bobot 105, seharusnya 100" in peringatan
        assert sel(grid, JUMLAH, "bobot") == "105!"
    lap = muat(demo_db)
    assert lap.evaluasi_akip[4].bobot == Decimal(25)
    assert lap.evaluasi_akip[4].nilai[2020] == Decimal("13.17")


async def test_cursor_starts_on_the_report_year_value(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        grid = await buka_akip(pilot)
        assert grid.cell_terpilih() == (grid.baris[0], "t2021")
        await pilot.press(*"25")
        await pilot.pause()
        assert grid.sedang_edit and grid._edit == (grid.baris[0], "t2021")
        assert sel(grid, grid.baris[0], "nama") == "Perencanaan Kinerja"


async def test_no_grade_until_every_component_has_a_nilai(buka):
    """Issue 17 item 6: with 1 of 5 components entered the header said `2021: 25,50 D`."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        grid = await buka_akip(pilot)
        assert grid.cell_terpilih() == (grid.baris[0], "t2021")
        await pilot.press(*"25,5", "enter")
        await pilot.pause()
        ringkas = teks(app.screen.query_one("#ringkas-akip"))
        assert "2021: 25,50 (sementara, 1/5 dinilai)" in ringkas and "25,50 D" not in ringkas
        assert (sel(grid, JUMLAH, "t2021"), sel(grid, GRADE, "t2021")) == ("25,50", "1/5")


async def test_undo_restores(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        grid = await ke_capaian_2020(pilot)
        await pilot.press("enter", "ctrl+u", "enter")                 # blank: not assessed
        await pilot.pause()
        assert sel(grid, JUMLAH, "t2020") == "51,91"
        assert nilai(demo_db, "Capaian Kinerja", 2020) is None
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert sel(app.screen.query_one(EditGrid), JUMLAH, "t2020") == "65,08"
    assert nilai(demo_db, "Capaian Kinerja", 2020) == Decimal("13.17")


async def test_rename_component_in_grid(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        grid = await buka_akip(pilot)
        await pilot.press("home", "enter", "ctrl+u", "enter")
        await pilot.pause()
        assert grid.sedang_edit                                          # blank name refused
        assert "nama komponen wajib diisi" in teks(grid.query_one("#dibaca"))
        await pilot.press(*"[b]Rencana", "enter")
        await pilot.pause()
        assert sel(grid, grid.baris[0], "nama") == "[b]Rencana"
    assert muat(demo_db).evaluasi_akip[0].nama == "[b]Rencana"


async def test_add_component_form_then_delete_with_confirmation_and_undo(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await buka_akip(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, Formulir)
        form.query_one("#isian-bobot", Input).value = "abc"
        await pilot.press("ctrl+s")
        await pilot.pause()
        galat = teks(form.query_one("#galat-form"))
        assert "Komponen: wajib diisi" in galat and "Bobot: berisi karakter" in galat
        form.query_one("#isian-nama", Input).value = "Inovasi"
        form.query_one("#isian-bobot", Input).value = "5"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, Formulir)
        assert [k.nama for k in muat(demo_db).evaluasi_akip][-1] == "Inovasi"
        assert "Jumlah bobot 105" in teks(app.screen.query_one("#peringatan-akip"))
        await pilot.press("down", "down", "down", "down", "down", "delete")
        await pilot.pause()
        assert isinstance(app.screen, KonfirmasiScreen)
        await pilot.press("y")
        await pilot.pause()
        assert "Inovasi" not in [k.nama for k in muat(demo_db).evaluasi_akip]
        await pilot.press("d", "n")                                      # no: kept
        await pilot.pause()
        assert len(muat(demo_db).evaluasi_akip) == 5
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [k.nama for k in app.lap.evaluasi_akip][-1] == "Inovasi"
    assert [k.nama for k in muat(demo_db).evaluasi_akip][-1] == "Inovasi"


async def test_quit_and_reopen_keeps_data(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_capaian_2020(pilot)
        await pilot.press("right", *"13.5", "enter")                  # 2021; "13.5" read as 13,5
        await pilot.pause()
        await pilot.press("ctrl+q")
    app.repo.close()
    app2 = buka()
    async with app2.run_test(size=SIZE) as pilot:
        grid = await buka_akip(pilot)
        assert sel(grid, JUMLAH, "t2021") == "13,50"
        assert sel(grid, GRADE, "t2021") == "1/5"    # no grade yet: 1 of 5 components has a nilai


async def test_readonly_refuses_changes(buka):
    app = buka(readonly=True)
    async with app.run_test(size=SIZE) as pilot:
        grid = await ke_capaian_2020(pilot)
        await pilot.press("5")
        await pilot.pause()
        assert not grid.sedang_edit
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, Formulir)
        assert "HANYA-BACA" in teks(app.screen.query_one("#petunjuk-akip"))


async def test_empty_database_says_what_to_do(tmp_path):
    repo = Repository(tmp_path / "kosong.json")
    app = LkjipApp(repo)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("escape", "f7", "a", "d", "5")  # Esc: skip the first-year form Beranda offers
            await pilot.pause()
            isi = teks(app.screen.query_one("#ringkas-akip"))
            assert "F8 Atur" in isi and "lkjip import" in isi
            assert not isinstance(app.screen, Formulir)
    finally:
        repo.close()

def test_snapshot_akip(snap_compare, demo_db, tmp_path):
    salinan = tmp_path / "salinan.json"
    shutil.copy(demo_db, salinan)
    repo = Repository(salinan)
    try:
        assert snap_compare(LkjipApp(repo), terminal_size=SIZE, press=["f7"])
    finally:
        repo.close()
