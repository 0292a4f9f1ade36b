"""F9 on a year under construction (issue 19.8): a sasaran with no program yet used to crash
Tabel 2.2 and leave F9 at "Menyiapkan tabel…"; the screen now lists every table and exports."""

from store.models import Sasaran
from store.repository import Repository

from .test_laporan import _ke_laporan
from .util import teks


async def test_sasaran_without_program_lists_and_exports(buka, demo_db, tmp_path):
    with Repository(demo_db) as repo:
        repo.simpan(2021, Sasaran("S3", "T1", "Sasaran baru tanpa program"))
    app = buka()
    out = tmp_path / "keluar"
    async with app.run_test(size=(80, 24)) as pilot:
        await _ke_laporan(pilot, out)
        assert "Menyiapkan" not in teks(app.screen.query_one("#lap-isi"))
        assert "Tabel 1.1." in teks(app.screen.query_one("#lap-isi"))
        await pilot.press("ctrl+e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "berkas ditulis" in teks(app.screen.query_one("#lap-status"))
    assert "Sasaran baru tanpa program" in (out / "tabel-2.2.md").read_text(encoding="utf-8")
    assert (out / "laporan-2021.docx").stat().st_size > 0 and (out / "laporan-2021.xlsx").stat().st_size > 0
