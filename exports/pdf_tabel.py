"""A table as the PDF gets it: its cells wrapped by lkjip (exports.lebar_teks), every row's
height in points, so Typst measures no row; and a table of many pages cut into page runs at
the very rows where Typst turns its pages, so Typst lays the runs out side by side (two cores)
and no run ends on a short page."""

from __future__ import annotations

from typing import Any

from .docx_xml import bersih, kepala_bertingkat, kolom_angka, lebar_kolom, patah_garis, ukur_kolom
from .lebar_teks import CAP, lipat
from .tables import Bagian, teks_bagian

HURUF_TABEL = 9  # pt, as the Word document's table text
TEPI_X, TEPI_Y = 3.0, 2.5  # pt: a table cell's inner margins
SPASI = 0.6  # em: the leading between two lines of a paragraph (a cell's too)
MM = 72 / 25.4
# Page margins (mm) of a portrait and a landscape page; the running header and the page number
# sit in the top and bottom margins.
TEPI_HALAMAN = {False: {"left": 30, "right": 20, "top": 25, "bottom": 20},
                True: {"left": 20, "right": 25, "top": 30, "bottom": 20}}
A4 = (210 * MM, 297 * MM)
HALAMAN_PER_RUN = 20  # pages of a long table per page run: runs small enough to share two cores
PANJANG = 2 * HALAMAN_PER_RUN  # pages: a longer table is cut into runs and starts on a page of its own


def tinggi_teks(n: int, huruf: float) -> float:
    """Points ``n`` lines of text take: each line's cap height (its top edge pinned there, its
    bottom at the baseline), the leading between lines."""
    return huruf * (n * CAP + (n - 1) * SPASI)


def tinggi_baris(n: int, huruf: float = HURUF_TABEL) -> float:
    """Points a table row of ``n`` lines takes: the cell's margins and its text."""
    return 2 * TEPI_Y + tinggi_teks(n, huruf)


def _muat(lebar_pt: float) -> float:
    """A cell's room for text, em."""
    return (lebar_pt - 2 * TEPI_X) / HURUF_TABEL


def bagian_json(p: Bagian, desimal: int, lebar_total: int) -> dict[str, Any]:
    """One part of a table: column widths as the Word document's (points), header groups,
    which columns are numbers (right-aligned) and which rows are bold; every cell wrapped,
    the header's and each row's height."""
    teks = teks_bagian(p, desimal)
    lebar_pt = [round(w / 20, 2) for w in lebar_kolom(ukur_kolom(p, teks), lebar_total)]
    muat = [_muat(w) for w in lebar_pt]
    baris, tinggi = [], []
    for r, b in zip(teks, p.baris):
        sel = [lipat(bersih(x), m, b.jenis.tebal) for x, m in zip(r, muat)]
        baris.append(["\n".join(x) for x in sel])
        tinggi.append(round(tinggi_baris(max(len(x) for x in sel)), 3))
    kepala, tinggi_kepala = _kepala(kepala_bertingkat(p.kolom), lebar_pt)
    return {"judul": bersih(p.judul), "kepala": kepala, "tinggi_kepala": tinggi_kepala,
            "kanan": kolom_angka(p), "lebar": lebar_pt, "huruf": HURUF_TABEL,
            "baris": baris, "tebal": [b.jenis.tebal for b in p.baris], "tinggi": tinggi}


def _kepala(kolom: list[tuple[str | None, str]], lebar_pt: list[float]) -> tuple[list[list[str | None]], list[float]]:
    """The header's cells wrapped (bold) and its rows' heights: a group's name over its
    columns, the columns' names (a column outside a group spans both rows), their numbers."""
    sel: list[list[str | None]] = []
    grup, bawah, penuh = [1], [1], [1]  # lines per header row; a column spanning both rows
    for c, (g, k) in enumerate(kolom):
        kk = lipat(patah_garis(bersih(k)), _muat(lebar_pt[c]), True)
        if g is None:
            sel.append([None, "\n".join(kk)])
            penuh.append(len(kk))
            continue
        lebar_grup = sum(w for (g2, _), w in zip(kolom, lebar_pt) if g2 == g)
        gg = lipat(bersih(g), _muat(lebar_grup), True)
        sel.append(["\n".join(gg), "\n".join(kk)])
        grup.append(len(gg))
        bawah.append(len(kk))
    nomor = tinggi_baris(1)
    if all(g is None for g, _ in kolom):
        return sel, [tinggi_baris(max(penuh)), nomor]
    atas, dua = tinggi_baris(max(grup)), tinggi_baris(max(bawah))
    return sel, [atas, max(dua, tinggi_baris(max(penuh)) - atas), nomor]


def tinggi_isi(lanskap: bool) -> float:
    """Points of a page's body (between its top and bottom margins)."""
    t = TEPI_HALAMAN[lanskap]
    return (A4[0] if lanskap else A4[1]) - (t["top"] + t["bottom"]) * MM


def lebar_isi(lanskap: bool) -> float:
    t = TEPI_HALAMAN[lanskap]
    return (A4[1] if lanskap else A4[0]) - (t["left"] + t["right"]) * MM


def baris_per_halaman(tinggi: list[float], muat_awal: float, muat: float) -> list[int]:
    """Rows on each page as Typst turns them: a row goes to the next page when it does not
    fit in what is left (a hair of margin so rounding never puts it back)."""
    halaman, n, sisa = [], 0, muat_awal
    for h in tinggi:
        if n and h > sisa - 0.05:
            halaman.append(n)
            n, sisa = 0, muat
        n += 1
        sisa -= h
    halaman.append(n)
    return halaman


UKURAN_JUDUL = {1: 14.0, 2: 12.0}  # pt of a heading by level (pdf.typ); deeper ones 11.5


def kira_tinggi(b: dict[str, Any], lanskap: bool) -> float:
    """Points a block takes at most on a page (``b`` as pdf.py gives pdf.typ): a caption (not
    justified, so Typst's lines are never more than lkjip's), a heading or a paragraph
    (justified: a line more when it wraps), each with the space pdf.typ sets below it."""
    teks: list[tuple[str, float, bool, float]] = []  # (text, size pt, bold, space below pt)
    if b["k"] == "tabel":
        teks.append((b["ket"], 10.0, True, 1.2 * 11))
        teks += [(p["judul"], 11.0, True, 0.9 * 11) for p in b["bagian"][:1] if p["judul"]]
    elif b["k"] == "judul":
        huruf = UKURAN_JUDUL.get(b.get("tingkat", 1), 11.5)
        teks.append((b["teks"], huruf, True, 2.1 * huruf))
    else:
        teks += [(x, 11.0, bool(b.get("tebal", True)), 0.9 * 11)
                 for x in [b.get("teks", ""), b.get("label", ""), *b.get("isi", []), *b.get("draf", [])]]
    jumlah = 0.0
    for x, huruf, tebal, jarak in teks:
        if x:
            n = len(lipat(x, (lebar_isi(lanskap) - 2 * huruf) / huruf, tebal))  # (a list's indent)
            n += 1 if n > 1 and b["k"] != "tabel" else 0
            jumlah += tinggi_teks(n, huruf) + jarak
    return jumlah


def potong(b: dict[str, Any], lanskap: bool, cadangan: float) -> list[dict[str, Any]] | None:
    """A long table (one part, more than ``PANJANG`` pages) cut in pieces: the first holds
    its first page's rows (below ``cadangan`` points of what goes above it), the next ones
    ``HALAMAN_PER_RUN`` pages each, the last the rest and the table's note. None for a table
    short enough to stay whole."""
    if len(b["bagian"]) != 1:
        return None
    p = b["bagian"][0]
    isi = tinggi_isi(lanskap) - sum(p["tinggi_kepala"])  # the header repeats on every page
    if sum(p["tinggi"]) <= PANJANG * isi:
        return None
    halaman = baris_per_halaman(p["tinggi"], isi - cadangan, isi)
    batas = [0, halaman[0]]
    for k in range(1, len(halaman), HALAMAN_PER_RUN):
        batas.append(batas[-1] + sum(halaman[k:k + HALAMAN_PER_RUN]))
    hasil = []
    jumlah = [1] + [len(halaman[k:k + HALAMAN_PER_RUN]) for k in range(1, len(halaman), HALAMAN_PER_RUN)]
    for i, (a, z) in enumerate(zip(batas, batas[1:])):
        bagian = {**p, "baris": p["baris"][a:z], "tebal": p["tebal"][a:z], "tinggi": p["tinggi"][a:z]}
        if i:
            bagian["judul"] = ""
        hasil.append({**b, "ket": b["ket"] if i == 0 else "", "bernomor": b["bernomor"] and i == 0,
                      "catatan": b["catatan"] if z == len(p["baris"]) else "", "bagian": [bagian],
                      "halaman": jumlah[i]})
    return hasil
