"""What a user installs works: the wheel in a fresh venv, and the offline one-file .pyz.

An editable install reads the source folder and hides a wheel that lacks a package, so these
tests build the wheel and the .pyz from a copy of the source, install or run them outside the
checkout, from a working folder that holds its own ``store/`` and ``exports/`` packages (which
fail loudly if imported), with an empty HOME. Dependencies come from a wheelhouse filled once,
so the .pyz build and the venv install run with ``--no-index``, as on a PC with no internet.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from bench.pty_layar import layar_pertama
from lkjip_tui import __version__

from .conftest import FIXTURE, ROOT

# A traceback through a dependency's source, drawn as Textual draws one when the app fails.
_TRACEBACK = """
from rich.console import Console
from rich.traceback import Traceback
from tinydb.utils import LRUCache
try:
    LRUCache(capacity=1)["x"]
except KeyError:
    Console(width=100, force_terminal=True, color_system="truecolor").print(Traceback(show_locals=True))
"""

# where the app's modules, its UI's and its exports' libraries are imported from
_ASAL = """
import exports.xlsx_proses, lkjip_tui.app, rich.console, store.models, textual.app, tinydb, xlsxwriter
for m in (exports.xlsx_proses, lkjip_tui.app, rich.console, store.models, textual.app, tinydb, xlsxwriter):
    print(m.__file__)
"""

# a large report's workbook written by a second Python (exports.xlsx_proses), which imports
# exports and xlsxwriter from where this process found them: it must return the workbook
_XLSX_ANAK = """
import os, tempfile
from pathlib import Path
from exports import run, xlsx_proses
from store.demo import demo_laporan
run.BESAR = 0
os.cpu_count = lambda: 2
beres = []
selesai = xlsx_proses.ProsesXlsx.selesai
def catat(self):
    isi = selesai(self)
    beres.append(self._beres)
    return isi
xlsx_proses.ProsesXlsx.selesai = catat
with tempfile.TemporaryDirectory() as d:
    run.ekspor(demo_laporan(), Path(d), ["xlsx"])
print(beres)
"""

# every format `lkjip export` writes by default, as the file suffixes it produces
SEMUA_FORMAT = {".md", ".csv", ".xlsx", ".docx", ".pdf", ".json"}


def _jalankan(cmd: list[str], cwd: Path, env: dict, ok: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess:
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=180)
    assert r.returncode in ok, f"{cmd}: exit {r.returncode}\n{r.stdout}\n{r.stderr}"
    assert "Traceback" not in r.stderr, r.stderr
    return r


@pytest.fixture(scope="module")
def bangunan(tmp_path_factory) -> dict:
    """Our wheel (from a clean copy of the source) and a wheelhouse of every dependency."""
    d = tmp_path_factory.mktemp("bangun")
    src = d / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        ".git", ".venv", "venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis"))
    roda = d / "roda"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(roda), str(src)], check=True, capture_output=True)
    whl = next(roda.glob("lkjip-*.whl"))
    # the dependencies, fetched once (pip's cache makes this quick after the first run)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "-w", str(roda), str(whl)],
                   check=True, capture_output=True)
    return {"src": src, "wheel": whl, "wheelhouse": roda}


@pytest.fixture(scope="module")
def folder_kerja(tmp_path_factory) -> dict:
    """A working folder with decoy store/ and exports/ packages, an empty HOME, a clean env."""
    kerja = tmp_path_factory.mktemp("kerja")
    for nama in ("store", "exports"):
        (kerja / nama).mkdir()
        (kerja / nama / "__init__.py").write_text(
            f"raise ImportError('paket tiruan {nama} dari folder kerja terbaca')\n", encoding="utf-8")
    home = tmp_path_factory.mktemp("home")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "LKJIP", "VIRTUAL_ENV", "XDG_", "SHIV"))}
    env.update(HOME=str(home), USERPROFILE=str(home), TERM="xterm-256color", LANG="C.UTF-8")
    return {"cwd": kerja, "env": env, "home": home}


def _periksa_perintah(lkjip: list[str], cwd: Path, env: dict, tmp: Path) -> None:
    """--version, import of the demo bundle, export in every format, check, riwayat, restore --list."""
    r = _jalankan([*lkjip, "--version"], cwd, env)
    assert r.stdout.strip() == f"lkjip {__version__}"
    db = tmp / "data" / "lkjip.json"
    _jalankan([*lkjip, "import", str(FIXTURE), "--db", str(db)], cwd, env)
    out = tmp / "ekspor"
    r = _jalankan([*lkjip, "export", "--db", str(db), "--out", str(out)], cwd, env)
    tertulis = [Path(p) for p in r.stdout.split()]
    assert tertulis and all(p.is_file() and p.stat().st_size > 0 for p in tertulis)
    assert SEMUA_FORMAT <= {p.suffix for p in tertulis}
    with zipfile.ZipFile(out / "laporan-2021.xlsx") as z:  # a whole workbook, not a stub
        assert sum(n.startswith("xl/worksheets/sheet") for n in z.namelist()) >= 20
    assert "95,95" in (out / "tabel-3.2.md").read_text(encoding="utf-8")
    # the PDF typeset by the typst wheel inside the install, with its own fonts
    pdf = PdfReader(out / "laporan-2021.pdf")
    teks = "".join(p.extract_text() for p in pdf.pages)
    assert len(pdf.pages) > 15 and "DAFTAR ISI" in teks and "95,95" in teks and "24.246.540.687" in teks
    assert "Dokumen laporan masih memuat" in r.stderr  # placeholders left: the fixture has no texts
    r = _jalankan([*lkjip, "check", "--db", str(db)], cwd, env, ok=(0, 1))
    assert "2021" in r.stdout or "Tidak ada masalah" in r.stdout
    r = _jalankan([*lkjip, "riwayat", "--db", str(db)], cwd, env)
    assert "2021" in r.stdout or "riwayat" in r.stdout.lower()
    # no backup may exist yet: then one line on stderr and status 2, never a traceback
    r = _jalankan([*lkjip, "restore", "--list", "--db", str(db)], cwd, env, ok=(0, 2))
    assert r.stdout.strip() or len(r.stderr.strip().splitlines()) == 1


def test_wheel_holds_every_package(bangunan):
    with zipfile.ZipFile(bangunan["wheel"]) as z:
        ada = {Path(n).parent.as_posix() for n in z.namelist()}
        nama = set(z.namelist())
    for init in ROOT.glob("*/**/__init__.py"):
        folder = init.parent.relative_to(ROOT).as_posix()
        if folder.split("/")[0] in ("tests", "bench", "tools", "build", ".venv", "venv"):
            continue
        assert folder in ada, f"{folder} tidak ada di wheel"
    assert "lkjip_tui/app.tcss" in nama
    assert any(n.startswith("store/data/") and n.endswith(".json") for n in nama)


def test_wheel_installed_outside_checkout(bangunan, folder_kerja, tmp_path):
    """pip install of the built wheel (not editable) into a fresh venv, used from a decoy folder."""
    v = tmp_path / "venv"
    venv.create(v, with_pip=True)
    py = v / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-index", "--find-links",
                    str(bangunan["wheelhouse"]), str(bangunan["wheel"])], check=True, capture_output=True)
    env = dict(folder_kerja["env"], PATH=f"{py.parent}{os.pathsep}{folder_kerja['env'].get('PATH', '')}")
    lkjip = [str(py.parent / "lkjip")]
    _periksa_perintah(lkjip, folder_kerja["cwd"], env, tmp_path)
    # `python -m lkjip_tui` puts the working folder first on sys.path: ours must still win
    r = _jalankan([str(py), "-m", "lkjip_tui", "--version"], folder_kerja["cwd"], env)
    assert r.stdout.strip() == f"lkjip {__version__}"
    _, layar = layar_pertama([*lkjip, "--demo"], folder_kerja["cwd"], env, [b"Beranda", b"Balikpapan Selatan"])
    assert b"Traceback" not in layar


def test_pyz_offline_isolated(bangunan, folder_kerja, tmp_path):
    """tools/pyz.py builds dist/lkjip-<versi>.pyz with no index; it runs under ``python -I``."""
    out = tmp_path / "dist"
    subprocess.run([sys.executable, str(bangunan["src"] / "tools" / "pyz.py"), "--out", str(out),
                    "--wheelhouse", str(bangunan["wheelhouse"])], check=True, capture_output=True,
                   cwd=bangunan["src"])
    pyz = out / f"lkjip-{__version__}.pyz"
    assert pyz.is_file()
    assert (out / "lkjip.bat").read_bytes().count(b"\r\n") >= 3  # CRLF for cmd.exe
    shiv = tmp_path / "shiv"
    env = dict(folder_kerja["env"], SHIV_ROOT=str(shiv))
    lkjip = [sys.executable, "-I", str(pyz)]
    # the first start unpacks what a run uses, not the Typst compiler (issue 20.5: 56 MiB before)
    _jalankan([*lkjip, "--version"], folder_kerja["cwd"], env)
    terbongkar = [f for f in shiv.rglob("*") if f.is_file()]
    assert sum(f.stat().st_size for f in terbongkar) < 32 * 2**20
    assert not [f for f in terbongkar if f.parent.name == "typst" and f.suffix in (".so", ".pyd")]
    # the pure-Python packages are one zip, not a file each, and python-docx waits for the first
    # Word document (issue 20.5: 1,338 files before)
    assert len(terbongkar) < 120, len(terbongkar)
    assert not [f for f in terbongkar if f.parent.name in ("docx", "lxml", "python_calamine") and f.name != "__init__.py"]
    nama = {f.relative_to(shiv).as_posix().split("site-packages/", 1)[-1] for f in terbongkar}
    assert not [n for n in nama if n.split("/")[0] in ("textual", "rich", "lkjip_tui", "store", "exports")]
    (pustaka,) = [f for f in terbongkar if f.name == "lkjip-pustaka.zip"]
    with zipfile.ZipFile(pustaka) as z, zipfile.ZipFile(pustaka.with_name("lkjip-sumber.zip")) as zs:
        dalam = set(z.namelist())
        sumber = set(zs.namelist())
        # bytecode beside its source (zipimport's layout), unchecked-hash (flags 0b01): made by
        # this Python, so no start compiles a module it imports from the zip
        assert int.from_bytes(z.read("lkjip_tui/app.pyc")[4:8], "little") == 1
    assert {"textual/app.pyc", "rich/console.pyc", "exports/pdf.typ"} <= dalam
    # the sources apart, for tracebacks (the traceback below shows a line of TinyDB's)
    assert not [n for n in dalam if n.endswith(".py")] and {"textual/app.py", "tinydb/utils.py"} <= sumber
    # never imported by a run: lxml's C headers, Pygments' other lexers, Textual's Markdown parser
    assert not [n for n in nama | dalam if n.startswith(("lxml/includes/", "markdown_it/", "mdurl/")) or n.endswith(".pxd")]
    assert "pygments/lexers/python.pyc" in dalam and "pygments/lexers/javascript.pyc" not in dalam
    # and a run imports them from there, the bytecode, not the source
    r = _jalankan([*lkjip, "-c", _ASAL], folder_kerja["cwd"], dict(env, SHIV_INTERPRETER="1"))
    for asal in r.stdout.split():
        assert asal.startswith(str(pustaka)) and asal.endswith(".pyc"), r.stdout
    _periksa_perintah(lkjip, folder_kerja["cwd"], env, tmp_path)  # its export makes a PDF with Typst
    assert [f for f in shiv.rglob("*") if f.parent.name == "typst" and f.suffix in (".so", ".pyd")]
    assert [f for f in shiv.rglob("*") if f.as_posix().endswith("docx/templates/default-styles.xml")]
    # python-calamine, unpacked when `lkjip import` first reads a workbook, reads the one exported
    baca = f"import python_calamine as c; print(len(c.load_workbook({str(tmp_path / 'ekspor' / 'laporan-2021.xlsx')!r}).sheet_names))"
    r = _jalankan([*lkjip, "-c", baca], folder_kerja["cwd"], dict(env, SHIV_INTERPRETER="1"))
    assert int(r.stdout) >= 20
    r = _jalankan([*lkjip, "-c", _XLSX_ANAK], folder_kerja["cwd"], dict(env, SHIV_INTERPRETER="1"))
    assert r.stdout.split() == ["[True]"], r.stdout
    # a crash's traceback is still drawn (Rich colours it with what is left of Pygments)
    r = _jalankan([*lkjip, "-c", _TRACEBACK], folder_kerja["cwd"], dict(env, SHIV_INTERPRETER="1"))
    assert "KeyError" in r.stdout and "lru" in r.stdout.lower(), r.stdout
    _, layar = layar_pertama([*lkjip, "--demo"], folder_kerja["cwd"], env, [b"Beranda", b"Balikpapan Selatan"])
    assert b"Traceback" not in layar
    # Babel's locale data pruned to what lkjip loads (issue 20.5); the commands above ran on it
    lokal = {Path(n).stem for n in zipfile.ZipFile(pyz).namelist() if "babel/locale-data/" in n and n.endswith(".dat")}
    assert {"id_ID", "id", "root"} <= lokal <= {"id_ID", "id", "root", "en", "en_US"}
    # bytecode of what lkjip loads outside the zip packed in (issue 20.5: the first start compiled
    # every module), as unchecked-hash pycs (flags 0b01), valid with the extraction's file times
    # (and of python-docx, unpacked with it)
    with zipfile.ZipFile(pyz) as z:
        for pyc in (f"site-packages/babel/__pycache__/core.{sys.implementation.cache_tag}.pyc",
                    f"nanti/docx/__pycache__/api.{sys.implementation.cache_tag}.pyc"):
            assert int.from_bytes(z.read(pyc)[4:8], "little") == 1
