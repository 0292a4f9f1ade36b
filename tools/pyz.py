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

What is never imported is not packed: lxml's C headers and Cython sources (for building
against lxml), and of lxml (python-docx uses etree), Pygments (used by Rich only to colour a
crash's traceback) and Textual's Markdown parser (markdown-it, unused by lkjip) every module a
run does not load (:func:`pangkas_tak_dimuat`). The Typst compiler, one binary as large as all
the rest together, and python-docx (200 files) are packed outside shiv's site-packages and
unpacked the first time a PDF or a Word document is made (:data:`NANTI`, :func:`pisahkan_nanti`),
so the first start does not write them. The pure-Python packages go into one zip imported from
where it is unpacked (:data:`DALAM_ZIP`, :func:`kemas_zip`): the first start writes one file for
them, not a thousand (each file made costs about half a millisecond on a slow disk).

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
import ast
import os
import py_compile
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
# Babel locale data lkjip loads: id_ID (store/numbers.py, exports/builders/tanggal.py) and its
# parents id and root; en/en_US too (Babel's own fallback when a caller names no locale).
LOKAL_DIPAKAI = {"root", "id", "id_ID", "en", "en_US"}
# Packages whose modules stay only when a run loads them (the probe _DIPAKAI: every lkjip module
# imported, a Word document written, a crash's traceback drawn as Textual draws it); lxml too
# when the probe can run (not for another OS).
PANGKAS_TAK_DIMUAT = ("pygments", "markdown_it", "mdit_py_plugins", "linkify_it", "mdurl")
# Packages unpacked on first import, not on first start: the Typst compiler (one binary as large
# as all the rest), python-docx (200 files) and lxml under it (for a Word document only) and
# python-calamine (read a workbook in `lkjip import`).
NANTI = ("typst", "docx", "lxml", "python_calamine")
# Pure-Python packages imported from one zip inside site-packages (:func:`kemas_zip`) rather than
# unpacked file by file: none reads its own files through ``__file__`` (python-docx's templates,
# Babel's locale data and the compiled lxml, python-calamine and Typst stay unpacked; lkjip's
# own data is read with importlib.resources, which reads a zip too).
DALAM_ZIP = ("textual", "rich", "pygments", "markdown_it", "mdit_py_plugins", "linkify_it", "mdurl",
             "platformdirs", "tinydb", "tabulate", "typing_extensions", "xlsxwriter",
             "lkjip_tui", "store", "exports")
ZIP_PUSTAKA = "lkjip-pustaka.zip"
ZIP_SUMBER = "lkjip-sumber.zip"  # their sources, read only to show a traceback
# The .pyz's own unpacker for them (site-packages/lkjip_pyz.py, also the zip's source reader)
# and the line that starts it in each such package's __init__; the preamble tells it (and any
# child process) where the .pyz is, and lets tracebacks read the zip's sources.
_BONGKAR = '''"""Unpack a package's binaries from the lkjip .pyz on their first import; read the source of
the modules in its zip for tracebacks (tools/pyz.py)."""
import importlib
import os
import zipfile


def bongkar(folder: str, paket: str) -> None:
    arsip = os.environ.get("LKJIP_PYZ", "")
    awalan = "nanti/" + paket + "/"
    try:
        z = zipfile.ZipFile(arsip)
    except OSError as e:
        raise ImportError(f"{paket} belum dibongkar dan berkas .pyz ({arsip or 'LKJIP_PYZ kosong'}) tidak terbaca: {e}") from None
    with z:
        for info in z.infolist():
            if not info.filename.startswith(awalan) or info.is_dir():
                continue
            tujuan = os.path.join(folder, info.filename[len(awalan):])
            if os.path.exists(tujuan):
                continue
            os.makedirs(os.path.dirname(tujuan), exist_ok=True)
            sementara = f"{tujuan}.{os.getpid()}.tmp"
            with z.open(info) as sumber, open(sementara, "wb") as f:
                while blok := sumber.read(1 << 20):
                    f.write(blok)
            os.chmod(sementara, (info.external_attr >> 16) or 0o755)
            try:
                os.replace(sementara, tujuan)
            except OSError:  # another lkjip unpacked it meanwhile (Windows: and has it open)
                os.unlink(sementara)
                if not os.path.exists(tujuan):
                    raise
    importlib.invalidate_caches()  # the package's folder changed after its import began


def sumber_zip(sumber: str, tanda: str) -> None:
    """Let linecache read the source of a module imported from the .pyz's zip of modules, from
    the zip ``sumber`` beside it. Its code names its file as where it sits in that zip (``tanda``
    and the path in the zip: the zip's own place is unknown when it is built); Rich, which draws
    Textual's crash traceback, reads a frame's source by that name."""
    import linecache

    asli = linecache.updatecache

    def updatecache(filename, module_globals=None):
        baris = asli(filename, module_globals)
        nama = filename.replace(os.sep, "/")
        if baris or tanda not in nama:
            return baris
        try:
            with zipfile.ZipFile(sumber) as z:
                teks = z.read(nama.rsplit(tanda, 1)[1]).decode("utf-8")
        except (OSError, KeyError, UnicodeDecodeError):
            return []
        baris = teks.splitlines(True)
        linecache.cache[filename] = (len(teks), None, baris, filename)
        return baris

    linecache.updatecache = updatecache
'''
_PREAMBLE = '''import os

os.environ["LKJIP_PYZ"] = os.path.abspath(archive)  # noqa: F821 (given by shiv's bootstrap)
_sumber = os.path.join(site_packages, "lkjip-sumber.zip")  # noqa: F821
if os.path.exists(_sumber):
    import lkjip_pyz

    lkjip_pyz.sumber_zip(_sumber, "lkjip-pustaka.zip/")
'''


def versi() -> str:
    teks = (AKAR / "lkjip_tui" / "__init__.py").read_text(encoding="utf-8")
    m = re.search(r'^__version__ = "([^"]+)"', teks, re.M)
    if m is None:
        raise SystemExit("__version__ tidak ditemukan di lkjip_tui/__init__.py")
    return m.group(1)


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
        pangkas_lxml(site)
        # a Windows site-packages cannot be imported here to see what lkjip loads: the probe
        # then draws only the traceback (pure Python), and every lkjip module gets a .pyc
        dipakai = modul_dipakai(site, hanya_traceback=windows is not None)
        # lxml's unused parts (objectify, html, sax…) only where the probe saw python-docx run
        pangkas_tak_dimuat(site, dipakai, PANGKAS_TAK_DIMUAT + (() if windows else ("lxml",)))
        nanti = Path(tmp) / "nanti"
        pisahkan_nanti(site, nanti)
        # bytecode only for this Python (it is the same on every OS); for another version the
        # packages stay unpacked, where the first start compiles them once (a zip would be
        # compiled again at every start)
        sama = windows is None or windows == f"{sys.version_info.major}.{sys.version_info.minor}"
        if sama:
            kemas_zip(site)
            pyc_nanti(nanti)
        shutil.rmtree(site / "bin", ignore_errors=True)  # pip's console scripts: shiv starts lkjip itself
        preamble = Path(tmp) / "lkjip_pyz_preamble.py"
        preamble.write_text(_PREAMBLE, encoding="utf-8")
        # shebang for Linux ("./lkjip.pyz"); on Windows it is started with python / py
        # the entry point named, not found from lkjip's dist-info (which may be in the zip)
        _jalankan(sys.executable, "-m", "shiv", "-e", "lkjip_tui.cli:main", "-o", str(out / nama),
                  "-p", "/usr/bin/env python3", "--reproducible", "--compressed",
                  "--preamble", str(preamble), "--site-packages", str(site))
        tambah_nanti(out / nama, nanti)
        if sama:  # what stays unpacked (of what the zip does not hold)
            tambah_pyc(out / nama, site, None if windows else [p for p in dipakai if p.suffix == ".py" and p.exists()])
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
# the staged site-packages, writes the demo's Word document (python-docx loads its parts of lxml
# then), draws a traceback as Textual does when the app fails (Rich colours it with Pygments),
# and prints the file of every module then loaded from there.
_DIPAKAI = """
import importlib, io, pkgutil, sys, tempfile
site = sys.argv[1]
sys.path.insert(0, site)
if sys.argv[2] == "semua":
    for akar in ("lkjip_tui", "store", "exports"):
        for m in pkgutil.walk_packages(importlib.import_module(akar).__path__, akar + "."):
            if not m.name.endswith("__main__"):
                importlib.import_module(m.name)
    from pathlib import Path
    from exports.run import ekspor
    from store.demo import demo_laporan
    with tempfile.TemporaryDirectory() as d:
        ekspor(demo_laporan(), Path(d), ["docx"])
from rich.console import Console
from rich.traceback import Traceback
try:
    importlib.import_module("json").loads("{")
except ValueError:
    Console(file=io.StringIO(), width=80, force_terminal=True).print(Traceback(show_locals=True))
for m in list(sys.modules.values()):
    f = getattr(m, "__file__", None) or ""
    if f.startswith(site):
        print(f)
"""


def modul_dipakai(site: Path, hanya_traceback: bool = False) -> list[Path]:
    """The files in ``site`` of the modules lkjip loads (at their import, writing a Word
    document, drawing a crash's traceback); with ``hanya_traceback``, only for the last (a
    site for another OS cannot be imported here)."""
    r = subprocess.run([sys.executable, "-I", "-c", _DIPAKAI, str(site), "traceback" if hanya_traceback else "semua"],
                       check=True, capture_output=True, text=True, cwd=site)
    return sorted({Path(f) for f in r.stdout.splitlines()})


def pangkas_tak_dimuat(site: Path, dipakai: list[Path], paket: tuple[str, ...] = PANGKAS_TAK_DIMUAT) -> int:
    """Remove the modules (Python or compiled) of ``paket`` that ``dipakai`` does not list,
    with the data beside them (a package none of whose modules loads goes whole); return how
    many files."""
    dimuat = set(dipakai)
    folder_dimuat = {p.parent for p in dimuat}
    dibuang = 0
    for nama in paket:
        akar = site / nama
        for f in sorted(akar.rglob("*"), reverse=True):  # files before their folders
            if f.is_dir():
                if not any(f.iterdir()):
                    f.rmdir()
            elif f not in dimuat and (f.suffix in (".py", ".pyc", ".so", ".pyd") or f.parent not in folder_dimuat):
                f.unlink()
                dibuang += 1
    print(f"+ {dibuang} berkas yang tidak pernah dimuat dibuang ({', '.join(paket)})", flush=True)
    return dibuang


def pangkas_lxml(site: Path) -> int:
    """Remove lxml's C headers and Cython sources (for compiling against lxml, never read when
    it runs); return how many files."""
    lxml = site / "lxml"
    buang = [f for f in lxml.rglob("*") if f.is_file()
             and (f.suffix in (".h", ".pxd", ".pxi", ".pyx") or "includes" in f.relative_to(lxml).parts)]
    for f in buang:
        f.unlink()
    for d in sorted((d for d in lxml.rglob("*") if d.is_dir()), reverse=True):
        if not any(d.iterdir()):
            d.rmdir()
    return len(buang)


def pisahkan_nanti(site: Path, nanti: Path) -> None:
    """Move the files of each :data:`NANTI` package but its ``__init__`` out of ``site`` into
    ``nanti`` and make that ``__init__`` unpack them from the .pyz when first imported."""
    (site / "lkjip_pyz.py").write_text(_BONGKAR, encoding="utf-8")
    for paket in NANTI:
        akar = site / paket
        pindah = [f for f in akar.rglob("*") if f.is_file() and f != akar / "__init__.py"
                  and "__pycache__" not in f.relative_to(akar).parts]
        for f in pindah:
            tujuan = nanti / paket / f.relative_to(akar)
            tujuan.parent.mkdir(parents=True, exist_ok=True)
            f.rename(tujuan)
        for d in list(akar.rglob("__pycache__")):  # pip's bytecode: tambah_pyc adds __init__'s own
            shutil.rmtree(d)
        for d in sorted((d for d in akar.rglob("*") if d.is_dir()), reverse=True):
            if not any(d.iterdir()):
                d.rmdir()
        init = akar / "__init__.py"
        baris = init.read_text(encoding="utf-8").splitlines(keepends=True)
        # after the docstring and any `from __future__` import, which must come first
        awal = [n for n in ast.parse("".join(baris)).body
                if isinstance(n, ast.ImportFrom) and n.module == "__future__"
                or isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)]
        di = max((n.end_lineno or 0 for n in awal), default=0)
        baris[di:di] = ["import lkjip_pyz  # unpacks the rest of this package on its first import\n",
                        f"lkjip_pyz.bongkar(__path__[0], {paket!r})\n"]
        init.write_text("".join(baris), encoding="utf-8")


def pyc_nanti(nanti: Path) -> int:
    """Compile the modules moved by :func:`pisahkan_nanti` into ``__pycache__`` beside them
    (unchecked-hash, as :func:`tambah_pyc`): unpacked with them, their first import compiles
    nothing; return how many."""
    py = sorted(nanti.rglob("*.py"))
    for f in py:
        py_compile.compile(str(f), doraise=True, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    return len(py)


def tambah_nanti(pyz: Path, nanti: Path) -> None:
    """Add the files moved by :func:`pisahkan_nanti` to ``pyz`` under ``nanti/`` (shiv unpacks
    only ``site-packages/``)."""
    with zipfile.ZipFile(pyz, "a", compression=zipfile.ZIP_DEFLATED) as z:
        for f in sorted(nanti.rglob("*")):
            if f.is_file():
                info = zipfile.ZipInfo(f"nanti/{f.relative_to(nanti).as_posix()}", (1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o755 << 16
                with f.open("rb") as sumber, z.open(info, "w", force_zip64=True) as tujuan:
                    while blok := sumber.read(1 << 20):
                        tujuan.write(blok)


def tambah_pyc(pyz: Path, site: Path, modul: list[Path] | None) -> int:
    """Compile ``modul`` (None: every module in ``site``) with this Python and add the ``.pyc``
    files to ``pyz`` under ``site-packages/``, where shiv extracts from; return how many."""
    semua = sorted(site.rglob("*.py")) if modul is None else modul
    with zipfile.ZipFile(pyz, "a", compression=zipfile.ZIP_DEFLATED) as z:
        for py in semua:
            # force a fresh one: pip --target already wrote timestamp pycs beside the sources
            pyc = Path(py_compile.compile(str(py), doraise=True,  # doraise: a path or an exception
                                          invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH) or "")
            # fixed date and mode: the archive stays reproducible; shiv chmods each file it
            # extracts to the mode stored here, so it must be readable
            info = zipfile.ZipInfo(f"site-packages/{pyc.relative_to(site).as_posix()}", (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, pyc.read_bytes())
    print(f"+ {len(semua)} .pyc ditambahkan ke {pyz.name}", flush=True)
    return len(semua)


def kemas_zip(site: Path, paket: tuple[str, ...] = DALAM_ZIP) -> int:
    """Move ``paket`` (and the dist-info of each distribution wholly inside them) from ``site``
    into one uncompressed zip there, :data:`ZIP_PUSTAKA`, with a ``.pth`` that puts it on
    ``sys.path`` (shiv adds site-packages with ``site.addsitedir``, which reads ``.pth`` files);
    return how many files it holds. First start then writes two files for them, not hundreds.

    Each module goes in as an unchecked-hash ``.pyc`` compiled by this Python (zipimport reads
    ``x.pyc`` where ``x.py`` would be, never ``__pycache__``, and cannot write bytecode: without
    it every start would compile). Its source goes into :data:`ZIP_SUMBER`, for tracebacks only:
    an index half as long is read at every start."""
    pustaka = site / ZIP_PUSTAKA
    atas = set(paket)
    dist = []
    for info in site.glob("*.dist-info"):
        isi = [baris.split(",", 1)[0].split("/", 1)[0] for baris in
               (info / "RECORD").read_text(encoding="utf-8").splitlines() if baris]
        milik = {n.removesuffix(".py") for n in isi if not n.endswith(".dist-info") and n not in ("..", "bin", "__pycache__")}
        if milik and milik <= atas:
            dist.append(info)
    jumlah = 0
    with (tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(pustaka, "w", zipfile.ZIP_STORED) as z,
          zipfile.ZipFile(site / ZIP_SUMBER, "w", zipfile.ZIP_DEFLATED) as zs):
        def tulis(nama: str, data: bytes, ke: zipfile.ZipFile = z) -> None:
            nonlocal jumlah
            info = zipfile.ZipInfo(nama, (1980, 1, 1, 0, 0, 0))
            ke.writestr(info, data, compress_type=ke.compression)
            jumlah += ke is z
        for akar in [site / f"{n}.py" for n in paket] + [site / n for n in paket] + dist:
            if not akar.exists():
                continue
            berkas = [akar] if akar.is_file() else sorted(f for f in akar.rglob("*") if f.is_file())
            for f in berkas:
                rel = f.relative_to(site).as_posix()
                if "__pycache__" in rel or f.suffix == ".pyc":
                    continue
                tulis(rel, f.read_bytes(), zs if f.suffix == ".py" else z)
                if f.suffix == ".py":
                    pyc = Path(tmp) / "m.pyc"
                    # the name tracebacks show: where it sits in the zip
                    py_compile.compile(str(f), cfile=str(pyc), dfile=f"{ZIP_PUSTAKA}/{rel}", doraise=True,
                                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
                    tulis(rel + "c", pyc.read_bytes())
            if akar.is_file():
                akar.unlink()
            else:
                shutil.rmtree(akar)
    (site / "lkjip-pustaka.pth").write_text(ZIP_PUSTAKA + "\n", encoding="utf-8")
    print(f"+ {jumlah} berkas dalam {ZIP_PUSTAKA} ({pustaka.stat().st_size / 2**20:.1f} MiB)", flush=True)
    return jumlah


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
