"""A long table cut into page runs (exports.pdf_tabel): read back with pypdf, it has every row
once and in order, its header on every page, no page before its last that could have held
another row, and Daftar Tabel still gives its real page. Runs are made short here (two pages)
so small reports cut their tables many times."""

import io
import re
import subprocess

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from bench.synth import buat_laporan_kota
from exports import naskah, pdf_proses, pdf_tabel
from exports.builders import bangun_tabel
from exports.pdf import dokumen_pdf, naskah_json
from exports.pdf_tabel import MM, TEPI_HALAMAN, TEPI_Y, baris_per_halaman
from exports.tables import teks_bagian
from store.demo import demo_laporan

from .test_pdf import _daftar, baca


@pytest.fixture
def run_pendek(monkeypatch):
    monkeypatch.setattr(pdf_tabel, "HALAMAN_PER_RUN", 2)
    monkeypatch.setattr(pdf_tabel, "PANJANG", 2)


def tabel_semua(lap):
    return {t.nomor: t for t in bangun_tabel(lap)}


def potongan(data):
    """Per long table: how many pieces naskah_json cut it in."""
    hitung = {}
    for s in data["seksi"]:
        for b in s["blok"]:
            if b["k"] == "tabel" and b["bagian"] and len(b["bagian"]) == 1:
                hitung[id(b["bagian"][0]["kepala"])] = hitung.get(id(b["bagian"][0]["kepala"]), 0) + 1
    return [n for n in hitung.values() if n > 1]


def lembar_utuh(r: PdfReader, n: int) -> bool:
    """Page ``n`` shows a page typeset apart (a form XObject) whole: drawn at the page's origin,
    unscaled, its clip the whole page (pypdf reads the text of a cropped one all the same)."""
    p = r.pages[n]
    op = ContentStream(p.get_contents(), r).operations
    do = [i for i, (_, o) in enumerate(op) if o == b"Do"]
    if len(do) != 1:
        return False
    w = max(i for i, (_, o) in enumerate(op[:do[0]]) if o == b"W")
    cm = next((a for a, o in op[w:do[0]] if o == b"cm"), [1, 0, 0, 1, 0, 0])  # none: drawn as it is
    titik = [a for a, o in op[:w] if o in (b"m", b"l")][-4:]
    kotak = [float(x) for x in p.mediabox]
    return ([round(float(x), 2) for x in cm] == [1, 0, 0, 1, 0, 0]
            and sorted({round(float(x), 2) for x, _ in titik}) == [0, round(kotak[2], 2)]
            and sorted({round(float(y), 2) for _, y in titik}) == [0, round(kotak[3], 2)])


def dasar_baris(r: PdfReader, n: int) -> list[tuple[float, str]]:
    """(y of the baseline, text) of every piece of text on page ``n``."""
    hasil = []

    def lihat(teks, cm, tm, font, ukuran):
        if teks.strip():
            hasil.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], teks.strip()))

    r.pages[n].extract_text(visitor_text=lihat)
    return hasil


@pytest.mark.usefixtures("run_pendek")
@pytest.mark.parametrize("terpisah", [False, True], ids=["satu-proses", "potongan-di-proses-lain"])
def test_a_long_table_cut_in_runs_keeps_every_row_once_and_fills_its_pages(monkeypatch, terpisah):
    """Typeset in one go, or (a large document) its pieces in processes of their own and laid
    as PDF pages under the document's running header and page numbers: the same pages."""
    anak = []
    jalan = subprocess.run

    def catat(perintah, **kw):
        anak.append(perintah)
        return jalan(perintah, **kw)

    monkeypatch.setattr(pdf_proses.subprocess, "run", catat)
    if terpisah:
        monkeypatch.setattr(pdf_proses, "BESAR", 0)
    lap = buat_laporan_kota(500, 20)
    tabel = tabel_semua(lap)
    nomor = max(tabel, key=lambda n: len(tabel[n].bagian[0].baris) if n.startswith("3.") else 0)
    t = tabel[nomor]
    assert len(t.bagian) == 1 and len(t.bagian[0].baris) > 400
    data_json = naskah_json(lap, naskah.susun(lap, tabel))
    assert potongan(data_json)
    data = dokumen_pdf(lap, tabel)
    r, pdf = PdfReader(io.BytesIO(data)), baca(data)
    isi = pdf.cari("BAB I Pendahuluan", pdf.cari("Daftar Gambar"))
    awal = next(i for i in range(isi, len(pdf.halaman)) if any(x.startswith(f"Tabel {nomor}. ") for x in pdf.halaman[i]))
    akhir = next(i for i in range(awal, len(pdf.halaman)) if any(x.casefold() == "bab iv penutup" for x in pdf.halaman[i]))
    assert akhir - awal >= 6  # many pages, so several runs of two
    kode = [r[0] for r in teks_bagian(t.bagian[0], t.desimal) if r[0]]
    pola = re.compile(r"^(\d+(?:\.\d+)*) ")
    dibaca = [m[1] for i in range(awal, akhir) for x in pdf.halaman[i]
              if x != "1 2 3 4 5 6" and (m := pola.match(x)) and m[1] in set(kode)]
    assert dibaca == kode  # no row lost, none twice, in order
    bawah = TEPI_HALAMAN[False]["bottom"] * MM
    for i in range(awal, akhir):
        assert "1 2 3 4 5 6" in pdf.halaman[i], i  # the header on every page
        if i + 1 < akhir and not any(x.startswith("Jumlah") or x.startswith("Total") for x in pdf.halaman[i + 1]):
            # a page inside the table: below its last row less room than a row of two lines
            terendah = min(y for y, x in dasar_baris(r, i) if x != pdf.label[i])
            assert terendah - TEPI_Y - bawah < pdf_tabel.tinggi_baris(2), (i, terendah)
    assert len(anak) == (1 + -(-(sum(s["halaman"] > 0 for s in data_json["seksi"])) // pdf_proses.GABUNG)
                         if terpisah else 0)
    lembar = [i for i in range(awal, akhir) if "/XObject" in r.pages[i]["/Resources"]]
    assert (len(lembar) >= akhir - awal - 3) if terpisah else not lembar  # all but its first and last pieces
    assert all(lembar_utuh(r, i) for i in lembar)
    entri = dict(_daftar(pdf, "Daftar Tabel", "Daftar Gambar"))
    (judul,) = [j for j in entri if j.startswith(f"Tabel {nomor}. ")]
    assert entri[judul] == pdf.label[awal]


@pytest.mark.usefixtures("run_pendek")
def test_the_demo_with_its_long_tables_cut_keeps_its_order_numbers_and_headers():
    """Tabel 3.17 (three pages) cut in runs: the heading and lead-in above it go along, the
    header repeats, Daftar Isi still gives real pages."""
    lap = demo_laporan()
    assert potongan(naskah_json(lap, naskah.susun(lap, tabel_semua(lap))))
    pdf = baca(dokumen_pdf(lap, tabel_semua(lap)))
    awal = next(i for i in range(6, len(pdf.halaman)) if any(x.startswith("Tabel 3.17. ") for x in pdf.halaman[i]))
    akhir = pdf.cari("BAB IV Penutup", awal)
    assert akhir - awal >= 2
    for i in range(awal, akhir):
        assert "1 2 3 4 5 6" in pdf.halaman[i], i
    assert not pdf.halaman[awal - 1][-1].endswith(":")
    mulai = 1
    for judul, nomor in _daftar(pdf, "Daftar Isi", "Daftar Tabel"):
        mulai = pdf.cari(judul, mulai)
        assert pdf.label[mulai] == nomor, judul


def test_rows_per_page_turn_where_a_row_no_longer_fits():
    assert baris_per_halaman([10.0] * 10, 25, 40) == [2, 3, 3, 2]
    assert baris_per_halaman([50.0, 10.0], 20, 40) == [1, 1]  # a row taller than the room still takes a page
    assert sum(baris_per_halaman([7.0] * 1000, 700, 700)) == 1000
