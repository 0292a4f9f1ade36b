"""Table text wrapped by lkjip before Typst sees it: each cell's lines are known, so each row's
height is known, and Typst lays a 10,000-row table out once instead of measuring every cell
first (a fifth of the PDF's time).

Widths are the advances of Libertinus Serif as Typst measures them (``lebar_huruf.json``,
written by ``python -m tools.lebar_huruf``), kerning and ligatures off in tables so a line's
width is the sum of its characters'. A line is filled to a little less than its column, so
Typst never wraps it again.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib.resources import files
from itertools import repeat

_DATA = json.loads(files("exports").joinpath("lebar_huruf.json").read_text(encoding="utf-8"))
CAP: float = _DATA["cap"]  # cap height (em): a table line's height, its top edge pinned there
_EM: dict[bool, dict[str, float]] = {False: _DATA["reguler"], True: _DATA["tebal"]}
# A character not measured (another script, drawn by a fallback font): as wide as the widest.
_LAIN = max(1.0, *_EM[False].values(), *_EM[True].values())
CADANGAN = 0.97  # a line fills at most this much of its room: rounding and shaping never re-wrap it
_KATA = re.compile(r"[^ \u200b]*[ \u200b]*")  # a word with the spaces (or zero-width break) after it


def lebar(teks: str, tebal: bool = False) -> float:
    """Width of one line of ``teks`` in em."""
    return sum(map(_EM[tebal].get, teks, repeat(_LAIN)))


@lru_cache(maxsize=65536)  # a long table repeats its programs' and activities' names row after row
def lipat(teks: str, muat: float, tebal: bool = False) -> tuple[str, ...]:
    """``teks`` in lines no wider than ``muat`` em (times CADANGAN): broken at spaces, and
    after a zero-width space; a word longer than a line is cut where it must be."""
    maks = muat * CADANGAN
    hasil: list[str] = []
    for baris in teks.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if lebar(baris, tebal) <= maks:  # nearly every cell: one short line
            hasil.append(baris)
            continue
        kini = ""
        for kata in _KATA.findall(baris):
            if not kata:
                continue
            if lebar((kini + kata).rstrip(" "), tebal) <= maks:
                kini += kata
                continue
            if kini.rstrip(" "):
                hasil.append(kini.rstrip(" "))
            kini = kata
            while lebar(kini.rstrip(" "), tebal) > maks and len(kini.rstrip(" ")) > 1:
                n = _muat_awal(kini, maks, tebal)
                hasil.append(kini[:n])
                kini = kini[n:]
        hasil.append(kini.rstrip(" "))
    return tuple(hasil)


def _muat_awal(kata: str, maks: float, tebal: bool) -> int:
    """How many first characters of ``kata`` fit in ``maks`` em (at least one)."""
    em, jumlah = _EM[tebal], 0.0
    for i, c in enumerate(kata):
        jumlah += em.get(c, _LAIN)
        if jumlah > maks:
            return max(i, 1)
    return len(kata)
