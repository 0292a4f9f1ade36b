"""Where the database lives: ``--db``, else ``LKJIP_DB``, else the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP = "lkjip"


def default_db() -> Path:
    env = os.environ.get("LKJIP_DB")
    if env:
        return Path(env).expanduser()
    return user_data_path(APP, appauthor=False) / "lkjip.json"


def resolve_db(arg: str | None) -> Path:
    return Path(arg).expanduser() if arg else default_db()
