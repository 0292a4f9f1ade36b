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
