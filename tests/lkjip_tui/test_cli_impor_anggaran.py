"""`lkjip impor-anggaran`: preview, --terapkan as one journalled change, refusals, mappings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from lkjip_tui.cli import main
from store import audit
from store.repository import Repository
from tests.store.berkas_sipd import beri_kode, kode_sub, tulis_realisasi, tulis_rekap


def _db(tmp_path, lap, n=3):
    subs = beri_kode(lap, n)
    db = tmp_path / "db.json"
    with Repository(db) as repo:
        repo.simpan_laporan(lap)
    return db, subs


def _transaksi(subs):
    return [(kode_sub(1), subs[0].nama, "15 Januari 2021", 1_000_000, None),
            ("7.01.01.2.01.01", subs[0].nama, "3 Maret 2021", 500_000, None),
            (kode_sub(1), subs[0].nama, dt.date(2021, 3, 20), None, 200_000),
            (kode_sub(2), subs[1].nama, "28 Februari 2021", 2_000_000, None),
            ("7.01.01.2.01.0077", "Belum ada", "1 Maret 2021", 10, None)]


def test_pratinjau_tidak_mengubah_lalu_terapkan(lap, tmp_path, capsys):
    db, subs = _db(tmp_path, lap)
    f = tulis_realisasi(tmp_path / "Realisasi Juni.xlsx", _transaksi(subs))
    sebelum = db.read_bytes()
    assert main(["impor-anggaran", str(f), "--db", str(db), "--sampai", "30 Juni 2021"]) == 0
    out = capsys.readouterr().out
    assert "Berubah: 2 subkegiatan" in out
    assert f"{kode_sub(1)} {subs[0].nama}" in out
    assert "s.d. Mar - → 1.300.000" in out
    assert "7.01.01.2.01.0077 Belum ada" in out and "Tidak cocok" in out
    assert "baris jumlah: baris 11" in out
    assert "--terapkan" in out
    assert db.read_bytes() == sebelum

    n_riwayat = len(audit.baca_riwayat(db))
    assert main(["impor-anggaran", str(f), "--db", str(db), "--sampai", "30-06-2021", "--terapkan"]) == 0
    assert "Diterapkan: 2 subkegiatan" in capsys.readouterr().out
    with Repository(db, readonly=True) as repo:
        baru = repo.muat(2021)
        s = next(x for _, _, x in baru.semua_subkegiatan() if x.kode == kode_sub(1))
        assert s.realisasi == Decimal(1_300_000)
        assert s.realisasi_bulanan == {1: 1_000_000, 2: 0, 3: 300_000, 4: 0, 5: 0, 6: 0}
    riwayat = audit.baca_riwayat(db)
    assert len(riwayat) == n_riwayat + 1  # one journalled commit, one entry
    assert "Realisasi Juni.xlsx" in riwayat[0]["keterangan"]


def test_masalah_tidak_ada_yang_diubah(lap, tmp_path, capsys):
    db, subs = _db(tmp_path, lap)
    f = tulis_rekap(tmp_path / "rekap.xlsx", [(kode_sub(1), subs[0].nama, "5.1", 100),
                                              (kode_sub(2), subs[1].nama, "5.1", "abc")], tahun=2021)
    sebelum = db.read_bytes()
    assert main(["impor-anggaran", str(f), "--db", str(db), "--tahap", "murni", "--terapkan"]) == 2
    cap = capsys.readouterr()
    assert "baris 3:" in cap.out and "tidak ada yang diubah" in cap.err
    assert db.read_bytes() == sebelum
    assert main(["impor-anggaran", str(f), "--db", str(db), "--tahun", "2021", "--terapkan"]) == 2
    assert "murni atau perubahan" in capsys.readouterr().out
    assert main(["impor-anggaran", str(tmp_path / "tidak-ada.xlsx"), "--db", str(db)]) == 2
    assert "tidak ditemukan" in capsys.readouterr().err
    assert db.read_bytes() == sebelum


def test_pagu_murni_terapkan(lap, tmp_path, capsys):
    db, subs = _db(tmp_path, lap)
    f = tulis_rekap(tmp_path / "rekap.xlsx", [(kode_sub(1), subs[0].nama, "", 0),
                                              (kode_sub(1), subs[0].nama, "5.1.02.01.01.0024", 1_500_000),
                                              (kode_sub(1), subs[0].nama, "5.1.02.01.01.0026", 500_000)])
    assert main(["impor-anggaran", str(f), "--db", str(db), "--tahap", "murni", "--terapkan"]) == 0
    assert "pagu murni" in capsys.readouterr().out
    with Repository(db, readonly=True) as repo:
        baru = repo.muat(2021)
    s = next(x for _, _, x in baru.semua_subkegiatan() if x.kode == kode_sub(1))
    assert s.pagu == 2_000_000
    p = baru.program[0]
    assert p.pagu_murni == sum(x.pagu for k in p.kegiatan for x in k.subkegiatan)


def test_lembar_sendiri_peta_diingat(lap, tmp_path, capsys):
    db, subs = _db(tmp_path, lap)
    f = tmp_path / "kantor.csv"
    f.write_text(f"No;Kode Sub;Uraian;Tgl;Nilai\n1;{kode_sub(1)};{subs[0].nama};15/01/2021;1.000,50\n",
                 encoding="utf-8")
    assert main(["impor-anggaran", str(f), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "--kolom" in err and "Kode Sub" in err
    assert main(["impor-anggaran", str(f), "--db", str(db), "--terapkan",
                 "--kolom", "kode=Kode Sub,jumlah=Nilai,nama=Uraian,tanggal=Tgl"]) == 0
    capsys.readouterr()
    f.write_text(f"No;Kode Sub;Uraian;Tgl;Nilai\n1;{kode_sub(1)};{subs[0].nama};15/02/2021;2.000\n",
                 encoding="utf-8")
    assert main(["impor-anggaran", str(f), "--db", str(db)]) == 0  # next month: no --kolom
    assert "s.d. Feb - → 2.000" in capsys.readouterr().out
