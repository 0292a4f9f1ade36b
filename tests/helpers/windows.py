"""Windows' file locking, faked on Linux.

On Windows a file another process holds open (Excel, an antivirus scan, a second lkjip)
cannot be replaced or deleted: ``os.replace`` and ``os.unlink`` raise PermissionError with
``winerror`` 32 (ERROR_SHARING_VIOLATION). :func:`tahan` makes them do so for chosen paths,
a number of times or always, so the code that must survive it runs in CI.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

SHARING_VIOLATION = 32


def galat_dipakai(path) -> PermissionError:
    e = PermissionError(errno.EACCES, "The process cannot access the file because it is being used by another "
                        "process", str(path))
    e.winerror = SHARING_VIOLATION  # POSIX builds do not set it; the code under test reads it
    return e


class Tahanan:
    """Paths held open by "another program"; ``lepas`` ends the hold."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self._sisa: dict[Path, float] = {}
        self.ditolak: list[tuple[str, Path]] = []
        asli_replace, asli_unlink = os.replace, os.unlink

        def replace(src, dst, *a, **kw):
            self._cek("replace", dst)
            self._cek("replace", src)
            return asli_replace(src, dst, *a, **kw)

        def unlink(path, *a, **kw):
            self._cek("unlink", path)
            return asli_unlink(path, *a, **kw)

        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(os, "unlink", unlink)
        monkeypatch.setattr(os, "remove", unlink)

    def _cek(self, aksi: str, path) -> None:
        p = Path(os.fspath(path)).resolve()
        if self._sisa.get(p, 0) > 0:
            self._sisa[p] -= 1
            self.ditolak.append((aksi, p))
            raise galat_dipakai(p)

    def tahan(self, path, kali: float = float("inf")) -> None:
        """Refuse replacing or deleting ``path`` ``kali`` times (always by default)."""
        self._sisa[Path(path).resolve()] = kali

    def lepas(self, path) -> None:
        self._sisa.pop(Path(path).resolve(), None)


@pytest.fixture
def tertahan(monkeypatch) -> Tahanan:
    return Tahanan(monkeypatch)
