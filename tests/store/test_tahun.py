"""Report years (store/tahun.py): a year copied from another keeps the plan and clears the
new year's entries; headless."""

import copy
from decimal import Decimal

from store import calc
from store.tahun import laporan_kosong, salin_laporan


def test_salin_laporan_keeps_structure_clears_entries(lap):
    asli = copy.deepcopy(lap)
    baru = salin_laporan(lap, 2022)
    assert baru.tahun == 2022 and baru.instansi == lap.instansi and baru.renstra == lap.renstra
    assert baru.pengaturan == lap.pengaturan
    assert baru.tujuan == lap.tujuan and baru.sasaran == lap.sasaran
    assert [i.id for i in baru.indikator] == [i.id for i in lap.indikator]
    i1 = baru.cari_indikator("I1")
    assert i1.target == lap.cari_indikator("I1").target
    assert i1.realisasi[2021] == Decimal("79.79")          # the source year's realisasi, from its quarters
    assert i1.realisasi[2020] == Decimal("79.56") and 2022 not in i1.triwulan
    for lama, ind in zip(lap.indikator, baru.indikator):
        assert ind.target == lama.target and ind.uraian == lama.uraian and ind.iku == lama.iku
        assert 2022 not in ind.triwulan and 2022 not in ind.realisasi
        for t in set(lama.realisasi) | set(lama.triwulan):
            if t != 2022:
                assert ind.realisasi.get(t) == calc.realisasi_tahun(lama, t)
    assert [p.id for p in baru.program] == [p.id for p in lap.program]
    for p_lama, p in zip(lap.program, baru.program):
        assert (p.nama, p.sasaran, p.pagu_murni) == (p_lama.nama, p_lama.sasaran, p_lama.pagu_murni)
        assert [k.nama for k in p.kegiatan] == [k.nama for k in p_lama.kegiatan]
        for k_lama, k in zip(p_lama.kegiatan, p.kegiatan):
            assert [(s.nama, s.pagu) for s in k.subkegiatan] == [(s.nama, s.pagu) for s in k_lama.subkegiatan]
            assert all(s.realisasi is None and s.realisasi_bulanan is None for s in k.subkegiatan)
            assert k.key == "" and all(s.key == "" for s in k.subkegiatan)
    assert [(u.nama, u.jabatan) for u in baru.pegawai.unit] == [(u.nama, u.jabatan) for u in lap.pegawai.unit]
    assert baru.pegawai.per_tanggal == lap.pegawai.per_tanggal
    assert [(a.nama, a.bobot, a.nilai) for a in baru.evaluasi_akip] == \
        [(a.nama, a.bobot, a.nilai) for a in lap.evaluasi_akip]
    assert lap.program[0].kegiatan[0].subkegiatan[0].realisasi is not None   # the source is untouched
    assert lap == asli


def test_salin_laporan_clears_quarters_already_in_the_new_year(lap):
    """Copying onto a year the source already has quarterly entries for drops them."""
    ind = lap.indikator[0]
    ind.triwulan_tahun(2022)[0].realisasi = Decimal(5)
    ind.realisasi[2022] = Decimal(7)
    baru = salin_laporan(lap, 2022)
    assert 2022 not in baru.indikator[0].triwulan and 2022 not in baru.indikator[0].realisasi


def test_laporan_kosong():
    lap = laporan_kosong(2025, "Kecamatan Uji")
    assert lap.tahun == 2025 and lap.instansi.nama == "Kecamatan Uji"
    assert lap.indikator == [] and lap.program == [] and lap.evaluasi_akip == []
