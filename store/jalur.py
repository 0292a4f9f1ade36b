"""Paths Windows refuses, judged before a file is written, with the reason in one line.

Windows reserves the device names CON, PRN, AUX, NUL, COM1–9 and LPT1–9 in every folder and
with any extension (``aux.json`` is the device AUX), drops trailing dots and spaces, and, unless
long paths are enabled, fails on paths of 260 characters or more, each with a vague error
("file not found", "the parameter is incorrect"). :func:`masalah_jalur` says which rule a path
breaks. Checked on every system, so a folder made on Linux still works on the office's Windows
PC.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

MAKS_JALUR = 259  # MAX_PATH is 260 including the terminating NUL
_TERLARANG = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$", re.IGNORECASE)


def nama_perangkat(nama: str) -> bool:
    """``aux.json``, ``NUL``, ``com1.tar.gz``: a Windows device, not a file."""
    return bool(_TERLARANG.match(nama.split(".", 1)[0].rstrip(" ")))


def masalah_jalur(path: str | os.PathLike[str], tambahan: int = 0) -> str | None:
    """Why Windows would refuse ``path``, or None. ``tambahan``: characters that will be added
    (a file name inside a folder, a temporary suffix)."""
    p = Path(path)
    for bagian in p.parts[1:] if p.anchor else p.parts:
        if bagian in (".", ".."):
            continue
        if nama_perangkat(bagian):
            return (f"nama '{bagian}' dipakai Windows untuk perangkat (CON, PRN, AUX, NUL, COM1-9, LPT1-9), bukan "
                    f"berkas; pilih nama lain")
        if bagian != bagian.rstrip(". "):
            return f"nama '{bagian}' diakhiri titik atau spasi, yang dibuang Windows; pilih nama lain"
    panjang = len(os.path.abspath(p)) + tambahan
    if panjang > MAKS_JALUR:
        return (f"jalurnya {panjang} karakter, lebih dari batas Windows ({MAKS_JALUR}); pilih folder yang lebih "
                f"pendek")
    return None


def kutip(teks: str, windows: bool = os.name == "nt") -> str:
    """One argument as the user's shell reads it, for commands the app suggests:
    ``"C:\\Users\\Budi Santoso\\lkjip.json"`` in cmd.exe and PowerShell,
    ``'/home/budi/data kantor/lkjip.json'`` in a POSIX shell."""
    if windows:
        import subprocess  # for list2cmdline only: a tenth of `lkjip check`'s imports elsewhere

        return subprocess.list2cmdline([teks])
    return shlex.quote(teks)
