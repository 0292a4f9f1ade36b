"""Daftar: fixed columns, a line at a time."""

from rich.text import Text
from textual.app import App
from textual.containers import VerticalScroll

from lkjip_tui.widgets.daftar import Daftar, KolomDaftar

KOLOM = [KolomDaftar("Nama"), KolomDaftar("Pagu", 8, kanan=True), KolomDaftar("%", 6, kanan=True)]


class _Uji(App):
    def compose(self):
        with VerticalScroll():
            yield Daftar()


def _daftar(baris, **kw) -> Daftar:
    d = Daftar()
    d.isi(KOLOM, baris, **kw)
    return d


def test_columns_fixed_width_numbers_right_and_long_names_cut():
    d = _daftar([["Program satu", "1.000", "95,95"], [Text("Program dengan nama yang panjang sekali"), "12.345", "-"]],
                judul=Text("Judul"), catatan=Text("catatan"))
    assert d.teks(30).splitlines() == [
        "Judul",
        "Nama              Pagu      %",
        "Program satu     1.000  95,95",
        "Program deng…   12.345      -",
        "catatan",
    ]
    assert all(len(d.baris_teks(y, 30).plain) == 30 for y in range(5))  # every line fills the width


def test_user_text_is_not_markup():
    d = _daftar([["[bold]P1[/bold] | x", "1", "2"]])
    assert "[bold]P1[/bold] | x" in d.teks(40)


async def test_height_is_row_count_and_only_visible_lines_render():
    app = _Uji()
    async with app.run_test(size=(40, 10)) as pilot:
        d = app.query_one(Daftar)
        dilukis: list[int] = []
        asli = d.baris_teks
        d.baris_teks = lambda y, lebar: (dilukis.append(y), asli(y, lebar))[1]
        d.isi(KOLOM, [[f"Baris {n}", str(n), "1"] for n in range(500)])
        await pilot.pause()
        assert d.size.height == 501                      # header + 500 rows, no widget per row
        assert dilukis and max(dilukis) < 20             # only what fits the 10-line window was drawn
        app.query_one(VerticalScroll).scroll_end(animate=False)
        await pilot.pause()
        assert max(dilukis) == 500
