import os

import pytest

from exports.run import (
    BerkasDipakai,
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
    assert names == nama_berkas(lap, ("md", "csv", "xlsx", "docx", "pdf", "json"))
    assert len(names) == 23 * 2 + 5 and "laporan-2021.md" in names and "laporan-2021.xlsx" in names
    assert "laporan-2021.docx" in names and (out / "laporan-2021.pdf").read_bytes().startswith(b"%PDF-")
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
    with pytest.raises(EksporTidakSah, match="Format tidak dikenal: odt"):
        ekspor(lap, tmp_path / "x", "md,odt")
    with pytest.raises(EksporTidakSah, match="Gaya CSV"):
        ekspor(lap, tmp_path / "x", "csv", csv_gaya="tab")
    assert not (tmp_path / "x").exists()
    assert baca_format("MD, csv,md") == ["md", "csv"]
    assert baca_tabel(lap, None) is None


def test_empty_database_exports_headers(tmp_path):
    lap = Laporan(2024)
    files = ekspor(lap, tmp_path)
    assert len(files) == 11 * 2 + 5
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
    asli = run.ProsesXlsx.mulai.__func__
    monkeypatch.setattr(run.ProsesXlsx, "mulai", classmethod(lambda cls, *a: dipakai.append(asli(cls, *a)) or dipakai[-1]))
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


def test_file_open_in_excel_named_others_written(lap, tmp_path, tertahan):
    """Excel holds laporan-2021.xlsx: it stays whole as it was, the message names it and says
    to close it in Excel; every other file is written."""
    ekspor(lap, tmp_path, ["md", "xlsx", "json"], "3.2")
    xlsx = tmp_path / "laporan-2021.xlsx"
    lama = xlsx.read_bytes()
    (tmp_path / "tabel-3.2.md").write_bytes(b"lama")
    tertahan.tahan(xlsx)
    with pytest.raises(BerkasDipakai) as e:
        ekspor(lap, tmp_path, ["md", "xlsx", "json"], "3.2")
    pesan = str(e.value)
    assert "laporan-2021.xlsx" in pesan and "tutup berkas itu di Excel lalu ekspor lagi" in pesan
    assert "\n" not in pesan and "2 berkas lain sudah ditulis" in pesan
    assert [p.name for p in e.value.ditulis] == ["tabel-3.2.md", "lkjip-2021.json"]
    assert xlsx.read_bytes() == lama
    assert (tmp_path / "tabel-3.2.md").read_bytes().startswith(b"**Tabel 3.2.")
    assert sorted(os.listdir(tmp_path)) == ["laporan-2021.xlsx", "lkjip-2021.json", "tabel-3.2.md"]  # no temp files


def test_file_held_for_a_moment_is_replaced(lap, tmp_path, tertahan):
    ekspor(lap, tmp_path, ["json"])
    tertahan.tahan(tmp_path / "lkjip-2021.json", kali=2)  # an antivirus scan: the retry waits it out
    assert [p.name for p in ekspor(lap, tmp_path, ["json"])] == ["lkjip-2021.json"]
    assert len(tertahan.ditolak) == 2


def test_year_without_renstra_exports_its_tables(lap, tmp_path):
    """A year under construction may have no Renstra yet (UbahKepala can clear it): every table
    still exports in md, csv and xlsx; Tabel 2.1 has no Renstra target years and its caption
    a '-' for the period, Tabel 3.5 the report year's realisasi alone."""
    import zipfile

    from exports.builders import nomor_tabel

    lap.renstra = None
    files = ekspor(lap, tmp_path, ["md", "csv", "xlsx"], nomor_tabel(lap))
    assert [f.name for f in files] == nama_berkas(lap, ("md", "csv", "xlsx"), nomor_tabel(lap))
    md = (tmp_path / "tabel-2.1.md").read_text(encoding="utf-8")
    assert "Tahun -**" in md and "Target 20" not in md
    assert "Realisasi 2021" in (tmp_path / "tabel-3.5.md").read_text(encoding="utf-8")
    assert "Realisasi 2020" not in (tmp_path / "tabel-3.5.md").read_text(encoding="utf-8")
    assert (tmp_path / "tabel-2.1.csv").read_bytes().startswith("\ufeffTujuan;".encode())
    assert "xl/worksheets/sheet1.xml" in zipfile.ZipFile(tmp_path / "laporan-2021.xlsx").namelist()
