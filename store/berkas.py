"""Files written so that a crash, a full disk or Windows holding a file never leaves half of
one: atomic replace, fsync, the retrying replace, unbuffered appends, and file modes
(private for the database and everything beside it, the user's normal mode for exports).
Used by the storage, the audit trail, the backups and the exports alike.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

ENCODING = "utf-8"


def fsync_folder(folder: Path) -> None:
    """Make a rename durable. Windows cannot open a directory; NTFS journals the rename."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)



def ganti_berkas(src: str | Path, dst: str | Path, percobaan: int = 8) -> None:
    """``os.replace`` that waits out Windows' refusal to replace a file another process
    (a read-only lkjip, an antivirus scan) holds open for a moment."""
    for n in range(percobaan):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if n == percobaan - 1:
                raise
            time.sleep(0.02 * (2 ** n))


MODE_PRIBADI = 0o600  # the database, its journals, the audit trail and the backups


def _baca_umask() -> int:
    # Read once at import, while no other thread is creating files: os.umask can only be
    # read by setting it.
    lama = os.umask(0o022)
    os.umask(lama)
    return lama


_UMASK = _baca_umask()
MODE_UMUM = 0o666 & ~_UMASK  # exports: what any file the user creates gets, so colleagues can open them


def buka_pribadi(path: str | os.PathLike[str], flags: int) -> int:
    """``opener`` for :func:`open` creating a file only its owner can read."""
    return os.open(path, flags, MODE_PRIBADI)


def salin_pribadi(src: Path, dst: Path) -> None:
    """Copy a database file or journal aside, keeping it private."""
    with open(src, "rb") as a, open(dst, "xb", opener=buka_pribadi) as b:
        shutil.copyfileobj(a, b)
        b.flush()
        os.fsync(b.fileno())


def tulis_semua(f: BinaryIO, data: bytes) -> None:
    """Write all of ``data`` to an unbuffered file (a raw write may take only part of it)."""
    mv = memoryview(data)
    while mv:
        n = f.write(mv)
        if n is None:  # pragma: no cover - non-blocking files only
            continue
        mv = mv[n:]


def tulis_atomik(path: Path, data: bytes | Iterable[bytes], sinkron_folder: bool = True, pribadi: bool = False) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old or the new file.
    ``data`` may be the bytes in pieces (a large export file made and written a part at a
    time, never held whole).

    ``sinkron_folder=False`` leaves the folder's fsync (which makes the rename durable, not
    atomic) to the caller: an export of 265 files does it once, after the last. The file gets
    the user's normal mode (umask; an export others may open) unless ``pribadi``."""
    pasang(tulis_sementara(path, data, pribadi), path, sinkron_folder)


def tulis_sementara(path: Path, data: bytes | Iterable[bytes], pribadi: bool = False) -> Path:
    """The first half of :func:`tulis_atomik`: ``data`` in a temp file beside ``path``
    (``.<name>.xxxxxxxx.tmp``), on disk; :func:`pasang` puts it in place."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # mode 0600
    try:
        if not pribadi:
            os.chmod(tmp, MODE_UMUM)
        with os.fdopen(fd, "wb") as f:
            if isinstance(data, (bytes, bytearray, memoryview)):
                f.write(data)
            else:
                for potong in data:
                    f.write(potong)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        buang(Path(tmp))
        raise
    return Path(tmp)


def pasang(tmp: Path, path: Path, sinkron_folder: bool = True) -> None:
    """The second half of :func:`tulis_atomik`: the temp file replaces ``path`` (or is deleted)."""
    try:
        ganti_berkas(tmp, path)
    except BaseException:
        buang(tmp)
        raise
    if sinkron_folder:
        fsync_folder(Path(path).parent)


def buang(path: Path) -> None:
    """Delete a file if it is there."""
    try:
        os.unlink(path)
    except OSError:
        pass


def nama_unik(path: Path) -> Path:
    """``path``, or ``path`` with -2, -3 ... before its suffix when it exists: a set-aside
    file is never overwritten, even by two restores in the same second (we hold the lock,
    so no other lkjip is naming files here at the same time)."""
    path = Path(path)
    n = 1
    calon = path
    while calon.exists():
        n += 1
        calon = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return calon

