"""Writing a planned workbook with xlsxwriter: formats, and the workbook built a sheet at a time.

Kept apart from the planning (exports.xlsx) with nothing but xlsxwriter to import, because
the XLSX writer process of a large export (exports.xlsx_proses) loads only this.
"""

from __future__ import annotations

import io
from typing import Any

import xlsxwriter

# Format keys in a plan are the arguments of :meth:`_Format.get`, or JUDUL, or None (no format).
JUDUL = "judul"
A4 = 9  # xlsxwriter's paper index


class _Format:
    """xlsxwriter formats are workbook objects; make each combination once."""

    def __init__(self, wb):
        self.wb = wb
        self.judul = wb.add_format({"bold": True, "font_size": 12})
        self._cache: dict[tuple[Any, ...], object] = {}

    def get(self, tebal: bool = False, pola: str | None = None, kepala: bool = False, bungkus: bool = False,
            kanan: bool = False):
        key = (tebal, pola, kepala, bungkus, kanan)
        f = self._cache.get(key)
        if f is None:
            props = {"valign": "top"}
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
        self._cache: dict[object, object] = {JUDUL: fmt.judul, None: None}
        self._ws = [self._wb.add_worksheet(n) for n in nama_sheet]

    def tambah(self, indeks: int, sheet) -> None:
        _nama, lebar, beku, sel = sheet
        ws = self._ws[indeks]
        for c, w in enumerate(lebar):
            ws.set_column(c, c, w)
        # Ready to print as the report's tables are: A4 landscape, one page wide, the caption
        # and header repeated on every page.
        ws.set_paper(A4)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        if beku is not None:
            ws.freeze_panes(*beku)
            ws.repeat_rows(0, beku[0] - 1)
        angka, teks, cache, fmt = ws.write_number, ws.write_string, self._cache, self._fmt
        for r, c, v, k in sel:
            f = cache.get(k, cache)
            if f is cache:
                f = cache[k] = fmt.get(*k)
            if type(v) is float:
                angka(r, c, v, f)
            else:
                teks(r, c, v, f)

    def selesai(self) -> bytes:
        self._wb.close()
        return self._buf.getvalue()
