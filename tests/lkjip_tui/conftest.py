from __future__ import annotations

import pytest

from lkjip_tui.app import LkjipApp
from store.demo import buat_demo
from store.repository import Repository


@pytest.fixture
def demo_db(tmp_path):
    return buat_demo(tmp_path / "demo.json")


@pytest.fixture
def buka(demo_db):
    """Factory: a fresh LkjipApp on the demo database (or ``path``); repos are closed after."""
    repos = []

    def _buka(path=None, **kw) -> LkjipApp:
        repo = Repository(path or demo_db, readonly=kw.pop("readonly", False))
        repos.append(repo)
        return LkjipApp(repo, **kw)

    yield _buka
    for r in repos:
        r.close()
