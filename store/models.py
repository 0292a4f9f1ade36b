"""Typed records of one LKjIP report year.

Money and measures are ``Decimal``; ``None`` means "not reported" and is never read as zero.
Years are ``int`` keys. These classes are what the store hands out and takes back; the TinyDB
layout and the JSON bundle are translations of them (``store.repository``, ``store.bundle``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from operator import is_not

ARAH = ("positif", "negatif")
RUMUS_NEGATIF = ("2T-R", "T/R")
AGREGASI = ("jumlah", "terakhir", "rata-rata")
# filter(ADA, xs) / all(map(ADA, xs)): the values that are not blank (None), tested by identity
# in C; `None in xs` would compare each Decimal with None, through the numbers ABC (slow).
ADA = partial(is_not, None)

TRIWULAN = ("I", "II", "III", "IV")
BULAN = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


@dataclass
class Kepala:
    nama: str = ""
    jabatan: str = ""
    nip: str | None = None
    pangkat: str = ""  # pangkat/golongan, e.g. "Pembina Tk. I (IV/b)", under the signature


@dataclass
class Instansi:
    nama: str = ""
    pemerintah_daerah: str = ""
    kepala: Kepala = field(default_factory=Kepala)
    visi: str = ""
    misi: list[str] = field(default_factory=list)


@dataclass
class Renstra:
    mulai: int
    akhir: int
    tahun_target: list[int] = field(default_factory=list)


@dataclass
class Band:
    """One band of a category scale: value > min (or = min when termasuk_min); min None = rest."""

    label: str
    min: Decimal | None
    termasuk_min: bool = True


DEFAULT_SKALA: tuple[Band, ...] = (
    Band("Sangat Tinggi", Decimal(91), True),
    Band("Tinggi", Decimal(76), True),
    Band("Sedang", Decimal(66), True),
    Band("Rendah", Decimal(51), True),
    Band("Sangat Rendah", None, True),
)


@dataclass
class Pengaturan:
    desimal: int = 2
    skala_kategori: list[Band] | None = None  # None: DEFAULT_SKALA

    @property
    def skala(self) -> tuple[Band, ...] | list[Band]:
        return self.skala_kategori if self.skala_kategori else DEFAULT_SKALA


@dataclass
class Tujuan:
    id: str
    misi: int
    uraian: str
    indikator: list[str] = field(default_factory=list)


@dataclass
class Sasaran:
    id: str
    tujuan: str
    uraian: str


@dataclass
class Iku:
    alasan: str = ""
    formulasi: str = ""
    sumber_data: str = ""
    penanggung_jawab: str = ""


@dataclass
class Triwulan:
    target: Decimal | None = None
    realisasi: Decimal | None = None


def empat_triwulan() -> list[Triwulan]:
    return [Triwulan() for _ in TRIWULAN]


@dataclass
class Indikator:
    id: str
    sasaran: str
    uraian: str
    satuan: str = ""
    arah: str = "positif"
    rumus_negatif: str | None = None  # only meaningful for arah "negatif"; None → "2T-R"
    agregasi_triwulan: str = "jumlah"
    iku: Iku | None = None
    target: dict[int, Decimal | None] = field(default_factory=dict)
    realisasi: dict[int, Decimal | None] = field(default_factory=dict)
    triwulan: dict[int, list[Triwulan]] = field(default_factory=dict)
    standar_nasional: dict[int, Decimal | None] = field(default_factory=dict)

    def triwulan_tahun(self, tahun: int) -> list[Triwulan]:
        """The four quarters of ``tahun``, created empty when missing."""
        return self.triwulan.setdefault(tahun, empat_triwulan())


@dataclass
class Subkegiatan:
    nama: str
    pagu: Decimal = Decimal(0)
    realisasi: Decimal | None = None
    realisasi_bulanan: dict[int, Decimal | None] | None = None  # month 1..12
    key: str = ""  # stable id inside the database; not part of the bundle
    kode: str = ""  # Permendagri 90/2019 code, e.g. 7.01.01.2.01.0001; optional


@dataclass
class Kegiatan:
    nama: str
    subkegiatan: list[Subkegiatan] = field(default_factory=list)
    key: str = ""
    kode: str = ""  # Permendagri 90/2019 code, e.g. 7.01.01.2.01; optional


@dataclass
class Program:
    id: str
    nama: str
    sasaran: str
    pagu_murni: Decimal | None = None
    kegiatan: list[Kegiatan] = field(default_factory=list)
    kode: str = ""  # Permendagri 90/2019 code, e.g. 7.01.01; optional


@dataclass
class Jabatan:
    nama: str
    laki_laki: int = 0
    perempuan: int = 0


@dataclass
class UnitPegawai:
    nama: str
    jabatan: list[Jabatan] = field(default_factory=list)
    key: str = ""


@dataclass
class Pegawai:
    per_tanggal: str | None = None
    unit: list[UnitPegawai] = field(default_factory=list)


@dataclass
class KomponenAkip:
    nama: str
    bobot: Decimal
    nilai: dict[int, Decimal | None] = field(default_factory=dict)
    key: str = ""


@dataclass
class Teks:
    """One text part of the report (store/narasi.py names the parts by ``kunci``).

    ``isi`` is what the user wrote or accepted; ``draf`` is a draft written from the figures,
    kept apart so that it is never taken as the user's text."""

    kunci: str
    isi: str = ""
    draf: str | None = None


@dataclass
class Bagian:
    """One part of the report's outline (see store/narasi.py for the kinds and the default)."""

    kunci: str
    judul: str
    jenis: str = "teks"
    anak: list[Bagian] = field(default_factory=list)
    tabel: str | None = None      # jenis "tabel": the table's number in the seed's numbering
    judul_tampil: bool = True     # False: the document prints no heading for it
    opsional: bool = False        # True: an empty text is not listed as missing
    dibawa: bool = False          # True: its text is copied into the next report year


@dataclass
class Pejabat:
    """A signatory of a document of the year (the Perjanjian Kinerja)."""

    nama: str = ""
    jabatan: str = ""
    nip: str | None = None


@dataclass
class PerjanjianKinerja:
    """The year's PK as it was signed: ``tanggal`` ISO (``2021-01-04``) or a month only
    (``2021-01``, printed "Januari 2021"); pihak pertama is the head who signed it, who need
    not be the head of today."""

    tanggal: str = ""
    tempat: str = ""
    pihak_pertama: Pejabat = field(default_factory=Pejabat)
    pihak_kedua: Pejabat = field(default_factory=Pejabat)


@dataclass
class SkIku:
    """The decree that sets the unit's Indikator Kinerja Utama (printed with its annex)."""

    nomor: str = ""
    tanggal: str = ""  # ISO date
    judul: str = ""
    penetap: Pejabat = field(default_factory=Pejabat)  # who signed it (the head of that time)


@dataclass
class UnitOrganisasi:
    """One organ of the organisation structure (BAB I's list and Gambar 1.1). ``induk`` is the
    place in the list of the unit it falls under, always an earlier one (None: a top unit);
    the list's order is the positions' order. Names may repeat (every Lurah has a Seksi
    Ketentraman, as the Camat has)."""

    nama: str
    induk: int | None = None


@dataclass
class Laporan:
    """Everything of one unit for one report year (the content of one bundle)."""

    tahun: int
    instansi: Instansi = field(default_factory=Instansi)
    renstra: Renstra | None = None
    pengaturan: Pengaturan = field(default_factory=Pengaturan)
    tujuan: list[Tujuan] = field(default_factory=list)
    sasaran: list[Sasaran] = field(default_factory=list)
    indikator: list[Indikator] = field(default_factory=list)
    program: list[Program] = field(default_factory=list)
    pegawai: Pegawai = field(default_factory=Pegawai)
    evaluasi_akip: list[KomponenAkip] = field(default_factory=list)
    narasi: list[Teks] = field(default_factory=list)
    garis: list[Bagian] | None = None  # the unit's own outline; None: the default (store/narasi.py)
    organisasi: list[UnitOrganisasi] = field(default_factory=list)
    perjanjian: PerjanjianKinerja | None = None  # this year's PK; None: not entered yet
    sk_iku: SkIku | None = None
    logo: str | None = None  # the cover's logo: a PNG as base64 (store/dokumen.py limits its size)

    def __post_init__(self) -> None:
        if self.renstra is None:
            self.renstra = Renstra(self.tahun - 4, self.tahun, list(range(self.tahun - 4, self.tahun + 1)))

    # Lookups used by screens, exports and the engine alike.
    def indikator_sasaran(self, sasaran_id: str) -> list[Indikator]:
        return [i for i in self.indikator if i.sasaran == sasaran_id]

    def program_sasaran(self, sasaran_id: str) -> list[Program]:
        return [p for p in self.program if p.sasaran == sasaran_id]

    def sasaran_tujuan(self, tujuan_id: str) -> list[Sasaran]:
        return [s for s in self.sasaran if s.tujuan == tujuan_id]

    def cari_sasaran(self, sasaran_id: str) -> Sasaran | None:
        return next((s for s in self.sasaran if s.id == sasaran_id), None)

    def cari_indikator(self, indikator_id: str) -> Indikator | None:
        return next((i for i in self.indikator if i.id == indikator_id), None)

    def cari_teks(self, kunci: str) -> Teks | None:
        return next((t for t in self.narasi if t.kunci == kunci), None)

    def semua_subkegiatan(self) -> Iterator[tuple[Program, Kegiatan, Subkegiatan]]:
        for p in self.program:
            for k in p.kegiatan:
                for s in k.subkegiatan:
                    yield p, k, s
