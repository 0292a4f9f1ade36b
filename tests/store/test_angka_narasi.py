"""Figures typed in the texts that the data does not support (store/angka_narasi.py, listed by
``lkjip check``): the demo's BAB II says anggaran murni 24.834.513.737 above a Tabel 2.4 that
totals 24.398.663.737."""

from __future__ import annotations

from decimal import Decimal

from store import angka_narasi, check, narasi
from store.demo import demo_laporan
from store.models import Teks


def _ganti_teks(lap, kunci: str, isi: str) -> None:
    lap.narasi = [t for t in lap.narasi if t.kunci != kunci] + [Teks(kunci, isi)]


def test_figures_read_from_text():
    isi = "anggaran Rp. 24.834.513.737,- dan 20.644.862.632 (85,15%), Perwali Nomor 57 Tahun 2016, 100 persen"
    assert list(angka_narasi.angka_teks(isi)) == [
        ("rupiah", "24.834.513.737", Decimal("24834513737")), ("rupiah", "20.644.862.632", Decimal("20644862632")),
        ("persen", "85,15", Decimal("85.15")), ("persen", "100", Decimal("100"))]


def test_demo_lists_the_murni_total_with_the_tables_figure():
    temuan = angka_narasi.periksa(demo_laporan())
    assert temuan == [("angka-narasi", "Teks D. Rencana Anggaran",
                       "angka Rp 24.834.513.737 di teks tidak ada di data; tabel mencetak 24.398.663.737 "
                       "(jumlah anggaran murni program (Tabel 2.4)): sesuaikan teksnya")]
    assert [str(m) for m in check.periksa(demo_laporan(), 4) if m.jenis == "angka-narasi"] == [
        "Teks D. Rencana Anggaran: " + temuan[0][2]]


def test_every_other_demo_figure_is_supported():
    """16 figures in the demo's texts (budgets, realisasi %, capaian, swadaya); all but one match."""
    lap = demo_laporan()
    jumlah = sum(1 for t in lap.narasi for _ in angka_narasi.angka_teks(t.isi))
    assert jumlah >= 15 and len(angka_narasi.periksa(lap)) == 1


def test_corrected_text_is_clean_and_a_far_figure_has_no_nearest():
    lap = demo_laporan()
    isi = next(t.isi for t in lap.narasi if t.kunci == "bab2.anggaran")
    _ganti_teks(lap, "bab2.anggaran", isi.replace("24.834.513.737", "24.398.663.737"))
    assert angka_narasi.periksa(lap) == []
    _ganti_teks(lap, "bab2.anggaran", "Realisasi 12,5 % dari Rp 1.000.000.")
    pesan = [p for _, _, p in angka_narasi.periksa(lap)]
    assert pesan == ["angka Rp 1.000.000 di teks tidak ada di data", "angka 12,5 % di teks tidak ada di data"]


def test_rounded_percentage_matches():
    lap = demo_laporan()
    _ganti_teks(lap, "bab2.anggaran", "realisasi 85,2% dan capaian 159 %")
    assert angka_narasi.periksa(lap) == []


def test_empty_year_has_nothing_to_compare():
    lap = demo_laporan()
    lap.program = lap.indikator = lap.evaluasi_akip = []
    temuan = angka_narasi.periksa(lap)
    assert temuan and all("tabel mencetak" not in p for _, _, p in temuan)


# Real sentences of the seed (lkjip-2021-kecamatan-balikpapan-selatan.md, the demo's texts),
# over data corrected after they were written: the suggestion must be the figure the sentence
# is about, not the nearest number of another table, year or kind.
KALIMAT_S1 = ("Dari hasil pengukuran diperoleh capaian kinerja rata-rata untuk sasaran strategis Meningkatnya "
              "Kualitas Pelayanan Publik adalah 97,98%")  # seed line 698
KALIMAT_IKM = ("Target yang ditetapkan untuk Indeks Kepuasan Masyarakat adalah pada poin 83,16 dan realisasi yang "
               "diperoleh pada tahun 2021 adalah pada poin 79,79 atau tercapai 95,95%.")  # seed line 690
KALIMAT_SWADAYA = ("Target yang ditetapkan untuk Nilai Swadaya Masyarakat adalah pada Rp. 7.303.930.952,- (Tujuh Milyar "
                   "Tiga Ratus Tiga Juta Sembilan Ratus Tiga Puluh Ribuan Sembilan Ratus Lima Puluh Dua Rupiah) dan "
                   "realisasi yang diperoleh pada tahun 2021 adalah Rp. 16.098.130.150,- (Enam Belas Milyar Sembilan "
                   "Puluh Delapan Juta Seratus Tiga Puluh Ribuan Seratus Lima Puluh Rupiah)")  # seed line 808
KALIMAT_SERAPAN = ("Berdasarkan pagu anggaran tersebut maka realisasi anggaran yang telah digunakan adalah sebesar "
                   "85,15% dari anggaran yang direncanakan, hal tersebut menunjukkan bahwa perencanaan Kecamatan "
                   "Balikpapan Selatan perlu dioptimalkan kembali agar lebih efektif dan efisien.")  # seed line 1069
KALIMAT_SASARAN_1 = "Sasaran 1 terdiri dari 1 indikator kinerja dengan realisasi capaian 97,98% atau kategori Tinggi."


def _realisasi_tw4(lap, indikator: str, nilai: str) -> None:
    from dataclasses import replace

    tw = next(i for i in lap.indikator if i.id == indikator).triwulan[lap.tahun]
    tw[3] = replace(tw[3], realisasi=Decimal(nilai))


def _pesan(lap, kunci: str) -> list[str]:
    judul = next(b.judul for b in narasi.bagian_teks(lap) if b.kunci == kunci)
    return [p for _, lok, p in angka_narasi.periksa(lap) if lok == f"Teks {judul}"]


def test_capaian_sasaran_bukan_serapan_subkegiatan():
    """97,98 % about sasaran 1's capaian: 97,97 % (a subkegiatan's realisasi anggaran) is nearer,
    but the sentence names the capaian of Meningkatnya Kualitas Pelayanan Publik."""
    lap = demo_laporan()
    _realisasi_tw4(lap, "I1", "78.50")  # IKM corrected: capaian I1 94,40 %, sasaran S1 97,20 %
    _ganti_teks(lap, "sasaran.S1.1", KALIMAT_S1)
    _ganti_teks(lap, "bab4.kesimpulan", KALIMAT_SASARAN_1)
    for kunci in ("sasaran.S1.1", "bab4.kesimpulan"):
        assert _pesan(lap, kunci) == ["angka 97,98 % di teks tidak ada di data; tabel mencetak 97,20 % "
                                      "(capaian sasaran S1): sesuaikan teksnya"]


def test_capaian_indikator_tahun_yang_disebut():
    """95,95 % "pada tahun 2021": not 95,90 % (the same indicator's capaian of 2020)."""
    lap = demo_laporan()
    _realisasi_tw4(lap, "I1", "78.50")
    _ganti_teks(lap, "indikator.I1.catatan", KALIMAT_IKM)
    assert _pesan(lap, "indikator.I1.catatan") == [
        "angka 95,95 % di teks tidak ada di data; tabel mencetak 94,40 % (capaian indikator I1 (2021)): sesuaikan teksnya"]


def test_realisasi_swadaya_tahun_yang_disebut():
    """Rp 16.098.130.150 realised "pada tahun 2021": not 16.115.060.699 (the realisasi of 2020)."""
    lap = demo_laporan()
    _realisasi_tw4(lap, "I3", "15500000000")
    _ganti_teks(lap, "indikator.I3.catatan", KALIMAT_SWADAYA)
    assert _pesan(lap, "indikator.I3.catatan") == [
        "angka Rp 16.098.130.150 di teks tidak ada di data; tabel mencetak 15.500.000.000 "
        "(realisasi indikator I3 (2021)): sesuaikan teksnya"]


def test_serapan_keseluruhan_bukan_kegiatan_lain():
    """85,15 % of the whole budget: not 85,36 % (one kegiatan's realisasi anggaran, nearer)."""
    lap = demo_laporan()
    sub = next(s for _, _, s in lap.semua_subkegiatan() if s.nama == "Penyediaan Jasa Pelayanan Umum Kantor")
    sub.realisasi -= Decimal(300_000_000)  # serapan 83,91 %
    _ganti_teks(lap, "bab3.anggaran", KALIMAT_SERAPAN)
    assert _pesan(lap, "bab3.anggaran") == [
        "angka 85,15 % di teks tidak ada di data; tabel mencetak 83,91 % (realisasi anggaran keseluruhan): "
        "sesuaikan teksnya"]


def test_tanpa_kata_yang_menyebut_apa_tanpa_saran():
    """A figure whose sentence does not say what it is gets no suggestion, however near a number is."""
    lap = demo_laporan()
    _ganti_teks(lap, "bab3.anggaran", "Kecamatan Balikpapan Selatan 97,96% atau kategori Tinggi.")
    assert _pesan(lap, "bab3.anggaran") == ["angka 97,96 % di teks tidak ada di data"]
    _ganti_teks(lap, "bab3.anggaran", "Capaian sasaran 3 adalah 97,96%.")  # no sasaran 3: no one to name
    assert _pesan(lap, "bab3.anggaran") == ["angka 97,96 % di teks tidak ada di data"]


def _kota_bertanya(seed: int):
    """A city-scale year (2,000 subkegiatan, names a sentence can tell apart, some alike) whose
    texts name subkegiatan's figures: exact, rounded to fewer decimals, a little off, or not
    theirs; some pagu 0, some realisasi above pagu."""
    import random

    from bench.synth import buat_laporan_kota
    from store import calc
    from store.numbers import format_bebas, format_rupiah

    rnd = random.Random(seed)
    lap = buat_laporan_kota(n_sub=2000, tahun=2021)
    subs = [s for _p, _k, s in lap.semua_subkegiatan()]
    for n, s in enumerate(subs):
        s.nama = rnd.choice(subs).nama if rnd.random() < 0.05 else " ".join(
            "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randrange(3, 7))).capitalize()
            for _ in range(rnd.randrange(1, 4)))
        if n < 60 and n % 3 == 0:
            s.pagu = Decimal(0)
        elif n < 60 and n % 3 == 1:
            s.realisasi_bulanan, s.realisasi = None, s.pagu * 2 + 1
    kalimat = []
    for _ in range(40):
        s = rnd.choice(subs)
        a = calc.anggaran_sub(s)
        serapan = a.serapan(2)
        if serapan is not None and rnd.random() < 0.5:
            v = serapan + Decimal(rnd.choice([0, 0, 1, -1, 5, 50])) / 100
            tulis = format_bebas(v.quantize(Decimal(1).scaleb(-rnd.choice([0, 1, 2, 2]))))
            kalimat.append(f"Realisasi anggaran subkegiatan {s.nama} adalah {tulis}%.")
        else:
            v = rnd.choice([a.pagu, a.realisasi]) + rnd.choice([0, 0, 7, -300_000])
            kalimat.append(f"{rnd.choice(['Pagu', 'Realisasi yang digunakan'])} {s.nama} sebesar Rp {format_rupiah(v)}.")
    kunci = [b.kunci for b in narasi.bagian_teks(lap)]
    lap.narasi = [Teks(kunci=rnd.choice(kunci), isi=" ".join(kalimat[n:n + 5])) for n in range(0, 40, 5)]
    return lap


def test_subkegiatan_dicari_sama_dengan_semua_didaftar(monkeypatch):
    """The subkegiatan's figures looked up (whole numbers: a set, the serapan near the typed %)
    give the findings and suggestions of every one of their figures listed and compared."""
    from store import aturan

    sisipkan = angka_narasi._sisipkan

    def sisipkan_semua(data, letak, sub, _nama, desimal):  # every subkegiatan's figures, named or not
        sisipkan(data, letak, sub, {b[0] for bs in sub.values() for b in bs}, desimal)

    for seed in (1, 2, 3):
        lap = _kota_bertanya(seed)
        cepat = angka_narasi.periksa(lap)
        with monkeypatch.context() as m:
            m.setattr(aturan, "rupiah_bulat_semua", lambda nilai: False)  # every figure listed,
            m.setattr(angka_narasi, "_sisipkan", sisipkan_semua)  # and every one a suggestion may come from
            assert angka_narasi.periksa(lap) == cepat, seed
        assert len(cepat) >= 5 and any("tabel mencetak" in p for _, _, p in cepat)
