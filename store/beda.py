"""What a change changed, said for people: the riwayat line of a command (store/perubahan.py)
and the changed part of a long text.

Values are compared field by field on the records themselves, so a line reads
``Pegawai: P Camat Sekretariat: 5 → 6`` (the row and column as the screen names them, given
by the screen) instead of a path into the stored row; a long text shows where it changed.
"""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from typing import Any

LEBAR = 60  # a value longer than this is cut around the part that changed
KONTEKS = 24  # characters of unchanged text kept before the change
_ANAK = frozenset({"kegiatan", "subkegiatan", "key"})  # not the record's own values


def ringkas_beda(lama: str, baru: str, lebar: int = LEBAR) -> tuple[str, str]:
    """``lama`` and ``baru`` cut to about ``lebar`` characters each so that the part that
    differs stays visible ("…Perangkat Daerah" → "…Perangkat Daerah X")."""
    if len(lama) <= lebar and len(baru) <= lebar:
        return lama, baru
    awal = 0
    while awal < min(len(lama), len(baru)) and lama[awal] == baru[awal]:
        awal += 1
    akhir = 0
    while akhir < min(len(lama), len(baru)) - awal and lama[-1 - akhir] == baru[-1 - akhir]:
        akhir += 1
    mulai = max(0, awal - KONTEKS)
    if mulai and (spasi := lama.find(" ", mulai, awal)) >= 0:
        mulai = spasi + 1  # start at a word

    def potong(s: str) -> str:
        ujung = min(len(s), len(s) - akhir + KONTEKS)
        bagian = s[mulai:ujung]
        if len(bagian) > lebar:
            bagian, ujung = bagian[:lebar], mulai + lebar
        return ("…" if mulai else "") + bagian + ("…" if ujung < len(s) else "")

    return potong(lama), potong(baru)


def nilai(v: Any) -> str:
    """One value as a person reads it: 5.411.500, 25,5, (kosong)."""
    if v is None:
        return "(kosong)"
    if isinstance(v, Decimal):
        from .numbers import format_bebas
        return format_bebas(v)
    if isinstance(v, str):
        return v if len(v) <= LEBAR else v[:LEBAR - 1] + "…"
    s = json.dumps(v, ensure_ascii=False, default=str)
    return s if len(s) <= LEBAR else s[:LEBAR - 1] + "…"


def _daun(lama: Any, baru: Any, jalur: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any, Any]]:
    # a value that did not exist (a new year's quarters) compares as empty, value by value
    if lama is None and isinstance(baru, (dict, list)):
        lama = {} if isinstance(baru, dict) else [None] * len(baru)
    elif baru is None and isinstance(lama, (dict, list)):
        baru = {} if isinstance(lama, dict) else [None] * len(lama)
    if isinstance(lama, dict) and isinstance(baru, dict):
        return [x for k in {**lama, **baru} if lama.get(k) != baru.get(k)
                for x in _daun(lama.get(k), baru.get(k), jalur + (k,))]
    if isinstance(lama, list) and isinstance(baru, list) and len(lama) == len(baru):
        return [x for i, (a, b) in enumerate(zip(lama, baru)) if a != b for x in _daun(a, b, jalur + (i,))]
    return [(jalur, lama, baru)]


def _isi(obj: Any) -> dict[str, Any]:
    return {f.name: dataclasses.asdict(obj)[f.name] for f in dataclasses.fields(obj) if f.name not in _ANAK}


def _pasangan(lama: Any, baru: Any) -> str:
    if isinstance(lama, str) and isinstance(baru, str):
        lama, baru = ringkas_beda(lama, baru)
        return f"{lama} → {baru}"
    return f"{nilai(lama)} → {nilai(baru)}"


def teks_ubah(label: str, lama: Any, baru: Any) -> str:
    """``label`` (the row and column as the screen names them) with what changed from record
    ``lama`` to ``baru``: only the value when one value changed, else each field by name."""
    daun = _daun(_isi(lama), _isi(baru))
    if not daun:
        return label
    if len(daun) == 1:
        return f"{label}: {_pasangan(daun[0][1], daun[0][2])}"
    a, b = _isi(lama), _isi(baru)
    medan = dict.fromkeys(str(jalur[0]) for jalur, _, _ in daun)  # each changed field once, in order
    return f"{label}: " + "; ".join(f"{m}: {_pasangan(a.get(m), b.get(m))}" for m in medan)
