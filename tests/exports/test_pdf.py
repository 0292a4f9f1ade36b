"""The PDF read back with pypdf: the parts in the seed's order, Daftar Isi and Daftar Tabel page
numbers against the pages where the headings and captions really are, the seed's figures, the
signatories, orientation, page flow, placeholders, and typed text printed as typed."""

import io
import re
from dataclasses import dataclass

import pytest
from pypdf import PdfReader

from exports import naskah
from exports.builders import bangun_tabel
from exports.pdf import dokumen_pdf, naskah_json
from exports.run import ekspor
from store import narasi
from store.demo import demo_laporan
from store.models import Laporan, Teks


def tabel_semua(lap):
    return {t.nomor: t for t in bangun_tabel(lap)}


@dataclass
class Pdf:
    halaman: list[list[str]]  # each page's lines, the running header and the page number dropped
    kepala: list[str]         # each page's running header
    label: list[str]          # each page's printed number ("", "i", …, "1", …)
    lanskap: list[bool]

    def cari(self, baris: str, mulai: int = 0) -> int:
        """The first page from ``mulai`` with a line equal to ``baris`` (case ignored: BAB titles
        are printed in capitals)."""
        for i in range(mulai, len(self.halaman)):
            if any(x.casefold() == baris.casefold() for x in self.halaman[i]):
                return i
        raise AssertionError(f"{baris!r} tidak ada di halaman mana pun")

    def teks(self, dari: int = 0, sampai: int | None = None) -> str:
        return "\n".join("\n".join(h) for h in self.halaman[dari:sampai])


def baca(data: bytes) -> Pdf:
    r = PdfReader(io.BytesIO(data))
    halaman, kepala, lanskap = [], [], []
    for n, p in enumerate(r.pages):
        baris = [" ".join(x.replace("\u2060", "").replace("\u200b", "").split())
                 for x in p.extract_text().splitlines()]
        baris = [x for x in baris if x]
        if r.page_labels[n]:  # a numbered page: header first, number last
            assert baris[-1] == r.page_labels[n], n
            kepala.append(baris[0])
            baris = baris[1:-1]
        else:
            kepala.append("")
        halaman.append(baris)
        lanskap.append(p.mediabox.width > p.mediabox.height)
    return Pdf(halaman, kepala, list(r.page_labels), lanskap)


@pytest.fixture(scope="module")
def demo():
    return demo_laporan()


@pytest.fixture(scope="module")
def pdf(demo):
    return baca(dokumen_pdf(demo, tabel_semua(demo)))


URUTAN = ["Kata Pengantar", "Ringkasan Eksekutif", "Daftar Isi", "Daftar Tabel", "Daftar Gambar", "BAB I Pendahuluan",
          "A. Latar Belakang", "B. Gambaran Umum Perangkat Daerah", "C. Tugas dan Fungsi", "D. Isu Strategis",
          "E. Landasan Hukum", "F. Sistematika Penulisan", "BAB II Perencanaan Kinerja", "A. Perencanaan Strategis",
          "B. Indikator Kinerja Utama", "C. Perjanjian Kinerja", "D. Rencana Anggaran",
          "BAB III Akuntabilitas Kinerja", "D. Analisis Capaian Kinerja",
          "Sasaran 1. Meningkatnya kualitas pelayanan publik", "E. Realisasi Anggaran", "BAB IV Penutup", "Lampiran",
          "Perjanjian Kinerja Tahun 2021"]


def test_a4_cover_then_roman_then_arabic(pdf):
    assert len(pdf.halaman) > 20
    assert pdf.label[0] == "" and pdf.label[1:6] == ["i", "ii", "iii", "iv", "v"]
    assert pdf.label[6] == "1" and pdf.halaman[6][0] == "BAB I PENDAHULUAN"
    angka = [int(x) for x in pdf.label[6:]]
    assert angka == list(range(1, len(angka) + 1))  # the annex goes on counting
    assert pdf.halaman[0][:4] == ["LAPORAN KINERJA INSTANSI PEMERINTAH", "(LKjIP)", "KECAMATAN BALIKPAPAN SELATAN",
                                  "TAHUN 2021"]


def test_parts_in_the_seeds_order(pdf):
    hal, mulai = [], 1
    for judul in URUTAN:
        mulai = pdf.cari(judul, mulai)
        hal.append(mulai)
    assert hal == sorted(hal)


def _daftar(pdf: Pdf, judul: str, berikut: str) -> list[tuple[str, str]]:
    """(entry, page number) of a list of contents; an entry may wrap over two lines."""
    a, b = pdf.cari(judul), pdf.cari(berikut)
    entri, awal = [], ""
    for baris in pdf.teks(a, b).splitlines()[1:]:
        m = re.match(r"^(.*?)\s(?:\.\s?)+\s*([ivx]+|\d+)$", baris)
        if m:
            entri.append(((awal + " " + m[1]).strip(), m[2]))
            awal = ""
        else:
            awal = (awal + " " + baris).strip()
    return entri


def test_daftar_isi_page_numbers_are_the_real_pages(pdf):
    entri = _daftar(pdf, "Daftar Isi", "Daftar Tabel")
    assert [j for j, _ in entri][:6] == URUTAN[:5] + ["BAB I Pendahuluan"]
    assert len(entri) >= 25
    mulai = 1
    for judul, nomor in entri:
        mulai = pdf.cari(judul, mulai)
        assert pdf.label[mulai] == nomor, judul


def test_daftar_tabel_page_numbers_are_the_real_pages(demo, pdf):
    entri = _daftar(pdf, "Daftar Tabel", "Daftar Gambar")
    assert [re.match(r"Tabel (\d+\.\d+)\. ", j)[1] for j, _ in entri] == list(tabel_semua(demo))
    mulai = pdf.cari("Daftar Gambar") + 1  # after the lists of contents
    teks = [(i, x) for i, h in enumerate(pdf.halaman) for x in h if i >= mulai]
    for judul, nomor in entri:
        awal = judul.split(". ")[0] + ". "  # "Tabel 3.4. ": the caption's first line
        (i,) = {i for i, x in teks if x.startswith(awal)}
        assert pdf.label[i] == nomor, judul


def _isi_tabel(demo, pdf: Pdf, nomor: str) -> str:
    """The text from a table's caption to the next caption."""
    semua = list(tabel_semua(demo))
    dari = next(i for i in range(6, len(pdf.halaman)) if any(x.startswith(f"Tabel {nomor}. ") for x in pdf.halaman[i]))
    teks = pdf.teks(dari)
    teks = teks[teks.index(f"Tabel {nomor}. "):]
    k = semua.index(nomor)
    if k + 1 < len(semua):
        teks = teks[:teks.index(f"Tabel {semua[k + 1]}. ")]
    return teks


@pytest.mark.parametrize("nomor, cari", [
    ("3.2", ["95,95", "Tidak Tercapai", "100,00", "220,40", "Melebihi target"]),
    ("3.4", ["97,98"]), ("3.10", ["220,40"]),
    ("3.5", ["0,29"]), ("3.11", ["-0,11"]), ("3.6", ["-4,05"]), ("3.12", ["120,40"]),
    ("2.5", ["20.789.314.577", "85,74", "3.457.226.110", "14,26"]),
    ("3.8", ["18.277.290.802", "87,92"]), ("3.14", ["2.367.571.830", "68,48"]),
    ("3.9", ["10,06"]), ("3.15", ["151,92"]),
    ("3.17", ["86,98", "92,01", "70,63", "47,86", "24.246.540.687", "20.644.862.632", "85,15", "Total Belanja"]),
    ("1.1", [" 34", " 13", " 61", " 59", " 120"]),
    ("3.1", ["64,33", "65,08", "B (Baik)"]),
])
def test_spec_figures_in_their_tables(demo, pdf, nomor, cari):
    teks = _isi_tabel(demo, pdf, nomor).replace("\n", " ")
    for x in cari:
        assert x in teks, (nomor, x)


def test_table_header_repeated_on_every_page(pdf):
    awal = next(i for i in range(6, len(pdf.halaman)) if any(x.startswith("Tabel 3.17. ") for x in pdf.halaman[i]))
    akhir = pdf.cari("BAB IV Penutup", awal)
    assert akhir - awal >= 2  # 3.17 runs over pages
    for i in range(awal, akhir):
        assert any("Program/Kegiatan/Subkegiatan Ketr." in x for x in pdf.halaman[i]), i
        assert "1 2 3 4 5 6" in pdf.halaman[i], i


def test_landscape_only_for_wide_tables(pdf):
    def hal_tabel(n):
        return next(i for i, h in enumerate(pdf.halaman) if any(x.startswith(f"Tabel {n}. ") for x in h) and i > 6)

    assert not pdf.lanskap[pdf.cari("BAB II Perencanaan Kinerja")]
    assert not pdf.lanskap[pdf.cari("A. Perencanaan Strategis")]
    assert pdf.lanskap[hal_tabel("2.1")] and pdf.lanskap[hal_tabel("3.16")]
    for n in ("1.1", "3.4", "3.5", "3.6", "3.8", "2.5"):
        assert not pdf.lanskap[hal_tabel(n)], n
    assert not any(pdf.lanskap[:7])


def test_no_short_page_before_a_landscape_page(pdf):
    """The text a portrait page leaves over goes onto the landscape page after it, not onto
    a page of its own (it was three lines before Tabel 3.11)."""
    sebelum = [i for i in range(len(pdf.halaman) - 1) if pdf.lanskap[i + 1] and not pdf.lanskap[i]]
    assert len(sebelum) >= 4
    for i in sebelum:
        assert len(pdf.halaman[i]) >= 15, (pdf.label[i], pdf.halaman[i])


def test_running_header_names_the_chapter_of_its_page(pdf):
    bab = ""
    for i in range(1, len(pdf.halaman)):
        judul = [x for x in pdf.halaman[i] if x.startswith(("BAB ", "KATA PENGANTAR", "RINGKASAN EKSEKUTIF",
                                                            "DAFTAR ", "LAMPIRAN"))]
        if judul and judul[0].isupper():
            bab = judul[0]
        assert pdf.kepala[i].casefold().endswith(bab.casefold()), (pdf.label[i], pdf.kepala[i], bab)


def test_no_page_ends_with_a_lead_in(pdf):
    for i, h in enumerate(pdf.halaman):
        assert h and not h[-1].endswith(":"), (pdf.label[i], h[-1])


def test_signatories(pdf):
    teks = pdf.teks()
    assert teks.count("Heruressandi Setia Kesuma") == 3  # the head now: Kata Pengantar, Ringkasan, Penutup
    assert "Balikpapan, 25 Februari 2022" in teks and "Camat Balikpapan Selatan" in teks
    lampiran = pdf.teks(pdf.cari("Perjanjian Kinerja Tahun 2021"))
    assert "Pihak Kedua" in lampiran and "Wali Kota Balikpapan" in lampiran and "Pihak Pertama" in lampiran
    # the PK is signed by those who signed it that year (F8), not by today's head
    assert "H.M. Rizal Effendi, SE" in lampiran and "Muhammad Idris" in lampiran
    assert "Heruressandi Setia Kesuma" not in lampiran
    # the Penutup's signature on the page of the Penutup's last words
    i = next(i for i in range(pdf.cari("BAB IV Penutup"), len(pdf.halaman))
             if "Heruressandi Setia Kesuma" in pdf.halaman[i])
    assert len(pdf.halaman[i]) > 6 and pdf.label[i] < pdf.label[pdf.cari("Lampiran")]


def test_placeholders_and_drafts_visible_and_counted():
    lap = demo_laporan()
    lap.narasi = [t for t in lap.narasi if t.kunci not in ("kata-pengantar", "bab1.latar", "bab1.tugas")]
    lap.narasi += [Teks("bab1.latar", "", draf="Draf latar belakang dari angka."),
                   Teks("bab1.tugas", "Tugas camat.\n[Tuliskan fungsi kecamatan.]")]
    teks = baca(dokumen_pdf(lap, tabel_semua(lap))).teks()
    assert "[BELUM DIISI: Kata Pengantar. Tulis di layar Narasi (F10).]" in teks
    assert "[DRAF, BELUM DITERIMA: A. Latar Belakang. Terima atau ubah di layar Narasi (F10).]" in teks
    assert "Draf latar belakang dari angka." in teks
    assert "[BELUM SELESAI: C. Tugas dan Fungsi masih memuat petunjuk" in teks.replace("\n", " ")
    sisa = naskah.sisa(lap)
    assert (sisa.draf, sisa.kosong) == (1, naskah.sisa(demo_laporan()).kosong + 2)
    assert "1 draf belum diterima" in str(sisa)


def test_empty_unit_exports_a_whole_document():
    lap = Laporan(2024)
    pdf = baca(dokumen_pdf(lap, tabel_semua(lap)))
    for judul in ("Daftar Isi", "BAB I Pendahuluan", "BAB IV Penutup", "Lampiran"):
        pdf.cari(judul)
    assert pdf.teks().count("[BELUM DIISI") >= 10
    assert [j for j, _ in _daftar(pdf, "Daftar Tabel", "Daftar Gambar")] == [
        " ".join(t.keterangan.split()) for t in bangun_tabel(lap)]


def test_typed_text_prints_literally():
    lap = demo_laporan()
    nama = r"Unit #*$[\ _x_ <b> `kode` = [a](b) // c"
    lap.instansi.nama = nama
    lap.narasi = [t for t in lap.narasi if t.kunci != "kata-pengantar"]
    lap.narasi.append(Teks("kata-pengantar", '#set text(red)\n$x^2$ *tebal* \\\n- butir ]'))
    pdf = baca(dokumen_pdf(lap, tabel_semua(lap)))
    assert nama.upper() in pdf.halaman[0]
    assert pdf.kepala[1] == f"LKjIP {nama} Tahun 2021 Kata Pengantar"
    assert pdf.teks(1, 2).startswith("KATA PENGANTAR\n#set text(red)\n$x^2$ *tebal* \\")
    assert "• butir ]" in pdf.teks(1, 2)


def test_same_report_gives_the_same_bytes(demo):
    tabel = tabel_semua(demo)
    assert dokumen_pdf(demo, tabel) == dokumen_pdf(demo, tabel)


def test_a_block_kind_this_renderer_does_not_know_prints_its_text(demo):
    @dataclass(frozen=True)
    class Baru:
        teks: str

    data = naskah_json(demo, [naskah.Seksi("isi"), naskah.Judul("BAB I", 1), Baru("isi blok baru")])  # type: ignore[list-item]
    assert data["seksi"][-1]["blok"][-1] == {"k": "baru", "teks": "isi blok baru"}


def test_export_writes_the_pdf_whole_even_for_a_selection(tmp_path, demo):
    (berkas,) = ekspor(demo, tmp_path, ["pdf"], "3.2")
    assert berkas.name == "laporan-2021.pdf"
    entri = _daftar(baca(berkas.read_bytes()), "Daftar Tabel", "Daftar Gambar")
    assert len(entri) == len(tabel_semua(demo))


def test_outline_changes_reach_the_pdf():
    lap = demo_laporan()
    narasi.ganti_judul(lap, "bab1.latar", "A. Dasar Pemikiran")
    pdf = baca(dokumen_pdf(lap, tabel_semua(lap)))
    i = pdf.cari("BAB I Pendahuluan")
    assert pdf.halaman[i].index("A. Dasar Pemikiran") > pdf.halaman[i].index("BAB I PENDAHULUAN")
    assert "A. Dasar Pemikiran" in [j for j, _ in _daftar(pdf, "Daftar Isi", "Daftar Tabel")]


def test_solutions_lead_in_and_the_national_standards_dash_explained(demo, pdf):
    teks = pdf.teks()
    i = teks.index("Alternatif solusi yang diambil adalah :")
    assert teks[i:].split("\n")[1].startswith("1. Melakukan pembinaan petugas pelayanan publik")
    assert "Tanda - pada kolom Realisasi Nasional: standar nasional" in _isi_tabel(demo, pdf, "3.7").replace("\n", " ")


def test_organisation_chart_and_logo_blocks_drawn(monkeypatch):
    """Blocks of the document's data (a chart drawn from the structure, the cover's logo) are
    typeset: the chart's units readable in the PDF, listed in Daftar Gambar."""
    import base64

    @dataclass(frozen=True)
    class Bagan:
        nomor: str
        judul: str
        unit: tuple

        @property
        def label(self):
            return f"Gambar {self.nomor}. {self.judul}"

    @dataclass(frozen=True)
    class Logo:
        png: bytes

    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==")
    lap = demo_laporan()
    blok = [Logo(png), naskah.Paragraf("SAMPUL", sampul=True), naskah.Seksi("depan"),
            naskah.Judul("Daftar Gambar", 1), naskah.Daftar("gambar"), naskah.Seksi("isi"), naskah.Judul("BAB I", 1),
            Bagan("1.1", "Struktur Organisasi", ((0, "Camat"), (1, "Sekretariat"), (2, "Subbag Umum"),
                                                  (1, "Seksi Pemerintahan"), (0, "Kelurahan #1")))]
    data = naskah_json(lap, blok)  # type: ignore[arg-type]
    assert data["seksi"][-1]["blok"][-1]["pohon"] == [
        {"nama": "Camat", "anak": [{"nama": "Sekretariat", "anak": [{"nama": "Subbag Umum", "anak": []}]},
                                   {"nama": "Seksi Pemerintahan", "anak": []}]},
        {"nama": "Kelurahan #1", "anak": []}]
    monkeypatch.setattr(naskah, "susun", lambda lap, tabel: blok)
    data = dokumen_pdf(lap, {})
    assert len(PdfReader(io.BytesIO(data)).pages[0].images) == 1  # the logo on the cover
    teks = baca(data).teks()
    for x in ("Camat", "Sekretariat", "Subbag Umum", "Seksi Pemerintahan", "Kelurahan #1"):
        assert x in teks
    blok[0] = Logo(b"GIF89a bukan png")  # a picture Typst cannot read never fails the export
    assert "[LOGO BUKAN BERKAS PNG]" in baca(dokumen_pdf(lap, {})).teks()
    assert re.search(r"Gambar 1\.1\. Struktur Organisasi (\. ?)+1", teks)
