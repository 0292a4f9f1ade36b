"""Dates as the report writes them: ``31 Desember 2021``."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date


def tanggal_panjang(iso: str) -> str:
    """``2021-12-31`` → ``31 Desember 2021``; text that is not an ISO date is kept as typed."""
    try:
        d = date.fromisoformat(iso)
    except ValueError:
        return iso
    return format_date(d, format="d MMMM y", locale="id_ID")
