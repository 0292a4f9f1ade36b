"""Budget and realisation rows from the finance system's spreadsheets (SIPD-RI) or an office's own.

Two SIPD-RI files are known by their header text, wherever the header row is:

- the budget "rekap" (header in row 1, one row per rekening/paket, ``PAGU``): the pagu of a
  subkegiatan is the sum of its rekening rows; rows of the hierarchy itself have an empty
  ``KODE REKENING`` and are skipped (they would count the money twice);
- "Laporan Realisasi Per Dokumen" (title and filters above, header in row 5, one document per
  row): ``Nilai Realisasi`` minus ``Nilai Setoran`` on ``Tanggal Dokumen``. A setoran is
  money paid back to the regional treasury (unspent UP/GU/TU cash, a returned payment): it
  lowers the realisasi on the day it is paid back, as the finance system's own totals do.

Any other sheet is read through a :class:`Peta` the user made once (which column is the code,
the amount, the name, the date), remembered by the header's fingerprint (:func:`sidik`).

Codes are matched, never names (they change between years). :func:`normal_kode` makes the
same code look the same however it was written: spaces removed, a number cell read back as
text, every numeric part padded to the Permendagri 90/2019 widths, so the older two-digit
subkegiatan part (``7.01.01.2.01.01``, before Kepmendagri 050-5889/2021) reads as ``...0001``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .lembar import Lembar, LembarTidakTerbaca, baca_lembar
from .numbers import AngkaTidakSah, format_bebas, parse_angka

BARIS_CARI = 30  # the header is looked for in this many rows from the top
LEBAR_KODE = (1, 2, 2, 1, 2, 4)  # urusan.bidang.program.kegiatan(2 parts).subkegiatan
BAGIAN_SUB = 6


@dataclass(frozen=True)
class Peta:
    """Which column holds what (header texts as :func:`normal_kepala` writes them).

    ``isi``: "pagu" or "realisasi". ``rekening``: rows where it is blank are hierarchy rows.
    ``unik``: columns that together must not repeat (a row given twice would count twice)."""

    kode: str
    jumlah: str
    isi: str = "realisasi"
    nama: str | None = None
    tanggal: str | None = None
    setoran: str | None = None
    rekening: str | None = None
    tahun: str | None = None
    unik: tuple[str, ...] = ()
    judul: str = "lembar sendiri"

    def kolom(self) -> list[str]:
        return [k for k in (self.kode, self.jumlah, self.nama, self.tanggal, self.setoran, self.rekening,
                            self.tahun) if k]

    def ke_dict(self) -> dict[str, str]:
        return {k: v for k, v in (("kode", self.kode), ("jumlah", self.jumlah), ("isi", self.isi),
                                  ("nama", self.nama), ("tanggal", self.tanggal)) if v}

    @classmethod
    def dari_dict(cls, d: Mapping[str, str]) -> Peta:
        return cls(kode=normal_kepala(d["kode"]), jumlah=normal_kepala(d["jumlah"]), isi=d.get("isi", "realisasi"),
                   nama=normal_kepala(d["nama"]) if d.get("nama") else None,
                   tanggal=normal_kepala(d["tanggal"]) if d.get("tanggal") else None)


REKAP = Peta(kode="kode sub kegiatan", nama="nama sub kegiatan", jumlah="pagu", isi="pagu",
             rekening="kode rekening", tahun="tahun",
             unik=("kode sub kegiatan", "kode rekening", "kode sumber dana", "paket/kelompok",
                   "nama paket/kelompok"), judul="rekap anggaran SIPD-RI")
REALISASI = Peta(kode="kode sub kegiatan", nama="nama sub kegiatan", jumlah="nilai realisasi",
                 setoran="nilai setoran", tanggal="tanggal dokumen", isi="realisasi",
                 judul="Laporan Realisasi Per Dokumen SIPD-RI")
DIKENAL = (REKAP, REALISASI)
ISI = ("pagu", "realisasi")


class BerkasTidakSah(Exception):
    """The file cannot be used at all (unreadable, no known header): one line, nothing changed."""


class PerluPeta(BerkasTidakSah):
    """The header is not known: the user maps the columns once (``kepala``: the candidates)."""

    def __init__(self, pesan: str, kepala: list[str], sidik: str | None):
        super().__init__(pesan)
        self.kepala = kepala
        self.sidik = sidik


@dataclass(frozen=True)
class Baris:
    """One usable row: ``jumlah`` is the pagu, or the realisasi net of setoran."""

    nomor: int
    kode: str
    nama: str
    jumlah: Decimal
    tanggal: dt.date | None = None


@dataclass
class Berkas:
    nama: str
    lembar: str
    peta: Peta
    sidik: str
    baris_kepala: int
    baris: list[Baris] = field(default_factory=list)
    dilewati: list[tuple[int, str]] = field(default_factory=list)
    masalah: list[tuple[int, str]] = field(default_factory=list)
    kosong: int = 0  # empty rows (not listed)

    @property
    def isi(self) -> str:
        return self.peta.isi


# ------------------------------------------------------------------ texts, codes, numbers, dates
def normal_kepala(x: object) -> str:
    return " ".join(str(x).split()).casefold() if x is not None else ""


def padat(x: object) -> str:
    """A header text reduced to letters and digits: "Kode Subkegiatan", "KODE SUB KEGIATAN" and
    "Kode_Sub_Kegiatan" are one column (exports spell their headers a little differently)."""
    return re.sub(r"[\W_]+", "", str(x).casefold()) if x is not None else ""


def _indeks_kepala(row: Iterable[object]) -> dict[str, int]:
    hasil: dict[str, int] = {}
    for i, x in enumerate(row):
        p = padat(x)
        if p:
            hasil.setdefault(p, i)  # a column named twice: the first one
    return hasil


def sidik(kepala: Iterable[object]) -> str:
    """A header row's fingerprint: its non-blank texts, normalised, in order."""
    return "|".join(t for t in (normal_kepala(x) for x in kepala) if t)


def normal_nama(x: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", x.casefold()).split())


_KODE = re.compile(r"[0-9A-Za-z]+(\.[0-9A-Za-z]+)*")


def normal_kode(x: object) -> str | None:
    """The code in canonical form, "" for a blank cell, None when it is not a code at all."""
    if x is None or x == "":
        return ""
    if isinstance(x, bool):
        return None
    if isinstance(x, int):
        teks = str(x)
    elif isinstance(x, float):
        teks = str(int(x)) if x.is_integer() else repr(x)
    else:
        t = str(x).replace("\u00a0", " ").strip()
        kepala, _, sisa = t.partition(" ")
        if _KODE.fullmatch(kepala.strip(".")) and re.match(r"[^\W\d_]{2}", sisa.strip()):
            teks = kepala.strip(".")  # "7.01.01.2.01.0001 Penyusunan ...": code and name in one cell
        else:
            teks = re.sub(r"\s+", "", t).strip(".")  # stray spaces inside a code
    if not teks:
        return ""
    if not _KODE.fullmatch(teks) or not any(c.isdigit() for c in teks):
        return None
    bagian = teks.split(".")
    for i, b in enumerate(bagian):
        if b.isdigit():
            lebar = LEBAR_KODE[i] if i < len(LEBAR_KODE) else len(b)
            bagian[i] = b.zfill(lebar)
        else:
            bagian[i] = b.upper()
    return ".".join(bagian)


def kode_induk(kode: str, bagian: int) -> str:
    return ".".join(kode.split(".")[:bagian])


BULAN_TEKS = {
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8,
    "agt": 8, "ags": 8, "agus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "oct": 10, "november": 11, "nov": 11, "nop": 11, "desember": 12, "des": 12, "dec": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8, "october": 10,
    "december": 12,
}
_TGL_TEKS = re.compile(r"(\d{1,2})[\s\-/]+([A-Za-z]+)\.?[\s\-/,]+(\d{4})")
_TGL_ANGKA = re.compile(r"(\d{1,4})[\-/.](\d{1,2})[\-/.](\d{1,4})")
_EXCEL_0 = dt.date(1899, 12, 30)


def baca_tanggal(x: object) -> dt.date | None:
    """A date however the sheet holds it: a date cell, "15 Januari 2021" (also "15 Jan 2021",
    "Senin, 15 Januari 2021"), 15-01-2021, 15/01/2021, 2021-01-15, or an unformatted Excel
    serial number. None when blank; ValueError when it cannot be a date."""
    if x is None or x == "":
        return None
    if isinstance(x, dt.datetime):
        return x.date()
    if isinstance(x, dt.date):
        return x
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        if 20000 <= x <= 80000:  # 1954..2119 as Excel counts days
            return _EXCEL_0 + dt.timedelta(days=int(x))
        raise ValueError(f"{format_bebas(Decimal(str(x)))} bukan tanggal")
    teks = str(x).strip()
    try:
        return _tanggal_teks(teks)
    except ValueError as e:
        if str(e).startswith('"'):
            raise
        raise ValueError(f'"{teks}" bukan tanggal yang ada') from None  # 31 Februari, bulan 13


def _tanggal_teks(teks: str) -> dt.date:
    if m := _TGL_TEKS.search(teks):
        bulan = BULAN_TEKS.get(m.group(2).casefold())
        if bulan is None:
            raise ValueError(f'"{teks}": nama bulan "{m.group(2)}" tidak dikenal')
        return dt.date(int(m.group(3)), bulan, int(m.group(1)))
    if m := _TGL_ANGKA.match(teks):
        a, b, c = (int(g) for g in m.groups())
        if len(m.group(1)) == 4:  # 2021-01-15
            return dt.date(a, b, c)
        if len(m.group(3)) == 4:  # 15-01-2021, day first as written in Indonesia
            return dt.date(c, a, b) if b > 12 >= a else dt.date(c, b, a)
    raise ValueError(f'"{teks}" bukan tanggal yang dikenali (mis. 15 Januari 2021 atau 15-01-2021)')


_INF = float("inf")
_POLOS = re.compile(r"-?\d+(\.\d+)?")


def baca_jumlah(x: object, desimal_koma: bool | None) -> Decimal | None:
    """An amount from a cell: a number cell as is; text the Indonesian way (``;`` CSV) or the
    plain way ("," CSV: 1500000.50). None when blank; ValueError with the reason otherwise."""
    if type(x) is float:  # the common case first: a number cell (20,000 rows, two amounts each)
        if x.is_integer():
            return Decimal(int(x))
        return _tidak_angka(x) if x != x or x in (_INF, -_INF) else Decimal(repr(x))
    if x is None or x == "":
        return None
    if isinstance(x, bool):
        raise ValueError("bukan angka")
    if isinstance(x, int):
        return Decimal(x)
    teks = str(x).strip()
    if not teks:
        return None
    if desimal_koma is False and _POLOS.fullmatch(teks.replace(",", "")):
        try:
            return Decimal(teks.replace(",", ""))
        except InvalidOperation:
            raise ValueError(f'"{teks}" bukan angka') from None
    try:
        return parse_angka(teks)
    except AngkaTidakSah as e:
        raise ValueError(str(e)) from None


def _tidak_angka(x: object) -> Decimal:
    raise ValueError(f'"{x}" bukan angka')


# ------------------------------------------------------------------ reading a file
def baca_berkas(path: str | Path, tahun: int, peta_tersimpan: Mapping[str, Mapping[str, str]] | None = None,
                peta: Peta | None = None) -> Berkas:
    """Read ``path`` into :class:`Berkas`. A known SIPD-RI header is recognised; else the
    ``peta`` given, or the one remembered for the header (``peta_tersimpan``: fingerprint →
    mapping). Raises :class:`BerkasTidakSah` (or :class:`PerluPeta` when the columns must be
    mapped first). Row problems do not raise: they are listed in ``masalah``."""
    path = Path(path)
    try:
        lembar = baca_lembar(path)
    except LembarTidakTerbaca as e:
        raise BerkasTidakSah(str(e)) from None
    calon_peta = [peta] if peta is not None else list(DIKENAL)
    for lb in lembar:
        for i, row in enumerate(lb.baris[:BARIS_CARI]):
            ada = _indeks_kepala(row)
            for p in calon_peta:
                if all(padat(k) in ada for k in p.kolom()):
                    return _baca(path, lb, i, ada, p, tahun)
            if peta is None and peta_tersimpan:
                s = sidik(row)
                if s in peta_tersimpan:
                    p = Peta.dari_dict(peta_tersimpan[s])
                    if all(padat(k) in ada for k in p.kolom()):
                        return _baca(path, lb, i, ada, p, tahun)
    if peta is not None:
        hilang = [k for k in peta.kolom() if not any(padat(k) in _indeks_kepala(r)
                                                    for lb in lembar for r in lb.baris[:BARIS_CARI])]
        raise BerkasTidakSah(f"{path.name}: kolom {', '.join(hilang)} tidak ditemukan di {BARIS_CARI} baris "
                             "teratas lembar mana pun")
    kepala, sid = _tebak_kepala(lembar)
    raise PerluPeta(f"{path.name}: kepala kolom tidak dikenali (bukan rekap anggaran atau Laporan Realisasi Per "
                    f"Dokumen SIPD-RI, lembar: {', '.join(lb.nama for lb in lembar) or 'tidak ada'}); "
                    "tentukan kolomnya sekali (kode, jumlah, nama, tanggal)", kepala, sid)


def _tebak_kepala(lembar: list[Lembar]) -> tuple[list[str], str | None]:
    """The header of an unknown sheet: its first row with three or more text cells."""
    for lb in lembar:
        for row in lb.baris[:BARIS_CARI]:
            teks = [str(x).strip() for x in row if isinstance(x, str) and x.strip()]
            if len(teks) >= 3:
                return teks, sidik(row)
    return [], None


def _baca(path: Path, lb: Lembar, i_kepala: int, ada: dict[str, int], peta: Peta, tahun: int) -> Berkas:
    kol = {k: ada[padat(k)] for k in (*peta.kolom(), *peta.unik) if padat(k) in ada}
    hasil = Berkas(path.name, lb.nama, peta, sidik(lb.baris[i_kepala]), i_kepala + 1)
    ik, ij = kol[peta.kode], kol[peta.jumlah]
    inm, itg = kol.get(peta.nama or ""), kol.get(peta.tanggal or "")
    ist, irk, ith = kol.get(peta.setoran or ""), kol.get(peta.rekening or ""), kol.get(peta.tahun or "")
    iu = [kol[k] for k in peta.unik if k in kol]
    dilihat: dict[tuple[object, ...], int] = {}
    satu_per_kode = peta.isi == "pagu" and peta.rekening is None  # an office's own list: one row each
    dk = lb.desimal_koma
    tanggal_cache: dict[object, dt.date | None] = {}
    kode_cache: dict[object, str | None] = {}
    lebar = len(lb.baris[i_kepala])
    kode_kepala = padat(peta.kode)
    for n, row in enumerate(lb.baris[i_kepala + 1:], start=i_kepala + 2):
        if len(row) < lebar:
            row = list(row) + [""] * (lebar - len(row))
        sel_kode = row[ik]
        if isinstance(sel_kode, str) and padat(sel_kode) == kode_kepala:
            hasil.dilewati.append((n, "kepala kolom berulang"))  # a page header repeated by the export
            continue
        try:  # a year of transactions repeats a few hundred codes: each is normalised once
            kode = kode_cache[sel_kode]
        except KeyError:
            kode = kode_cache[sel_kode] = normal_kode(sel_kode)
        except TypeError:  # an unhashable cell value
            kode = normal_kode(sel_kode)
        if not kode:
            if all(x is None or (isinstance(x, str) and not x.strip()) for x in row):
                hasil.kosong += 1
                continue
            teks = " ".join(str(x) for x in row if isinstance(x, str)).casefold()
            if re.search(r"\b(jumlah|total|sub ?total)\b", teks):
                hasil.dilewati.append((n, "baris jumlah"))
            elif kode is None:
                hasil.masalah.append((n, f'kode "{row[ik]}" bukan kode subkegiatan yang sah'))
            else:
                hasil.dilewati.append((n, "tanpa kode subkegiatan"))
            continue
        if kode.count(".") + 1 < BAGIAN_SUB:
            hasil.dilewati.append((n, f"kode {kode} bukan kode subkegiatan (kurang dari {BAGIAN_SUB} bagian)"))
            continue
        if irk is not None and normal_kode(row[irk]) == "":
            hasil.dilewati.append((n, "baris induk (tanpa kode rekening)"))
            continue
        if ith is not None and row[ith] not in (None, ""):
            try:
                t = int(baca_jumlah(row[ith], dk) or 0)
            except ValueError:
                t = None
            if t != tahun:
                hasil.masalah.append((n, f"tahun {row[ith]}, bukan {tahun}"))
                continue
        try:
            jumlah = baca_jumlah(row[ij], dk)
        except ValueError as e:
            hasil.masalah.append((n, f"{peta.jumlah}: {e}"))
            continue
        setoran = None
        if ist is not None:
            try:
                setoran = baca_jumlah(row[ist], dk)
            except ValueError as e:
                hasil.masalah.append((n, f"{peta.setoran}: {e}"))
                continue
        if jumlah is None and setoran is None:
            hasil.dilewati.append((n, f"{peta.jumlah} kosong"))
            continue
        if (jumlah or 0) < 0 or (setoran or 0) < 0:
            hasil.masalah.append((n, f"{peta.jumlah if (jumlah or 0) < 0 else peta.setoran} negatif "
                                     f"({format_bebas(jumlah if (jumlah or 0) < 0 else setoran)})"))
            continue
        tanggal = None
        if itg is not None:
            sel = row[itg]
            try:
                kunci = sel if isinstance(sel, (str, int, float)) else None
                tanggal = tanggal_cache[kunci] if kunci in tanggal_cache else baca_tanggal(sel)
                if kunci is not None:
                    tanggal_cache[kunci] = tanggal
            except (ValueError, TypeError) as e:
                hasil.masalah.append((n, f"{peta.tanggal}: {e}"))
                continue
            if tanggal is None:
                hasil.masalah.append((n, f"{peta.tanggal} kosong"))
                continue
            if tanggal.year != tahun:
                hasil.masalah.append((n, f"tanggal {tanggal:%d-%m-%Y} di luar tahun {tahun}"))
                continue
        if iu or satu_per_kode:
            kunci_u = tuple(normal_kepala(row[i]) for i in iu) if iu else (kode,)
            if kunci_u in dilihat:
                hasil.masalah.append((n, f"kode {kode} rangkap: sama dengan baris {dilihat[kunci_u]}"))
                continue
            dilihat[kunci_u] = n
        nama = str(row[inm]).strip() if inm is not None and row[inm] is not None else ""
        hasil.baris.append(Baris(n, kode, nama, (jumlah or Decimal(0)) - (setoran or Decimal(0)), tanggal))
    if not hasil.baris and not hasil.masalah:
        hasil.masalah.append((hasil.baris_kepala, f"lembar {lb.nama} tidak berisi baris data di bawah kepala kolom"))
    return hasil


def peta_dari_teks(teks: str) -> Peta:
    """``kode=Kode Sub,jumlah=Realisasi,nama=Uraian,tanggal=Tgl,isi=realisasi`` (the CLI's
    --kolom). ValueError with the reason."""
    d: dict[str, str] = {}
    for bagian in teks.split(","):
        if not bagian.strip():
            continue
        if "=" not in bagian:
            raise ValueError(f'"{bagian.strip()}" tidak berbentuk nama=KOLOM')
        k, v = (s.strip() for s in bagian.split("=", 1))
        if k not in ("kode", "jumlah", "nama", "tanggal", "isi"):
            raise ValueError(f'"{k}" tidak dikenal; pakai kode, jumlah, nama, tanggal, isi')
        d[k] = v
    for wajib in ("kode", "jumlah"):
        if not d.get(wajib):
            raise ValueError(f"{wajib}=KOLOM wajib ada")
    if d.get("isi", "realisasi") not in ISI:
        raise ValueError(f'isi harus pagu atau realisasi, bukan "{d["isi"]}"')
    return Peta.dari_dict(d)
