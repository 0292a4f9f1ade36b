"""Reading SIPD-RI files and planning the change (store/sipd.py, store/impor_anggaran.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from store import impor_anggaran as ia
from store import sipd
from store.perubahan import terapkan_di_memori, terkini
from tests.store.berkas_sipd import beri_kode, kode_sub, tanggal_id, tulis_realisasi, tulis_rekap


@pytest.fixture
def lap(lap):
    # keys as a stored year has them: commands name records by key
    for p in lap.program:
        for n, k in enumerate(p.kegiatan):
            k.key = k.key or f"{p.id}-k{n}"
            for m, s in enumerate(k.subkegiatan):
                s.key = s.key or f"{k.key}-s{m}"
    return lap


def pasang(lap, r):
    terapkan_di_memori(lap, ia.perubahan(r))


def terbaru(lap, s):
    return terkini(lap, s)

D = Decimal


@pytest.mark.parametrize("teks, kode", [
    ("7.01.01.2.01.0001", "7.01.01.2.01.0001"),
    ("  7.01.01 .2.01.0001 ", "7.01.01.2.01.0001"),  # stray spaces
    ("7.01.01.2.01.01", "7.01.01.2.01.0001"),  # the older two-digit subkegiatan part
    ("7.1.1.2.1.1", "7.01.01.2.01.0001"),  # zeros dropped by a number format
    ("7.01.01.2.01.0001 Penyusunan Dokumen", "7.01.01.2.01.0001"),  # code and name in one cell
    ("x.xx.01.2.01.0001", "X.XX.01.2.01.0001"),
    (7.01, "7.01"), (7, "7"), ("", ""), (None, ""),
    ("JUMLAH", None), ("7-01", None),
])
def test_normal_kode(teks, kode):
    assert sipd.normal_kode(teks) == kode


@pytest.mark.parametrize("teks, tanggal", [
    ("15 Januari 2021", dt.date(2021, 1, 15)), ("Senin, 3 Agustus 2021", dt.date(2021, 8, 3)),
    ("3 Agt 2021", dt.date(2021, 8, 3)), ("1 Pebruari 2021", dt.date(2021, 2, 1)),
    ("15-01-2021", dt.date(2021, 1, 15)), ("15/01/2021", dt.date(2021, 1, 15)), ("2021-01-15", dt.date(2021, 1, 15)),
    (dt.datetime(2021, 3, 4, 10, 0), dt.date(2021, 3, 4)), (44200.0, dt.date(2021, 1, 4)), ("", None),
])
def test_baca_tanggal(teks, tanggal):
    assert sipd.baca_tanggal(teks) == tanggal


@pytest.mark.parametrize("teks", ["15 Brumaire 2021", "kemarin", 12.5, "31 Februari 2021", "31-13-2021"])
def test_tanggal_salah(teks):
    with pytest.raises(ValueError, match="bukan tanggal|tidak dikenal"):
        sipd.baca_tanggal(teks)


def test_rekap_pagu_jumlah_rekening(lap, tmp_path):
    subs = beri_kode(lap, 3)
    f = tulis_rekap(tmp_path / "rekap.xlsx", [
        (kode_sub(1), subs[0].nama, "", 999),  # hierarchy row: not counted
        (kode_sub(1), subs[0].nama, "5.1.02.01.01.0024", 1_500_000),
        (kode_sub(1), subs[0].nama, "5.1.02.01.01.0026", 2_500_000.5),
        (kode_sub(2), subs[1].nama, "5.1.01.01.01.0001", 11_000_000_000),
        ("7.01.01.2.01.0099", "Subkegiatan baru", "5.1.02.01.01.0024", 700_000),
    ])
    b = sipd.baca_berkas(f, 2021)
    assert b.peta is sipd.REKAP and b.baris_kepala == 1
    assert (2, "baris induk (tanpa kode rekening)") in b.dilewati
    assert (7, "baris jumlah") in b.dilewati
    r = ia.rencanakan(lap, b, "perubahan")
    assert r.bisa
    baru = {u.sub.kode: u.pagu for u in r.ubah}
    assert baru == {kode_sub(1): D("4000000.5"), kode_sub(2): D(11_000_000_000)}
    assert [t.kode for t in r.tak_cocok] == ["7.01.01.2.01.0099"]
    assert r.tak_cocok[0].kegiatan is lap.program[0].kegiatan[2]  # where it would be added
    assert subs[2] in r.tidak_di_berkas
    assert not r.murni  # perubahan leaves the program's pagu murni alone
    lama_pagu = subs[2].pagu
    ubah = ia.perubahan(r)
    pasang(lap, r)
    assert terbaru(lap, subs[0]).pagu == D("4000000.5") and terbaru(lap, subs[2]).pagu == lama_pagu
    assert subs[0].pagu != D("4000000.5")  # the record read is never changed in place
    assert {p.baru.key for p in ubah} == {subs[0].key, subs[1].key}


def test_rekap_tanpa_tahap_ditolak_dan_murni(lap, tmp_path):
    subs = beri_kode(lap, 1)
    f = tulis_rekap(tmp_path / "rekap.xlsx", [(kode_sub(1), subs[0].nama, "5.1", 1_000)])
    b = sipd.baca_berkas(f, 2021)
    r = ia.rencanakan(lap, b)
    assert not r.bisa and "murni atau perubahan" in r.masalah[0][1]
    with pytest.raises(ValueError):
        ia.perubahan(r)
    r = ia.rencanakan(lap, b, "murni")
    p = lap.program[0]
    harapan = sum((s.pagu for k in p.kegiatan for s in k.subkegiatan), D(0)) - subs[0].pagu + 1000
    assert [(x[0], x[2]) for x in r.murni] == [(p, harapan)]


def test_rekap_masalah_semua_tercatat(lap, tmp_path):
    subs = beri_kode(lap, 2)
    f = tulis_rekap(tmp_path / "rekap.xlsx", [
        (kode_sub(1), subs[0].nama, "5.1.02.01.01.0024", -5),
        (kode_sub(2), subs[1].nama, "5.1.02.01.01.0024", 10),
        (kode_sub(2), subs[1].nama, "5.1.02.01.01.0024", 10),  # the same rekening twice
    ], tahun=2021)
    b = sipd.baca_berkas(f, 2021)
    assert [n for n, _ in b.masalah] == [2, 4]
    assert "negatif" in b.masalah[0][1] and "rangkap" in b.masalah[1][1]
    assert not ia.rencanakan(lap, b, "murni").bisa
    salah_tahun = sipd.baca_berkas(f, 2022)
    assert all("bukan 2022" in m for _, m in salah_tahun.masalah)


def test_kode_ganda_di_data_ditolak(lap, tmp_path):
    subs = beri_kode(lap, 2)
    subs[1].kode = " 7.01.01.2.01.01"  # the same code as subs[0], written the old way
    f = tulis_rekap(tmp_path / "rekap.xlsx", [(kode_sub(1), subs[0].nama, "5.1", 1)])
    r = ia.rencanakan(lap, sipd.baca_berkas(f, 2021), "murni")
    assert not r.bisa and "dipakai dua subkegiatan" in r.masalah[0][1]


def _transaksi(subs):
    return [
        (kode_sub(1), subs[0].nama, tanggal_id(dt.date(2021, 1, 15)), 1_000_000, None),
        ("7.01.01.2.01.01", subs[0].nama, "3 Maret 2021", 500_000, None),  # older short code
        (kode_sub(1), subs[0].nama, dt.date(2021, 3, 20), None, 200_000),  # a setoran (returned money)
        (" 7.01.01.2.01.0002 ", subs[1].nama, "28 Februari 2021", 2_000_000, None),
        (kode_sub(2), subs[1].nama, "2 Juli 2021", 9_000_000, None),  # after --sampai
        (7.01, "Program", "2 Juli 2021", 1, None),  # a code stored as a number, not a subkegiatan
    ]


def test_realisasi_per_bulan(lap, tmp_path):
    subs = beri_kode(lap, 3)
    subs[1].realisasi, subs[1].realisasi_bulanan = D(5_000_000), None  # typed as one figure earlier
    subs[2].realisasi_bulanan = {1: D(7), 8: D(9)}
    subs[2].realisasi = D(16)
    f = tulis_realisasi(tmp_path / "real.xlsx", _transaksi(subs))
    b = sipd.baca_berkas(f, 2021)
    assert b.lembar == "Laporan" and b.baris_kepala == 5 and b.peta is sipd.REALISASI
    assert any("bukan kode subkegiatan" in a for _, a in b.dilewati)
    r = ia.rencanakan(lap, b, sampai=dt.date(2021, 6, 30))
    assert r.bisa and r.bulan_akhir == 6
    u = {x.sub.kode: x for x in r.ubah}
    assert u[kode_sub(1)].bulanan == {1: D(1_000_000), 2: 0, 3: D(300_000), 4: 0, 5: 0, 6: 0}
    assert u[kode_sub(1)].realisasi == D(1_300_000)
    assert u[kode_sub(2)].realisasi == D(2_000_000)  # the July row is after s.d.
    assert "realisasi" in u[kode_sub(2)].turun()  # 5.000.000 → 2.000.000 is shown
    assert (10, "sesudah 30-06-2021") in r.dilewati
    assert subs[2] in r.tidak_di_berkas
    teks = "\n".join(ia.baris_pratinjau(r))
    assert "realisasi 5.000.000 → 2.000.000" in teks and "TURUN" in teks
    assert "s.d. Mar - → 1.300.000" in teks

    pasang(lap, r)
    subs[0] = terbaru(lap, subs[0])
    assert subs[0].realisasi == D(1_300_000) and subs[0].realisasi_bulanan[3] == D(300_000)
    # a later file replaces the months it covers and keeps the rest
    subs[0].realisasi_bulanan[9] = D(5)
    subs[0].realisasi += 5
    b2 = sipd.baca_berkas(tulis_realisasi(tmp_path / "real2.xlsx", _transaksi(subs)[:1]), 2021)
    r2 = ia.rencanakan(lap, b2)  # s.d. the last date in the file: 15 January
    assert r2.sampai == dt.date(2021, 1, 15)
    u2 = r2.ubah[0]
    assert u2.bulanan == {1: D(1_000_000), 2: 0, 3: D(300_000), 4: 0, 5: 0, 6: 0, 9: D(5)}
    assert not u2.berubah


def test_realisasi_masalah_baris(lap, tmp_path):
    subs = beri_kode(lap, 1)
    f = tulis_realisasi(tmp_path / "real.xlsx", [
        (kode_sub(1), subs[0].nama, "15 Januari 2021", "satu juta", None),
        (kode_sub(1), subs[0].nama, "15 Januari 2020", 5, None),
        (kode_sub(1), subs[0].nama, "kemarin", 5, None),
        (kode_sub(1), subs[0].nama, "16 Januari 2021", 5, None),
    ])
    b = sipd.baca_berkas(f, 2021)
    assert [n for n, _ in b.masalah] == [6, 7, 8]
    assert "di luar tahun 2021" in b.masalah[1][1]
    assert not ia.rencanakan(lap, b).bisa


def test_berkas_tidak_terbaca(tmp_path):
    rusak = tmp_path / "rusak.xlsx"
    rusak.write_bytes(b"PK\x03\x04 bukan zip")
    with pytest.raises(sipd.BerkasTidakSah, match="rusak.xlsx"):
        sipd.baca_berkas(rusak, 2021)
    pdf = tmp_path / "x.pdf"
    pdf.write_text("x")
    with pytest.raises(sipd.BerkasTidakSah, match="tidak dikenal"):
        sipd.baca_berkas(pdf, 2021)
    lain = tmp_path / "lain.csv"
    lain.write_text("a;b;c\n1;2;3\n", encoding="utf-8")
    with pytest.raises(sipd.PerluPeta) as e:
        sipd.baca_berkas(lain, 2021)
    assert e.value.kepala == ["a", "b", "c"]


def test_lembar_sendiri_csv_dan_peta_diingat(lap, tmp_path):
    subs = beri_kode(lap, 2)
    f = tmp_path / "kantor.csv"
    f.write_text("Rekap realisasi kantor\n\nKode;Uraian;Realisasi s.d.\n"
                 f"{kode_sub(1)};{subs[0].nama};1.234.567,50\n{kode_sub(2)};{subs[1].nama};2.000\n"
                 ";Jumlah;1.236.567,50\n", encoding="utf-8")
    peta = sipd.peta_dari_teks("kode=Kode, jumlah=Realisasi s.d., nama=Uraian, isi=realisasi")
    b = sipd.baca_berkas(f, 2021, peta=peta)
    assert [x.jumlah for x in b.baris] == [D("1234567.50"), D(2000)]
    tersimpan = {b.sidik: peta.ke_dict()}
    b2 = sipd.baca_berkas(f, 2021, tersimpan)  # next month: no mapping asked
    assert b2.baris == b.baris
    r = ia.rencanakan(lap, b2)
    assert not r.bisa  # undated realisasi needs the date it is "s.d."
    subs[0].realisasi = None
    subs[1].realisasi, subs[1].realisasi_bulanan = D(1500), {1: D(500), 2: D(1000)}
    r = ia.rencanakan(lap, b2, sampai=dt.date(2021, 3, 31))
    assert r.bisa
    assert r.ubah[0].bulanan == {3: D("1234567.50")}  # the amount is the realisasi s.d. March
    assert r.ubah[1].bulanan == {1: D(500), 2: D(1000), 3: D(500)}
    plain = tmp_path / "plain.csv"
    plain.write_text(f"Kode,Uraian,Realisasi s.d.\n{kode_sub(1)},x,1234567.50\n", encoding="utf-8")
    assert sipd.baca_berkas(plain, 2021, peta=peta).baris[0].jumlah == D("1234567.50")


def test_beri_kode_dari_nama(lap, tmp_path):
    beri_kode(lap, 0)
    tanpa = lap.program[0].kegiatan[2].subkegiatan[0]
    assert tanpa.kode == ""
    f = tulis_rekap(tmp_path / "rekap.xlsx", [(kode_sub(7), tanpa.nama.upper() + " ", "5.1", 10)])
    b = sipd.baca_berkas(f, 2021)
    r = ia.rencanakan(lap, b, "perubahan")
    assert r.tak_cocok[0].usul is tanpa and not r.ubah
    r = ia.rencanakan(lap, b, "perubahan", beri_kode={kode_sub(7): tanpa.key or f"obj{id(tanpa)}"})
    assert r.ubah[0].kode == kode_sub(7) and r.ubah[0].pagu == 10
    pasang(lap, r)
    assert terbaru(lap, tanpa).kode == kode_sub(7)


def test_lembar_salah_dan_pagu_sendiri_rangkap(lap, tmp_path):
    import xlsxwriter

    f = tmp_path / "salah.xlsx"
    wb = xlsxwriter.Workbook(str(f))
    wb.add_worksheet("Ringkasan").write_row(0, 0, ["Program", "Nama", "Target"])
    wb.add_worksheet("Grafik").write(0, 0, "grafik")
    wb.close()
    with pytest.raises(sipd.PerluPeta, match="Ringkasan, Grafik"):
        sipd.baca_berkas(f, 2021)

    beri_kode(lap, 2)
    g = tmp_path / "pagu.xlsx"
    wb = xlsxwriter.Workbook(str(g))
    ws = wb.add_worksheet("Pagu")
    ws.write_row(0, 0, ["Kode", "Pagu 2021"])
    ws.write_row(1, 0, [kode_sub(1), 100])
    ws.write_row(2, 0, [kode_sub(2), 200])
    ws.write_row(3, 0, [kode_sub(1), 300])  # one row per subkegiatan in an office's own list
    wb.close()
    peta = sipd.peta_dari_teks("kode=Kode,jumlah=Pagu 2021,isi=pagu")
    b = sipd.baca_berkas(g, 2021, peta=peta)
    assert b.masalah == [(4, f"kode {kode_sub(1)} rangkap: sama dengan baris 2")]
    assert not ia.rencanakan(lap, b, "perubahan").bisa
    with pytest.raises(ValueError, match="isi harus pagu atau realisasi"):
        sipd.peta_dari_teks("kode=Kode,jumlah=X,isi=target")
    with pytest.raises(ValueError, match="jumlah=KOLOM wajib"):
        sipd.peta_dari_teks("kode=Kode")


def test_kepala_ejaan_lain_dan_kepala_berulang(lap, tmp_path):
    subs = beri_kode(lap, 1)
    f = tmp_path / "realisasi.csv"
    kepala = "No;KODE SUBKEGIATAN;Nama_Sub_Kegiatan;Tanggal  Dokumen;Nilai Realisasi;NILAI SETORAN"
    f.write_text(f"Laporan Realisasi Per Dokumen\n\n{kepala}\n"
                 f"1;{kode_sub(1)};{subs[0].nama};15 Januari 2021;1.000.000;0\n{kepala}\n"
                 f"2;{kode_sub(1)};{subs[0].nama};16 Februari 2021;250.000,50;50.000\n", encoding="cp1252")
    b = sipd.baca_berkas(f, 2021)
    assert b.peta is sipd.REALISASI and b.baris_kepala == 3
    assert b.dilewati == [(5, "kepala kolom berulang")]
    assert [(x.nomor, x.jumlah, x.tanggal) for x in b.baris] == [
        (4, D(1_000_000), dt.date(2021, 1, 15)), (6, D("200000.50"), dt.date(2021, 2, 16))]
