"""SPEC §3's figures in the right tables, and numbering that follows the number of sasaran."""

from decimal import Decimal as D

import pytest

from exports.builders import Konteks, bangun_tabel, nomor_tabel
from exports.tables import JenisBaris, teks_bagian
from store import calc
from store.models import Laporan, Sasaran


def grid(lap, nomor, bagian=0):
    (t,) = bangun_tabel(lap, [nomor])
    return t, teks_bagian(t.bagian[bagian], t.desimal)


def test_numbering_two_sasaran_is_the_seeds(lap):
    assert nomor_tabel(lap) == ["1.1", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2", "3.3"] + [
        f"3.{n}" for n in range(4, 18)]


@pytest.mark.parametrize("n, akhir", [(0, ["3.4", "3.5"]), (1, ["3.10", "3.11"]), (3, ["3.22", "3.23"])])
def test_numbering_shifts_with_sasaran(n, akhir):
    lap = Laporan(2024, sasaran=[Sasaran(f"S{i}", "T", f"s{i}") for i in range(n)])
    assert nomor_tabel(lap)[-2:] == akhir
    assert len(nomor_tabel(lap)) == 9 + 6 * n + 2


def test_1_1_unit_and_grand_totals(lap):
    t, g = grid(lap, "1.1")
    totals = [(r[2], r[3], r[4]) for r, b in zip(g, t.baris) if b.jenis is JenisBaris.TOTAL]
    assert [x[2] for x in totals] == ["34", "13", "15", "9", "16", "10", "11", "12", "120"]
    assert totals[-1] == ("61", "59", "120")
    assert t.baris[0].jenis is JenisBaris.GRUP and g[0][1] == "KECAMATAN BALIKPAPAN SELATAN"
    assert t.catatan == "Sumber : Data Kepegawaian per 31 Desember 2021"


def test_2_5_porsi(lap):
    _, g = grid(lap, "2.5")
    assert [r[2:4] for r in g[:2]] == [["20.789.314.577", "85,74"], ["3.457.226.110", "14,26"]]
    assert g[-1][2] == "24.246.540.687"


def test_2_4_budgets(lap):
    t, _ = grid(lap, "2.4")
    murni = teks_bagian(t.bagian[1], 2)
    assert murni[0][2] == "17.063.213.052" and murni[-1][2] == "24.398.663.737"
    assert teks_bagian(t.bagian[2], 2)[2][2] == "3.130.944.110"


def test_3_1_akip(lap):
    _, g = grid(lap, "3.1")
    assert g[-2][1:] == ["Nilai Hasil Evaluasi", "100", "64,33", "65,08"]
    assert g[-1][3:] == ["B (Baik)", "B (Baik)"]  # the grade with its meaning, as the seed's text says it
    assert g[3][3] == "3,50"


def test_3_1_no_grade_until_every_component_has_a_nilai(lap):
    lap.evaluasi_akip[0].nilai[2021] = D("25.5")               # 1 of 5 for a new year
    _, g = grid(lap, "3.1")
    assert g[-2][-1] == "25,50"
    assert g[-1][-1] == "belum lengkap (1 dari 5 komponen)"


def test_3_2_capaian_predikat(lap):
    _, g = grid(lap, "3.2")
    assert [(r[5], r[6]) for r in g] == [("95,95", "Tidak Tercapai"), ("100,00", "Tercapai sesuai target"),
                                         ("220,40", "Melebihi target")]


def test_3_3_quarters(lap):
    _, g = grid(lap, "3.3")
    assert len(g) == 12
    assert g[3][4:] == ["Triwulan IV", "83,16", "79,79", "95,95"]
    assert g[0][5:] == ["-", "-", "-"]


@pytest.mark.parametrize("nomor, kolom, nilai", [
    ("3.4", 6, ["95,95", "100,00", "97,98"]), ("3.10", 6, ["220,40", "220,40"]),
    ("3.5", 9, ["0,29", "0,00"]), ("3.11", 9, ["-0,11"]),
    ("3.6", 6, ["-4,05", "0,00"]), ("3.12", 6, ["120,40"]),
    ("3.9", 4, ["10,06"]), ("3.15", 4, ["151,92"]),
])
def test_per_sasaran_figures(lap, nomor, kolom, nilai):
    _, g = grid(lap, nomor)
    assert [r[kolom] for r in g] == nilai


def test_3_8_and_3_14_program_budgets(lap):
    _, g = grid(lap, "3.8")
    assert g[-1][2:] == ["20.789.314.577", "18.277.290.802", "87,92"]
    _, g = grid(lap, "3.14")
    assert [r[4] for r in g] == ["70,63", "47,86", "68,48"]
    assert g[-1][3] == "2.367.571.830"


def test_3_16_and_3_17_totals(lap):
    _, g = grid(lap, "3.16")
    assert [r[1] for r in g[-2:]] == ["Jumlah", "Total Belanja"]  # the seed's last two rows
    assert g[-2][5:] == g[-1][5:] == ["24.246.540.687", "20.644.862.632", "85,15"]
    t, g = grid(lap, "3.17")
    program = [r[4] for r, b in zip(g, t.baris) if b.jenis is JenisBaris.GRUP]
    assert program == ["86,98", "92,01", "70,63", "47,86"]
    assert [r[1] for r in g[-2:]] == ["Jumlah", "Total Belanja"]
    assert g[-2][2:5] == g[-1][2:5] == ["24.246.540.687", "20.644.862.632", "85,15"]
    assert any(r[3] == "381.037.253" and r[4] == "91,52" for r in g)  # SPEC §4: Sungai Nangka
    assert sum(b.jenis is JenisBaris.SUBGRUP for b in t.baris) == sum(len(p.kegiatan) for p in lap.program)


def test_cached_sums_equal_calc(lap):
    k = Konteks(lap)
    for p in lap.program:
        assert k.anggaran_program(p) == calc.anggaran_program(p)
    for s in lap.sasaran:
        assert k.anggaran_sasaran(s.id) == calc.anggaran_sasaran(lap, s.id)
    assert k.anggaran_total() == calc.anggaran_total(lap)


def test_empty_report_builds_every_table_with_headers():
    lap = Laporan(2024)
    daftar = bangun_tabel(lap)
    assert [t.nomor for t in daftar] == nomor_tabel(lap)
    assert all(t.kolom for t in daftar)
    _, g = grid(lap, "1.1")
    assert g == [["", "Total Pegawai", "0", "0", "0"]]
    _, g = grid(lap, "3.5")  # budget table 3.5 when there is no sasaran
    assert g[-1][2:] == ["0", "0", "-", ""]


def test_measure_keeps_its_decimals(lap):
    lap.indikator[0].target[2021] = D("83.1")
    _, g = grid(lap, "3.2")
    assert g[0][3] == "83,1"


def test_2_2_one_row_per_distinct_subkegiatan_in_the_seeds_order(lap):
    _, g = grid(lap, "2.2")
    assert len(g) == 31  # the seed's 31 rows; 3.17 has 56 subkegiatan, one per kelurahan
    program = [r[5] for r in g if r[5]]
    # sasaran 1: its own program first, the general support program after it (as the seed)
    assert program[0] == "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik"
    assert program[7] == program[22] == "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"
    sub = [r[7] for r in g]
    assert "Peningkatan Efektifitas Pelaksanaan Pelayanan Kepada Masyarakat di Wilayah Kecamatan" in sub
    assert "Pembangunan Sarana dan Prasarana Kelurahan" in sub
    assert "Pemberdayaan Masyarakat di Kelurahan" in sub  # also "(Kecamatan Balikpapan Selatan)"
    assert "Peningkatan Partisipasi Masyarakat dalam Forum Musyawarah Perencanaan Pembangunan di Kelurahan" in sub
    assert not any("Sepinggan" in x for x in sub)
    assert g[23][3:5] == ["Persentase keluhan yang ditindaklanjuti", "100"] and g[23][5:] == ["", "", ""]
    assert g[24][0] == "2" and g[-1][5] == "Program Koordinasi Ketentraman dan Ketertiban Umum"


def test_2_2_keeps_a_name_no_other_subkegiatan_shares(lap):
    from exports.builders.bab2 import subkegiatan_umum
    from store.models import Kegiatan, Subkegiatan

    wilayah = ["Kelurahan Sepinggan Baru", "Kelurahan Sepinggan"]
    kg = Kegiatan("K", [Subkegiatan("Pembangunan Kelurahan Sepinggan"), Subkegiatan("Pembangunan Kelurahan Sepinggan Baru"),
                        Subkegiatan("Rapat di Kelurahan Sepinggan"), Subkegiatan("Sepinggan Baru - Kelurahan Sepinggan")])
    assert subkegiatan_umum(kg, wilayah) == ["Pembangunan Kelurahan", "Rapat di Kelurahan Sepinggan",
                                             "Sepinggan Baru - Kelurahan Sepinggan"]


def test_3_7_ket_is_the_difference_with_the_national_standard(lap):
    _, g = grid(lap, "3.7")
    assert g[0][-1] == "-" and g[0][5] == "-"  # no national standard in the data: nothing to compare
    lap.indikator[0].standar_nasional[2021] = D("80")
    t, g = grid(lap, "3.7")
    assert t.kolom[-1] == "Ket. (+/-)" and g[0][4:] == ["79,79", "80", "-0,21"]


def test_spellings(lap):
    (t,) = bangun_tabel(lap, ["2.5"])
    assert "Persentase (%)" in t.kolom


def test_ringkasan_without_renstra_leaves_out_the_last_year_sentence(lap):
    from exports import ringkasan

    lap.renstra = None
    teks = ringkasan.jumlah_renstra(lap)
    assert teks.startswith("Matrik Renstra ") and "tahun terakhir" not in teks
