"""File modes (issue 10): exports get the user's normal mode, so colleagues on a shared
folder can open them; the database, its journals, the audit trail and backups are private."""

from __future__ import annotations

import os
import stat
from decimal import Decimal

from lkjip_tui import cli
from store import backup, storage


def _mode(p) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


def _harap(p, mode) -> None:
    if os.name == "nt":  # Windows knows only the read-only flag
        assert os.access(p, os.W_OK)
    else:
        assert _mode(p) == mode, f"{p}: {oct(_mode(p))} != {oct(mode)}"


def test_mode_ekspor_umum_basis_data_pribadi(repo_demo, db_path, tmp_path, capsys):
    assert storage.MODE_UMUM == 0o666 & ~storage._UMASK and storage.MODE_UMUM != storage.MODE_PRIBADI
    sub = next(repo_demo.muat(2021).semua_subkegiatan())[2]
    sub.pagu = Decimal(1)
    repo_demo.simpan(2021, sub)
    _harap(repo_demo.storage.jurnal_path(), storage.MODE_PRIBADI)
    repo_demo.close()
    pribadi = [db_path, db_path.with_name(db_path.name + ".riwayat.jsonl"),
               *backup.folder_backup(db_path).iterdir()]
    for p in pribadi:
        _harap(p, storage.MODE_PRIBADI)
    keluar = tmp_path / "keluar"
    assert cli.main(["export", "--db", str(db_path), "--out", str(keluar), "--tabel", "3.2"]) == 0
    berkas = list(keluar.iterdir())
    assert berkas
    for p in berkas:
        _harap(p, storage.MODE_UMUM)


def test_salinan_pemulihan_pribadi(repo_demo, db_path, capsys):
    repo_demo.close()
    assert cli.main(["restore", "--db", str(db_path)]) == 0
    disisihkan = [p for p in db_path.parent.iterdir() if ".rusak-" in p.name]
    assert disisihkan
    for p in [db_path, *disisihkan]:
        _harap(p, storage.MODE_PRIBADI)
