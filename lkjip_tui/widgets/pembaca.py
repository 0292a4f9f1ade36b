"""Readers for form fields: each turns the typed text into a value or raises ``ValueError``
with the reason (in Indonesian, without the field's name: the form puts the label in front).

Numbers go through ``store.numbers``; blank is ``None`` ("belum dilaporkan"), never 0.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from store.numbers import AngkaTidakSah, parse_angka, parse_bulat

BATAS_ANGKA = Decimal(10) ** 18  # far above any Rupiah amount; keeps Decimal arithmetic exact


def teks_opsional(teks: str) -> str:
    """Optional text, trimmed (blank is allowed)."""
    return teks.strip()


def teks_wajib(teks: str) -> str:
    s = teks.strip()
    if not s:
        raise ValueError("wajib diisi")
    return s


def wajib(nama: str) -> Callable[[str], str]:
    """Required text whose message names the thing: "nama unit kerja wajib diisi"."""
    def baca(teks: str) -> str:
        s = teks.strip()
        if not s:
            raise ValueError(f"{nama} wajib diisi")
        return s
    return baca


def angka(teks: str) -> Decimal | None:
    """``parse_angka`` whose error says only why (the label already names the field)."""
    try:
        return parse_angka(teks)
    except AngkaTidakSah as e:
        raise ValueError(e.alasan) from e


def bulat(teks: str) -> int | None:
    """``parse_bulat`` (a whole, non-negative number) whose error says only why."""
    try:
        return parse_bulat(teks)
    except AngkaTidakSah as e:
        raise ValueError(e.alasan) from e


def _batas(teks: str, nilai: Decimal) -> Decimal:
    if nilai < 0:
        raise AngkaTidakSah(teks, "tidak boleh negatif")
    if nilai >= BATAS_ANGKA:
        raise AngkaTidakSah(teks, "terlalu besar")
    return nilai


def angka_wajib(teks: str) -> Decimal:
    """A non-negative amount that must be given (0 is allowed, blank is not)."""
    nilai = parse_angka(teks)
    if nilai is None:
        raise ValueError("wajib diisi (isi 0 bila tidak ada)")
    return _batas(teks, nilai)


def angka_opsional(teks: str) -> Decimal | None:
    """A non-negative amount; blank means "not reported" (None), never 0."""
    nilai = parse_angka(teks)
    return None if nilai is None else _batas(teks, nilai)
