"""Markdown (and plain-text preview) of a :class:`~exports.tables.Tabel`, via tabulate.

Names are user text: a ``|`` would end a cell and a newline would end the row, so both are
escaped; ``<`` is escaped because we ourselves emit ``<br>`` for line breaks.
"""

from __future__ import annotations

import re

from tabulate import tabulate

from .tables import Bagian, Tabel, teks_bagian

_BARIS_BARU = re.compile(r"\r\n|\r|\n")
_KHUSUS = re.compile(r"[\\|<\r\n]")


def escape(s: str) -> str:
    if not _KHUSUS.search(s):  # nearly every cell: skip four replacements
        return s
    s = s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
    return _BARIS_BARU.sub("<br>", s)


def _tebal(s: str) -> str:
    s = s.strip()
    return f"**{s}**" if s else ""


def _colalign(bagian: Bagian) -> list[str]:
    """Right-align a column when it holds numbers (the report's figures line up on the right)."""
    angka = [any(b.sel[c].angka for b in bagian.baris) for c in range(len(bagian.kolom))]
    return ["right" if a else "left" for a in angka]


def _md_bagian(bagian: Bagian, desimal: int) -> str:
    rows = []
    for b, teks in zip(bagian.baris, teks_bagian(bagian, desimal)):
        sel = [escape(t) for t in teks]
        rows.append([_tebal(s) for s in sel] if b.jenis.tebal else sel)
    kolom = [escape(k) for k in bagian.kolom]
    return tabulate(rows, headers=kolom, tablefmt="pipe", disable_numparse=True,
                    colalign=_colalign(bagian) if rows else None)


def tabel_md(tabel: Tabel, tingkat_judul: str = "") -> str:
    """One table: bold caption, the table(s), the source line. Ends with a newline."""
    out = [f"**{escape(tabel.keterangan)}**", ""]
    for bagian in tabel.bagian:
        if bagian.judul:
            out += [f"*{escape(bagian.judul)}*", ""]
        out += [_md_bagian(bagian, tabel.desimal), ""]
    if tabel.catatan:
        out += [escape(tabel.catatan), ""]
    return "\n".join(out)


def tabel_teks(tabel: Tabel) -> str:
    """Plain text for a preview: no Markdown markup; line breaks in names stay inside the cell."""
    out = [tabel.keterangan, ""]
    for bagian in tabel.bagian:
        if bagian.judul:
            out += [bagian.judul, ""]
        rows = teks_bagian(bagian, tabel.desimal)
        out += [tabulate(rows, headers=list(bagian.kolom), tablefmt="simple_grid", disable_numparse=True,
                         colalign=_colalign(bagian) if rows else None), ""]
    if tabel.catatan:
        out += [tabel.catatan, ""]
    return "\n".join(out)
