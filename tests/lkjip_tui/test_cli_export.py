"""``lkjip export``: every format from the command line; bad choices are one Indonesian line, exit 2."""

import csv
import io
from pathlib import Path

from openpyxl import load_workbook

from lkjip_tui.cli import main


def impor(fixture_path, tmp_path):
    db = tmp_path / "db.json"
    assert main(["import", str(fixture_path), "--db", str(db)]) == 0
    return db


def test_export_all_formats(fixture_path, tmp_path, capsys):
    db = impor(fixture_path, tmp_path)
    capsys.readouterr()
    out = tmp_path / "out"
    assert main(["export", "--db", str(db), "--format", "md,csv,xlsx,json", "--out", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == 49 and str(out / "tabel-3.17.md") in printed
    assert "24.246.540.687" in (out / "tabel-3.17.md").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO((out / "tabel-1.1.csv").read_text(encoding="utf-8-sig"), newline=""),
                           delimiter=";"))
    assert rows[-1] == ["", "Total Pegawai", "61", "59", "120"]
    wb = load_workbook(out / "laporan-2021.xlsx")
    assert wb["Tabel 3.9"]["E4"].value == 10.06
    assert "BAB IV" in (out / "laporan-2021.md").read_text(encoding="utf-8")


def test_export_pdf_says_what_remains_to_fill_in(fixture_path, tmp_path, capsys):
    """The PDF is written; stdout stays the list of files, and one line on stderr says how many
    placeholders and drafts the document still holds (the fixture has no texts yet)."""
    db = impor(fixture_path, tmp_path)
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--format", "pdf", "--out", str(tmp_path / "o")]) == 0
    keluar = capsys.readouterr()
    assert keluar.out.split() == [str(tmp_path / "o" / "laporan-2021.pdf")]
    assert (tmp_path / "o" / "laporan-2021.pdf").read_bytes().startswith(b"%PDF-")
    baris = keluar.err.strip().splitlines()
    assert len(baris) == 2 and baris[1].startswith("Tahun 2021 ")  # the year exported, and how many files
    assert baris[0].startswith("Dokumen laporan masih memuat ") and "draf belum diterima" in baris[0]
    assert main(["export", "--db", str(db), "--format", "csv", "--out", str(tmp_path / "c")]) == 0
    assert "Dokumen laporan" not in capsys.readouterr().err  # tables only: no document, nothing to say


def test_export_selection_plain_csv(fixture_path, tmp_path, capsys):
    db = impor(fixture_path, tmp_path)
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--format", "csv", "--tabel", "3.2,3.17", "--csv", "plain",
                 "--out", str(tmp_path / "o")]) == 0
    assert capsys.readouterr().out.split() == [str(tmp_path / "o" / "tabel-3.2.csv"), str(tmp_path / "o" / "tabel-3.17.csv")]
    assert "95.95" in (tmp_path / "o" / "tabel-3.2.csv").read_text(encoding="utf-8")


def test_unknown_format_table_or_csv_style(fixture_path, tmp_path, capsys):
    db = impor(fixture_path, tmp_path)
    capsys.readouterr()
    for args, pesan in ((["--format", "odt"], "Format tidak dikenal: odt"),
                        (["--tabel", "3.2,3.99"], "Tabel tidak dikenal: 3.99"),
                        (["--csv", "tab"], "Gaya CSV tidak dikenal: tab")):
        assert main(["export", "--db", str(db), "--out", str(tmp_path / "x"), *args]) == 2
        err = capsys.readouterr().err
        assert pesan in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x").exists()


def _dokumen(monkeypatch, tmp_path):
    """The user's documents folder, in tmp_path (platformdirs asks the system otherwise)."""
    import lkjip_tui.paths as paths
    dok = tmp_path / "Dokumen"
    monkeypatch.setattr(paths, "user_documents_path", lambda: dok)
    return dok


def test_export_without_out_goes_where_f9_writes(fixture_path, tmp_path, capsys, monkeypatch):
    """One default folder for `lkjip export` and F9 (issue 22.2): ~/Documents/lkjip-laporan-<tahun>."""
    dok = _dokumen(monkeypatch, tmp_path)
    db = impor(fixture_path, tmp_path)
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--format", "csv,json"]) == 0
    folder = dok / "lkjip-laporan-2021"
    assert str(folder / "lkjip-2021.json") in capsys.readouterr().out.splitlines()
    assert (folder / "tabel-3.2.csv").exists()
    assert not list(tmp_path.glob("tabel-*")) and not list(tmp_path.glob("lkjip-2021.json"))  # not the current folder


def test_export_help_names_every_format_and_the_default_folder(tmp_path, capsys, monkeypatch):
    import pytest

    from exports.format import FORMAT
    dok = _dokumen(monkeypatch, Path(tmp_path.anchor))  # short: argparse does not wrap it (only named, not written)
    with pytest.raises(SystemExit) as e:
        main(["export", "--help"])
    assert e.value.code == 0
    bantuan = " ".join(capsys.readouterr().out.split())  # argparse wraps lines
    assert "Word (DOCX)" in bantuan and all(f"{f}:" in bantuan for f in FORMAT)
    assert f"Tanpa --out berkas ditulis ke {dok / 'lkjip-laporan-TAHUN'}" in bantuan
    assert "F9 Laporan" in bantuan
