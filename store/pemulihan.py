"""Restoring a backup, the same way from the CLI and the app: under the database's lock,
the current file set aside (never deleted), and the restore written into the riwayat."""

from __future__ import annotations

from pathlib import Path

from . import audit, backup
from .lock import Kunci


def pulihkan_tercatat(path: Path, sumber: Path | None = None) -> tuple[Path, Path | None]:
    """Put backup ``sumber`` (default: the newest good one) in place of database ``path``.
    Returns (backup used, where the old file went). Raises SedangDipakai when another
    program holds the database, FileNotFoundError when there is no good backup."""
    path = Path(path)
    kunci = Kunci(path)
    kunci.ambil()
    try:
        dipakai, lama = backup.pulihkan(path, sumber)
        audit.tambah_riwayat(path.with_name(f"{path.name}.riwayat.jsonl"),
                             [{"waktu": audit._waktu(), "pengguna": Kunci.pengguna(),
                               "keterangan": f"dipulihkan dari cadangan {dipakai.name}", "tahun": []}])
    finally:
        kunci.lepas()
    return dipakai, lama
