"""F10 Narasi at 80×24: the outline tree, typing saved through the one writer, undo, drafts."""

from __future__ import annotations

from textual.widgets import Static, Tree

from lkjip_tui.screens.narasi import NarasiScreen, Penyunting
from store import narasi
from store.repository import Repository

from .util import SIZE, TINDAK_LANJUT, hapus_teks, kosongkan, teks


def muat(path):
    with Repository(path, readonly=True) as r:
        return r.muat(2021)


async def buka_narasi(pilot) -> NarasiScreen:
    await pilot.press("f10")
    await pilot.pause()
    await pilot.pause()
    return pilot.app.screen


def editor(layar) -> Penyunting:
    return layar.query_one("#n-teks", Penyunting)


async def ke_bagian(pilot, layar, kunci: str) -> None:
    """Put the tree's cursor on part ``kunci`` (as arrow keys would), and wait for the editor."""
    pohon = layar.query_one("#n-pohon", Tree)
    node = next(n for n in layar._semua_node(pohon.root) if n.data == kunci)
    pohon.move_cursor(node)
    await pilot.pause()
    await pilot.pause()


async def test_f10_opens_on_kata_pengantar_enter_writes_esc_returns(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        layar = await buka_narasi(pilot)
        assert isinstance(layar, NarasiScreen)
        pohon = layar.query_one("#n-pohon", Tree)
        assert pohon.has_focus and pohon.cursor_node.data == "kata-pengantar"
        assert editor(layar).text.startswith("Alhamdulillah, puji syukur")
        # usable at 80×24: the tree and the editor share the width, most of the height
        assert pohon.size.height >= 18 and editor(layar).size.width >= 40
        await pilot.press("enter")
        assert editor(layar).has_focus
        await pilot.press("escape")
        assert pohon.has_focus


async def test_typing_is_saved_undone_and_kept(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        layar = await buka_narasi(pilot)
        await pilot.press("enter", *"Teks baru. ")
        await pilot.press("escape")  # leaving the text saves at once (no need to wait)
        await pilot.pause()
        assert narasi.teks(muat(demo_db), "kata-pengantar").startswith("Teks baru. Alhamdulillah")
        assert len(app.riwayat) == 1
        assert app.repo.riwayat(2021, 1)[0]["perubahan"][0]["kunci"] == "kata-pengantar"
        assert "Tersimpan" in app.status

        await pilot.press("ctrl+z")  # in the tree: the app's undo puts the text back
        await pilot.pause()
        asli = narasi.teks(muat(demo_db), "kata-pengantar")
        assert "Teks baru. " not in asli and asli.startswith("Alhamdulillah")
        assert editor(layar).text == asli

        await pilot.press("enter", *"Tetap ada.", "escape")
        await pilot.pause()
    app.repo.close()
    # the app closed; a new one shows the text where it was typed
    app2 = buka()
    async with app2.run_test(size=SIZE) as pilot:
        layar = await buka_narasi(pilot)
        assert editor(layar).text.startswith("Tetap ada.Alhamdulillah")


async def test_typing_a_new_part_then_waiting_saves_it(buka, demo_db):
    kosongkan(demo_db, "bab3.akip.rekomendasi")
    hapus_teks(demo_db, TINDAK_LANJUT)  # the demo fills every part: this test starts without its record
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        layar = await buka_narasi(pilot)
        await ke_bagian(pilot, layar, "bab3.akip.tindak-lanjut")  # no record yet: one is added
        assert "belum diisi" in teks(layar.query_one("#n-judul", Static))
        await pilot.press("enter", *"Sudah ditindaklanjuti.")
        await pilot.pause(1.5)  # the pause after typing saves without leaving the part
        assert narasi.teks(muat(demo_db), "bab3.akip.tindak-lanjut") == "Sudah ditindaklanjuti."
        label = str(next(n for n in layar._semua_node(layar.query_one(Tree).root)
                         if n.data == "bab3.akip.tindak-lanjut").label)
        assert label.startswith("●")
        assert "belum diisi" not in teks(layar.query_one("#n-judul", Static))  # the hint follows the save


async def test_draft_offered_for_an_empty_analysis_then_accepted(buka, demo_db):
    kosongkan(demo_db, "sasaran.S1.penyebab")
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        layar = await buka_narasi(pilot)
        await ke_bagian(pilot, layar, "sasaran.S1.penyebab")
        assert "DRAF" in teks(layar.query_one("#n-judul", Static))
        assert "rata-rata 97,98% atau kategori Tinggi" in editor(layar).text
        disimpan = muat(demo_db)
        assert narasi.status(disimpan, "sasaran.S1.penyebab") == "draf"  # stored as a draft only
        assert narasi.teks(disimpan, "sasaran.S1.penyebab") == ""
        assert len(app.riwayat) == 0  # offering a draft is not the user's change to undo
        await pilot.press("ctrl+t")
        await pilot.pause()
        disimpan = muat(demo_db)
        assert narasi.status(disimpan, "sasaran.S1.penyebab") == "terisi"
        assert "97,98%" in narasi.teks(disimpan, "sasaran.S1.penyebab")
        assert "DRAF" not in teks(layar.query_one("#n-judul", Static))
        assert "[Tuliskan" not in narasi.teks(disimpan, "sasaran.S1.penyebab")  # the request is not the text
        assert editor(layar).has_focus  # accepted: the cursor waits at the end, where the causes go
        await pilot.press(*" Karena pembinaan.")
        await pilot.press("escape")
        await pilot.pause()
        disimpan = narasi.teks(muat(demo_db), "sasaran.S1.penyebab")
        assert disimpan.endswith("10,06. Karena pembinaan.") and "[" not in disimpan


async def test_typing_into_a_draft_makes_it_the_users_text(buka, demo_db):
    kosongkan(demo_db, "sasaran.S2.program")
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        layar = await buka_narasi(pilot)
        await ke_bagian(pilot, layar, "sasaran.S2.program")
        await pilot.press("enter", *"Catatan: ", "escape")
        await pilot.pause()
        disimpan = muat(demo_db)
        isi = narasi.teks(disimpan, "sasaran.S2.program")
        assert isi.startswith("Catatan: Untuk menunjang Sasaran") and narasi.draf(disimpan, "sasaran.S2.program") is None
        assert "DRAF" not in teks(layar.query_one("#n-judul", Static))  # no longer offered as a draft


async def test_draft_discarded_is_not_offered_again(buka, demo_db):
    kosongkan(demo_db, "sasaran.S2.penyebab")
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        layar = await buka_narasi(pilot)
        await ke_bagian(pilot, layar, "sasaran.S2.penyebab")
        assert editor(layar).text
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert editor(layar).text == ""
        await ke_bagian(pilot, layar, "kata-pengantar")
        await ke_bagian(pilot, layar, "sasaran.S2.penyebab")
        assert editor(layar).text == ""
        assert narasi.status(muat(demo_db), "sasaran.S2.penyebab") == "kosong"


async def test_beranda_lists_empty_text_parts(buka, demo_db):
    kosongkan(demo_db, TINDAK_LANJUT)  # the demo fills every part: this test empties one
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        isi = teks(app.screen.query_one("#b-kurang", Static))
        assert "Teks laporan belum diisi (1)" in isi
        assert "Tindak lanjut rekomendasi: belum diisi" in isi
        await pilot.press("f10")
        await pilot.pause()
        await ke_bagian(pilot, app.screen, "bab3.akip.tindak-lanjut")
        await pilot.press("enter", *"Ditindaklanjuti.", "escape", "f2")
        await pilot.pause()
        assert "Teks laporan belum diisi (0)" in teks(app.screen.query_one("#b-kurang", Static))


async def test_read_only_cannot_type(buka, demo_db):
    app = buka(readonly=True)
    async with app.run_test(size=SIZE) as pilot:
        layar = await buka_narasi(pilot)
        assert editor(layar).read_only
        await pilot.press("enter", *"x")
        await pilot.pause()
        assert not editor(layar).text.startswith("x")


async def test_quitting_right_after_typing_keeps_the_text(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await buka_narasi(pilot)
        await pilot.press("enter", *"Terakhir. ", "ctrl+q")  # before the pause that would save it
    app.repo.close()
    assert narasi.teks(muat(demo_db), "kata-pengantar").startswith("Terakhir. Alhamdulillah")


async def test_outline_renamed_added_moved_removed_and_undone(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        layar = await buka_narasi(pilot)
        await ke_bagian(pilot, layar, "ringkasan")
        await pilot.press("e", "ctrl+u", *"Ikhtisar Eksekutif", "enter")
        await pilot.pause()
        assert narasi.cari_bagian(muat(demo_db), "ringkasan").judul == "Ikhtisar Eksekutif"

        await ke_bagian(pilot, layar, "bab1.gambaran")
        await pilot.press("a", *"Sumber Daya dan Sarana dan Prasarana", "enter")
        await pilot.pause()
        await pilot.pause()
        bab1 = [b.judul for b in narasi.cari_bagian(muat(demo_db), "bab1").anak]
        assert bab1[2] == "Sumber Daya dan Sarana dan Prasarana"
        baru = narasi.cari_bagian(muat(demo_db), "bab1").anak[2].kunci
        assert layar.query_one("#n-pohon", Tree).cursor_node.data == baru  # the cursor follows
        await pilot.press("enter", *"Pegawai dan sarana.", "escape")
        await pilot.pause()
        assert narasi.teks(muat(demo_db), baru) == "Pegawai dan sarana."

        await pilot.press("enter", "shift+up", "escape")  # in the text, shift+↑ selects: nothing moves
        await pilot.pause()
        assert [b.kunci for b in narasi.cari_bagian(muat(demo_db), "bab1").anak][2] == baru
        await pilot.press("shift+up")
        await pilot.pause()
        assert [b.kunci for b in narasi.cari_bagian(muat(demo_db), "bab1").anak][1] == baru

        await ke_bagian(pilot, layar, "bab1.sistematika")
        await pilot.press("d", "y")
        await pilot.pause()
        assert narasi.cari_bagian(muat(demo_db), "bab1.sistematika") is None
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert narasi.cari_bagian(muat(demo_db), "bab1.sistematika") is not None

        await ke_bagian(pilot, layar, "tabel.1.1")
        await pilot.press("d")
        await pilot.pause()
        assert any("bukan bagian teks" in n.message for n in app._notifications)


async def test_a_draft_not_yet_accepted_follows_the_figures(buka, demo_db):
    kosongkan(demo_db, "sasaran.S1.program")
    with Repository(demo_db) as repo:
        t = repo.muat(2021).cari_teks("sasaran.S1.program")
        t.draf = "draf lama dari angka yang sudah berubah"
        repo.simpan(2021, t)
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        layar = await buka_narasi(pilot)
        await ke_bagian(pilot, layar, "sasaran.S1.program")
        assert "serapan 86,98%" in editor(layar).text
        assert "serapan 86,98%" in narasi.draf(muat(demo_db), "sasaran.S1.program")


async def test_leaving_while_writing_and_coming_back_keeps_the_part(buka, demo_db):
    """F10, Enter, type, F3, F10: the clerk is back on the part being written (tree and
    editor), not on "Sampul" with a read-only editor swallowing what is typed next."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        layar = await buka_narasi(pilot)
        await ke_bagian(pilot, layar, "bab1.latar")
        await pilot.press("enter", *"Awal. ")
        await pilot.press("f3")
        await pilot.pause()
        layar = await buka_narasi(pilot)
        await pilot.pause()
        pohon = layar.query_one("#n-pohon", Tree)
        assert pohon.cursor_node.data == "bab1.latar"
        assert layar._kunci == "bab1.latar"
        assert editor(layar).text.startswith("Awal. ")
        await pilot.press(*"lagi ", "escape")
        await pilot.pause()
        tersimpan = narasi.teks(muat(demo_db), "bab1.latar")
        assert "lagi " in tersimpan and tersimpan.count("Awal. ") == 1
