"""Where the database lives: ``--db``, else ``LKJIP_DB``, else the user's data folder; and the
commands we suggest to the user, with that path quoted so they work when pasted."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from platformdirs import user_data_path

APP = "lkjip"
WINDOWS = os.name == "nt"


def default_db() -> Path:
    env = os.environ.get("LKJIP_DB")
    if env:
        return Path(env).expanduser()
    return user_data_path(APP, appauthor=False) / "lkjip.json"


def resolve_db(arg: str | None) -> Path:
    return Path(arg).expanduser() if arg else default_db()


def kutip(teks: str) -> str:
    """One argument as the user's shell reads it: ``"C:\\Users\\Budi Santoso\\lkjip.json"`` in
    cmd.exe and PowerShell, ``'/home/budi/data kantor/lkjip.json'`` in a POSIX shell."""
    return subprocess.list2cmdline([teks]) if WINDOWS else shlex.quote(teks)


def perintah(*bagian: str, db: Path | None = None) -> str:
    """A command to suggest, e.g. ``perintah("restore", "--list", db=path)``: ``--db`` is left
    out when ``db`` is where lkjip looks anyway, and quoted when it holds spaces."""
    teks = " ".join(("lkjip", *bagian))
    if db is not None and _sama(Path(db), default_db()):
        return teks
    return teks if db is None else f"{teks} --db {kutip(str(db))}"


def _sama(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b
