"""Sanity limits on what may be entered: one rule each, used alike by the screens (the grid
refuses the value and says why), by bundle import and by ``lkjip check`` (which also finds
values that came in before a rule existed).

Each ``alasan_*`` returns why a value is refused, in Indonesian, or None when it is fine.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from .models import Band
from .numbers import format_bebas

MAKS_PEGAWAI = 100_000  # people in one jabatan of one unit; a city's largest is a few thousand
MAKS_RUPIAH = Decimal(10) ** 15  # one kuadriliun: far above any regional budget line
MAKS_DESIMAL = 4  # decimals printed in derived percentages; more only widens every table
BOBOT_AKIP = Decimal(100)  # the AKIP components' bobot add up to this (standard scheme)


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


def alasan_desimal(d: int) -> str | None:
    """Decimals printed in derived figures (Pengaturan, bundle import)."""
    if d < 0:
        return "tidak boleh negatif"
    if d > MAKS_DESIMAL:
        return f"paling banyak {MAKS_DESIMAL} angka di belakang koma"
    return None


def periksa_skala(band: Sequence[Band]) -> list[str]:
    """What is wrong with a category scale (empty list: fine). Pengaturan's form and bundle
    import refuse a scale with any of these; an empty scale means the default."""
    galat: list[str] = []
    if not band:
        return galat
    sisa = [n for n, b in enumerate(band) if b.min is None]
    if not sisa:
        galat.append("skala tidak punya kategori penampung (baris terakhir tanpa batas, mis. \"Sangat Rendah\"), "
                     "jadi sebagian nilai tidak akan berkategori")
    elif sisa[0] != len(band) - 1:
        galat.append(f'kategori tanpa batas "{band[sisa[0]].label}" harus di baris terakhir; '
                     "kategori di bawahnya tidak akan pernah terpakai")
    labels = [b.label for b in band]
    for dup in sorted({x for x in labels if labels.count(x) > 1}):
        galat.append(f'kategori "{dup}" muncul lebih dari sekali')
    berbatas = [b for b in band if b.min is not None]
    for atas, bawah in zip(berbatas, berbatas[1:]):
        turun = bawah.min < atas.min or (bawah.min == atas.min and not atas.termasuk_min and bawah.termasuk_min)
        if not turun:
            galat.append(f'batas "{bawah.label}" ({format_bebas(bawah.min)}) harus lebih kecil dari batas '
                         f'"{atas.label}" di atasnya ({format_bebas(atas.min)})')
    return galat


def alasan_bobot(v: Decimal | None) -> str | None:
    """One AKIP component's bobot."""
    if v is None:
        return "bobot wajib diisi"
    if v < 0:
        return "bobot tidak boleh negatif"
    return None


def alasan_nilai_akip(v: Decimal | None) -> str | None:
    """One AKIP component's nilai of a year (blank: not evaluated)."""
    return "nilai tidak boleh negatif" if v is not None and v < 0 else None


def alasan_nilai_bobot(nilai: Decimal | None, bobot: Decimal | None) -> str | None:
    """A nilai above its component's bobot (45 of 30 gave grade AA)."""
    if nilai is None or bobot is None or nilai <= bobot:
        return None
    return f"nilai {format_bebas(nilai)} melebihi bobot {format_bebas(bobot)}"


def alasan_jumlah_bobot(total: Decimal) -> str | None:
    """The components' bobot together (flagged, not refused: a unit adds them one by one)."""
    if total == BOBOT_AKIP:
        return None
    return f"jumlah bobot {format_bebas(total)}, seharusnya {format_bebas(BOBOT_AKIP)}"


# ------------------------------------------------------------------ years, references, required amounts
TAHUN_MIN, TAHUN_MAX = 1990, 2100  # report, Renstra and target years, in the forms and in a bundle


def alasan_tahun(t: int) -> str | None:
    if not TAHUN_MIN <= t <= TAHUN_MAX:
        return f"tahun harus antara {TAHUN_MIN} dan {TAHUN_MAX}"
    return None


def alasan_sasaran(sasaran_id: str, ada: Sequence[str]) -> str | None:
    """An indikator or program names a sasaran that must exist (when there are sasaran at all)."""
    if sasaran_id in ada:
        return None
    return f'sasaran "{sasaran_id}" tidak ada' + (f"; pilih salah satu: {', '.join(ada)}" if ada else "")


PAGU_WAJIB = "pagu wajib diisi (isi 0 bila tidak ada anggaran)"


def alasan_pagu(v: Decimal | None) -> str | None:
    """A subkegiatan's pagu: required (0 when there is no budget), a sane Rupiah amount."""
    return PAGU_WAJIB if v is None else alasan_rupiah(v)
