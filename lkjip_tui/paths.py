"""Where the database lives: ``--db``, else ``LKJIP_DB``, else the user's data folder; and the
commands we suggest to the user, with that path quoted so they work when pasted.

Python from the Microsoft Store runs as a packaged app: what it writes under AppData goes to
its own private folder instead, which another Python (or the Store's next Python version)
does not see, and which is deleted with that Python. There the default database lives in
the home folder (``C:\\Users\\<nama>\\lkjip``) instead, and data an earlier run left in the
private folder is copied there once (:func:`siapkan_folder_data`).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from platformdirs import user_data_path, user_documents_path

from store import jalur

APP = "lkjip"
WINDOWS = os.name == "nt"


PENANDA_STORE = ("WindowsApps", "PythonSoftwareFoundation.Python")


def python_store(jalur: tuple[str, ...] | None = None) -> bool:
    """Whether this is the Microsoft Store's Python (a venv made from it included)."""
    jalur = jalur if jalur is not None else (sys.executable, sys.prefix, sys.base_prefix)
    return any(p in j for j in jalur if j for p in PENANDA_STORE)


def folder_data_biasa() -> Path:
    return user_data_path(APP, appauthor=False)


def folder_data() -> Path:
    """The folder of the default database (see the module's docstring)."""
    return Path.home() / APP if python_store() else folder_data_biasa()


def default_db() -> Path:
    env = os.environ.get("LKJIP_DB")
    if env:
        return Path(env).expanduser()
    return folder_data() / "lkjip.json"


def peringatan_store() -> str | None:
    if not python_store():
        return None
    return (f"Python ini dari Microsoft Store: data lkjip disimpan di {folder_data()} agar tidak hilang bila Python "
            f"itu dihapus; sebaiknya pasang Python dari python.org.")


def siapkan_folder_data() -> Path | None:
    """Under the Store's Python: copy the data an earlier run left in AppData (which this
    Python sees through its private folder) to :func:`folder_data`, once, unless another
    lkjip has it open. The original is left as it was. Returns the folder copied from."""
    lama, baru = folder_data_biasa(), folder_data()
    if lama == baru or baru.exists() or not (lama / "lkjip.json").exists() or (lama / "lkjip.json.kunci").exists():
        return None
    sementara = baru.with_name(f".{baru.name}.salin")
    shutil.rmtree(sementara, ignore_errors=True)
    shutil.copytree(lama, sementara)
    os.replace(sementara, baru)  # all or nothing: a half copy is never taken for the data
    return lama


def resolve_db(arg: str | None) -> Path:
    return Path(arg).expanduser() if arg else default_db()


def kutip(teks: str) -> str:
    """One argument quoted for the user's shell (the rule is :func:`store.jalur.kutip`)."""
    return jalur.kutip(teks, WINDOWS)


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


def folder_laporan(tahun: int | str) -> Path:
    """Where an export goes when no folder is named: the one default of ``lkjip export`` and
    F9 Laporan (``~/Documents/lkjip-laporan-<tahun>``, the documents folder as the system
    names it)."""
    try:
        dasar = user_documents_path()
    except Exception:  # some systems have no documents folder; fall back to the home folder
        dasar = Path.home()
    return dasar / f"lkjip-laporan-{tahun}"
