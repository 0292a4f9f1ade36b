"""A program/kegiatan/subkegiatan name as the tables print it: with its Permendagri 90/2019
code in front when it has one (the code is what matches the finance system's budget data)."""

from __future__ import annotations


def dengan_kode(x, nama: str) -> str:
    return f"{x.kode} {nama}" if getattr(x, "kode", "") else nama
