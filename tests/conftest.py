from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from store.bundle import baca_bundle, muat_json
from store.repository import Repository

pytest_plugins = ["tests.helpers.windows"]  # the `tertahan` fixture: files held open as on Windows

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SHARED_FIXTURE = SHARED / "fixtures" / "balikpapan-selatan-2021.json"
# A copy of SPEC's fixture (a version-1 bundle, no narrative texts) for a checkout without
# the shared folder beside it. Not the shipped demo data: that one carries the seed's texts.
KOPI_FIXTURE = ROOT / "tests" / "data" / "balikpapan-selatan-2021.json"
FIXTURE = SHARED_FIXTURE if SHARED_FIXTURE.exists() else KOPI_FIXTURE


@pytest.fixture
def fixture_path() -> Path:
    return FIXTURE


@pytest.fixture
def fixture_json() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture
def lap():
    """The 2021 Balikpapan Selatan report, read from the bundle."""
    return baca_bundle(muat_json(FIXTURE))


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "lkjip.json"


@pytest.fixture
def repo_demo(db_path, lap):
    with Repository(db_path) as repo:
        repo.simpan_laporan(lap)
        yield repo


def D(s: str) -> Decimal:
    return Decimal(s)


class Dipegang:
    """Paths another process holds open, as Windows sees them: ``os.replace`` onto or from
    them and ``os.unlink`` of them raise PermissionError (WinError 32, "used by another
    process"). ``tahan(path, kali=1)`` refuses once (an antivirus scan); ``kali=None``
    always (Excel, a read-only lkjip) until :meth:`lepas`. ``ditolak`` counts refusals."""

    def __init__(self):
        self._jalur: dict[str, int | None] = {}
        self.ditolak = 0

    def tahan(self, path, kali: int | None = None) -> None:
        self._jalur[os.path.abspath(path)] = kali

    def lepas(self, path=None) -> None:
        if path is None:
            self._jalur.clear()
        else:
            self._jalur.pop(os.path.abspath(path), None)

    def periksa(self, *paths) -> None:
        for p in paths:
            k = os.path.abspath(os.fspath(p))
            if k not in self._jalur:
                continue
            sisa = self._jalur[k]
            if sisa is not None:
                if sisa <= 0:
                    continue
                self._jalur[k] = sisa - 1
            self.ditolak += 1
            e = PermissionError(13, "The process cannot access the file because it is being used by another "
                                    "process", os.fspath(p))
            e.winerror = 32
            raise e


@pytest.fixture
def dipegang(monkeypatch) -> Dipegang:
    """Make os.replace / os.rename / os.unlink (and Path.unlink) refuse held paths like Windows."""
    d = Dipegang()
    asli_replace, asli_rename, asli_unlink = os.replace, os.rename, os.unlink

    def replace(src, dst, *a, **k):
        d.periksa(src, dst)
        return asli_replace(src, dst, *a, **k)

    def rename(src, dst, *a, **k):
        d.periksa(src, dst)
        return asli_rename(src, dst, *a, **k)

    def unlink(path, *a, **k):
        d.periksa(path)
        return asli_unlink(path, *a, **k)

    asli_path_unlink = Path.unlink

    def path_unlink(self, missing_ok=False):
        d.periksa(self)
        return asli_path_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "rename", rename)
    monkeypatch.setattr(os, "unlink", unlink)
    monkeypatch.setattr(os, "remove", unlink)
    monkeypatch.setattr(Path, "unlink", path_unlink)
    return d
