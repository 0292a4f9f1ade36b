"""One keymap for the whole app (issue 12 item 5): the same key does the same thing on every
screen, the footer is never cut at 80 columns, and F1 lists every key of the screen."""

import pytest

from lkjip_tui.app import LAYAR
from lkjip_tui.screens.bantuan import BantuanScreen
from lkjip_tui.screens.konfirmasi import KonfirmasiScreen
from lkjip_tui.widgets.formulir import Formulir
from lkjip_tui.widgets.kaki import Kaki

from .util import SIZE


@pytest.mark.parametrize("kunci,mode", [(k, m) for k, m, *_ in LAYAR])
async def test_footer_fits_80_columns(buka, kunci, mode):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(kunci)
        await pilot.pause()
        kaki = app.screen.query_one(Kaki)
        baris = kaki.render().plain
        assert len(baris) <= SIZE[0]
        for t in kaki.tombol:  # every key whole: none cut short by the palette's key ("^z Ur▏^p")
            assert f"{t.tampil} {t.keterangan}" in baris, baris
        assert kaki.palet is not None and baris.endswith(f"▏{kaki.palet.tampil} {kaki.palet.keterangan} ")


@pytest.mark.parametrize("kunci,hapus,ubah", [("f5", "d", "e"), ("f6", "d", "e")])
async def test_same_keys_delete_and_edit_on_every_screen(buka, kunci, hapus, ubah):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(kunci)
        await pilot.pause()
        await pilot.press("down", "down", ubah)
        await pilot.pause()
        assert isinstance(app.screen, Formulir)
        await pilot.press("escape", hapus)
        await pilot.pause()
        assert isinstance(app.screen, KonfirmasiScreen)


async def test_f1_lists_keys_not_in_the_footer(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5", "f1")
        await pilot.pause()
        assert isinstance(app.screen, BantuanScreen)
        tombol = dict((d, k) for k, d in app.screen.tombol)
        assert tombol["Tanggal"] == "g" and tombol["Hapus"] == "d / del" and tombol["Ubah sel"] == "⏎"
        assert "Perintah" in tombol and "Urung" in tombol
        assert not any("cursor" in d.lower() for d in tombol)   # Textual's own English keys left out


@pytest.mark.parametrize("ukuran", [(80, 24), (60, 20), (40, 20)])
async def test_nav_bar_shows_every_screen_key_when_narrow(buka, ukuran):
    app = buka()
    async with app.run_test(size=ukuran) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        nav = app.screen.query_one("#nav")
        teks = str(nav.render())
        assert len(teks.rstrip()) <= ukuran[0]
        for k, _, _label in LAYAR:
            assert k.upper() in teks
        assert "Anggaran" in teks                              # the current screen in full
