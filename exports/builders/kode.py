"""A program/kegiatan/subkegiatan name as the tables print it: with its Permendagri 90/2019
code in front when it has one (the code is what matches the finance system's budget data)."""

from __future__ import annotations

from store.models import Kegiatan, Program, Subkegiatan


def dengan_kode(x: Program | Kegiatan | Subkegiatan | None, nama: str) -> str:
    return f"{x.kode} {nama}" if x is not None and x.kode else nama
