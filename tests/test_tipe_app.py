"""The contract between the app, its screens and widgets is typed (issue 17): ``mypy lkjip_tui``
under the project's config (pyproject.toml: strict, loosened for lkjip_tui) reports nothing in
lkjip_tui. mypy follows the imports into store/ and exports/, which are typed on their own
terms; only what it says about lkjip_tui counts here."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_lkjip_tui_bersih(tmp_path):
    mypy = shutil.which("mypy", path=str(Path(sys.executable).parent)) or "mypy"
    # a cache of its own: other tests may run mypy at the same time
    hasil = subprocess.run([mypy, "--cache-dir", str(tmp_path / "cache"), "--no-error-summary", "lkjip_tui"],
                           cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=600)
    galat = [b for b in hasil.stdout.splitlines() if b.replace("\\", "/").startswith("lkjip_tui/")]
    assert hasil.returncode in (0, 1) and not hasil.stderr.strip(), hasil.stdout + hasil.stderr  # 2: mypy itself failed
    assert not galat, "\n".join(galat)
