"""Backups in ``backup/`` beside the database, and restoring the newest good one.

On every writable open the first of the day copies the (just compacted, hence complete)
snapshot to ``backup/<nama>-YYYY-MM-DD.json``; the last :data:`SIMPAN_HARI` daily copies
are kept. A migration first copies the old file to ``backup/<nama>-skema<N>-<waktu>.json``
(never rotated away). Only files that parsed are ever backed up, so every backup is good
unless the disk damaged it later; :func:`pulihkan` checks before it trusts one.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .schema import SKEMA, versi_data
from .storage import (
    KUNCI_JURNAL,
    DatabaseRusak,
    fsync_folder,
    parse_json_db,
    tulis_atomik,
)

SIMPAN_HARI = 7


def folder_backup(db_path: Path) -> Path:
    return Path(db_path).parent / "backup"


def _harian(db_path: Path) -> re.Pattern:
    return re.compile(re.escape(Path(db_path).stem) + r"-\d{4}-\d{2}-\d{2}" + re.escape(Path(db_path).suffix) + "$")


def cadangan_harian(db_path: Path, isi: bytes, hari: date | None = None, timpa: bool = False) -> Path | None:
    """Write today's backup (if there is none yet, or ``timpa``: on a clean close, so the
    day's copy is its last good state), and drop daily ones beyond SIMPAN_HARI."""
    db_path = Path(db_path)
    folder = folder_backup(db_path)
    hari = hari or date.today()
    tujuan = folder / f"{db_path.stem}-{hari.isoformat()}{db_path.suffix}"
    if tujuan.exists() and not timpa:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    tulis_atomik(tujuan, isi)
    pola = _harian(db_path)
    harian = sorted(p for p in folder.iterdir() if pola.match(p.name))
    for lama in harian[:-SIMPAN_HARI]:
        try:
            lama.unlink()
        except OSError:
            pass
    return tujuan


def cadangan_migrasi(db_path: Path, versi: int) -> Path:
    """Copy the database as it is, before a migration replaces it."""
    db_path = Path(db_path)
    folder = folder_backup(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    tujuan = folder / f"{db_path.stem}-skema{versi}-{datetime.now():%Y%m%d-%H%M%S}{db_path.suffix}"
    tulis_atomik(tujuan, Path(db_path).read_bytes())
    for j in db_path.parent.glob(f"{db_path.name}.jurnal-*"):
        shutil.copyfile(j, folder / f"{tujuan.name}.{j.name.rsplit('.', 1)[1]}")
    return tujuan


@dataclass
class Cadangan:
    path: Path
    waktu: datetime
    baik: bool
    alasan: str = ""


def daftar_cadangan(db_path: Path) -> list[Cadangan]:
    """Backups of this database, newest first, each checked that it opens."""
    db_path = Path(db_path)
    folder = folder_backup(db_path)
    if not folder.is_dir():
        return []
    hasil = []
    for p in folder.iterdir():
        if not (p.name.startswith(db_path.stem + "-") and p.name.endswith(db_path.suffix)):
            continue
        baik, alasan = True, ""
        try:
            data = parse_json_db(p, p.read_bytes())
            if not isinstance(data, dict):
                raise DatabaseRusak(p, "isi bukan objek JSON")
            data.pop(KUNCI_JURNAL, None)
            v = versi_data(data)
            if v is not None and v > SKEMA:
                baik, alasan = False, f"skema {v} lebih baru"
        except DatabaseRusak as e:
            baik, alasan = False, e.alasan
        except OSError as e:
            baik, alasan = False, str(e.strerror or e)
        hasil.append(Cadangan(p, datetime.fromtimestamp(p.stat().st_mtime), baik, alasan))
    hasil.sort(key=lambda c: c.waktu, reverse=True)
    return hasil


def pulihkan(db_path: Path, sumber: Path | None = None) -> tuple[Path, Path | None]:
    """Put the newest good backup (or ``sumber``) in place of the database. The current
    file and its journals are kept aside, renamed with a timestamp, never deleted.
    Returns (backup used, where the old file went). The caller holds the lock."""
    db_path = Path(db_path)
    if sumber is None:
        baik = [c for c in daftar_cadangan(db_path) if c.baik]
        if not baik:
            raise FileNotFoundError(db_path)
        sumber = baik[0].path
    isi = Path(sumber).read_bytes()
    cap = datetime.now().strftime("%Y%m%d-%H%M%S")
    disisihkan = None
    if db_path.exists():
        disisihkan = db_path.with_name(f"{db_path.stem}.rusak-{cap}{db_path.suffix}")
        os.replace(db_path, disisihkan)
    # The old journals belong to the old file: set them aside with it, never replay them onto the backup.
    for j in db_path.parent.glob(f"{db_path.name}.jurnal-*"):
        os.replace(j, j.with_name(f"{db_path.stem}.rusak-{cap}{db_path.suffix}.{j.name.rsplit('.', 1)[1]}"))
    tulis_atomik(db_path, isi)
    fsync_folder(db_path.parent)
    return Path(sumber), disisihkan

