"""Markdown (and plain-text preview) of a :class:`~exports.tables.Tabel`, via tabulate.

Names are user text: a ``|`` would end a cell and a newline would end the row, so both are
escaped; ``<`` is escaped because we ourselves emit ``<br>`` for line breaks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from typing import Any

import tabulate as _tabulate_mod
from tabulate import tabulate

from .docx_xml import kolom_angka
from .tables import Bagian, Tabel, teks_bagian

_BARIS_BARU = re.compile(r"\r\n|\r|\n")
# Control characters, line/paragraph separators, bidi controls and lone surrogates (the ones
# store/teks.py refuses; \t, \n and \r are handled on their own): an older version let some
# into the database, and raw they would reach a terminal or reorder a line of the report.
_KENDALI = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                      "\u200e\u200f\u061c\ud800-\udfff]")
_KHUSUS = re.compile(r"[\\|<\r\n]|" + _KENDALI.pattern)


def kendali_tampak(s: str) -> str:
    """``s`` with each refused character written as its code (``<U+001B>`` once rendered)."""
    return _KENDALI.sub(lambda m: f"&lt;U+{ord(m.group()):04X}&gt;", s)


def escape(s: str) -> str:
    if not _KHUSUS.search(s):  # nearly every cell: skip four replacements
        return s
    s = s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
    return kendali_tampak(_BARIS_BARU.sub("<br>", s))


def _tebal(s: str) -> str:
    s = s.strip()
    return f"**{s}**" if s else ""


def _colalign(bagian: Bagian) -> list[str]:
    """Right-align a column when it holds numbers (the report's figures line up on the right)."""
    return ["right" if angka else "left" for angka in kolom_angka(bagian)]


def _md_bagian(bagian: Bagian, desimal: int) -> Iterable[str]:
    """The part's Markdown table as lines (joined by newlines: the table)."""
    teks = teks_bagian(bagian, desimal)
    # One search over the whole part: names with | \ < or line breaks are rare, and escaping
    # 80,000 cells one by one was a fifth of the Markdown time at city scale.
    # Joined by a tab, which _KHUSUS does not match (it matched the \x1f once used, so every
    # part was escaped cell by cell).
    if _KHUSUS.search("\t".join(chain.from_iterable(teks))):
        teks = [[escape(t) for t in r] for r in teks]
    rows = [[_tebal(s) for s in r] if b.jenis.tebal else r for b, r in zip(bagian.baris, teks)]
    kolom = [escape(k) for k in bagian.kolom]
    if len(rows) >= BARIS_CEPAT:
        cepat = _pipe_cepat_baris(rows, kolom, _colalign(bagian))
        if cepat is not None:
            return cepat
    md: str = tabulate(rows, headers=kolom, tablefmt="pipe", disable_numparse=True,
                       colalign=_colalign(bagian) if rows else None)
    return [md]


# From this many rows a part is laid out by :func:`_pipe_cepat` (same bytes as tabulate): every
# part with rows (tabulate's own type detection was a fifth of a city's Markdown time).
BARIS_CEPAT = 1
_TIDAK_POLOS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")  # ANSI escapes, tabulate's separating line, CR/LF


def _pipe_cepat(rows: list[list[str]], kolom: list[str], colalign: list[str]) -> str | None:
    baris = _pipe_cepat_baris(rows, kolom, colalign)
    return None if baris is None else "\n".join(baris)


def _pipe_cepat_baris(rows: list[list[str]], kolom: list[str], colalign: list[str]) -> Iterator[str] | None:
    """Exactly ``tabulate(rows, headers=kolom, tablefmt="pipe", disable_numparse=True,
    colalign=colalign)`` for plain text cells; ``None`` when the text is not plain (control
    characters, or wide characters while tabulate measures with wcwidth), so that tabulate
    itself lays it out.

    tabulate detects a type for every cell even with ``disable_numparse`` (and strips ANSI
    codes from each while doing so): on a 10,000-row part that is most of the Markdown time.
    Here the layout is the same few rules: cells stripped, each column as wide as its widest
    cell or its header plus 2, left or right padded, ``| a | b |`` rows, colons in the line
    under the header. tests/exports/test_markdown.py compares the two on random tables."""
    semua = "".join(chain(kolom, chain.from_iterable(rows)))
    if _TIDAK_POLOS.search(semua):
        return None
    if _tabulate_mod.wcwidth is not None and _tabulate_mod.WIDE_CHARS_MODE and not semua.isascii():
        return None
    kanan = [a == "right" for a in colalign]
    kolom_sel = [[s.strip() for s in c] for c in zip(*rows)]
    lebar = [max(len(h) + 2, max(map(len, c))) for h, c in zip(kolom, kolom_sel)]
    kepala = "| " + " | ".join(h.rjust(w) if k else h.ljust(w) for h, w, k in zip(kolom, lebar, kanan)) + " |"
    garis = "|" + "|".join("-" * (w + 1) + ":" if k else ":" + "-" * (w + 1) for w, k in zip(lebar, kanan)) + "|"
    # A row at a time, as it is written, padded by str.format (as rjust/ljust): no padded copy
    # of every cell, nor every row, is held.
    pola = "| " + " | ".join(f"{{:{'>' if k else '<'}{w}}}" for w, k in zip(lebar, kanan)) + " |"
    return chain((kepala, garis), map(pola.format, *kolom_sel))


def tabel_md(tabel: Tabel) -> str:
    """One table: bold caption, the table(s), the source line. Ends with a newline."""
    return "\n".join(tabel_md_baris(tabel))


BARIS_KELOMPOK = 1000  # lines per group of :func:`per_kelompok`


def per_kelompok(baris: Iterable[str]) -> Iterator[str]:
    """The lines in groups of :data:`BARIS_KELOMPOK`, each group joined by newlines (joined by
    newlines again, the same text): a large table handled a group at a time, not a line."""
    it = iter(baris)
    while kelompok := list(islice(it, BARIS_KELOMPOK)):
        yield "\n".join(kelompok)


def tabel_md_baris(tabel: Tabel) -> Iterator[str]:
    """:func:`tabel_md` as lines, made as they are read (a city's table is never one string)."""
    if tabel.keterangan:  # an annex's table may have none
        yield from (f"**{escape(tabel.keterangan)}**", "")
    for bagian in tabel.bagian:
        if bagian.judul:
            yield from (f"*{escape(bagian.judul)}*", "")
        yield from _md_bagian(bagian, tabel.desimal)
        yield ""
    if tabel.catatan:
        yield from (escape(tabel.catatan), "")


MIN_TEKS = 10  # a text column narrower than this is harder to read than scrolling sideways


def lebar_muat(rows: list[list[str]], kolom: list[str], lebar: int,
               angka: list[bool] | None = None) -> tuple[list[Any], list[Any]] | None:
    """Widths (for the cells, for the headers) so a ``simple_grid`` table fits ``lebar``
    characters where it can: the widest text column gives way first (its text wraps inside the
    cell), none below ``MIN_TEKS``; then a number column's header wraps down to its widest
    value (a number is never split). A table that still does not fit is left for the preview to
    scroll sideways. None: it fits as it is."""
    def terpanjang(sel: str) -> int:
        return max((len(b) for b in str(sel).split("\n")), default=0)

    angka = angka or [False] * len(kolom)
    isi = [max([terpanjang(r[i]) for r in rows] or [1]) for i in range(len(kolom))]
    alami = [max(isi[i], terpanjang(k)) for i, k in enumerate(kolom)]
    ruang = lebar - (5 * len(kolom) + 1)  # per column: border, padding and tabulate's minimum padding
    if sum(alami) <= ruang:
        return None
    w = list(alami)
    syarat: tuple[Callable[[int], bool], ...] = (lambda i: not angka[i] and w[i] > MIN_TEKS,  # text first
                                                 lambda i: angka[i] and w[i] > max(isi[i], 6))  # then number headers
    for boleh_lebih in syarat:
        while sum(w) > ruang:
            boleh = [i for i in range(len(w)) if boleh_lebih(i)]
            if not boleh:
                break
            w[max(boleh, key=lambda n: w[n])] -= 1
    return [None if a else x for x, a in zip(w, angka)], w


def tabel_teks(tabel: Tabel, lebar: int | None = None) -> str:
    """Plain text for a preview: no Markdown markup; line breaks in names stay inside the cell.
    With ``lebar`` the table is fitted to that many characters (long text wraps in its cell)."""
    out = [tabel.keterangan, ""]
    for bagian in tabel.bagian:
        if bagian.judul:
            out += [bagian.judul, ""]
        rows = teks_bagian(bagian, tabel.desimal)
        rata = _colalign(bagian) if rows else None
        kanan = [r == "right" for r in rata] if rata else None
        muat = lebar_muat(rows, list(bagian.kolom), lebar, kanan) if lebar else None
        sel, kepala = muat or (None, None)
        out += [tabulate(rows, headers=list(bagian.kolom), tablefmt="simple_grid", disable_numparse=True,
                         colalign=rata, maxcolwidths=sel, maxheadercolwidths=kepala), ""]
    if tabel.catatan:
        out += [tabel.catatan, ""]
    return "\n".join(out)
