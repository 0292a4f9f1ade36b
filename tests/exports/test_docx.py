"""The Word document read back with python-docx: order, tables and their figures, signatures,
page setup, placeholders; and the Markdown document carrying the same text in the same order."""

import io
import re

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from exports.builders import bangun_tabel
from exports.document import dokumen_md
from exports.docx import dokumen_docx
from exports.docx_xml import kepala_bertingkat
from exports.halaman import perlu_lanskap
from exports.markdown import tabel_md
from exports.run import ekspor
from exports.tables import teks_bagian
from store import narasi
from store.demo import demo_laporan
from store.models import Laporan, Teks

from .util import NAMA_JAHAT, laporan_jahat


def tabel_semua(lap):
    return {t.nomor: t for t in bangun_tabel(lap)}


def buka(lap) -> Document:
    return Document(io.BytesIO(dokumen_docx(lap, tabel_semua(lap))))


def isi_badan(doc):
    """Paragraphs and tables of the body, in order."""
    for el in doc.element.body.iterchildren():
        if el.tag == qn("w:p"):
            yield Paragraph(el, doc)
        elif el.tag == qn("w:tbl"):
            yield Table(el, doc)


def judul(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]


def tabel_bernomor(doc) -> dict[str, list[Table]]:
    """Each caption "Tabel n. …" with the tables (parts) that follow it up to the next paragraph
    that is neither empty nor a part's title."""
    hasil: dict[str, list[Table]] = {}
    nomor = None
    for x in isi_badan(doc):
        if isinstance(x, Paragraph):
            if x.style.name == "Caption" and x.text.startswith("Tabel "):
                nomor = x.text.split()[1].rstrip(".")
                hasil[nomor] = []
            elif x.text.strip() and not x.runs[0].italic:
                nomor = None
        elif nomor is not None:
            hasil[nomor].append(x)
    return hasil


def baris_isi(tbl: Table, kepala: int) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in tbl.rows[kepala:]]


@pytest.fixture(scope="module")
def demo():
    return demo_laporan()


@pytest.fixture(scope="module")
def doc(demo):
    return buka(demo)


def test_headings_in_the_seeds_order(doc):
    j = judul(doc)
    urut = ["Kata Pengantar", "Ringkasan Eksekutif", "Daftar Isi", "Daftar Tabel", "Daftar Gambar",
            "BAB I Pendahuluan", "A. Latar Belakang", "B. Gambaran Umum Perangkat Daerah", "C. Tugas dan Fungsi",
            "D. Isu Strategis", "E. Landasan Hukum", "F. Sistematika Penulisan", "BAB II Perencanaan Kinerja",
            "A. Perencanaan Strategis", "D. Rencana Anggaran", "BAB III Akuntabilitas Kinerja",
            "Sasaran 1. Meningkatnya kualitas pelayanan publik", "Sasaran 2. Meningkatkan pemberdayaan masyarakat "
            "dalam pembangunan, ketentraman dan ketertiban", "E. Realisasi Anggaran", "BAB IV Penutup", "Lampiran",
            "Perjanjian Kinerja Tahun 2021"]
    assert [x for x in j if x in urut] == urut
    # the seed's step headings, not shortened, per sasaran
    assert j.count("5) Analisis penyebab keberhasilan/kegagalan atau peningkatan/penurunan kinerja serta "
                   "alternatif solusi yang telah dilakukan") == 2
    assert j.count("1) Analisis pencapaian sasaran dan perbandingan dengan target akhir Renstra tahun 2021") == 2


def test_markdown_has_the_same_headings_in_the_same_order(demo, doc):
    md = dokumen_md(demo, tabel_semua(demo), tabel_md)
    dari_md = [re.sub(r"^#+ ", "", x) for x in md.splitlines() if re.match(r"^#{2,} ", x)]
    assert dari_md == judul(doc)
    # and the same captions, in the same order
    assert re.findall(r"^\*\*(Tabel [\d.]+)\. ", md, re.M) == [
        f"Tabel {n}" for n in tabel_bernomor(doc)]


def test_every_table_numbered_captioned_and_with_its_figures(demo, doc):
    dibangun = tabel_semua(demo)
    ada = tabel_bernomor(doc)
    assert list(ada) == list(dibangun)  # 1.1 … 3.17, each once, in the catalogue's order
    for nomor, t in dibangun.items():
        assert len(ada[nomor]) == len(t.bagian), nomor
        for tbl, bagian in zip(ada[nomor], t.bagian):
            kepala = 2 if any(g for g, _ in kepala_bertingkat(bagian.kolom)) else 1
            nomor_kolom = [str(n) for n in range(1, len(bagian.kolom) + 1)]  # the seed's "1 2 3 …" row
            assert [c.text for c in tbl.rows[kepala].cells] == nomor_kolom, nomor
            assert baris_isi(tbl, kepala + 1) == teks_bagian(bagian, t.desimal), nomor


@pytest.mark.parametrize("nomor, cari", [
    ("3.2", ["95,95", "Tidak Tercapai", "100,00", "220,40", "Melebihi target"]),
    ("3.4", ["97,98"]), ("3.10", ["220,40"]),
    ("3.5", ["0,29"]), ("3.11", ["-0,11"]), ("3.6", ["-4,05"]), ("3.12", ["120,40"]),
    ("2.5", ["20.789.314.577", "85,74", "3.457.226.110", "14,26"]),
    ("3.8", ["18.277.290.802", "87,92"]), ("3.14", ["2.367.571.830", "68,48"]),
    ("3.9", ["10,06"]), ("3.15", ["151,92"]),
    ("3.17", ["86,98", "92,01", "70,63", "47,86", "24.246.540.687", "20.644.862.632", "85,15", "Total Belanja"]),
    ("1.1", ["34", "13", "61", "59", "120"]),
    ("3.1", ["64,33", "65,08", "B (Baik)"]),
])
def test_spec_figures_in_the_document(doc, nomor, cari):
    sel = {c.text for tbl in tabel_bernomor(doc)[nomor] for r in tbl.rows for c in r.cells}
    assert set(cari) <= sel


def test_merged_group_headers_and_header_rows_repeated(doc):
    t = tabel_bernomor(doc)
    kepala = t["3.17"][0].rows[0]._tr
    span = {tc.xpath("string(.//w:t)"): tc.tcPr.find(qn("w:gridSpan")) for tc in kepala.tc_lst}
    assert span["Anggaran"].get(qn("w:val")) == "3"
    assert [c.text for c in t["3.17"][0].rows[1].cells][2:5] == ["Target (Rp)", "Realisasi (Rp)", "%"]
    assert t["3.5"][0].rows[0].cells[4].text == "Realisasi" and t["3.5"][0].rows[1].cells[4].text == "2017"
    for tabel in t.values():
        for tbl in tabel:
            n_kepala = (2 if tbl.rows[0]._tr.xpath(".//w:gridSpan") else 1) + 1  # and the column numbers
            for r in tbl.rows[:n_kepala]:
                assert r._tr.trPr.find(qn("w:tblHeader")) is not None
            assert tbl.rows[-1]._tr.trPr.find(qn("w:tblHeader")) is None


def _seksi_tabel(doc) -> dict[str, int]:
    """Which section (0-based) each numbered table is in: a paragraph holding a sectPr ends one."""
    n, hasil = 0, {}
    for x in isi_badan(doc):
        if isinstance(x, Paragraph):
            if x.style.name == "Caption" and x.text.startswith("Tabel "):
                hasil[x.text.split()[1].rstrip(".")] = n
            if x._p.pPr is not None and x._p.pPr.find(qn("w:sectPr")) is not None:
                n += 1
    return hasil


def test_page_setup_a4_wide_tables_landscape_page_numbers(demo, doc):
    for s in doc.sections:
        assert sorted(round(v.mm) for v in (s.page_width, s.page_height)) == [210, 297]  # A4
        assert (s.orientation == WD_ORIENT.LANDSCAPE) == (s.page_width > s.page_height)
    seksi = _seksi_tabel(doc)
    lanskap = {t.nomor: doc.sections[seksi[t.nomor]].orientation == WD_ORIENT.LANDSCAPE for t in bangun_tabel(demo)}
    for t in bangun_tabel(demo):
        if perlu_lanskap(t):
            assert lanskap[t.nomor], t.nomor
    assert perlu_lanskap(tabel_semua(demo)["2.1"]) and not perlu_lanskap(tabel_semua(demo)["3.4"])
    # the small tables of 5 columns and 5 years fit a portrait page (headers wrap after a slash)
    assert not lanskap["3.4"] and not lanskap["3.5"] and not lanskap["1.1"]
    nomor = [s._sectPr.find(qn("w:pgNumType")) for s in doc.sections]
    # cover: none; front matter from i; BAB I from 1; later sections continue
    assert nomor[1].get(qn("w:fmt")) == "lowerRoman" and nomor[1].get(qn("w:start")) == "1"
    bab1 = next(i for i, s in enumerate(doc.sections) if i > 1 and nomor[i].get(qn("w:fmt")) == "decimal")
    assert nomor[bab1].get(qn("w:start")) == "1"
    assert all(x.get(qn("w:start")) is None for x in nomor[bab1 + 1:])
    assert all(x.get(qn("w:fmt")) == "decimal" for x in nomor[bab1:])
    assert "PAGE" in doc.sections[1].footer._element.xml and doc.sections[1].footer.is_linked_to_previous is False
    assert all(s.footer.is_linked_to_previous for s in doc.sections[2:])
    # BAB I starts the section numbered from 1
    p = next(x for x in isi_badan(doc) if isinstance(x, Paragraph) and x.text == "BAB I Pendahuluan")
    assert _seksi_dari(doc, p) == bab1


def _seksi_dari(doc, target) -> int:
    n = 0
    for x in isi_badan(doc):
        if isinstance(x, Paragraph):
            if x._p is target._p:
                return n
            if x._p.pPr is not None and x._p.pPr.find(qn("w:sectPr")) is not None:
                n += 1
    raise AssertionError("not found")


def test_lists_of_contents_are_fields_updated_on_open(doc):
    xml = doc.element.body.xml
    assert 'TOC \\o "1-2" \\h \\z \\u' in xml and 'TOC \\h \\z \\c "Tabel"' in xml and 'TOC \\h \\z \\c "Gambar"' in xml
    assert xml.count("SEQ Tabel") == 23 and xml.count("SEQ Gambar") == 1
    update = doc.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"
    assert update.getnext().tag == qn("w:compat")  # in the schema's order, or Word calls the file damaged
    # until Word updates it, Daftar Tabel shows the captions
    teks = [p.text for p in doc.paragraphs]
    i = teks.index("Daftar Tabel")
    assert teks[i + 1].startswith("Tabel 1.1. Data Pegawai Berdasarkan Jabatan")


def _tabel_ttd(doc) -> list[list[str]]:
    """Signature tables: the borderless two-column tables, as the text of each side."""
    return [[c.text for c in t.rows[0].cells] for t in doc.tables if len(t.columns) == 2 and len(t.rows) == 1]


def test_signature_blocks(doc):
    ttd = _tabel_ttd(doc)
    assert len(ttd) == 5  # Kata Pengantar, Ringkasan, Penutup, PK (two sides), IKU
    for kiri, kanan in ttd[:3]:
        assert kiri == ""
        assert kanan.splitlines()[:2] == ["Balikpapan, 25 Februari 2022", "Camat Balikpapan Selatan"]
        assert kanan.splitlines()[-1] == "Heruressandi Setia Kesuma"
    # the PK as it was signed in Januari 2021: Pihak Pertama is the Camat of then, not of today
    kiri, kanan = ttd[3]
    assert kiri.splitlines()[:3] == ["", "Pihak Kedua", "Wali Kota Balikpapan"]
    assert kiri.splitlines()[-1] == "H.M. Rizal Effendi, SE"
    assert kanan.splitlines()[:3] == ["Balikpapan, Januari 2021", "Pihak Pertama", "Camat Balikpapan Selatan"]
    assert kanan.splitlines()[-2:] == ["Muhammad Idris", "NIP. 19680106 199312 1 001"]
    # the IKU annex is signed by who set the IKU (SK Camat of 03 September 2019)
    assert ttd[4][1].splitlines()[-2:] == ["Drs. Muhammad Idris", "NIP. 19680106 199312 1 001"]


def test_pk_not_entered_yet_shows_what_to_fill():
    lap = demo_laporan()
    lap.perjanjian = lap.sk_iku = None
    kiri, kanan = _tabel_ttd(buka(lap))[3]
    assert "[nama kepala daerah: isi di Atur (F8)]" in kiri and "Wali Kota Balikpapan" in kiri
    assert "............ 2021" in kanan and "Heruressandi Setia Kesuma" in kanan


def test_signature_block_never_split_over_two_pages(doc):
    ttd = [t for t in doc.tables if len(t.columns) == 2 and len(t.rows) == 1]
    assert ttd and all(t.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None for t in ttd)


def test_signature_with_rank_and_nip():
    lap = demo_laporan()
    lap.instansi.kepala.pangkat, lap.instansi.kepala.nip = "Pembina (IV/a)", "19680106 199312 1 001"
    kiri, kanan = _tabel_ttd(buka(lap))[0]
    assert kanan.splitlines()[-3:] == ["Heruressandi Setia Kesuma", "Pembina (IV/a)", "NIP. 19680106 199312 1 001"]


def test_perjanjian_kinerja_annex_from_the_data(doc):
    teks = [p.text for p in doc.paragraphs]
    i = teks.index("Perjanjian Kinerja Tahun 2021")
    assert teks[i + 1] == "KECAMATAN BALIKPAPAN SELATAN KOTA BALIKPAPAN"
    pk = [t for t in doc.tables if t.rows[0].cells[0].text == "No" and "Sasaran Strategis" in t.rows[0].cells[1].text]
    assert any("7.303.930.952" in c.text for t in pk for r in t.rows for c in r.cells)
    murni = [t for t in doc.tables if [c.text for c in t.rows[0].cells][:3] == ["No.", "Program", "Anggaran (Rp.)"]]
    assert any(r.cells[2].text == "24.398.663.737" for t in murni for r in t.rows)


def test_text_of_the_unit_in_place(demo, doc):
    teks = [p.text for p in doc.paragraphs]
    i = teks.index("Kata Pengantar")
    assert teks[i + 1] == narasi.teks(demo, "kata-pengantar").splitlines()[0].strip()


def test_empty_sections_show_placeholders_in_both_files():
    lap = demo_laporan()
    lap.narasi = [t for t in lap.narasi if t.kunci not in ("kata-pengantar", "bab1.latar")]
    lap.narasi.append(Teks("bab1.latar", "", draf="Draf latar belakang dari angka."))
    doc = buka(lap)
    teks = [p.text for p in doc.paragraphs]
    assert "[BELUM DIISI: Kata Pengantar. Tulis di layar Narasi (F10).]" in teks
    i = teks.index("[DRAF, BELUM DITERIMA: A. Latar Belakang. Terima atau ubah di layar Narasi (F10).]")
    assert teks[i + 1] == "Draf latar belakang dari angka."
    merah = [r for p in doc.paragraphs for r in p.runs if r.text.startswith("[BELUM DIISI: Kata Pengantar")]
    assert merah[0].font.highlight_color is not None  # visible, not only present
    md = dokumen_md(lap, tabel_semua(lap), tabel_md)
    assert "**[BELUM DIISI: Kata Pengantar. Tulis di layar Narasi (F10).]**" in md
    assert "> *Draf latar belakang dari angka.*" in md


def test_report_without_any_text_still_complete():
    lap = Laporan(2024)
    doc = buka(lap)
    assert "BAB IV Penutup" in judul(doc)
    assert sum(p.text.startswith("[BELUM DIISI") for p in doc.paragraphs) >= 10
    assert list(tabel_bernomor(doc)) == [t.nomor for t in bangun_tabel(lap)]


def test_outline_changes_reach_both_files():
    lap = demo_laporan()
    narasi.ganti_judul(lap, "bab1.latar", "A. Dasar Pemikiran")
    narasi.pindah(lap, "bab1.tugas", -1)
    baru = narasi.tambah_bagian(lap, "bab1.sistematika", "G. Inovasi")
    lap.narasi.append(Teks(baru.kunci, "Inovasi layanan tahun ini."))
    j = judul(buka(lap))
    assert "A. Dasar Pemikiran" in j and "A. Latar Belakang" not in j
    assert j.index("C. Tugas dan Fungsi") < j.index("B. Gambaran Umum Perangkat Daerah")
    assert j.index("G. Inovasi") == j.index("F. Sistematika Penulisan") + 1
    md = dokumen_md(lap, tabel_semua(lap), tabel_md)
    assert [re.sub(r"^#+ ", "", x) for x in md.splitlines() if re.match(r"^#{2,} ", x)] == j
    assert "Inovasi layanan tahun ini." in md


def test_hostile_text_makes_a_valid_document():
    lap = laporan_jahat()
    lap.narasi = [Teks("kata-pengantar", 'a\x01b <tag> & "kutip"\n- butir')]
    doc = buka(lap)
    teks = [p.text for p in doc.paragraphs]
    assert 'ab <tag> & "kutip"' in teks and "•\tbutir" in teks  # a control character dropped, markup kept as text
    sel = {c.text for t in doc.tables for r in t.rows for c in r.cells}
    assert NAMA_JAHAT in sel and "\tUNIT" in sel  # line break and tab as Word's own


def test_text_shaped_like_a_table_marker_stays_text():
    """Tables are spliced in where marker paragraphs are; typed text cannot make one."""
    lap = demo_laporan()
    lap.narasi = [Teks("kata-pengantar", "\ue000LKJIP-TABEL-0\ue000")]
    doc = buka(lap)
    teks = [p.text for p in doc.paragraphs]
    assert "LKJIP-TABEL-0" in teks and not any("\ue000" in x for x in teks)
    assert list(tabel_bernomor(doc)) == list(tabel_semua(lap))


def test_export_writes_the_docx_whole_even_for_a_selection(tmp_path, demo):
    (berkas,) = ekspor(demo, tmp_path, ["docx"], "3.2")
    assert berkas.name == "laporan-2021.docx"
    doc = Document(str(berkas))
    assert list(tabel_bernomor(doc)) == [t.nomor for t in bangun_tabel(demo)]


def test_same_report_gives_the_same_bytes(lap, monkeypatch):
    """No clock in the file: two exports a second apart are byte for byte equal (a colleague
    can tell whether a document changed, and the export tests can compare files)."""
    import time as _time

    from exports.builders import bangun_tabel
    from exports.docx import dokumen_docx

    tabel = {t.nomor: t for t in bangun_tabel(lap, None)}
    satu = dokumen_docx(lap, tabel)
    nyata = _time.time
    monkeypatch.setattr(_time, "time", lambda: nyata() + 7200)  # zip entry times come from the clock
    monkeypatch.setattr(_time, "localtime", lambda t=None: _time.gmtime((t or nyata()) + 7200))
    assert dokumen_docx(lap, tabel) == satu


def test_new_pages_without_page_break_paragraphs_and_lead_ins_kept_with_their_tables(doc):
    """A page starts with "page break before" on its first paragraph: a paragraph holding a
    break leaves a blank page behind a Daftar Isi that Word fills to the end of its page."""
    assert not doc.element.body.xpath('.//w:br[@w:type="page"]')
    putus = [p.text for p in doc.paragraphs if p.paragraph_format.page_break_before]
    assert "Daftar Tabel" in putus and "Daftar Gambar" in putus and "Ringkasan Eksekutif" in putus
    pengantar = [p for p in doc.paragraphs if p.text.endswith("adalah sebagai berikut :")]
    assert pengantar and all(p.paragraph_format.keep_with_next for p in pengantar)


def test_penutup_text_kept_with_its_signature(doc):
    teks = [p for p in doc.paragraphs]
    i = next(i for i, p in enumerate(teks) if p.text == "BAB IV Penutup")
    j = next(j for j in range(i, len(teks)) if teks[j].text.startswith("Lampiran"))
    akhir = [p for p in teks[i:j] if p.text.strip() and not p.style.name.startswith("Heading")][-1]
    assert akhir.paragraph_format.keep_with_next


def test_no_empty_paragraph_only_to_end_a_section(doc):
    """A section ends in its last paragraph (as Word does), not in an empty one that would spill
    onto a page of its own once a Daftar is filled in; only after a table is one needed."""
    for p in doc.element.body.iterchildren(qn("w:p")):
        if p.pPr is not None and p.pPr.find(qn("w:sectPr")) is not None and not "".join(p.itertext()).strip():
            assert p.getprevious() is None or p.getprevious().tag == qn("w:tbl"), p.getprevious().xpath("string(.)")
    bab1 = next(p for p in doc.paragraphs if p.text == "BAB I Pendahuluan")._p
    daftar_gambar = bab1.getprevious()  # the Daftar Gambar's last line ends the front matter
    assert daftar_gambar.pPr.find(qn("w:sectPr")) is not None and "Gambar 1.1." in daftar_gambar.xpath("string(.)")
