"""Readers for form fields: each turns the typed text into a value or raises ``ValueError``
with the reason (in Indonesian, without the field's name: the form puts the label in front).

Numbers go through ``store.numbers``; blank is ``None`` ("belum dilaporkan"), never 0.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from store.aturan import PAGU_WAJIB, alasan_rupiah
from store.numbers import AngkaTidakSah, parse_angka, parse_bulat


def teks_opsional(teks: str) -> str:
    """Optional text, trimmed (blank is allowed)."""
    return teks.strip()


def wajib(nama: str = "") -> Callable[[str], str]:
    """Required text, trimmed; the message may name the thing: "nama unit kerja wajib diisi"."""
    def baca(teks: str) -> str:
        s = teks.strip()
        if not s:
            raise ValueError(f"{nama} wajib diisi".lstrip())
        return s
    return baca


teks_wajib = wajib()  # the label in front already names the field


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
    """Rupiah amounts: the limits of store/aturan, as bundle import and check apply them."""
    if (alasan := alasan_rupiah(nilai)) is not None:
        raise AngkaTidakSah(teks, alasan)
    return nilai


def angka_wajib(teks: str) -> Decimal:
    """A non-negative amount that must be given (0 is allowed, blank is not)."""
    nilai = parse_angka(teks)
    if nilai is None:
        raise ValueError(PAGU_WAJIB)
    return _batas(teks, nilai)


def angka_opsional(teks: str) -> Decimal | None:
    """A non-negative amount; blank means "not reported" (None), never 0."""
    nilai = parse_angka(teks)
    return None if nilai is None else _batas(teks, nilai)
