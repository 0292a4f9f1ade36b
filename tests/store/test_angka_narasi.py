"""Figures typed in the texts that the data does not support (store/angka_narasi.py, listed by
``lkjip check``): the demo's BAB II says anggaran murni 24.834.513.737 above a Tabel 2.4 that
totals 24.398.663.737."""

from __future__ import annotations

from decimal import Decimal

from store import angka_narasi, check
from store.demo import demo_laporan
from store.models import Teks


def _ganti_teks(lap, kunci: str, isi: str) -> None:
    lap.narasi = [t for t in lap.narasi if t.kunci != kunci] + [Teks(kunci, isi)]


def test_figures_read_from_text():
    isi = "anggaran Rp. 24.834.513.737,- dan 20.644.862.632 (85,15%), Perwali Nomor 57 Tahun 2016, 100 persen"
    assert list(angka_narasi.angka_teks(isi)) == [
        ("rupiah", "24.834.513.737", Decimal("24834513737")), ("rupiah", "20.644.862.632", Decimal("20644862632")),
        ("persen", "85,15", Decimal("85.15")), ("persen", "100", Decimal("100"))]


def test_demo_lists_the_murni_total_with_the_tables_figure():
    temuan = angka_narasi.periksa(demo_laporan())
    assert temuan == [("angka-narasi", "Teks D. Rencana Anggaran",
                       "angka Rp 24.834.513.737 di teks tidak ada di data; tabel mencetak 24.398.663.737 "
                       "(jumlah anggaran murni program (Tabel 2.4)): sesuaikan teksnya")]
    assert [str(m) for m in check.periksa(demo_laporan(), 4) if m.jenis == "angka-narasi"] == [
        "Teks D. Rencana Anggaran: " + temuan[0][2]]


def test_every_other_demo_figure_is_supported():
    """16 figures in the demo's texts (budgets, realisasi %, capaian, swadaya); all but one match."""
    lap = demo_laporan()
    jumlah = sum(1 for t in lap.narasi for _ in angka_narasi.angka_teks(t.isi))
    assert jumlah >= 15 and len(angka_narasi.periksa(lap)) == 1


def test_corrected_text_is_clean_and_a_far_figure_has_no_nearest():
    lap = demo_laporan()
    isi = next(t.isi for t in lap.narasi if t.kunci == "bab2.anggaran")
    _ganti_teks(lap, "bab2.anggaran", isi.replace("24.834.513.737", "24.398.663.737"))
    assert angka_narasi.periksa(lap) == []
    _ganti_teks(lap, "bab2.anggaran", "Realisasi 12,5 % dari Rp 1.000.000.")
    pesan = [p for _, _, p in angka_narasi.periksa(lap)]
    assert pesan == ["angka Rp 1.000.000 di teks tidak ada di data", "angka 12,5 % di teks tidak ada di data"]


def test_rounded_percentage_matches():
    lap = demo_laporan()
    _ganti_teks(lap, "bab2.anggaran", "realisasi 85,2% dan capaian 159 %")
    assert angka_narasi.periksa(lap) == []


def test_empty_year_has_nothing_to_compare():
    lap = demo_laporan()
    lap.program = lap.indikator = lap.evaluasi_akip = []
    temuan = angka_narasi.periksa(lap)
    assert temuan and all("tabel mencetak" not in p for _, _, p in temuan)
