"""Types are part of the tests: mypy (strict, config in pyproject.toml) over store/ and exports/,
the typed core (store/ first: exports/ imports it, so its errors would show twice)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _alat(nama: str) -> str:
    return shutil.which(nama, path=str(Path(sys.executable).parent)) or nama


@pytest.mark.parametrize("paket", ["store", "exports"])
def test_mypy_bersih(paket: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    # a cache of its own: a cold run takes seconds, and a stale shared cache cannot hide an error
    cache = tmp_path_factory.mktemp("mypy-cache")
    hasil = subprocess.run([_alat("mypy"), "--cache-dir", str(cache), paket], cwd=ROOT,
                           capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
