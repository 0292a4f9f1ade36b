"""Restoring, the same way from the CLI and the app (F8): under the database's lock, the
newest good state rebuilt (:func:`store.backup.pulihkan`: a backup plus the journal lines
that still apply), the old files set aside under unique names (never deleted), and the
restore written into the riwayat."""

from __future__ import annotations

from pathlib import Path

from . import aturan, audit, backup, storage
from .lock import Kunci
from .repository import baris_tidak_sah


def pulihkan_tercatat(path: Path, sumber: Path | None = None) -> backup.Pemulihan:
    """Restore database ``path`` from ``sumber`` (default: the file itself if it still
    reads, else the newest good backup). Raises SedangDipakai when another program holds
    the database, FileNotFoundError when there is nothing good to restore from,
    :class:`store.backup.CadanganTidakSah` for a source that is not an lkjip database, and
    OSError when the files cannot be replaced (the database is then unchanged)."""
    path = Path(path)
    kunci = Kunci(path)
    kunci.ambil()
    try:
        putus = storage.putus_riwayat(path)  # the old snapshot's anchor goes: keep what it reported
        # A chosen source is checked as a bundle is on import: its numbers too (store/aturan.py)
        periksa = baris_tidak_sah if sumber is None else (
            lambda d: baris_tidak_sah(d) or aturan.angka_tersimpan_tidak_sah(d))
        hasil = backup.pulihkan(path, sumber, periksa=periksa)
        audit.tambah_riwayat(path.with_name(f"{path.name}.riwayat.jsonl"),
                             [{"waktu": audit._waktu(), "pengguna": Kunci.pengguna(),
                               "keterangan": f"dipulihkan dari {asal(hasil, path)} + {hasil.baris_jurnal} baris jurnal",
                               "tahun": []}])  # history is kept across restores
        try:
            storage.tulis_jangkar(path, putus)  # the restored snapshot anchors the trail as it now is
        except OSError:
            pass  # restored all the same; the next compaction anchors the trail (unverified once)
    finally:
        kunci.lepas()
    return hasil


def asal(hasil: backup.Pemulihan, path: Path) -> str:
    """Where the restored state came from, for a message."""
    return "berkas itu sendiri" if Path(hasil.sumber) == Path(path) else f"cadangan {Path(hasil.sumber).name}"
