"""Grids behave the same on F3–F7 (issue 17 item 3, issue 22 item 5): the cursor starts on the
first number typed; a key typed where no number is typed edits nothing, here or elsewhere,
and the line under the grid says what to do instead."""

from decimal import Decimal

from lkjip_tui.widgets.edit_grid import EditGrid
from store.repository import Repository

from .test_anggaran import sub_db
from .util import SIZE, teks


def muat(path):
    with Repository(path, readonly=True) as r:
        return r.muat(2021)


async def grid_di(pilot, tombol: str) -> EditGrid:
    await pilot.press(tombol)
    await pilot.pause()
    await pilot.pause()
    return pilot.app.screen.query_one(EditGrid)


def pesan(grid: EditGrid) -> str:
    return teks(grid.query_one("#pesan-grid"))


async def test_cursor_starts_on_the_first_number_on_every_screen(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        assert (await grid_di(pilot, "f4")).cell_terpilih() == ("I1#0", "target")
        peg = await grid_di(pilot, "f5")
        assert peg.cell_terpilih()[1] == "l" and peg.cell_terpilih()[0].startswith("J:")
        ang = await grid_di(pilot, "f6")
        assert ang.cell_terpilih()[1] == "pagu" and ang.cell_terpilih()[0].startswith("S:")
        assert (await grid_di(pilot, "f7")).cell_terpilih()[1] == "t2021"   # the report year's value
        ind = await grid_di(pilot, "f3")
        await pilot.press("down", "down", "down", "tab")                   # I1 in the tree, then its grid
        await pilot.pause()
        assert ind.cell_terpilih() == ("2017", "target")


async def test_f4_digits_on_the_name_column_edit_nothing(buka, demo_db):
    """The issue's case: F4 put `8 5 Enter` into TW I target."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        grid = await grid_di(pilot, "f4")
        await pilot.press("home", *"85", "enter")
        await pilot.pause()
        assert "Kolom Indikator: ketik angka di Target atau Realisasi" in pesan(grid)
        assert not grid.sedang_edit
        await pilot.press("right", "right")                               # the message goes with the cursor
        await pilot.pause()
        assert pesan(grid) == ""
    assert muat(demo_db).cari_indikator("I1").triwulan[2021][0].target is None   # as it was


async def test_f5_digits_on_a_unit_name_rename_nothing(buka, demo_db):
    """The issue's case: F5 ignored `17`, then Enter opened the rename form and `19 Enter`
    renamed the kecamatan. Now `17` says what to do, and only e (or Enter) renames."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        grid = await grid_di(pilot, "f5")
        await pilot.press("up", "home", *"17")
        await pilot.pause()
        assert "Kolom nama: tekan e untuk mengubah nama" in pesan(grid)
        assert not grid.sedang_edit and app.screen.query_one(EditGrid) is grid   # no form opened
    assert muat(demo_db).pegawai.unit[0].nama == "Kecamatan Balikpapan Selatan"


async def test_f6_digits_on_names_and_sums_say_what_to_do(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        grid = await grid_di(pilot, "f6")
        await pilot.press("home", "5")
        await pilot.pause()
        assert "Kolom nama: e mengubah nama" in pesan(grid) and not grid.sedang_edit
        await pilot.press("up", "right", "5")                               # a kegiatan's pagu: a sum
        await pilot.pause()
        assert "dijumlah dari subkegiatannya" in pesan(grid) and not grid.sedang_edit
    assert sub_db(demo_db).pagu == Decimal(10_000_000)


async def test_digit_on_a_monthly_realisasi_says_so_under_the_grid(buka, demo_db):
    """Issue 22 item 5: the digit was ignored without a word."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        grid = await grid_di(pilot, "f6")
        await pilot.press("m", "down", *"700.000", "enter", "escape")     # Penyusunan now has monthly figures
        await pilot.pause()
        await pilot.press("right", "5")
        await pilot.pause()
        assert grid.cell_terpilih()[1] == "realisasi" and not grid.sedang_edit
        assert "Realisasi = jumlah bulanan: tekan m atau Enter" in pesan(grid)
    assert sub_db(demo_db).realisasi_bulanan == {1: Decimal(3_911_500), 2: Decimal(700_000)}


async def test_akip_typing_on_the_name_renames_nothing_enter_does(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        grid = await grid_di(pilot, "f7")
        await pilot.press("home", "x")
        await pilot.pause()
        assert "Kolom Komponen: tekan Enter untuk mengganti nama" in pesan(grid) and not grid.sedang_edit
        await pilot.press("enter")
        await pilot.pause()
        assert grid.sedang_edit                                          # Enter edits the cell under the cursor
