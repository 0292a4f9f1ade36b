from decimal import Decimal

from lkjip_tui.widgets.edit_grid import EditGrid
from store.repository import Repository

from .util import SIZE, teks


async def ke_realisasi_tw4_i1(pilot):
    await pilot.press("f4")
    await pilot.pause()
    await pilot.press("down", "down", "down", "right")  # from I1 TW I target, where F4 starts


async def test_live_capaian_while_typing_then_saved(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_realisasi_tw4_i1(pilot)
        await pilot.press(*"78,5")
        await pilot.pause()
        scr = app.screen
        # live, before saving: capaian 78,5 / 83,16 = 94,40; sasaran (94,40 + 100) / 2 = 97,20
        assert "capaian 94,40 Tidak Tercapai" in teks(scr.query_one("#detail-tw"))
        assert "S1 97,20" in teks(scr.query_one("#ringkas-tw"))
        with Repository(demo_db, readonly=True) as r:
            assert r.muat(2021).cari_indikator("I1").triwulan[2021][3].realisasi == Decimal("79.79")
        await pilot.press("enter")
        await pilot.pause()
        assert app.status.startswith("Tersimpan")
    with Repository(demo_db, readonly=True) as r:
        assert r.muat(2021).cari_indikator("I1").triwulan[2021][3].realisasi == Decimal("78.5")


async def test_bad_value_marked_and_not_saved(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_realisasi_tw4_i1(pilot)
        await pilot.press(*"12,3,4", "enter")
        await pilot.pause()
        grid = app.screen.query_one(EditGrid)
        assert grid.sedang_edit
        assert '"12,3,4" bukan angka yang sah' in teks(grid.query_one("#dibaca"))
        await pilot.press("escape")
        await pilot.pause()
        assert not grid.sedang_edit
        assert "capaian 95,95" in teks(app.screen.query_one("#detail-tw"))
    with Repository(demo_db, readonly=True) as r:
        assert r.muat(2021).cari_indikator("I1").triwulan[2021][3].realisasi == Decimal("79.79")


async def test_blank_is_not_reported_and_undo_restores(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_realisasi_tw4_i1(pilot)
        await pilot.press("enter", "ctrl+u", "enter")   # clear the field: not reported
        await pilot.pause()
        assert "capaian - -" in teks(app.screen.query_one("#detail-tw"))
        with Repository(demo_db, readonly=True) as r:
            assert r.muat(2021).cari_indikator("I1").triwulan[2021][3].realisasi is None
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "capaian 95,95" in teks(app.screen.query_one("#detail-tw"))
    with Repository(demo_db, readonly=True) as r:
        assert r.muat(2021).cari_indikator("I1").triwulan[2021][3].realisasi == Decimal("79.79")


async def test_tab_saves_and_moves_to_next_editable_cell(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        # F4 starts on I1 TW I target
        await pilot.press(*"20", "tab", *"19,5", "tab")
        await pilot.pause()
        grid = app.screen.query_one(EditGrid)
        assert grid.cell_terpilih() == ("I1#1", "target")
    with Repository(demo_db, readonly=True) as r:
        q = r.muat(2021).cari_indikator("I1").triwulan[2021][0]
        assert (q.target, q.realisasi) == (Decimal(20), Decimal("19.5"))


async def test_quit_and_reopen_keeps_data(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_realisasi_tw4_i1(pilot)
        await pilot.press(*"Rp 80.000,-", "enter")  # odd but valid: shown back as read
        await pilot.pause()
        await pilot.press("ctrl+q")
    app.repo.close()
    app2 = buka()
    async with app2.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        assert "80.000" in str(app2.screen.query_one(EditGrid).tabel.get_cell("I1#3", "realisasi"))


async def test_readonly_refuses_edit(buka):
    app = buka(readonly=True)
    async with app.run_test(size=SIZE) as pilot:
        await ke_realisasi_tw4_i1(pilot)
        await pilot.press("5")
        await pilot.pause()
        assert not app.screen.query_one(EditGrid).sedang_edit
        assert app.status == "HANYA-BACA"


async def test_typing_on_a_computed_column_edits_the_first_input_of_the_row(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("down", "down", "down")   # I1 TW IV, cursor on the label column
        await pilot.press(*"80", "enter")
        await pilot.pause()
        assert app.screen.query_one(EditGrid).cell_terpilih() == ("I1#3", "target")
    with Repository(demo_db, readonly=True) as r:
        assert r.muat(2021).cari_indikator("I1").triwulan[2021][3].target == Decimal(80)
