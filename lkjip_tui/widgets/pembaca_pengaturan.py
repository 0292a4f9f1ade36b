"""Readers and writers of Pengaturan's fields: report years, decimals, NIP, year lists and the
category scale. Each ``baca_*`` turns typed text into a value or raises ``ValueError`` with the
reason (as :mod:`.pembaca`); each ``tulis_*`` gives the text a form starts from. The rules on the
values themselves (decimals cap, a sound scale) live in ``store/aturan.py``."""

from __future__ import annotations

import re
from collections.abc import Sequence

from store.aturan import NILAI, alasan_angka, alasan_desimal, alasan_tahun
from store.dokumen import tulis_nip as tulis_nip  # the forms' writer, shared with the document
from store.models import Band
from store.numbers import format_bebas

from .pembaca import angka, bulat


def baca_tahun(teks: str) -> int:
    t = bulat(teks)
    if t is None:
        raise ValueError("wajib diisi")
    if (alasan := alasan_tahun(t)) is not None:
        raise ValueError(alasan)
    return t


def baca_desimal(teks: str) -> int:
    d = bulat(teks)
    if d is None:
        raise ValueError("wajib diisi")
    if (alasan := alasan_desimal(d)) is not None:
        raise ValueError(alasan)
    return d


def baca_nip(teks: str) -> str | None:
    s = teks.strip().replace(" ", "")
    if not s:
        return None
    if not s.isdigit():
        raise ValueError("hanya boleh berisi angka (spasi boleh)")
    if len(s) != 18:
        raise ValueError(f"NIP terdiri dari 18 angka (tertulis {len(s)})")
    return s


def baca_daftar_tahun(teks: str) -> list[int]:
    """``2017-2021`` or ``2017, 2018, 2019`` (or a mix)."""
    hasil: list[int] = []
    for bagian in re.split(r"[,;\s]+", teks.strip()):
        if not bagian:
            continue
        m = re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})", bagian)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            if a > b:
                raise ValueError(f"rentang {bagian}: tahun awal sesudah tahun akhir")
            hasil += range(a, b + 1)
        elif re.fullmatch(r"\d{4}", bagian):
            hasil.append(int(bagian))
        else:
            raise ValueError(f'"{bagian}" bukan tahun (tulis mis. 2017-2021 atau 2017, 2018)')
    if not hasil:
        raise ValueError("isi paling sedikit satu tahun target")
    return sorted(set(hasil))


def tulis_daftar_tahun(tahun: Sequence[int]) -> str:
    t = sorted(tahun)
    if t and t == list(range(t[0], t[-1] + 1)) and len(t) > 2:
        return f"{t[0]}-{t[-1]}"
    return ", ".join(map(str, t))


_BAND = re.compile(r"^(?P<label>.*?)\s*(?P<op>>=|≥|=>|>)\s*(?P<min>[^<>=≥]+)$")


def baca_band(teks: str) -> Band | None:
    """``Tinggi >= 91`` / ``Sangat Tinggi > 100`` / ``Sangat Rendah`` (the rest); blank: None."""
    s = teks.strip()
    if not s:
        return None
    m = _BAND.match(s)
    if m is None:
        if any(c in s for c in "<>=≥"):
            raise ValueError(f'"{s}" tidak dapat dibaca; tulis mis. "Tinggi >= 91"')
        return Band(s, None, True)
    label = m.group("label").strip()
    if not label:
        raise ValueError("nama kategori kosong")
    nilai = angka(m.group("min"))
    if nilai is None:
        raise ValueError("batas kosong")
    if (alasan := alasan_angka(nilai, NILAI)) is not None:  # the rule import applies to a scale's limit
        raise ValueError(f"batas {alasan}")
    return Band(label, nilai, m.group("op") != ">")


def tulis_band(b: Band) -> str:
    if b.min is None:
        return b.label
    return f"{b.label} {'>=' if b.termasuk_min else '>'} {format_bebas(b.min)}"


def ringkas_skala(skala: Sequence[Band]) -> str:
    return " · ".join(f"{'≥' if b.termasuk_min else '>'}{format_bebas(b.min)} {b.label}" if b.min is not None
                      else f"sisanya {b.label}" for b in skala)
