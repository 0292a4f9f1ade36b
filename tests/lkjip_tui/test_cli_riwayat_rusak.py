"""One line, not a traceback, and the right status (issue 18 items 8 and 9): a riwayat that
is a folder or cannot be read, `--batas -5`, `lkjip check | head -1`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lkjip_tui import cli


def _jalan(capsys, *args) -> tuple[int, str]:
    kode = cli.main([*map(str, args)])
    cap = capsys.readouterr()
    return kode, cap.out + cap.err


@pytest.fixture
def db(demo_db):
    return Path(demo_db)


def _riwayat(db) -> Path:
    return db.with_name(db.name + ".riwayat.jsonl")


@pytest.mark.parametrize("perintah", ["riwayat", "check"])
def test_riwayat_berupa_folder(db, capsys, perintah):
    r = _riwayat(db)
    if r.exists():
        r.unlink()
    r.mkdir()
    kode, keluar = _jalan(capsys, perintah, "--db", db)
    assert kode != 0 and "tidak dapat dibaca" in keluar and "Traceback" not in keluar, keluar


@pytest.mark.parametrize("perintah", ["riwayat", "check"])
def test_riwayat_tak_terbaca(db, capsys, monkeypatch, perintah):
    asli = Path.read_bytes

    def baca(self):
        if self.name.endswith(".riwayat.jsonl"):
            raise PermissionError(13, "Permission denied")
        return asli(self)
    monkeypatch.setattr(Path, "read_bytes", baca)
    kode, keluar = _jalan(capsys, perintah, "--db", db)
    assert kode != 0 and "tidak dapat dibaca" in keluar, keluar


def test_batas_negatif_ditolak(db, capsys):
    kode, keluar = _jalan(capsys, "riwayat", "--db", db, "--batas", "-5")
    assert kode == 2 and "--batas" in keluar and "Belum ada riwayat" not in keluar


def test_check_ke_pipa_yang_ditutup_tetap_status_1(db):
    """`lkjip check | head -1`: the reader leaves after one line; problems still mean 1."""
    _riwayat(db).write_bytes(b"")  # the riwayat cut away: a problem check must report
    p = subprocess.Popen([sys.executable, "-m", "lkjip_tui", "check", "--db", str(db)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ})
    p.stdout.close()
    err = p.stderr.read().decode()
    assert p.wait() == 1 and "Traceback" not in err
