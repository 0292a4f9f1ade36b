"""The one modal form (widgets/formulir.py) on its own: readers, the whole-form check, ONE
message, disabled fields, fast typing and a double Enter."""

from decimal import Decimal

from textual.app import App
from textual.widgets import Input, Select, Static

from lkjip_tui.widgets.formulir import BARIS, PILIHAN, Formulir, Isian
from lkjip_tui.widgets.pembaca import angka_opsional, teks_opsional

from .util import SIZE, teks


class _Uji(App):
    def __init__(self, form: Formulir):
        super().__init__()
        self.form, self.hasil = form, []

    def on_mount(self) -> None:
        self.push_screen(self.form, self.hasil.append)


def _form(**kw) -> Formulir:
    isian = [
        Isian("nama", "Nama"),
        Isian("jenis", "Jenis", "a", teks_opsional, jenis=PILIHAN, pilihan=[("A", "a"), ("B", "b")]),
        Isian("pagu", "Pagu", "", angka_opsional, "mis. 1.000", aktif_jika=lambda t: t["jenis"] == "a"),
        Isian("catatan", "Catatan", "", teks_opsional, jenis=BARIS),
    ]
    return Formulir("Uji", isian, **kw)


async def test_one_message_lists_every_field_then_the_whole_form_check():
    periksa = lambda d: ["nama sudah ada"] if d["nama"] == "X" else []  # noqa: E731
    app = _Uji(_form(periksa=periksa))
    async with app.run_test(size=SIZE) as pilot:
        form = app.form
        form.query_one("#isian-pagu", Input).value = "abc"
        await pilot.press("ctrl+s")
        await pilot.pause()
        galat = teks(form.query_one("#galat-form", Static))
        assert galat.startswith("Belum dapat disimpan:")
        assert "Nama: wajib diisi" in galat and "Pagu: " in galat and "nama sudah ada" not in galat
        assert form.query_one("#isian-pagu", Input).has_class("-invalid")
        form.query_one("#isian-nama", Input).value = "X"
        form.query_one("#isian-pagu", Input).value = "1.000"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert teks(form.query_one("#galat-form", Static)) == "Belum dapat disimpan:\n• nama sudah ada"
        form.query_one("#isian-nama", Input).value = "Y"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.hasil == [{"nama": "Y", "jenis": "a", "pagu": Decimal(1000), "catatan": ""}]


async def test_disabled_field_is_not_read_and_given_as_none():
    app = _Uji(_form())
    async with app.run_test(size=SIZE) as pilot:
        form = app.form
        form.query_one("#isian-pagu", Input).value = "abc"
        form.query_one("#isian-jenis", Select).value = "b"
        await pilot.pause()
        assert form.query_one("#isian-pagu", Input).disabled
        form.query_one("#isian-nama", Input).value = "Z"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.hasil == [{"nama": "Z", "jenis": "b", "pagu": None, "catatan": ""}]


async def test_fast_typing_stays_in_order_and_double_enter_closes_once():
    app = _Uji(Formulir("Uji", [Isian("a", "A"), Isian("b", "B", baca=teks_opsional)]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"satu", "tab", *"dua", "enter", "enter")
        await pilot.pause()
        assert app.hasil == [{"a": "satu", "b": "dua"}]
        assert app.screen is not app.form       # closed once; the screen below is still there
        assert len(app.screen_stack) == 1


async def test_escape_cancels():
    app = _Uji(_form())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"abc", "escape")
        await pilot.pause()
    assert app.hasil == [None]


async def test_control_characters_refused_newline_only_in_multi_line_fields():
    from textual.widgets import TextArea
    app = _Uji(_form())
    async with app.run_test(size=SIZE) as pilot:
        form = app.form
        form.query_one("#isian-nama", Input).value = "Kec\x1b[2Jamatan"
        form.query_one("#isian-catatan", TextArea).text = "baris satu\nbaris\tdua \u202eabc"
        await pilot.press("ctrl+s")
        await pilot.pause()
        galat = teks(form.query_one("#galat-form", Static))
        assert "Nama: berisi karakter kendali U+001B" in galat
        assert "Catatan: berisi karakter pengarah teks U+202E" in galat and "U+000A" not in galat
        form.query_one("#isian-nama", Input).value = "Kecamatan"
        form.query_one("#isian-catatan", TextArea).text = "baris satu\nbaris\tdua"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.hasil == [{"nama": "Kecamatan", "jenis": "a", "pagu": None, "catatan": "baris satu\nbaris\tdua"}]
