from lkjip_tui.screens.pegawai import PegawaiScreen, baca_tanggal
from lkjip_tui.widgets.edit_grid import EditGrid
from lkjip_tui.widgets.formulir import Formulir
from store.repository import Repository

from .util import SIZE, teks

TOTAL_UNIT = [34, 13, 15, 9, 16, 10, 11, 12]


def pegawai_db(path):
    with Repository(path, readonly=True) as r:
        return r.muat(2021).pegawai


def grid(app) -> EditGrid:
    return app.screen.query_one("#grid-peg", EditGrid)


def sel(app, baris, kolom) -> str:
    return str(grid(app).tabel.get_cell(baris, kolom))


def baris_unit(app) -> list[str]:
    return [b for b in grid(app).baris if b.startswith("U:")]


async def ke_camat_l(pilot):
    await pilot.press("f5")
    await pilot.pause()
    # F5 starts there: Kecamatan › Camat, L (the first count typed)


async def test_demo_totals_and_vacant_posts(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        assert [int(sel(app, b, "jumlah")) for b in baris_unit(app)] == TOTAL_UNIT
        assert [sel(app, "T", k) for k in ("l", "p", "jumlah")] == ["61", "59", "120"]
        assert "Per tanggal 31 Desember 2021 · Total 61 L / 59 P / 120 pegawai" in teks(app.screen.query_one("#ringkas-peg"))
        u = baris_unit(app)[0]
        assert sel(app, f"J:{u[2:]}:5", "jumlah") == "kosong"   # Kepala Seksi Ketentraman: 0 + 0


async def test_live_totals_while_typing_then_saved(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_camat_l(pilot)
        await pilot.press("3")
        await pilot.pause()
        u = baris_unit(app)[0]
        assert sel(app, u, "jumlah") == "36" and sel(app, "T", "l") == "63"
        assert "Total 63 L / 59 P / 122" in teks(app.screen.query_one("#ringkas-peg"))
        assert pegawai_db(demo_db).unit[0].jabatan[0].laki_laki == 1
        await pilot.press("tab", "2", "enter")          # Tab saves L and moves to P
        await pilot.pause()
        assert sel(app, "T", "jumlah") == "124"
    j = pegawai_db(demo_db).unit[0].jabatan[0]
    assert (j.laki_laki, j.perempuan) == (3, 2)


async def test_bad_counts_marked_and_not_saved(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_camat_l(pilot)
        g = grid(app)
        for salah, alasan in (("1,5", "harus bilangan bulat"), ("-2", "tidak boleh negatif"), ("x", "bukan angka")):
            await pilot.press(*salah, "enter")
            await pilot.pause()
            assert g.sedang_edit and alasan in teks(g.query_one("#dibaca"))
            await pilot.press("escape")
            await pilot.pause()
        assert sel(app, "T", "jumlah") == "120"
    assert pegawai_db(demo_db).unit[0].jabatan[0].laki_laki == 1


async def test_zero_makes_post_vacant_and_undo(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_camat_l(pilot)
        await pilot.press("0", "enter")
        await pilot.pause()
        u = baris_unit(app)[0]
        assert sel(app, f"J:{u[2:]}:0", "jumlah") == "kosong"
        assert "1 jabatan kosong" not in teks(app.screen.query_one("#detail-peg"))
        assert "2 jabatan kosong" in teks(app.screen.query_one("#detail-peg"))
        assert pegawai_db(demo_db).unit[0].jabatan[0].laki_laki == 0
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert sel(app, "T", "jumlah") == "120"
    assert pegawai_db(demo_db).unit[0].jabatan[0].laki_laki == 1


async def test_quit_and_reopen_keeps_data(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_camat_l(pilot)
        await pilot.press("2", "enter")
        await pilot.pause()
        await pilot.press("ctrl+q")
    app.repo.close()
    app2 = buka()
    async with app2.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        assert sel(app2, "T", "l") == "62"


async def test_add_rename_delete_unit_and_jabatan(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("u", "enter")                           # empty name: refused, said why
        await pilot.pause()
        assert "Nama unit: wajib diisi" in teks(app.screen.query_one("#galat-form"))
        await pilot.press(*"[b]Kelurahan Baru", "enter")
        await pilot.pause()
        await pilot.press("a", *"Lurah", "tab", "ctrl+u", "1", "tab", "ctrl+u", "enter")  # blank P = 0
        await pilot.pause()
        assert sel(app, baris_unit(app)[-1], "uraian") == "[b]Kelurahan Baru"
        assert sel(app, "T", "jumlah") == "121"
        await pilot.press("e", "ctrl+u", *"Lurah Baru", "enter")  # cursor is on the new jabatan
        await pilot.pause()
        p = pegawai_db(demo_db)
        assert p.unit[-1].nama == "[b]Kelurahan Baru"
        assert [(j.nama, j.laki_laki, j.perempuan) for j in p.unit[-1].jabatan] == [("Lurah Baru", 1, 0)]
        await pilot.press("d", "y")                               # delete the jabatan
        await pilot.pause()
        assert pegawai_db(demo_db).unit[-1].jabatan == []
        await pilot.press("up", "d", "y")                         # then the unit
        await pilot.pause()
        assert len(pegawai_db(demo_db).unit) == 8
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert sel(app, "T", "jumlah") == "121"
    p = pegawai_db(demo_db)
    assert p.unit[-1].jabatan[0].nama == "Lurah Baru"


async def test_delete_unit_asks_first(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("up", "d")                    # from Camat up to its unit
        await pilot.pause()
        assert "beserta 11 jabatannya" in str(app.screen.query_one("Static").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PegawaiScreen)
    assert len(pegawai_db(demo_db).unit) == 8


async def test_change_date(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("g", "ctrl+u", *"31-02-2022", "enter")
        await pilot.pause()
        assert isinstance(app.screen, Formulir)
        assert "bukan tanggal yang ada" in teks(app.screen.query_one("#galat-form"))
        await pilot.press("ctrl+u", *"30/06/2022", "enter")
        await pilot.pause()
        assert "Per tanggal 30 Juni 2022" in teks(app.screen.query_one("#ringkas-peg"))
    assert pegawai_db(demo_db).per_tanggal == "2022-06-30"


def test_read_dates():
    assert baca_tanggal("31 Desember 2021") == "2021-12-31"
    assert baca_tanggal("2021-12-31") == "2021-12-31"
    assert baca_tanggal("  ") is None


async def test_readonly_refuses_changes(buka):
    app = buka(readonly=True)
    async with app.run_test(size=SIZE) as pilot:
        await ke_camat_l(pilot)
        await pilot.press("5", "u", "a", "g", "d", "e")
        await pilot.pause()
        assert isinstance(app.screen, PegawaiScreen)
        assert not grid(app).sedang_edit
        assert "HANYA-BACA" in teks(app.screen.query_one("#ringkas-peg"))


async def test_empty_database(buka, tmp_path):
    app = buka(tmp_path / "kosong.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "f5")  # Esc: skip the first-year form Beranda offers
        await pilot.pause()
        assert "F8 Atur" in teks(app.screen.query_one("#ringkas-peg"))
        await pilot.press("enter", "a", "u", "g", "d", "e", "1")
        await pilot.pause()
        assert isinstance(app.screen, PegawaiScreen)


def test_snapshot(demo_db, snap_compare):
    from lkjip_tui.app import LkjipApp

    repo = Repository(demo_db)
    try:
        assert snap_compare(LkjipApp(repo), terminal_size=SIZE, press=["f5", "down"])
    finally:
        repo.close()


async def test_large_counts_written_the_indonesian_way(buka, tmp_path):
    from bench.synth import buat_laporan_kota

    path = tmp_path / "kota.json"
    with Repository(path) as r:
        r.simpan_laporan(buat_laporan_kota(n_sub=10, n_indikator=2))
    app = buka(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        l, p, n = (sel(app, "T", k) for k in ("l", "p", "jumlah"))
        assert n.count(".") == 1 and int(n.replace(".", "")) == int(l.replace(".", "")) + int(p.replace(".", ""))
        assert f"Total {l} L / {p} P / {n} pegawai" in teks(app.screen.query_one("#ringkas-peg"))
