"""The document's own data in the report (issue 19.2/19.3): BAB I's organisation list and
Gambar 1.1 drawn from the structure, the cover's logo, and the annexes signed as they were."""

from __future__ import annotations

import base64
import io

from docx import Document

from exports.builders import bangun_tabel
from exports.document import dokumen_md
from exports.docx import dokumen_docx
from exports.markdown import tabel_md
from exports.naskah import Bagan, Butir, Gambar, Logo, Paragraf, susun
from store import dokumen
from store.demo import demo_laporan
from store.models import UnitOrganisasi

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


def _tabel(lap):
    return {t.nomor: t for t in bangun_tabel(lap)}


def _md(lap) -> str:
    return dokumen_md(lap, _tabel(lap), tabel_md)


def _docx(lap) -> Document:
    return Document(io.BytesIO(dokumen_docx(lap, _tabel(lap))))


def test_bab1_list_from_the_structure_as_the_seed_writes_it():
    blok = susun(demo_laporan(), {})
    i = next(n for n, b in enumerate(blok) if isinstance(b, Paragraf) and b.teks == "1. Camat")
    assert [b.teks for b in blok[i:i + 8] if isinstance(b, Paragraf)] == [
        "1. Camat", "2. Sekretariat, yang membawahi :", "3. Kepala Seksi Pemerintahan",
        "4. Kepala Seksi Pembangunan Masyarakat", "5. Kepala Seksi Ketentraman, Ketertiban dan Lingkungan Hidup",
        "6. Kepala Seksi Pelayanan Publik", "7. Lurah, yang membawahi :"]
    assert blok[i + 2] == Butir(("Kepala Subbagian Umum", "Kepala Subbagian Program dan Keuangan"), "a")
    daftar = [b.teks for b in blok[i:i + 12] if isinstance(b, Paragraf)]
    assert not [x for x in daftar if "Pelaksana" in x or "Tenaga Bantuan" in x]  # staff, not organs
    # the unit's own text already ends in "sebagai berikut :": no second lead-in
    assert blok[i - 1].teks.endswith("memiliki susunan organisasi sebagai berikut :")


def test_chart_drawn_after_tugas_and_listed_in_daftar_gambar():
    lap = demo_laporan()
    blok = susun(lap, {})
    (bagan,) = [b for b in blok if isinstance(b, Bagan)]
    assert bagan.unit[:3] == ((0, "Camat"), (1, "Sekretariat"), (2, "Kepala Subbagian Umum"))
    assert len(bagan.unit) == 12 and not [b for b in blok if isinstance(b, Gambar)]
    md = _md(lap)
    assert "Camat\n├── Sekretariat\n│   ├── Kepala Subbagian Umum\n│   └── Kepala Subbagian Program dan Keuangan" in md
    assert "└── Lurah\n    ├── Kepala Seksi Pemerintahan dan Pelayanan Publik" in md
    assert md.index("### C. Tugas dan Fungsi") < md.index("└── Lurah") < md.index("### D. Isu Strategis")
    assert "- Gambar 1.1. Struktur Organisasi Kecamatan Balikpapan Selatan" in md


def test_chart_in_word_is_a_tree_of_boxes():
    doc = _docx(demo_laporan())
    (tbl,) = [t for t in doc.tables if t.rows[0].cells[0].text == "Camat"]
    assert len(tbl.rows) == 12 and len(tbl.columns) == 3
    baris = [[c.text for c in r.cells] for r in tbl.rows]
    assert baris[1] == ["", "Sekretariat", "Sekretariat"]  # merged from its level to the edge
    assert baris[2] == ["", "", "Kepala Subbagian Umum"]
    teks = [p.text for p in doc.paragraphs]
    assert "Gambar 1.1. Struktur Organisasi Kecamatan Balikpapan Selatan" in teks


def test_without_a_structure_the_staff_units_and_a_placeholder():
    lap = demo_laporan()
    lap.organisasi = []
    md = _md(lap)
    assert "[BELUM ADA BAGAN: isi struktur organisasi di layar Atur (F8).]" in md
    assert "1. Kecamatan Balikpapan Selatan" in md


def test_deeper_units_only_in_the_chart():
    lap = demo_laporan()
    lap.organisasi = dokumen.baca_susunan("Camat\n  Sekretariat\n    Subbag Umum\n      Staf Arsip\n")
    blok = susun(lap, {})
    assert Butir(("Subbag Umum",), "a") in blok and not any(
        isinstance(b, Butir) and "Staf Arsip" in b.isi for b in blok)
    assert [b for b in blok if isinstance(b, Bagan)][0].unit[-1] == (3, "Staf Arsip")
    lap.organisasi = [UnitOrganisasi("Sekretariat"), UnitOrganisasi("Seksi A"), UnitOrganisasi("Subbag", 0)]
    teks = [b.teks for b in susun(lap, {}) if isinstance(b, Paragraf)]
    assert "1. Sekretariat, yang membawahi :" in teks and "2. Seksi A" in teks  # several top units


def test_logo_on_the_cover_only_when_given():
    lap = demo_laporan()
    assert not [b for b in susun(lap, {}) if isinstance(b, Logo)]
    lap.logo = dokumen.baca_logo(PNG)
    blok = susun(lap, {})
    assert blok[0] == Logo(PNG)
    doc = _docx(lap)
    assert len(doc.inline_shapes) == 1
    assert doc.paragraphs[1].text == "LAPORAN KINERJA INSTANSI PEMERINTAH"


def test_demo_document_has_no_signature_placeholder_left():
    md = _md(demo_laporan())
    for sisa in ("[nama kepala daerah", "............", "[tanggal]", "[nama]", "[jabatan]", "[BELUM ADA BAGAN"):
        assert sisa not in md, sisa
    assert "Balikpapan, Januari 2021" in md and "**H.M. Rizal Effendi, SE**" in md
    assert "Nomor : 188.4/102/Balsel" in md and "Tanggal : 3 September 2019" in md
