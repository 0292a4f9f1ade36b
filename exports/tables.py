"""The plain shape every report table is built into once, before any writer sees it.

A :class:`Tabel` holds typed cells (:class:`Sel`): the writers decide how a Rupiah amount,
a percentage or a count looks in Markdown, CSV or XLSX, but never compute one. Row kinds
(:class:`JenisBaris`) carry the report's structure: group rows (a unit in 1.1, a program or
kegiatan in 3.17) and totals are shown bold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

from store.numbers import KOSONG, bulatkan, format_angka, format_bebas, format_rupiah


class Jenis(str, Enum):
    TEKS = "teks"
    RUPIAH = "rupiah"    # whole Rupiah
    PERSEN = "persen"    # a derived percentage, fixed decimals (pengaturan.desimal)
    NILAI = "nilai"      # a score with fixed decimals (AKIP nilai)
    UKURAN = "ukuran"    # a typed measure (target, realisasi): shown with its own decimals
    CACAH = "cacah"      # a whole count (staff)


ANGKA = frozenset({Jenis.RUPIAH, Jenis.PERSEN, Jenis.NILAI, Jenis.UKURAN, Jenis.CACAH})


class JenisBaris(str, Enum):
    ISI = "isi"
    GRUP = "grup"        # unit header (1.1), program (3.17)
    SUBGRUP = "subgrup"  # kegiatan (3.17)
    TOTAL = "total"

    @property
    def tebal(self) -> bool:
        return self is not JenisBaris.ISI


class Sel(NamedTuple):
    # A NamedTuple, not a dataclass: a city-scale report builds ~170,000 cells.
    nilai: str | Decimal | int | None
    jenis: Jenis = Jenis.TEKS

    @property
    def angka(self) -> bool:
        """A number cell (possibly undefined); only text cells are ever neutralised in CSV."""
        return self.jenis in ANGKA


KOSONG_SEL = Sel("")


def teks(s: str | None) -> Sel:
    return Sel("" if s is None else str(s))


def rupiah(v: Decimal | int | None) -> Sel:
    return Sel(v, Jenis.RUPIAH)


def persen(v: Decimal | int | None) -> Sel:
    return Sel(v, Jenis.PERSEN)


def nilai(v: Decimal | int | None) -> Sel:
    return Sel(v, Jenis.NILAI)


def ukuran(v: Decimal | int | None) -> Sel:
    return Sel(v, Jenis.UKURAN)


def cacah(v: Decimal | int | None) -> Sel:
    return Sel(v, Jenis.CACAH)


@dataclass(slots=True)
class Baris:
    sel: tuple[Sel, ...]
    jenis: JenisBaris = JenisBaris.ISI


@dataclass
class Bagian:
    """One header row and its rows; a table has one, 2.4 has three (targets, budgets)."""

    judul: str
    kolom: tuple[str, ...]
    baris: list[Baris] = field(default_factory=list)
    _teks: tuple[int, list[list[str]]] | None = field(default=None, repr=False, compare=False)

    def tambah(self, *sel: Sel, jenis: JenisBaris = JenisBaris.ISI) -> None:
        if len(sel) != len(self.kolom):  # a builder bug, not user input
            raise ValueError(f"baris berisi {len(sel)} sel, kolom {len(self.kolom)}")
        self.baris.append(Baris(tuple(sel), jenis))
        self._teks = None


@dataclass
class Tabel:
    nomor: str
    judul: str
    bagian: list[Bagian]
    catatan: str = ""     # source line under the table, e.g. "Sumber : ..."
    desimal: int = 2

    @property
    def utama(self) -> Bagian:
        return self.bagian[0]

    @property
    def kolom(self) -> tuple[str, ...]:
        return self.utama.kolom

    @property
    def baris(self) -> list[Baris]:
        return self.utama.baris

    @property
    def keterangan(self) -> str:
        """The caption as the seed prints it: ``Tabel 3.2. Capaian Kinerja ...``."""
        return f"Tabel {self.nomor}. {self.judul}" if self.nomor else self.judul  # an annex's table: no number


# ---------------------------------------------------------------- how a cell reads
@lru_cache(maxsize=65536)
def _format(v: Decimal | int, jenis: Jenis, desimal: int) -> str:
    # Cached: percentages repeat often and Babel costs ~30 µs a call.
    if jenis is Jenis.RUPIAH:
        return format_rupiah(v)
    if jenis is Jenis.CACAH:
        return format_angka(v, 0)
    if jenis is Jenis.UKURAN:
        d = Decimal(v)
        exp = d.as_tuple().exponent
        # A mean of quarters can carry 28 decimals; show no more than the report's precision.
        if isinstance(exp, int) and -exp > desimal:
            return format_angka(d, desimal)
        return format_bebas(d)
    return format_angka(v, desimal)


def tampil(sel: Sel, desimal: int = 2) -> str:
    """The cell as the screens show it: Indonesian notation, ``-`` when undefined."""
    if sel.jenis is Jenis.TEKS:
        return sel.nilai  # type: ignore[return-value]
    if sel.nilai is None:
        return KOSONG
    return _format(sel.nilai, sel.jenis, desimal)


def mesin(sel: Sel, desimal: int = 2) -> str:
    """The cell for machines: dot decimal, no grouping, empty when undefined."""
    if sel.jenis is Jenis.TEKS:
        return sel.nilai  # type: ignore[return-value]
    if sel.nilai is None:
        return ""
    if sel.jenis in (Jenis.PERSEN, Jenis.NILAI):
        return format(bulatkan(Decimal(sel.nilai), desimal), "f")
    if sel.jenis in (Jenis.RUPIAH, Jenis.CACAH):
        return format(Decimal(sel.nilai).quantize(Decimal(1)), "f")
    return format(Decimal(sel.nilai), "f")


def teks_bagian(bagian: Bagian, desimal: int) -> list[list[str]]:
    """Every cell of a part as displayed text. Computed once and shared by the Markdown, CSV
    and XLSX writers: formatting is most of an export's time on a city-scale budget."""
    if bagian._teks is None or bagian._teks[0] != desimal:
        bagian._teks = (desimal, [[tampil(s, desimal) for s in b.sel] for b in bagian.baris])
    return bagian._teks[1]
