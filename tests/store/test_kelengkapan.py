from decimal import Decimal

from store.kelengkapan import ada_target, belum_diisi
from store.tahun import salin_laporan


def test_a_copied_year_expects_nothing_until_it_has_a_target(lap):
    baru = salin_laporan(lap, 2022)
    assert not ada_target(baru) and belum_diisi(baru, 4) == []
    baru.cari_indikator("I1").target[2022] = Decimal(84)
    assert ada_target(baru)
    assert len([k for k in belum_diisi(baru, 4) if k.jenis == "subkegiatan"]) > 0
