"""The TinyDB-backed store of LKjIP data: several report years in one file.

Each year's records are rows tagged with ``tahun`` and ordered by ``urut``. The screens
change one record at a time (:meth:`Repository.simpan`), which appends that one row to the
journal (store/storage.py); an import replaces a whole year inside one transaction, so it
lands whole or not at all.

A writable Repository holds the database's lock (store/lock.py: a second writer gets
:class:`SedangDipakai`), makes the day's backup, migrates an older schema after backing
it up, and compacts the journal on open and close.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator, MutableMapping, Sequence, ValuesView
from contextlib import contextmanager
from dataclasses import dataclass
from operator import methodcaller
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from . import audit, backup, codec, dokumen
from .lock import Kunci, KunciHilang, SedangDipakai  # noqa: F401 - re-exported for callers
from .models import (
    Indikator,
    Kegiatan,
    KomponenAkip,
    Laporan,
    Pegawai,
    Program,
    Sasaran,
    Subkegiatan,
    Teks,
    Tujuan,
    UnitPegawai,
)
from .schema import META, SKEMA, migrasi, versi_data
from .storage import AtomicJSONStorage, DatabaseRusak, JurnalDB
from .tanpa_gc import tanpa_gc

if TYPE_CHECKING:  # store.perubahan imports this module
    from .perubahan import Rekaman

_URUT = methodcaller("get", "urut", 0)  # a row's place; in C, not a lambda per row (10,000 at city scale)


class MasihDipakai(Exception):
    """A record cannot be deleted while others refer to it."""


class TahunSudahAda(Exception):
    def __init__(self, tahun: int):
        self.tahun = tahun
        super().__init__(f"Tahun {tahun} sudah ada di basis data; gunakan --replace untuk menggantinya.")


@dataclass(frozen=True)
class Jenis:
    """How one kind of row is stored: its table, key field, codec and parent field."""

    tabel: str
    kunci: str
    keluar: Callable[..., Any]
    masuk: Callable[..., Any]
    induk: str | None = None


JENIS: dict[type, Jenis] = {
    Tujuan: Jenis("tujuan", "id", codec.tujuan_out, codec.tujuan_in),
    Sasaran: Jenis("sasaran", "id", codec.sasaran_out, codec.sasaran_in),
    Indikator: Jenis("indikator", "id", codec.indikator_out, codec.indikator_in),
    Program: Jenis("program", "id", codec.program_out, codec.program_in),
    Kegiatan: Jenis("kegiatan", "key", codec.kegiatan_out, codec.kegiatan_in, induk="program"),
    Subkegiatan: Jenis("subkegiatan", "key", codec.subkegiatan_out, codec.subkegiatan_in, induk="kegiatan"),
    UnitPegawai: Jenis("pegawai", "key", codec.unit_out, codec.unit_in),
    KomponenAkip: Jenis("akip", "key", codec.akip_out, codec.akip_in),
    Teks: Jenis("narasi", "kunci", codec.teks_out, codec.teks_in),
}


def _beri_key(obj: Rekaman, j: Jenis) -> None:
    """A row of a kind keyed by ``key`` (see JENIS) gets a fresh one when it has none yet."""
    if j.kunci == "key":
        berkey = cast("Kegiatan | Subkegiatan | UnitPegawai | KomponenAkip", obj)  # the kinds JENIS keys so
        if not berkey.key:
            berkey.key = key_baru()


KUNCI_TABEL = {j.tabel: j.kunci for j in JENIS.values()}  # the key field of each row table
LAPORAN = "laporan"
PETA_IMPOR = "peta_impor"  # settings of the database, not of a year: column mappings for import


_SALAH_BARIS = (KeyError, TypeError, ValueError, AttributeError, ArithmeticError, IndexError)


def _kepala_in(d: dict[str, Any]) -> None:
    codec.instansi_in(d["instansi"])
    codec.renstra_in(d["renstra"])
    codec.pengaturan_in(d["pengaturan"])
    dokumen.masuk(d.get("dokumen") or {}, Laporan(2000))


def _alasan(e: Exception) -> str:
    if isinstance(e, KeyError):
        return f"kolom {e.args[0]!r} tidak ada"
    if isinstance(e, ArithmeticError):
        return "nilai yang bukan angka"
    return str(e)[:80] or type(e).__name__


def baris_tidak_sah(data: dict[str, Any], tahun: int | None = None) -> str | None:
    """The first stored row that cannot be read back as a record (a hand-edited or damaged
    file: ``realisasi: "abc"``, ``urut: "z"``, a missing ``nama``), as "tabel T baris N:
    why"; None when every row of ``tahun`` (or of all years) reads."""
    ada: dict[str, set[Any]] = {"program": set(), "kegiatan": set()}
    # JENIS lists every parent table before its children, so a child's parent is known when it is read
    urutan = [(LAPORAN, _kepala_in, None)] + [(j.tabel, j.masuk, j) for j in JENIS.values()]
    for tabel, masuk, j in urutan:
        for i, d in (data.get(tabel) or {}).items():
            if tahun is not None and isinstance(d, dict) and d.get("tahun") != tahun:
                continue
            try:
                if not isinstance(d, dict):
                    raise TypeError("baris bukan objek")
                if type(d.get("tahun")) is not int:
                    raise ValueError("tahun bukan bilangan bulat")
                if type(d.get("urut", 0)) is not int:
                    raise ValueError("urut bukan bilangan bulat")
                masuk(d)
                if j and j.induk and (d.get("tahun"), d.get(j.induk)) not in ada[j.induk]:
                    raise ValueError(f"{j.induk} {d.get(j.induk)!r} tidak ada")
                if tabel in ada:
                    ada[tabel].add((d["tahun"], d[KUNCI_TABEL[tabel]]))
            except _SALAH_BARIS as e:
                return f"tabel {tabel} baris {i}: {_alasan(e)}"
    return None


def key_baru() -> str:
    return uuid.uuid4().hex[:12]


class Repository:
    def __init__(self, path: str | Path, readonly: bool = False, ambil_alih: bool = False):
        """``ambil_alih``: take the lock over even from a holder that looks alive (the user
        says it is gone; see :meth:`Kunci.ambil`)."""
        self.path = Path(path)
        self.readonly = readonly
        self._kunci: Kunci | None = None
        self.diambil_alih: KunciHilang | None = None  # set once another lkjip took the lock over
        self.peringatan: list[str] = []  # one line each, for the user: what was set aside and where
        if not readonly:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._kunci = Kunci(self.path)
            self._kunci.ambil(ambil_alih)  # raises SedangDipakai with who holds it
        try:
            self.db: TinyDB = JurnalDB(self.path, storage=AtomicJSONStorage, readonly=readonly)
            self.storage = cast(AtomicJSONStorage, self.db.storage)  # JurnalDB opens the storage_class given
            if self._kunci:
                self.storage.penjaga = self._jaga
            self._indeks: dict[tuple[str, int], dict[str, int]] = {}
            self._siapkan_skema()
            if not readonly:
                self._rapikan()
            else:
                self.peringatan += [f"Jurnal {p.name} tidak cocok dengan basis data; isinya tidak ditampilkan "
                                    f"(disisihkan saat dibuka untuk menulis)." for p in self.storage.asing]
        except BaseException:
            if self._kunci:
                self._kunci.lepas()
            raise

    @classmethod
    def dalam_memori(cls, data: dict[str, Any], path: str | Path = "<memori>") -> Repository:
        """A read-only Repository over a raw database dict already at :data:`SKEMA` (a
        restore's source being checked): nothing on disk is opened or locked."""
        r = cls.__new__(cls)
        r.path, r.readonly, r._kunci, r.peringatan, r._indeks = Path(path), True, None, [], {}
        r.diambil_alih = None
        r.db = TinyDB(storage=MemoryStorage)
        r.db.storage.write(data)
        r.storage = r.db.storage  # type: ignore[assignment]  # a MemoryStorage: only read() is used by the readers
        return r

    # ------------------------------------------------------------ lifecycle
    def _siapkan_skema(self) -> None:
        raw = self.storage.read()
        versi = versi_data(raw)
        if versi == SKEMA:
            return
        baru = migrasi(dict(raw or {}))  # raises SkemaTerlaluBaru for a newer file
        if versi is None:
            baru = {META: {"1": {"skema": SKEMA}}}
        if self.readonly:
            self.storage._cache = baru  # migrated in memory only; the file stays as it was
        else:
            if versi is not None and self.path.exists():
                backup.cadangan_migrasi(self.path, versi)  # before the migrated file replaces it
            self.storage.keterangan = None if versi is None else f"migrasi skema {versi} ke {SKEMA}"
            self.storage.write(baru)
        self.db.clear_cache()

    def _rapikan(self) -> None:
        """After a writable open: fold the journal into a fresh snapshot (so a crash-left
        torn tail is gone before anything is appended), take the day's backup, and delete
        temp files and stale journals that a crashed writer left (we hold the lock)."""
        st = self.storage
        for lama, baru in st.sisihkan_asing():
            self.peringatan.append(f"Jurnal {lama.name} tidak cocok dengan basis data; isinya belum diterapkan dan "
                                   + (f"disimpan sebagai {baru}." if baru else "dibiarkan di tempatnya (sedang dipakai "
                                      "program lain), tidak dihapus."))
        st.potong_ekor()
        dipadatkan = False
        if not self.path.exists() or not self.path.stat().st_size:
            st.kompaksi()  # a new database: the file must exist with its schema (never backed up empty)
        elif st.isi_jurnal or st.jurnal_lain():
            try:
                st.kompaksi()
                dipadatkan = True
            except OSError:
                pass  # e.g. Windows refusing the replace: the journal still holds everything
        sisa = list(self.path.parent.glob(f".{self.path.name}.*.tmp"))
        sisa += [p for p in self.path.parent.glob(f"{self.path.name}.kunci.*.*") if not p.name.endswith(".ambil")
                 and time.time() - p.stat().st_mtime > 60]  # a lock's temp file from a killed starter
        for tmp in sisa:
            try:
                tmp.unlink()
            except OSError:
                pass
        try:
            # After a compaction the day's backup is refreshed: a backup of the generation
            # whose journal follows is what `lkjip restore` rebuilds the newest state from.
            backup.cadangan_harian(self.path, self.path.read_bytes(), timpa=dipadatkan)
        except OSError:
            pass  # a backup failure (full disk, read-only folder) must not stop the work

    def _jaga(self) -> None:
        """The storage's fencing check: once the lock was taken over, this repository is
        read-only (the screens stop offering changes) and the write is refused."""
        assert self._kunci is not None  # installed as the storage's penjaga only with a lock
        try:
            self._kunci.periksa()
        except KunciHilang as e:
            self.readonly = True
            self.diambil_alih = e  # what to tell the user on each later attempt
            raise

    def kompaksi(self) -> None:
        """Fold the journal into the database file now (normally automatic)."""
        self.storage.kompaksi()

    def close(self) -> None:
        if self._kunci is None or not self._kunci.dipegang:
            return
        try:
            if self.storage.isi_jurnal and not self.readonly:
                try:
                    self.storage.kompaksi()
                    backup.cadangan_harian(self.path, self.path.read_bytes(), timpa=True)
                except OSError:
                    pass  # the journal keeps everything; the next open compacts
                except KunciHilang:
                    pass  # taken over: the new holder owns the files now
        finally:
            self.db.close()
            self._kunci.lepas()

    def riwayat(self, tahun: int | None = None, batas: int | None = None) -> list[dict[str, Any]]:
        """The audit trail, newest first (see store/audit.py)."""
        return audit.baca_riwayat(self.path, tahun, batas)

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaksi(self, keterangan: str | None = None) -> Iterator[Repository]:
        """Everything inside reaches the disk as one atomic write, or nothing does.
        ``keterangan`` describes the change in the audit trail (e.g. "impor tahun 2021")."""
        try:
            with self.storage.transaction():
                if keterangan and not self.storage.keterangan:
                    self.storage.keterangan = keterangan
                yield self
        except BaseException:
            self.db.clear_cache()
            self._indeks.clear()
            raise

    # ------------------------------------------------------------ reading
    def tahun_tersedia(self) -> list[int]:
        return sorted(int(d["tahun"]) for d in self._mentah(LAPORAN))

    def ada_tahun(self, tahun: int) -> bool:
        return tahun in self.tahun_tersedia()

    def _mentah(self, tabel: str) -> ValuesView[dict[str, Any]]:
        """The stored rows of a table, read-only. Straight from the storage's dict: wrapping
        10,000 rows in TinyDB Documents costs a tenth of a second on every muat()."""
        rows: dict[str, dict[str, Any]] = (self.storage.read() or {}).get(tabel, {})
        return rows.values()

    def _baris(self, tabel: str, tahun: int) -> list[dict[str, Any]]:
        rows = [d for d in self._mentah(tabel) if d.get("tahun") == tahun]
        rows.sort(key=_URUT)
        return rows

    @property
    def teks_kendali_mungkin(self) -> bool:
        """False when no text read can hold a refused character (store/teks.py): known only of
        a database file opened read-only (``AtomicJSONStorage.teks_kendali_mungkin``)."""
        return not isinstance(self.storage, AtomicJSONStorage) or self.storage.teks_kendali_mungkin

    def baris_tersimpan(self, tabel: str, tahun: int) -> list[dict[str, Any]]:
        """A table's stored rows of one year in their order, as stored: read them, never change
        them (``lkjip check`` looks at a city's subkegiatan rows before deciding to load them)."""
        return self._baris(tabel, tahun)

    def muat(self, tahun: int, *, subkegiatan: bool = True) -> Laporan:
        """The whole report year as typed records; KeyError when the year does not exist.
        ``subkegiatan=False``: every kegiatan without its subkegiatan, for a caller that has
        checked their rows itself (store/check.periksa_tersimpan)."""
        with tanpa_gc():  # tens of thousands of records at city scale; none of them garbage
            try:
                return self._muat(tahun, subkegiatan)
            except _SALAH_BARIS as e:
                if isinstance(e, KeyError) and e.args == (tahun,) and not self.ada_tahun(tahun):
                    raise
                alasan = baris_tidak_sah(self.storage.read() or {}, tahun) or _alasan(e)
                raise DatabaseRusak(self.path, f"data tahun {tahun}, {alasan}") from None

    def _muat(self, tahun: int, subkegiatan: bool = True) -> Laporan:
        kepala = next((d for d in self._mentah(LAPORAN) if d["tahun"] == tahun), None)
        if kepala is None:
            raise KeyError(tahun)
        lap = Laporan(
            tahun=tahun,
            instansi=codec.instansi_in(kepala["instansi"]),
            renstra=codec.renstra_in(kepala["renstra"]),
            pengaturan=codec.pengaturan_in(kepala["pengaturan"]),
            pegawai=Pegawai(kepala.get("pegawai_per_tanggal")),
            garis=codec.garis_in(kepala.get("garis_besar")),
        )
        dokumen.masuk(kepala.get("dokumen") or {}, lap)
        lap.tujuan = [codec.tujuan_in(d) for d in self._baris("tujuan", tahun)]
        lap.sasaran = [codec.sasaran_in(d) for d in self._baris("sasaran", tahun)]
        lap.indikator = [codec.indikator_in(d) for d in self._baris("indikator", tahun)]
        lap.program = [codec.program_in(d) for d in self._baris("program", tahun)]
        prog = {p.id: p for p in lap.program}
        keg: dict[str, Kegiatan] = {}
        for d in self._baris("kegiatan", tahun):
            k = codec.kegiatan_in(d)
            keg[k.key] = k
            prog[d["program"]].kegiatan.append(k)
        for d in self._baris("subkegiatan", tahun) if subkegiatan else ():
            keg[d["kegiatan"]].subkegiatan.append(codec.subkegiatan_in(d))
        lap.pegawai.unit = [codec.unit_in(d) for d in self._baris("pegawai", tahun)]
        lap.evaluasi_akip = [codec.akip_in(d) for d in self._baris("akip", tahun)]
        lap.narasi = [codec.teks_in(d) for d in self._baris("narasi", tahun)]
        return lap

    # ------------------------------------------------------------ whole years
    def _kepala_doc(self, lap: Laporan) -> dict[str, Any]:
        assert lap.renstra is not None  # Laporan.__post_init__ fills it
        return {"tahun": lap.tahun, "instansi": codec.instansi_out(lap.instansi),
                "renstra": codec.renstra_out(lap.renstra), "pengaturan": codec.pengaturan_out(lap.pengaturan),
                "pegawai_per_tanggal": lap.pegawai.per_tanggal, "garis_besar": codec.garis_out(lap.garis),
                "dokumen": dokumen.keluar(lap)}

    def simpan_laporan(self, lap: Laporan, ganti: bool = False, keterangan: str | None = None) -> None:
        """Store a whole report year (an import; ``keterangan`` names another origin in the
        riwayat). Refuses an existing year unless ``ganti``."""
        with self.transaksi(keterangan or f"impor tahun {lap.tahun}" + (" (ganti)" if ganti else "")):
            if self.ada_tahun(lap.tahun):
                if not ganti:
                    raise TahunSudahAda(lap.tahun)
                self._hapus_tahun(lap.tahun)
            self.db.table(LAPORAN).insert(self._kepala_doc(lap))
            rows: dict[str, list[dict[str, Any]]] = {}

            def tambah(obj: Rekaman, urut: int, induk: str | None = None) -> None:
                j = JENIS[type(obj)]
                _beri_key(obj, j)
                doc = {"tahun": lap.tahun, "urut": urut, **j.keluar(obj)}
                if j.induk:
                    doc[j.induk] = induk
                rows.setdefault(j.tabel, []).append(doc)

            semua: tuple[Sequence[Rekaman], ...] = (lap.tujuan, lap.sasaran, lap.indikator, lap.program,
                                                    lap.pegawai.unit, lap.evaluasi_akip, lap.narasi)
            for kind in semua:
                for n, obj in enumerate(kind):
                    tambah(obj, n)
            for p in lap.program:
                for n, k in enumerate(p.kegiatan):
                    tambah(k, n, p.id)
                    for m, s in enumerate(k.subkegiatan):
                        tambah(s, m, k.key)
            for tabel, docs in rows.items():
                self.db.table(tabel).insert_multiple(docs)
            self._indeks.clear()

    def _hapus_tahun(self, tahun: int) -> None:
        for tabel in [LAPORAN] + [j.tabel for j in JENIS.values()]:
            t = self.db.table(tabel)
            ids = [d.doc_id for d in t if d.get("tahun") == tahun]
            if ids:
                t.remove(doc_ids=ids)
        self._indeks.clear()

    def simpan_kepala(self, lap: Laporan) -> None:
        """Store instansi, renstra, pengaturan, the staffing date, the outline and the document's
        own data (organisation, PK, IKU decree, logo: store/dokumen.py) of a year."""
        t = self.db.table(LAPORAN)
        ids = [d.doc_id for d in t if d["tahun"] == lap.tahun]
        if ids:
            t.update(self._kepala_doc(lap), doc_ids=ids)
        else:
            t.insert(self._kepala_doc(lap))

    # ------------------------------------------------------------ one record
    def _index(self, tabel: str, tahun: int) -> dict[str, int]:
        idx = self._indeks.get((tabel, tahun))
        if idx is None:
            kunci = KUNCI_TABEL[tabel]
            raw = (self.storage.read() or {}).get(tabel, {})
            idx = {d[kunci]: int(i) for i, d in raw.items() if d.get("tahun") == tahun}
            self._indeks[(tabel, tahun)] = idx
        return idx

    def simpan(self, tahun: int, obj: Rekaman, induk: str | None = None, lama_id: str | None = None) -> None:
        """Insert or update one record of ``tahun``. ``induk`` is the parent's id/key for
        kegiatan (program id) and subkegiatan (kegiatan key); ``lama_id`` renames an id."""
        j = JENIS[type(obj)]
        _beri_key(obj, j)
        kunci = getattr(obj, j.kunci)
        tabel = self.db.table(j.tabel)
        idx = self._index(j.tabel, tahun)
        doc_id = idx.get(lama_id or kunci)
        doc = j.keluar(obj)
        if j.induk and induk is not None:
            doc[j.induk] = induk
        if doc_id is not None:
            tetap = {"tahun", "urut", j.induk}

            def ganti(d: MutableMapping[str, Any]) -> None:
                # a field left out of the new row (a kode cleared) must go, not linger from before
                for k in [k for k in d if k not in doc and k not in tetap]:
                    del d[k]
                d.update(doc)

            tabel.update(ganti, doc_ids=[doc_id])
            if lama_id and lama_id != kunci:
                idx[kunci] = idx.pop(lama_id)
        else:
            if j.induk and induk is None:
                raise ValueError(f"{j.tabel} baru membutuhkan induk")
            urut = 1 + max((d.get("urut", 0) for d in self._mentah(j.tabel) if d.get("tahun") == tahun), default=-1)
            idx[kunci] = tabel.insert({"tahun": tahun, "urut": urut, **doc})

    def urutkan(self, tahun: int, jenis: type, kunci_urut: Sequence[str]) -> None:
        """Store the order of one list of siblings (``kunci_urut``, their ids/keys as the year
        holds them): their rows take their own ``urut`` numbers again in that order, so rows of
        other lists keep theirs. A record put back in the middle (the undo of a delete) reads
        back in that place after a reopen, as the screen shows it."""
        j = JENIS[jenis]
        tabel = self.db.table(j.tabel)
        idx = self._index(j.tabel, tahun)
        mentah = (self.storage.read() or {}).get(j.tabel, {})
        ids = [idx[k] for k in kunci_urut]
        nomor = sorted(mentah[str(i)].get("urut", 0) for i in ids)
        for doc_id, urut in zip(ids, nomor):
            if mentah[str(doc_id)].get("urut") != urut:
                tabel.update({"urut": urut}, doc_ids=[doc_id])

    def hapus(self, tahun: int, obj: Rekaman) -> None:
        """Delete one record; a program or kegiatan takes its children with it, atomically.
        A tujuan or sasaran still referred to is refused with :class:`MasihDipakai`."""
        j = JENIS[type(obj)]
        kunci = getattr(obj, j.kunci)
        if isinstance(obj, Tujuan) and any(d["tujuan"] == kunci for d in self._baris("sasaran", tahun)):
            raise MasihDipakai(f"Tujuan {kunci} masih memiliki sasaran; hapus sasarannya dulu.")
        if isinstance(obj, Sasaran):
            if any(d["sasaran"] == kunci for d in self._baris("indikator", tahun)):
                raise MasihDipakai(f"Sasaran {kunci} masih memiliki indikator; hapus indikatornya dulu.")
            if any(d["sasaran"] == kunci for d in self._baris("program", tahun)):
                raise MasihDipakai(f"Sasaran {kunci} masih memiliki program; pindahkan atau hapus programnya dulu.")
        with self.transaksi(f"hapus {j.tabel} {kunci} beserta isinya" if isinstance(obj, (Program, Kegiatan)) else None):
            if isinstance(obj, Program):
                for k in obj.kegiatan:
                    self.hapus(tahun, k)
            if isinstance(obj, Kegiatan):
                ids = [self._index("subkegiatan", tahun).pop(s.key) for s in obj.subkegiatan
                       if s.key in self._index("subkegiatan", tahun)]
                if ids:
                    self.db.table("subkegiatan").remove(doc_ids=ids)
            doc_id = self._index(j.tabel, tahun).pop(kunci, None)
            if doc_id is not None:
                self.db.table(j.tabel).remove(doc_ids=[doc_id])

    # ------------------------------------------------------------ settings of the database
    def peta_impor(self) -> dict[str, dict[str, Any]]:
        """Column mappings of the offices' own sheets (budget import), by header fingerprint."""
        return {d["sidik"]: dict(d["peta"]) for d in self._mentah(PETA_IMPOR)
                if isinstance(d.get("sidik"), str) and isinstance(d.get("peta"), dict)}

    def simpan_peta_impor(self, sidik: str, peta: dict[str, Any]) -> None:
        """Remember ``peta`` for sheets whose header has fingerprint ``sidik`` (not per year)."""
        tabel = self.db.table(PETA_IMPOR)
        ids = [int(i) for i, d in (self.storage.read() or {}).get(PETA_IMPOR, {}).items() if d.get("sidik") == sidik]
        with self.transaksi("peta kolom impor anggaran"):
            if ids:
                tabel.update({"peta": dict(peta)}, doc_ids=ids)
            else:
                tabel.insert({"sidik": sidik, "peta": dict(peta)})
