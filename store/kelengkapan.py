"""What a report year still misses (Beranda's completeness line and list): the rule lives
here so every place that counts it counts the same."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import calc
from .models import ADA, BULAN, TRIWULAN, Laporan


def kuartal_berjalan(tahun: int, hari_ini: date | None = None) -> int:
    """Quarters of ``tahun`` expected to be filled by ``hari_ini``: 4 for a past year, 0 for
    a future one, the running quarter (1..4) for the current year."""
    hari_ini = hari_ini or date.today()
    if tahun < hari_ini.year:
        return 4
    if tahun > hari_ini.year:
        return 0
    return (hari_ini.month - 1) // 3 + 1


@dataclass(frozen=True)
class Kurang:
    jenis: str   # "indikator" | "subkegiatan"
    kode: str    # the indicator's id, or the subkegiatan's program id
    nama: str
    pesan: str

    @property
    def lokasi(self) -> str:
        return f"{self.kode} {self.nama}"


def ada_target(lap: Laporan) -> bool:
    """Whether the year has any indicator target yet (annual or quarterly)."""
    t = lap.tahun
    return any(ind.target.get(t) is not None or any(q.target is not None for q in ind.triwulan.get(t) or [])
               for ind in lap.indikator)


def belum_diisi(lap: Laporan, kuartal: int) -> list[Kurang]:
    """Entries still missing up to quarter ``kuartal`` (1..4): quarterly realisasi of
    indicators where the quarter has a target, and subkegiatan realisasi (monthly where the
    subkegiatan is tracked monthly, else the year's figure; the months before the first
    filled one are in its "s.d." figure, e.g. a realisasi carried into the month window). A year without any target yet
    (just created) expects nothing: its plan comes first."""
    hasil: list[Kurang] = []
    if kuartal <= 0 or not ada_target(lap):
        return hasil
    t = lap.tahun
    for ind in lap.indikator:
        tw = ind.triwulan.get(t) or []
        kosong = [TRIWULAN[n] for n, q in enumerate(tw[:kuartal]) if q.target is not None and q.realisasi is None]
        if kosong:
            hasil.append(Kurang("indikator", ind.id, ind.uraian, f"realisasi TW {', '.join(kosong)}"))
        elif (kuartal == 4 and ind.target.get(t) is not None and not any(q.target is not None for q in tw)
              and calc.realisasi_tahun(ind, t) is None):
            hasil.append(Kurang("indikator", ind.id, ind.uraian, f"realisasi tahun {t}"))
    batas = 3 * kuartal
    sampai_batas = frozenset(range(1, batas + 1))
    for p, _k, s in lap.semua_subkegiatan():
        if s.realisasi_bulanan:
            if sampai_batas <= s.realisasi_bulanan.keys() and all(map(ADA, s.realisasi_bulanan.values())):
                continue  # every month up to now filled (most of a city's 10,000): nothing missing
            # months before the first filled one are in its "s.d." figure (calc.bulan_tercakup)
            awal = calc.bulan_tercakup(s.realisasi_bulanan) + 1
            bulan = [BULAN[b - 1] for b in range(awal, batas + 1) if s.realisasi_bulanan.get(b) is None]
            if bulan:
                hasil.append(Kurang("subkegiatan", p.id, s.nama, f"realisasi {', '.join(bulan)}"))
        elif calc.realisasi_sub(s) is None and s.pagu:
            hasil.append(Kurang("subkegiatan", p.id, s.nama, "realisasi belum diisi"))
    return hasil
