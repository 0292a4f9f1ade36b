from __future__ import annotations

from decimal import Decimal

from store.models import (
    Indikator,
    Jabatan,
    Kegiatan,
    Laporan,
    Pegawai,
    Program,
    Sasaran,
    Subkegiatan,
    Triwulan,
    Tujuan,
    UnitPegawai,
)

NAMA_JAHAT = '=HYPERLINK("http://x")|"kutip"\nbaris dua'


def laporan_jahat() -> Laporan:
    """Names that break naive writers: a formula, a pipe, quotes, a newline; plus a negative
    percent change (realisasi falls), which must stay a number."""
    lap = Laporan(2021, tujuan=[Tujuan("T1", 1, "+tujuan", ["@indikator"])],
                  sasaran=[Sasaran("S1", "T1", NAMA_JAHAT)])
    lap.indikator = [Indikator("I1", "S1", "-indikator|x", "Angka", target={2021: Decimal(100)},
                               realisasi={2020: Decimal(100)},
                               triwulan={2021: [Triwulan(), Triwulan(), Triwulan(), Triwulan(Decimal(100), Decimal(90))]})]
    lap.program = [Program("P1", "=1+1", "S1", Decimal(1000), [Kegiatan("Keg | A", [Subkegiatan(NAMA_JAHAT, Decimal(1000),
                                                                                          Decimal(500))])])]
    lap.pegawai = Pegawai("2021-12-31", [UnitPegawai("\tunit", [Jabatan("=jabatan", 1, 2)])])
    return lap
