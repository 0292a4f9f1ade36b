"""Small things that got in a new user's way (issue 12 item 9): a new indicator sits with its
sasaran on F4, a new unit is scrolled into view, Enter on a choice saves the form, and the
first key typed on an existing value replaces it."""

from decimal import Decimal

from textual.widgets import Input, Select

from lkjip_tui.screens.pegawai import PegawaiScreen
from lkjip_tui.widgets.edit_grid import EditGrid
from lkjip_tui.widgets.formulir import Formulir

from .test_indikator import ke_i1
from .test_triwulan import ke_realisasi_tw4_i1
from .test_urutan_tombol import tw4_i1
from .util import SIZE


async def test_new_s1_indicator_listed_with_s1_on_f4(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_i1(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, Formulir) and form.query_one("#isian-sasaran", Select).value == "S1"
        form.query_one("#isian-uraian", Input).value = "Indikator baru S1"
        form.query_one("#isian-uraian", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.lap.indikator[-1].id == "I4"
        await pilot.press("f4")
        await pilot.pause()
        urut = list(dict.fromkeys(b.split("#")[0] for b in app.screen.query_one(EditGrid).baris))
        s1 = [i.id for i in app.lap.indikator_sasaran("S1")]
        assert urut[:len(s1)] == s1 and "I4" in s1


async def test_new_unit_is_scrolled_into_view(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("u", *"Kelurahan Baru", "enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, PegawaiScreen)
        grid = app.screen.query_one(EditGrid)
        t = grid.tabel
        assert grid.cell_terpilih()[0].startswith("U:") and "Kelurahan Baru" in str(t.get_cell_at(t.cursor_coordinate.__class__(t.cursor_row, 0)))
        assert t.scroll_y <= t.cursor_row <= t.scroll_y + t.scrollable_content_region.height - 1


async def test_enter_on_a_choice_saves_the_form(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_i1(pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, Formulir)
        pilihan = form.query_one("#isian-arah", Select)
        pilihan.focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, Formulir)       # saved and closed, no list opened
        assert app.status.startswith("Tersimpan")


async def test_first_key_on_an_existing_value_replaces_it(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_realisasi_tw4_i1(pilot)
        await pilot.press("enter", "8", "enter")          # 79,79 → 8, not 79,798
        await pilot.pause()
        assert tw4_i1(demo_db) == Decimal(8)
        await pilot.press("enter", "end", "5", "enter")   # an arrow/End keeps the value: 8 → 85
        await pilot.pause()
        assert tw4_i1(demo_db) == Decimal(85)
        await pilot.press("enter", "left", "1", "enter")  # ← goes to the start of the selected 85
        await pilot.pause()
    assert tw4_i1(demo_db) == Decimal(185)


async def test_negative_realisasi_refused_with_the_reason(buka, demo_db):
    """Item 11: −5 gave capaian −6,01 without a word."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_realisasi_tw4_i1(pilot)
        await pilot.press("-", "5", "enter")
        await pilot.pause()
        grid = app.screen.query_one(EditGrid)
        assert grid.sedang_edit and grid.galat() == "nilai indikator tidak boleh negatif"
    assert tw4_i1(demo_db) == Decimal("79.79")


async def test_absurd_staff_count_refused(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("down", "right", *"99.999.999.999", "enter")
        await pilot.pause()
        grid = app.screen.query_one(EditGrid)
        assert grid.sedang_edit and "tidak masuk akal" in grid.galat()
