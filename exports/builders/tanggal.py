"""Dates as the report writes them: ``31 Desember 2021``."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date, get_month_names


def tanggal_panjang(iso: str) -> str:
    """``2021-12-31`` → ``31 Desember 2021``; text that is not an ISO date is kept as typed."""
    try:
        d = date.fromisoformat(iso)
    except ValueError:
        return iso
    return format_date(d, format="d MMMM y", locale="id_ID")


def nama_bulan() -> list[str]:
    """The months' Indonesian names, Januari … Desember (for reading ``31 Desember 2021``)."""
    nama = get_month_names("wide", locale="id_ID")
    return [str(nama[b]) for b in range(1, 13)]
