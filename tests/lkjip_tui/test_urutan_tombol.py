"""Keys that arrive in one burst (a slow or busy PC buffers them) are applied in arrival
order: editing keys (arrows, Home, ctrl+u, Backspace, paste) never get overtaken by the
characters typed after them. Keys are posted back to back, without waiting between them."""

from decimal import Decimal

import pytest
from textual import events
from textual.app import App

from lkjip_tui.screens.anggaran import BulananScreen
from lkjip_tui.urut import UrutTombol
from lkjip_tui.widgets.edit_grid import EditGrid
from lkjip_tui.widgets.formulir import Formulir, Isian
from lkjip_tui.widgets.pembaca import angka_opsional, teks_opsional
from store.repository import Repository

from .test_anggaran import sub_db
from .test_triwulan import ke_realisasi_tw4_i1
from .util import SIZE

KARAKTER = {"comma": ",", "full_stop": ".", "minus": "-"}


def tombol(k: str) -> events.Key:
    if len(k) == 1:
        nama = {",": "comma", ".": "full_stop", "-": "minus"}.get(k, k)
        return events.Key(nama, k)
    return events.Key(k, KARAKTER.get(k))


def kirim(app, *keys: str) -> None:
    """Post every key to the app at once, as a terminal delivers a buffered burst."""
    for k in keys:
        app.post_message(tombol(k))


def tw4_i1(demo_db):
    with Repository(demo_db, readonly=True) as r:
        return r.muat(2021).cari_indikator("I1").triwulan[2021][3].realisasi


BURST = [
    # (keys after the edit opened by typing, the value saved)
    (["8", ",", "5", "left", "left", "1"], Decimal("81.5")),
    (["1", "2", "home", "9"], Decimal("912")),
    (["5", "ctrl+u", "7"], Decimal("7")),
    (["1", "2", "3", "backspace", "4"], Decimal("124")),
    (["1", "2", "3", "home", "delete", "4"], Decimal("423")),
    (["1", "2", "3", "left", "left", "ctrl+k", "9"], Decimal("19")),
    (["4", "5", "end", "6"], Decimal("456")),
]


@pytest.mark.parametrize("keys,nilai", BURST)
async def test_grid_editor_burst(buka, demo_db, keys, nilai):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_realisasi_tw4_i1(pilot)
        await pilot.pause()
        kirim(app, *keys, "enter")
        await pilot.pause(0.3)
        assert not app.screen.query_one(EditGrid).sedang_edit
    assert tw4_i1(demo_db) == nilai


async def test_grid_editor_burst_on_open_editor(buka, demo_db):
    """Enter opens the editor on 79,79; the burst then edits that text in order."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_realisasi_tw4_i1(pilot)
        await pilot.pause()
        kirim(app, "enter", "ctrl+u", "8", ",", "5", "left", "left", "1", "enter")
        await pilot.pause(0.3)
    assert tw4_i1(demo_db) == Decimal("81.5")


async def test_paste_in_burst(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_realisasi_tw4_i1(pilot)
        await pilot.pause()
        kirim(app, "enter", "ctrl+u", "9")
        app.post_message(events.Paste("0,5"))
        kirim(app, "home", "1", "enter")
        await pilot.pause(0.3)
    assert tw4_i1(demo_db) == Decimal("190.5")


# ------------------------------------------------------------ the form
class _UjiForm(UrutTombol, App):
    def __init__(self, form: Formulir):
        super().__init__()
        self.form, self.hasil = form, []

    def on_mount(self) -> None:
        self.push_screen(self.form, self.hasil.append)


async def test_form_burst_edits_in_order_and_follows_tab():
    form = Formulir("Uji", [Isian("nama", "Nama", "abc"), Isian("kode", "Kode", "", teks_opsional),
                            Isian("pagu", "Pagu", "", angka_opsional)])
    app = _UjiForm(form)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        kirim(app, "left", "left", "X", "end", "backspace", "Y", "tab", "1", "2", "home", "9", "down",
              "5", "ctrl+u", "7", "0", "0", "left", "left", "ctrl+k", "8", "enter")
        await pilot.pause(0.3)
    assert app.hasil == [{"nama": "aXbY", "kode": "912", "pagu": Decimal(78)}]


async def test_real_form_opened_in_the_burst(buka, demo_db):
    """F6, `e` on a subkegiatan opens its form; the keys typed behind it wait for it."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        kirim(app, "f6", "e", "ctrl+u", *"Baru", "home", "X", "enter")
        await pilot.pause(0.5)
    assert sub_db(demo_db, "XBaru") is not None


# ------------------------------------------------------------ the month entry window
async def test_month_window_burst(buka, demo_db):
    """`m` and the month's figure in one burst: the window opens, then the keys apply in order."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        kirim(app, "m", "down", "1", ".", "0", "0", "0", "home", "2", "enter", "down",
              "5", "0", "0", "left", "left", "ctrl+k", "9", "enter")
        await pilot.pause(0.5)
        assert isinstance(app.screen, BulananScreen)
    s = sub_db(demo_db)
    assert s.realisasi_bulanan == {1: Decimal(3_911_500), 2: Decimal(21_000), 3: Decimal(59)}


async def test_screen_key_then_typing_in_one_burst(buka, demo_db):
    """F4 and the arrows/typing behind it: the keys wait for the new screen, not the old one."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        kirim(app, "f4", "down", "down", "down", "right", "8", ",", "5", "left", "left", "1", "enter")
        await pilot.pause(0.5)
    assert tw4_i1(demo_db) == Decimal("81.5")


TEKS_BURST = [
    # (keys typed into an empty multi-line editor, the text it holds)
    (["a", "b", "home", "X"], "Xab"),
    (["a", "b", "enter", "c", "up", "end", "Z"], "abZ\nc"),
    (["a", "b", "c", "ctrl+u", "d"], "d"),
    (["a", "b", "left", "backspace", "Y"], "Yb"),
]


@pytest.mark.parametrize("keys,teks", TEKS_BURST)
async def test_narasi_editor_burst(buka, demo_db, keys, teks):
    """The Narasi editor (a TextArea) takes a burst in order, as the one-line input does."""
    from lkjip_tui.widgets.penyunting import PenyuntingUrut

    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f10")
        await pilot.pause()
        editor = app.screen.query_one(PenyuntingUrut)
        editor.focus()
        editor.clear()
        await pilot.pause()
        kirim(app, *keys)
        await pilot.pause()
        await pilot.pause()
        assert editor.text == teks


async def test_laporan_folder_burst(buka, demo_db):
    """F9's folder field: ctrl+u and the new folder typed in one burst keep the folder."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        kirim(app, "ctrl+u", *"/tmp/x", "home", "~")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#lap-folder").value == "~/tmp/x"
