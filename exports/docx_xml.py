"""WordprocessingML written as text for what python-docx has no call for, or is too slow at.

A report table is built here as one ``<w:tbl>`` string and parsed once: python-docx's cell by
cell API costs milliseconds a cell, and a city-scale Tabel 3.17 has 60,000 cells. Fields
(TOC, SEQ, PAGE) are runs python-docx does not make either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain, groupby
from operator import attrgetter
from xml.sax.saxutils import escape

from .tables import ANGKA, Bagian, teks_bagian

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W_NS}"'
GAYA_TABEL = "IsiTabel"  # the paragraph style of table cells (exports.docx makes it)
ABU = "D9D9D9"           # header fill, as the XLSX header

# Not allowed in XML at all; and U+E000, which marks where a table goes (exports.docx).
_TIDAK_SAH = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ue000\ufffe\uffff]")


def bersih(teks: str) -> str:
    """Text with the characters XML cannot hold removed (a control character typed or imported)."""
    return _TIDAK_SAH.sub("", teks)


# What _t must change: markup characters, those XML forbids, line breaks and tabs.
_KHUSUS = re.compile(r"[&<>\n\r\t\x00-\x08\x0b\x0c\x0e-\x1f\ue000\ufffe\uffff]")


def _t(teks: str) -> str:
    """Text as run content: line breaks and tabs as Word's, characters XML forbids dropped."""
    if not _KHUSUS.search(teks):  # nearly every cell: nothing to replace
        return f'<w:t xml:space="preserve">{teks}</w:t>'
    teks = escape(_TIDAK_SAH.sub("", teks))
    isi = f'<w:t xml:space="preserve">{teks}</w:t>'
    if "\n" in teks or "\r" in teks:
        isi = isi.replace("\r\n", "\n").replace("\r", "\n").replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
    if "\t" in teks:
        isi = isi.replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">')
    return isi


RUN_BIASA = '<w:r><w:t xml:space="preserve">'  # run(teks) of a plain text starts so
RUN_TEBAL = '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">'


def run(teks: str, tebal: bool = False) -> str:
    return f"<w:r>{'<w:rPr><w:b/></w:rPr>' if tebal else ''}{_t(teks)}</w:r>" if teks else ""


# ---------------------------------------------------------------- fields
def medan(instruksi: str, hasil: str = "", tersembunyi: bool = False) -> str:
    """A complex field's runs in one paragraph: ``{instruksi}`` showing ``hasil`` until updated."""
    rpr = "<w:rPr><w:vanish/></w:rPr>" if tersembunyi else ""
    return (f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{rpr}<w:instrText xml:space="preserve"> {escape(instruksi)} </w:instrText></w:r>'
            f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
            f"{run(hasil)}"
            f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>')


def awal_medan(instruksi: str) -> str:
    """The first half of a field whose result runs over several paragraphs (a TOC)."""
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {escape(instruksi)} </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>')


AKHIR_MEDAN = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


# ---------------------------------------------------------------- tables
_GRUP = re.compile(r"^(?P<g>.+?):\s+(?P<s>.+)$")             # "Anggaran: Target (Rp)"
_TAHUN = re.compile(r"^(?P<g>.+?)\s+(?P<s>(?:19|20)\d\d)$")  # "Realisasi 2017"


def kepala_bertingkat(kolom: tuple[str, ...]) -> list[tuple[str | None, str]]:
    """(group, column) per column: the seed's merged group headers ("Anggaran" over Target,
    Realisasi, %; "Realisasi" over the years). A group of one column stays a plain header."""
    pasang: list[tuple[str | None, str]] = []
    for k in kolom:
        m = _GRUP.match(k) or _TAHUN.match(k)
        pasang.append((m["g"], m["s"]) if m else (None, k))
    hasil: list[tuple[str | None, str]] = []
    for g, kelompok in groupby(zip(kolom, pasang), key=lambda x: x[1][0]):
        isi = list(kelompok)
        hasil += [p for _, p in isi] if g is not None and len(isi) > 1 else [(None, k) for k, _ in isi]
    return hasil


_PATAH = re.compile(r"\s+|(?<=/)")


def patah_garis(judul: str) -> str:
    """A header that may wrap after a slash ("Peningkatan/Penurunan"): a zero-width space there."""
    return judul.replace("/", "/\u200b")


CH, TEPI_SEL = 100, 130  # twips per character of 9 pt table text; a cell's margins
LIPAT = 14               # a text column may wrap down to this many characters before a page turns landscape


def kolom_angka(bagian: Bagian) -> list[bool]:
    """A column holding numbers (right-aligned, never wrapped)."""
    kolom = zip(*(b.sel for b in bagian.baris)) if bagian.baris else [()] * len(bagian.kolom)
    return [not ANGKA.isdisjoint(map(_JENIS, k)) for k in kolom]


_JENIS = attrgetter("jenis")


_BARIS = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")  # where str.splitlines breaks a line


def ukur_kolom(bagian: Bagian, teks: list[list[str]]) -> list[tuple[int, int, bool]]:
    """Per column (least, wanted characters, wraps): numbers and short texts keep their width;
    a long text wraps, down to its header's longest word."""
    ukur = []
    kolom = list(zip(*teks)) or [()] * len(bagian.kolom)
    for c, ((_, judul), angka) in enumerate(zip(kepala_bertingkat(bagian.kolom), kolom_angka(bagian))):
        # headers are bold (wider letters) and wrap at spaces and after a slash (patah_garis)
        kata = max((len(x) for x in _PATAH.split(judul)), default=1) + 1
        isi = max(map(len, kolom[c]), default=0)
        if isi and _BARIS.search("\x00".join(kolom[c])):  # a cell of several lines: its longest line
            isi = max((len(x) for t in kolom[c] for x in t.splitlines() or [""]), default=0)
        if angka or isi <= 14:
            n = max(kata, isi, 3)
            ukur.append((n, n, False))
        else:
            ukur.append((max(kata, 8), min(isi, 40), True))
    return ukur


def lebar_perlu(ukur: list[tuple[int, int, bool]]) -> int:
    """Twips a table needs with its text columns wrapped to at most ``LIPAT`` characters."""
    return sum(CH * (min(w, max(m, LIPAT)) if lipat else w) + TEPI_SEL for m, w, lipat in ukur)


def lebar_kolom(ukur: list[tuple[int, int, bool]], total: int) -> list[int]:
    """Column widths in twips filling ``total``: fixed columns get what they need, wrapping
    columns share the rest by how much more they want; too little room shrinks all alike."""
    paling_kecil = [CH * m + TEPI_SEL for m, _, _ in ukur]
    sisa = total - sum(paling_kecil)
    if sisa < 0:
        return [total * x // sum(paling_kecil) for x in paling_kecil]
    mau = [w - m if lipat else 0 for m, w, lipat in ukur]
    if sum(mau) == 0:  # nothing wraps: widen every column alike
        return [x + sisa * x // sum(paling_kecil) for x in paling_kecil]
    return [x + sisa * t // sum(mau) for x, t in zip(paling_kecil, mau)]


AKHIR_SEL = "</w:p></w:tc>"


def _sel(isi: str, lebar: int, kanan: bool = False, tebal: bool = False, tcpr: str = "") -> str:
    jc = '<w:jc w:val="right"/>' if kanan else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{lebar}" w:type="dxa"/>{tcpr}</w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{GAYA_TABEL}"/>{jc}</w:pPr>{run(isi, tebal)}</w:p></w:tc>')


def _kepala_xml(bagian: Bagian, lebar: list[int]) -> str:
    kepala = kepala_bertingkat(bagian.kolom)
    isi_kepala = f'<w:shd w:val="clear" w:color="auto" w:fill="{ABU}"/><w:vAlign w:val="center"/>'
    tr = "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"  # repeated on every page
    tengah = f'<w:p><w:pPr><w:pStyle w:val="{GAYA_TABEL}"/><w:jc w:val="center"/></w:pPr>'

    def sel(teks: str, w: int, extra: str = "") -> str:
        return (f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{extra}{isi_kepala}</w:tcPr>{tengah}'
                f'{run(patah_garis(teks), True)}</w:p></w:tc>')

    # Under the header, the columns numbered 1, 2, … as in the seed (a text refers to "kolom 5").
    nomor = tr + "".join(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{tengah}{run(str(n))}</w:p></w:tc>'
                         for n, w in enumerate(lebar, 1)) + "</w:tr>"
    if all(g is None for g, _ in kepala):
        return tr + "".join(sel(k, w) for k, w in zip(bagian.kolom, lebar)) + "</w:tr>" + nomor
    atas, bawah = [tr], [tr]
    c = 0
    for g, kelompok in groupby(kepala, key=lambda x: x[0]):
        isi = list(kelompok)
        if g is None:
            for _, k in isi:
                atas.append(sel(k, lebar[c], '<w:vMerge w:val="restart"/>'))
                bawah.append(sel("", lebar[c], "<w:vMerge/>"))
                c += 1
        else:
            w = sum(lebar[c:c + len(isi)])
            atas.append(sel(g, w, f'<w:gridSpan w:val="{len(isi)}"/>'))
            for _, k in isi:
                bawah.append(sel(k, lebar[c]))
                c += 1
    return "".join(atas) + "</w:tr>" + "".join(bawah) + "</w:tr>" + nomor


BARIS_POTONG = 500  # table rows per piece of :func:`tabel_xml_potong`


def tabel_xml_potong(bagian: Bagian, desimal: int, lebar_total: int) -> Iterator[str]:
    """One part of a report table as a ``<w:tbl>``: fixed column widths over ``lebar_total``
    twips, header rows repeated on each page, group and total rows bold, numbers right-aligned.
    In pieces of :data:`BARIS_POTONG` rows: a city's 10,000-row table is never one string
    (about 20 MB of XML)."""
    teks = teks_bagian(bagian, desimal)
    lebar = lebar_kolom(ukur_kolom(bagian, teks), lebar_total)
    kanan = kolom_angka(bagian)
    garis = "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                    for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    out = [f'<w:tbl {NS}><w:tblPr><w:tblW w:w="{sum(lebar)}" w:type="dxa"/><w:tblBorders>{garis}</w:tblBorders>'
           '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/>'
           '<w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>',
           "".join(f'<w:gridCol w:w="{w}"/>' for w in lebar), "</w:tblGrid>", _kepala_xml(bagian, lebar)]
    tambah = out.append
    awal = [_sel("", w, k).removesuffix(AKHIR_SEL) for w, k in zip(lebar, kanan)]  # each column's, made once
    # One search over the whole part (joined by a space, which _KHUSUS does not match): nearly
    # every table has no text to escape, and then each cell is its run as is.
    polos = not _KHUSUS.search(" ".join(chain.from_iterable(teks)))
    for n, (b, baris) in enumerate(zip(bagian.baris, teks), 1):
        tebal = b.jenis.tebal
        tambah("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        if polos:
            r_awal = RUN_TEBAL if tebal else RUN_BIASA
            for isi, a in zip(baris, awal):
                tambah(f"{a}{r_awal}{isi}</w:t></w:r>{AKHIR_SEL}" if isi else f"{a}{AKHIR_SEL}")  # as run(isi, tebal)
        else:
            for isi, a in zip(baris, awal):
                tambah(f"{a}{run(isi, tebal)}{AKHIR_SEL}")  # _sel(isi, w, k, tebal)
        tambah("</w:tr>")
        if n % BARIS_POTONG == 0:
            yield "".join(out)
            out.clear()
    tambah("</w:tbl>")
    yield "".join(out)
