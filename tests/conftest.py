from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from store.bundle import baca_bundle, muat_json
from store.repository import Repository

pytest_plugins = ["tests.helpers.windows"]  # the `tertahan` fixture: files held open as on Windows

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SHARED_FIXTURE = SHARED / "fixtures" / "balikpapan-selatan-2021.json"
# The package ships the same bundle as its demo data; tests fall back to it when the
# shared folder is not beside the checkout.
BUNDLED = ROOT / "store" / "data" / "demo-balikpapan-selatan-2021.json"
FIXTURE = SHARED_FIXTURE if SHARED_FIXTURE.exists() else BUNDLED


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
