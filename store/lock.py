"""One writer per database: a lock file beside it saying who holds it.

The lock is created with ``O_CREAT | O_EXCL`` (atomic on POSIX and Windows, also on most
network shares, unlike fcntl/msvcrt locks) and holds user, host, machine id, pid, the
process's creation time and since-when. A lock left by a crashed or killed instance is
*stale* and taken over:

- on this machine, when its pid is no longer alive, or is alive but was created at another
  time (Windows reuses pids quickly, and with Fast Startup a "shut down" PC keeps its boot
  time, so a dead lock's pid may belong to some other program), or the lock is from before
  the last boot;
- from another machine (a database on a shared folder), when its holder stopped touching it
  (the *heartbeat*, every :data:`DETAK` seconds) for :data:`BASI_LAIN` seconds.

A user who knows the holder is gone can take it over explicitly (``ambil(ambil_alih=True)``,
``lkjip --ambil-alih``). Take-over is serialised by a second O_EXCL file so two starters
cannot both take it. It is refused when the holder is alive on this machine (its pid exists
with the recorded start time): two writers would each overwrite the other's saves.

A holder on another PC cannot be checked from here, so each lock carries a random *token*
(a fencing token): :meth:`Kunci.periksa`, called by the storage before every commit and
compaction, raises :class:`KunciHilang` once the lock file no longer carries this
instance's token. The instance that was taken over then writes nothing more.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

ENCODING = "utf-8"
DETAK = 60  # seconds between heartbeats (the lock file's mtime is touched)
BASI_LAIN = 15 * 60  # another machine's lock untouched this long is stale (clocks of PCs differ by minutes)


class SedangDipakai(Exception):
    """The database is open for writing in another lkjip; ``pemegang`` says who has it."""

    def __init__(self, path: Path, pemegang: dict[str, Any], pesan: str | None = None, hidup: bool = False):
        self.path = path
        self.pemegang = pemegang
        self.hidup = hidup  # the holder is known to be running: no take-over to suggest
        if pesan:
            self.pesan = pesan
            super().__init__(pesan)
            return
        try:
            sejak = datetime.fromisoformat(pemegang.get("sejak", "")).strftime("%d-%m-%Y %H:%M")
        except (TypeError, ValueError):
            sejak = "?"
        if not pemegang:
            self.pesan = (f"Basis data {path} sedang dikunci oleh lkjip lain (berkas {path.name}.kunci); tutup lkjip "
                          f"itu dulu.")
            super().__init__(self.pesan)
            return
        self.pesan = (f"Basis data {path} sedang dibuka oleh {pemegang.get('pengguna') or '?'} di komputer "
                      f"{pemegang.get('host') or '?'} (proses {pemegang.get('pid', '?')}) sejak {sejak}; tutup lkjip "
                      f"di sana dulu.")
        super().__init__(self.pesan)


class KunciHilang(Exception):
    """Another lkjip took this database's lock over: this instance may write nothing more.
    ``pemegang`` is the new holder's lock content (empty when the lock is gone)."""

    def __init__(self, path: Path, pemegang: dict[str, Any]):
        self.path = path
        self.pemegang = pemegang
        siapa = (f" oleh {pemegang.get('pengguna') or '?'} di komputer {pemegang.get('host') or '?'}"
                 if pemegang else "")
        super().__init__(f"Basis data {path} telah diambil alih{siapa}; perubahan ini tidak disimpan dan lkjip "
                         f"ini kini hanya-baca. Isian yang belum tersimpan tetap di layar: salin, lalu tutup lkjip.")


def _pengguna() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name on some Windows setups
        return ""


def pid_hidup(pid: int) -> bool:
    """Whether a process with this pid exists. When unsure, say yes: a held lock is safe."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # sys.platform, not os.name: mypy checks only this platform's branch
        try:
            import ctypes
            from ctypes import wintypes
            k32 = ctypes.WinDLL("kernel32", use_last_error=True)
            k32.OpenProcess.restype = wintypes.HANDLE
            k32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
            k32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
            k32.CloseHandle.argtypes = (wintypes.HANDLE,)
            h = k32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
            if not h:
                return ctypes.get_last_error() == 5  # access denied: it exists, belongs to another user
            try:
                code = wintypes.DWORD()
                if k32.GetExitCodeProcess(h, ctypes.byref(code)):
                    return code.value == 259  # STILL_ACTIVE
                return True
            finally:
                k32.CloseHandle(h)
        except Exception:  # noqa: BLE001 - no ctypes: fall back to "alive"
            return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return True
    return True


def mulai_proses(pid: int) -> str | None:
    """When process ``pid`` was created, as the system counts it (not recomputed from the
    clock, so it reads the same however the clock is adjusted), or None when it cannot be
    told. Two processes that had the same pid never have the same value."""
    try:
        if sys.platform == "win32":
            return _mulai_proses_windows(pid)
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            # Fields after the command name (which may hold spaces and parentheses); the 22nd
            # field, start time, is in clock ticks since boot: with the boot's id, unique.
            detak = f.read().rsplit(")", 1)[1].split()[19]
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as f:
            return f"{f.read().strip()}:{detak}"
    except Exception:  # noqa: BLE001 - gone, no /proc (macOS), no permission: unknown
        return None


def _mulai_proses_windows(pid: int) -> str | None:
    """GetProcessTimes' creation time: a FILETIME (100 ns steps since 1601), stored when the
    process was created."""
    if sys.platform != "win32":  # never called elsewhere; tells mypy the ctypes below is Windows-only
        return None
    import ctypes
    from ctypes import wintypes
    k32 = ctypes.WinDLL("kernel32", use_last_error=True)
    k32.OpenProcess.restype = wintypes.HANDLE
    k32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    k32.GetProcessTimes.argtypes = (wintypes.HANDLE, *[ctypes.POINTER(wintypes.FILETIME)] * 4)
    k32.CloseHandle.argtypes = (wintypes.HANDLE,)
    h = k32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not h:
        return None
    try:
        waktu = [wintypes.FILETIME() for _ in range(4)]  # creation, exit, kernel, user
        if not k32.GetProcessTimes(h, *map(ctypes.byref, waktu)):
            return None
        return str((waktu[0].dwHighDateTime << 32) | waktu[0].dwLowDateTime)
    finally:
        k32.CloseHandle(h)


def id_mesin() -> str:
    """This machine's id, the same whatever its host name: /etc/machine-id on Linux, the
    MachineGuid in the registry on Windows; the host name where neither exists."""
    try:
        if sys.platform == "win32":
            import winreg
            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, r"SOFTWARE\Microsoft\Cryptography",
                                0, winreg.KEY_READ | getattr(winreg, "KEY_WOW64_64KEY", 0)) as k:
                return str(winreg.QueryValueEx(k, "MachineGuid")[0])
        for f in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
            try:
                with open(f, encoding="ascii") as fh:
                    if teks := fh.read().strip():
                        return teks
            except OSError:
                continue
    except Exception:  # noqa: BLE001 - no registry access: the host name will do
        pass
    return socket.gethostname()


def waktu_boot() -> float | None:
    """When this machine last booted (epoch seconds), or None when unknown."""
    try:
        if sys.platform == "win32":
            import ctypes
            k32 = ctypes.WinDLL("kernel32")
            k32.GetTickCount64.restype = ctypes.c_ulonglong
            detik: int = k32.GetTickCount64()  # ms since boot
            return time.time() - detik / 1000
        with open("/proc/stat", encoding="ascii") as f:
            for line in f:
                if line.startswith("btime "):
                    return float(line.split()[1])
    except Exception:  # noqa: BLE001 - not Linux or Windows: rely on the pid check alone
        return None
    return None


def _mesin_ini(d: dict[str, Any]) -> bool:
    """Whether lock content ``d`` was written on this machine (host name where older
    versions recorded no machine id)."""
    return d.get("mesin") == id_mesin() if d.get("mesin") else d.get("host") == socket.gethostname()


class Kunci:
    """The lock of one database; ``ambil`` takes it or raises :class:`SedangDipakai`."""

    pengguna = staticmethod(lambda: _pengguna())

    def __init__(self, db_path: Path):
        self.db_path = Path(db_path)
        self.path = self.db_path.with_name(self.db_path.name + ".kunci")
        self._isi: dict[str, Any] | None = None

    def baca(self) -> dict[str, Any] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            return {}
        try:
            d = json.loads(raw.decode(ENCODING))
            return d if isinstance(d, dict) else {}
        except (ValueError, UnicodeDecodeError):
            return {}  # half-written by a crash during ambil()

    def _umur(self) -> float | None:
        """Seconds since the lock file was last written or touched (its heartbeat)."""
        try:
            return time.time() - self.path.stat().st_mtime
        except OSError:
            return None

    def basi(self, d: dict[str, Any]) -> bool:
        """A lock whose holder is surely gone (see the module's docstring)."""
        if not d:
            # Unreadable: a crash between create and write. Stale once it is not brand new.
            umur = self._umur()
            return umur is not None and umur > 10
        if not _mesin_ini(d):
            # Another PC: its pid cannot be checked from here; only a lock that says it beats
            # (older versions did not) expires when the beat stops.
            umur = self._umur()
            return bool(d.get("detak")) and umur is not None and umur > BASI_LAIN
        boot = waktu_boot()
        if boot is not None and isinstance(d.get("sejak_epoch"), (int, float)) and d["sejak_epoch"] < boot - 5:
            return True
        pid = d.get("pid")
        if not isinstance(pid, int):
            return False
        if not pid_hidup(pid):
            return True
        dicatat = d.get("mulai_proses")
        if not isinstance(dicatat, str):
            return False  # an older lock without it: the pid alone says alive
        sekarang = mulai_proses(pid)
        return sekarang is not None and sekarang != dicatat  # the pid now belongs to another process

    def ambil(self, ambil_alih: bool = False) -> None:
        """Take the lock, or raise :class:`SedangDipakai`. ``ambil_alih``: the user says the
        holder is gone (a PC switched off with the database open on a shared folder)."""
        isi = {"pengguna": _pengguna(), "host": socket.gethostname(), "mesin": id_mesin(), "pid": os.getpid(),
               "mulai_proses": mulai_proses(os.getpid()), "detak": DETAK,
               "sejak": datetime.now().astimezone().isoformat(timespec="seconds"), "sejak_epoch": time.time(),
               "token": os.urandom(8).hex()}
        data = json.dumps(isi, ensure_ascii=False).encode(ENCODING)
        for _ in range(3):
            try:
                self._buat(data)
            except FileExistsError:
                lama = self.baca()
                if lama is None:
                    continue  # released meanwhile: try again
                basi = self.basi(lama)
                if not basi and lama and _mesin_ini(lama):
                    if ambil_alih:  # the holder is running here: taking over would make two writers
                        raise SedangDipakai(self.db_path, lama, pesan=(
                            f"Basis data {self.db_path} masih dibuka oleh lkjip yang berjalan di komputer ini "
                            f"(proses {lama.get('pid', '?')}, pengguna {lama.get('pengguna') or '?'}); "
                            f"pengambilalihan ditolak. Tutup lkjip itu dulu."), hidup=True) from None
                    raise SedangDipakai(self.db_path, lama) from None
                if not (ambil_alih or basi):
                    raise SedangDipakai(self.db_path, lama or {}) from None
                try:
                    if not self._buang_basi(lama):
                        raise SedangDipakai(self.db_path, lama or {}) from None
                except OSError as e:  # Windows: the lock is held open (antivirus, a backup tool)
                    raise SedangDipakai(self.db_path, lama or {}, pesan=(
                        f"Kunci lama {self.path} tidak dapat dihapus ({e.strerror or e}); basis data tidak diubah. "
                        f"Coba lagi sebentar lagi, atau hapus berkas itu bila tidak ada lkjip yang berjalan."
                    )) from None
                continue
            self._isi = isi
            self._mulai_detak()
            return
        raise SedangDipakai(self.db_path, self.baca() or {})

    def _mulai_detak(self) -> None:
        self._henti = threading.Event()
        threading.Thread(target=self._detak, args=(self._henti,), name="lkjip-kunci-detak", daemon=True).start()

    def _detak(self, henti: threading.Event) -> None:
        """Touch the lock every :data:`DETAK` seconds while it is still ours: another PC
        reads its age to tell a live holder from a switched-off one."""
        while not henti.wait(DETAK):
            isi = self._isi
            if isi is None:
                return
            d = self.baca()
            if not d or d.get("token") != isi["token"]:
                return  # taken over: never refresh someone else's lock
            try:
                os.utime(self.path)
            except OSError:
                pass  # the share is gone for a moment: the next beat tries again

    def _buat(self, data: bytes) -> None:
        """Create the lock with its content in one step: write a private temp file, then
        hard-link it to the lock name (fails if the lock exists). A kill can then never
        leave an empty lock. Where hard links are not supported (FAT, some shares),
        fall back to O_CREAT|O_EXCL and write."""
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.{os.urandom(4).hex()}")
        try:
            with open(tmp, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            try:
                os.link(tmp, self.path)
                return
            except FileExistsError:
                raise
            except (OSError, NotImplementedError, AttributeError):
                pass
        finally:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o644)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)

    def _buang_basi(self, lama: dict[str, Any]) -> bool:
        """Remove a stale lock, unless someone else is doing so or it changed meanwhile."""
        ambil = self.path.with_name(self.path.name + ".ambil")
        try:
            fd = os.open(ambil, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            try:  # left by a starter that crashed mid-takeover
                if time.time() - ambil.stat().st_mtime > 30:
                    ambil.unlink()
            except OSError:
                pass
            return False
        os.close(fd)
        try:
            if self.baca() != lama:
                return True  # changed under us: re-evaluate from the top
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass  # removed meanwhile; any other OSError goes up to ambil()
            return True
        finally:
            try:
                ambil.unlink()
            except OSError:
                pass

    def periksa(self) -> None:
        """The fencing check before a write: raise :class:`KunciHilang` unless the lock file
        still carries this instance's token. A lock that cannot be read for a moment (a
        share that drops) raises OSError: that save fails and may be retried."""
        if self._isi is None:
            raise KunciHilang(self.db_path, {})
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            raise KunciHilang(self.db_path, {}) from None
        try:
            d = json.loads(raw.decode(ENCODING))
        except (ValueError, UnicodeDecodeError):
            d = None  # half-written by a starter that is taking it over: not ours any more
        if not isinstance(d, dict) or d.get("token") != self._isi["token"]:
            raise KunciHilang(self.db_path, d if isinstance(d, dict) else {})

    def lepas(self) -> None:
        """Release the lock if it is still ours."""
        if self._isi is None:
            return
        self._henti.set()
        d = self.baca()
        if d and d.get("token") == self._isi["token"]:
            try:
                self.path.unlink()
            except OSError:
                pass
        self._isi = None

    @property
    def dipegang(self) -> bool:
        return self._isi is not None
