"""The one way data changes (issue 17): commands through one writer, undo replaying them."""

from decimal import Decimal

from lkjip_tui.widgets.edit_grid import EditGrid
from lkjip_tui.widgets.formulir import Formulir
from store.repository import Repository

from .util import SIZE, teks

TOTAL_DEMO = "Total pagu 24.246.540.687 · realisasi 20.644.862.632"


def _nama_sub(lap) -> list[str]:
    return [s.nama for _, _, s in lap.semua_subkegiatan()]


async def test_undo_after_a_rename_leaves_no_ghost_record(buka, demo_db):
    """Issue 17 case 1: add a subkegiatan, rename its kegiatan, ctrl+z twice: the screen, the
    totals and the store all lose the subkegiatan, and the kegiatan has its old name."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        grid = app.screen.query_one("#grid-ang", EditGrid)
        await pilot.press("down", "a")                              # on the first kegiatan of P1
        await pilot.pause()
        await pilot.press(*"Uji", "tab", *"1.000.000", "tab", *"500.000", "enter")
        await pilot.pause()
        assert "Uji" in _nama_sub(app.lap)
        assert "Total pagu 24.247.540.687" in teks(app.screen.query_one("#ringkas-ang"))
        keg = app.lap.program[0].kegiatan[0]
        lama = keg.nama
        grid.ke_baris(f"K:{keg.key}", 0)                           # back to its kegiatan
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, Formulir)
        form.query_one("#isian-nama").value = lama + " X"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.lap.program[0].kegiatan[0].nama == lama + " X"
        await pilot.press("ctrl+z")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        shown = [grid.tabel.get_cell(b, "uraian").plain.strip() for b in grid.baris]
        assert "Uji" not in shown and lama in shown[1]
        assert "Uji" not in _nama_sub(app.lap)
        assert TOTAL_DEMO in teks(app.screen.query_one("#ringkas-ang"))
        # redo brings both back, in order, on screen and on disk
        await pilot.press("ctrl+y", "ctrl+y")
        await pilot.pause()
        assert "Uji" in _nama_sub(app.lap) and app.lap.program[0].kegiatan[0].nama == lama + " X"
        with Repository(demo_db, readonly=True) as r:
            disk = r.muat(2021)
        assert "Uji" in _nama_sub(disk) and disk.program[0].kegiatan[0].nama == lama + " X"
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
    with Repository(demo_db, readonly=True) as r:
        lap = r.muat(2021)
    assert "Uji" not in _nama_sub(lap)
    assert lap.program[0].kegiatan[0].nama == lama
    assert sum((s.pagu for _, _, s in lap.semua_subkegiatan()), Decimal(0)) == Decimal("24246540687")


async def test_a_saved_cell_leaves_the_record_a_screen_held_as_it_was(buka, demo_db):
    """Copy-on-write: a saved value makes a new record; the one held before is unchanged and
    the year holds the new one."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        dipegang = app.lap.program[0].kegiatan[0].subkegiatan[0]
        pagu = dipegang.pagu
        await pilot.press(*"20.000.000", "enter")  # the cursor starts on the first subkegiatan's pagu
        await pilot.pause()
        assert dipegang.pagu == pagu
        assert app.lap.program[0].kegiatan[0].subkegiatan[0].pagu == Decimal(20_000_000)


async def test_riwayat_names_row_column_and_the_changed_part(buka, demo_db):
    """Issue 17 case 7: a count reads as the screen names it (unit · jabatan · column: old →
    new), not as a path into the stored row; a kegiatan renamed by adding " X" shows the X."""
    from store import audit

    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        unit = app.lap.pegawai.unit[0]
        jab = unit.jabatan[0]
        await pilot.press("right", *str(jab.perempuan + 1), "enter")   # from the first jabatan's L to its P
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("up", "e")  # from the first subkegiatan up to its kegiatan
        await pilot.pause()
        nama = app.screen.query_one("#isian-nama").value
        app.screen.query_one("#isian-nama").value = nama + " X"
        await pilot.press("ctrl+s")
        await pilot.pause()
    entri = app.repo.riwayat(2021, 2)
    ganti_nama, hitungan = ("\n".join(audit.teks_entri(e)) for e in entri)
    assert f"Pegawai: {unit.nama} · {jab.nama} · P: {jab.perempuan} → {jab.perempuan + 1}" in hitungan
    assert "jabatan" not in hitungan.split(" · ", 3)[-1].replace(jab.nama, "")
    lama, baru = ganti_nama.split(" → ")
    assert baru.endswith(" X") and not lama.endswith(" X") and lama != baru
    assert ganti_nama.count("\n") == 0  # one line: made from the command, not per stored field
