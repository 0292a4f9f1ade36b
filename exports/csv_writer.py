"""CSV of a :class:`~exports.tables.Tabel`, in two variants.

``excel`` opens by double-click in Excel with Indonesian regional settings: ``;`` between
cells, numbers in Indonesian notation (``24.246.540.687``, ``95,95``), UTF-8 with BOM (else
Excel reads ANSI), CRLF. ``plain`` is for programs: ``,``, dot decimal, no grouping, no BOM,
empty for undefined. In both, a *text* cell that Excel would run as a formula gets a leading
``'``; number cells (``-0,11``) are left alone so they stay numbers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from itertools import chain, islice

from .tables import Tabel, mesin, teks_bagian

GAYA = ("excel", "plain")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_AWAL_FORMULA = re.compile(r"(?:^|\x1f)[=+\-@\t\r]")  # a cell (joined by \x1f) starting like one


def netral(s: str) -> str:
    return "'" + s if s.startswith(_FORMULA) else s


def tabel_csv(tabel: Tabel, gaya: str = "excel") -> bytes:
    return b"".join(tabel_csv_potong(tabel, gaya))


BARIS_POTONG = 2000  # rows per piece of :func:`tabel_csv_potong`


def tabel_csv_potong(tabel: Tabel, gaya: str = "excel") -> Iterator[bytes]:
    """The CSV file's bytes in pieces of :data:`BARIS_POTONG` rows: a city's table is never
    one string (nor its copy as bytes)."""
    if gaya not in GAYA:
        raise ValueError(f"gaya CSV tidak dikenal: {gaya}")
    excel = gaya == "excel"
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=";" if excel else ",", lineterminator="\r\n")
    kode = ["utf-8-sig" if excel else "utf-8"]  # the BOM once, before the first piece

    def potong() -> bytes:
        data = buf.getvalue().encode(kode[0])
        kode[0] = "utf-8"
        buf.seek(0)
        buf.truncate()
        return data

    d = tabel.desimal
    for n, bagian in enumerate(tabel.bagian):
        if n:
            w.writerow([])
        if bagian.judul:
            w.writerow([netral(bagian.judul)])
        w.writerow([netral(k) for k in bagian.kolom])
        if excel:
            teks: Iterable[list[str]] = teks_bagian(bagian, d)
            if _AWAL_FORMULA.search("\x1f".join(chain.from_iterable(teks))):
                teks = ([t if s.angka else netral(t) for s, t in zip(b.sel, r)]
                        for b, r in zip(bagian.baris, teks))
            # nearly always: no cell to neutralise, the shared texts as they are
        else:
            # a text cell's machine form is its text
            teks = ([mesin(s, d) if s.angka else netral(mesin(s, d)) for s in b.sel] for b in bagian.baris)
        teks = iter(teks)
        while baris := list(islice(teks, BARIS_POTONG)):
            w.writerows(baris)
            if len(baris) == BARIS_POTONG:
                yield potong()
    yield potong()
