import csv
import io

from exports.builders import bangun_tabel
from exports.csv_writer import netral, tabel_csv

from .util import NAMA_JAHAT, laporan_jahat


def baca(data: bytes, gaya: str) -> list[list[str]]:
    teks = data.decode("utf-8-sig" if gaya == "excel" else "utf-8")
    return list(csv.reader(io.StringIO(teks, newline=""), delimiter=";" if gaya == "excel" else ","))


def test_excel_variant_bytes(lap):
    (t,) = bangun_tabel(lap, ["3.2"])
    data = tabel_csv(t, "excel")
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    rows = baca(data, "excel")
    assert rows[0] == list(t.kolom)
    assert rows[1][5] == "95,95" and rows[3][3:6] == ["7.303.930.952", "16.098.130.150", "220,40"]


def test_plain_variant_round_trips(lap):
    (t,) = bangun_tabel(lap, ["3.17"])
    data = tabel_csv(t, "plain")
    assert not data.startswith(b"\xef\xbb\xbf")
    rows = baca(data, "plain")
    assert rows[-2][1:5] == ["Jumlah", "24246540687", "20644862632", "85.15"]
    assert rows[-1][1] == "Total Belanja"
    assert len(rows) == len(t.baris) + 1 and all(len(r) == 6 for r in rows)


def test_excel_3_17_total_and_negative_stays_number(lap):
    (t,) = bangun_tabel(lap, ["3.17"])
    assert baca(tabel_csv(t), "excel")[-1][2:5] == ["24.246.540.687", "20.644.862.632", "85,15"]
    (t,) = bangun_tabel(lap, ["3.11"])
    assert baca(tabel_csv(t), "excel")[1][-1] == "-0,11"
    assert baca(tabel_csv(t, "plain"), "plain")[1][-1] == "-0.11"


def test_multi_part_table_2_4(lap):
    (t,) = bangun_tabel(lap, ["2.4"])
    rows = baca(tabel_csv(t), "excel")
    assert [] in rows and ["Anggaran program (APBD murni)"] in rows
    assert ["", "Jumlah", "24.398.663.737", ""] in rows


def test_formula_text_neutralised_in_both_variants():
    assert netral("=1+1") == "'=1+1" and netral("+a") == "'+a" and netral("-a") == "'-a"
    assert netral("@a") == "'@a" and netral("\tx") == "'\tx" and netral("\rx") == "'\rx" and netral("a=b") == "a=b"
    lap = laporan_jahat()
    for gaya in ("excel", "plain"):
        (t,) = bangun_tabel(lap, ["3.11"])  # one sasaran: the detailed budget table is 3.11
        rows = baca(tabel_csv(t, gaya), gaya)
        assert rows[3][1] == "Subkegiatan " + NAMA_JAHAT  # round-trips whole, newline and quotes included
        (t,) = bangun_tabel(lap, ["2.2"])
        rows = baca(tabel_csv(t, gaya), gaya)
        assert rows[1][1:6] == ["'+tujuan", "'" + NAMA_JAHAT, "'-indikator|x", "100", "'=1+1"]
        (t,) = bangun_tabel(lap, ["1.1"])
        rows = baca(tabel_csv(t, gaya), gaya)
        assert rows[1][1] == "'\tUNIT" and rows[2][1] == "'=jabatan"
        (t,) = bangun_tabel(lap, ["3.5"])
        assert baca(tabel_csv(t, gaya), gaya)[1][-1] in ("-10,00", "-10.00")  # number: not neutralised


def test_empty_values_are_dash_for_excel_blank_for_plain(lap):
    (t,) = bangun_tabel(lap, ["3.7"])
    assert baca(tabel_csv(t), "excel")[1][5] == "-"
    assert baca(tabel_csv(t, "plain"), "plain")[1][5] == ""
