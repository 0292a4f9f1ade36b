"""TinyDB storage that never leaves a half-written database behind.

TinyDB's own ``JSONStorage`` overwrites the file in place and uses the locale's encoding.
This one always writes UTF-8 to a temporary file in the same folder, fsyncs it, replaces the
database atomically (``os.replace``, atomic on Windows and POSIX) and then fsyncs the folder
where the platform allows it. The parsed data is kept in memory, so reads cost nothing and
TinyDB does not re-parse the file on every query.

``transaction()`` defers writes: everything inside it reaches the disk as one atomic
replace, or not at all.
"""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

ENCODING = "utf-8"


class DatabaseRusak(Exception):
    """The database file exists but cannot be read as JSON; it is never overwritten."""

    def __init__(self, path: Path, alasan: str):
        self.path = path
        self.alasan = alasan
        super().__init__(f"Basis data {path} rusak dan tidak dapat dibaca ({alasan}).")


class HanyaBaca(Exception):
    """A write was attempted on a database opened read-only."""

    def __init__(self, path: Path):
        super().__init__(f"Basis data {path} dibuka hanya-baca; perubahan tidak disimpan.")


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


def tulis_atomik(path: Path, data: bytes, sinkron_folder: bool = True) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old or the new file.

    ``sinkron_folder=False`` leaves the folder's fsync (which makes the rename durable, not
    atomic) to the caller: an export of 265 files does it once, after the last."""
    path = Path(path)
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if sinkron_folder:
        fsync_folder(folder)


def baca_json(path: Path) -> Any:
    """Read a database file; raise :class:`DatabaseRusak` when it is not valid UTF-8 JSON."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        return None
    if not raw.strip():
        return None
    try:
        return json.loads(raw.decode(ENCODING))
    except UnicodeDecodeError as e:
        raise DatabaseRusak(Path(path), f"bukan UTF-8 pada byte {e.start}") from None
    except (json.JSONDecodeError, RecursionError) as e:
        alasan = f"JSON tidak sah di baris {e.lineno} kolom {e.colno}" if isinstance(e, json.JSONDecodeError) else "terlalu bersarang"
        raise DatabaseRusak(Path(path), alasan) from None


class AtomicJSONStorage(Storage):
    def __init__(self, path: str | os.PathLike, readonly: bool = False, **_: Any):
        self.path = Path(path)
        self.readonly = readonly
        self._cache: dict | None = None
        self._depth = 0  # nesting of transaction()
        self._dirty = False
        if not readonly:
            self.path.parent.mkdir(parents=True, exist_ok=True)

    def read(self) -> dict | None:
        if self._cache is None:
            data = baca_json(self.path)
            if data is not None and not isinstance(data, dict):
                raise DatabaseRusak(self.path, "isi bukan objek JSON")
            self._cache = data
        return self._cache

    def write(self, data: dict) -> None:
        if self.readonly:
            raise HanyaBaca(self.path)
        self._cache = data
        if self._depth:
            self._dirty = True
            return
        self._flush()

    def _flush(self) -> None:
        try:
            payload = json.dumps(self._cache, ensure_ascii=False, separators=(",", ":")).encode(ENCODING)
            tulis_atomik(self.path, payload)
        except BaseException:
            # Memory may now be ahead of the disk: forget it and re-read the truth next time.
            self._cache = None
            raise

    @contextmanager
    def transaction(self):
        """All writes inside reach the disk in one atomic replace at the end, or not at all."""
        self._depth += 1
        try:
            yield self
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self._cache = None
                self._dirty = False
            raise
        self._depth -= 1
        if self._depth == 0 and self._dirty:
            self._dirty = False
            self._flush()

    def close(self) -> None:
        pass
