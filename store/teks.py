"""Text a user types or imports: the rule that keeps control characters out.

ESC, BEL, NUL, CR and the other C0/C1 controls, the Unicode line separators and the bidi
overrides/isolates/marks would reach the terminal (wiping the title line, reordering a
row), a Markdown table or a CSV cell raw. They are refused, never silently dropped: the
user learns which character and where. Newline and tab are allowed only in multi-line text.
The import (store/bundle.py) and the TUI's form readers both call :func:`periksa_teks`.
"""

from __future__ import annotations

import re
import unicodedata

# Bidi embeddings/overrides/isolates and the directional marks (all Unicode category Cf).
BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_BARIS = frozenset("\n\t")
BATAS_TEKS = 10_000      # one field or one list item (a misi, a tujuan's indicator): a long paragraph
BATAS_NARASI = 200_000   # one text part of the report (a whole BAB I fits many times over)
# The same characters as one compiled class (Cc, Zl, Zp, Cs and BIDI; a test compares it with
# unicodedata over every code point): the C scan answers "clean" for a whole text at once,
# which is what almost every text is (`lkjip check` reads tens of thousands).
_KENDALI = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff" + "".join(sorted(BIDI))
TERLARANG = re.compile(f"[\t\n{_KENDALI}]")
TERLARANG_MULTI = re.compile(f"[{_KENDALI}]")

# The same characters as they can stand in the bytes of a JSON document that json.loads
# accepted (strict: no raw C0 control inside a string): an escape (\b \f \r \uXXXX; \n and
# \t are allowed), a raw DEL, or the UTF-8 of a C1 control, U+2028/9, a bidi mark or a
# surrogate. Each pattern starts with a literal, so the scan skips from candidate to candidate.
_KENDALI_JSON = tuple(re.compile(p).search for p in (
    rb"\\[bfru]", rb"\x7f", rb"\xc2[\x80-\x9f]", rb"\xd8\x9c", rb"\xed[\xa0-\xbf]",
    rb"\xe2(?:\x80[\x8e\x8f\xa8-\xae]|\x81[\xa6-\xa9])"))

_ASCII = bytes(range(128))


def mungkin_kendali_json(raw: bytes) -> bool:
    """False when no text of the JSON document ``raw`` (as json.loads reads it) can hold a
    character :data:`TERLARANG_MULTI` refuses; True says "look at the texts". ``lkjip check``
    asks it of the database's bytes (a few milliseconds for a city) instead of walking every
    text of the year (store/check.py); a false alarm only costs that walk."""
    if b"\x7f" in raw or (b"\\" in raw and _KENDALI_JSON[0](raw) is not None):
        return True
    if raw.isascii():
        return False
    # The UTF-8 patterns on the non-ASCII bytes alone (a few kilobytes of a city's megabytes):
    # in valid UTF-8 a character's bytes are all non-ASCII and adjacent, so each still starts
    # at its lead byte with its continuation bytes after it.
    bukan_ascii = raw.translate(None, _ASCII)
    return any(cari(bukan_ascii) is not None for cari in _KENDALI_JSON[2:])


def _terlarang(c: str) -> bool:
    return c in BIDI or unicodedata.category(c) in ("Cc", "Zl", "Zp", "Cs")


def alasan_teks(s: str, multi_baris: bool = False, batas: int | None = BATAS_TEKS) -> str | None:
    """Why ``s`` is refused ("berisi karakter kendali U+001B (ESC) pada posisi 5", too long
    for ``batas`` characters), or None."""
    if batas is not None and len(s) > batas:
        return f"teks terlalu panjang ({len(s)} karakter, paling banyak {batas})"
    if (TERLARANG_MULTI if multi_baris else TERLARANG).search(s) is None:
        return None
    for i, c in enumerate(s, 1):
        if _terlarang(c) and not (multi_baris and c in _BARIS):
            nama = unicodedata.name(c, "") or {"\x1b": "ESC", "\x07": "BEL", "\x00": "NUL", "\r": "CR",
                                               "\n": "baris baru", "\t": "tab"}.get(c, "kendali")
            jenis = "pengarah teks" if c in BIDI else "kendali"
            return f"berisi karakter {jenis} U+{ord(c):04X} ({nama}) pada posisi {i}"
    return None


def periksa_teks(s: str, multi_baris: bool = False) -> str:
    """``s`` unchanged, or ValueError with the reason (for the form readers)."""
    alasan = alasan_teks(s, multi_baris)
    if alasan:
        raise ValueError(alasan)
    return s


def aman(s: str) -> str:
    """``s`` for a terminal line: a refused character (left by an older version) shown as
    its code, e.g. ``<U+001B>``, never sent raw."""
    if TERLARANG.search(s) is None:
        return s
    return "".join(f"<U+{ord(c):04X}>" if _terlarang(c) and c not in _BARIS else c for c in s)
