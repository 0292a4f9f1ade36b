"""Undo of committed changes (ctrl+z): each entry knows how to put the data back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

BATAS = 200  # enough for a working session; older steps are dropped


@dataclass
class Langkah:
    keterangan: str
    kembalikan: Callable[[], None]


class Riwayat:
    def __init__(self) -> None:
        self._langkah: list[Langkah] = []

    def catat(self, keterangan: str, kembalikan: Callable[[], None]) -> None:
        self._langkah.append(Langkah(keterangan, kembalikan))
        del self._langkah[:-BATAS]

    def ambil(self) -> Langkah | None:
        return self._langkah.pop() if self._langkah else None

    def __len__(self) -> int:
        return len(self._langkah)
