from exports.builders import bangun_tabel
from exports.document import dokumen_md
from exports.markdown import tabel_md
from store.models import Laporan

from .util import laporan_jahat


def dokumen(lap):
    return dokumen_md(lap, {t.nomor: t for t in bangun_tabel(lap)}, tabel_md)


def test_bab_headings_captions_and_sentences(lap):
    md = dokumen(lap)
    for judul in ("## Ringkasan Eksekutif", "## BAB I Pendahuluan", "## BAB II Perencanaan Kinerja",
                  "## BAB III Akuntabilitas Kinerja", "## BAB IV Penutup"):
        assert judul in md
    assert md.index("**Tabel 1.1.") < md.index("**Tabel 2.1.") < md.index("**Tabel 3.9.") < md.index("**Tabel 3.17.")
    assert ("Capaian Indikator Kinerja Sasaran Strategis “Meningkatnya kualitas pelayanan publik” dengan rata-rata "
            "capaian sebesar 97,98% atau kategori Tinggi;") in md
    assert "rata-rata capaian sebesar 220,40% atau kategori Sangat Tinggi;" in md
    assert "dengan nilai rata-rata 159,19% atau dapat dikategorikan Sangat Tinggi." in md
    assert "Matrik Renstra Kecamatan Balikpapan Selatan memuat 2 Misi, 2 Tujuan, 2 Sasaran Strategis, 3 Indikator" in md
    assert "#### Sasaran 2. Meningkatkan pemberdayaan" in md
    # this bundle has no texts: every text part shows its placeholder, none is silently left out
    assert "> **[BELUM DIISI: A. Latar Belakang. Tulis di layar Narasi (F10).]**" in md
    assert "> **[BELUM DIISI: Kesimpulan. Tulis di layar Narasi (F10).]**" in md


def test_the_units_texts_and_signature(lap):
    from store.demo import demo_laporan

    demo = demo_laporan()
    md = dokumen(demo)
    assert "Alhamdulillah, puji syukur" in md and "[BELUM DIISI: Kata Pengantar" not in md
    assert "Balikpapan, 25 Februari 2022<br>\nCamat Balikpapan Selatan<br>" in md
    assert "Pihak Kedua<br>\nWali Kota Balikpapan" in md


def test_demo_document_prints_recommendations_then_follow_up_without_placeholder():
    from store.demo import demo_laporan

    md = dokumen(demo_laporan())
    assert "BELUM DIISI" not in md and "[DRAF" not in md
    saran = md.index("3. Evaluasi Internal")
    tanggapan = md.index("Dari hasil komponen penilaian, untuk tahun 2019")
    assert saran < tanggapan < md.index("### B. Pengukuran Capaian Kinerja Organisasi")
    # both parts print without their own heading: the recommendations run straight into the response
    assert md[saran:tanggapan].endswith("kepada pihak-pihak yang berkepentingan.\n\n")


def test_empty_report_says_not_yet_computable():
    md = dokumen(Laporan(2024))
    assert "belum dapat dihitung" in md and "**Tabel 3.5. Realisasi Anggaran per Program" in md


def test_hostile_names_do_not_make_headings():
    md = dokumen(laporan_jahat())
    assert "\nbaris dua" not in md.replace("<br>baris dua", "")


def test_lines_joined_a_piece_at_a_time_as_whole():
    """The document is written in pieces: the same text as joining every line and ending it
    with exactly one newline, whatever lines (empty, newlines only, a table ending with one) end it."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from exports.document import _satu_baris_akhir

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(["", "\n", "\n\n", "teks", "| a |\n", "x\n\ny\n\n"]), max_size=8))
    def cek(baris):
        assert "".join(_satu_baris_akhir(baris)) == "\n".join(baris).rstrip("\n") + "\n"
    cek()
