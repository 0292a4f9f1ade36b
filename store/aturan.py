"""Sanity limits on what may be entered: one rule each, used alike by the screens (the grid
refuses the value and says why), by bundle import and by ``lkjip check`` (which also finds
values that came in before a rule existed).

Each ``alasan_*`` returns why a value is refused, in Indonesian, or None when it is fine.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .numbers import format_bebas

MAKS_PEGAWAI = 100_000  # people in one jabatan of one unit; a city's largest is a few thousand
MAKS_RUPIAH = Decimal(10) ** 15  # one kuadriliun: far above any regional budget line


def alasan_pegawai(n: int | None) -> str | None:
    if n is None:
        return None
    if n < 0:
        return "jumlah pegawai tidak boleh negatif"
    if n > MAKS_PEGAWAI:
        return f"{format_bebas(n)} pegawai tidak masuk akal (paling banyak {format_bebas(MAKS_PEGAWAI)})"
    return None


def alasan_rupiah(v: Decimal | None) -> str | None:
    if v is None:
        return None
    if v < 0:
        return "tidak boleh negatif"
    if v >= MAKS_RUPIAH:
        return f"terlalu besar untuk Rupiah (di bawah {format_bebas(MAKS_RUPIAH)})"
    return None


def alasan_kode(kode: str) -> str | None:
    """A program/kegiatan/subkegiatan code as Permendagri 90/2019 numbers them: parts of
    digits or letters separated by dots (7.01.01.2.01.0001, X.XX.01). Blank is allowed."""
    kode = kode.strip()
    if not kode:
        return None
    if len(kode) > 40 or not re.fullmatch(r"[0-9A-Za-z]+(\.[0-9A-Za-z]+)*", kode):
        return f'"{kode}" bukan kode yang sah (contoh: 7.01.01.2.01.0001)'
    return None


def alasan_indikator(v: Decimal | None) -> str | None:
    """Target, realisasi and standar of a performance indicator typed by hand: a negative
    figure is a slip (it gave capaian −6,01 without a word). A bundle may still carry one
    (a growth rate can fall): ``lkjip check`` lists it so it is seen."""
    if v is None:
        return None
    if v < 0:
        return "nilai indikator tidak boleh negatif"
    return None
