"""The journal's line format: ``<length> <crc32> <json>`` per commit, and its replay.

A commit's record holds the rows it set (``["s", table, id, row]``) or removed (``["h",
table, id]``), absolute values so replaying twice is harmless, and its audit entry.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

from .berkas import ENCODING

TIADA = object()  # "row absent" (distinct from a row whose value is None)


class JurnalRusak(ValueError):
    """A journal line that is not a torn last append: real damage at ``baris``."""

    def __init__(self, path: Path, baris: int):
        self.path = path
        self.baris = baris
        super().__init__(f"jurnal {Path(path).name} rusak di baris {baris}")


def baris_jurnal(rec: dict[str, Any]) -> bytes:
    payload = json.dumps(rec, ensure_ascii=False, separators=(",", ":")).encode(ENCODING)
    return b"%d %08x " % (len(payload), zlib.crc32(payload)) + payload + b"\n"


def urai_baris(line: bytes) -> dict[str, Any] | None:
    """One journal line, or None when it fails its length/checksum (torn or damaged)."""
    try:
        panjang, crc, payload = line.split(b" ", 2)
        if len(payload) != int(panjang) or zlib.crc32(payload) != int(crc, 16):
            return None
        rec = json.loads(payload.decode(ENCODING))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    return rec if isinstance(rec, dict) else None


def baca_jurnal(path: Path) -> tuple[list[dict[str, Any]], bool, int]:
    """The valid records of a journal, whether a torn tail was dropped, and the byte length
    of the good part. Only the bytes after the last newline can be a torn append (the
    newline is the last byte a commit writes, and a failed append is cut off before the next
    one): a bad *complete* line is damage, raised as :class:`JurnalRusak`."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        return [], False, 0
    recs: list[dict[str, Any]] = []
    baik = 0
    lines = raw.split(b"\n")
    ekor = lines.pop()  # after the last newline: empty, or a torn append
    for n, line in enumerate(lines, 1):
        rec = urai_baris(line)
        if rec is None:
            raise JurnalRusak(Path(path), n)
        recs.append(rec)
        baik += len(line) + 1
    return recs, bool(ekor), baik


def terapkan(tables: dict[str, Any], ops: list[Any]) -> None:
    """Replay one commit's row operations onto the raw TinyDB dict."""
    for op in ops:
        if op[0] == "s":
            tables.setdefault(op[1], {})[op[2]] = op[3]
        elif op[0] == "h":
            tables.get(op[1], {}).pop(op[2], None)
