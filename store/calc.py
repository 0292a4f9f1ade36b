"""The calculation engine: every derived figure of the report, in one module (SPEC §2).

Screens and exports both call these functions, so a number on screen and the same number in
an export cannot differ. All arithmetic is ``Decimal``. Every derived percentage is rounded
half-up to the report's decimals *before* it is averaged or subtracted, as the printed report
does. Undefined results (target 0, nothing reported, pagu 0) are ``None``, never 0.

A screen previewing a value being typed computes from a candidate (``calon``, ``ganti``): a
copy of the record with the typed value, never the stored record changed for a moment.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import TypeVar

from .models import (
    Band,
    Indikator,
    Jabatan,
    Kegiatan,
    KomponenAkip,
    Laporan,
    Program,
    Subkegiatan,
    Triwulan,
)
from .numbers import bulatkan

SERATUS = Decimal(100)
NOL = Decimal(0)
T = TypeVar("T")


# ---------------------------------------------------------------- indicators
def agregasi(nilai: Sequence[Decimal | None], cara: str) -> Decimal | None:
    """Combine the quarters' values by the indicator's ``agregasi_triwulan``."""
    terisi = [v for v in nilai if v is not None]
    if not terisi:
        return None
    if cara == "terakhir":
        return terisi[-1]
    if cara == "rata-rata":
        return sum(terisi, NOL) / len(terisi)
    return sum(terisi, NOL)


def realisasi_tahun(ind: Indikator, tahun: int) -> Decimal | None:
    """The year's realisasi: from the quarters when any is filled, else the yearly figure."""
    tw = ind.triwulan.get(tahun)
    if tw:
        dari_tw = agregasi([q.realisasi for q in tw], ind.agregasi_triwulan)
        if dari_tw is not None:
            return dari_tw
    return ind.realisasi.get(tahun)


def rasio(target: Decimal | None, realisasi: Decimal | None, arah: str = "positif",
          rumus_negatif: str | None = None, desimal: int = 2) -> Decimal | None:
    """Capaian (%) of realisasi against target, rounded; ``None`` when undefined."""
    if target is None or realisasi is None or target == 0:
        return None
    if arah == "negatif":
        if (rumus_negatif or "2T-R") == "T/R":
            if realisasi == 0:
                return None
            nilai = target / realisasi * SERATUS
        else:
            nilai = (2 * target - realisasi) / target * SERATUS
    else:
        nilai = realisasi / target * SERATUS
    return bulatkan(nilai, desimal)


def capaian_indikator(ind: Indikator, tahun: int, desimal: int = 2) -> Decimal | None:
    return rasio(ind.target.get(tahun), realisasi_tahun(ind, tahun), ind.arah, ind.rumus_negatif, desimal)


def capaian_triwulan(ind: Indikator, tahun: int, kuartal: int, desimal: int = 2) -> Decimal | None:
    """``kuartal`` is 0..3 (TW I..IV)."""
    tw = ind.triwulan.get(tahun)
    if not tw:
        return None
    q: Triwulan = tw[kuartal]
    return rasio(q.target, q.realisasi, ind.arah, ind.rumus_negatif, desimal)


def predikat(capaian: Decimal | None) -> str:
    if capaian is None:
        return "-"
    if capaian < SERATUS:
        return "Tidak Tercapai"
    if capaian == SERATUS:
        return "Tercapai sesuai target"
    return "Melebihi target"


def rata_rata(nilai: Iterable[Decimal | None], desimal: int = 2) -> Decimal | None:
    """Mean of the defined values, rounded; ``None`` when none is defined."""
    ada = [v for v in nilai if v is not None]
    if not ada:
        return None
    with localcontext() as ctx:
        # The sum exact: at the default 28 digits the sum of very large figures was rounded,
        # and the mean of two equal values could come out one unit beside them.
        if all(v.is_finite() for v in ada):
            ctx.prec = max(ctx.prec, max(v.adjusted() for v in ada) - min(int(v.as_tuple().exponent) for v in ada)
                           + len(str(len(ada))) + 1)
        rerata = sum(ada, NOL) / len(ada)
    return bulatkan(rerata, desimal)


def capaian_sasaran(lap: Laporan, sasaran_id: str, tahun: int | None = None) -> Decimal | None:
    tahun = lap.tahun if tahun is None else tahun
    d = lap.pengaturan.desimal
    return rata_rata((capaian_indikator(i, tahun, d) for i in lap.indikator_sasaran(sasaran_id)), d)


def capaian_per_sasaran(lap: Laporan, tahun: int | None = None) -> dict[str, Decimal | None]:
    return {s.id: capaian_sasaran(lap, s.id, tahun) for s in lap.sasaran}


def capaian_organisasi(lap: Laporan, tahun: int | None = None,
                       per_sasaran: dict[str, Decimal | None] | None = None) -> Decimal | None:
    """Mean of the sasaran capaian. A screen that keeps ``per_sasaran`` and refreshes only the
    sasaran a keystroke touched passes it in, instead of recomputing every indicator."""
    if per_sasaran is None:
        per_sasaran = capaian_per_sasaran(lap, tahun)
    return rata_rata(per_sasaran.values(), lap.pengaturan.desimal)


def kategori(nilai: Decimal | None, skala: Sequence[Band]) -> str:
    """The first band (top to bottom) that ``nilai`` falls in; ``-`` when undefined."""
    if nilai is None:
        return "-"
    for band in skala:
        if band.min is None or nilai > band.min or (band.termasuk_min and nilai == band.min):
            return band.label
    return "-"


def persen_perubahan(ind: Indikator, tahun: int, desimal: int = 2) -> Decimal | None:
    """Tabel 3.5: change of realisasi against the year before, in %."""
    kini, lalu = realisasi_tahun(ind, tahun), realisasi_tahun(ind, tahun - 1)
    if kini is None or lalu is None or lalu == 0:
        return None
    return bulatkan((kini - lalu) / lalu * SERATUS, desimal)


def target_akhir_renstra(ind: Indikator, lap: Laporan) -> Decimal | None:
    """Target of the Renstra's last target year."""
    r = lap.renstra
    if r is None:
        return None
    tahun = max(r.tahun_target) if r.tahun_target else r.akhir
    return ind.target.get(tahun)


def tingkat_kemajuan(ind: Indikator, lap: Laporan, tahun: int | None = None, desimal: int = 2) -> Decimal | None:
    """Tabel 3.6: distance of realisasi from the Renstra's end target, in %; sign flipped
    for negatif indicators (less is better)."""
    tahun = lap.tahun if tahun is None else tahun
    target, real = target_akhir_renstra(ind, lap), realisasi_tahun(ind, tahun)
    if target is None or real is None or target == 0:
        return None
    nilai = (real - target) / target * SERATUS
    if ind.arah == "negatif":
        nilai = -nilai
    return bulatkan(nilai, desimal)


def capaian_standar_nasional(ind: Indikator, tahun: int, desimal: int = 2) -> Decimal | None:
    """Tabel 3.7: realisasi against the national standard, same rule as capaian."""
    return rasio(ind.standar_nasional.get(tahun), realisasi_tahun(ind, tahun), ind.arah, ind.rumus_negatif, desimal)


def selisih_standar_nasional(ind: Indikator, tahun: int) -> Decimal | None:
    """Tabel 3.7's "Ket. (+/-)": realisasi minus the national standard; ``None`` when either is missing."""
    nasional, realisasi = ind.standar_nasional.get(tahun), realisasi_tahun(ind, tahun)
    if nasional is None or realisasi is None:
        return None
    return realisasi - nasional


# ---------------------------------------------------------------- budget
def calon(rekam: T, **medan: object) -> T:
    """A copy of a record with some fields as they are being typed, for a live preview: the
    figures computed from it show the candidate while the stored record stays as it is.
    Shallow: lists and maps are shared with the record, so a candidate replaces them whole
    (``ganti``, a new dict), never changes them in place."""
    c = copy.copy(rekam)
    for nama, nilai in medan.items():
        setattr(c, nama, nilai)
    return c


def ganti(daftar: Sequence[T], lama: T, baru: T) -> list[T]:
    """``daftar`` with the record ``lama`` (by identity) replaced by its candidate ``baru``."""
    return [baru if x is lama else x for x in daftar]


def realisasi_sub(sub: Subkegiatan) -> Decimal | None:
    """A subkegiatan's realisasi: the sum of its monthly entries when it has any."""
    if sub.realisasi_bulanan:
        terisi = [v for v in sub.realisasi_bulanan.values() if v is not None]
        if terisi:
            return sum(terisi, NOL)
    return sub.realisasi


def kumulatif_bulanan(bulanan: dict[int, Decimal | None] | None) -> dict[int, Decimal]:
    """Realisasi "s.d. bulan ini" (to date) for every filled month."""
    hasil: dict[int, Decimal] = {}
    total = NOL
    for b, v in sorted((bulanan or {}).items()):
        if v is not None:
            total += v
            hasil[b] = total
    return hasil


def sd_sebelum(bulanan: dict[int, Decimal | None] | None, bulan: int) -> Decimal:
    """Realisasi of the filled months before ``bulan``."""
    return sum((v for b, v in (bulanan or {}).items() if b < bulan and v is not None), NOL)


def bulan_dari_kumulatif(bulanan: dict[int, Decimal | None] | None, bulan: int, total: Decimal) -> Decimal:
    """The month's own amount that makes the realisasi to date ``total`` (the figure a
    finance system reports as "realisasi s.d. bulan ini")."""
    return total - sd_sebelum(bulanan, bulan)


def bulan_tercakup(bulanan: dict[int, Decimal | None] | None) -> int:
    """The last month before the first filled one (0: none): the first filled month's
    figure is the realisasi from January up to it ("s.d."), so the months before it are
    reported in it, not missing. That is where a realisasi typed once for the year lands
    when monthly entry starts (:func:`bawa_tahunan`): Jan–Aug are in "s.d. Sep"."""
    terisi = [b for b, v in (bulanan or {}).items() if v is not None]
    return min(terisi) - 1 if terisi else 0


def bawa_tahunan(sub: Subkegiatan, bulan: int) -> dict[int, Decimal] | None:
    """Monthly entry starting on a subkegiatan whose realisasi was typed as one figure: that
    figure is kept as the amount of the month before the first month entered (the realisasi
    up to then). None when there is nothing to keep, or no month before ``bulan``."""
    if sub.realisasi_bulanan or sub.realisasi is None or not sub.realisasi or bulan <= 1:
        return None
    return {bulan - 1: sub.realisasi}


@dataclass(frozen=True)
class Anggaran:
    pagu: Decimal
    realisasi: Decimal

    def __add__(self, other: Anggaran) -> Anggaran:
        return Anggaran(self.pagu + other.pagu, self.realisasi + other.realisasi)

    def serapan(self, desimal: int = 2) -> Decimal | None:
        return serapan(self.pagu, self.realisasi, desimal)

    @property
    def lebih(self) -> bool:
        """Realisasi above pagu: a data problem to highlight."""
        return self.realisasi > self.pagu


def serapan(pagu: Decimal | None, realisasi: Decimal | None, desimal: int = 2) -> Decimal | None:
    if pagu is None or realisasi is None or pagu == 0:
        return None
    return bulatkan(realisasi / pagu * SERATUS, desimal)


def serapan_kira(pagu: Sequence[int], realisasi: Sequence[int]) -> list[float | None]:
    """:func:`serapan` of each row before its rounding, as a float (None for pagu 0): only to
    find, among a city's 10,000 subkegiatan, the few whose serapan may equal a typed figure;
    each of those is then computed by :func:`serapan`."""
    return [r / p * 100 if p else None for p, r in zip(pagu, realisasi)]


def anggaran_sub(sub: Subkegiatan) -> Anggaran:
    return Anggaran(sub.pagu or NOL, realisasi_sub(sub) or NOL)


def jumlah(items: Iterable[Anggaran]) -> Anggaran:
    pagu = realisasi = NOL
    for a in items:  # two running sums: no intermediate objects (10,000 rows at city scale)
        pagu += a.pagu
        realisasi += a.realisasi
    return Anggaran(pagu, realisasi)


def anggaran_angka(pagu: Iterable[Decimal | int], realisasi: Iterable[Decimal | int]) -> Anggaran:
    """The budget of subkegiatan given as plain figures (their pagu, their realisasi): a
    kegiatan's, or that of stored rows read as whole numbers (``lkjip check``)."""
    return Anggaran(Decimal(sum(pagu)), Decimal(sum(realisasi)))  # whole numbers summed as ints, then one Decimal


def anggaran_kegiatan(keg: Kegiatan) -> Anggaran:
    return anggaran_angka([s.pagu or NOL for s in keg.subkegiatan], [realisasi_sub(s) or NOL for s in keg.subkegiatan])


def anggaran_program(prog: Program) -> Anggaran:
    return jumlah(anggaran_kegiatan(k) for k in prog.kegiatan)


def anggaran_sasaran(lap: Laporan, sasaran_id: str) -> Anggaran:
    return jumlah(anggaran_program(p) for p in lap.program_sasaran(sasaran_id))


def anggaran_total(lap: Laporan) -> Anggaran:
    return jumlah(anggaran_program(p) for p in lap.program)


def porsi_anggaran(lap: Laporan, sasaran_id: str) -> Decimal | None:
    """Tabel 2.5: the sasaran's share of the total pagu, in %."""
    total = anggaran_total(lap).pagu
    if total == 0:
        return None
    return bulatkan(anggaran_sasaran(lap, sasaran_id).pagu / total * SERATUS, lap.pengaturan.desimal)


def porsi(bagian: Decimal, total: Decimal, desimal: int = 2) -> Decimal | None:
    """A part's share of a total, in % (Tabel 2.5 from pagu already summed once, so a table
    of many sasaran does not re-add the whole budget per row); total 0 → ``None``."""
    if total == 0:
        return None
    return bulatkan(bagian / total * SERATUS, desimal)


def jumlah_pagu_murni(program: Iterable[Program]) -> Decimal | None:
    """Tabel 2.4: sum of the programs' pagu murni (PK budgets); ``None`` when none is typed."""
    ada = [p.pagu_murni for p in program if p.pagu_murni is not None]
    if not ada:
        return None
    return sum(ada, NOL)


def efisiensi(lap: Laporan, sasaran_id: str) -> Decimal | None:
    """Tabel 3.9: capaian sasaran minus serapan of its programs (both already rounded)."""
    return efisiensi_dari(capaian_sasaran(lap, sasaran_id),
                          anggaran_sasaran(lap, sasaran_id).serapan(lap.pengaturan.desimal))


def efisiensi_dari(capaian: Decimal | None, serapan: Decimal | None) -> Decimal | None:
    """:func:`efisiensi` of a sasaran whose capaian and serapan are known already."""
    if capaian is None or serapan is None:
        return None
    return capaian - serapan


# ---------------------------------------------------------------- staffing
def jumlah_pegawai(jabatan: Iterable[Jabatan]) -> tuple[int, int, int]:
    """(laki-laki, perempuan, jumlah) over the given jabatan rows."""
    jabatan = list(jabatan)
    l = sum(j.laki_laki for j in jabatan)
    p = sum(j.perempuan for j in jabatan)
    return l, p, l + p


def total_pegawai(lap: Laporan) -> tuple[int, int, int]:
    return jumlah_pegawai(j for u in lap.pegawai.unit for j in u.jabatan)


# ---------------------------------------------------------------- AKIP
GRADE_AKIP = ((Decimal(90), "AA"), (Decimal(80), "A"), (Decimal(70), "BB"), (Decimal(60), "B"),
              (Decimal(50), "CC"), (Decimal(30), "C"))


def nilai_akip(komponen: Sequence[KomponenAkip], tahun: int) -> Decimal | None:
    """Sum of the components' nilai for ``tahun``; ``None`` when no component has one."""
    ada = [v for k in komponen if (v := k.nilai.get(tahun)) is not None]
    if not ada:
        return None
    return sum(ada, NOL)


def grade_akip(nilai: Decimal | None) -> str:
    if nilai is None:
        return "-"
    for batas, grade in GRADE_AKIP:
        if nilai > batas:
            return grade
    return "D"


# What each grade means (PermenPAN-RB 88/2021); the report prints the grade with it: "B (Baik)".
ARTI_GRADE_AKIP = {"AA": "Sangat Memuaskan", "A": "Memuaskan", "BB": "Sangat Baik", "B": "Baik", "CC": "Cukup",
                   "C": "Kurang", "D": "Sangat Kurang"}


def predikat_akip(nilai: Decimal | None) -> str:
    """``B (Baik)``; ``-`` when there is no nilai."""
    g = grade_akip(nilai)
    return f"{g} ({ARTI_GRADE_AKIP[g]})" if g in ARTI_GRADE_AKIP else g


def akip_dinilai(komponen: Sequence[KomponenAkip], tahun: int) -> tuple[int, int]:
    """(components with a nilai for ``tahun``, all components)."""
    return sum(1 for k in komponen if k.nilai.get(tahun) is not None), len(komponen)


def grade_akip_tahun(komponen: Sequence[KomponenAkip], tahun: int) -> str | None:
    """The grade of ``tahun`` only once every component has its nilai: a sum of 1 of 5
    components is not an evaluation result (``D`` for 25,50 would be a false grade).
    None while any nilai is missing."""
    ada, semua = akip_dinilai(komponen, tahun)
    if semua == 0 or ada < semua:
        return None
    return grade_akip(nilai_akip(komponen, tahun))


def predikat_akip_tahun(komponen: Sequence[KomponenAkip], tahun: int) -> str:
    """Tabel 3.1's "Tingkat Akuntabilitas Kinerja": ``B (Baik)``; ``-`` with no nilai yet;
    ``belum lengkap (1 dari 5 komponen)`` while some are missing."""
    ada, semua = akip_dinilai(komponen, tahun)
    if ada == 0:
        return "-"
    if ada < semua:
        return f"belum lengkap ({ada} dari {semua} komponen)"
    return predikat_akip(nilai_akip(komponen, tahun))


def bobot_akip(komponen: Sequence[KomponenAkip]) -> Decimal:
    """Tabel 3.1 and the AKIP screen: total bobot of the components (100 for the standard
    scheme; store/aturan.alasan_jumlah_bobot says when it is not)."""
    return sum((k.bobot for k in komponen), NOL)


def tahun_akip(komponen: Sequence[KomponenAkip]) -> list[int]:
    return sorted({t for k in komponen for t in k.nilai})

