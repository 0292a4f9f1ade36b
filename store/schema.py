"""Schema version of the database file and the migrations between versions.

The version lives in the ``_meta`` table. A file from an older version is migrated on open
(the caller backs it up first); one from a newer version is refused, because this program
would not know what it is throwing away.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SKEMA = 4
# 1: all rows in one JSON file. 2: the same rows, but the file is a snapshot that a journal
# beside it completes (store/storage.py); an older lkjip would silently miss the journal,
# so it must refuse a version-2 file, which it does. 3: the report's texts (table "narasi"),
# the unit's outline ("garis_besar") and the head's pangkat in each year's "laporan" row; a
# version-2 lkjip would drop the last two the next time it saved a year's data. 4: the
# document's own data (organisation, PK, IKU decree, logo: store/dokumen.py) under "dokumen"
# in each "laporan" row; a version-3 lkjip would drop it on saving.
META = "_meta"


class SkemaTerlaluBaru(Exception):
    def __init__(self, versi: int):
        self.versi = versi
        super().__init__(
            f"Basis data ini dibuat oleh versi lkjip yang lebih baru (skema {versi}, aplikasi ini "
            f"mengenal sampai skema {SKEMA}). Perbarui lkjip untuk membukanya.")


# from-version → function that turns the raw TinyDB dict of that version into the next one.
MIGRASI: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class BukanBasisData(Exception):
    """The file is valid JSON but not an lkjip database (e.g. a bundle given as --db). It is
    never migrated or written: that would turn the user's file into something else."""

    def __init__(self, alasan: str):
        self.alasan = alasan
        super().__init__(alasan)


def periksa_bentuk(raw: dict[str, Any]) -> None:
    """Every top-level value of a TinyDB file is a table: an object of objects."""
    if raw.get("format") == "lkjip-bundle":
        raise BukanBasisData("berkas ini adalah bundle, bukan basis data; masukkan dengan: lkjip import BERKAS")
    for nama, tabel in raw.items():
        if not isinstance(tabel, dict) or not all(isinstance(d, dict) for d in tabel.values()):
            raise BukanBasisData(f'bagian "{nama}" bukan tabel basis data lkjip')


def versi_data(raw: dict[str, Any] | None) -> int | None:
    """The schema version recorded in a raw database dict; None for a new, empty file."""
    if not raw:
        return None
    periksa_bentuk(raw)
    meta = raw.get(META) or {}
    for doc in meta.values():
        if isinstance(doc, dict) and "skema" in doc:
            v = doc["skema"]
            # Only a whole number this program can migrate from or refuse as newer: -1, 2.5,
            # "3" or 1e400 would fail later (every command) or with a traceback.
            if type(v) is not int or v < 0:
                raise BukanBasisData(f"tanda skema {str(v)[:20]!r} tidak dikenal")
            return v
    return 0  # tables but no version: written before versions were recorded


def migrasi(raw: dict[str, Any]) -> dict[str, Any]:
    """Bring a raw database dict up to :data:`SKEMA`; raise for a newer one."""
    versi = versi_data(raw)
    if versi is None:
        return raw
    if versi > SKEMA:
        raise SkemaTerlaluBaru(versi)
    while versi < SKEMA:
        langkah = MIGRASI.get(versi)
        if langkah is None:
            raise SkemaTerlaluBaru(versi) if versi > SKEMA else RuntimeError(f"tidak ada migrasi dari skema {versi}")
        raw = langkah(raw)
        versi += 1
    raw[META] = {"1": {"skema": SKEMA}}
    return raw


def _dari_0(raw: dict[str, Any]) -> dict[str, Any]:
    # Version 0 is the unversioned layout, identical to version 1 apart from the version mark.
    return raw


def _dari_1(raw: dict[str, Any]) -> dict[str, Any]:
    # The rows are unchanged; version 2 only marks that a journal may complete the file.
    return raw


def _dari_2(raw: dict[str, Any]) -> dict[str, Any]:
    # Every year starts with no texts and the default outline; the head has no pangkat yet.
    for doc in (raw.get("laporan") or {}).values():
        doc.setdefault("garis_besar", None)
        kepala = (doc.get("instansi") or {}).get("kepala")
        if isinstance(kepala, dict):
            kepala.setdefault("pangkat", "")
    raw.setdefault("narasi", {})
    return raw


def _dari_3(raw: dict[str, Any]) -> dict[str, Any]:
    # No year has an organisation, PK, IKU decree or logo yet.
    for doc in (raw.get("laporan") or {}).values():
        doc.setdefault("dokumen", {})
    return raw


MIGRASI[0] = _dari_0
MIGRASI[1] = _dari_1
MIGRASI[2] = _dari_2
MIGRASI[3] = _dari_3
