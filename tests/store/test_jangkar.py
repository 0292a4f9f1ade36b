"""The riwayat anchored in the database (issue 18 item 4): a line added at the end, a cut
tail and a cut after a restore are reported; a reported break stays reported through later
writes until the user accepts it, and the acceptance is itself in the riwayat."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from lkjip_tui import cli
from store.audit import _sidik, tambah_riwayat
from store.repository import Repository


def _riwayat(db_path):
    return db_path.with_name(db_path.name + ".riwayat.jsonl")


def _ubah(db_path, nilai) -> None:
    with Repository(db_path) as repo:
        sub = next(repo.muat(2021).semua_subkegiatan())[2]
        sub.pagu = Decimal(nilai)
        repo.simpan(2021, sub)


@pytest.fixture
def jejak(repo_demo, db_path):
    repo_demo.close()
    for nilai in (70, 80):
        _ubah(db_path, nilai)
    return db_path


def _cek(db_path, capsys, *lagi) -> tuple[int, str]:
    kode = cli.main(["check", "--db", str(db_path), *lagi])
    cap = capsys.readouterr()
    return kode, cap.out + cap.err


def _masalah_riwayat(keluar: str) -> list[str]:
    return [b for b in keluar.splitlines() if b.startswith("riwayat ·")]


def _tambah_palsu(db_path) -> None:
    """Another user, a back-dated time, a change 70 → 95: chained to the last line."""
    terakhir = _riwayat(db_path).read_bytes().splitlines()[-1]
    palsu = {"waktu": "2021-01-01T08:00:00+08:00", "pengguna": "orang lain", "tahun": [2021],
             "perubahan": [{"tabel": "subkegiatan", "aksi": "ubah", "lama": {"pagu": "70"}, "baru": {"pagu": "95"}}],
             "hash_sebelum": _sidik(terakhir)}
    with open(_riwayat(db_path), "ab") as f:
        f.write(json.dumps(palsu, separators=(",", ":")).encode() + b"\n")


def test_utuh_tidak_dilaporkan(jejak, capsys):
    assert _masalah_riwayat(_cek(jejak, capsys)[1]) == []


def test_entri_palsu_di_akhir_dilaporkan(jejak, capsys):
    _tambah_palsu(jejak)
    kode, keluar = _cek(jejak, capsys)
    assert kode == 1
    assert any("tidak tercatat di basis data" in b and "orang lain" in b for b in _masalah_riwayat(keluar)), keluar


def test_potong_sesudah_pemulihan_dilaporkan(jejak, capsys):
    assert cli.main(["restore", "--db", str(jejak)]) == 0
    capsys.readouterr()
    assert _masalah_riwayat(_cek(jejak, capsys)[1]) == []
    baris = _riwayat(jejak).read_bytes().splitlines()
    _riwayat(jejak).write_bytes(baris[0] + b"\n")
    kode, keluar = _cek(jejak, capsys)
    assert kode == 1 and any("dipotong" in b for b in _masalah_riwayat(keluar)), keluar


def test_putus_tetap_dilaporkan_sampai_diterima(jejak, capsys):
    baris = _riwayat(jejak).read_bytes().splitlines()
    _riwayat(jejak).write_bytes(b"\n".join(baris[:-1]) + b"\n")  # the last entry cut off
    assert _cek(jejak, capsys)[0] == 1
    _ubah(jejak, 90)  # a normal write (and its compaction) must not hide the cut
    _ubah(jejak, 91)
    kode, keluar = _cek(jejak, capsys)
    assert kode == 1 and any("dipotong" in b for b in _masalah_riwayat(keluar)), keluar
    assert "--terima-putus" in keluar
    assert cli.main(["check", "--db", str(jejak), "--terima-putus"]) == 0
    assert "diterima" in capsys.readouterr().out
    assert _masalah_riwayat(_cek(jejak, capsys)[1]) == []
    assert cli.main(["riwayat", "--db", str(jejak), "--batas", "1"]) == 0
    assert "putus rantai riwayat diterima" in capsys.readouterr().out
    _tambah_palsu(jejak)  # anchored afresh: a new forgery is caught again
    assert _cek(jejak, capsys)[0] == 1


def test_baris_tengah_diubah_lalu_diterima(jejak, capsys):
    baris = _riwayat(jejak).read_bytes().splitlines()
    baris[1] = baris[1].replace(b'"pengguna":"', b'"pengguna":"x', 1)
    _riwayat(jejak).write_bytes(b"\n".join(baris) + b"\n")
    kode, keluar = _cek(jejak, capsys)
    assert kode == 1 and len(_masalah_riwayat(keluar)) >= 1
    assert cli.main(["check", "--db", str(jejak), "--terima-putus"]) == 0
    capsys.readouterr()
    assert _masalah_riwayat(_cek(jejak, capsys)[1]) == []


def test_crash_sesudah_riwayat_sebelum_snapshot_bukan_putus(jejak, capsys):
    """Step 1 of a compaction (entries appended) done, step 2 (snapshot) not: the tail is the
    journal's own entries, not a forgery."""
    repo = Repository(jejak)
    sub = next(repo.muat(2021).semua_subkegiatan())[2]
    sub.pagu = Decimal(5)
    repo.simpan(2021, sub)
    st = repo.storage
    tambah_riwayat(st.riwayat_path, st.riwayat_tertunda())
    repo._kunci.lepas()  # "crash": no close, no compaction
    with Repository(jejak, readonly=True) as ro:
        assert ro.storage.masalah_riwayat() == []
    with Repository(jejak):
        pass
    assert _masalah_riwayat(_cek(jejak, capsys)[1]) == []


def test_check_saat_penulis_memadatkan_bukan_putus(jejak):
    """`lkjip check` read the snapshot, then the app saved and compacted, then check read the
    trail: the new entries are the app's, not a forgery."""
    with Repository(jejak, readonly=True) as ro:
        ro.storage.read()
        _ubah(jejak, 5)  # another lkjip: a commit and, on closing, a compaction
        assert ro.storage.masalah_riwayat() == []
