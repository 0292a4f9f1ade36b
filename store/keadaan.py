"""What lkjip remembers about one database between runs, beside it in ``<db>.keadaan.json``:
the report year last used (the app opens it again; `check` and `export` default to it).

Not data: losing the file only means the newest year is opened, so it is written plainly
(atomically, never fsynced twice) and any read or write problem is ignored.
"""

from __future__ import annotations

import json
from pathlib import Path

from .berkas import tulis_atomik


def jalur_keadaan(db: str | Path) -> Path:
    db = Path(db)
    return db.with_name(f"{db.name}.keadaan.json")


def tahun_terakhir(db: str | Path) -> int | None:
    """The year last used with database ``db``, or None."""
    try:
        t = json.loads(jalur_keadaan(db).read_text(encoding="utf-8")).get("tahun")
    except (OSError, ValueError, AttributeError):
        return None
    return t if type(t) is int else None


def ingat_tahun(db: str | Path, tahun: int) -> None:
    """Remember ``tahun`` as the year last used with ``db`` (a failure is ignored: see above)."""
    if tahun_terakhir(db) == tahun:
        return
    try:
        tulis_atomik(jalur_keadaan(db), json.dumps({"tahun": tahun}).encode(), sinkron_folder=False)
    except OSError:
        pass


def tahun_bawaan(db: str | Path, ada: list[int]) -> int | None:
    """The one default year rule (app, `check`, `export`): the year last used when it still
    exists, else the newest; None for a database without years."""
    t = tahun_terakhir(db)
    return t if t in ada else (ada[-1] if ada else None)
