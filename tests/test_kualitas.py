"""Lint is part of the tests: ruff (rules in pyproject.toml) over the whole checkout."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _alat(nama: str) -> str:
    return shutil.which(nama, path=str(Path(sys.executable).parent)) or nama


def test_ruff_bersih():
    hasil = subprocess.run([_alat("ruff"), "check", "--no-cache", "."], cwd=ROOT,
                           capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
