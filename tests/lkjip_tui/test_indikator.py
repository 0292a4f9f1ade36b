import shutil
from decimal import Decimal

from textual.widgets import Input, Select, Tree

from lkjip_tui.app import LkjipApp
from lkjip_tui.screens.indikator import id_berikut
from lkjip_tui.widgets.edit_grid import EditGrid
from lkjip_tui.widgets.formulir import Formulir
from store.repository import Repository

from .util import SIZE, teks


def muat(path):
    with Repository(path, readonly=True) as r:
        return r.muat(2021)


async def ke_i1(pilot):
    await pilot.press("f3")
    await pilot.pause()
    await pilot.press("down", "down", "down")  # root → T1 → S1 → I1
    await pilot.pause()


async def ke_target_2020_i1(pilot):
    await ke_i1(pilot)
    await pilot.press("tab", "down", "down", "down")  # the grid starts on the first target
    await pilot.pause()


def rinci(app) -> str:
    return teks(app.screen.query_one("#rinci-ind"))


async def test_live_capaian_while_typing_then_saved(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_target_2020_i1(pilot)
        grid = app.screen.query_one(EditGrid)
        assert grid.cell_terpilih() == ("2020", "target")
        await pilot.press(*"80")
        await pilot.pause()
        # live, before saving: 79,56 / 80 × 100 = 99,45
        assert str(grid.tabel.get_cell("2020", "capaian")) == "99,45"
        assert muat(demo_db).cari_indikator("I1").target[2020] == Decimal("82.96")
        await pilot.press("enter")
        await pilot.pause()
        assert app.status.startswith("Tersimpan")
        assert str(grid.tabel.get_cell("2020", "capaian")) == "99,45"
    assert muat(demo_db).cari_indikator("I1").target[2020] == Decimal(80)


async def test_report_year_target_updates_capaian_line_live(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_i1(pilot)
        await pilot.press("tab", *["down"] * 4)   # 2021 target (the grid starts on the first target)
        await pilot.press(*"79,79")
        await pilot.pause()
        assert "2021: capaian 100,00 Tercapai sesuai target" in rinci(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "2021: capaian 95,95 Tidak Tercapai" in rinci(app)
    assert muat(demo_db).cari_indikator("I1").target[2021] == Decimal("83.16")


async def test_realisasi_from_triwulan_is_not_editable(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_i1(pilot)
        await pilot.press("tab", *["down"] * 4, "right", "5")
        await pilot.pause()
        grid = app.screen.query_one(EditGrid)
        assert grid.cell_terpilih() == ("2021", "realisasi")
        assert not grid.sedang_edit
        assert str(grid.tabel.get_cell("2021", "realisasi")) == "79,79*"
        assert "Realisasi 2021 dihitung dari triwulan" in teks(grid.query_one("#pesan-grid"))


async def test_huge_capaian_is_not_cut_off(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_target_2020_i1(pilot)
        await pilot.press(*"0,001")                    # 79,56 / 0,001 → 7.956.000 %
        await pilot.pause()
        assert str(app.screen.query_one(EditGrid).tabel.get_cell("2020", "capaian")) == ">9.999"


async def test_bad_value_marked_and_not_saved(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_target_2020_i1(pilot)
        await pilot.press(*"12,3,4", "enter")
        await pilot.pause()
        grid = app.screen.query_one(EditGrid)
        assert grid.sedang_edit
        assert '"12,3,4" bukan angka yang sah' in teks(grid.query_one("#dibaca"))
        await pilot.press("escape")
        await pilot.pause()
        assert not grid.sedang_edit
        assert str(grid.tabel.get_cell("2020", "capaian")) == "95,90"
    assert muat(demo_db).cari_indikator("I1").target[2020] == Decimal("82.96")


async def test_blank_standar_nasional_and_undo(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_target_2020_i1(pilot)
        await pilot.press("right", "right", *"80,5", "enter")   # standar nasional 2020
        await pilot.pause()
        grid = app.screen.query_one(EditGrid)
        assert str(grid.tabel.get_cell("2020", "capaian_sn")) == "98,83"
        assert muat(demo_db).cari_indikator("I1").standar_nasional[2020] == Decimal("80.5")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert str(grid.tabel.get_cell("2020", "capaian_sn")) == "-"
    assert muat(demo_db).cari_indikator("I1").standar_nasional.get(2020) is None


async def test_quit_and_reopen_keeps_data(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_target_2020_i1(pilot)
        await pilot.press(*"Rp 80.000,-", "enter")
        await pilot.pause()
        await pilot.press("ctrl+q")
    app.repo.close()
    app2 = buka()
    async with app2.run_test(size=SIZE) as pilot:
        await ke_i1(pilot)
        assert str(app2.screen.query_one(EditGrid).tabel.get_cell("2020", "target")) == "80.000"


async def test_add_indikator_form_lists_all_failures_then_saves(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_i1(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, Formulir)
        kode = form.query_one("#isian-id", Input)
        assert kode.value == "I4"                      # next free id suggested
        kode.value = "I1"                               # taken, and uraian left empty
        await pilot.press("ctrl+s")
        await pilot.pause()
        galat = teks(form.query_one("#galat-form"))
        assert 'Kode indikator: "I1" sudah dipakai' in galat
        assert "Uraian: wajib diisi" in galat
        assert app.screen is form                        # nothing saved, form still open
        kode.value = "I4"
        form.query_one("#isian-uraian", Input).value = "[b]Jumlah inovasi"
        form.query_one("#isian-arah", Select).value = "negatif"
        await pilot.pause()
        assert not form.query_one("#isian-rumus", Select).disabled
        form.query_one("#isian-rumus", Select).value = "T/R"
        form.query_one("#isian-iku", Select).value = "bukan"
        await pilot.pause()
        assert form.query_one("#isian-alasan", Input).disabled
        form.query_one("#isian-uraian", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, Formulir)
        pohon = app.screen.query_one(Tree)
        assert pohon.cursor_node.data == ("indikator", "I4")
        assert str(pohon.cursor_node.label) == "I4 [b]Jumlah inovasi"   # shown literally
        assert "[b]Jumlah inovasi" in rinci(app)
    i4 = muat(demo_db).cari_indikator("I4")
    assert (i4.sasaran, i4.uraian, i4.arah, i4.rumus_negatif, i4.iku) == ("S1", "[b]Jumlah inovasi", "negatif", "T/R", None)


async def test_form_esc_cancels(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_i1(pilot)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#isian-uraian", Input).value = "diubah"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, Formulir)
    assert muat(demo_db).cari_indikator("I1").uraian == "Indeks Kepuasan Masyarakat"


async def test_rename_sasaran_moves_indikator_and_program_then_undo(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await pilot.press("down", "down", "e")           # S1
        await pilot.pause()
        app.screen.query_one("#isian-id", Input).value = "S9"
        await pilot.press("enter")
        await pilot.pause()
        lap = muat(demo_db)
        assert [s.id for s in lap.sasaran] == ["S9", "S2"]
        assert [i.sasaran for i in lap.indikator] == ["S9", "S9", "S2"]
        assert {p.sasaran for p in lap.program} == {"S9", "S2"}
        assert app.screen.query_one(Tree).cursor_node.data == ("sasaran", "S9")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.screen.query_one(Tree).cursor_node.data == ("sasaran", "S1")   # cursor stays put
    lap = muat(demo_db)
    assert [s.id for s in lap.sasaran] == ["S1", "S2"]
    assert [i.sasaran for i in lap.indikator] == ["S1", "S1", "S2"]
    assert "S9" not in {p.sasaran for p in lap.program}


async def test_rename_indikator_keeps_its_data(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_i1(pilot)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#isian-id", Input).value = "IKU-1"
        await pilot.press("enter")
        await pilot.pause()
    lap = muat(demo_db)
    assert [i.id for i in lap.indikator] == ["IKU-1", "I2", "I3"]
    assert lap.cari_indikator("IKU-1").target[2021] == Decimal("83.16")
    assert lap.cari_indikator("IKU-1").triwulan[2021][3].realisasi == Decimal("79.79")


async def test_delete_tujuan_in_use_is_refused(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await pilot.press("down", "d")                   # T1 still has S1
        await pilot.pause()
        assert not app.screen.is_modal
        assert any("Tujuan T1 masih memiliki sasaran" in n.message for n in app._notifications)
    assert len(muat(demo_db).tujuan) == 2


async def test_delete_indikator_asks_then_undo(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_i1(pilot)
        await pilot.press("delete")
        await pilot.pause()
        assert "Hapus indikator I1" in teks(app.screen.query_one("Static"))
        await pilot.press("n")                            # no: nothing happens
        await pilot.pause()
        assert muat(demo_db).cari_indikator("I1") is not None
        await pilot.press("d", "y")
        await pilot.pause()
        assert muat(demo_db).cari_indikator("I1") is None
        assert app.screen.query_one(Tree).cursor_node.data == ("sasaran", "S1")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.lap.cari_indikator("I1") is not None
    assert muat(demo_db).cari_indikator("I1").target[2021] == Decimal("83.16")


async def test_add_tujuan_and_sasaran(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", "a")                      # root: a new tujuan
        await pilot.pause()
        assert app.screen.query_one("#isian-id", Input).value == "T3"
        app.screen.query_one("#isian-uraian", Input).value = "Tujuan ketiga"
        app.screen.query_one("#isian-indikator").text = "Indeks A\n\nIndeks B\n"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.query_one(Tree).cursor_node.data == ("tujuan", "T3")
        await pilot.press("a")                            # on a tujuan: a new sasaran in it
        await pilot.pause()
        assert app.screen.query_one("#isian-tujuan", Select).value == "T3"
        app.screen.query_one("#isian-uraian", Input).value = "Sasaran baru"
        await pilot.press("ctrl+s")
        await pilot.pause()
    lap = muat(demo_db)
    assert lap.tujuan[-1].indikator == ["Indeks A", "Indeks B"]
    assert (lap.sasaran[-1].id, lap.sasaran[-1].tujuan) == ("S3", "T3")


async def test_readonly_refuses_changes(buka):
    app = buka(readonly=True)
    async with app.run_test(size=SIZE) as pilot:
        await ke_target_2020_i1(pilot)
        await pilot.press("5")
        await pilot.pause()
        assert not app.screen.query_one(EditGrid).sedang_edit
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, Formulir)
        assert "HANYA-BACA" in teks(app.screen.query_one("#petunjuk-ind"))


async def test_empty_database_says_what_to_do(tmp_path):
    repo = Repository(tmp_path / "kosong.json")
    app = LkjipApp(repo)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("escape", "f3", "down", "a", "e", "d", "tab")  # Esc: skip the first-year form
            await pilot.pause()
            assert "F8 Atur" in rinci(app)
            assert "lkjip import" in rinci(app)
            assert not isinstance(app.screen, Formulir)
    finally:
        repo.close()


def test_id_berikut():
    assert id_berikut("I", ["I1", "I2", "I3"]) == "I4"
    assert id_berikut("S", ["S1", "S10", "X"]) == "S11"
    assert id_berikut("T", []) == "T1"


def test_snapshot_indikator(snap_compare, demo_db, tmp_path):
    salinan = tmp_path / "salinan.json"
    shutil.copy(demo_db, salinan)
    repo = Repository(salinan)
    try:
        assert snap_compare(LkjipApp(repo), terminal_size=SIZE, press=["f3", "down", "down", "down"])
    finally:
        repo.close()


async def test_rename_tujuan_moves_its_sasaran_and_empty_tujuan_can_be_deleted(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", "down", "e")              # T1
        await pilot.pause()
        app.screen.query_one("#isian-id", Input).value = "T1a"
        await pilot.press("enter")
        await pilot.pause()
        lap = muat(demo_db)
        assert [t.id for t in lap.tujuan] == ["T1a", "T2"]
        assert lap.cari_sasaran("S1").tujuan == "T1a"
        await pilot.press("up", "a")                      # root: a new tujuan T3 …
        await pilot.pause()
        app.screen.query_one("#isian-uraian", Input).value = "Sementara"
        await pilot.press("enter")
        await pilot.pause()
        assert [t.id for t in muat(demo_db).tujuan] == ["T1a", "T2", "T3"]
        await pilot.press("d", "y")                       # … without sasaran: may go
        await pilot.pause()
    assert [t.id for t in muat(demo_db).tujuan] == ["T1a", "T2"]


async def test_renamed_tujuan_and_sasaran_take_their_records_along(buka, demo_db):
    """The one form save (issue 11): a tujuan's new id is followed by its sasaran, a
    sasaran's by its indikator and program; fields the form does not show are kept."""
    sebelum = muat(demo_db)
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        for baru in ("T9", "S9"):                           # root → T1, then → S1
            await pilot.press("down", "e")
            await pilot.pause()
            assert isinstance(app.screen, Formulir)
            app.screen.query_one("#isian-id", Input).value = baru
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, Formulir)
    lap = muat(demo_db)
    assert [t.id for t in lap.tujuan][0] == "T9" and lap.tujuan[0].uraian == sebelum.tujuan[0].uraian
    s9 = next(s for s in lap.sasaran if s.id == "S9")
    assert s9.tujuan == "T9" and s9.uraian == sebelum.sasaran[0].uraian
    s1_lama = sebelum.sasaran[0].id
    assert [i.id for i in lap.indikator if i.sasaran == "S9"] == [i.id for i in sebelum.indikator if i.sasaran == s1_lama]
    assert [p.id for p in lap.program if p.sasaran == "S9"] == [p.id for p in sebelum.program if p.sasaran == s1_lama]
    assert lap.cari_indikator("I1").target == sebelum.cari_indikator("I1").target
