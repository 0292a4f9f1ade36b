"""Kaki, the key footer drawn as one line: it shows the screen's keys, follows a change of
screen, and a click on a key does what the key does."""

from lkjip_tui.screens.bantuan import BantuanScreen
from lkjip_tui.widgets.kaki import Kaki

from .util import SIZE


def _baris(app) -> str:
    return app.screen.query_one(Kaki).render().plain


async def test_the_footer_shows_the_keys_of_the_screen_shown(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        beranda = _baris(app)
        assert "i Capaian" in beranda and "^q Keluar" in beranda
        assert "? Bantuan" not in beranda  # one key per action: f1, not also ?
        await pilot.press("f6")
        await pilot.pause()
        anggaran = _baris(app)
        assert "a Tambah" in anggaran and "i Capaian" not in anggaran
        await pilot.press("f2")
        await pilot.pause()
        assert _baris(app) == beranda


async def test_a_click_on_a_key_in_the_footer_does_what_the_key_does(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        kaki = app.screen.query_one(Kaki)
        x = _baris(app).index("f1 Bantuan")
        await pilot.click(Kaki, offset=(x + 3, 0))
        await pilot.pause()
        assert isinstance(app.screen, BantuanScreen)
        await pilot.press("escape")
        await pilot.pause()
        x = kaki.render().plain.index("^p Perintah")
        await pilot.click(Kaki, offset=(x, 0))
        await pilot.pause()
        assert app.screen.id == "--command-palette"


async def test_a_disabled_key_in_the_footer_is_dim_and_a_click_on_it_rings_the_bell(buka, monkeypatch):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        asli = app.check_action
        monkeypatch.setattr(app, "check_action", lambda action, p: None if action == "urung" else asli(action, p))
        app.screen.refresh_bindings()  # None: shown, disabled (False would hide it)
        await pilot.pause()
        kaki = app.screen.query_one(Kaki)
        assert not next(t for t in kaki.tombol if t.key == "ctrl+z").aktif
        baris = kaki.render()
        x = baris.plain.index("^z Urung")
        assert all(s.style.dim for s in baris.spans if s.start <= x < s.end)  # drawn dim
        dipanggil, bel = [], []
        monkeypatch.setattr(app, "action_urung", lambda: dipanggil.append(1))
        monkeypatch.setattr(app, "bell", lambda: bel.append(1))
        await pilot.click(Kaki, offset=(x, 0))
        await pilot.pause()
        assert bel == [1] and dipanggil == []


async def test_a_hovered_key_shows_its_tooltip(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        kaki = app.screen.query_one(Kaki)
        await pilot.hover(Kaki, offset=(_baris(app).index("^p Perintah"), 0))
        await pilot.pause()
        assert kaki.tooltip == "Buka palet perintah"
