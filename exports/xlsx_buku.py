"""Writing a planned workbook with xlsxwriter: formats, and the workbook built a sheet at a time.

Kept apart from the planning (exports.xlsx) with nothing but xlsxwriter to import, because
the XLSX writer process of a large export (exports.xlsx_proses) loads only this.
"""

from __future__ import annotations

import io
import math
from typing import Any

import xlsxwriter

# Format keys in a plan are the arguments of :meth:`_Format.get`, or JUDUL, or None (no format).
JUDUL = "judul"
SUBJUDUL = "subjudul"  # a table part's own title (2.4's "Anggaran program …"), above its header
Kunci = tuple[bool, str | None, bool, bool, bool] | str | None
# One sheet's plan: its name, column widths, the frozen cell, and (row, column, value, format key) per cell.
Sheet = tuple[str, list[int], tuple[int, int] | None, list[tuple[int, int, str | float, Kunci]]]
A4 = 9  # xlsxwriter's paper index
MARGIN = 0.5  # inches, left and right (top and bottom a little more, for the footer)
# Characters of the default 11 pt font across A4 landscape inside those margins, at 100 %.
LEBAR_CETAK = 140
SKALA_MIN = 75  # % : 11 pt printed at 8 pt or more
TINGGI_BARIS = 15  # points per line of 11 pt text
FOOTER = "&L&A&RHalaman &P dari &N"  # the sheet's name, and page n of N


def skala_cetak(lebar: list[int]) -> int | None:
    """None: fit the sheet to one page wide (it shrinks by no more than to :data:`SKALA_MIN`);
    otherwise the fixed scale (in %) a too-wide table prints at, over several pages across."""
    return None if sum(lebar) * SKALA_MIN <= LEBAR_CETAK * 100 else SKALA_MIN


def baris_teks(teks: str, lebar: int) -> int:
    """Lines a wrapped cell takes in a column ``lebar`` characters wide (words do not break,
    so a line holds a little less than the width)."""
    muat = max(1, int((lebar - 1) * 0.9))
    return sum(max(1, math.ceil(len(b) / muat)) for b in teks.split("\n"))


class _Format:
    """xlsxwriter formats are workbook objects; make each combination once."""

    # xlsxwriter has no type hints: its workbook and formats are Any here.
    def __init__(self, wb: Any) -> None:
        self.wb = wb
        self.judul = wb.add_format({"bold": True, "font_size": 12})
        self.subjudul = wb.add_format({"bold": True, "valign": "top"})
        self.garis = wb.add_format({"border": 1})  # an empty cell inside a table
        self._cache: dict[tuple[Any, ...], Any] = {}

    def get(self, tebal: bool = False, pola: str | None = None, kepala: bool = False, bungkus: bool = False,
            kanan: bool = False) -> Any:
        key = (tebal, pola, kepala, bungkus, kanan)
        f = self._cache.get(key)
        if f is None:
            props: dict[str, Any] = {"valign": "top", "border": 1}
            if tebal or kepala:
                props["bold"] = True
            if kepala:
                props.update(bg_color="#D9D9D9", text_wrap=True, align="center", valign="vcenter", border=1)
            if pola:
                props["num_format"] = pola
            if bungkus:
                props["text_wrap"] = True
            if kanan:
                props["align"] = "right"
            f = self._cache[key] = self.wb.add_format(props)
        return f


class Buku:
    """A workbook whose sheets are named up front, in order, and filled one by one
    (``tambah``, any order), its bytes at the end (``selesai``). Plain data in, so it can run
    in a second process fed sheet by sheet (exports.xlsx_proses)."""

    def __init__(self, nama_sheet: list[str]) -> None:
        self._buf = io.BytesIO()
        self._wb = xlsxwriter.Workbook(self._buf, {"in_memory": True})
        fmt = self._fmt = _Format(self._wb)
        self._cache: dict[Kunci, Any] = {JUDUL: fmt.judul, SUBJUDUL: fmt.subjudul, None: None}
        self._ws = [self._wb.add_worksheet(n) for n in nama_sheet]
        # Per sheet begun: its last table row so far and that part's width (see _garis).
        self._akhir: dict[int, tuple[int, int]] = {}

    def tambah(self, indeks: int, sheet: Sheet) -> None:
        """Sheet ``indeks``'s plan, or its next part (exports.xlsx.rencana_potong: whole rows, in order)."""
        _nama, lebar, beku, sel = sheet
        ws = self._ws[indeks]
        if indeks not in self._akhir:
            self._akhir[indeks] = (-2, 0)
            self._siapkan(ws, lebar, beku)
        angka, teks, cache, fmt = ws.write_number, ws.write_string, self._cache, self._fmt
        tinggi: dict[int, int] = {}  # lines of the tallest wrapped cell per row
        isi: dict[int, set[int]] = {}  # columns written per table row (header or body)
        for r, c, v, k in sel:
            f = cache.get(k, cache)
            if f is cache:
                assert type(k) is tuple  # JUDUL, SUBJUDUL and None are in the cache from the start
                f = cache[k] = fmt.get(*k)
            if isinstance(v, float):
                angka(r, c, v, f)
            else:
                teks(r, c, v, f)
                if type(k) is tuple and (k[2] or k[3]):  # header or wrapped text
                    tinggi[r] = max(tinggi.get(r, 1), baris_teks(v, lebar[c]))
            if type(k) is tuple:  # a table cell (caption, part titles and notes are not)
                isi.setdefault(r, set()).add(c)
        for r, n in tinggi.items():
            if n > 1:  # Excel does not grow a row for wrapped text written by a program
                ws.set_row(r, TINGGI_BARIS * n)
        self._akhir[indeks] = self._garis(ws, isi, len(lebar), *self._akhir[indeks])

    def _siapkan(self, ws: Any, lebar: list[int], beku: tuple[int, int] | None) -> None:
        for c, w in enumerate(lebar):
            ws.set_column(c, c, w)
        # Ready to print as the report's tables are: A4 landscape, one page wide unless that
        # would print below 8 pt (xlsx.py wraps text columns first), the caption and header
        # repeated on every page, page numbers in the footer.
        ws.set_paper(A4)
        ws.set_landscape()
        ws.set_margins(left=MARGIN, right=MARGIN, top=0.6, bottom=0.7)
        ws.set_footer(FOOTER)
        skala = skala_cetak(lebar)
        if skala is None:
            ws.fit_to_pages(1, 0)
        else:
            ws.set_print_scale(skala)
        if beku is not None:
            ws.freeze_panes(*beku)
            ws.repeat_rows(0, beku[0] - 1)

    def _garis(self, ws: Any, isi: dict[int, set[int]], n: int, akhir: int, lebar: int) -> tuple[int, int]:
        """Borders on the empty cells of each table row too (written cells carry their own),
        so a printed table is ruled throughout. A row belongs to a table when it follows a
        header with no blank row between. ``akhir`` and ``lebar``: the last table row of the
        sheet's parts before, and its width; returned for the next part."""
        for r in sorted(isi):
            if r - 1 != akhir:
                lebar = max(isi[r]) + 1  # a part's first row is its header
            akhir = r
            for c in range(min(lebar, n)):
                if c not in isi[r]:
                    ws.write_blank(r, c, None, self._fmt.garis)
        return akhir, lebar

    def selesai(self) -> bytes:
        self._wb.close()
        return self._buf.getvalue()
