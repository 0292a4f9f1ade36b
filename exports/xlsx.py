"""One XLSX workbook, a sheet per table, via xlsxwriter.

Numbers are written as numbers with ``#,##0`` / ``#,##0.00`` display formats; Excel shows
them with the reader's own separators (``24.246.540.687`` on an Indonesian machine). Text is
always written with ``write_string``: a name beginning with ``=`` stays text, never a formula.
"""

from __future__ import annotations

import io
from decimal import Decimal

import xlsxwriter

from .tables import Jenis, Sel, Tabel, teks_bagian

LEBAR_MIN, LEBAR_MAKS = 4, 60


def _pola(desimal: int) -> str:
    return "#,##0" + ("." + "0" * desimal if desimal > 0 else "")


def _desimal_sel(sel: Sel, desimal: int) -> int:
    if sel.jenis in (Jenis.RUPIAH, Jenis.CACAH):
        return 0
    if sel.jenis is Jenis.UKURAN:
        exp = Decimal(sel.nilai).as_tuple().exponent
        return min(-exp, desimal) if isinstance(exp, int) and exp < 0 else 0
    return desimal


class _Format:
    """xlsxwriter formats are workbook objects; make each combination once."""

    def __init__(self, wb):
        self.wb = wb
        self.judul = wb.add_format({"bold": True, "font_size": 12})
        self._cache: dict[tuple, object] = {}

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


def _nama_sheet(nomor: str) -> str:
    return f"Tabel {nomor}"[:31]


def _lebar(tabel: Tabel) -> list[int]:
    """Column widths that fit the longest line of header or cell, within sane bounds."""
    n = max(len(b.kolom) for b in tabel.bagian)
    lebar = [LEBAR_MIN] * n
    for bagian in tabel.bagian:
        for c, k in enumerate(bagian.kolom):
            lebar[c] = max(lebar[c], min(len(k), 24))  # headers wrap; do not let them widen much
        for teks in teks_bagian(bagian, tabel.desimal):
            for c, t in enumerate(teks):
                if len(t) > lebar[c]:
                    lebar[c] = max(len(x) for x in t.splitlines()) if "\n" in t else len(t)
    return [min(w + 2, LEBAR_MAKS) for w in lebar]


def _tulis_sheet(wb, fmt: _Format, tabel: Tabel) -> None:
    ws = wb.add_worksheet(_nama_sheet(tabel.nomor))
    lebar = _lebar(tabel)
    for c, w in enumerate(lebar):
        ws.set_column(c, c, w)
    ws.write_string(0, 0, tabel.keterangan, fmt.judul)
    r = 2
    d = tabel.desimal
    for n, bagian in enumerate(tabel.bagian):
        if bagian.judul:
            ws.write_string(r, 0, bagian.judul, fmt.get(tebal=True))
            r += 1
        for c, k in enumerate(bagian.kolom):
            ws.write_string(r, c, k, fmt.get(kepala=True))
        if n == 0 and len(tabel.bagian) == 1:
            ws.freeze_panes(r + 1, 0)
        r += 1
        # Per-cell work is most of the XLSX time on a city-scale budget: look formats up once
        # per (bold, decimals) / (bold, wrap) instead of building keys and patterns per cell.
        f_angka: dict[tuple[bool, int], object] = {}
        f_teks: dict[tuple[bool, bool], object] = {}
        f_kosong = (fmt.get(False, kanan=True), fmt.get(True, kanan=True))
        batas = [w - 2 for w in lebar]
        tulis_angka, tulis_teks = ws.write_number, ws.write_string
        for b, teks in zip(bagian.baris, teks_bagian(bagian, d)):
            tebal = b.jenis.tebal
            for c, (s, t) in enumerate(zip(b.sel, teks)):
                if not t:
                    continue  # empty cells are not written: a 10,000-row table has ~70,000 of them
                j = s.jenis
                if j is Jenis.TEKS:
                    kunci = (tebal, len(t) >= batas[c] or "\n" in t)
                    f = f_teks.get(kunci)
                    if f is None:
                        f = f_teks[kunci] = fmt.get(tebal, bungkus=kunci[1])
                    tulis_teks(r, c, t, f)
                elif s.nilai is None:
                    tulis_teks(r, c, t, f_kosong[tebal])  # undefined: "-" as on screen
                else:
                    kunci = (tebal, _desimal_sel(s, d))
                    f = f_angka.get(kunci)
                    if f is None:
                        f = f_angka[kunci] = fmt.get(tebal, _pola(kunci[1]))
                    tulis_angka(r, c, float(s.nilai), f)
            r += 1
        r += 1
    if tabel.catatan:
        ws.write_string(r, 0, tabel.catatan)


def workbook_xlsx(daftar: list[Tabel]) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    fmt = _Format(wb)
    for tabel in daftar:
        _tulis_sheet(wb, fmt, tabel)
    wb.close()
    return buf.getvalue()
