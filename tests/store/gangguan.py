"""Disk faults on demand, the way SQLite tests I/O errors.

:class:`Suntik` wraps the file and ``os`` calls the storage makes (``open`` in store.storage,
store.audit and store.lock, ``os.fdopen`` of the atomic writer, ``os.fsync``/``fdatasync``,
``os.replace``) and counts every *write, flush, fsync, truncate and replace*. Armed with
``ke=N`` it fails the N-th one with ``OSError(errno)``: once; or (``terus=True``) that one
and every later one, as a disk that stays full; or (``terus=k``) it and the k calls after it,
so the clean-up of a failed write (its truncate) fails too. A failing write first writes half its bytes,
like a write cut short by ``EFBIG`` or ``ENOSPC``. Unarmed, it only counts, so a test
first learns how many points an operation has, then fails each in turn.
"""

from __future__ import annotations

import errno as _errno
import os

import pytest

from store import audit, berkas, lock, storage

SALAH = (_errno.ENOSPC, _errno.EIO, _errno.EFBIG)


class _Berkas:
    """A file object whose write/flush/truncate pass through the injector first."""

    def __init__(self, f, suntik: Suntik):
        self._f = f
        self._s = suntik

    def write(self, data):
        if self._s.kena("write"):
            self._f.write(data[: len(data) // 2])
            self._s.gagal()
        return self._f.write(data)

    def flush(self):
        if self._s.kena("flush"):
            self._s.gagal()
        return self._f.flush()

    def truncate(self, *a):
        if self._s.kena("truncate"):
            self._s.gagal()
        return self._f.truncate(*a)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        try:
            self._f.close()
        except OSError:
            pass
        return False

    def __getattr__(self, nama):
        return getattr(self._f, nama)


class Suntik:
    """Count (and fail) the storage's write/flush/fsync/truncate/replace calls."""

    def __init__(self, ke: int | None = None, errno: int = _errno.ENOSPC, terus: bool | int = False):
        self.ke, self.errno, self.terus = ke, errno, terus
        self.n = 0
        self.titik: list[str] = []   # the kind of each counted call, in order
        self.disuntik = 0            # faults raised
        self._mp = pytest.MonkeyPatch()  # its own: undoing it leaves the test's other patches alone
        self.aktif = False

    def kena(self, jenis: str) -> bool:
        if not self.aktif:
            return False
        self.n += 1
        self.titik.append(jenis)
        if self.ke is None:
            return False
        return self.n == self.ke or (self.terus is True and self.n > self.ke) or (
            isinstance(self.terus, int) and not isinstance(self.terus, bool) and self.ke < self.n <= self.ke + self.terus)

    def gagal(self):
        self.disuntik += 1
        raise OSError(self.errno, os.strerror(self.errno))

    def __enter__(self) -> Suntik:
        asli_open, asli_fdopen = open, os.fdopen
        asli_fsync, asli_data, asli_replace = os.fsync, storage._fsync_data, os.replace

        def buka(*a, **k):
            f = asli_open(*a, **k)
            return _Berkas(f, self) if self.aktif else f

        def fdopen(*a, **k):
            f = asli_fdopen(*a, **k)
            return _Berkas(f, self) if self.aktif else f

        def fsync(fd, _asli=asli_fsync):
            if self.kena("fsync"):
                self.gagal()
            return _asli(fd)

        def fdatasync(fd):
            return fsync(fd, asli_data)

        def replace(src, dst, **k):
            if self.kena("replace"):
                self.gagal()
            return asli_replace(src, dst, **k)

        for modul in (storage, audit, berkas, lock):
            self._mp.setattr(modul, "open", buka, raising=False)
        self._mp.setattr(os, "fdopen", fdopen)
        self._mp.setattr(os, "fsync", fsync)
        self._mp.setattr(storage, "_fsync_data", fdatasync)
        self._mp.setattr(os, "replace", replace)
        self.aktif = True
        return self

    def __exit__(self, *exc):
        self.aktif = False
        self._mp.undo()
        return False
