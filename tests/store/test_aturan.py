"""Sanity limits (issue 12 item 11): one rule in store/aturan.py, the same for the screens,
bundle import and `lkjip check`."""

from decimal import Decimal

import pytest

from store import aturan
from store.bundle import BundleTidakSah, baca_bundle
from store.check import periksa, periksa_akip
from store.models import DEFAULT_SKALA, Band
from store.numbers import format_bebas


def test_rules():
    assert aturan.alasan_pegawai(16) is None
    assert "tidak masuk akal" in aturan.alasan_pegawai(99_999_999_999)
    assert aturan.alasan_rupiah(Decimal("7303930952")) is None
    assert aturan.alasan_rupiah(Decimal(-1)) == "tidak boleh negatif"
    assert "terlalu besar" in aturan.alasan_rupiah(aturan.MAKS_RUPIAH)
    assert aturan.alasan_indikator(Decimal("79.79")) is None
    assert aturan.alasan_indikator(Decimal(-5)) == "nilai indikator tidak boleh negatif"


def test_import_refuses_absurd_staff_and_rupiah(fixture_json):
    fixture_json["pegawai"]["unit"][0]["jabatan"][0]["laki_laki"] = 99_999_999_999
    fixture_json["program"][0]["kegiatan"][0]["subkegiatan"][0]["pagu"] = 10 ** 15  # import's own limit, the same
    with pytest.raises(BundleTidakSah) as e:
        baca_bundle(fixture_json)
    teks = "\n".join(e.value.masalah)
    assert "pegawai.unit[0].jabatan[0].laki_laki: 99999999999 di luar rentang 0..100000" in teks
    assert "program[0].kegiatan[0].subkegiatan[0].pagu: 1000000000000000 terlalu besar" in teks
    assert aturan.alasan_rupiah(Decimal(10 ** 15)) is not None


def test_check_flags_negative_realisasi(lap):
    lap.cari_indikator("I1").triwulan[lap.tahun][3].realisasi = Decimal(-5)
    masalah = [m for m in periksa(lap) if m.jenis == "tidak-wajar"]
    assert [str(m) for m in masalah] == [
        "Indikator I1 (Indeks Kepuasan Masyarakat): realisasi triwulan IV -5: nilai indikator tidak boleh negatif"]


def test_clean_fixture_has_nothing_unreasonable(lap):
    assert [m for m in periksa(lap) if m.jenis == "tidak-wajar"] == []


def test_scale_rule():
    assert aturan.periksa_skala(list(DEFAULT_SKALA)) == []
    assert "tidak punya kategori penampung" in aturan.periksa_skala([Band("A", Decimal(90)), Band("B", Decimal(50))])[0]
    assert "harus di baris terakhir" in aturan.periksa_skala([Band("A", None), Band("B", Decimal(50))])[0]
    assert "harus lebih kecil" in aturan.periksa_skala([Band("A", Decimal(50)), Band("B", Decimal(90)), Band("C", None)])[0]
    assert aturan.periksa_skala([Band("A", Decimal(100), False), Band("B", Decimal(100)), Band("C", None)]) == []


def test_import_applies_the_forms_decimals_and_scale_rules(fixture_json):
    """Issue 11: Pengaturan capped decimals at 4 while a bundle passed 0..6, and a scale the
    form refuses (no catch-all category) came in by import."""
    fixture_json["pengaturan"]["desimal"] = aturan.MAKS_DESIMAL + 1
    fixture_json["pengaturan"]["skala_kategori"] = [{"label": "A", "min": 90}, {"label": "B", "min": 95}]
    with pytest.raises(BundleTidakSah) as e:
        baca_bundle(fixture_json)
    teks = "\n".join(e.value.masalah)
    assert f"pengaturan.desimal: 5 di luar rentang 0..{aturan.MAKS_DESIMAL}" in teks
    assert "pengaturan.skala_kategori: skala tidak punya kategori penampung" in teks
    assert 'pengaturan.skala_kategori: batas "B" (95) harus lebih kecil dari batas "A" di atasnya (90)' in teks
    fixture_json["pengaturan"]["desimal"] = aturan.MAKS_DESIMAL
    fixture_json["pengaturan"]["skala_kategori"] = [{"label": "A", "min": 90}, {"label": "B", "min": None}]
    assert baca_bundle(fixture_json).pengaturan.desimal == aturan.MAKS_DESIMAL


def test_check_flags_akip_bobot_and_nilai_as_the_screen_does(lap):
    assert periksa_akip(lap) == []
    k = lap.evaluasi_akip[0]
    k.bobot += 5
    t = max(k.nilai)
    k.nilai[t] = k.bobot + 1
    pesan = [str(m) for m in periksa(lap) if m.jenis == "akip"]
    assert pesan == ["Evaluasi AKIP: jumlah bobot 105, seharusnya 100",
                     f"Evaluasi AKIP {k.nama} {t}: nilai {format_bebas(k.bobot + 1)} melebihi bobot {format_bebas(k.bobot)}"]


@pytest.mark.parametrize("teks, jenis, harapan", [
    ("7303930952", aturan.RUPIAH, None),
    ("73E+8", aturan.RUPIAH, None),  # whole, with a positive exponent
    ("999999999999", aturan.NILAI, None),
    ("-999999999999", aturan.NILAI, None),
    ("1000000000000", aturan.NILAI, "terlalu besar"),
    ("12345678901234E+0", aturan.RUPIAH, None),
    ("5", aturan.JUMLAH, None),
    ("5.0", aturan.JUMLAH, None),  # trailing zero: still whole once normalised
    ("5.5", aturan.JUMLAH, "harus bilangan bulat"),
    ("-3", aturan.RUPIAH, "tidak boleh negatif"),
    ("1E+999999", aturan.RUPIAH, "terlalu besar"),
])
def test_whole_numbers_take_the_quick_path_with_the_same_answer(teks, jenis, harapan):
    """`check` asks alasan_angka 140,000 times at city scale; whole numbers skip normalize()
    and must get the answer the full rule gives."""
    alasan = aturan.alasan_angka(Decimal(teks), jenis)
    assert (alasan is None) if harapan is None else (harapan in alasan)
