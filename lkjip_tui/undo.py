"""Undo (ctrl+z) and redo (ctrl+y) of committed changes: each step holds the commands that
put the data back (``mundur``) and those that apply it again (``maju``), both replayed through
the one writer (store/perubahan.py), and the screen it was made on."""

from __future__ import annotations

from dataclasses import dataclass

from store.perubahan import Perubahan

BATAS = 200  # enough for a working session; older steps are dropped


@dataclass
class Langkah:
    keterangan: str
    mundur: list[Perubahan]
    maju: list[Perubahan]
    layar: str = ""  # the mode of the screen the change was made on


class Riwayat:
    def __init__(self) -> None:
        self._langkah: list[Langkah] = []
        self._ulang: list[Langkah] = []

    def catat(self, keterangan: str, mundur: list[Perubahan], maju: list[Perubahan], layar: str = "") -> None:
        self._langkah.append(Langkah(keterangan, mundur, maju, layar))
        del self._langkah[:-BATAS]
        self._ulang.clear()  # a new change ends the redo line, as in every editor

    def ambil(self) -> Langkah | None:
        return self._langkah.pop() if self._langkah else None

    def diurungkan(self, langkah: Langkah, maju: list[Perubahan]) -> None:
        """``langkah`` was undone; ``maju`` (the inverse of what undid it) redoes it."""
        langkah.maju = maju
        self._ulang.append(langkah)

    def ambil_ulang(self) -> Langkah | None:
        return self._ulang.pop() if self._ulang else None

    def gagal_ulang(self, langkah: Langkah) -> None:
        """Redoing ``langkah`` failed (a full disk): it stays next to redo."""
        self._ulang.append(langkah)

    def diulang(self, langkah: Langkah, mundur: list[Perubahan]) -> None:
        """``langkah`` was redone: it can be undone again with ``mundur`` (the redo line stays)."""
        langkah.mundur = mundur
        self._langkah.append(langkah)

    def __len__(self) -> int:
        return len(self._langkah)
