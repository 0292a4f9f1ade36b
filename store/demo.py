"""The bundled demo data: the 2021 report of Kecamatan Balikpapan Selatan."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .bundle import baca_bundle, muat_json
from .models import Laporan
from .repository import Repository

DEMO_BUNDLE = "demo-balikpapan-selatan-2021.json"


def demo_laporan() -> Laporan:
    with resources.as_file(resources.files("store") / "data" / DEMO_BUNDLE) as path:
        return baca_bundle(muat_json(path))


def buat_demo(path: Path) -> Path:
    """Write a fresh demo database at ``path`` (replacing any file there)."""
    path = Path(path)
    if path.exists():
        path.unlink()
    with Repository(path) as repo:
        repo.simpan_laporan(demo_laporan())
    return path
