"""One XLSX workbook, a sheet per table, via xlsxwriter.

Numbers are written as numbers with ``#,##0`` / ``#,##0.00`` display formats; Excel shows
them with the reader's own separators (``24.246.540.687`` on an Indonesian machine). Text is
always written with ``write_string``: a name beginning with ``=`` stays text, never a formula.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from store.tanpa_gc import tanpa_gc

from .tables import Jenis, JenisBaris, Tabel, teks_bagian
from .xlsx_buku import JUDUL, LEBAR_CETAK, SUBJUDUL, Buku, Kunci, Sheet

LEBAR_MIN, LEBAR_MAKS = 4, 60
LEBAR_TEKS_MIN = 14  # a text column squeezed to fit the page wraps its cells, never narrower than this


def _pola(desimal: int) -> str:
    return "#,##0" + ("." + "0" * desimal if desimal > 0 else "")


def _desimal_ukuran(nilai: str | Decimal | int, desimal: int) -> int:
    """A typed measure shows its own decimals, at most the report's."""
    exp = Decimal(nilai).as_tuple().exponent
    return min(-exp, desimal) if isinstance(exp, int) and exp < 0 else 0


TEKS, RUPIAH, CACAH, UKURAN = Jenis.TEKS, Jenis.RUPIAH, Jenis.CACAH, Jenis.UKURAN  # hot loop: no enum lookups
ISI = JenisBaris.ISI


class _Kunci(dict[Kunci, Any]):
    """Format keys, one tuple object per combination: a sheet pickles each once (pickle
    shares repeated objects), not once per cell."""

    def __missing__(self, k: tuple[Any, ...]) -> tuple[Any, ...]:
        self[k] = k
        return k


_KUNCI = _Kunci()


def nama_sheet(nomor: str) -> str:
    return f"Tabel {nomor}"[:31]


def _lebar(tabel: Tabel) -> list[int]:
    """Column widths that fit the longest line of header or cell, within sane bounds; on a
    table wider than the printed page, its widest text columns are narrowed (their cells
    wrap) until it fits, so that the page need not be shrunk below a readable size."""
    n = max(len(b.kolom) for b in tabel.bagian)
    lebar = [LEBAR_MIN] * n
    teks_kolom = [False] * n
    for bagian in tabel.bagian:
        for c, k in enumerate(bagian.kolom):
            lebar[c] = max(lebar[c], min(len(k), 24))  # headers wrap; do not let them widen much
        teks = teks_bagian(bagian, tabel.desimal)
        # A column at a time: the longest cell, unless one has several lines (then cell by cell as
        # written, each longer one setting the width to its longest line).
        for c, (sel, isi) in enumerate(zip(zip(*(b.sel for b in bagian.baris)), zip(*teks))):
            terpanjang = max(map(len, isi))
            if "\n" in "\x00".join(isi):
                for t in isi:
                    if len(t) > lebar[c]:
                        lebar[c] = max(len(x) for x in t.splitlines()) if "\n" in t else len(t)
            elif terpanjang > lebar[c]:
                lebar[c] = terpanjang
            if not teks_kolom[c] and terpanjang > LEBAR_TEKS_MIN:
                teks_kolom[c] = any(s.jenis is TEKS and len(t) > LEBAR_TEKS_MIN for s, t in zip(sel, isi))
    return _muat(n, [min(w + 2, LEBAR_MAKS) for w in lebar], teks_kolom)


def _muat(n: int, lebar: list[int], teks_kolom: list[bool]) -> list[int]:
    """Narrow the widest text column, one character at a time, until the table fits
    :data:`LEBAR_CETAK` or every text column is at :data:`LEBAR_TEKS_MIN`."""
    lebih = sum(lebar) - LEBAR_CETAK
    sempit = [c for c in range(n) if teks_kolom[c]]
    while lebih > 0 and sempit:
        c = max(sempit, key=lambda c: lebar[c])  # at most a few hundred steps: widths are ≤ 60
        if lebar[c] <= LEBAR_TEKS_MIN:
            break
        lebar[c] -= 1
        lebih -= 1
    return lebar


# A sheet is first laid out as a plan of plain values (:func:`rencana`), then written with
# xlsxwriter (:class:`Buku`). The plan is cheap to pickle, so a large export hands the
# xlsxwriter work (most of an export's time) to a second process sheet by sheet; see
# exports.xlsx_proses.
# Format keys: see exports.xlsx_buku.
Rencana = list[list[Sheet]]  # per sheet, its plan's parts in order (rencana_potong)


SEL_PER_POTONG = 20_000  # cells per part of a sheet's plan (a 40,000-row table has ~300,000)


def rencana_potong(tabel: Tabel) -> Iterator[Sheet]:
    """One table's sheet as plain values (also formats its cells, which Markdown and CSV
    share), in parts of about :data:`SEL_PER_POTONG` cells, whole rows each; a workbook takes
    them in order (:meth:`exports.xlsx_buku.Buku.tambah`). A large table's plan is never held
    whole."""
    sel_per_potong = SEL_PER_POTONG
    nama = nama_sheet(tabel.nomor)
    lebar = _lebar(tabel)
    sel: list[tuple[int, int, str | float, Kunci]] = [(0, 0, tabel.keterangan, JUDUL)]
    tambah = sel.append
    beku: tuple[int, int] | None = None
    r = 2
    d = tabel.desimal
    for n, bagian in enumerate(tabel.bagian):
        if bagian.judul:
            tambah((r, 0, bagian.judul, SUBJUDUL))
            r += 1
        for c, k in enumerate(bagian.kolom):
            tambah((r, c, k, _KUNCI[False, None, True, False, False]))
        if n == 0:  # the first header stays in view, and is printed on every page (2.4's three parts too)
            beku = (r + 1, 0)
        r += 1
        batas = [w - 2 for w in lebar]
        for b, teks in zip(bagian.baris, teks_bagian(bagian, d)):
            tebal = b.jenis is not ISI
            for c, (s, t) in enumerate(zip(b.sel, teks)):
                if not t:
                    continue  # empty cells are not written: a 10,000-row table has ~70,000 of them
                j = s.jenis
                if j is TEKS:
                    tambah((r, c, t, _KUNCI[tebal, None, False, len(t) >= batas[c] or "\n" in t, False]))
                elif s.nilai is None:
                    tambah((r, c, t, _KUNCI[tebal, None, False, False, True]))  # undefined: "-" as on screen
                else:
                    desimal = 0 if j is RUPIAH or j is CACAH else _desimal_ukuran(s.nilai, d) if j is UKURAN else d
                    tambah((r, c, float(s.nilai), _KUNCI[tebal, _POLA[desimal], False, False, False]))
            r += 1
            if len(sel) >= sel_per_potong:
                yield nama, lebar, beku, sel
                sel = []
                tambah = sel.append
        r += 1
    if tabel.catatan:
        tambah((r, 0, tabel.catatan, None))
    yield nama, lebar, beku, sel


class _Pola(dict[int, str]):
    def __missing__(self, desimal: int) -> str:
        self[desimal] = p = _pola(desimal)
        return p


_POLA = _Pola()


def rencana(daftar: list[Tabel]) -> Rencana:
    return [list(rencana_potong(t)) for t in daftar]


def tulis_rencana(rencana: Rencana) -> bytes:
    """The workbook of a whole plan, in this process."""
    with tanpa_gc():  # xlsxwriter keeps every cell until close(): nothing to collect before
        buku = Buku([bagian[0][0] for bagian in rencana])
        for i, bagian in enumerate(rencana):
            for sheet in bagian:
                buku.tambah(i, sheet)
        return buku.selesai()


def workbook_xlsx(daftar: list[Tabel]) -> bytes:
    return tulis_rencana(rencana(daftar))
