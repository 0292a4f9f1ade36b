"""Sanity limits on what may be entered: one rule each, used alike by the screens (the grid
refuses the value and says why), by bundle import and by ``lkjip check`` (which also finds
values that came in before a rule existed).

Each ``alasan_*`` returns why a value is refused, in Indonesian, or None when it is fine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Context, Decimal, Inexact, InvalidOperation, Overflow, Rounded, localcontext
from typing import Any, cast

from .models import ADA, Band
from .numbers import format_bebas

MAKS_PEGAWAI = 100_000  # people in one jabatan of one unit; a city's largest is a few thousand
MAKS_RUPIAH = Decimal(10) ** 15  # one kuadriliun: far above any regional budget line
MAKS_DESIMAL = 4  # decimals printed in derived percentages; more only widens every table
MAKS_DAFTAR = 20_000  # items in one list of a report (a city has ~10,000 subkegiatan in all)
MAKS_BUTIR = 100  # the short lists: misi, a tujuan's indicators, Renstra years, category scale, AKIP parts
BOBOT_AKIP = Decimal(100)  # the AKIP components' bobot add up to this (standard scheme)


MAKS_DIGIT = 15  # significant digits: what a JSON number (a double) carries exactly, so every value exports


@dataclass(frozen=True)
class JenisAngka:
    """What a number of one kind may be: below ``maks`` in size, at most ``desimal``
    decimals, at most :data:`MAKS_DIGIT` significant digits, negative only if ``negatif``."""

    nama: str
    maks: Decimal
    desimal: int
    negatif: bool = False


# The one rule for numbers, by kind; forms, the grid, the month window, bundle import and
# restore all ask :func:`alasan_angka`. Far above any real figure, far below what breaks
# formatting, exporting or the database's size.
RUPIAH = JenisAngka("Rupiah", MAKS_RUPIAH, 2)
NILAI = JenisAngka("nilai indikator", Decimal(10) ** 12, 6, negatif=True)  # a percentage, an index, a count of people served
AKIP = JenisAngka("nilai AKIP", Decimal(1000), 4)  # bobot and nilai (bobot add up to 100)
JUMLAH = JenisAngka("jumlah", Decimal(MAKS_PEGAWAI + 1), 0)


def tampil_angka(v: Decimal | int) -> str:
    """A number for a message, even one too long or too large to format the usual way."""
    try:
        if isinstance(v, int) or (v.is_finite() and abs(v.adjusted()) <= 30 and len(v.as_tuple().digits) <= 40):
            return format_bebas(v)
    except (ArithmeticError, ValueError):
        pass
    return f"{str(v)[:20]}…" if len(str(v)) > 20 else str(v)


def alasan_angka(v: Decimal | int | None, jenis: JenisAngka) -> str | None:
    """Why ``v`` cannot be a number of kind ``jenis`` (None: it can, or it is blank)."""
    if v is None:
        return None
    if isinstance(v, int):
        v = Decimal(v)
    if not v.is_finite():
        return "bukan angka"
    if v < 0 and not jenis.negatif:
        return "tidak boleh negatif"
    if abs(v) >= jenis.maks:
        return f"terlalu besar untuk {jenis.nama} (di bawah {format_bebas(jenis.maks)})"
    tup = v.as_tuple()
    if -tup.exponent > MAKS_DIGIT + 5:  # type: ignore[operator]
        # 0E-999999 or 1.000…0: as written it is stored and exported with every zero (a
        # 10 KB bundle made a 100 MB database); trailing zeros past this are no figure
        return "terlalu banyak angka di belakang koma"
    if tup.exponent >= 0 and len(tup.digits) <= MAKS_DIGIT:  # type: ignore[operator]
        # a whole number (most Rupiah): normalizing drops only trailing zeros, so it has no
        # decimals and no more digits: the rules below all pass (a city bundle asks 140,000 times)
        return None
    n = v.normalize() if v else Decimal(0)
    desimal = max(0, -n.as_tuple().exponent)  # type: ignore[operator]  # finite: an int exponent
    if desimal > jenis.desimal:
        return (f"{jenis.nama} paling banyak {jenis.desimal} angka di belakang koma" if jenis.desimal
                else f"{jenis.nama} harus bilangan bulat")
    if len(n.as_tuple().digits) > MAKS_DIGIT:
        return f"terlalu banyak angka (paling banyak {MAKS_DIGIT} angka bermakna)"
    return None


# Exact arithmetic: a sum that would round raises instead (Inexact/Rounded trapped).
_TEPAT = Context(prec=28, traps=[InvalidOperation, Inexact, Rounded, Overflow])


def rupiah_bulat_semua(nilai: Iterable[Decimal | None]) -> bool:
    """True when every figure is blank or a whole number from 0 to below ``RUPIAH.maks``
    (exponent ≥ 0, so at most 15 digits), all of which :func:`alasan_rupiah` passes; False
    says "ask :func:`alasan_rupiah` one by one". ``lkjip check`` asks this of a city's
    140,000 Rupiah figures: three passes in C instead of a ``Decimal`` inspection each. The
    exact sum's exponent is the smallest exponent among the figures, so it is ≥ 0 only when
    none has decimals."""
    ada = cast("list[Decimal]", list(filter(ADA, nilai)))  # ADA keeps no None; mypy cannot see it
    if not ada:
        return True
    try:
        with localcontext(_TEPAT):
            total = sum(ada, Decimal(0))
            return (total.is_finite() and cast(int, total.as_tuple().exponent) >= 0
                    and min(ada) >= 0 and max(ada) < RUPIAH.maks)
    except ArithmeticError:  # a NaN compared, a sum that would round: one by one
        return False


def rupiah_tersimpan(teks: Sequence[str]) -> list[int] | None:
    """Stored Rupiah texts as whole numbers, when every one is a plain whole number (ASCII
    digits only, so ``Decimal(t) == int(t)``) that :func:`alasan_rupiah` passes (below
    ``RUPIAH.maks``, no decimals); None says "ask :func:`alasan_rupiah` one by one". One pass
    in C over a city's 140,000 figures; a ``TypeError`` for a blank (None) or a number not
    stored as text, a ``ValueError`` for an empty text."""
    gabung = "".join(teks)
    if not (gabung.isascii() and gabung.isdigit()):
        return None
    angka = list(map(int, teks))
    return angka if max(angka, default=0) < RUPIAH.maks else None


def alasan_pegawai(n: int | None) -> str | None:
    if n is None:
        return None
    if n < 0:
        return "jumlah pegawai tidak boleh negatif"
    if n > MAKS_PEGAWAI:
        return f"{format_bebas(n)} pegawai tidak masuk akal (paling banyak {format_bebas(MAKS_PEGAWAI)})"
    return None


def alasan_rupiah(v: Decimal | None) -> str | None:
    return alasan_angka(v, RUPIAH)


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
    return alasan_angka(v, NILAI)


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
    berbatas = [(b, b.min) for b in band if b.min is not None]
    for (atas, atas_min), (bawah, bawah_min) in zip(berbatas, berbatas[1:]):
        turun = bawah_min < atas_min or (bawah_min == atas_min and not atas.termasuk_min and bawah.termasuk_min)
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
    return alasan_angka(v, AKIP)


def alasan_nilai_akip(v: Decimal | None) -> str | None:
    """One AKIP component's nilai of a year (blank: not evaluated)."""
    return "nilai tidak boleh negatif" if v is not None and v < 0 else alasan_angka(v, AKIP)


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


def _angka_baris(tabel: str, d: dict[str, Any]) -> list[tuple[str, object, JenisAngka]]:
    """The numbers of one stored row (store/codec.py's layout) with their kind."""
    def per_tahun(nama: str, jenis: JenisAngka) -> list[tuple[str, object, JenisAngka]]:
        m = d.get(nama)
        return [(f"{nama}.{t}", v, jenis) for t, v in m.items()] if isinstance(m, dict) else []

    if tabel == "subkegiatan":
        b = d.get("bulanan")
        return ([("pagu", d.get("pagu"), RUPIAH), ("realisasi", d.get("realisasi"), RUPIAH)]
                + ([(f"bulanan.{k}", v, RUPIAH) for k, v in b.items()] if isinstance(b, dict) else []))
    if tabel == "program":
        return [("pagu_murni", d.get("pagu_murni"), RUPIAH)]
    if tabel == "indikator":
        tw = d.get("triwulan")
        hasil = per_tahun("target", NILAI) + per_tahun("realisasi", NILAI) + per_tahun("standar_nasional", NILAI)
        for t, qs in (tw.items() if isinstance(tw, dict) else []):
            for n, q in enumerate(qs if isinstance(qs, list) else []):
                hasil += [(f"triwulan.{t}[{n}]", v, NILAI) for v in (q if isinstance(q, list) else [])]
        return hasil
    if tabel == "akip":
        return [("bobot", d.get("bobot"), AKIP)] + per_tahun("nilai", AKIP)
    if tabel == "pegawai":
        jab = d.get("jabatan")
        return [(f"jabatan[{n}]", v, JUMLAH) for n, j in enumerate(jab if isinstance(jab, list) else [])
                for v in (j[1:] if isinstance(j, list) else [])]
    if tabel == "laporan":
        skala = (d.get("pengaturan") or {}).get("skala_kategori") if isinstance(d.get("pengaturan"), dict) else None
        return [(f"skala_kategori[{n}].min", b.get("min"), NILAI) for n, b in enumerate(skala or [])
                if isinstance(b, dict)]
    return []


def angka_tersimpan_tidak_sah(data: dict[str, Any]) -> str | None:
    """The first stored number that breaks the rule of its kind (:func:`alasan_angka`), as
    "tabel T baris N field: why"; a database to restore from is checked with it as a bundle
    is on import. None when every number keeps the rule (or is not a number at all: that
    is the row reader's to say)."""
    for tabel, baris in data.items():
        if not isinstance(baris, dict):
            continue
        for i, d in baris.items():
            if not isinstance(d, dict):
                continue
            for nama, v, jenis in _angka_baris(tabel, d):
                if v is None or isinstance(v, bool) or not isinstance(v, (str, int)):
                    continue
                if isinstance(v, str) and len(v) > 100:
                    return f"tabel {tabel} baris {i} {nama}: angka terlalu panjang ({len(v)} karakter)"
                try:
                    angka = Decimal(v)
                except ArithmeticError:
                    continue
                if (alasan := alasan_angka(angka, jenis)) is not None:
                    return f"tabel {tabel} baris {i} {nama}: {tampil_angka(angka)} {alasan}"
    return None


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


# ------------------------------------------------------------------ ids of tujuan, sasaran, indikator, program
POLA_ID = re.compile(r"[A-Za-z0-9._-]{1,12}")


def alasan_id(teks: str) -> str | None:
    """The code a record is named by (T1, S1.2, I-3, P1): short, no spaces, the same rule in
    the forms and in a bundle."""
    if POLA_ID.fullmatch(teks):
        return None
    return "kode hanya huruf, angka, titik, garis; tanpa spasi; paling panjang 12"
