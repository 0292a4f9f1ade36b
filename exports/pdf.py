"""The report as PDF, ``laporan-<tahun>.pdf``, typeset by Typst (the ``typst`` package: the
compiler and its fonts in one wheel; no Word, no LibreOffice, no network).

It renders :func:`exports.naskah.susun`'s blocks, the same the Markdown and Word documents
render. The blocks go to Typst as JSON (``sys.inputs``) and ``pdf.typ`` lays them out, so no
typed text is ever read as markup. Daftar Isi, Tabel and Gambar are Typst outlines: their page
numbers are the real ones. Page flow (landscape tables, what stays with what) is
:mod:`exports.halaman`'s, shared with the Word document.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from store.dokumen import PNG
from store.models import Laporan

from . import naskah
from .docx_xml import bersih
from .halaman import LEBAR_LANSKAP, LEBAR_POTRET, arah_halaman, lekat
from .lebar_teks import CAP
from .pdf_proses import TypstGagal, susun
from .pdf_tabel import SPASI, TEPI_HALAMAN, TEPI_X, TEPI_Y, bagian_json, kira_tinggi, potong
from .tables import Tabel


class PdfGagal(RuntimeError):
    """Typst could not typeset the document (a bug of lkjip, not of the data): the message says why."""


def dokumen_pdf(lap: Laporan, tabel: Mapping[str, Tabel]) -> bytes:
    """``tabel`` maps every table number to its built table; returns the PDF file's bytes."""
    templat = files("exports").joinpath("pdf.typ").read_bytes()
    try:
        return susun(templat, naskah_json(lap, naskah.susun(lap, tabel)))  # a large one in other processes
    except TypstGagal as e:
        raise PdfGagal(f"PDF tidak dapat disusun: {e}") from None


@dataclass
class _Seksi:
    nomor: str      # Typst page numbering: "" (none, the cover), "i", "1"
    mulai: bool     # the page counter restarts here
    lanskap: bool
    bab: str = ""   # the running header's chapter: every page of a run belongs to one chapter
    blok: list[dict[str, Any]] = field(default_factory=list)
    halaman: int = 0  # a long table's piece: its pages (pdf_proses may typeset it apart)


NOMOR = {"sampul": "", "depan": "i", "isi": "1", "lampiran": "1"}


def naskah_json(lap: Laporan, blok: Sequence[naskah.Blok]) -> dict[str, Any]:
    """The blocks as the JSON ``pdf.typ`` reads: page runs (part of the document, orientation,
    chapter), each with its blocks as plain dicts of text. A chapter (a level-1 heading, always
    on a new page) starts a run of its own: the running header is then plain text, not a
    query on every page, and Typst lays the runs out side by side."""
    judul = f"LKjIP {lap.instansi.nama} Tahun {lap.tahun}".replace("  ", " ")
    seksi = [_Seksi("", False, False)]
    jenis = "sampul"
    for b, lanskap, tetap in zip(blok, arah_halaman(blok), lekat(blok)):
        s = seksi[-1]
        if isinstance(b, naskah.Seksi):
            jenis = b.jenis
            seksi.append(_Seksi(NOMOR.get(jenis, "1"), jenis in ("depan", "isi"), lanskap, s.bab))
            continue
        if isinstance(b, naskah.Judul) and b.tingkat == 1:
            if s.blok and s.blok[-1]["k"] == "halaman":
                s.blok.pop()  # the new run starts the new page
            if s.blok:
                s = _Seksi(NOMOR.get(jenis, "1"), False, lanskap)
                seksi.append(s)
            s.bab = bersih(b.teks)
        if lanskap != s.lanskap:
            s = _Seksi(NOMOR.get(jenis, "1"), False, lanskap, s.bab)
            seksi.append(s)
        if isinstance(b, naskah.HalamanBaru) and not s.blok:
            continue  # a new page run already starts on a new page
        isi = _blok(b, tetap, lanskap)
        if isi["k"] == "tabel":
            s = _tabel_panjang(seksi, isi)
        else:
            s.blok.append(isi)
    return {"judul": bersih(judul), "instansi": bersih(lap.instansi.nama),
            "sel": {"tepi": [TEPI_X, TEPI_Y], "spasi": SPASI, "cap": CAP},
            "tepi": {"potret": TEPI_HALAMAN[False], "lanskap": TEPI_HALAMAN[True]},
            "seksi": [{"nomor": s.nomor, "mulai": s.mulai, "lanskap": s.lanskap, "bab": s.bab, "blok": s.blok,
                       "halaman": s.halaman} for s in seksi if s.blok or s.mulai]}


def _tabel_panjang(seksi: list[_Seksi], tabel: dict[str, Any]) -> _Seksi:
    """Adds a table to the last page run; a long one starts a run of its own on a new page,
    with the heading and lead-in kept above it and its first page's rows; every
    ``HALAMAN_PER_RUN`` pages after it are a run of their own. Returns the run that goes on."""
    s = seksi[-1]
    bawa = len(s.blok)  # the blocks that stay with it: a lead-in and the headings above it
    while bawa and (s.blok[bawa - 1].get("lekat") or s.blok[bawa - 1]["k"] == "judul"):
        bawa -= 1
    cadangan = sum(kira_tinggi(b, s.lanskap) for b in [*s.blok[bawa:], tabel])
    bagian = potong(tabel, s.lanskap, cadangan)
    if bagian is None:
        s.blok.append(tabel)
        return s
    if bawa:
        s = _Seksi(s.nomor, False, s.lanskap, s.bab, s.blok[bawa:])
        del seksi[-1].blok[bawa:]
        seksi.append(s)
    s.blok.append(bagian[0])
    for b in bagian[1:]:
        s = _Seksi(s.nomor, False, s.lanskap, s.bab, [b], b["halaman"])
        seksi.append(s)
    return s


def _ttd(t: naskah.TandaTangan | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {"atas": [bersih(x) for x in t.atas], "nama": bersih(t.nama), "bawah": [bersih(x) for x in t.bawah]}


def _blok(b: naskah.Blok, tetap: bool, lanskap: bool) -> dict[str, Any]:
    if isinstance(b, naskah.Judul):
        return {"k": "judul", "teks": bersih(b.teks), "tingkat": b.tingkat, "daftar": b.di_daftar_isi and b.tingkat <= 2}
    if isinstance(b, naskah.Paragraf):
        return {"k": "par", "teks": bersih(b.teks), "tebal": b.tebal, "tengah": b.tengah, "sampul": b.sampul,
                "lekat": tetap}
    if isinstance(b, naskah.Butir):
        return {"k": "butir", "isi": [bersih(x) for x in b.isi], "nomor": b.nomor, "lekat": tetap}
    if isinstance(b, naskah.Kosong):
        draf = [bersih(x.strip()) for x in (b.draf or "").splitlines() if x.strip()]
        return {"k": "kosong", "label": bersih(b.label), "draf": draf, "lekat": tetap}
    if isinstance(b, naskah.BlokTabel):
        lebar = LEBAR_LANSKAP if lanskap else LEBAR_POTRET
        t = b.tabel
        return {"k": "tabel", "ket": bersih(t.keterangan), "bernomor": b.bernomor, "catatan": bersih(t.catatan),
                "bagian": [bagian_json(p, t.desimal, lebar) for p in t.bagian]}
    if isinstance(b, naskah.TandaTangan):
        return {"k": "ttd", "kiri": None, "kanan": _ttd(b)}
    if isinstance(b, naskah.TandaTanganDua):
        return {"k": "ttd", "kiri": _ttd(b.kiri), "kanan": _ttd(b.kanan)}
    if isinstance(b, naskah.Daftar):
        return {"k": "daftar", "jenis": b.jenis}
    if isinstance(b, naskah.Gambar):
        return {"k": "gambar", "label": bersih(b.label), "ket": bersih(b.keterangan)}
    if isinstance(b, naskah.HalamanBaru):
        return {"k": "halaman"}
    jenis = type(b).__name__
    if jenis == "Logo":  # the cover's logo: PNG bytes, as a list of numbers (JSON has no bytes)
        png = bytes(getattr(b, "png", b""))
        if not png.startswith(PNG):  # Typst would refuse the whole document
            return {"k": "par", "teks": "[LOGO BUKAN BERKAS PNG]", "tebal": True, "tengah": True, "sampul": False,
                    "lekat": False}
        return {"k": "logo", "png": list(png)}
    if jenis == "Bagan":  # the organisation chart: (depth, name) in order, drawn as a tree
        return {"k": "bagan", "label": bersih(str(getattr(b, "label", ""))), "pohon": _pohon(getattr(b, "unit", ()))}
    # A block kind added to naskah later: its text fields, printed plainly (pdf.typ's fallback).
    teks = " ".join(str(v) for v in getattr(b, "__dict__", {}).values() if isinstance(v, str))
    return {"k": type(b).__name__.lower(), "teks": bersih(teks)}


def _pohon(unit: Sequence[tuple[int, str]]) -> list[dict[str, Any]]:
    """(depth, name) in the positions' order → nested {"nama", "anak"}: a unit goes under the
    nearest shallower one before it."""
    akar: list[dict[str, Any]] = []
    jalur: list[tuple[int, dict[str, Any]]] = []
    for dalam, nama in unit:
        simpul: dict[str, Any] = {"nama": bersih(nama), "anak": []}
        while jalur and jalur[-1][0] >= dalam:
            jalur.pop()
        (jalur[-1][1]["anak"] if jalur else akar).append(simpul)
        jalur.append((dalam, simpul))
    return akar
