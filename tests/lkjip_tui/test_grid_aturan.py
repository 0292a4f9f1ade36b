"""The grid applies the store's rules (issue 18 items 6 and 7): a text cell the text rule
(control characters, length), a number cell the rule of its kind."""

from __future__ import annotations

from decimal import Decimal

from lkjip_tui.screens.anggaran import KOLOM
from lkjip_tui.widgets.edit_grid import TEKS, Kolom, alasan_kolom


def test_sel_teks_memakai_aturan_teks():
    k = Kolom("nama", "Komponen", 20, TEKS)
    assert "U+001B" in alasan_kolom(k, None, "Perencanaan\x1b[2J")
    assert "terlalu panjang" in alasan_kolom(k, None, "x" * 10_001)
    assert alasan_kolom(k, None, "Perencanaan Kinerja") is None


def test_sel_rupiah_memakai_aturan_angka():
    pagu = next(k for k in KOLOM if k.key == "pagu")
    assert "di belakang koma" in alasan_kolom(pagu, None, Decimal("1.005"))
    assert "terlalu besar" in alasan_kolom(pagu, None, Decimal("1E+20"))
    assert alasan_kolom(pagu, None, Decimal("7303930952")) is None
