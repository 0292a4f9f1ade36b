"""Figures several tables share, computed once per export.

The arithmetic is still :mod:`store.calc`'s; this only remembers each subkegiatan's, kegiatan's
and program's :class:`~store.calc.Anggaran` so that 3.8, 3.16, 3.17 and 2.5 on a city-scale
budget (10,000 subkegiatan) do not re-add the same rows per table and per row.
"""

from __future__ import annotations

from dataclasses import dataclass

from store import calc
from store.calc import Anggaran
from store.models import Kegiatan, Laporan, Program, Subkegiatan


@dataclass
class RincianKegiatan:
    kegiatan: Kegiatan
    anggaran: Anggaran
    sub: list[tuple[Subkegiatan, Anggaran]]


@dataclass
class RincianProgram:
    program: Program
    anggaran: Anggaran
    kegiatan: list[RincianKegiatan]


class Konteks:
    def __init__(self, lap: Laporan) -> None:
        self.lap = lap
        self.tahun = lap.tahun
        self.d = lap.pengaturan.desimal
        self._program: dict[int, RincianProgram] = {}

    def rincian(self, p: Program) -> RincianProgram:
        r = self._program.get(id(p))
        if r is None:
            keg = []
            for k in p.kegiatan:
                sub = [(s, calc.anggaran_sub(s)) for s in k.subkegiatan]
                keg.append(RincianKegiatan(k, calc.jumlah(a for _, a in sub), sub))
            r = self._program[id(p)] = RincianProgram(p, calc.jumlah(x.anggaran for x in keg), keg)
        return r

    def anggaran_program(self, p: Program) -> Anggaran:
        return self.rincian(p).anggaran

    def anggaran_sasaran(self, sasaran_id: str) -> Anggaran:
        return calc.jumlah(self.anggaran_program(p) for p in self.lap.program_sasaran(sasaran_id))

    def anggaran_total(self) -> Anggaran:
        return calc.jumlah(self.anggaran_program(p) for p in self.lap.program)

    def tahun_realisasi(self) -> list[int]:
        """The Renstra years up to the report year (Tabel 3.5's columns); the report year
        alone while the year has no Renstra yet."""
        r = self.lap.renstra
        if r is None:
            return [self.tahun]
        tahun = r.tahun_target or list(range(r.mulai + 1, r.akhir + 1))
        return sorted({t for t in tahun if t <= self.tahun} | {self.tahun})

    def tahun_target(self) -> list[int]:
        """The Renstra's target years (Tabel 2.1's columns); none while it has no Renstra yet."""
        r = self.lap.renstra
        if r is None:
            return []
        return sorted(r.tahun_target or range(r.mulai + 1, r.akhir + 1))
