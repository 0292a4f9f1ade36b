"""Backups in ``backup/`` beside the database, and restoring the newest good one.

On every writable open the first of the day copies the (just compacted, hence complete)
snapshot to ``backup/<nama>-YYYY-MM-DD.json``; the last :data:`SIMPAN_HARI` daily copies
are kept. A migration first copies the old file to ``backup/<nama>-skema<N>-<waktu>.json``
(never rotated away). Only files that parsed are ever backed up, so every backup is good
unless the disk damaged it later; :func:`pulihkan` checks before it trusts one.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeAlias

from .audit import baca_mentah, jalur_riwayat, jangkar_dari, tambah_riwayat
from .berkas import ENCODING, fsync_folder, nama_unik, salin_pribadi, tulis_atomik
from .jurnal import baris_jurnal, terapkan, urai_baris
from .schema import META, SKEMA, BukanBasisData, versi_data
from .storage import FOLDER_BACKUP, GENERASI_SAH, KUNCI_JURNAL, DatabaseRusak, parse_json_db

SIMPAN_HARI = 7


def folder_backup(db_path: Path) -> Path:
    return Path(db_path).parent / FOLDER_BACKUP


def _harian(db_path: Path) -> re.Pattern[str]:
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
    tulis_atomik(tujuan, isi, pribadi=True)
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
    tulis_atomik(tujuan, Path(db_path).read_bytes(), pribadi=True)
    for j in db_path.parent.glob(f"{db_path.name}.jurnal-*"):
        salin_pribadi(j, nama_unik(folder / f"{tujuan.name}.{j.name.rsplit('.', 1)[1]}"))
    return tujuan


@dataclass
class Cadangan:
    path: Path
    waktu: datetime
    baik: bool
    alasan: str = ""


class CadanganTidakSah(Exception):
    """A file offered for restore is not a readable lkjip database; nothing was touched.
    ``alasan`` is the short reason shown in ``restore --list``."""

    def __init__(self, pesan: str, alasan: str = ""):
        self.alasan = alasan or pesan
        super().__init__(pesan)


def tampil_skema(v: int) -> str:
    """A schema number for a one-line message: a made-up one of hundreds of digits is cut."""
    return str(v) if v < 10 ** 12 else f"{str(v)[:6]}… ({len(str(v))} digit)"


def baca_basis_data(p: Path) -> dict[str, Any]:
    """The raw dict of an lkjip database file (``_jurnal`` included), or CadanganTidakSah
    saying why not: not JSON, a bundle, a foreign JSON, an empty or newer-schema file."""
    try:
        raw = Path(p).read_bytes()
    except OSError as e:
        raise CadanganTidakSah(f"{p} tidak dapat dibaca: {e.strerror or e}", str(e.strerror or e)) from None
    try:
        data = parse_json_db(p, raw)
    except DatabaseRusak as e:
        raise CadanganTidakSah(f"{p} bukan basis data lkjip ({e.alasan})", e.alasan) from None
    if not isinstance(data, dict) or not data:
        alasan = "kosong" if not data else "isi bukan objek JSON"
        raise CadanganTidakSah(f"{p} bukan basis data lkjip ({alasan})", alasan)
    isi = {k: v for k, v in data.items() if k != KUNCI_JURNAL}
    try:
        v = versi_data(isi)
    except (BukanBasisData, TypeError, ValueError) as e:
        raise CadanganTidakSah(f"{p} bukan basis data lkjip ({e})", str(e)) from None
    if v is None or META not in isi:
        raise CadanganTidakSah(f"{p} bukan basis data lkjip (tidak ada tanda skema)", "tidak ada tanda skema")
    if v > SKEMA:
        raise CadanganTidakSah(f"{p} memakai skema {tampil_skema(v)}, lebih baru dari aplikasi ini (skema {SKEMA})",
                               f"skema {tampil_skema(v)} lebih baru")
    return data


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
            baca_basis_data(p)
        except CadanganTidakSah as e:
            baik, alasan = False, e.alasan
        try:
            waktu = datetime.fromtimestamp(p.stat().st_mtime)
        except OSError:
            continue
        hasil.append(Cadangan(p, waktu, baik, alasan))
    hasil.sort(key=lambda c: c.waktu, reverse=True)
    return hasil


class TiadaCadangan(FileNotFoundError):
    """Nothing good to restore from: neither the database nor any backup reads."""


@dataclass
class Pemulihan:
    sumber: Path                 # the snapshot or backup the state was rebuilt from
    baris_jurnal: int            # journal lines applied on top of it
    disisihkan: list[Path]       # copies of the old file and journals, under unique names
    dilewati: str = ""           # journal damage that stopped the replay, if any


def _jurnal_berlaku(db_path: Path, gen: str | None) -> tuple[list[dict[str, Any]], str]:
    """The good leading lines of the journal of ``gen`` beside the database, and what
    stopped the replay (damage), if anything."""
    if not gen:
        return [], ""
    j = Path(db_path).with_name(f"{Path(db_path).name}.jurnal-{gen}")
    try:
        raw = j.read_bytes()
    except OSError:
        return [], ""
    recs: list[dict[str, Any]] = []
    baris = raw.split(b"\n")
    baris.pop()  # what follows the last newline is a torn append: never applied
    for n, line in enumerate(baris, 1):
        rec = urai_baris(line)
        if rec is None:
            return recs, f"jurnal {j.name} rusak di baris {n}; baris sesudahnya tidak diterapkan"
        recs.append(rec)
    return recs, ""


def _calon(db_path: Path, sumber: Path | None) -> list[tuple[Path, dict[str, Any]]]:
    if sumber is not None:
        return [(Path(sumber), baca_basis_data(sumber))]  # raises CadanganTidakSah before anything is touched
    calon = []
    for p in [db_path] + [c.path for c in daftar_cadangan(db_path) if c.baik]:
        try:
            calon.append((p, baca_basis_data(p)))
        except CadanganTidakSah:
            continue
    return calon


# names why a state (the raw database dict) cannot be used, or None when it can
Periksa: TypeAlias = Callable[[dict[str, Any]], str | None]


def _keadaan_baik(db_path: Path, calon: list[tuple[Path, dict[str, Any]]], periksa: Periksa | None
                  ) -> tuple[Path, dict[str, Any], list[dict[str, Any]], str, str | None]:
    """The first candidate whose rows all read: with its journal's good lines, else alone."""
    alasan = ""
    for dipakai, data in calon:
        meta = data.pop(KUNCI_JURNAL, None)
        gen = meta.get("1", {}).get("generasi") if isinstance(meta, dict) and isinstance(meta.get("1"), dict) else None
        if gen is not None and not (isinstance(gen, str) and GENERASI_SAH.fullmatch(gen)):
            alasan = f"{dipakai}: nama generasi jurnal tidak sah"
            continue  # which journal belongs to it cannot be known: not a good state
        recs, dilewati = _jurnal_berlaku(db_path, gen)
        for coba in (recs, []) if recs else ([],):
            isi = json.loads(json.dumps(data))
            for rec in coba:
                terapkan(isi, rec.get("ops", []))
            salah = periksa(isi) if periksa else None
            if not salah:
                if coba is not recs and recs:
                    dilewati = f"{len(recs)} baris jurnal tidak diterapkan karena membuat data tidak sah"
                return dipakai, isi, coba, dilewati, gen
            alasan = f"{dipakai}: {salah}"
    raise CadanganTidakSah(f"tidak ada keadaan yang baik untuk dipulihkan (terakhir {alasan})")


def pulihkan(db_path: Path, sumber: Path | None = None, periksa: Periksa | None = None,
             catatan: Callable[[Path, int], dict[str, Any]] | None = None,
             penjaga: Callable[[], None] | None = None, putus: list[str] | None = None) -> Pemulihan:
    """Put the newest good state in place of the database: the database file itself when it
    still reads, else the newest good backup (or ``sumber``), plus the lines of its journal
    that apply. ``periksa(data)`` names why a state cannot be used (the repository's check):
    such a state is skipped. The caller holds the lock.

    All or nothing: the old file and every journal are first *copied* aside under unique
    names; ``catatan(source, journal lines applied)``, the restore's own riwayat entry, is written as the first line of the
    new generation's journal; then the new snapshot replaces the database atomically (its
    path never goes missing). That replace is the one commit point: any failure before it
    removes the copies and the new journal and raises, leaving the database as it was;
    nothing after it can fail the restore (the old journals' removal is best effort, and the
    new snapshot marks them folded, so one that Windows holds open is harmless).
    ``penjaga()`` raises when the caller's lock was taken over meanwhile. The new snapshot
    anchors the riwayat as it is at the commit point (store/audit.py), keeping the breaks
    ``putus`` reported before, so the restore and its anchor commit together."""
    db_path = Path(db_path)
    calon = _calon(db_path, sumber)
    if not calon:
        raise TiadaCadangan(db_path)
    dipakai, data, recs, dilewati, gen = _keadaan_baik(db_path, calon, periksa)
    jurnal = sorted(db_path.parent.glob(f"{db_path.name}.jurnal-*"))
    cap = datetime.now().strftime("%Y%m%d-%H%M%S")
    gen_baru = os.urandom(4).hex()
    dibuat: list[Path] = []  # what this restore wrote: removed again if it does not complete
    try:
        if db_path.exists() and db_path.stat().st_size:
            tujuan = nama_unik(db_path.with_name(f"{db_path.stem}.rusak-{cap}{db_path.suffix}"))
            dibuat.append(tujuan)
            salin_pribadi(db_path, tujuan)
        dilipat = {}
        for j in jurnal:
            g = j.name.rsplit("-", 1)[1]
            tujuan = nama_unik(db_path.with_name(f"{db_path.stem}.rusak-{cap}{db_path.suffix}.jurnal-{g}"))
            dibuat.append(tujuan)
            salin_pribadi(j, tujuan)
            if GENERASI_SAH.fullmatch(g):
                dilipat[g] = 1 << 62  # every line of it is dealt with: applied or kept in the copy
        data[KUNCI_JURNAL] = {"1": {"generasi": gen_baru, "dilipat": dilipat,
                                    "waktu": datetime.now().astimezone().isoformat(timespec="seconds")}}
        fsync_folder(db_path.parent)  # the copies are durable before the original changes
        # The applied lines' audit entries join the trail first, as a compaction does
        # (deduplicated by generation and sequence): they are changes that were committed.
        riwayat = jalur_riwayat(db_path)
        tambah_riwayat(riwayat,
                       [dict(r["riwayat"], gen=gen, seq=r.get("seq")) for r in recs if isinstance(r.get("riwayat"), dict)])
        data[KUNCI_JURNAL]["1"]["riwayat"] = jangkar_dari(baca_mentah(riwayat), putus)
        if catatan is not None:
            # The restore's own entry commits with the snapshot: the journal of the new
            # generation is read only once that snapshot names it.
            baru = db_path.with_name(f"{db_path.name}.jurnal-{gen_baru}")
            dibuat.append(baru)
            tulis_atomik(baru, baris_jurnal({"seq": 1, "ops": [], "riwayat": catatan(dipakai, len(recs))}), sinkron_folder=False,
                         pribadi=True)
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(ENCODING)
        if penjaga is not None:
            penjaga()  # the lock is still ours (store.lock's fencing check), right before the commit point
        tulis_atomik(db_path, payload, sinkron_folder=False, pribadi=True)  # the commit point
    except BaseException:
        for p in dibuat:
            try:
                p.unlink()
            except OSError:
                pass
        raise
    try:
        fsync_folder(db_path.parent)
    except OSError:
        pass  # replaced already: the restore is done (only its durability over a power cut is unsure)
    for j in jurnal:
        try:
            j.unlink()
        except OSError:
            pass  # held open (Windows): the new snapshot already marks it folded
    return Pemulihan(dipakai, len(recs), [p for p in dibuat if ".rusak-" in p.name], dilewati)
