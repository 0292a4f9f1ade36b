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

The first start also compiles every module it imports unless its bytecode is there, and shiv
packs no ``.pyc``: so for a .pyz whose Python is the one building it (same minor version; the
bytecode does not depend on the OS) :func:`tambah_pyc` compiles the modules lkjip loads and
adds their ``.pyc`` files to the archive after shiv has written it. Only those: bytecode for
every module would add half again to what the first start unpacks. They are ``unchecked-hash``
pycs: shiv extracts files with the time of extraction, which would make timestamp pycs stale
at once; an unchecked pyc is used without reading its source. A cross-build for another Python
version (``--windows 3.12`` from 3.11) stays source only: its first start compiles.

Needs ``pip install '.[pyz]'`` (shiv). Run from the repository root.
"""

from __future__ import annotations

import argparse
import os
import py_compile
import re
import subprocess
import sys
import tempfile
import zipfile
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
        if windows is None or windows == f"{sys.version_info.major}.{sys.version_info.minor}":
            # a Windows site-packages cannot be imported here to see what lkjip loads: all of it
            tambah_pyc(out / nama, site, None if windows else modul_dipakai(site))
        else:
            print(f"+ tanpa .pyc: Python {windows} bukan Python pembuat", flush=True)
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


# Imports every module of lkjip's own packages (which import, at their top, what they use) from
# the staged site-packages and prints the file of every module then loaded from there.
_DIPAKAI = """
import importlib, pkgutil, sys
site = sys.argv[1]
sys.path.insert(0, site)
for akar in ("lkjip_tui", "store", "exports"):
    for m in pkgutil.walk_packages(importlib.import_module(akar).__path__, akar + "."):
        if not m.name.endswith("__main__"):
            importlib.import_module(m.name)
for m in list(sys.modules.values()):
    f = getattr(m, "__file__", None) or ""
    if f.startswith(site) and f.endswith(".py"):
        print(f)
"""


def modul_dipakai(site: Path) -> list[Path]:
    """The source files in ``site`` of the modules lkjip loads (at their import)."""
    r = subprocess.run([sys.executable, "-I", "-c", _DIPAKAI, str(site)], check=True, capture_output=True,
                       text=True, cwd=site)
    return sorted({Path(f) for f in r.stdout.splitlines()})


def tambah_pyc(pyz: Path, site: Path, modul: list[Path] | None) -> int:
    """Compile ``modul`` (None: every module in ``site``) with this Python and add the ``.pyc``
    files to ``pyz`` under ``site-packages/``, where shiv extracts from; return how many."""
    semua = sorted(site.rglob("*.py")) if modul is None else modul
    with zipfile.ZipFile(pyz, "a", compression=zipfile.ZIP_DEFLATED) as z:
        for py in semua:
            # force a fresh one: pip --target already wrote timestamp pycs beside the sources
            pyc = Path(py_compile.compile(str(py), doraise=True,
                                          invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH))
            # fixed date and mode: the archive stays reproducible; shiv chmods each file it
            # extracts to the mode stored here, so it must be readable
            info = zipfile.ZipInfo(f"site-packages/{pyc.relative_to(site).as_posix()}", (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, pyc.read_bytes())
    print(f"+ {len(semua)} .pyc ditambahkan ke {pyz.name}", flush=True)
    return len(semua)


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
