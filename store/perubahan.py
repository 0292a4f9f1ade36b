"""Every change to a report year as a typed command, and the one writer that applies them.

A command names the record it changes by its kind and key (and, for a kegiatan or
subkegiatan, its parent's key), never by the object a screen happens to hold:

- :class:`Ubah` sets values of a record (a cell typed in a grid, a form saved, a rename:
  ``lama_id`` is the key it had);
- :class:`Tambah` adds a record (with its children) at a position;
- :class:`Hapus` deletes a record (with its children);
- :class:`UbahKepala` replaces the year's header (instansi, renstra, pengaturan, the staffing
  date, the outline);
- :class:`GantiTahun` stores a whole year (a new year, an import; ``ganti`` replaces one).

:func:`terapkan` applies a list of commands as one transaction: the records are never changed
in place. Each change builds new records (``dataclasses.replace``) and new lists along the path
from the :class:`~store.models.Laporan` down, so a record or list a screen still holds keeps
what it showed, and the screen redraws from the Laporan afterwards. It returns the inverse
commands (undo replays them through this same function) and leaves the Laporan as it was when
the disk write fails.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .beda import teks_ubah
from .models import (
    Bagian,
    Indikator,
    Instansi,
    Kegiatan,
    KomponenAkip,
    Laporan,
    Pengaturan,
    PerjanjianKinerja,
    Program,
    Renstra,
    Sasaran,
    SkIku,
    Subkegiatan,
    Teks,
    Tujuan,
    UnitOrganisasi,
    UnitPegawai,
)
from .repository import JENIS, Repository, key_baru

Rekaman = Tujuan | Sasaran | Indikator | Program | Kegiatan | Subkegiatan | UnitPegawai | KomponenAkip | Teks

# the Laporan attribute holding each kind that is not a child of another record
_ATRIBUT: dict[type, str] = {Tujuan: "tujuan", Sasaran: "sasaran", Indikator: "indikator", Program: "program",
                             KomponenAkip: "evaluasi_akip", Teks: "narasi"}


@dataclass(frozen=True)
class Ubah:
    """Replace a record's values by ``baru``'s (its key may change: ``lama_id`` is the old one)."""

    baru: Rekaman
    lama_id: str | None = None
    induk: str | None = None  # kegiatan: the program id; subkegiatan: the kegiatan key (None: looked up)


@dataclass(frozen=True)
class Tambah:
    baru: Rekaman
    induk: str | None = None
    posisi: int | None = None  # None: at the end


@dataclass(frozen=True)
class Hapus:
    jenis: type
    kunci: str
    induk: str | None = None


@dataclass(frozen=True)
class UbahKepala:
    instansi: Instansi
    renstra: Renstra | None
    pengaturan: Pengaturan
    per_tanggal: str | None
    garis: list[Bagian] | None
    # the document's own data (store/dokumen.py): organisation, this year's PK, IKU decree, logo
    organisasi: list[UnitOrganisasi] = dataclasses.field(default_factory=list)
    perjanjian: PerjanjianKinerja | None = None
    sk_iku: SkIku | None = None
    logo: str | None = None


@dataclass(frozen=True)
class GantiTahun:
    """Store a whole year: a new one, or (``ganti``) in place of the stored one."""

    lap: Laporan
    ganti: bool = False
    keterangan: str | None = None  # the riwayat line; None: "impor tahun …"


Perubahan = Ubah | Tambah | Hapus | UbahKepala


def kunci(obj: Rekaman) -> str:
    """A record's key: id for tujuan/sasaran/indikator/program, kunci for a text, else key."""
    return str(getattr(obj, JENIS[type(obj)].kunci))


def kepala(lap: Laporan) -> UbahKepala:
    """The year's header as it is now (the inverse of a header change)."""
    return UbahKepala(lap.instansi, lap.renstra, lap.pengaturan, lap.pegawai.per_tanggal, lap.garis,
                      lap.organisasi, lap.perjanjian, lap.sk_iku, lap.logo)


# ------------------------------------------------------------------ where a record lives
def _program(lap: Laporan, pid: str | None) -> Program:
    p = next((p for p in lap.program if p.id == pid), None)
    if p is None:
        raise KeyError(f"program {pid} tidak ada")
    return p


def _kegiatan(lap: Laporan, key: str | None) -> tuple[Program, Kegiatan]:
    for p in lap.program:
        for k in p.kegiatan:
            if k.key == key:
                return p, k
    raise KeyError(f"kegiatan {key} tidak ada")


def induk_dari(lap: Laporan, obj: Rekaman) -> str | None:
    """The parent key of a kegiatan (its program id) or subkegiatan (its kegiatan key)."""
    return _induk(lap, type(obj), kunci(obj))


def _induk(lap: Laporan, jenis: type, k: str) -> str | None:
    if jenis is Kegiatan:
        return next((p.id for p in lap.program if any(g.key == k for g in p.kegiatan)), None)
    if jenis is Subkegiatan:
        return next((g.key for p in lap.program for g in p.kegiatan if any(s.key == k for s in g.subkegiatan)), None)
    return None


def terkini(lap: Laporan, obj: Rekaman) -> Rekaman:
    """The record ``lap`` holds now with ``obj``'s key (``obj`` may be one a screen kept)."""
    jenis = type(obj)
    wadah = _wadah(lap, jenis, induk_dari(lap, obj))
    return wadah[_posisi(wadah, jenis, kunci(obj))]  # type: ignore[no-any-return]


def sebelum(lap: Laporan, p: Ubah) -> Rekaman:
    """The record ``p`` would change, as ``lap`` holds it now."""
    wadah = _wadah(lap, type(p.baru), p.induk)
    return wadah[_posisi(wadah, type(p.baru), p.lama_id or kunci(p.baru))]  # type: ignore[no-any-return]


def teks_riwayat(lap: Laporan, perubahan: Sequence[Perubahan], label: str) -> str:
    """The riwayat line of ``perubahan`` about to be applied to ``lap``: ``label`` (the row
    and column as the screen names them), with the old and new value of a changed record."""
    p = perubahan[0] if perubahan else None
    if isinstance(p, Ubah):
        try:
            return teks_ubah(label, sebelum(lap, p), p.baru)
        except KeyError:
            pass
    return label


def _wadah(lap: Laporan, jenis: type, induk: str | None) -> list[Any]:
    if jenis is Kegiatan:
        return _program(lap, induk).kegiatan
    if jenis is Subkegiatan:
        return _kegiatan(lap, induk)[1].subkegiatan
    if jenis is UnitPegawai:
        return lap.pegawai.unit
    return getattr(lap, _ATRIBUT[jenis])  # type: ignore[no-any-return]


def _pasang(lap: Laporan, jenis: type, induk: str | None, baru: list[Any]) -> None:
    """Put a new list in place of ``jenis``'s list, with new records up the path to ``lap``."""
    if jenis is Kegiatan:
        p = _program(lap, induk)
        _ganti(lap, Program, None, p.id, dataclasses.replace(p, kegiatan=baru))
    elif jenis is Subkegiatan:
        p, k = _kegiatan(lap, induk)
        _ganti(lap, Kegiatan, p.id, k.key, dataclasses.replace(k, subkegiatan=baru))
    elif jenis is UnitPegawai:
        lap.pegawai = dataclasses.replace(lap.pegawai, unit=baru)
    else:
        setattr(lap, _ATRIBUT[jenis], baru)


def _posisi(wadah: list[Any], jenis: type, k: str) -> int:
    for i, obj in enumerate(wadah):
        if kunci(obj) == k:
            return i
    raise KeyError(f"{JENIS[jenis].tabel} {k} tidak ada")


def _ganti(lap: Laporan, jenis: type, induk: str | None, k: str, baru: object) -> object:
    wadah = _wadah(lap, jenis, induk)
    i = _posisi(wadah, jenis, k)
    lama = wadah[i]
    _pasang(lap, jenis, induk, [*wadah[:i], baru, *wadah[i + 1:]])
    return lama


def berkunci(obj: Rekaman) -> Rekaman:
    """``obj`` (and its children) with a key where it has none yet: a new record, not ``obj``."""
    if isinstance(obj, Program):
        return dataclasses.replace(obj, kegiatan=[_keg_berkunci(k) for k in obj.kegiatan])
    if isinstance(obj, Kegiatan):
        return _keg_berkunci(obj)
    if isinstance(obj, (Subkegiatan, UnitPegawai, KomponenAkip)) and not obj.key:
        return dataclasses.replace(obj, key=key_baru())
    return obj


def _keg_berkunci(k: Kegiatan) -> Kegiatan:
    subs = [s if s.key else dataclasses.replace(s, key=key_baru()) for s in k.subkegiatan]
    return dataclasses.replace(k, subkegiatan=subs, key=k.key or key_baru())


def _simpan_pohon(repo: Repository, tahun: int, obj: Rekaman, induk: str | None) -> None:
    repo.simpan(tahun, obj, induk=induk)
    if isinstance(obj, Program):
        for k in obj.kegiatan:
            _simpan_pohon(repo, tahun, k, obj.id)
    elif isinstance(obj, Kegiatan):
        for s in obj.subkegiatan:
            repo.simpan(tahun, s, induk=obj.key)


# ------------------------------------------------------------------ applying
def _satu(repo: Repository, lap: Laporan, p: Perubahan) -> Perubahan:
    """Apply one command to ``lap`` and the open transaction; return its inverse."""
    if isinstance(p, Ubah):
        jenis = type(p.baru)
        lama_k = p.lama_id or kunci(p.baru)
        if p.induk is None and (induk := _induk(lap, jenis, lama_k)) is not None:
            p = dataclasses.replace(p, induk=induk)  # a kegiatan/subkegiatan named by its key alone
        wadah = _wadah(lap, jenis, p.induk)
        lama = wadah[_posisi(wadah, jenis, lama_k)]
        baru = p.baru
        # a record's own values change; its children stay those the store holds now
        if isinstance(lama, Program) and isinstance(baru, Program):
            baru = dataclasses.replace(baru, kegiatan=lama.kegiatan)
        elif isinstance(lama, Kegiatan) and isinstance(baru, Kegiatan):
            baru = dataclasses.replace(baru, subkegiatan=lama.subkegiatan)
        _ganti(lap, jenis, p.induk, lama_k, baru)
        repo.simpan(lap.tahun, baru, lama_id=lama_k)
        return Ubah(lama, kunci(baru) if kunci(baru) != lama_k else None, p.induk)
    if isinstance(p, Tambah):
        baru = berkunci(p.baru)
        jenis = type(baru)
        wadah = _wadah(lap, jenis, p.induk)
        if any(kunci(o) == kunci(baru) for o in wadah):
            raise ValueError(f"{JENIS[jenis].tabel} {kunci(baru)} sudah ada")
        i = len(wadah) if p.posisi is None else p.posisi
        urutan = [*wadah[:i], baru, *wadah[i:]]
        _pasang(lap, jenis, p.induk, urutan)
        _simpan_pohon(repo, lap.tahun, baru, p.induk)
        if i < len(wadah):  # not at the end: the disk keeps the place the screen shows
            repo.urutkan(lap.tahun, jenis, [kunci(o) for o in urutan])
        return Hapus(jenis, kunci(baru), p.induk)
    if isinstance(p, Hapus):
        if p.induk is None and (induk := _induk(lap, p.jenis, p.kunci)) is not None:
            p = dataclasses.replace(p, induk=induk)
        wadah = _wadah(lap, p.jenis, p.induk)
        i = _posisi(wadah, p.jenis, p.kunci)
        lama = wadah[i]
        repo.hapus(lap.tahun, lama)  # first: it refuses a tujuan/sasaran still referred to
        _pasang(lap, p.jenis, p.induk, [*wadah[:i], *wadah[i + 1:]])
        return Tambah(lama, p.induk, i)
    if isinstance(p, UbahKepala):
        lama_kepala = kepala(lap)
        lap.instansi, lap.renstra, lap.pengaturan, lap.garis = p.instansi, p.renstra, p.pengaturan, p.garis
        lap.organisasi, lap.perjanjian, lap.sk_iku, lap.logo = p.organisasi, p.perjanjian, p.sk_iku, p.logo
        lap.pegawai = dataclasses.replace(lap.pegawai, per_tanggal=p.per_tanggal)
        repo.simpan_kepala(lap)
        return lama_kepala
    raise TypeError(f"bukan perubahan: {p!r}")


def terapkan(repo: Repository, lap: Laporan, perubahan: Sequence[Perubahan], keterangan: str | None = None
             ) -> list[Perubahan]:
    """Apply ``perubahan`` to ``lap`` and the database in one transaction (``keterangan``
    names it in riwayat). Returns the commands that undo it, in the order to apply them.
    When the write fails, ``lap`` is put back as it was and the error is raised."""
    kebalikan: list[Perubahan] = []
    try:
        with repo.transaksi(keterangan):
            for p in perubahan:
                kebalikan.append(_satu(repo, lap, p))
    except BaseException:
        for k in reversed(kebalikan):
            terapkan_di_memori(lap, [k])  # the transaction was rolled back: memory only
        raise
    return kebalikan[::-1]




def terapkan_di_memori(lap: Laporan, perubahan: Sequence[Perubahan]) -> None:
    """Apply commands to ``lap`` alone, the disk untouched: what a plan would make of a year
    (tests of a planner, previews). Records are replaced, never changed in place, as in
    :func:`terapkan`."""
    for p in perubahan:
        _satu(_TanpaDisk(), lap, p)  # type: ignore[arg-type]


class _TanpaDisk:
    """A stand-in Repository for :func:`terapkan_di_memori`: the disk was never changed."""

    def simpan(self, *a: object, **k: object) -> None:
        pass

    hapus = simpan_kepala = urutkan = simpan


def simpan_tahun(repo: Repository, perintah: GantiTahun) -> None:
    """Store a whole year (a new report year, an import), as one transaction."""
    repo.simpan_laporan(perintah.lap, ganti=perintah.ganti, keterangan=perintah.keterangan)


def salin_kepala(lap: Laporan, ubah: Callable[[Laporan], object]) -> UbahKepala:
    """The header command for ``ubah`` applied to a copy of ``lap``'s header (``lap`` and the
    records it holds are left as they are)."""
    import copy

    calon = copy.copy(lap)
    calon.instansi, calon.renstra = copy.deepcopy(lap.instansi), copy.deepcopy(lap.renstra)
    calon.pengaturan, calon.garis = copy.deepcopy(lap.pengaturan), copy.deepcopy(lap.garis)
    calon.organisasi, calon.perjanjian = copy.deepcopy(lap.organisasi), copy.deepcopy(lap.perjanjian)
    calon.sk_iku = copy.deepcopy(lap.sk_iku)
    calon.pegawai = dataclasses.replace(lap.pegawai)
    ubah(calon)
    return kepala(calon)
