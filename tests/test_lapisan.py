"""The layers of the design card, checked by import-linter (config in pyproject.toml):
lkjip_tui -> exports -> store and never back, no textual below the app, and inside store
repository -> backup -> storage -> audit -> jurnal -> berkas with no cycle; inside lkjip_tui
cli -> app -> perintah -> screens -> widgets."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_kontrak_import_terpenuhi():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    hasil = subprocess.run([lint, "--config", str(ROOT / "pyproject.toml")], cwd=ROOT,
                           capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    assert "4 kept, 0 broken" in hasil.stdout
