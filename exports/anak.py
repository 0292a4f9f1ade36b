"""How lkjip starts a process of its own (the XLSX writer, the Typst typesetter): which Python,
which import path, which working folder. One place, so that every child sees what this process
sees, the offline .pyz included, and cannot start a console window or a second interpreter.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

AKAR = str(Path(__file__).resolve().parent.parent)  # the folder (or, in the .pyz, the zip) holding exports
# the child's working folder: not the user's (no "exports" there shadows ours), and a folder
FOLDER = AKAR if os.path.isdir(AKAR) else os.path.dirname(AKAR)
TANPA_JENDELA = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # Windows: no console window flashes up


def perintah(modul: str, *args: str) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that run ``python -m modul args`` as lkjip's child
    (with ``cwd=FOLDER`` and ``creationflags=TANPA_JENDELA``)."""
    python, tambahan = python_anak(sys.executable, getattr(sys, "_base_executable", None), os.name == "nt")
    return [python, "-m", modul, *args], {**os.environ, **tambahan, "PYTHONPATH": jalur_anak()}


def jalur_anak() -> str:
    """The child's PYTHONPATH: this very copy of exports first, then every folder or zip this
    process imports from. In the .pyz, Typst and its unpacker live in shiv's site-packages,
    which a plain ``python -m`` child would not see: without them it failed and the whole
    document was typeset in the app's process (1.9 GB at city scale)."""
    return os.pathsep.join(dict.fromkeys(p for p in (AKAR, *sys.path, os.environ.get("PYTHONPATH")) if p))


def python_anak(executable: str, dasar: str | None, windows: bool) -> tuple[str, dict[str, str]]:
    """The interpreter to start, and what to add to its environment.

    In a venv on Windows, ``python.exe`` is a launcher that starts the real interpreter as
    its own child: killing the launcher (an export cancelled) would leave the writer
    running. Start the real interpreter directly, told that it runs for the venv, as
    ``multiprocessing`` does on Windows."""
    if windows and dasar and os.path.normcase(dasar) != os.path.normcase(executable):
        return dasar, {"__PYVENV_LAUNCHER__": executable}
    return executable, {}
