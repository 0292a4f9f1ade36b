import json
from decimal import Decimal

from lkjip_tui.screens.anggaran import AnggaranScreen, BulananScreen
from lkjip_tui.screens.konfirmasi import KonfirmasiScreen
from lkjip_tui.widgets.edit_grid import EditGrid
from lkjip_tui.widgets.formulir import Formulir
from store import calc
from store.bundle import baca_bundle, dump_bundle
from store.numbers import format_bebas
from store.repository import Repository

from .util import SIZE, teks

PENYUSUNAN = "Penyusunan Dokumen Perencanaan Perangkat Daerah"


def sub_db(path, nama=PENYUSUNAN):
    with Repository(path, readonly=True) as r:
        lap = r.muat(2021)
    return next(s for _, _, s in lap.semua_subkegiatan() if s.nama == nama)


def sel(app, baris, kolom) -> str:
    return str(app.screen.query_one("#grid-ang", EditGrid).tabel.get_cell(baris, kolom))


def baris_ke(app, n) -> str:
    return app.screen.query_one("#grid-ang", EditGrid).baris[n]


async def ke_pagu_penyusunan(pilot):
    await pilot.press("f6")
    await pilot.pause()
    # F6 starts there: P1 › Perencanaan › Penyusunan, pagu (the first figure typed)


async def test_demo_figures(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        assert "Total pagu 24.246.540.687 · realisasi 20.644.862.632 · 85,15 %" in teks(app.screen.query_one("#ringkas-ang"))
        assert [sel(app, f"P:P{i}", "serapan") for i in range(1, 5)] == ["86,98", "92,01", "70,63", "47,86"]
        assert "Sasaran S1 pagu 20.789.314.577 · realisasi 18.277.290.802 · 87,92 %" in teks(app.screen.query_one("#detail-ang"))


async def test_live_rollups_while_typing_then_saved(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_pagu_penyusunan(pilot)
        await pilot.press(*"20.000.000")
        await pilot.pause()
        sub, keg = baris_ke(app, 2), baris_ke(app, 1)
        # live, before saving: 3.911.500 / 20.000.000 = 19,56 on the subkegiatan and its kegiatan
        assert sel(app, sub, "serapan") == "19,56" and sel(app, keg, "serapan") == "19,56"
        assert sel(app, "P:P1", "pagu") == "16.919.973.552"
        assert "Total pagu 24.256.540.687" in teks(app.screen.query_one("#ringkas-ang"))
        assert "Sasaran S1 pagu 20.799.314.577" in teks(app.screen.query_one("#detail-ang"))
        assert sub_db(demo_db).pagu == Decimal(10_000_000)
        hidup = next(s for _, _, s in app.lap.semua_subkegiatan() if s.nama == PENYUSUNAN)
        assert hidup.pagu == Decimal(10_000_000)  # the preview computed from a candidate copy
        await pilot.press("enter")
        await pilot.pause()
        assert app.status.startswith("Tersimpan")
        assert sel(app, sub, "pagu") == "20.000.000"
    assert sub_db(demo_db).pagu == Decimal(20_000_000)


async def test_realisasi_above_pagu_is_marked(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_pagu_penyusunan(pilot)
        await pilot.press("right", *"Rp 12.500.000,-", "enter")
        await pilot.pause()
        assert sel(app, baris_ke(app, 2), "serapan") == "!125,00"
        assert sel(app, baris_ke(app, 1), "serapan") == "!125,00"
        assert sel(app, "P:P1", "serapan").startswith("8")  # the program as a whole is not above pagu
    assert sub_db(demo_db).realisasi == Decimal(12_500_000)


async def test_bad_values_marked_and_not_saved(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_pagu_penyusunan(pilot)
        grid = app.screen.query_one("#grid-ang", EditGrid)
        for salah, alasan in (("12,3,4", "bukan angka yang sah"), ("-5", "tidak boleh negatif")):
            await pilot.press(*salah, "enter")
            await pilot.pause()
            assert grid.sedang_edit
            assert alasan in teks(grid.query_one("#dibaca"))
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("enter", "ctrl+u", "enter")        # blank pagu is refused, not read as 0
        await pilot.pause()
        assert grid.sedang_edit and "pagu wajib diisi" in teks(grid.query_one("#dibaca"))
        await pilot.press("escape")
        await pilot.pause()
        assert sel(app, baris_ke(app, 1), "serapan") == "39,12"
    assert sub_db(demo_db).pagu == Decimal(10_000_000)


async def test_blank_realisasi_is_not_reported_and_undo(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_pagu_penyusunan(pilot)
        await pilot.press("right", "enter", "ctrl+u", "enter")
        await pilot.pause()
        assert sel(app, baris_ke(app, 2), "realisasi") == "-"
        assert sub_db(demo_db).realisasi is None
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert sel(app, baris_ke(app, 2), "realisasi") == "3.911.500"
        assert "realisasi 20.644.862.632" in teks(app.screen.query_one("#ringkas-ang"))
    assert sub_db(demo_db).realisasi == Decimal(3_911_500)


async def test_quit_and_reopen_keeps_data(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_pagu_penyusunan(pilot)
        await pilot.press(*"15000000", "tab", *"4.000.000,50", "enter")
        await pilot.pause()
        await pilot.press("ctrl+q")
    app.repo.close()
    app2 = buka()
    async with app2.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        assert sel(app2, baris_ke(app2, 2), "pagu") == "15.000.000"
        assert sel(app2, baris_ke(app2, 2), "realisasi") == "4.000.000,50"


async def test_monthly_realisasi_becomes_the_sum(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_pagu_penyusunan(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, BulananScreen)
        await pilot.press(*"1.000.000", "enter", "y", "down", *"2.500.000")   # y: replaces the annual figure
        await pilot.pause()
        # live in the modal before the second month is saved: 3.500.000 / 10.000.000
        assert "realisasi 3.500.000 · 35,00 %" in teks(app.screen.query_one("#bulanan-ringkas"))
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert isinstance(app.screen, AnggaranScreen)
        assert sel(app, baris_ke(app, 2), "realisasi") == "3.500.000"
        grid = app.screen.query_one("#grid-ang", EditGrid)
        await pilot.press("right", "9")                      # realisasi is now the months' sum
        await pilot.pause()
        assert not grid.sedang_edit
    s = sub_db(demo_db)
    assert s.realisasi_bulanan == {1: Decimal(1_000_000), 2: Decimal(2_500_000)}
    assert s.realisasi == Decimal(3_500_000)
    # the bundle contract holds: an export of the year is accepted back (realisasi = sum of months)
    with Repository(demo_db, readonly=True) as r:
        lap = r.muat(2021)
    kembali = baca_bundle(json.loads(dump_bundle(lap)))
    assert next(x for _, _, x in kembali.semua_subkegiatan() if x.nama == PENYUSUNAN).realisasi == Decimal(3_500_000)


async def test_collapse_and_expand_with_enter(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        grid = app.screen.query_one("#grid-ang", EditGrid)
        n = len(grid.baris)
        await pilot.press("ctrl+home", "enter")               # on P1: close it
        await pilot.pause()
        assert len(grid.baris) == n - 6 - 16 and grid.baris[1] == "P:P2"
        assert sel(app, "P:P1", "uraian").startswith("+ P1")
        await pilot.press("enter")
        await pilot.pause()
        assert len(grid.baris) == n


async def test_add_program_form_lists_all_failures_then_saves(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        form = await buka_form_program(pilot)
        await pilot.press("tab", "tab", "ctrl+u", *"S9", "tab", *"abc", "enter")
        await pilot.pause()
        galat = teks(form.query_one("#galat-form"))
        assert "Nama program: wajib diisi" in galat and '"S9" tidak ada' in galat and '"abc" bukan angka' in galat
        await pilot.press("shift+tab", "shift+tab", *"[b]Program Baru", "tab", "ctrl+u", *"S2", "tab", "ctrl+u",
                          *"1.000.000", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AnggaranScreen)
        assert sel(app, "P:P5", "uraian").endswith("P5 [b]Program Baru")   # shown literally, not as markup
    with Repository(demo_db, readonly=True) as r:
        p = r.muat(2021).program[-1]
    assert (p.id, p.nama, p.sasaran, p.pagu_murni) == ("P5", "[b]Program Baru", "S2", Decimal(1_000_000))


async def test_add_kegiatan_and_subkegiatan(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("ctrl+home", "a", *"Kegiatan Uji", "enter")      # on P1: a kegiatan in P1
        await pilot.pause()
        await pilot.press("a", *"Sub Uji", "tab", *"2.000.000", "tab", *"500.000", "enter")
        await pilot.pause()
        assert "Total pagu 24.248.540.687" in teks(app.screen.query_one("#ringkas-ang"))
    with Repository(demo_db, readonly=True) as r:
        k = r.muat(2021).program[0].kegiatan[-1]
    assert k.nama == "Kegiatan Uji"
    assert [(s.nama, s.pagu, s.realisasi) for s in k.subkegiatan] == [("Sub Uji", Decimal(2_000_000), Decimal(500_000))]


async def test_delete_kegiatan_asks_and_undo_restores(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("down", "d")                       # Administrasi Keuangan (one subkegiatan)
        await pilot.pause()
        await pilot.press("n")                                # no: nothing happens
        await pilot.pause()
        with Repository(demo_db, readonly=True) as r:
            assert len(r.muat(2021).program[0].kegiatan) == 6
        await pilot.press("d", "y")
        await pilot.pause()
        assert "Total pagu 12.750.472.887" in teks(app.screen.query_one("#ringkas-ang"))
        with Repository(demo_db, readonly=True) as r:
            lap = r.muat(2021)
            assert len(lap.program[0].kegiatan) == 5
            assert not any(s.nama == "Penyediaan Gaji dan Tunjangan ASN" for _, _, s in lap.semua_subkegiatan())
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Total pagu 24.246.540.687" in teks(app.screen.query_one("#ringkas-ang"))
    assert sub_db(demo_db, "Penyediaan Gaji dan Tunjangan ASN").pagu == Decimal(11_496_067_800)


async def test_readonly_refuses_changes(buka):
    app = buka(readonly=True)
    async with app.run_test(size=SIZE) as pilot:
        await ke_pagu_penyusunan(pilot)
        await pilot.press("5", "a", "p", "d", "e")
        await pilot.pause()
        assert isinstance(app.screen, AnggaranScreen)
        assert not app.screen.query_one("#grid-ang", EditGrid).sedang_edit
        assert "HANYA-BACA" in teks(app.screen.query_one("#ringkas-ang"))


async def test_empty_database(buka, tmp_path):
    app = buka(tmp_path / "kosong.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "f6")  # Esc: skip the first-year form Beranda offers
        await pilot.pause()
        assert "F8 Atur" in teks(app.screen.query_one("#ringkas-ang"))
        await pilot.press("enter", "a", "p", "m", "d", "e", "1")
        await pilot.pause()
        assert isinstance(app.screen, AnggaranScreen)


async def test_city_scale_starts_collapsed(buka, tmp_path):
    from bench.synth import buat_laporan_kota

    path = tmp_path / "kota.json"
    with Repository(path) as r:
        r.simpan_laporan(buat_laporan_kota(n_sub=400, n_indikator=2))
    app = buka(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        grid = app.screen.query_one("#grid-ang", EditGrid)
        assert grid.baris == ["P:P1", "P:P2"]
        await pilot.press("enter", "down", "enter")          # open P1, then its first kegiatan
        await pilot.pause()
        assert len(grid.baris) == 2 + 10 + 20
        prog = app.lap.program[0]
        sub = prog.kegiatan[0].subkegiatan[0]
        diharapkan = calc.anggaran_program(prog).pagu - sub.pagu + 1
        await pilot.press("down", "right", *"1")                 # live: only this path is recomputed
        await pilot.pause()
        assert sel(app, "P:P1", "pagu") == format_bebas(diharapkan)


def test_snapshot(demo_db, snap_compare):
    from lkjip_tui.app import LkjipApp

    repo = Repository(demo_db)
    try:
        assert snap_compare(LkjipApp(repo), terminal_size=SIZE, press=["f6"])  # F6 starts on the first pagu
    finally:
        repo.close()


def test_snapshot_bulanan(demo_db, snap_compare):
    from lkjip_tui.app import LkjipApp

    repo = Repository(demo_db)
    try:
        assert snap_compare(LkjipApp(repo), terminal_size=SIZE, press=["f6", "m", "down", *"1.000.000"])
    finally:
        repo.close()


async def test_fast_typing_keeps_key_order(buka, demo_db):
    """Keys arriving in one burst (a fast typist, a slow PC, a paste) land where they were typed."""
    from textual import events

    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        for k in [*"20.000.000", "enter", "right", *"50.000.000", "tab"]:   # F6 starts on the first pagu
            app.post_message(events.Key(k, k if len(k) == 1 else None))
        await pilot.pause(0.5)
        assert app.screen.query_one("#grid-ang", EditGrid).cell_terpilih() == (baris_ke(app, 4), "pagu")
    s = sub_db(demo_db)
    assert (s.pagu, s.realisasi) == (Decimal(20_000_000), Decimal(50_000_000))


async def test_clearing_every_month_leaves_realisasi_not_reported(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_pagu_penyusunan(pilot)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"700.000", "enter", "y")
        await pilot.pause()
        assert sub_db(demo_db).realisasi == Decimal(700_000)
        await pilot.press("enter", "ctrl+u", "enter", "escape")
        await pilot.pause()
        assert sel(app, baris_ke(app, 2), "realisasi") == "-"
    s = sub_db(demo_db)
    assert (s.realisasi, s.realisasi_bulanan) == (None, None)


async def test_failed_save_keeps_typed_value_marked_and_retry_saves(buka, demo_db, monkeypatch):
    """Disk full on save: the value stays in the editor, marked as not saved with the reason;
    Enter again (once the disk has room) saves it."""
    import errno

    from textual.widgets import Input, Static

    from store import storage

    def penuh(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_pagu_penyusunan(pilot)
        monkeypatch.setattr(storage, "_fsync_data", penuh)
        await pilot.press(*"20.000.000", "enter")
        await pilot.pause()
        grid = app.screen.query_one("#grid-ang", EditGrid)
        assert grid.sedang_edit
        assert grid.query_one("#input-edit", Input).value == "20.000.000"
        assert "belum tersimpan: No space left on device" in teks(grid.query_one("#dibaca", Static))
        assert app.status == "Belum tersimpan"
        assert sub_db(demo_db).pagu == Decimal(10_000_000)
        monkeypatch.undo()
        await pilot.press("enter")
        await pilot.pause()
        assert app.status.startswith("Tersimpan") and not grid.sedang_edit
        assert sel(app, baris_ke(app, 2), "pagu") == "20.000.000"
    assert sub_db(demo_db).pagu == Decimal(20_000_000)


async def buka_bulanan(pilot, *bulan_turun):
    await ke_pagu_penyusunan(pilot)
    await pilot.press("m")
    await pilot.pause()
    await pilot.press(*bulan_turun)


async def test_monthly_entry_keeps_the_annual_figure_before_the_first_month(buka, demo_db):
    """Issue 12 item 3: Okt 1.500.000 on a realisasi of 3.911.500 no longer wipes it."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await buka_bulanan(pilot, *["down"] * 9)          # Okt
        assert "3.911.500 diisi langsung" in teks(app.screen.query_one("#bulanan-ringkas"))
        await pilot.press(*"1.500.000")
        await pilot.pause()
        # live: the earlier figure is already counted
        assert "realisasi 5.411.500" in teks(app.screen.query_one("#bulanan-ringkas"))
        await pilot.press("enter")
        await pilot.pause()
        assert any("disimpan sebagai isian Sep" in n.message for n in app._notifications)
    s = sub_db(demo_db)
    assert s.realisasi_bulanan == {9: Decimal(3_911_500), 10: Decimal(1_500_000)}
    assert s.realisasi == Decimal(5_411_500)


async def test_months_carried_into_sep_are_not_missing(buka, demo_db):
    """Issue 17 item 5: after `m`, Okt 500.000 on a realisasi of 3.911.500, Beranda and
    `lkjip check` said "realisasi Jan … Agu, Des belum diisi"."""
    from store.kelengkapan import belum_diisi

    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await buka_bulanan(pilot, *["down"] * 9)          # Okt
        await pilot.press(*"500.000", "enter")
        await pilot.pause()
        grid = app.screen.grid
        assert str(grid.tabel.get_cell("1", "realisasi")) == "dalam s.d. Sep"
        assert str(grid.tabel.get_cell("9", "sd")) == "3.911.500"
        assert [k.pesan for k in belum_diisi(app.lap, 4) if k.nama == PENYUSUNAN] == ["realisasi Nov, Des"]
    with Repository(demo_db, readonly=True) as r:
        lap = r.muat(2021)
    assert [k.pesan for k in belum_diisi(lap, 4) if k.nama == PENYUSUNAN] == ["realisasi Nov, Des"]


async def test_month_window_hint_line_whole_at_80x24_with_the_note(buka):
    """Issue 22 item 4: with the note "Realisasi 3.911.500 diisi langsung…" shown, the hint
    line was cut after "Tab berikut ·" ("Esc tutup" hidden)."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await buka_bulanan(pilot)
        await pilot.pause()
        jendela, petunjuk = app.screen.query_one("#bulanan"), app.screen.query_one("#bulanan-petunjuk")
        assert "diisi langsung" in teks(app.screen.query_one("#bulanan-ringkas"))
        assert "Esc tutup" in teks(petunjuk)
        assert petunjuk.region.bottom <= jendela.region.bottom - 1          # inside the border, not cut
        assert petunjuk.region.height == petunjuk.virtual_region.height >= 2
        await pilot.press("5")                                              # editing: the row fits too
        await pilot.pause()
        assert petunjuk.region.bottom <= jendela.region.bottom - 1


async def test_january_asks_before_replacing_the_annual_figure(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await buka_bulanan(pilot)
        await pilot.press(*"700.000", "enter")
        await pilot.pause()
        assert isinstance(app.screen, KonfirmasiScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, BulananScreen)
    s = sub_db(demo_db)
    assert (s.realisasi, s.realisasi_bulanan) == (Decimal(3_911_500), None)


async def test_month_typed_as_realisasi_to_date(buka, demo_db):
    """The finance system gives "realisasi s.d. bulan ini": typed in its column, the month's
    own amount is what it adds to the months before."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await buka_bulanan(pilot, "down", "down")          # Mar; Feb keeps the earlier 3.911.500
        await pilot.press(*"1.000.000", "enter", "down", "right", *"6.000.000")
        await pilot.pause()
        grid = app.screen.grid
        assert "realisasi 6.000.000" in teks(app.screen.query_one("#bulanan-ringkas"))
        await pilot.press("enter")
        await pilot.pause()
        assert str(grid.tabel.get_cell("4", "realisasi")) == "1.088.500"
        assert str(grid.tabel.get_cell("4", "sd")) == "6.000.000"
        await pilot.press("down", *"5.000.000")            # below the total to date: refused
        await pilot.pause()
        assert grid.galat() == "lebih kecil dari realisasi s.d. bulan sebelumnya (6.000.000)"
        await pilot.press("enter")
        await pilot.pause()
        assert grid.sedang_edit                            # not saved
        await pilot.press("escape")
    s = sub_db(demo_db)
    assert s.realisasi_bulanan == {2: Decimal(3_911_500), 3: Decimal(1_000_000), 4: Decimal(1_088_500)}
    assert s.realisasi == Decimal(6_000_000)


async def buka_form_kegiatan(pilot) -> Formulir:
    """F6, then the edit form of the kegiatan under P1."""
    await pilot.press("f6")
    await pilot.pause()
    await pilot.press("up", "e")                       # from the first subkegiatan up to its kegiatan
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, Formulir)
    return form


async def buka_form_program(pilot) -> Formulir:
    """F6, then the add-program form."""
    await pilot.press("f6")
    await pilot.pause()
    await pilot.press("p")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, Formulir)
    return form


async def test_kode_in_the_forms_and_on_screen(buka, demo_db):
    """Issue 12 item 13: kode typed in the edit form, checked, saved and shown; a new
    subkegiatan starts from its kegiatan's kode."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        form = await buka_form_kegiatan(pilot)
        form.query_one("#isian-kode").value = "7.01.01 2"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "bukan kode yang sah" in teks(form.query_one("#galat-form"))
        form.query_one("#isian-kode").value = "7.01.01.2.01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "7.01.01.2.01 " in teks(app.screen.query_one("#detail-ang"))
        await pilot.press("a")                                           # new subkegiatan in it
        await pilot.pause()
        assert app.screen.query_one("#isian-kode").value == "7.01.01.2.01"
        await pilot.press("escape")
    with Repository(demo_db, readonly=True) as r:
        assert r.muat(2021).program[0].kegiatan[0].kode == "7.01.01.2.01"


async def test_failed_form_save_reopens_the_form_with_what_was_typed(buka, demo_db, monkeypatch):
    """Disk full while a form saves (issue 10): the form comes back holding the typed values
    and the reason; once the disk has room, saving it again stores them."""
    import errno

    from store import storage

    def penuh(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        form = await buka_form_kegiatan(pilot)
        form.query_one("#isian-kode").value = "7.01.01.2.01"
        monkeypatch.setattr(storage, "_fsync_data", penuh)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        ulang = app.screen
        assert isinstance(ulang, Formulir) and ulang is not form
        assert ulang.query_one("#isian-kode").value == "7.01.01.2.01"
        assert "Belum tersimpan: No space left on device" in teks(ulang.query_one("#galat-form"))
        with Repository(demo_db, readonly=True) as r:
            assert r.muat(2021).program[0].kegiatan[0].kode == ""
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, Formulir)
    with Repository(demo_db, readonly=True) as r:
        assert r.muat(2021).program[0].kegiatan[0].kode == "7.01.01.2.01"


async def test_program_id_keeps_the_rule_every_code_keeps(buka, demo_db):
    """The id rule once (store/aturan.alasan_id): the program form refuses what a bundle refuses."""
    from store import aturan

    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        form = await buka_form_program(pilot)
        await pilot.press("ctrl+u", *"P 9", "tab", *"Program Uji", "enter")
        await pilot.pause()
        assert app.screen is form
        assert f"ID program: {aturan.alasan_id('P 9')}" in teks(form.query_one("#galat-form"))
