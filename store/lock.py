"""One writer per database: a lock file beside it saying who holds it.

The lock is created with ``O_CREAT | O_EXCL`` (atomic on POSIX and Windows, also on most
network shares, unlike fcntl/msvcrt locks) and holds user, host, pid and since-when. A lock
left by a crashed or killed instance is *stale* and taken over when its holder is on this
host and either its pid is no longer alive or it was taken before the machine last booted
(power cuts are normal; after a reboot the old pid may belong to some other program).
Take-over is serialised by a second O_EXCL file so two starters cannot both take it.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import time
from datetime import datetime
from pathlib import Path

ENCODING = "utf-8"


class SedangDipakai(Exception):
    """The database is open for writing in another lkjip; ``pemegang`` says who has it."""

    def __init__(self, path: Path, pemegang: dict):
        self.path = path
        self.pemegang = pemegang
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


def _pengguna() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name on some Windows setups
        return ""


def pid_hidup(pid: int) -> bool:
    """Whether a process with this pid exists. When unsure, say yes: a held lock is safe."""
    if pid <= 0:
        return False
    if os.name == "nt":
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


def waktu_boot() -> float | None:
    """When this machine last booted (epoch seconds), or None when unknown."""
    try:
        if os.name == "nt":
            import ctypes
            k32 = ctypes.WinDLL("kernel32")
            k32.GetTickCount64.restype = ctypes.c_ulonglong
            return time.time() - k32.GetTickCount64() / 1000
        with open("/proc/stat", encoding="ascii") as f:
            for line in f:
                if line.startswith("btime "):
                    return float(line.split()[1])
    except Exception:  # noqa: BLE001 - not Linux or Windows: rely on the pid check alone
        return None
    return None


class Kunci:
    """The lock of one database; ``ambil`` takes it or raises :class:`SedangDipakai`."""

    pengguna = staticmethod(lambda: _pengguna())

    def __init__(self, db_path: Path):
        self.db_path = Path(db_path)
        self.path = self.db_path.with_name(self.db_path.name + ".kunci")
        self._isi: dict | None = None

    def baca(self) -> dict | None:
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

    def basi(self, d: dict) -> bool:
        """A lock whose holder is surely gone. Only judged for this host: a pid on another
        computer cannot be checked."""
        if not d:
            # Unreadable: a crash between create and write. Stale once it is not brand new.
            try:
                return time.time() - self.path.stat().st_mtime > 10
            except OSError:
                return False
        if d.get("host") != socket.gethostname():
            return False
        boot = waktu_boot()
        if boot is not None and isinstance(d.get("sejak_epoch"), (int, float)) and d["sejak_epoch"] < boot - 5:
            return True
        pid = d.get("pid")
        return isinstance(pid, int) and not pid_hidup(pid)

    def ambil(self) -> None:
        isi = {"pengguna": _pengguna(), "host": socket.gethostname(), "pid": os.getpid(),
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
                if not self.basi(lama) or not self._buang_basi(lama):
                    raise SedangDipakai(self.db_path, lama or {}) from None
                continue
            self._isi = isi
            return
        raise SedangDipakai(self.db_path, self.baca() or {})

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

    def _buang_basi(self, lama: dict) -> bool:
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
                pass
            return True
        finally:
            try:
                ambil.unlink()
            except OSError:
                pass

    def lepas(self) -> None:
        """Release the lock if it is still ours."""
        if self._isi is None:
            return
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
