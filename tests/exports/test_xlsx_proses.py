"""The XLSX writer process of a large export: same workbook, and never a failed or hung export."""

import zipfile

import pytest

import exports.run as run
from exports.run import ekspor
from exports.xlsx_proses import ProsesXlsx


def _isi(path):
    z = zipfile.ZipFile(path)
    return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}  # core.xml holds the time


@pytest.fixture
def besar(monkeypatch):
    """Every report counts as large: the workbook goes to the second process. Lists each
    process started (None: it could not start)."""
    monkeypatch.setattr(run, "BESAR", 0)
    dipakai: list[ProsesXlsx | None] = []
    asli = ProsesXlsx.mulai.__func__
    monkeypatch.setattr(ProsesXlsx, "mulai", classmethod(lambda cls, *a: dipakai.append(asli(cls, *a)) or dipakai[-1]))
    return dipakai


def test_second_process_writes_the_same_workbook(lap, tmp_path, besar):
    satu = tmp_path / "satu"
    run.BESAR, asli = 10**9, run.BESAR
    ekspor(lap, satu, ["xlsx"])
    run.BESAR = asli
    ekspor(lap, tmp_path / "dua", ["xlsx"])
    assert besar and besar[-1] is not None
    assert _isi(satu / "laporan-2021.xlsx") == _isi(tmp_path / "dua" / "laporan-2021.xlsx")
    assert besar[-1]._proses.returncode == 0  # ended and reaped before ekspor returned


def _anak() -> set[int]:
    """This process's live children (Linux /proc; elsewhere the set stays empty)."""
    import os
    from pathlib import Path
    hasil: set[int] = set()
    for f in Path(f"/proc/{os.getpid()}/task").glob("*/children"):
        hasil |= {int(x) for x in f.read_text().split()}
    return hasil


def test_cli_export_returns_with_no_process_left(lap, tmp_path, besar):
    """The process count: none left once `lkjip export` has returned (issue 20.4)."""
    from lkjip_tui import cli
    from store.repository import Repository

    db = tmp_path / "db.json"
    with Repository(db) as repo:
        repo.simpan_laporan(lap)
    sebelum = _anak()
    assert cli.main(["export", "--db", str(db), "--out", str(tmp_path / "keluar")]) == 0
    assert besar and besar[-1] is not None and besar[-1]._beres
    assert besar[-1]._proses.returncode == 0
    assert _anak() <= sebelum


def test_injected_error_ends_the_writer(lap, tmp_path, besar, monkeypatch):
    """An error half-way (here while writing the CSV, after every sheet went to the writer):
    the exception reaches the caller and the writer process has ended with it."""
    def rusak(*a, **k):
        raise RuntimeError("galat sisipan")

    monkeypatch.setattr(run, "tabel_csv_potong", rusak)
    sebelum = _anak()
    with pytest.raises(RuntimeError, match="galat sisipan"):
        ekspor(lap, tmp_path / "a")
    assert besar[-1] is not None and besar[-1]._proses.returncode is not None
    assert _anak() <= sebelum


def test_process_killed_midway_export_still_complete(lap, tmp_path, besar, monkeypatch):
    asli = ProsesXlsx.cukup

    def bunuh_lalu_cukup(self):
        self._proses.kill()
        self._proses.wait()
        asli(self)

    monkeypatch.setattr(ProsesXlsx, "cukup", bunuh_lalu_cukup)
    files = ekspor(lap, tmp_path / "a")
    assert besar[-1] is not None and besar[-1]._proses.returncode != 0
    xlsx = tmp_path / "a" / "laporan-2021.xlsx"
    assert xlsx in files
    monkeypatch.setattr(ProsesXlsx, "cukup", asli)
    ekspor(lap, tmp_path / "b", ["xlsx"])
    assert _isi(xlsx) == _isi(tmp_path / "b" / "laporan-2021.xlsx")  # written here instead, same content


def test_process_that_cannot_start_falls_back(lap, tmp_path, besar, monkeypatch):
    monkeypatch.setattr("exports.xlsx_proses.sys.executable", str(tmp_path / "tidak-ada-python"))
    files = ekspor(lap, tmp_path / "a", ["xlsx"])
    assert besar == [None] and [f.name for f in files] == ["laporan-2021.xlsx"]
    assert zipfile.ZipFile(files[0]).testzip() is None


def test_failed_export_leaves_no_process_behind(lap, tmp_path, besar):
    buntu = tmp_path / "berkas"
    buntu.write_text("bukan folder", encoding="utf-8")
    with pytest.raises(OSError):
        ekspor(lap, buntu / "keluar")
    assert besar[-1] is not None and besar[-1]._proses.poll() is not None


def test_an_exports_folder_in_the_working_directory_does_not_shadow_ours(lap, tmp_path, besar, monkeypatch):
    palsu = tmp_path / "exports"
    palsu.mkdir()
    (palsu / "__init__.py").write_text("raise ImportError('bukan paket lkjip')\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    ekspor(lap, tmp_path / "keluar", ["xlsx"])
    assert besar[-1] is not None and besar[-1]._beres  # the workbook came from the other process


def test_cancelled_export_ends_the_writer(lap, tmp_path, besar):
    """ctrl+c during a large export: the process writing the workbook is gone with it."""
    def batal(selesai, total, nama):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ekspor(lap, tmp_path / "a", on_progress=batal)
    assert besar[-1] is not None and besar[-1]._proses.poll() is not None
    assert not besar[-1]._beres


def test_small_report_written_here(lap, tmp_path, monkeypatch):
    mulai = []
    monkeypatch.setattr(ProsesXlsx, "mulai", classmethod(lambda cls, *a: mulai.append(a)))
    files = ekspor(lap, tmp_path, ["xlsx"])
    assert mulai == [] and zipfile.ZipFile(files[0]).testzip() is None
