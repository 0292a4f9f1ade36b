"""Which tables a report year has, numbered as in the seed (SPEC §6).

The six analysis tables repeat per sasaran, so everything after 3.3 is numbered from the
number of sasaran: two sasaran give 3.4–3.9, 3.10–3.15, then 3.16 and 3.17.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from store.models import Laporan, Sasaran

from ..tables import Tabel
from . import bab1, bab2, bab3
from . import judul as jdl
from .konteks import Konteks

__all__ = ["Entri", "Konteks", "bangun_tabel", "katalog", "nomor_tabel", "satu_per_satu"]

TETAP = (("1.1", bab1.tabel_1_1), ("2.1", bab2.tabel_2_1), ("2.2", bab2.tabel_2_2), ("2.3", bab2.tabel_2_3),
         ("2.4", bab2.tabel_2_4), ("2.5", bab2.tabel_2_5), ("3.1", bab3.tabel_3_1), ("3.2", bab3.tabel_3_2),
         ("3.3", bab3.tabel_3_3))
AWAL_PER_SASARAN = 4  # 3.4 is the first per-sasaran table

# Each builder's title (exports/builders/judul.py), for a list of the tables that builds none.
JUDUL: dict[Callable[..., Tabel], Callable[..., str]] = {
    bab1.tabel_1_1: jdl.j_1_1, bab2.tabel_2_1: jdl.j_2_1, bab2.tabel_2_2: jdl.j_2_2, bab2.tabel_2_3: jdl.j_2_3,
    bab2.tabel_2_4: jdl.j_2_4, bab2.tabel_2_5: jdl.j_2_5, bab3.tabel_3_1: jdl.j_3_1, bab3.tabel_3_2: jdl.j_3_2,
    bab3.tabel_3_3: jdl.j_3_3, bab3.tabel_target: jdl.j_target, bab3.tabel_perubahan: jdl.j_perubahan,
    bab3.tabel_kemajuan: jdl.j_kemajuan, bab3.tabel_nasional: jdl.j_nasional, bab3.tabel_program: jdl.j_program,
    bab3.tabel_efisiensi: jdl.j_efisiensi, bab3.tabel_anggaran_pk: jdl.j_anggaran_pk,
    bab3.tabel_anggaran_rinci: jdl.j_anggaran_rinci,
}


@dataclass(frozen=True)
class Entri:
    nomor: str
    buat: Callable[..., Tabel]
    sasaran: tuple[int, Sasaran] | None = None  # (1-based position, sasaran) for 3.4–3.9

    @property
    def bab(self) -> int:
        return int(self.nomor.split(".")[0])

    def judul(self, k: Konteks) -> str:
        """The title :meth:`bangun` gives the table, without building it."""
        if self.sasaran is None:
            return JUDUL[self.buat](k)
        return JUDUL[self.buat](k, self.sasaran[0])

    def bangun(self, k: Konteks) -> Tabel:
        if self.sasaran is None:
            return self.buat(k, self.nomor)
        return self.buat(k, self.nomor, *self.sasaran)


def katalog(lap: Laporan) -> list[Entri]:
    daftar = [Entri(n, f) for n, f in TETAP]
    no = AWAL_PER_SASARAN
    for urut, s in enumerate(lap.sasaran, 1):
        for f in bab3.PER_SASARAN:
            daftar.append(Entri(f"3.{no}", f, (urut, s)))
            no += 1
    daftar.append(Entri(f"3.{no}", bab3.tabel_anggaran_pk))
    daftar.append(Entri(f"3.{no + 1}", bab3.tabel_anggaran_rinci))
    return daftar


def nomor_tabel(lap: Laporan) -> list[str]:
    return [e.nomor for e in katalog(lap)]


def bangun_tabel(lap: Laporan, nomor: Iterable[str] | None = None, konteks: Konteks | None = None) -> list[Tabel]:
    """The tables ``nomor`` (all when None), in report order; unknown numbers are ignored here
    (the caller checks them with :func:`nomor_tabel` and says which are unknown)."""
    return list(satu_per_satu(lap, nomor, konteks))


def satu_per_satu(lap: Laporan, nomor: Iterable[str] | None = None,
                  konteks: Konteks | None = None) -> Iterator[Tabel]:
    """As :func:`bangun_tabel`, each table built when the caller asks for the next."""
    k = konteks or Konteks(lap)
    pilih = None if nomor is None else set(nomor)
    return (e.bangun(k) for e in katalog(lap) if pilih is None or e.nomor in pilih)
