"""Page flow of the document, shared by the Word (exports.docx) and PDF (exports.pdf) renderers:
which blocks go on a landscape page, and which must stay on the page of the block after them.

Landscape is for a table too wide for a portrait page, and only for it: the lead-in just above
it ("…sebagai berikut :"), short lines right above it and a sub-heading right above those go
along, so none ends a portrait page alone; a chapter heading and the text of a part stay
portrait. A small wide table shares its landscape page with the short parts after it.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import naskah
from .docx_xml import lebar_perlu, ukur_kolom
from .pdf_tabel import bagian_json, kira_tinggi, tinggi_isi
from .tables import Tabel, teks_bagian

LEBAR_POTRET = 9070    # text width of a portrait A4 page (160 mm), twips
LEBAR_LANSKAP = 14003  # landscape (247 mm)
KECIL = 6              # rows: a table this short may share its landscape page with what follows
PENGANTAR_MAKS = 800   # characters: a longer paragraph is text of its own, not a lead-in
SINGKAT = 250          # characters: a paragraph short enough to share a small table's landscape page
TINGGI_LANSKAP = tinggi_isi(True)  # points of a landscape page's body


def perlu_lanskap(t: Tabel) -> bool:
    """Too wide for a portrait page even with its text columns wrapped."""
    return any(lebar_perlu(ukur_kolom(bg, teks_bagian(bg, t.desimal))) > LEBAR_POTRET for bg in t.bagian)


def pengantar(b: object) -> bool:
    """A lead-in: a paragraph ending with a colon that introduces what follows."""
    return (isinstance(b, naskah.Paragraf) and b.teks.rstrip().endswith(":") and not b.sampul
            and len(b.teks) <= PENGANTAR_MAKS)


def arah_halaman(blok: Sequence[naskah.Blok]) -> list[bool]:
    """Landscape (True) or portrait per block."""
    lanskap = [isinstance(b, naskah.BlokTabel) and perlu_lanskap(b.tabel) for b in blok]
    for i in [i for i, x in enumerate(lanskap) if x]:
        j = i - 1
        if j >= 0 and pengantar(blok[j]):
            lanskap[j] = True
            j -= 1
        while j >= 0 and i - j <= 6 and _pendek(blok[j]):  # a decree's heading lines, a short note
            lanskap[j] = True
            j -= 1
        while j >= 0 and _judul_bawah(blok[j]):
            lanskap[j] = True
            j -= 1
        if _kecil(blok[i]):
            # A small wide table does not take a landscape page alone: the text ending the
            # portrait page before it (what a previous table's analysis leaves over, else a
            # page of its own: a few lines, then the landscape page) and the short parts after
            # it (the sasaran's next steps and their tables) share that page, as far as they fit.
            muat = TINGGI_LANSKAP - sum(tinggi_kira(blok[x]) for x in range(j + 1, i + 1))
            if j >= 1 and _penutup(blok[j], blok[j - 1]) and tinggi_kira(blok[j]) <= muat:
                lanskap[j] = True
                muat -= tinggi_kira(blok[j])
            k = i + 1
            while k < len(blok) and _ikut_lanskap(blok[k]) and (t := tinggi_kira(blok[k])) <= muat:
                lanskap[k] = True
                muat -= t
                k += 1
            while isinstance(blok[k - 1], naskah.Judul):  # a heading stays with the text it heads
                k -= 1
                lanskap[k] = False
    for i in range(1, len(blok)):  # a signature stays on the page of what it signs
        if isinstance(blok[i], (naskah.TandaTangan, naskah.TandaTanganDua)) and lanskap[i - 1]:
            lanskap[i] = True
    return lanskap


def _penutup(b: object, sebelum: object) -> bool:
    """A paragraph right after a table (what is said about it), not a lead-in."""
    return (isinstance(b, naskah.Paragraf) and isinstance(sebelum, naskah.BlokTabel) and not pengantar(b)
            and not b.sampul and len(b.teks) <= PENGANTAR_MAKS)


def tinggi_kira(b: object) -> float:
    """Points a block takes at most on a landscape page, as the PDF sets it (a table's rows
    exactly; text wrapped as lkjip wraps table cells, a line to spare when it wraps). The Word
    document shares the decision: its page is the same size, its letters much alike."""
    if isinstance(b, naskah.BlokTabel):
        bagian = [bagian_json(p, b.tabel.desimal, LEBAR_LANSKAP) for p in b.tabel.bagian]
        baris: float = sum(sum(p["tinggi_kepala"]) + sum(p["tinggi"]) for p in bagian)
        return kira_tinggi({"k": "tabel", "ket": b.tabel.keterangan, "bagian": bagian}, True) + baris
    if isinstance(b, naskah.Judul):
        return kira_tinggi({"k": "judul", "teks": b.teks, "tingkat": b.tingkat}, True)
    if isinstance(b, naskah.Paragraf):
        return kira_tinggi({"k": "par", "teks": b.teks, "tebal": b.tebal}, True)
    return TINGGI_LANSKAP  # anything else (a list, a picture) is not pulled onto the page


def _judul_bawah(b: object) -> bool:
    """A heading below a chapter's (a chapter heading never goes landscape)."""
    return isinstance(b, naskah.Judul) and b.tingkat >= 2


def _pendek(b: object) -> bool:
    return isinstance(b, naskah.Paragraf) and len(b.teks) <= SINGKAT and not b.sampul


def _kecil(b: object) -> bool:
    return isinstance(b, naskah.BlokTabel) and sum(len(p.baris) for p in b.tabel.bagian) <= KECIL


def _ikut_lanskap(b: object) -> bool:
    if isinstance(b, naskah.Judul):
        return b.tingkat >= 4
    if isinstance(b, naskah.Paragraf):
        return len(b.teks) <= SINGKAT
    return _kecil(b)


_IKUT = (naskah.BlokTabel, naskah.Butir, naskah.Gambar, naskah.TandaTangan, naskah.TandaTanganDua)


def lekat(blok: Sequence[naskah.Blok]) -> list[bool]:
    """Per block: keep it on the page of the next one (Word's keep-with-next). A lead-in; a
    paragraph right above a table, a list, a picture or a signature; a list right above a
    signature."""
    hasil = []
    for b, berikut in zip(blok, [*blok[1:], None]):
        if pengantar(b) and berikut is not None:  # "…sebagai berikut :" and what it introduces
            hasil.append(True)
        elif isinstance(berikut, _IKUT):
            hasil.append(isinstance(b, (naskah.Paragraf, naskah.Kosong))
                         or isinstance(b, naskah.Butir) and isinstance(berikut, (naskah.TandaTangan,
                                                                                  naskah.TandaTanganDua)))
        else:
            hasil.append(False)
    return hasil
