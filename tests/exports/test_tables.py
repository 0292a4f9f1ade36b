from decimal import Decimal as D

from exports.tables import Jenis, Sel, mesin, persen, rupiah, tampil, teks, ukuran


def test_tampil_indonesian_and_undefined():
    assert tampil(rupiah(D("24246540687"))) == "24.246.540.687"
    assert tampil(persen(D("-0.11"))) == "-0,11"
    assert tampil(persen(D("100"))) == "100,00"
    assert tampil(ukuran(D("83.16"))) == "83,16"
    assert tampil(ukuran(D("100"))) == "100"
    assert tampil(persen(None)) == "-"
    assert tampil(teks("a|b")) == "a|b"


def test_ukuran_with_many_decimals_is_cut_to_report_precision():
    assert tampil(ukuran(D(80) / D(3)), 2) == "26,67"


def test_mesin_plain_numbers():
    assert mesin(rupiah(D("24246540687"))) == "24246540687"
    assert mesin(persen(D("95.95"))) == "95.95"
    assert mesin(persen(D("-0.11"))) == "-0.11"
    assert mesin(ukuran(D("1E+3"))) == "1000"
    assert mesin(persen(None)) == ""


def test_cell_kinds():
    assert Sel(D(1), Jenis.RUPIAH).angka and Sel(None, Jenis.PERSEN).angka
    assert not teks("=1").angka
