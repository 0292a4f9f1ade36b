"""Report years: a new year copied from an existing one, or an empty one. Headless (no textual);
the Pengaturan screen and Beranda's first-year form call these."""

from __future__ import annotations

import copy

from . import calc, narasi
from .models import Instansi, Laporan


def salin_laporan(sumber: Laporan, tahun: int) -> Laporan:
    """A new report year from ``sumber``: the same unit, Renstra, scale, goals, indicators (with
    targets and earlier realisasi, including ``sumber``'s own year), programs, activities and
    subkegiatan with their pagu, staffing, AKIP and the unit's outline; without the new year's
    quarterly entries and without any budget realisasi. Of the texts only BAB I (with the
    Landasan Hukum) and the signing place carry over: the analysis is the new year's to write."""
    lap = copy.deepcopy(sumber)
    lap.tahun = tahun
    for ind in lap.indikator:
        for t in sorted(set(ind.triwulan) | {sumber.tahun}):
            r = calc.realisasi_tahun(ind, t)  # a year's realisasi, from its quarters when filled
            if t != tahun and r is not None:
                ind.realisasi[t] = r
        ind.triwulan.pop(tahun, None)
        ind.realisasi.pop(tahun, None)
    for p in lap.program:
        for k in p.kegiatan:
            k.key = ""
            for s in k.subkegiatan:
                s.key = ""
                s.realisasi = None
                s.realisasi_bulanan = None
    for u in lap.pegawai.unit:
        u.key = ""
    for a in lap.evaluasi_akip:
        a.key = ""
    lap.narasi = narasi.teks_tahun_baru(sumber)
    lap.perjanjian = None  # each year's PK is signed anew; organisation, IKU decree and logo carry over
    return lap


def laporan_kosong(tahun: int, nama: str) -> Laporan:
    return Laporan(tahun, instansi=Instansi(nama=nama))
