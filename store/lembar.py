"""A spreadsheet's sheets as rows of Python values, whatever wrote it: XLSX/XLSM/XLS/ODS through
python-calamine (no Excel needed, fast enough for a year of transactions), CSV through the
csv module in either the Indonesian style (``;`` between fields, decimal comma) or the plain
one (``,`` and decimal point).

Row numbers are the sheet's own (row 1 is the first row), so a message can say where to look.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

EKSTENSI_BUKU = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
EKSTENSI = EKSTENSI_BUKU | {".csv", ".txt"}


class LembarTidakTerbaca(Exception):
    """The file cannot be read as a spreadsheet; the message says why, in one line."""


@dataclass
class Lembar:
    """One sheet: ``baris[i]`` is sheet row ``i + 1``. ``desimal_koma``: text numbers in it
    are written the Indonesian way (a CSV with ``;``); None: decide per value."""

    nama: str
    baris: Sequence[Sequence[object]] = field(default_factory=list)
    desimal_koma: bool | None = None


def baca_lembar(path: str | Path) -> list[Lembar]:
    """Every sheet of ``path``. Raises :class:`LembarTidakTerbaca`."""
    path = Path(path)
    if not path.is_file():
        raise LembarTidakTerbaca(f"berkas {path} tidak ditemukan")
    ext = path.suffix.lower()
    if ext not in EKSTENSI:
        raise LembarTidakTerbaca(f"{path.name}: jenis berkas {ext or '(tanpa akhiran)'} tidak dikenal; "
                                 "pakai XLSX, XLS, ODS atau CSV")
    if ext in EKSTENSI_BUKU:
        return _baca_buku(path)
    return [_baca_csv(path)]


def _baca_buku(path: Path) -> list[Lembar]:
    from python_calamine import CalamineWorkbook  # imported here: only an import needs it

    try:
        buku = CalamineWorkbook.from_path(str(path))
        hasil = []
        for nama in buku.sheet_names:
            # skip_empty_area=False: keep leading empty rows, so row numbers are the sheet's
            hasil.append(Lembar(nama, buku.get_sheet_by_name(nama).to_python(skip_empty_area=False)))
        return hasil
    except OSError as e:
        raise LembarTidakTerbaca(f"{path.name} tidak dapat dibaca: {e.strerror or e}") from None
    except Exception as e:  # calamine's own errors: a damaged or password-protected workbook
        alasan = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise LembarTidakTerbaca(f"{path.name} bukan buku kerja yang dapat dibaca ({alasan})") from None


def _baca_csv(path: Path) -> Lembar:
    try:
        mentah = path.read_bytes()
    except OSError as e:
        raise LembarTidakTerbaca(f"{path.name} tidak dapat dibaca: {e.strerror or e}") from None
    if b"\x00" in mentah[:4096]:
        raise LembarTidakTerbaca(f"{path.name} bukan berkas teks CSV (isinya biner)")
    try:
        teks = mentah.decode("utf-8-sig")
    except UnicodeDecodeError:
        teks = mentah.decode("cp1252", errors="replace")  # Excel's "CSV" on an Indonesian Windows
    contoh = teks[:8192]
    # The separator that occurs most on the first lines; ";" is what Indonesian Excel writes.
    pisah = max((";", ",", "\t"), key=contoh.count)
    baris = [list(r) for r in csv.reader(io.StringIO(teks, newline=""), delimiter=pisah)]
    return Lembar(path.stem, baris, desimal_koma=True if pisah == ";" else False if pisah == "," else None)
