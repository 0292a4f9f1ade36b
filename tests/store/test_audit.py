"""The tamper-evident audit trail (issue 10, item 7): a hash chain over the riwayat lines."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from lkjip_tui import cli
from store.audit import AWAL_RANTAI, periksa_rantai
from store.repository import Repository


def _riwayat(db_path):
    return db_path.with_name(db_path.name + ".riwayat.jsonl")


@pytest.fixture
def jejak(repo_demo, db_path):
    """A trail of four entries: the import and three edits, each compacted on its own."""
    repo_demo.close()
    for nilai in (1, 2, 3):
        with Repository(db_path) as repo:
            sub = next(repo.muat(2021).semua_subkegiatan())[2]
            sub.pagu = Decimal(nilai)
            repo.simpan(2021, sub)
    baris = _riwayat(db_path).read_bytes().splitlines()
    assert len(baris) >= 4
    return db_path, baris


def _cek(db_path, capsys) -> tuple[int, str]:
    kode = cli.main(["check", "--db", str(db_path)])
    cap = capsys.readouterr()
    return kode, cap.out + cap.err


def test_rantai_utuh(jejak, capsys):
    db_path, baris = jejak
    entri = [json.loads(b) for b in baris]
    assert entri[0]["hash_sebelum"] == AWAL_RANTAI and all(e["hash_sebelum"] for e in entri)
    assert periksa_rantai(db_path) == []
    assert "riwayat ·" not in _cek(db_path, capsys)[1]  # (the data's own problems may be listed)


def _tulis(db_path, baris):
    _riwayat(db_path).write_bytes(b"\n".join(baris) + b"\n")


@pytest.mark.parametrize("ubah", ["ubah", "hapus", "sisip-polos", "sisip-hash-palsu", "ubah-terakhir", "potong-ekor"])
def test_rantai_putus_dilaporkan(jejak, capsys, ubah):
    db_path, baris = jejak
    baris = list(baris)
    if ubah == "ubah":
        baris[1] = baris[1].replace(b'"1"', b'"9"', 1) if b'"1"' in baris[1] else baris[1].replace(b"2021", b"2020", 1)
        diharap = 3
    elif ubah == "hapus":
        del baris[1]
        diharap = 2
    elif ubah == "sisip-polos":
        baris.insert(2, json.dumps({"waktu": "2021-05-05T00:00:00", "pengguna": "x", "tahun": [2021]}).encode())
        diharap = 3
    elif ubah == "sisip-hash-palsu":
        baris.insert(2, json.dumps({"waktu": "2021-05-05T00:00:00", "hash_sebelum": "ab" * 32}).encode())
        diharap = 3
    elif ubah == "ubah-terakhir":
        baris[-1] = baris[-1].replace(b'"pengguna":"', b'"pengguna":"orang lain ', 1)
        diharap = len(baris) + 1
    else:
        del baris[-1]
        diharap = len(baris) + 1
    _tulis(db_path, baris)
    kode, keluar = _cek(db_path, capsys)
    assert kode == 1 and f"riwayat · baris {diharap} " in keluar, keluar
    if diharap <= len(baris):
        assert cli.main(["riwayat", "--db", str(db_path), "--batas", "0"]) == 0
        assert "!! RANTAI PUTUS" in capsys.readouterr().out


def test_riwayat_lama_tanpa_rantai_diterima_lalu_dilanjutkan(repo_demo, db_path):
    repo_demo.close()
    lama = [json.dumps({"waktu": "2020-01-01T00:00:00", "pengguna": "a", "tahun": [2021]}).encode()] * 2
    _tulis(db_path, lama)
    with Repository(db_path) as repo:
        sub = next(repo.muat(2021).semua_subkegiatan())[2]
        sub.pagu = Decimal(5)
        repo.simpan(2021, sub)
    with Repository(db_path, readonly=True) as ro:
        assert periksa_rantai(db_path, ro.storage.sidik_riwayat) == []
    baris = _riwayat(db_path).read_bytes().splitlines()
    baris[1] = baris[1].replace(b'"a"', b'"b"')
    _tulis(db_path, baris)
    # the first chained entry covers the old line just before it (older ones stay unverified)
    assert [n for n, _ in periksa_rantai(db_path)] == [3]


def test_numbers_in_history_are_written_the_indonesian_way():
    """A history line shows 5.411.500 and 25,5, as the screens do; a month entered for the
    first time is named, not shown as a JSON object."""
    from store.audit import teks_perubahan

    p = {"tabel": "subkegiatan", "nama": "Penyusunan", "aksi": "ubah",
         "lama": {"realisasi": "3911500", "bulanan": None, "nama": "12345"},
         "baru": {"realisasi": "5411500", "bulanan": {"9": "3911500", "10": "1500000"}, "nama": "123456"}}
    teks = teks_perubahan(p)
    assert "realisasi: 3.911.500 → 5.411.500" in teks
    assert "bulanan Sep: (kosong) → 3.911.500; bulanan Okt: (kosong) → 1.500.000" in teks
    assert "nama: 12345 → 123456" in teks  # a text of digits is not a number
