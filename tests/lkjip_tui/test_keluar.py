"""ctrl+q never drops typing: a valid value still in an editor is saved first; an invalid
one, or a form with changes, makes the app ask (issue 12 item 2)."""

from decimal import Decimal

from lkjip_tui.screens.konfirmasi import KonfirmasiScreen
from lkjip_tui.widgets.formulir import Formulir
from store.repository import Repository

from .test_anggaran import ke_pagu_penyusunan, sub_db
from .test_triwulan import ke_realisasi_tw4_i1
from .test_urutan_tombol import tw4_i1
from .util import SIZE, teks


async def test_valid_pending_value_saved_on_quit(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_realisasi_tw4_i1(pilot)
        await pilot.press("enter", "ctrl+u", *"57", "ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert tw4_i1(demo_db) == Decimal(57)


async def test_valid_pending_value_in_month_window_saved_on_quit(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_pagu_penyusunan(pilot)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("down", *"700.000", "ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert sub_db(demo_db).realisasi_bulanan[2] == Decimal(700_000)


async def test_invalid_pending_value_asks_and_can_go_back(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_realisasi_tw4_i1(pilot)
        await pilot.press("enter", "ctrl+u", *"12,3,4", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, KonfirmasiScreen)
        assert "belum sah" in teks(app.screen.query("Static").first())
        await pilot.press("escape")            # back to the editor, the text still there
        await pilot.pause()
        assert app.is_running and app.focused.value == "12,3,4"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not app.is_running
    assert tw4_i1(demo_db) == Decimal("79.79")


async def test_changed_form_asks_unchanged_form_quits(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_pagu_penyusunan(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, Formulir)
        await pilot.press("X", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, KonfirmasiScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, Formulir)
        await pilot.press("backspace", "ctrl+q")   # back as it was: nothing to lose
        await pilot.pause()
        assert not app.is_running
    with Repository(demo_db, readonly=True) as r:
        assert r.muat(2021) is not None
