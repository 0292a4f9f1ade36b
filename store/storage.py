"""TinyDB storage that never loses a committed change and commits in milliseconds.

Layout beside the database ``lkjip.json``:

- ``lkjip.json``: the *snapshot*, the whole TinyDB dict as UTF-8 JSON, plus a ``_jurnal``
  entry naming its generation. It is only ever written whole: temp file, fsync,
  ``os.replace``, folder fsync (:func:`tulis_atomik`).
- ``lkjip.json.jurnal-<generasi>``: the *journal* (write-ahead log) of that snapshot. A
  commit appends one line ``<length> <crc32> <json>`` holding the rows it set or removed
  (absolute values, so replaying twice is harmless) and its audit entry, then fsyncs. That
  is a few milliseconds instead of re-serialising megabytes.

Opening reads the snapshot and replays the journal of the same generation. Only bytes
after the last newline can be a torn append (power cut mid-append; its commit never
returned): they are dropped. A bad *complete* line is damage: :class:`DatabaseRusak`, whose
message names the repair (`lkjip restore`). A failed append is cut off at once, and if even
that fails, before the next append. *Compaction* writes a new snapshot under a new
generation, recording in ``_jurnal`` the generations it folded (``dilipat``: generation →
last line) and the audit trail's last hash, then deletes the old journal; a journal left by
a crash between the two is recognised as folded. Any other journal holds lines the snapshot
lacks: it is set aside under a unique name, never deleted. A missing or empty snapshot with
journals or backups beside it is refused, not opened as a new database. Audit entries move
from the journal to ``lkjip.json.riwayat.jsonl`` before the snapshot is replaced (see
:mod:`store.audit`). File writes, modes and the retrying replace live in :mod:`store.berkas`,
the journal's line format in :mod:`store.jurnal`.

TinyDB funnels every write through ``Table._update_table``; :class:`JurnalTable` hands the
updater a view that notes which rows it touches (and their old value, for rollback and the
audit trail), so a commit knows exactly what changed without diffing 10,000 rows.

Private TinyDB names lkjip uses, all of them here (TinyDB is pinned exactly for them):
``Table._update_table`` (overridden, as above) and ``Table._storage`` (the storage it writes to).
"""

from __future__ import annotations

import copy
import getpass
import json
import os
import re
import threading
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol, cast

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from .audit import entri_riwayat, jalur_riwayat, jangkar_sah, sambung_riwayat
from .berkas import (  # noqa: F401 - re-exported: callers name them from here
    _UMASK,
    ENCODING,
    MODE_PRIBADI,
    MODE_UMUM,
    buka_pribadi,
    fsync_folder,
    ganti_berkas,
    nama_unik,
    salin_pribadi,
    tulis_atomik,
    tulis_semua,
)
from .jalur import kutip
from .jurnal import TIADA, JurnalRusak, baca_jurnal, baris_jurnal, terapkan, urai_baris  # noqa: F401
from .tanpa_gc import tanpa_gc
from .teks import mungkin_kendali_json

KUNCI_JURNAL = "_jurnal"  # top-level key of the snapshot naming its generation; hidden from TinyDB
BATAS_JURNAL = 1 << 20     # compact once the journal passes 1 MiB (or half the snapshot)
GENERASI_SAH = re.compile(r"[0-9A-Za-z]{1,32}")  # a generation names a file: no separators, no dots
SIMPAN_DILIPAT = 16        # how many folded generations a snapshot remembers (see _jurnal "dilipat")


class DatabaseRusak(Exception):
    """The database file exists but cannot be read; it is never overwritten. The message
    ends with the command that repairs it (tests run every such hint)."""

    def __init__(self, path: Path, alasan: str, saran: str | None = None):
        self.path = path
        self.alasan = alasan
        self.saran = saran or saran_pulih(path)
        super().__init__(f"Basis data {path} rusak dan tidak dapat dibaca ({alasan}); {self.saran}")


class HanyaBaca(Exception):
    """A write was attempted on a database opened read-only."""

    def __init__(self, path: Path):
        super().__init__(f"Basis data {path} dibuka hanya-baca; perubahan tidak disimpan.")


_fsync_data = getattr(os, "fdatasync", os.fsync)  # fdatasync skips the mtime flush where it exists


def parse_json_db(path: Path, raw: bytes) -> Any:
    """Parse database bytes; raise :class:`DatabaseRusak` when not valid UTF-8 JSON."""
    if not raw.strip():
        return None
    try:
        with tanpa_gc():
            return json.loads(raw.decode(ENCODING))
    except UnicodeDecodeError as e:
        raise DatabaseRusak(Path(path), f"bukan UTF-8 pada byte {e.start}") from None
    except (json.JSONDecodeError, RecursionError) as e:
        alasan = f"JSON tidak sah di baris {e.lineno} kolom {e.colno}" if isinstance(e, json.JSONDecodeError) else "terlalu bersarang"
        raise DatabaseRusak(Path(path), alasan) from None
    except ValueError:  # an integer of thousands of digits (Python's int/str conversion limit)
        raise DatabaseRusak(Path(path), "berisi bilangan yang terlalu panjang") from None


def baca_json(path: Path) -> Any:
    """Read a database file; raise :class:`DatabaseRusak` when it is not valid UTF-8 JSON."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        return None
    return parse_json_db(path, raw)


# ------------------------------------------------------------------ the snapshot's journal record
def _baca_meta(path: Path, meta: Any) -> tuple[str | None, dict[str, int]]:
    """The snapshot's generation and the generations it folded ({generation: last seq})."""
    if not isinstance(meta, dict) or not isinstance(meta.get("1"), dict):
        return None, {}
    gen = meta["1"].get("generasi")
    if gen is not None and not (isinstance(gen, str) and GENERASI_SAH.fullmatch(gen)):
        raise DatabaseRusak(Path(path), f"nama generasi jurnal {str(gen)[:40]!r} tidak sah")
    dilipat = meta["1"].get("dilipat") or {}
    if not isinstance(dilipat, dict):
        dilipat = {}
    return gen, {g: n for g, n in dilipat.items() if isinstance(g, str) and isinstance(n, int)}


def _cap() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")



FOLDER_BACKUP = "backup"


def sisa_di_samping(path: Path) -> list[Path]:
    """Files beside a database that hold (or held) its data: journals, set-aside files, backups."""
    path = Path(path)
    folder = path.parent
    sisa = sorted(folder.glob(f"{path.name}.jurnal-*"))
    sisa += sorted(folder.glob(f"{path.name}.disisihkan-*"))
    sisa += sorted(folder.glob(f"{path.stem}.rusak-*"))
    backup = folder / FOLDER_BACKUP
    if backup.is_dir():
        pola = re.compile(re.escape(path.stem) + r"-(\d{4}-\d{2}-\d{2}|skema\d+-\d{8}-\d{6}(-\d+)?)" + re.escape(path.suffix))
        sisa += sorted(p for p in backup.iterdir() if pola.fullmatch(p.name) and p.stat().st_size)
    return sisa


def saran_pulih(path: Path) -> str:
    """The repair hint for a database that cannot be opened: restore when something to
    restore from exists, else name the files kept."""
    path = Path(path)
    backup = path.parent / FOLDER_BACKUP
    if backup.is_dir() and any(backup.glob(f"{path.stem}-*{path.suffix}")):
        return f"pulihkan keadaan baik terakhir dengan: lkjip restore --db {kutip(str(path))}"
    return (f"tidak ada cadangan di {backup}; berkas di sampingnya disimpan apa adanya. Pulihkan dari salinan "
            f"dengan: lkjip restore --db {kutip(str(path))} --dari BERKAS")


# ------------------------------------------------------------------ storage
class AtomicJSONStorage(Storage):
    """Snapshot + journal storage (see the module docstring)."""

    def __init__(self, path: str | os.PathLike[str], readonly: bool = False, **_: Any):
        self.path = Path(path)
        self.readonly = readonly
        self._cache: dict[str, Any] | None = None
        self._gen: str | None = None
        self._dilipat: dict[str, int] = {}  # generations the snapshot holds: {generation: last seq}
        self.asing: list[Path] = []          # journals whose lines the snapshot does not hold
        self.sidik_riwayat: str | None = None  # hash of the audit trail's last line at the last compaction
        self.jangkar: dict[str, Any] | None = None  # the trail's anchor (store.audit): length, lines, last hash, breaks
        self._seq = 0
        self._jurnal_bytes = 0
        self._snapshot_bytes = 0
        self._riwayat: list[dict[str, Any]] = []   # audit entries in the current journal, not yet in the .jsonl
        self.ekor_robek = False          # a torn journal tail was dropped on the last read
        # Read-only: False when no text read can hold a refused character (store/teks.py), so
        # `lkjip check` need not walk every text. A writer changes its rows: always True there.
        self.teks_kendali_mungkin = True
        self._depth = 0
        self._sentuh: dict[tuple[str, str], Any] = {}  # (table, doc id) → value before the transaction
        self._penuh = False              # a whole-dict write() happened inside the transaction
        self.keterangan: str | None = None  # what the current transaction is, for the audit trail
        # The fencing check (store.lock.Kunci.periksa), run before every commit and compaction:
        # it raises once another instance took the lock over; from then on this one is read-only.
        self.penjaga: Callable[[], None] | None = None
        # Held by a transaction from its first change to its commit, and by a compaction: the
        # close-time work of a hang-up may run on a watchdog thread (lkjip_tui/tutup.py) and
        # must never snapshot a transaction half-way.
        self._tulis = threading.RLock()
        try:
            self.pengguna = getpass.getuser()
        except Exception:  # noqa: BLE001 - no user name on some Windows setups
            self.pengguna = ""
        if not readonly:
            self.path.parent.mkdir(parents=True, exist_ok=True)

    # ---------------------------------------------------------- paths
    def jurnal_path(self, gen: str | None = None) -> Path:
        return self.path.with_name(f"{self.path.name}.jurnal-{gen or self._gen or 'awal'}")

    def jurnal_lain(self) -> list[Path]:
        """Journals of other generations: already compacted, left behind by a crash."""
        sekarang = self.jurnal_path()
        return [p for p in self.path.parent.glob(f"{self.path.name}.jurnal-*") if p != sekarang]

    @property
    def riwayat_path(self) -> Path:
        return jalur_riwayat(self.path)

    @property
    def isi_jurnal(self) -> int:
        return self._jurnal_bytes

    # ---------------------------------------------------------- reading
    def read(self) -> dict[str, Any]:
        if self._cache is None:
            self._muat()
        assert self._cache is not None  # _muat sets it or raises
        return self._cache

    def _muat(self) -> None:
        for _ in range(20):
            try:
                st1 = os.stat(self.path)
            except FileNotFoundError:
                st1 = None
            try:
                raw = self.path.read_bytes() if st1 else b""
            except FileNotFoundError:
                continue  # replaced between stat and read
            data = parse_json_db(self.path, raw)
            if data is None:
                self._jangan_kosong()
            if data is not None and not isinstance(data, dict):
                raise DatabaseRusak(self.path, "isi bukan objek JSON")
            data = data or {}
            meta = data.pop(KUNCI_JURNAL, None)
            gen, dilipat = _baca_meta(self.path, meta)
            try:
                recs, robek, baik = baca_jurnal(self.jurnal_path(gen)) if gen else ([], False, 0)
            except JurnalRusak as e:
                raise DatabaseRusak(self.path, str(e)) from None
            asing = self._jurnal_asing(gen, dilipat)
            # A writer may have compacted between our two reads: then the journal we read
            # may already be gone. Same snapshot before and after means a consistent pair.
            try:
                st2 = os.stat(self.path)
            except FileNotFoundError:
                st2 = None
            if (st1 and (st1.st_mtime_ns, st1.st_size, st1.st_ino)) != (st2 and (st2.st_mtime_ns, st2.st_size, st2.st_ino)):
                continue
            break
        else:  # pragma: no cover - a writer compacting 20 times in a row
            raise DatabaseRusak(self.path, "berkas terus berubah saat dibaca")
        for rec in recs:
            terapkan(data, rec.get("ops", []))
        self._cache = data
        self._gen = gen
        self._dilipat = dilipat
        self.asing = asing
        sidik = meta["1"].get("riwayat") if gen else None
        self.jangkar = sidik if jangkar_sah(sidik) else None
        self.sidik_riwayat = sidik if isinstance(sidik, str) else self.jangkar["sidik"] if self.jangkar else None
        self._seq = max((int(r.get("seq", 0)) for r in recs), default=0)
        self._riwayat = [dict(r["riwayat"], gen=gen, seq=r.get("seq")) for r in recs if r.get("riwayat")]
        self._snapshot_bytes = len(raw)
        self._jurnal_bytes = baik
        self.ekor_robek = robek
        if self.readonly:
            self.teks_kendali_mungkin = mungkin_kendali_json(raw) or (bool(recs) and mungkin_kendali_json(
                json.dumps(recs, ensure_ascii=False).encode(ENCODING, "surrogatepass")))

    def _jangan_kosong(self) -> None:
        """A missing or empty snapshot is a new database only when nothing of an old one lies
        beside it: with a journal, a backup or a set-aside file there, opening it as empty
        would hide (and the next compaction delete) real data."""
        sisa = sisa_di_samping(self.path)
        if sisa:
            keadaan = "kosong" if self.path.exists() else "tidak ada"
            raise DatabaseRusak(self.path, f"berkasnya {keadaan}, padahal di sampingnya ada {sisa[0].name}",
                                saran=saran_pulih(self.path))

    def _jurnal_asing(self, gen: str | None, dilipat: dict[str, int]) -> list[Path]:
        """Journals of another generation that the snapshot does not say it folded (or
        holding later lines than it folded): their lines were never applied."""
        asing = []
        for p in self.path.parent.glob(f"{self.path.name}.jurnal-*"):
            g = p.name.rsplit("-", 1)[1]
            if g == gen:
                continue
            if g in dilipat:
                try:
                    recs, _, _ = baca_jurnal(p)
                    if max((int(r.get("seq", 0)) for r in recs), default=0) <= dilipat[g]:
                        continue
                except (JurnalRusak, ValueError, TypeError, OSError):
                    pass
            asing.append(p)
        return asing

    def jurnal_terlipat(self) -> list[Path]:
        """Journals of older generations that the snapshot already holds: safe to delete."""
        asing = set(self.asing)
        return [p for p in self.jurnal_lain() if p not in asing]

    def sisihkan_asing(self) -> list[tuple[Path, Path | None]]:
        """Move journals whose lines were never applied out of the journal name space, under
        unique names, so no compaction deletes them. Returns (journal, new name) pairs; the
        new name is None for one that could not be moved (it stays, and is not deleted)."""
        if self.readonly:
            raise HanyaBaca(self.path)
        pindah: list[tuple[Path, Path | None]] = []
        tertahan: list[Path] = []
        for p in self.asing:
            tujuan = nama_unik(self.path.with_name(f"{self.path.name}.disisihkan-{_cap()}.{p.name.rsplit('.', 1)[1]}"))
            try:
                ganti_berkas(p, tujuan)
            except OSError:
                tertahan.append(p)  # held open (Windows): stays where it is, still never deleted
                pindah.append((p, None))
                continue
            pindah.append((p, tujuan))
        self.asing = tertahan
        return pindah

    # ---------------------------------------------------------- writing
    def _jaga(self) -> None:
        """Every write to disk passes here first: the lock must still be ours."""
        if self.penjaga is None:
            return
        try:
            self.penjaga()
        except OSError:
            raise  # the lock could not be read for a moment: this save fails, a retry may work
        except Exception:
            self.readonly = True  # taken over: nothing more is written by this instance
            raise

    def write(self, data: dict[str, Any]) -> None:
        """A whole-dict write (migration, TinyDB's drop_table): becomes a compaction."""
        if self.readonly:
            raise HanyaBaca(self.path)
        self._cache = data
        if self._depth:
            self._penuh = True
            return
        ket, self.keterangan = self.keterangan, None
        try:
            self.kompaksi(tambahan=[entri_riwayat([], ket, self.pengguna)] if ket else [])
        except BaseException:
            self._cache = None  # not saved: the next read shows what the disk holds
            raise

    def catat(self, tabel: str, kunci: str, salin: bool = True) -> None:
        """Called before a row is read for change, set or removed: remember its old value once.
        Only a row handed out for change (TinyDB updates rows in place) needs a copy; a row
        that is removed or replaced keeps its old object untouched."""
        if self.readonly:
            raise HanyaBaca(self.path)
        k = (tabel, kunci)
        if k not in self._sentuh:
            lama = self.read().get(tabel, {}).get(kunci, TIADA)
            self._sentuh[k] = copy.deepcopy(lama) if salin and lama is not TIADA else lama

    @contextmanager
    def transaction(self) -> Iterator[AtomicJSONStorage]:
        """All writes inside reach the disk as one journal record at the end, or not at all."""
        with self._tulis:
            if self._cache is None:
                self._muat()
            self._depth += 1
            try:
                yield self
            except BaseException:
                self._depth -= 1
                if self._depth == 0:
                    self._kembalikan()
                raise
            self._depth -= 1
            if self._depth == 0:
                try:
                    self._commit()
                except BaseException:
                    self._kembalikan()
                    raise

    def _kembalikan(self) -> None:
        """Undo the uncommitted changes in memory."""
        if self._penuh:
            self._cache = None  # a whole-dict write cannot be undone row by row: re-read the truth
        else:
            for (tabel, kunci), lama in self._sentuh.items():
                t = self.read().setdefault(tabel, {})
                if lama is TIADA:
                    t.pop(kunci, None)
                else:
                    t[kunci] = lama
        self._sentuh = {}
        self._penuh = False
        self.keterangan = None

    def _commit(self) -> None:
        ops, ubah = [], []
        for (tabel, kunci), lama in self._sentuh.items():
            baru = self.read().get(tabel, {}).get(kunci, TIADA)
            if baru is TIADA and lama is TIADA or baru == lama:
                continue
            ops.append(["h", tabel, kunci] if baru is TIADA else ["s", tabel, kunci, baru])
            ubah.append((tabel, lama, baru))
        entri = entri_riwayat(ubah, self.keterangan, self.pengguna) if (ubah or self._penuh) else None
        if self._penuh:
            # the flag stays set until the compaction is done: if it fails, the rollback
            # re-reads the disk instead of keeping in memory what never reached it
            self.kompaksi(tambahan=[entri] if entri else [])
            self._sentuh, self._penuh, self.keterangan = {}, False, None
            return
        if not ops:
            self._sentuh, self.keterangan = {}, None
            return
        self._jaga()
        rec = {"seq": self._seq + 1, "ops": ops, "riwayat": entri}
        line = baris_jurnal(rec)
        path = self.jurnal_path()
        baru_dibuat = self._jurnal_bytes == 0 and not path.exists()
        # Unbuffered: a write the disk refuses leaves nothing in a buffer that the clean-up's
        # truncate would try (and fail) to flush first.
        with open(path, "ab", buffering=0, opener=buka_pribadi) as f:
            awal = f.tell()
            if awal != self._jurnal_bytes:
                # An earlier failed append could not cut its fragment off (the disk refused
                # that too): cut it now, before a good line follows garbage.
                f.truncate(self._jurnal_bytes)
                awal = self._jurnal_bytes
            try:
                tulis_semua(f, line)
                f.flush()
                _fsync_data(f.fileno())
            except BaseException:
                # Disk full or I/O error mid-append: cut the partial line off, or the next
                # commit would follow garbage and the journal would read as damaged.
                try:
                    f.truncate(awal)
                    f.flush()
                except OSError:
                    pass
                raise
        if baru_dibuat:
            fsync_folder(self.path.parent)  # the new journal's name must survive a power cut too
        # Committed: from here on nothing may undo it.
        self._seq += 1
        self._jurnal_bytes += len(line)
        assert entri is not None  # ops were written, so ubah is not empty and the entry exists
        self._riwayat.append(dict(entri, gen=self._gen, seq=self._seq))
        self._sentuh, self.keterangan = {}, None
        if self._jurnal_bytes > max(BATAS_JURNAL, self._snapshot_bytes // 2):
            try:
                self.kompaksi()
            except OSError:
                pass  # the journal still holds everything; compaction is retried later

    def kompaksi(self, tambahan: list[dict[str, Any]] | None = None, terima_putus: bool = False) -> None:
        """Write the whole state as a new snapshot generation and drop the old journal.
        ``terima_putus``: the user accepts the riwayat breaks reported so far (see
        :func:`store.audit.sambung_riwayat`)."""
        with self._tulis:
            self._kompaksi(tambahan, terima_putus)

    def _kompaksi(self, tambahan: list[dict[str, Any]] | None, terima_putus: bool) -> None:
        if self.readonly:
            raise HanyaBaca(self.path)
        if self._cache is None:
            self._muat()
        self._jaga()
        # 1. audit entries first: if we crash after this, they are deduplicated next time
        # (and accepted by the anchor check as this journal's own). The new anchor is
        # committed by the snapshot replace below, together with the folded journal.
        jangkar = sambung_riwayat(self.riwayat_path, self._riwayat + list(tambahan or []), self.jangkar,
                                  self._riwayat, terima=terima_putus)
        lama = self.jurnal_path() if self._gen else None
        gen = os.urandom(4).hex()  # a fresh name per compaction (not secrets: its hashlib import costs start-up)
        dilipat = dict(list(self._dilipat.items())[-(SIMPAN_DILIPAT - 1):])
        if self._gen:
            dilipat[self._gen] = self._seq  # a journal of this generation up to this line is now stale
        data = dict(self.read())
        data[KUNCI_JURNAL] = {"1": {"generasi": gen, "waktu": datetime.now().astimezone().isoformat(timespec="seconds"),
                                    "dilipat": dilipat, "riwayat": jangkar}}
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(ENCODING)
        # 2. the commit point of a compaction.
        tulis_atomik(self.path, payload, pribadi=True)
        terlipat = self.jurnal_terlipat()
        self._gen, self._seq, self._jurnal_bytes, self._riwayat = gen, 0, 0, []
        self._dilipat = dilipat
        self.jangkar, self.sidik_riwayat = jangkar, jangkar["sidik"]
        self._snapshot_bytes = len(payload)
        self.ekor_robek = False
        # 3. the old journal is now stale; a failed delete (Windows, file open) is harmless.
        # Journals the snapshot does not hold (self.asing) are never deleted here.
        for p in {*([lama] if lama else []), *terlipat}:
            try:
                p.unlink()
            except OSError:
                pass

    def potong_ekor(self) -> None:
        """Cut a torn last line (left by a crash) off the journal before anything is appended."""
        if self.readonly or not self.ekor_robek or not self._gen:
            return
        with open(self.jurnal_path(), "r+b") as f:
            f.truncate(self._jurnal_bytes)
            f.flush()
            os.fsync(f.fileno())
        self.ekor_robek = False

    def riwayat_tertunda(self) -> list[dict[str, Any]]:
        return list(self._riwayat)

    def masalah_riwayat(self) -> list[tuple[int, str]]:
        """Where the riwayat breaks: its chain, its anchor in this database, and the breaks
        kept until accepted (line number, what is wrong)."""
        if self._cache is None:
            self._muat()
        from .audit import periksa_rantai
        masalah = periksa_rantai(self.path, self.sidik_riwayat, self.jangkar, self._riwayat)
        if masalah and self.readonly:
            # The writer may have committed and compacted between our reads of the snapshot
            # and of the trail: read both again (aside: this cache may hold a migration made
            # in memory only) before calling it a break.
            lagi = AtomicJSONStorage(self.path, readonly=True)
            lagi.read()
            masalah = periksa_rantai(self.path, lagi.sidik_riwayat, lagi.jangkar, lagi._riwayat)
        return masalah

    def terima_putus(self) -> int:
        """Accept the riwayat breaks reported so far (the user has looked at them): recorded
        in the riwayat itself, and from then on the database anchors the trail as it is.
        Returns how many problems were accepted."""
        from .audit import baca_mentah, entri_terima
        masalah = self.masalah_riwayat()
        if not masalah:
            return 0
        putus = list((self.jangkar or {}).get("putus") or [])
        di_berkas = [(n, m) for n, m in masalah if m not in putus]
        entri = entri_terima(baca_mentah(self.riwayat_path), di_berkas, self.pengguna, putus)
        self.kompaksi(tambahan=[entri], terima_putus=True)
        return len(masalah)

    def close(self) -> None:
        pass


def tulis_jangkar(path: Path, putus: list[str] | None = None) -> None:
    """Anchor the riwayat as it now is in the snapshot of ``path`` (after a restore, which
    writes the snapshot and the trail outside a storage commit). ``putus``: breaks found
    before the restore, kept until the user accepts them. The caller holds the lock."""
    from .audit import baca_mentah, jangkar_dari
    path = Path(path)
    data = baca_json(path)
    if not isinstance(data, dict):
        return
    meta = data.get(KUNCI_JURNAL)
    if not isinstance(meta, dict) or not isinstance(meta.get("1"), dict):
        meta = data[KUNCI_JURNAL] = {"1": {}}
    meta["1"]["riwayat"] = jangkar_dari(baca_mentah(jalur_riwayat(path)), putus)
    tulis_atomik(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(ENCODING), pribadi=True)


def putus_riwayat(path: Path) -> list[str]:
    """The anchor breaks a database reports now (kept, or found in the trail), as text, so
    a restore replacing the snapshot keeps them; empty when the database cannot be read
    (then there is nothing to compare with). Breaks inside the trail stay in the trail."""
    from .audit import baca_mentah, periksa_jangkar
    try:
        st = AtomicJSONStorage(path, readonly=True)
        st.read()
        if st.jangkar is None:
            return []
        salah = periksa_jangkar(baca_mentah(st.riwayat_path), st.jangkar, st._riwayat)
        return list(st.jangkar.get("putus") or []) + ([f"sebelum pemulihan: {salah}"] if salah else [])
    except Exception:  # noqa: BLE001 - a damaged database is why restore runs; it must not stop it
        return []


# ------------------------------------------------------------------ TinyDB glue
class _Catat(Protocol):
    """Note a row before it changes: ``salin`` copies its old value (see :meth:`AtomicJSONStorage.catat`)."""

    def __call__(self, kunci: str, salin: bool = True) -> None: ...


class _Pandang(MutableMapping[int, Any]):
    """The int-keyed table TinyDB's updaters expect, over the raw str-keyed dict, noting
    every row an updater reads for change, sets or removes."""

    __slots__ = ("_raw", "_catat")

    def __init__(self, raw: dict[str, Any], catat: _Catat):
        self._raw = raw
        self._catat = catat

    def __getitem__(self, k: int) -> Any:
        s = str(k)
        if s in self._raw:
            self._catat(s)  # before TinyDB mutates the row in place
        return self._raw[s]

    def __setitem__(self, k: int, v: Any) -> None:
        s = str(k)
        self._catat(s, False)
        self._raw[s] = v

    def __delitem__(self, k: int) -> None:
        s = str(k)
        self._catat(s, False)
        del self._raw[s]

    _TANPA = object()

    def pop(self, k: int, default: Any = _TANPA) -> Any:
        s = str(k)
        if s not in self._raw:
            if default is _Pandang._TANPA:
                raise KeyError(k)
            return default
        self._catat(s, False)
        return self._raw.pop(s)

    def __contains__(self, k: object) -> bool:
        return str(k) in self._raw

    def __iter__(self) -> Iterator[int]:
        return (int(k) for k in list(self._raw))

    def __len__(self) -> int:
        return len(self._raw)

    # a list, not a view: TinyDB only copies it (list(table.keys())) or takes its max
    def keys(self) -> list[int]:  # type: ignore[override]
        return [int(k) for k in self._raw]

    def clear(self) -> None:
        for s in list(self._raw):
            self._catat(s, False)
        self._raw.clear()


class JurnalTable(Table):
    def _update_table(self, updater: Callable[[dict[int, Mapping[Any, Any]]], None]) -> None:
        # JurnalDB always opens an AtomicJSONStorage (Repository's storage)
        st = cast(AtomicJSONStorage, self._storage)
        if getattr(st, "readonly", False):
            raise HanyaBaca(st.path)
        tables = st.read()
        raw = tables.setdefault(self.name, {})
        with st.transaction():
            # TinyDB's updaters only index, set, delete, pop and iterate: the view stands in for its dict
            updater(_Pandang(raw, lambda k, salin=True: st.catat(self.name, k, salin)))  # type: ignore[arg-type]
        self.clear_cache()


class JurnalDB(TinyDB):
    table_class = JurnalTable
