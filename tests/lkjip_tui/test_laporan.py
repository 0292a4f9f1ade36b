import threading
from pathlib import Path

from textual.widgets import Input, SelectionList

from lkjip_tui.screens.laporan import LaporanScreen

from .util import SIZE, TINDAK_LANJUT, kosongkan, teks


async def _ke_laporan(pilot, folder):
    await pilot.press("f9")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    pilot.app.screen.query_one("#lap-folder", Input).value = str(folder)


async def test_export_all_from_screen(buka, demo_db, tmp_path):
    kosongkan(demo_db, TINDAK_LANJUT)  # the demo fills every part: one placeholder to count
    app = buka()
    out = tmp_path / "keluar"
    async with app.run_test(size=SIZE) as pilot:
        await _ke_laporan(pilot, out)
        assert "Tabel 1.1." in teks(app.screen.query_one("#lap-isi"))
        await pilot.press("ctrl+e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = teks(app.screen.query_one("#lap-status"))
        assert "berkas ditulis" in status
        from lkjip_tui.widgets.bar import Bar
        assert app.screen.query_one("#lap-progres", Bar).nilai == 100  # the progress bar full
        # the document's placeholders are counted where the export was made, as `lkjip export` does
        from exports.naskah import sisa
        s = sisa(app.lap)
        assert f"dokumen: {s.kosong} belum diisi, {s.draf} draf" in status and s.kosong
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
        assert "dokumen" not in teks(app.screen.query_one("#lap-status"))  # tables only: no document
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


async def test_folder_field_shows_the_folder_written(buka, tmp_path, monkeypatch):
    """Issue 22.1: the default folder is the one `lkjip export` uses, shown whole at 80
    columns; a folder longer than the field is marked "…" on the side that is hidden."""
    import lkjip_tui.paths as paths
    dok = Path(tmp_path.anchor) / "Dokumen"  # short: whole at 80 columns (nothing is written there)
    monkeypatch.setattr(paths, "user_documents_path", lambda: dok)
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        await app.workers.wait_for_complete()
        await pilot.pause()
        folder = app.screen.query_one("#lap-folder", Input)
        assert folder.value == str(dok / "lkjip-laporan-2021") == str(paths.folder_laporan(2021))
        kiri, kanan = app.screen.query_one("#lap-potong-kiri"), app.screen.query_one("#lap-potong-kanan")
        baris = folder.region.y
        assert teks(kiri).strip() == teks(kanan).strip() == ""  # whole: no cut mark
        assert folder.content_size.width >= len(folder.value)
        await pilot.press("ctrl+o", *"/x" + "/sangat-panjang" * 6)  # typed: the view follows the cursor (end)
        await pilot.pause()
        assert teks(kiri) == "…" and teks(kanan).strip() == ""
        await pilot.press("home")
        await pilot.pause()
        assert teks(kiri).strip() == "" and teks(kanan) == "…"
        assert baris == folder.region.y


async def test_opening_builds_the_previewed_table_first(buka, tmp_path, monkeypatch):
    """The list, numbers and titles, comes from the catalogue; the previewed table is built,
    then the one highlighted, and no other (issue 20: opening F9 costs what it shows)."""
    from exports.builders import Entri
    dibangun: list[str] = []
    asli = Entri.bangun

    lanjut = threading.Event()

    def catat(self, k):
        lanjut.wait(timeout=10)  # the first table waits until the highlight below has been taken
        dibangun.append(self.nomor)
        return asli(self, k)

    monkeypatch.setattr(Entri, "bangun", catat)
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        daftar = app.screen.query_one("#lap-tabel", SelectionList)
        assert daftar.option_count == 23  # at once, before any table is built
        daftar.highlighted = 22
        for _ in range(1000):
            if app.screen._ingin == "3.17":
                break
            await pilot.pause(0.01)
        lanjut.set()
        assert app.screen._ingin == "3.17"
        await app.workers.wait_for_complete()
        await pilot.pause()
        # 1.1 (the preview, being built when the highlight came) and 3.17, nothing else
        assert dibangun == ["1.1", "3.17"], dibangun
        assert "Tabel 3.17." in teks(app.screen.query_one("#lap-isi"))
        assert "2.2 Program/Kegiatan/Subkegiatan" in str(daftar.get_option_at_index(2).prompt)
        assert "3.17 Realisasi Anggaran per Program" in str(daftar.get_option_at_index(22).prompt)


async def test_first_frame_holds_the_preview_then_the_csv_choice_and_progress(buka, monkeypatch):
    """F9's first frame: the list, the formats and the previewed table (built once, before the
    screen's first layout, when ready within TUNGGU_PRATINJAU: here as long as it takes); the
    CSV choice and the progress bar are mounted in their place after it, in the same order
    (issue 20: F9 no slower than F6)."""
    from textual.widgets import Select

    from exports.builders import Entri
    from lkjip_tui.screens import laporan
    from lkjip_tui.widgets.bar import Bar
    dibangun: list[str] = []
    asli = Entri.bangun

    def catat(self, k):
        dibangun.append(self.nomor)
        return asli(self, k)

    monkeypatch.setattr(Entri, "bangun", catat)
    monkeypatch.setattr(laporan, "TUNGGU_PRATINJAU", 30)
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        layar = app.screen
        assert isinstance(layar, LaporanScreen)
        assert "Tabel 1.1." in teks(layar.query_one("#lap-isi"))  # no "Menyiapkan tabel…" frame
        await pilot.pause()
        kanan = [w.id for w in layar.query_one("#lap-kanan").children]
        assert kanan == ["lap-format", "lap-csv", "lap-progres", "lap-status"]
        assert layar.query_one("#lap-csv", Select).value == "excel"
        assert isinstance(layar.query_one("#lap-progres"), Bar)
        await app.workers.wait_for_complete()
        assert dibangun == ["1.1"]


async def test_f9_and_ctrl_q_typed_together_close_the_app_cleanly(buka):
    """Both keys read in one go (a fast typist, a key held): the app closes in the frame F9
    opened in, and the CSV choice F9 adds a frame later has no screen to go on. It must not
    end in a traceback."""
    from textual import events

    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.post_message(events.Key("f9", None))
        app.post_message(events.Key("ctrl+q", None))
        await pilot.pause(0.3)
    assert app.return_code == 0
