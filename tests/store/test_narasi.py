"""The report's outline and texts (store/narasi.py), their persistence, year copy and drafts."""

from __future__ import annotations

import json

import pytest

from exports.naskah import Sisa, sisa
from store import draf, narasi
from store.bundle import baca_bundle, dump_bundle, ke_bundle, muat_json
from store.check import periksa_narasi
from store.demo import demo_laporan
from store.models import Teks
from store.repository import Repository
from store.schema import SKEMA
from store.tahun import salin_laporan


def kunci_urut(lap) -> list[str]:
    return [b.kunci for _, b in narasi.jelajah(narasi.garis_besar(lap))]


def judul_anak(lap, kunci) -> list[str]:
    return [b.judul for b in narasi.cari_bagian(lap, kunci).anak]


# ---------------------------------------------------------------- the default outline
def test_default_outline_is_the_seeds_order(lap):
    atas = [b.judul for b in narasi.garis_besar(lap)]
    assert atas == ["Sampul", "Kata Pengantar", "Ringkasan Eksekutif", "Daftar Isi", "Daftar Tabel",
                    "Daftar Gambar", "BAB I Pendahuluan", "BAB II Perencanaan Kinerja",
                    "BAB III Akuntabilitas Kinerja", "BAB IV Penutup", "Lampiran"]
    assert [j[:2] for j in judul_anak(lap, "bab1")] == ["A.", "B.", "C.", "D.", "E.", "F."]
    assert [j[:2] for j in judul_anak(lap, "bab3")] == ["A.", "B.", "C.", "D.", "E."]
    # steps 1)–7) per sasaran, one group per sasaran, in the data's order
    assert [b.judul for b in narasi.cari_bagian(lap, "bab3.analisis").anak] == [
        "Sasaran 1. Meningkatnya kualitas pelayanan publik",
        "Sasaran 2. Meningkatkan pemberdayaan masyarakat dalam pembangunan, ketentraman dan ketertiban"]
    assert [j[:2] for j in judul_anak(lap, "sasaran.S2")] == ["1)", "2)", "3)", "4)", "5)", "6)", "7)"]


def test_tables_are_numbered_as_the_catalogue(lap):
    from exports.builders import nomor_tabel

    dalam_garis = [b.tabel for _, b in narasi.jelajah(narasi.garis_besar(lap)) if b.jenis == "tabel"]
    assert dalam_garis == nomor_tabel(lap)  # the seed's 1.1 … 3.17, each once, in document order


def test_table_numbers_follow_the_number_of_sasaran(lap):
    from exports.builders import nomor_tabel

    lap.sasaran = lap.sasaran[:1]
    dalam_garis = [b.tabel for _, b in narasi.jelajah(narasi.garis_besar(lap)) if b.jenis == "tabel"]
    assert dalam_garis == nomor_tabel(lap)
    assert dalam_garis[-2:] == ["3.10", "3.11"]


def test_per_indicator_notes_sit_under_their_sasaran(lap):
    s1 = [b.kunci for _, b in narasi.jelajah([narasi.cari_bagian(lap, "sasaran.S1")])]
    assert "indikator.I1.catatan" in s1 and "indikator.I2.catatan" in s1
    assert "indikator.I3.catatan" not in s1


# ---------------------------------------------------------------- a unit's own outline
def test_rename_reorder_add_remove(lap):
    assert lap.garis is None
    narasi.ganti_judul(lap, "ringkasan", "  Ikhtisar   Eksekutif ")
    assert narasi.cari_bagian(lap, "ringkasan").judul == "Ikhtisar Eksekutif"
    assert lap.garis is not None  # the unit now has its own outline

    narasi.pindah(lap, "bab1.isu", -1)  # D before C
    assert [j[:2] for j in judul_anak(lap, "bab1")] == ["A.", "B.", "D.", "C.", "E.", "F."]

    baru = narasi.tambah_bagian(lap, "bab1.gambaran", "Sumber Daya dan Sarana dan Prasarana")
    assert judul_anak(lap, "bab1")[2] == "Sumber Daya dan Sarana dan Prasarana"
    assert baru.dibawa  # a part added inside BAB I carries over like its neighbours

    narasi.hapus_bagian(lap, "bab1.sistematika")
    assert "bab1.sistematika" not in kunci_urut(lap)


def test_changes_inside_the_per_sasaran_part_apply_to_every_sasaran(lap):
    narasi.pindah(lap, "sasaran.S2.penyebab", -1)
    b = narasi.tambah_bagian(lap, "sasaran.S1.program", "Kendala")
    for sid in ("S1", "S2"):
        anak = [x.kunci for x in narasi.cari_bagian(lap, f"sasaran.{sid}").anak]
        assert anak.index(f"sasaran.{sid}.penyebab") == 3
        assert anak[anak.index(f"sasaran.{sid}.program") + 1] == b.kunci.replace("{s}", sid)


@pytest.mark.parametrize("ubah, pesan", [
    (lambda lap: narasi.hapus_bagian(lap, "bab1"), "bukan bagian teks"),
    (lambda lap: narasi.hapus_bagian(lap, "bab1.gambaran"), "memuat tabel"),
    (lambda lap: narasi.hapus_bagian(lap, "tidak.ada"), "tidak ada"),
    (lambda lap: narasi.ganti_judul(lap, "sasaran.S1", "Sasaran satu"), "mengikuti data sasaran"),
    (lambda lap: narasi.pindah(lap, narasi.TTD_TANGGAL, -1), "selalu ada"),
    (lambda lap: narasi.ganti_judul(lap, "bab1.latar", "   "), "tidak boleh kosong"),
    (lambda lap: narasi.pindah(lap, "sampul", -1), "sudah di awal"),
    (lambda lap: narasi.tambah_bagian(lap, "bab1.latar", "Tabel baru", jenis="tabel"), "hanya bagian teks"),
])
def test_outline_changes_refused_with_a_reason(lap, ubah, pesan):
    with pytest.raises(narasi.GarisTidakSah, match=pesan):
        ubah(lap)


# ---------------------------------------------------------------- texts and drafts
def test_a_draft_is_never_the_users_text(lap):
    lap.narasi = [Teks("sasaran.S1.penyebab", "", "draf dari angka")]
    assert narasi.teks(lap, "sasaran.S1.penyebab") == ""
    assert narasi.status(lap, "sasaran.S1.penyebab") == "draf"
    assert [k.status for k in narasi.belum_diisi(lap) if k.kunci == "sasaran.S1.penyebab"] == ["draf"]
    t = lap.cari_teks("sasaran.S1.penyebab")
    narasi.terima_draf(t)
    assert (t.isi, t.draf) == ("draf dari angka", None)
    assert narasi.status(lap, "sasaran.S1.penyebab") == "terisi"


def test_an_accepted_draft_keeps_no_instruction(lap):
    """ctrl+t on a draft that asks for the causes: the figures become the text, the request
    does not; a text that still holds an instruction is not "written"."""
    d = draf.draf_untuk(lap, "sasaran.S1.penyebab")
    lap.narasi = [Teks("sasaran.S1.penyebab", "", d)]
    t = lap.cari_teks("sasaran.S1.penyebab")
    narasi.terima_draf(t)
    assert "[Tuliskan" not in t.isi and "[" not in t.isi and t.isi == t.isi.strip()
    assert t.isi.startswith("Capaian kinerja sasaran strategis") and "serapan 87,92%" in t.isi
    assert narasi.status(lap, "sasaran.S1.penyebab") == "terisi"
    t.isi += "\n[Tuliskan penyebabnya di sini.]"  # typed or pasted back
    assert narasi.status(lap, "sasaran.S1.penyebab") == "kosong"
    assert "sasaran.S1.penyebab" in [k.kunci for k in narasi.belum_diisi(lap)]
    t.isi = "Sebab: [1] survei berkala."  # brackets of the unit's own are text
    assert narasi.status(lap, "sasaran.S1.penyebab") == "terisi"


def test_a_draft_says_a_missing_figure_is_missing(lap):
    for i in lap.indikator_sasaran("S1"):
        i.target.pop(lap.tahun, None)  # no capaian, so no efficiency
    d = draf.draf_untuk(lap, "sasaran.S1.penyebab")
    assert "efisiensi (capaian dikurangi serapan) -" not in d and " -." not in d
    assert "tingkat efisiensi (capaian dikurangi serapan) belum dapat dihitung" in d


def test_step_headings_whole_and_the_solutions_lead_in(lap):
    judul = [b.judul for b in narasi.cari_bagian(lap, "sasaran.S1").anak]
    assert judul[0] == "1) Analisis pencapaian sasaran dan perbandingan dengan target akhir Renstra tahun 2021"
    assert judul[4] == ("5) Analisis penyebab keberhasilan/kegagalan atau peningkatan/penurunan kinerja serta "
                        "alternatif solusi yang telah dilakukan")
    assert narasi.cari_bagian(lap, "sasaran.S1.solusi").judul == "Alternatif solusi yang diambil adalah :"


def test_a_discarded_draft_is_not_offered_again(lap):
    assert narasi.perlu_draf(lap, "sasaran.S1.penyebab")
    t = Teks("sasaran.S1.penyebab", "", "x")
    lap.narasi.append(t)
    narasi.buang_draf(t)
    assert narasi.status(lap, "sasaran.S1.penyebab") == "kosong"
    assert not narasi.perlu_draf(lap, "sasaran.S1.penyebab")


def test_list_parts_are_one_item_per_line(lap):
    lap.narasi = [Teks("bab1.hukum.daftar", "UU 23/2014\n\n  Perpres 29/2014  \n")]
    assert narasi.butir(lap, "bab1.hukum.daftar") == ["UU 23/2014", "Perpres 29/2014"]


def test_signature_data(lap):
    lap.instansi.kepala.pangkat = "Pembina Tk. I (IV/b)"
    lap.narasi = [Teks(narasi.TTD_TEMPAT, "Balikpapan "), Teks(narasi.TTD_TANGGAL, "25 Februari 2022")]
    assert narasi.tanda_tangan(lap) == narasi.Ttd("Balikpapan", "25 Februari 2022", "Camat Balikpapan Selatan",
                                                   "Heruressandi Setia Kesuma", "Pembina Tk. I (IV/b)", None)


def test_drafts_from_the_demo_figures(lap):
    d = draf.draf_untuk(lap, "sasaran.S1.penyebab")
    # the seed's figures for sasaran 1 (SPEC §3): capaian 97,98 % Tinggi, IKM 95,95 %, serapan 87,92 %
    assert "rata-rata 97,98% atau kategori Tinggi" in d
    assert "Indikator Indeks Kepuasan Masyarakat: target tahun 2021 83,16, realisasi 79,79, capaian 95,95%" in d
    assert "Dibandingkan tahun 2020 (realisasi 79,56), realisasi naik 0,29%" in d
    assert "2017 82,25; 2018 80,34; 2019 77,76; 2020 79,56" in d
    assert "target akhir Renstra (83,16) tingkat kemajuannya -4,05%" in d
    assert "Standar nasional untuk indikator ini belum diisi" in d
    assert "serapan 87,92%" in d and "efisiensi (capaian dikurangi serapan) 10,06" in d
    assert d.endswith(draf.MINTA_PENYEBAB)  # the causes are the unit's to write

    p = draf.draf_untuk(lap, "sasaran.S2.program")
    assert "1. Program Pemberdayaan Masyarakat Desa dan Kelurahan: anggaran Rp 3.130.944.110, realisasi " \
           "Rp 2.211.424.830 (serapan 70,63%)." in p
    assert "2. Program Koordinasi Ketentraman dan Ketertiban Umum" in p
    assert draf.draf_untuk(lap, "sasaran.S9.penyebab") is None
    assert draf.draf_untuk(lap, "bab1.latar") is None


def test_draft_of_a_national_standard_and_a_rupiah_indicator(lap):
    lap.cari_indikator("I1").standar_nasional[2021] = __import__("decimal").Decimal("80")
    assert "Terhadap standar nasional (80) capaiannya 99,74%" in draf.draf_untuk(lap, "sasaran.S1.penyebab")
    assert "target tahun 2021 Rp 7.303.930.952, realisasi Rp 16.098.130.150" in draf.draf_untuk(lap, "sasaran.S2.penyebab")


# ---------------------------------------------------------------- missing parts
def test_missing_parts_listed_for_check_and_beranda(lap):
    semua = narasi.belum_diisi(lap)  # the fixture has no text at all
    kunci = [k.kunci for k in semua]
    assert kunci[0] == "kata-pengantar" and kunci[-2:] == [narasi.TTD_TEMPAT, narasi.TTD_TANGGAL]
    assert "sasaran.S2.penyebab" in kunci and "sasaran.S2.solusi" in kunci
    assert "sasaran.S1.2" not in kunci  # optional: the table speaks
    masalah = periksa_narasi(lap)
    assert len(masalah) == len(semua)
    assert str(masalah[1]) == "Teks Ringkasan Eksekutif: belum diisi; dokumen menampilkan tempat kosong"


def test_demo_data_holds_the_seeds_texts():
    lap = demo_laporan()
    assert narasi.teks(lap, "kata-pengantar").startswith("Alhamdulillah, puji syukur")
    assert narasi.butir(lap, "bab1.hukum.daftar")[0].startswith("Undang-Undang Nomor 28 Tahun 1999")
    assert len(narasi.butir(lap, "bab1.hukum.daftar")) == 9
    assert len(narasi.butir(lap, "bab1.isu.daftar")) == 5
    assert "Pandemi covid 19" in narasi.teks(lap, "sasaran.S2.penyebab")
    assert len(narasi.butir(lap, "sasaran.S2.solusi")) == 3
    assert narasi.tanda_tangan(lap).tempat == "Balikpapan"
    # issue 19: no part is left empty, and the document has no placeholder left
    assert narasi.belum_diisi(lap) == []
    assert sisa(lap) == Sisa(kosong=0, draf=0)
    # the seed's closing paragraph after the evaluator's recommendations is the office's response to them
    rekomendasi = narasi.teks(lap, "bab3.akip.rekomendasi")
    tindak_lanjut = narasi.teks(lap, "bab3.akip.tindak-lanjut")
    assert rekomendasi.startswith("Saran perbaikan dari evaluator Inspektorat Kota Balikpapan")
    assert rekomendasi.endswith("pengkomunikasian hasil evaluasi kepada pihak-pihak yang berkepentingan.")
    assert tindak_lanjut.startswith("Dari hasil komponen penilaian, untuk tahun 2019 dan tahun 2020 tidak terdapat")
    assert tindak_lanjut.endswith("AKIP dapat secara maksimal diimplementasikan.") and "\n" not in tindak_lanjut
    assert "Dari hasil komponen penilaian" not in rekomendasi



# ---------------------------------------------------------------- persistence
def test_texts_and_outline_survive_the_database(lap, db_path):
    lap.narasi = [Teks("bab1.latar", "Latar belakang."), Teks("sasaran.S1.penyebab", "", "draf")]
    lap.instansi.kepala.pangkat = "Pembina (IV/a)"
    narasi.ganti_judul(lap, "ringkasan", "Ikhtisar Eksekutif")
    with Repository(db_path) as repo:
        repo.simpan_laporan(lap)
    with Repository(db_path) as repo:
        again = repo.muat(2021)
        t = again.cari_teks("bab1.latar")
        t.isi = "Diubah."
        repo.simpan(2021, t)  # one text, one journal line
        assert [r["perubahan"][0]["kunci"] for r in repo.riwayat(2021, 1)] == ["bab1.latar"]
        from store.audit import teks_perubahan
        assert teks_perubahan(repo.riwayat(2021, 1)[0]["perubahan"][0]) == \
            "ubah teks laporan bab1.latar: isi: Latar belakang. → Diubah."
    with Repository(db_path) as repo:
        again = repo.muat(2021)
    assert narasi.teks(again, "bab1.latar") == "Diubah."
    assert narasi.draf(again, "sasaran.S1.penyebab") == "draf"
    assert narasi.cari_bagian(again, "ringkasan").judul == "Ikhtisar Eksekutif"
    assert again.instansi.kepala.pangkat == "Pembina (IV/a)"


def test_schema_2_database_is_migrated_with_a_backup(db_path, fixture_path):
    # A version-2 file: the layout before texts (no narasi table, no outline, no pangkat).
    lap = baca_bundle(muat_json(fixture_path))
    with Repository(db_path) as repo:
        repo.simpan_laporan(lap)
    raw = json.loads(db_path.read_text(encoding="utf-8"))
    raw["_meta"] = {"1": {"skema": 2}}
    raw.pop("narasi", None)
    for doc in raw["laporan"].values():
        doc.pop("garis_besar")
        doc["instansi"]["kepala"].pop("pangkat")
    db_path.write_text(json.dumps(raw), encoding="utf-8")

    with Repository(db_path) as repo:
        again = repo.muat(2021)
        assert again.narasi == [] and again.garis is None and again.instansi.kepala.pangkat == ""
        repo.simpan(2021, Teks("bab1.latar", "Teks baru."))
    with Repository(db_path) as repo:
        assert narasi.teks(repo.muat(2021), "bab1.latar") == "Teks baru."
    assert json.loads(db_path.read_text(encoding="utf-8"))["_meta"]["1"]["skema"] == SKEMA == 4
    cadangan = list((db_path.parent / "backup").glob("*skema2*"))
    assert cadangan, list((db_path.parent / "backup").iterdir())
    assert json.loads(cadangan[0].read_text(encoding="utf-8"))["_meta"]["1"]["skema"] == 2


def test_bundle_v1_imports_and_v2_round_trips(fixture_json):
    assert fixture_json["version"] == 1
    lap = baca_bundle(fixture_json)  # no texts, default outline
    assert lap.narasi == [] and lap.garis is None
    lap.narasi = [Teks("kata-pengantar", "Puji syukur…\n\nParagraf dua."), Teks("sasaran.S1.penyebab", "", "draf")]
    narasi.pindah(lap, "bab1.isu", 1)
    lap.instansi.kepala.pangkat = "Pembina (IV/a)"
    v2 = ke_bundle(lap)
    assert v2["version"] == 2
    again = baca_bundle(json.loads(dump_bundle(lap)))
    assert again.narasi == lap.narasi and again.garis == lap.garis
    assert again.instansi.kepala.pangkat == "Pembina (IV/a)"
    assert ke_bundle(again) == v2


@pytest.mark.parametrize("ubah, pesan", [
    (lambda b: b.update(narasi=[{"kunci": "a", "isi": 5}]), "narasi[0].isi: 5 bukan teks"),
    (lambda b: b.update(narasi=[{"kunci": "a"}, {"kunci": "a"}]), 'narasi[1].kunci: "a" dipakai lebih dari sekali'),
    (lambda b: b.update(narasi=[{"isi": "x"}]), "narasi[0].kunci: wajib diisi"),
    (lambda b: b.update(narasi=[{"kunci": "a", "isi": "baris\nkedua \x1b[2J"}]), "narasi[0].isi: berisi karakter kendali"),
    (lambda b: b.update(narasi=[{"kunci": "a", "isi": "", "draf": "x\u202ey"}]), "narasi[0].draf: berisi karakter pengarah"),
    (lambda b: b.update(garis_besar=[{"kunci": "x", "judul": "X", "jenis": "gambar"}]), "garis_besar[0].jenis"),
    (lambda b: b.update(garis_besar=[{"kunci": "x", "judul": "X", "opsional": "ya"}]), "garis_besar[0].opsional"),
])
def test_bad_texts_in_a_bundle_are_named(fixture_json, ubah, pesan):
    from store.bundle import BundleTidakSah

    fixture_json["version"] = 2
    ubah(fixture_json)
    with pytest.raises(BundleTidakSah) as e:
        baca_bundle(fixture_json)
    assert any(m.startswith(pesan) for m in e.value.masalah), e.value.masalah


# ---------------------------------------------------------------- year copy
def test_year_copy_carries_bab1_and_the_legal_basis_not_the_analysis():
    lap = demo_laporan()
    narasi.tambah_bagian(lap, "bab1.latar", "Sumber Daya")
    tambahan = narasi.cari_bagian(lap, "bab1").anak[1].kunci
    lap.narasi.append(Teks(tambahan, "Pegawai dan sarana."))
    lap.cari_teks("bab1.latar").draf = "draf lama"
    baru = salin_laporan(lap, 2022)
    dibawa = {t.kunci for t in baru.narasi}
    assert {"bab1.latar", "bab1.gambaran", "bab1.tugas", "bab1.isu", "bab1.isu.daftar", "bab1.hukum",
            "bab1.hukum.daftar", "bab1.sistematika", tambahan, narasi.TTD_TEMPAT} == dibawa
    assert narasi.teks(baru, "bab1.hukum.daftar") == narasi.teks(lap, "bab1.hukum.daftar")
    assert narasi.draf(baru, "bab1.latar") is None  # drafts never carry
    for kunci in ("sasaran.S1.penyebab", "indikator.I1.catatan", "kata-pengantar", "bab4.kesimpulan",
                  narasi.TTD_TANGGAL):
        assert narasi.status(baru, kunci) == "kosong"
    assert narasi.cari_bagian(baru, tambahan) is not None  # the unit's outline carries too
    baru.garis[0].judul = "Sampul baru"
    assert lap.garis[0].judul == "Sampul"  # a copy, not shared


def test_draft_for_a_new_year_without_figures_says_so():
    baru = salin_laporan(demo_laporan(), 2022)
    d = draf.draf_untuk(baru, "sasaran.S1.penyebab")
    assert "tahun 2022 belum dapat dihitung: target atau realisasi indikatornya belum diisi" in d
    assert "capaian belum dapat dihitung" in d and "- (-)" not in d
    assert "2021 79,79" in d  # last year's realisasi, now one of the Renstra years before
