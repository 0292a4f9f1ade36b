"""Every figure of SPEC §3 from the fixture, and the rules of SPEC §2 at their edges."""

from decimal import Decimal as D

import pytest

from store import calc
from store.models import DEFAULT_SKALA, Band, Indikator, Kegiatan, KomponenAkip, Subkegiatan, Triwulan
from store.numbers import format_angka, format_rupiah


def ind(lap, i):
    return lap.cari_indikator(i)


# ------------------------------------------------------------------ SPEC §3
def test_tabel_3_2_capaian_and_predikat(lap):
    hasil = {i.id: calc.capaian_indikator(i, 2021) for i in lap.indikator}
    assert hasil == {"I1": D("95.95"), "I2": D("100.00"), "I3": D("220.40")}
    assert [calc.predikat(hasil[k]) for k in ("I1", "I2", "I3")] == [
        "Tidak Tercapai", "Tercapai sesuai target", "Melebihi target"]
    assert [format_angka(hasil[k]) for k in ("I1", "I2", "I3")] == ["95,95", "100,00", "220,40"]


def test_realisasi_from_quarters(lap):
    assert calc.realisasi_tahun(ind(lap, "I1"), 2021) == D("79.79")          # terakhir
    assert calc.realisasi_tahun(ind(lap, "I2"), 2021) == D("100")            # jumlah
    assert calc.realisasi_tahun(ind(lap, "I3"), 2021) == D("16098130150")
    assert calc.realisasi_tahun(ind(lap, "I1"), 2020) == D("79.56")          # yearly figure


def test_ringkasan(lap):
    skala = lap.pengaturan.skala
    s1, s2 = calc.capaian_sasaran(lap, "S1"), calc.capaian_sasaran(lap, "S2")
    org = calc.capaian_organisasi(lap)
    assert (s1, s2, org) == (D("97.98"), D("220.40"), D("159.19"))
    assert [calc.kategori(x, skala) for x in (s1, s2, org)] == ["Tinggi", "Sangat Tinggi", "Sangat Tinggi"]
    assert format_angka(org) == "159,19"


def test_tabel_3_5_persen_perubahan(lap):
    assert [calc.persen_perubahan(ind(lap, i), 2021) for i in ("I1", "I2", "I3")] == [D("0.29"), D("0.00"), D("-0.11")]
    assert format_angka(calc.persen_perubahan(ind(lap, "I3"), 2021)) == "-0,11"


def test_tabel_3_6_tingkat_kemajuan(lap):
    assert [calc.tingkat_kemajuan(ind(lap, i), lap) for i in ("I1", "I2", "I3")] == [D("-4.05"), D("0.00"), D("120.40")]


def test_tabel_2_5_porsi(lap):
    a1, a2 = calc.anggaran_sasaran(lap, "S1"), calc.anggaran_sasaran(lap, "S2")
    assert format_rupiah(a1.pagu) == "20.789.314.577"
    assert format_rupiah(a2.pagu) == "3.457.226.110"
    assert calc.porsi_anggaran(lap, "S1") == D("85.74")
    assert calc.porsi_anggaran(lap, "S2") == D("14.26")


def test_tabel_3_8_serapan_sasaran(lap):
    a1, a2 = calc.anggaran_sasaran(lap, "S1"), calc.anggaran_sasaran(lap, "S2")
    assert (a1.realisasi, a1.serapan()) == (D("18277290802"), D("87.92"))
    assert (a2.realisasi, a2.serapan()) == (D("2367571830"), D("68.48"))


def test_tabel_3_9_efisiensi(lap):
    assert calc.efisiensi(lap, "S1") == D("10.06")
    assert calc.efisiensi(lap, "S2") == D("151.92")


def test_tabel_3_17_programs_and_total(lap):
    assert [calc.anggaran_program(p).serapan() for p in lap.program] == [D("86.98"), D("92.01"), D("70.63"), D("47.86")]
    total = calc.anggaran_total(lap)
    assert (format_rupiah(total.pagu), format_rupiah(total.realisasi), format_angka(total.serapan())) == (
        "24.246.540.687", "20.644.862.632", "85,15")


def test_tabel_1_1_pegawai(lap):
    assert [calc.jumlah_pegawai(u.jabatan)[2] for u in lap.pegawai.unit] == [34, 13, 15, 9, 16, 10, 11, 12]
    assert calc.total_pegawai(lap) == (61, 59, 120)


def test_tabel_3_1_akip(lap):
    assert calc.nilai_akip(lap.evaluasi_akip, 2019) == D("64.33")
    assert calc.nilai_akip(lap.evaluasi_akip, 2020) == D("65.08")
    assert calc.grade_akip(D("64.33")) == calc.grade_akip(D("65.08")) == "B"


# ------------------------------------------------------------------ edges
def test_target_zero_and_missing_are_undefined_not_zero():
    assert calc.rasio(D(0), D(5)) is None
    assert calc.rasio(None, D(5)) is None
    assert calc.rasio(D(5), None) is None
    assert calc.rasio(D(5), D(0)) == D("0.00")   # a real 0 realisasi is a real 0 %


def test_blank_quarters_fall_back_to_yearly_and_zero_quarter_counts():
    i = Indikator("X", "S", "x", target={2021: D(100)}, realisasi={2021: D(40)},
                  triwulan={2021: [Triwulan() for _ in range(4)]})
    assert calc.realisasi_tahun(i, 2021) == D(40)
    i.triwulan[2021][0].realisasi = D(0)
    assert calc.realisasi_tahun(i, 2021) == D(0)
    assert calc.capaian_indikator(i, 2021) == D("0.00")


def test_undefined_capaian_excluded_from_average(lap):
    lap.cari_indikator("I2").target[2021] = D(0)
    assert calc.capaian_sasaran(lap, "S1") == D("95.95")


def test_sasaran_without_any_capaian_is_undefined(lap):
    for i in lap.indikator_sasaran("S2"):
        i.target[2021] = None
    assert calc.capaian_sasaran(lap, "S2") is None
    assert calc.capaian_organisasi(lap) == D("97.98")


@pytest.mark.parametrize("cara, hasil", [("jumlah", D(60)), ("terakhir", D(30)), ("rata-rata", D(20))])
def test_three_aggregations(cara, hasil):
    assert calc.agregasi([D(10), None, D(20), D(30)], cara) == hasil
    assert calc.agregasi([None] * 4, cara) is None


def test_negative_indicator_both_formulas():
    # target 10 cases, realisasi 8 cases: fewer is better
    assert calc.rasio(D(10), D(8), "negatif") == D("120.00")            # (2T-R)/T
    assert calc.rasio(D(10), D(8), "negatif", "2T-R") == D("120.00")
    assert calc.rasio(D(10), D(8), "negatif", "T/R") == D("125.00")     # T/R
    assert calc.rasio(D(10), D(0), "negatif", "T/R") is None            # division by zero realisasi
    assert calc.rasio(D(10), D(25), "negatif") == D("-50.00")


def test_tingkat_kemajuan_negatif_flips_sign(lap):
    i = Indikator("N", "S1", "angka kemiskinan", arah="negatif", target={2021: D(10)}, realisasi={2021: D(8)})
    assert calc.tingkat_kemajuan(i, lap) == D("20.00")


def test_quarter_capaian(lap):
    assert calc.capaian_triwulan(ind(lap, "I2"), 2021, 0) == D("100.00")
    assert calc.capaian_triwulan(ind(lap, "I1"), 2021, 0) is None
    assert calc.capaian_triwulan(ind(lap, "I1"), 2021, 3) == D("95.95")


@pytest.mark.parametrize("nilai, label", [
    ("91.00", "Sangat Tinggi"), ("90.99", "Tinggi"), ("76", "Tinggi"), ("75.99", "Sedang"),
    ("66", "Sedang"), ("51", "Rendah"), ("50.99", "Sangat Rendah"), ("-5", "Sangat Rendah")])
def test_default_scale_boundaries(nilai, label):
    assert calc.kategori(D(nilai), DEFAULT_SKALA) == label


def test_fixture_scale_exclusive_top(lap):
    skala = lap.pengaturan.skala
    assert calc.kategori(D("100.00"), skala) == "Tinggi"       # min 100, termasuk_min false
    assert calc.kategori(D("100.01"), skala) == "Sangat Tinggi"
    assert calc.kategori(D("91.00"), skala) == "Tinggi"
    assert calc.kategori(D("90.99"), skala) == "Sedang"
    assert calc.kategori(None, skala) == "-"


def test_scale_without_catch_all():
    assert calc.kategori(D(10), [Band("Baik", D(50))]) == "-"


def test_half_up_rounding_before_averaging():
    assert calc.rata_rata([D("95.95"), D("100.00")]) == D("97.98")   # 97,975 → 97,98
    assert calc.rasio(D(40), D("40.81")) == D("102.03")              # 102,025 → 102,03


def test_pagu_zero_serapan_undefined():
    assert calc.serapan(D(0), D(0)) is None
    assert calc.serapan(D(100), D(50)) == D("50.00")


def test_realisasi_bulanan_sum(lap):
    p, k, s = next(lap.semua_subkegiatan())
    s.realisasi_bulanan = {1: D(100), 2: None, 3: D(50)}
    assert calc.realisasi_sub(s) == D(150)
    s.realisasi_bulanan = {1: None}
    assert calc.realisasi_sub(s) == s.realisasi


@pytest.mark.parametrize("nilai, grade", [
    ("90.01", "AA"), ("90", "A"), ("80.01", "A"), ("80", "BB"), ("70", "B"), ("60", "CC"),
    ("50", "C"), ("30", "D"), ("0", "D")])
def test_grade_boundaries(nilai, grade):
    assert calc.grade_akip(D(nilai)) == grade


def test_akip_missing_year():
    assert calc.nilai_akip([KomponenAkip("x", D(10), {2020: D(5)})], 2019) is None
    assert calc.grade_akip(None) == "-"


def test_akip_grade_only_once_every_component_has_a_nilai():
    """Issue 17 item 6: 1 of 5 components entered gave `25,50 D`."""
    kom = [KomponenAkip(f"k{n}", D(20), {2021: D("25.5")} if n == 0 else {}) for n in range(5)]
    assert calc.nilai_akip(kom, 2021) == D("25.5")            # the running sum is still shown
    assert calc.grade_akip_tahun(kom, 2021) is None
    assert calc.akip_dinilai(kom, 2021) == (1, 5)
    assert calc.predikat_akip_tahun(kom, 2021) == "belum lengkap (1 dari 5 komponen)"
    assert calc.predikat_akip_tahun(kom, 2020) == "-"
    for k in kom:
        k.nilai[2021] = D(17)
    assert calc.grade_akip_tahun(kom, 2021) == "A" and calc.predikat_akip_tahun(kom, 2021) == "A (Memuaskan)"
    assert calc.grade_akip_tahun([], 2021) is None


def test_candidate_leaves_the_record_alone():
    """Live previews compute from ``calc.calon`` (issue 11): the stored record keeps its value."""
    s1 = Subkegiatan("A", D(100), D(50))
    s2 = Subkegiatan("B", D(300), realisasi_bulanan={1: D(10), 2: D(20)})
    keg = Kegiatan("K", [s1, s2])
    c = calc.calon(s2, realisasi_bulanan={**s2.realisasi_bulanan, 3: D(30)})
    k = calc.calon(keg, subkegiatan=calc.ganti(keg.subkegiatan, s2, c))
    assert calc.anggaran_kegiatan(k) == calc.Anggaran(D(400), D(110))
    assert calc.anggaran_kegiatan(keg) == calc.Anggaran(D(400), D(80))
    assert s2.realisasi_bulanan == {1: D(10), 2: D(20)} and keg.subkegiatan == [s1, s2]
    assert keg.subkegiatan[1] is s2 and k.subkegiatan[1] is c and k.subkegiatan[0] is s1


def test_the_mean_of_equal_figures_is_that_figure_however_large():
    # Found by the property test: the sum at Decimal's default 28 digits was rounded, and the
    # mean of two equal capaian of 33 digits came out one unit beside them.
    x = D("-500483512116513537300899029600000")
    assert calc.rata_rata([x, x], 0) == x
    besar = D("123456789012345678901234567890.25")
    assert calc.rata_rata([besar, besar, besar], 2) == besar
