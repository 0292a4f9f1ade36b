"""Issue 20.3: an export writes its large files in pieces and never holds them whole, with the
same bytes as written whole."""

import zipfile
from pathlib import Path

import pytest

import exports.csv_writer as csv_writer
import exports.docx_xml as docx_xml
import exports.markdown as markdown
import exports.run as run
import exports.xlsx as xlsx
from exports.run import ekspor
from tests.exports.util import laporan_jahat

FORMAT = ["md", "csv", "xlsx", "docx", "json"]


def _isi(folder: Path) -> dict[str, object]:
    """Every file's bytes; a workbook's by member, without docProps/core.xml (it holds the time)."""
    hasil: dict[str, object] = {}
    for f in sorted(folder.iterdir()):
        if f.suffix == ".xlsx":
            z = zipfile.ZipFile(f)
            hasil[f.name] = [(n, z.read(n)) for n in z.namelist() if n != "docProps/core.xml"]
        else:
            hasil[f.name] = f.read_bytes()
    return hasil


def _potongan(monkeypatch, kecil: bool) -> None:
    """Every threshold of the piecewise writers tiny (everything in pieces, the workbook in a
    second process) or huge (everything whole, in this process)."""
    n = 1 if kecil else 10**9
    monkeypatch.setattr(run, "BARIS_SIMPAN_MD", n)
    monkeypatch.setattr(run, "POTONG", 7 if kecil else n)
    monkeypatch.setattr(run, "BESAR", 0 if kecil else n)
    monkeypatch.setattr(csv_writer, "BARIS_POTONG", 2 if kecil else n)
    monkeypatch.setattr(docx_xml, "BARIS_POTONG", 2 if kecil else n)
    monkeypatch.setattr(xlsx, "SEL_PER_POTONG", 5 if kecil else n)
    monkeypatch.setattr(markdown, "BARIS_KELOMPOK", 1 if kecil else n)


@pytest.mark.parametrize("jahat", [False, True], ids=["contoh", "nama-jahat"])
@pytest.mark.parametrize("gaya", ["excel", "plain"])
def test_pieces_give_the_same_bytes_as_whole(lap, tmp_path, monkeypatch, jahat, gaya):
    laporan = laporan_jahat() if jahat else lap
    _potongan(monkeypatch, kecil=False)
    ekspor(laporan, tmp_path / "utuh", FORMAT, csv_gaya=gaya)
    _potongan(monkeypatch, kecil=True)
    ekspor(laporan, tmp_path / "potong", FORMAT, csv_gaya=gaya)
    utuh, potong = _isi(tmp_path / "utuh"), _isi(tmp_path / "potong")
    assert list(utuh) == list(potong)
    for nama in utuh:
        assert utuh[nama] == potong[nama], nama


def test_large_files_are_written_in_pieces(tmp_path, monkeypatch):
    """Bytes held, counted: a large table's Markdown and CSV, the whole report's Markdown and
    the bundle reach the disk in pieces (POTONG characters, a group of lines or an item over;
    BARIS_POTONG rows of a CSV), never as one string; only small files and the zipped Word and Excel files
    go whole."""
    from bench.synth import buat_laporan_kota
    from store import berkas

    lap = buat_laporan_kota(2500, 20)
    monkeypatch.setattr(run, "POTONG", 20_000)
    monkeypatch.setattr(csv_writer, "BARIS_POTONG", 100)
    monkeypatch.setattr(markdown, "BARIS_KELOMPOK", 50)
    monkeypatch.setattr(run, "BESAR", 0)  # the bundle made ahead while the XLSX process works
    potongan: dict[str, list[int]] = {}
    asli = berkas.tulis_sementara

    def catat(path, data, pribadi=False):
        if isinstance(data, bytes):
            potongan[Path(path).name] = [len(data)]
            return asli(path, data, pribadi)
        isi = potongan[Path(path).name] = []
        return asli(path, (isi.append(len(p)) or p for p in data), pribadi)

    monkeypatch.setattr(berkas, "tulis_sementara", catat)
    monkeypatch.setattr(run, "tulis_sementara", catat)
    ekspor(lap, tmp_path, FORMAT)
    besar = {n: p for n, p in potongan.items() if sum(p) > 100_000}
    assert {"laporan-2025.md", "tabel-2.2.md", "tabel-2.2.csv", "tabel-3.125.md", "tabel-3.125.csv",
            "lkjip-2025.json"} <= set(besar)
    for nama, p in besar.items():
        if nama.endswith((".docx", ".xlsx")):
            continue  # compressed: a tenth of the text, made whole
        assert len(p) >= 5 and max(p) <= 80_000, nama  # a program of the bundle is ~40 KB
    assert not list(tmp_path.glob(".*.tmp"))


def test_bundle_made_ahead_is_deleted_when_the_export_stops(lap, tmp_path, monkeypatch):
    """The bundle is written to its temp file while the XLSX process finishes; an export that
    fails after that leaves no temp file behind."""
    from exports.xlsx_proses import ProsesXlsx

    monkeypatch.setattr(run, "BESAR", 0)

    def gagal(self):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ProsesXlsx, "selesai", gagal)
    with pytest.raises(OSError):
        ekspor(lap, tmp_path, ["xlsx", "json"])
    assert not list(tmp_path.glob(".*.tmp")) and not (tmp_path / "lkjip-2021.json").exists()
