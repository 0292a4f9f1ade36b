"""Undo (ctrl+z) and redo (ctrl+y) of committed changes: each step knows how to put the data
back and how to apply it again, and on which screen it was made."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

BATAS = 200  # enough for a working session; older steps are dropped


@dataclass
class Langkah:
    keterangan: str
    kembalikan: Callable[[], None]
    ulangi: Callable[[], None] | None = None
    layar: str = ""  # the mode of the screen the change was made on


class Riwayat:
    def __init__(self) -> None:
        self._langkah: list[Langkah] = []
        self._ulang: list[Langkah] = []

    def catat(self, keterangan: str, kembalikan: Callable[[], None], ulangi: Callable[[], None] | None = None,
              layar: str = "") -> None:
        self._langkah.append(Langkah(keterangan, kembalikan, ulangi, layar))
        del self._langkah[:-BATAS]
        self._ulang.clear()  # a new change ends the redo line, as in every editor

    def ambil(self) -> Langkah | None:
        return self._langkah.pop() if self._langkah else None

    def diurungkan(self, langkah: Langkah) -> None:
        """``langkah`` was undone: it can be redone."""
        if langkah.ulangi is not None:
            self._ulang.append(langkah)

    def ambil_ulang(self) -> Langkah | None:
        return self._ulang.pop() if self._ulang else None

    def diulang(self, langkah: Langkah) -> None:
        """``langkah`` was redone: it can be undone again (the redo line stays)."""
        self._langkah.append(langkah)

    def __len__(self) -> int:
        return len(self._langkah)
