"""Build the offline one-file lkjip: ``dist/lkjip-<versi>.pyz`` (shiv), for a PC with no internet.

    python tools/pyz.py                         # for this machine's OS and Python
    python tools/pyz.py --windows 3.12          # for Windows 64-bit with Python 3.12 (python.org)
    python tools/pyz.py --wheelhouse DIR        # offline: take every wheel from DIR, no index

The .pyz holds lkjip and all its dependencies. Most are pure Python; lxml (under python-docx)
is compiled, so a .pyz is built for one OS and one Python minor version, and its name says
which when it is not for this machine. Beside it goes ``lkjip.bat`` for Windows users who never
open a console. On first start shiv unpacks the .pyz once into ``~/.shiv`` (``SHIV_ROOT``
moves it); later starts reuse that.

What the first start unpacks is kept to what lkjip uses: Babel ships number and date data for
~1,000 locales (35 MB of the 64 MB); lkjip formats in Indonesian only (``id_ID``), so only
the locales in :data:`LOKAL_DIPAKAI` stay (tests/test_packaging.py runs every subcommand and
an export from the built .pyz).

Needs ``pip install '.[pyz]'`` (shiv). Run from the repository root.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
# Babel locale data lkjip loads: id_ID (store/numbers.py, exports/builders/tanggal.py) and its
# parents id and root; en/en_US too (Babel's own fallback when a caller names no locale).
LOKAL_DIPAKAI = {"root", "id", "id_ID", "en", "en_US"}


def versi() -> str:
    teks = (AKAR / "lkjip_tui" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', teks, re.M).group(1)


def _jalankan(*cmd: str) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)


def bangun(out: Path, windows: str | None = None, wheelhouse: Path | None = None) -> Path:
    """Build the .pyz into ``out``; return its path."""
    v = versi()
    nama = f"lkjip-{v}-win_amd64-py{windows}.pyz" if windows else f"lkjip-{v}.pyz"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lkjip-pyz-") as tmp:
        roda = Path(tmp)
        # our own wheel first: what pip installs from it is exactly what a user's pip install gets
        _jalankan(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                  "-w", str(roda), str(AKAR))
        lkjip_whl = next(roda.glob("lkjip-*.whl"))
        pip: list[str] = []
        if wheelhouse:
            pip += ["--no-index", "--find-links", str(wheelhouse)]
        if windows:
            pip += ["--platform", "win_amd64", "--python-version", windows,
                    "--implementation", "cp", "--only-binary=:all:"]
        # Installed here first (what shiv would do itself), pruned, then packed.
        site = Path(tmp) / "site-packages"
        env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_REQUIRE")}
        print("+ pip install --target", site, *pip, lkjip_whl.name, flush=True)
        subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "install", "-q",
                        "--target", str(site), *pip, str(lkjip_whl)], check=True, env=env)
        pangkas_babel(site)
        # shebang for Linux ("./lkjip.pyz"); on Windows it is started with python / py
        _jalankan(sys.executable, "-m", "shiv", "-c", "lkjip", "-o", str(out / nama),
                  "-p", "/usr/bin/env python3", "--reproducible", "--compressed",
                  "--site-packages", str(site))
    # CRLF and plain ASCII: cmd.exe reads .bat files in the console code page. The py launcher
    # picks the Python the .pyz was built for; without it, the python on PATH.
    py = f"-{windows}" if windows else "-3"
    (out / "lkjip.bat").write_bytes((
        "@echo off\r\n"
        "rem lkjip: klik dua kali untuk membuka. Data ada di folder data pengguna, bukan di sini.\r\n"
        "where py >nul 2>nul\r\n"
        f"if %errorlevel%==0 (py {py} \"%~dp0{nama}\" %*) else (python \"%~dp0{nama}\" %*)\r\n"
        "if errorlevel 1 pause\r\n").encode("ascii"))
    return out / nama


def pangkas_babel(site: Path) -> int:
    """Remove Babel's locale data lkjip never loads; return the bytes removed."""
    dibuang = 0
    for dat in (site / "babel" / "locale-data").glob("*.dat"):
        if dat.stem not in LOKAL_DIPAKAI:
            dibuang += dat.stat().st_size
            dat.unlink()
    return dibuang


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Build dist/lkjip-<versi>.pyz (offline one-file lkjip).")
    p.add_argument("--out", type=Path, default=AKAR / "dist", help="output folder (default: dist/)")
    p.add_argument("--windows", metavar="X.Y", help="build for Windows 64-bit and this Python version, e.g. 3.12")
    p.add_argument("--wheelhouse", type=Path, help="take every dependency from this folder of wheels (no network)")
    a = p.parse_args(argv)
    pyz = bangun(a.out, a.windows, a.wheelhouse)
    print(f"{pyz} ({pyz.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
