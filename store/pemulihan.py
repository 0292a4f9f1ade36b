"""Restoring, the same way from the CLI and the app (F8): under the database's lock, the
newest good state rebuilt (:func:`store.backup.pulihkan`: a backup plus the journal lines
that still apply), the old files set aside under unique names (never deleted), and the
restore written into the riwayat: a completed one in the same step that replaces the
database, a failed one (the database unchanged) afterwards, when the riwayat can be written.

A source is checked as fully as a bundle import before anything is replaced
(:func:`alasan_tidak_sah`): a known schema, every row readable, every year valid as a bundle.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import aturan, audit, backup, storage
from .bundle import BundleTidakSah, baca_bundle, ke_bundle
from .lock import Kunci
from .repository import Repository, baris_tidak_sah
from .schema import SKEMA, BukanBasisData, migrasi, versi_data
from .storage import KUNCI_JURNAL, DatabaseRusak


class PemulihanGagal(OSError):
    """The restore did not complete; the database is as it was. ``tercatat``: whether the
    failed attempt reached the riwayat."""

    def __init__(self, asal: OSError, tercatat: bool):
        super().__init__(asal.errno, asal.strerror or str(asal))
        self.asal = asal
        self.tercatat = tercatat


def alasan_tidak_sah(data: dict[str, Any]) -> str | None:
    """Why a raw database dict (its ``_jurnal`` removed) cannot be restored, in one line; None
    when it can. The checks of a bundle import: the schema known, every stored row readable,
    and every year, as a bundle, accepted by :func:`store.bundle.baca_bundle`."""
    try:
        versi = versi_data(data)
    except BukanBasisData as e:
        return e.alasan
    if versi is None:
        return "kosong"
    if versi > SKEMA:
        return f"skema {backup.tampil_skema(versi)} lebih baru dari aplikasi ini (skema {SKEMA})"
    try:
        isi = migrasi(copy.deepcopy(data))
    except RuntimeError as e:  # a gap in the migrations: nothing this version can read
        return str(e)
    if salah := baris_tidak_sah(isi):
        return salah
    repo = Repository.dalam_memori(isi)
    for tahun in repo.tahun_tersedia():
        try:
            lap = repo.muat(tahun)
            if liar := _angka_liar(lap):
                return f"tahun {tahun}, nilai {liar} terlalu besar atau terlalu kecil"
            # Through the bundle's own reader, exactly as `lkjip import` would read this year.
            baca_bundle(json.loads(json.dumps(ke_bundle(lap), default=str), parse_float=Decimal))
        except BundleTidakSah as e:
            return f"tahun {tahun}, {e.masalah[0]}"
        except DatabaseRusak as e:
            return e.alasan
        except (ValueError, ArithmeticError, TypeError, RecursionError) as e:
            # A value no export could write (1e999999 as a whole number of a million digits).
            return f"tahun {tahun}, ada nilai yang tidak dapat ditulis ({type(e).__name__})"
    return None


BATAS_PANGKAT = 18  # |exponent| of any stored number: 10^18 Rupiah is far past any report


def _angka_liar(obj: Any, kedalaman: int = 0) -> str | None:
    """The first number in a record tree whose size no report has (1e999999: turning it into
    a whole number for an export would take minutes), as text; None when all are sane."""
    if isinstance(obj, Decimal):
        if not obj.is_finite() or obj and abs(obj.adjusted()) > BATAS_PANGKAT:
            return str(obj)[:20]
        return None
    if isinstance(obj, int) and not isinstance(obj, bool):
        return None if obj.bit_length() <= 64 else f"{str(obj)[:12]}…"
    if kedalaman > 20 or isinstance(obj, (str, bytes)):
        return None
    if isinstance(obj, dict):
        anak: Any = [*obj.keys(), *obj.values()]
    elif isinstance(obj, (list, tuple, set)):
        anak = obj
    elif dataclasses.is_dataclass(obj):
        anak = [getattr(obj, f.name) for f in dataclasses.fields(obj)]
    else:
        return None
    for x in anak:
        if liar := _angka_liar(x, kedalaman + 1):
            return liar
    return None


def _periksa(data: dict[str, Any]) -> str | None:
    """A source's checks: every stored number within the rule of its kind (store/aturan.py: it
    names the table, row and field), and readable as a bundle import reads it
    (:func:`alasan_tidak_sah`)."""
    return aturan.angka_tersimpan_tidak_sah(data) or alasan_tidak_sah(data)


def periksa_sumber(sumber: Path) -> None:
    """Raise :class:`store.backup.CadanganTidakSah` (one line) when ``sumber`` cannot be
    restored from; reads and checks only, touches nothing."""
    data = backup.baca_basis_data(sumber)
    data.pop(KUNCI_JURNAL, None)
    if alasan := _periksa(data):
        raise backup.CadanganTidakSah(f"{sumber} tidak dapat dipulihkan: {alasan}", alasan)


def pulihkan_tercatat(path: Path, sumber: Path | None = None, nama: str | None = None) -> backup.Pemulihan:
    """Restore database ``path`` from ``sumber`` (default: the file itself if it still
    reads, else the newest good backup). Raises SedangDipakai when another program holds
    the database, FileNotFoundError when there is nothing good to restore from,
    :class:`store.backup.CadanganTidakSah` for a source that cannot be restored from, and
    :class:`PemulihanGagal` when the files cannot be replaced (the database is then
    unchanged, and the attempt is in the riwayat if it could be written). ``nama``: what the
    riwayat calls the source (F8 restores from a working copy of the chosen backup)."""
    path = Path(path)
    kunci = Kunci(path)
    try:
        kunci.ambil()
    except OSError as e:  # the lock file cannot be written: nothing touched, and without the
        raise PemulihanGagal(e, False) from None  # lock the riwayat is not ours to write
    try:
        putus = storage.putus_riwayat(path)  # the old snapshot's anchor goes: keep what it reported
        riwayat = audit.jalur_riwayat(path)
        try:
            hasil = backup.pulihkan(path, sumber, periksa=_periksa, catatan=lambda dipakai, n: audit.entri_riwayat(
                [], f"dipulihkan dari {f'cadangan {nama}' if nama else _asal(dipakai, path)} + {n} baris jurnal",
                Kunci.pengguna()),
                penjaga=kunci.periksa, putus=putus)
        except backup.TiadaCadangan:
            raise
        except OSError as e:
            dari = f"cadangan {nama}" if nama else f"berkas {Path(sumber).name}" if sumber is not None else "cadangan"
            gagal = audit.entri_riwayat([], f"pemulihan dari {dari} gagal ({e.strerror or e}); basis data tidak "
                                            f"diubah", Kunci.pengguna())
            tercatat = False
            try:
                audit.tambah_riwayat(riwayat, [gagal])
                tercatat = True
                # the attempt is in the trail: the database's anchor says so (its data untouched)
                storage.tulis_jangkar(path, putus)
            except OSError:
                pass  # not anchored: `lkjip check` will list that last line, which says the attempt failed
            raise PemulihanGagal(e, tercatat) from None
    finally:
        kunci.lepas()
    return hasil


def asal(hasil: backup.Pemulihan, path: Path) -> str:
    """Where the restored state came from, for a message."""
    return _asal(hasil.sumber, path)


def _asal(sumber: Path, path: Path) -> str:
    return "berkas itu sendiri" if Path(sumber) == Path(path) else f"cadangan {Path(sumber).name}"
