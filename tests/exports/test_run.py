import os

import pytest

from exports.run import (
    EksporTidakSah,
    baca_format,
    baca_tabel,
    ekspor,
    nama_berkas,
    pratinjau,
)
from store.models import Laporan


def test_all_formats_files_and_progress(lap, tmp_path):
    calls = []
    out = tmp_path / "baru" / "dalam"
    files = ekspor(lap, out, on_progress=lambda d, t, n: calls.append((d, t, n)))
    names = [f.name for f in files]
    assert names == nama_berkas(lap, ("md", "csv", "xlsx", "docx", "json"))
    assert len(names) == 23 * 2 + 4 and "laporan-2021.md" in names and "laporan-2021.xlsx" in names
    assert "laporan-2021.docx" in names
    assert calls[-1] == (len(names), len(names), "lkjip-2021.json") and [c[0] for c in calls] == list(range(1, len(names) + 1))
    assert sorted(os.listdir(out)) == sorted(names)  # no temporary files left behind
    assert "95,95" in (out / "tabel-3.2.md").read_text(encoding="utf-8")


def test_selection_replaces_existing_file_whole(lap, tmp_path):
    (tmp_path / "tabel-3.2.csv").write_bytes(b"lama")
    files = ekspor(lap, tmp_path, ["csv"], "3.2, Tabel 3.17.", csv_gaya="plain")
    assert [f.name for f in files] == ["tabel-3.2.csv", "tabel-3.17.csv"]
    assert (tmp_path / "tabel-3.2.csv").read_bytes().startswith(b"No.,Sasaran")


def test_unknown_choices_refused_before_writing(lap, tmp_path):
    with pytest.raises(EksporTidakSah, match="Tabel tidak dikenal: 3.18, 9"):
        ekspor(lap, tmp_path / "x", ["md"], "3.2,3.18,9")
    with pytest.raises(EksporTidakSah, match="Format tidak dikenal: pdf"):
        ekspor(lap, tmp_path / "x", "md,pdf")
    with pytest.raises(EksporTidakSah, match="Gaya CSV"):
        ekspor(lap, tmp_path / "x", "csv", csv_gaya="tab")
    assert not (tmp_path / "x").exists()
    assert baca_format("MD, csv,md") == ["md", "csv"]
    assert baca_tabel(lap, None) is None


def test_empty_database_exports_headers(tmp_path):
    lap = Laporan(2024)
    files = ekspor(lap, tmp_path)
    assert len(files) == 11 * 2 + 4
    assert "| No.   | Sasaran Strategis   |" in (tmp_path / "tabel-3.2.md").read_text(encoding="utf-8")


def test_preview(lap):
    assert pratinjau(lap, "3.2").startswith("**Tabel 3.2.")
    assert "│" in pratinjau(lap, "3.2", "teks")
    with pytest.raises(EksporTidakSah):
        pratinjau(lap, "4.1")


def test_large_report_path_second_process_same_files(lap, tmp_path, monkeypatch):
    """The XLSX-in-a-spawned-process path writes the same files, in the same order, with progress."""
    import zipfile

    import exports.run as run

    satu = ekspor(lap, tmp_path / "satu")
    monkeypatch.setattr(run, "BESAR", 0)
    dipakai = []
    asli = run._proses_xlsx
    monkeypatch.setattr(run, "_proses_xlsx", lambda *a: dipakai.append(asli(*a)) or dipakai[-1])
    calls = []
    dua = ekspor(lap, tmp_path / "dua", on_progress=lambda d, t, n: calls.append(n))
    assert dipakai and dipakai[0] is not None
    assert [f.name for f in dua] == [f.name for f in satu] == calls
    for a, b in zip(satu, dua):
        if a.suffix == ".xlsx":
            za, zb = zipfile.ZipFile(a), zipfile.ZipFile(b)
            assert za.namelist() == zb.namelist()
            assert all(za.read(n) == zb.read(n) for n in za.namelist() if n != "docProps/core.xml")
        else:
            assert a.read_bytes() == b.read_bytes(), a.name
    assert sorted(os.listdir(tmp_path / "dua")) == sorted(f.name for f in dua)
