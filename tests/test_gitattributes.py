"""A checkout on Windows (core.autocrlf) must not change files whose bytes matter."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _attr(nama: str, path: str) -> str:
    r = subprocess.run(["git", "check-attr", nama, "--", path], cwd=ROOT, capture_output=True, text=True, check=True)
    return r.stdout.rsplit(": ", 1)[1].strip()


def test_snapshots_never_converted_text_always_lf():
    assert _attr("text", "tests/lkjip_tui/__snapshots__/test_akip/test_snapshot_akip.svg") == "unset"
    for path in ("lkjip_tui/cli.py", ".ci/run", "tests/exports/expected/tabel-3.2.md"):
        assert _attr("text", path) == "auto" and _attr("eol", path) == "lf"
    assert _attr("binary", "laporan-2021.xlsx") == "set"
