"""The table text lkjip wraps for the PDF, checked against Typst itself: the width table is
what Typst measures today, no wrapped line is wider than its column, and a wrapped cell is
exactly as tall as the row height pdf.py gives Typst (so Typst never wraps it again)."""

import json

import pytest
import typst

from exports import lebar_teks
from exports.builders import bangun_tabel
from exports.pdf_tabel import HURUF_TABEL, SPASI, TEPI_X, TEPI_Y, tinggi_baris
from exports.tables import teks_bagian
from store.demo import demo_laporan
from tools.lebar_huruf import BERKAS, huruf, ukur

# Each cell set as pdf.typ sets a table's: its width, margins, size, edges, no kerning.
UKUR = """
#let d = json(bytes(sys.inputs.sel))
#set text(font: "Libertinus Serif", size: %(huruf)spt, kerning: false, ligatures: false, hyphenate: false,
  top-edge: %(cap)s * 1em, bottom-edge: 0pt)
#set par(justify: false, leading: %(spasi)s * 1em)
#context [#metadata(d.map(((teks, lebar, tebal)) => {
  let isi = if tebal { strong(teks) } else { teks }
  (measure(block(width: lebar * 1pt, inset: (x: %(x)spt, y: %(y)spt), isi)).height / 1pt,
   teks.split("\\n").map(b => measure(if tebal { strong(b) } else { b }).width / 1pt).fold(0, calc.max))
})) <ukur>]
"""


def ukur_typst(sel: list[tuple[str, float, bool]]) -> list[tuple[float, float]]:
    """Per (wrapped text, column width pt, bold): Typst's height of the cell and its widest line."""
    sumber = UKUR % {"huruf": HURUF_TABEL, "cap": lebar_teks.CAP, "spasi": SPASI, "x": TEPI_X, "y": TEPI_Y}
    return [tuple(x) for x in json.loads(typst.query(sumber.encode(), "<ukur>", field="value", one=True,
                                                     ignore_system_fonts=True,
                                                     sys_inputs={"sel": json.dumps(sel)}))]


def test_width_table_is_what_typst_measures():
    """Fails when the typst package's fonts change: run ``python -m tools.lebar_huruf``."""
    assert json.loads(BERKAS.read_text(encoding="utf-8")) == ukur(huruf())


ANEH = ["Peningkatan/\u200bPenurunan (%)", "Kelurahan Sepinggan Raya; Kelurahan Damai Bahagia", "x" * 90,
        "7.303.930.952.000.000.000.000", "Ünïcödé ñ é — “kutip” … €", "中文 Ελληνικά кириллица", "a  b   c\td",
        "WWWWWWWWWW MMMMMMMMMM WWWWWWWWWW", "satu\nbaris dua yang cukup panjang untuk dilipat\n\ntiga"]


@pytest.mark.parametrize("lebar", [30.0, 60.0, 136.55])
def test_wrapped_cells_fit_their_column_and_their_row(lebar):
    lap = demo_laporan()
    teks = {x for t in bangun_tabel(lap) for p in t.bagian for r in teks_bagian(p, t.desimal) for x in r}
    sel = []
    for x in sorted(teks) + ANEH:
        for tebal in (False, True):
            baris = lebar_teks.lipat(x, (lebar - 2 * TEPI_X) / HURUF_TABEL, tebal)
            sel.append(("\n".join(baris), lebar, tebal, len(baris)))
    hasil = ukur_typst([s[:3] for s in sel])
    for (isi, _, tebal, n), (tinggi, terlebar) in zip(sel, hasil):
        if len(isi.replace("\n", "")) > 1 or n == 1:  # (a single character wider than the column must overflow)
            assert terlebar <= lebar - 2 * TEPI_X, (isi, tebal)
        assert tinggi == pytest.approx(tinggi_baris(n, HURUF_TABEL), abs=1e-3), (isi, tebal, n)


def test_wrap_breaks_at_spaces_and_cuts_only_words_longer_than_a_line():
    assert lebar_teks.lipat("Program kota nomor 1", 100) == ("Program kota nomor 1",)
    baris = lebar_teks.lipat("Subkegiatan 1 kegiatan 1 program 1 yang panjang", 8)
    assert len(baris) > 1 and " ".join(baris) == "Subkegiatan 1 kegiatan 1 program 1 yang panjang"
    assert all(lebar_teks.lebar(b) <= 8 for b in baris)
    potong = lebar_teks.lipat("1234567890" * 3, 4)
    assert "".join(potong) == "1234567890" * 3 and len(potong) > 1
    assert lebar_teks.lipat("", 5) == ("",) and lebar_teks.lipat("a\nb", 5) == ("a", "b")
