"""Faults end as one clear line on stderr (exit 2), never a traceback (issue 10, item 6)."""

from __future__ import annotations

import errno
import json

import pytest

from lkjip_tui import cli
from store import storage
from store.bundle import ke_bundle
from store.repository import Repository
from tests.store.saran import jalankan_saran


def _satu_baris(capsys) -> str:
    cap = capsys.readouterr()
    assert "Traceback" not in cap.err and cap.err.count("\n") == 1, cap.err
    return cap.err


@pytest.mark.parametrize("kode", [errno.ENOSPC, errno.EIO, errno.EFBIG])
def test_impor_pada_disk_penuh(tmp_path, fixture_path, monkeypatch, capsys, kode):
    db = tmp_path / "lkjip.json"
    Repository(db).close()

    def penuh(fd):
        raise OSError(kode, "disk")
    monkeypatch.setattr(storage, "_fsync_data", penuh)
    assert cli.main(["import", str(fixture_path), "--db", str(db)]) == 2
    err = _satu_baris(capsys)
    assert "tidak ada yang disimpan" in err
    monkeypatch.undo()
    with Repository(db, readonly=True) as ro:
        assert ro.tahun_tersedia() == []


@pytest.mark.parametrize("tabel,kolom,nilai", [
    ("subkegiatan", "realisasi", "abc"),
    ("subkegiatan", "pagu", {"x": 1}),
    ("indikator", "urut", "z"),
    ("program", "nama", None),  # None here means: the column is removed
    ("kegiatan", "program", "TIDAK-ADA"),
])
def test_baris_snapshot_tidak_sah(repo_demo, db_path, lap, capsys, tabel, kolom, nilai):
    repo_demo.close()
    data = json.loads(db_path.read_text(encoding="utf-8"))
    baris = next(iter(data[tabel]))
    if nilai is None:
        del data[tabel][baris][kolom]
    else:
        data[tabel][baris][kolom] = nilai
    db_path.write_text(json.dumps(data), encoding="utf-8")
    for perintah in (["check"], ["export", "--out", str(db_path.parent / "keluar"), "--format", "csv"]):
        assert cli.main([*perintah, "--db", str(db_path)]) == 2
        err = _satu_baris(capsys)
        assert f"tabel {tabel} baris {baris}" in err
    assert jalankan_saran(err.strip()) == 0  # the hint repairs it: the newest state whose rows read
    with Repository(db_path) as repo:
        assert ke_bundle(repo.muat(2021)) == ke_bundle(lap)


@pytest.mark.parametrize("baris", [
    '{"waktu": 5, "perubahan": [{"aksi": "ubah", "lama": 3, "baru": []}]}',
    '{"perubahan": "abc", "tahun": 2021}',
    '{"perubahan": [1, 2]}',
    '[1, 2]',
    '{"waktu": "2021-01-01T00:00:00", "ringkasan": {"x": 5}}',
])
def test_baris_riwayat_rusak(repo_demo, db_path, capsys, baris):
    repo_demo.close()
    riwayat = db_path.with_name(db_path.name + ".riwayat.jsonl")
    with open(riwayat, "a", encoding="utf-8") as f:
        f.write(baris + "\n")
    for argumen in ([], ["--tahun", "2021"]):
        assert cli.main(["riwayat", "--db", str(db_path), *argumen]) == 0
        cap = capsys.readouterr()
        assert "Traceback" not in cap.err
