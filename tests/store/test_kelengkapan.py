from decimal import Decimal

from store.check import periksa
from store.kelengkapan import ada_target, belum_diisi
from store.tahun import salin_laporan


def test_a_copied_year_expects_nothing_until_it_has_a_target(lap):
    baru = salin_laporan(lap, 2022)
    assert not ada_target(baru) and belum_diisi(baru, 4) == []
    baru.cari_indikator("I1").target[2022] = Decimal(84)
    assert ada_target(baru)
    assert len([k for k in belum_diisi(baru, 4) if k.jenis == "subkegiatan"]) > 0


def test_check_lists_exactly_what_beranda_counts_as_missing(lap):
    """One rule (issue 11): `lkjip check` reports the same missing entries as Beranda."""
    lap.cari_indikator("I2").triwulan[2021][1].realisasi = None        # a quarter with a target
    sub = next(s for _p, _k, s in lap.semua_subkegiatan() if s.pagu)
    sub.realisasi, sub.realisasi_bulanan = None, None                  # a subkegiatan not reported
    kurang = belum_diisi(lap, 4)
    kosong = [m for m in periksa(lap, 4) if m.jenis in ("triwulan-kosong", "realisasi-kosong")]
    assert len(kosong) == len(kurang) >= 2
    assert all(k.kode in m.lokasi and k.nama in m.lokasi for k, m in zip(kurang, kosong))


def test_months_carried_into_the_first_months_s_d_count_as_filled(lap):
    """Issue 17 item 5: a realisasi of 3.911.500 carried into the month window as "s.d. Sep"
    (then Okt typed) made Jan … Agu "belum diisi"; they are reported, in Sep's figure."""
    sub = next(s for _p, _k, s in lap.semua_subkegiatan() if s.pagu)
    sub.realisasi_bulanan = {9: Decimal(3_911_500), 10: Decimal(500_000)}
    kurang = [k.pesan for k in belum_diisi(lap, 4) if k.nama == sub.nama]
    assert kurang == ["realisasi Nov, Des"]
    assert [k for k in belum_diisi(lap, 3) if k.nama == sub.nama] == []
    sub.realisasi_bulanan = {9: Decimal(3_911_500), 11: Decimal(1), 12: Decimal(1)}
    assert [k.pesan for k in belum_diisi(lap, 4) if k.nama == sub.nama] == ["realisasi Okt"]  # a gap still counts
