"""The whole report as one Markdown document, ``laporan-<tahun>.md``.

It renders :func:`exports.naskah.susun`'s blocks, the same the Word document renders, so both
carry the same text in the same order: the outline's headings, the unit's texts (or a
visible placeholder), the tables with their captions, the signatures and the annexes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from store.models import Laporan

from . import naskah
from .markdown import escape, kendali_tampak, per_kelompok, tabel_md_baris
from .tables import Tabel

_BARIS_BARU = re.compile(r"\s*(\r\n|\r|\n)\s*")
_AWAL_KHUSUS = re.compile(r"^(\s*)([#>])")  # would start a heading or a quote


def _kalimat(s: str) -> str:
    """User text inside a paragraph: one line, no raw HTML, no accidental heading or list."""
    s = kendali_tampak(_BARIS_BARU.sub(" ", s).replace("\\", "\\\\").replace("<", "&lt;"))
    return _AWAL_KHUSUS.sub(lambda m: m.group(1) + "\\" + m.group(2), s)


def _butir(b: naskah.Butir) -> list[str]:
    if b.nomor == "1":
        return [f"{n}. {_kalimat(x)}" for n, x in enumerate(b.isi, 1)]
    if b.nomor == "a":
        return [f"- {chr(ord('a') + n) if n < 26 else n + 1}. {_kalimat(x)}" for n, x in enumerate(b.isi)]
    return [f"- {_kalimat(x)}" for x in b.isi]


def dokumen_md(lap: Laporan, tabel: dict[str, Tabel], md: Callable[[Tabel], str]) -> str:
    """``tabel`` maps every table number to its built table; ``md`` renders one (cached by the caller)."""
    return "".join(dokumen_md_potong(lap, tabel, lambda t: [md(t)]))


def dokumen_md_potong(lap: Laporan, tabel: dict[str, Tabel], md: Callable[[Tabel], Iterable[str]]) -> Iterator[str]:
    """:func:`dokumen_md` in pieces, a block at a time (a city's document is never one string);
    ``md`` gives a table's Markdown as lines (:func:`exports.markdown.tabel_md_baris`)."""
    return _satu_baris_akhir(_baris(lap, tabel, md))


def _satu_baris_akhir(baris: Iterable[str]) -> Iterator[str]:
    """The lines joined by newlines, ending with exactly one (``"\n".join(…).rstrip("\n") + "\n"``),
    without holding them: only what follows the last line with text waits."""
    tahan: list[str] = []  # the last line with text and what came after it
    for n, x in enumerate(baris):
        if n:
            tahan.append("\n")
        if x.count("\n") == len(x):  # empty, or newlines only: may end the document
            tahan.append(x)
            continue
        yield from tahan
        tahan = [x]
    if tahan and tahan[0].count("\n") != len(tahan[0]):
        yield tahan[0].rstrip("\n")
    yield "\n"


def _baris(lap: Laporan, tabel: dict[str, Tabel], md: Callable[[Tabel], Iterable[str]]) -> Iterator[str]:
    """The document's lines (a table's Markdown as one), block by block."""
    yield f"# Laporan Kinerja Instansi Pemerintah (LKjIP) {_kalimat(lap.instansi.nama)} Tahun {lap.tahun}"
    yield ""
    for b in naskah.susun(lap, tabel):
        out: list[str] = []
        if isinstance(b, naskah.Judul):
            out += [f"{'#' * (b.tingkat + 1)} {_kalimat(b.teks)}", ""]
        elif isinstance(b, naskah.Paragraf):
            teks = _kalimat(b.teks)
            out += [f"**{teks}**" if b.tebal else teks, ""]
        elif isinstance(b, naskah.Butir):
            out += [*_butir(b), ""]
        elif isinstance(b, naskah.Kosong):
            out += [f"> **{escape(b.label)}**", ""]
            if b.draf:
                out += [f"> *{_kalimat(baris)}*" for baris in b.draf.splitlines() if baris.strip()] + [""]
        elif isinstance(b, naskah.BlokTabel):
            yield from per_kelompok(md(b.tabel) if b.bernomor else tabel_md_baris(b.tabel))  # md caches by number
        elif isinstance(b, naskah.TandaTangan):
            out += _ttd(b)
        elif isinstance(b, naskah.TandaTanganDua):
            out += _ttd(b.kiri) + _ttd(b.kanan)
        elif isinstance(b, naskah.Daftar):
            out += [*(f"{'  ' * (t - 1)}- {_kalimat(x)}" for t, x in b.entri), ""] if b.entri else []
        elif isinstance(b, naskah.Gambar):
            out += [f"*{_kalimat(b.label)}*", "", f"> **{escape(b.keterangan)}**", ""]
        elif isinstance(b, naskah.Bagan):
            out += [*_bagan(b), "", f"*{_kalimat(b.label)}*", ""]
        # naskah.Logo: a Markdown file carries no picture
        yield from out


def _bagan(b: naskah.Bagan) -> list[str]:
    """The organisation chart as an indented tree in a code block (drawn the same in any viewer)."""
    baris = ["```"]
    for i, (k, nama) in enumerate(b.unit):
        if k == 0:
            baris.append(nama.replace("`", "'"))
            continue
        # the last of its siblings when no later unit at this depth comes before a shallower one
        terakhir = next((kx for kx, _ in b.unit[i + 1:] if kx <= k), 0) < k
        garis = "".join("│   " if _lanjut(b.unit, i, d) else "    " for d in range(1, k))
        baris.append(garis + ("└── " if terakhir else "├── ") + nama.replace("`", "'"))
    return baris + ["```"]


def _lanjut(unit: tuple[tuple[int, str], ...], i: int, d: int) -> bool:
    """Whether the branch at depth ``d`` above row ``i`` goes on below it (draw │)."""
    return next((kx for kx, _ in unit[i + 1:] if kx <= d), 0) == d


def _ttd(t: naskah.TandaTangan) -> list[str]:
    """A signature block: its lines as one paragraph (hard line breaks), a gap for the signature."""
    baris = [_kalimat(x) for x in t.atas if x] + ["", "", f"**{_kalimat(t.nama)}**", *map(_kalimat, t.bawah)]
    return ["<br>\n".join(baris), ""]
