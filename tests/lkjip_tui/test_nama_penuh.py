"""The selected row's full name is always visible at 80 columns, where the grid cuts it
(issue 12 item 7: "Penyediaan Jasa Komunika…")."""

from lkjip_tui.widgets.edit_grid import EditGrid

from .util import SIZE, teks


async def test_long_subkegiatan_name_in_full_on_f6(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        nama = next(s.nama for _, _, s in app.lap.semua_subkegiatan() if s.nama.startswith("Penyediaan Jasa Komunikasi"))
        assert len(nama) > 29
        grid = app.screen.query_one("#grid-ang", EditGrid)
        b = next(b for b in grid.baris if b.startswith("S:") and nama in str(app.screen._tampil(b, "uraian")))
        grid.ke_baris(b)
        await pilot.pause()
        assert len(str(grid.tabel.get_cell(b, "uraian"))) > 29       # wider than its column of 29
        assert nama in teks(app.screen.query_one("#detail-ang")).replace("\n", " ")


async def test_long_jabatan_name_in_full_on_f5(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        unit = app.lap.pegawai.unit[0]
        idx, jab = next((n, j) for n, j in enumerate(unit.jabatan) if len(j.nama) > 44)
        grid = app.screen.query_one("#grid-peg", EditGrid)
        b = next(b for b in grid.baris if b.startswith("J:") and b.endswith(f":{idx}"))
        grid.ke_baris(b)
        await pilot.pause()
        assert jab.nama in teks(app.screen.query_one("#detail-peg"))


async def test_indicator_name_in_full_on_f4(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("down", "down", "down", "down", "down", "down")   # I2
        await pilot.pause()
        assert "I2 Persentase keluhan yang ditindaklanjuti" in teks(app.screen.query_one("#detail-tw"))


async def test_component_name_in_full_on_f7(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        k = app.lap.evaluasi_akip[0]
        k.nama = "Perencanaan Kinerja dan Penyelarasan Dokumen Rencana Strategis"  # longer than the column
        app.screen.segarkan()
        await pilot.press("down", "up")
        await pilot.pause()
        assert k.nama in teks(app.screen.query_one("#petunjuk-akip"))
