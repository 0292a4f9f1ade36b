"""argparse speaking Bahasa Indonesia.

argparse looks its messages up through a module-level gettext function; we answer the few
it shows users with Indonesian text, so ``--help`` and usage errors match the app.
"""

from __future__ import annotations

import argparse
import sys

_TERJEMAHAN = {
    "usage: ": "Pemakaian: ",
    "options": "opsi",
    "positional arguments": "argumen",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "show program's version number and exit": "tampilkan versi program lalu keluar",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "expected one argument": "membutuhkan satu nilai",
    "invalid choice: %(value)r (choose from %(choices)s)": "pilihan tidak sah: %(value)r (pilih dari %(choices)s)",
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak sah: %(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "ambiguous option: %(option)s could match %(matches)s": "opsi ambigu: %(option)s bisa berarti %(matches)s",
}


def _terjemah(teks: str) -> str:
    return _TERJEMAHAN.get(teks, teks)


argparse._ = _terjemah  # type: ignore[attr-defined]
if sys.version_info >= (3, 12):  # pragma: no cover - newer argparse also uses ngettext
    _ng = argparse.ngettext

    def _ngettext(s: str, p: str, n: int) -> str:
        return _terjemah(_ng(s, p, n))

    argparse.ngettext = _ngettext  # type: ignore[attr-defined]

ArgumentParser = argparse.ArgumentParser
