"""lkjip's own processes (the XLSX writer, the Typst typesetter) start the real interpreter and
see every module this process sees."""

import subprocess

import pytest

from exports import anak
from exports.anak import python_anak


@pytest.mark.parametrize("executable, dasar, windows, diharapkan", [
    # a venv on Windows: Scripts\python.exe is a launcher; start the real one, told of the venv
    (r"C:\proyek\.venv\Scripts\python.exe", r"C:\Python311\python.exe", True,
     (r"C:\Python311\python.exe", {"__PYVENV_LAUNCHER__": r"C:\proyek\.venv\Scripts\python.exe"})),
    (r"C:\Python311\python.exe", r"C:\Python311\python.exe", True, (r"C:\Python311\python.exe", {})),
    ("/proyek/.venv/bin/python", "/usr/bin/python3.11", False, ("/proyek/.venv/bin/python", {})),  # POSIX: no launcher
    (r"C:\proyek\.venv\Scripts\python.exe", None, True, (r"C:\proyek\.venv\Scripts\python.exe", {})),
])
def test_child_interpreter_is_the_real_one(executable, dasar, windows, diharapkan):
    assert python_anak(executable, dasar, windows) == diharapkan


@pytest.mark.parametrize("modul", ["exports.xlsx_proses", "exports.pdf_proses"])
def test_a_child_sees_what_this_process_imports_from_a_path_added_at_run_time(modul, tmp_path, monkeypatch):
    # In the .pyz, Typst lives in shiv's site-packages, added to sys.path at start; a PDF child
    # that did not see it failed and the whole document was typeset in the app's process.
    (tmp_path / "lkjip_uji_anak.py").write_text("X = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv("PYTHONPATH", raising=False)
    baris, env = anak.perintah(modul)
    assert baris[1:] == ["-m", modul]
    r = subprocess.run([baris[0], "-c", f"import lkjip_uji_anak, {modul}"], env=env, cwd=anak.FOLDER,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
