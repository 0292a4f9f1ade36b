"""Sanity limits (issue 12 item 11): one rule in store/aturan.py, the same for the screens,
bundle import and `lkjip check`."""

from decimal import Decimal

import pytest

from store import aturan
from store.bundle import BundleTidakSah, baca_bundle
from store.check import periksa


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
