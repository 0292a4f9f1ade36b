from textual.widgets import Input, SelectionList

from lkjip_tui.screens.laporan import LaporanScreen

from .util import SIZE, teks


async def _ke_laporan(pilot, folder):
    await pilot.press("f9")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    pilot.app.screen.query_one("#lap-folder", Input).value = str(folder)


async def test_export_all_from_screen(buka, tmp_path):
    app = buka()
    out = tmp_path / "keluar"
    async with app.run_test(size=SIZE) as pilot:
        await _ke_laporan(pilot, out)
        assert "Tabel 1.1." in teks(app.screen.query_one("#lap-isi"))
        await pilot.press("ctrl+e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "berkas ditulis" in teks(app.screen.query_one("#lap-status"))
    assert (out / "laporan-2021.md").exists() and (out / "laporan-2021.xlsx").exists()
    csv = (out / "tabel-3.2.csv").read_bytes().decode("utf-8-sig")
    assert "95,95" in csv and ";" in csv
    assert "159,19" in (out / "laporan-2021.md").read_text(encoding="utf-8")


async def test_export_selected_table_and_format(buka, tmp_path):
    app = buka()
    out = tmp_path / "pilih"
    async with app.run_test(size=SIZE) as pilot:
        await _ke_laporan(pilot, out)
        tabel = app.screen.query_one("#lap-tabel", SelectionList)
        tabel.select("3.17")
        fmt = app.screen.query_one("#lap-format", SelectionList)
        fmt.deselect_all()
        fmt.select("md")
        await pilot.pause()
        assert "1 tabel dipilih" in teks(app.screen.query_one("#lap-status"))
        await pilot.press("ctrl+e")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert sorted(p.name for p in out.iterdir()) == ["tabel-3.17.md"]
    assert "24.246.540.687" in (out / "tabel-3.17.md").read_text(encoding="utf-8")


async def test_preview_follows_highlight(buka, tmp_path):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await _ke_laporan(pilot, tmp_path)
        app.screen.query_one("#lap-tabel", SelectionList).focus()
        for _ in range(8):  # the first press highlights 1.1
            await pilot.press("down")
        await pilot.pause()
        isi = teks(app.screen.query_one("#lap-isi"))
        # fitted to 80 columns: the predikat may wrap inside its cell
        assert "Tabel 3.2." in isi and "95,95" in isi and "Tidak" in isi and "Tercapai" in isi


async def test_unwritable_folder_says_so(buka, tmp_path):
    blok = tmp_path / "berkas"
    blok.write_text("bukan folder", encoding="utf-8")
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await _ke_laporan(pilot, blok / "sub")
        await pilot.press("ctrl+e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, LaporanScreen)
        assert "Tidak dapat menulis" in teks(app.screen.query_one("#lap-status"))


async def test_enter_in_folder_field_exports_there(buka, tmp_path):
    app = buka()
    out = tmp_path / "diketik"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        await pilot.press("ctrl+o")
        folder = app.screen.query_one("#lap-folder", Input)
        assert app.focused is folder
        folder.value = ""
        await pilot.press(*str(out), "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert (out / "laporan-2021.xlsx").exists() and (out / "tabel-3.2.csv").exists()
