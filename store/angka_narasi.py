"""Figures typed in the report's texts that no figure of the data supports (``lkjip check``).

A text says "anggaran murni sebesar Rp. 24.834.513.737" above a table whose total lkjip derives
as 24.398.663.737: the text was typed by hand, the table is computed, and the two disagree
without anyone noticing. This lists every Rupiah amount (``Rp``, or a number of a million or
more written with thousands dots) and every percentage (``85,15%``) in the accepted texts that
equals no figure lkjip computes for the year, with the figure of the data the sentence is
about: the one the document's tables print instead, i.e. lkjip's correction of the typed
figure (SPEC §4). That is the figure of the same kind (Rupiah or %) that the words before it
name (anggaran murni, realisasi anggaran, tercapai …), of the sasaran, program, kegiatan or
indicator the sentence names (else its text part is about; else the whole unit), of the year
it names (else the report's), within 5 %; none when that is not one figure. The nearest
number alone would name another table's (a subkegiatan's serapan for a sasaran's capaian) or
another year's.

Figures come from :mod:`store.calc` only (the same the tables print); nothing here computes.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Set
from decimal import Decimal, InvalidOperation
from itertools import repeat
from typing import NamedTuple, TypeAlias, cast

from . import aturan, calc, narasi
from .models import Laporan
from .numbers import format_bebas, format_rupiah

# "Rp. 24.834.513.737,-", "Rp 7.303.930.952", or a bare 24.834.513.737 (a million or more)
_RUPIAH = re.compile(r"(?:Rp\.?\s*(\d{1,3}(?:\.\d{3})+|\d+)|(?<![\d.,])(\d{1,3}(?:\.\d{3}){2,}))(?:,(?:-|\d{2}(?!\d)))?")
_PERSEN = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})*(?:,\d+)?)\s*(?:%|persen\b)", re.IGNORECASE)
DEKAT = Decimal("0.05")  # a data figure within 5 % of a typed one is named as its likely correction

Temuan = tuple[str, str, str]  # (jenis, lokasi, pesan) as store.check.Masalah


def _angka(teks: str) -> Decimal | None:
    try:
        return Decimal(teks.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def angka_teks(isi: str) -> Iterator[tuple[str, str, Decimal]]:
    """(kind "rupiah"/"persen", as written, value) of every figure in a text, in order."""
    return ((jenis, tulis, v) for jenis, tulis, v, _letak in _angka_letak(isi))


def _angka_letak(isi: str) -> Iterator[tuple[str, str, Decimal, int]]:
    """:func:`angka_teks` with where each figure starts in the text."""
    for m in _RUPIAH.finditer(isi):
        tulis = m.group(1) or m.group(2)
        if (v := _angka(tulis)) is not None:
            yield "rupiah", tulis, v, m.start()
    for m in _PERSEN.finditer(isi):
        if (v := _angka(m.group(1))) is not None:
            yield "persen", m.group(1), v, m.start()


class AngkaData(NamedTuple):
    """One figure the year's tables print, with what a sentence about it would say (a tuple:
    a city year has tens of thousands, made in a tenth of a frozen dataclass's time)."""

    nilai: Decimal
    apa: str                      # as a message names it
    ukuran: str                   # what it measures: a value of _UKURAN (pagu, realisasi, capaian, ...)
    subjek: tuple[str, str] | None = None  # whose: ("sasaran", "S1"), ("program", "P1"), ...; None: the unit's
    tahun: int | None = None      # the year it is of, when not simply the report's
    triwulan: int | None = None   # 1..4 for a quarter's figure


Baris: TypeAlias = "tuple[str, Decimal | int, Decimal | int]"
"""A subkegiatan's (nama, pagu, realisasi) as calc.anggaran_sub gives them; whole numbers when
read from its stored row (store/check.periksa_tersimpan)."""
SubKegiatan: TypeAlias = "dict[int, list[Baris]]"
"""id() of each kegiatan of the year → its subkegiatan, in order."""


def sub_kegiatan(lap: Laporan) -> SubKegiatan:
    """The :data:`SubKegiatan` of a year loaded whole."""
    return {id(k): [(s.nama, a.pagu, a.realisasi) for s in k.subkegiatan for a in (calc.anggaran_sub(s),)]
            for p in lap.program for k in p.kegiatan}


def angka_data(lap: Laporan, sub: SubKegiatan | None = None,
               letak: dict[int, tuple[int, int]] | None = None) -> dict[str, list[AngkaData]]:
    """Every Rupiah amount and percentage the year's tables print, each with what it is.
    ``sub``: the subkegiatan's figures (by default those of ``lap``). With ``letak``, the
    subkegiatan's own figures are not listed (a city's 30,000), only where each kegiatan's
    would be: id() of the kegiatan → (place in the Rupiah list, in the % list), for
    :func:`_sisipkan`; their sums count as ever."""
    d = lap.pengaturan.desimal
    if sub is None:
        sub = sub_kegiatan(lap)
    data: dict[str, list[AngkaData]] = {"rupiah": [], "persen": []}

    def rp(v: Decimal | None, apa: str, ukuran: str, subjek: tuple[str, str] | None = None,
           tahun: int | None = None) -> None:
        if v is not None:
            data["rupiah"].append(AngkaData(v, apa, ukuran, subjek, tahun))

    def pc(v: Decimal | None, apa: str, ukuran: str, subjek: tuple[str, str] | None = None,
           tahun: int | None = None, triwulan: int | None = None) -> None:
        if v is not None:
            data["persen"].append(AngkaData(v, apa, ukuran, subjek, tahun, triwulan))

    # each kegiatan summed once (calc.anggaran_program/_sasaran/_total would sum every
    # subkegiatan again for each level): the same sums, in the same order
    per_keg = {id(k): calc.anggaran_angka([b[1] for b in sub[id(k)]], [b[2] for b in sub[id(k)]])
               for p in lap.program for k in p.kegiatan}
    per_prog = {id(p): calc.jumlah(per_keg[id(k)] for k in p.kegiatan) for p in lap.program}
    total = calc.jumlah(per_prog[id(p)] for p in lap.program)
    rp(total.pagu, "jumlah pagu anggaran", "pagu")
    rp(total.realisasi, "jumlah realisasi anggaran", "realisasi")
    rp(total.pagu - total.realisasi, "sisa anggaran", "sisa")
    pc(total.serapan(d), "realisasi anggaran keseluruhan", "serapan")
    rp(calc.jumlah_pagu_murni(lap.program), "jumlah anggaran murni program (Tabel 2.4)", "murni")
    per_sasaran: dict[str, Decimal | None] = {}  # as calc.capaian_per_sasaran, computed once
    for s in lap.sasaran:
        sj = ("sasaran", s.id)
        a = calc.jumlah(per_prog[id(p)] for p in lap.program_sasaran(s.id))
        rp(a.pagu, f"pagu sasaran {s.id}", "pagu", sj)
        rp(a.realisasi, f"realisasi sasaran {s.id}", "realisasi", sj)
        ser = a.serapan(d)
        pc(ser, f"realisasi anggaran sasaran {s.id}", "serapan", sj)
        pc(calc.porsi(a.pagu, total.pagu, d), f"porsi anggaran sasaran {s.id}", "porsi", sj)
        cap = per_sasaran[s.id] = calc.capaian_sasaran(lap, s.id)
        pc(cap, f"capaian sasaran {s.id}", "capaian", sj)
        pc(calc.efisiensi_dari(cap, ser), f"efisiensi sasaran {s.id}", "efisiensi", sj)
    pc(calc.capaian_organisasi(lap, per_sasaran=per_sasaran), "capaian organisasi", "capaian")
    for p in lap.program:
        sj = ("program", p.id)
        a = per_prog[id(p)]
        rp(p.pagu_murni, f"anggaran murni program {p.id}", "murni", sj)
        rp(a.pagu, f"pagu program {p.id}", "pagu", sj)
        rp(a.realisasi, f"realisasi program {p.id}", "realisasi", sj)
        pc(a.serapan(d), f"realisasi anggaran program {p.id}", "serapan", sj)
        for k in p.kegiatan:
            sj = ("kegiatan", k.nama)
            ak = per_keg[id(k)]
            rp(ak.pagu, f'pagu kegiatan "{k.nama}"', "pagu", sj)
            rp(ak.realisasi, f'realisasi kegiatan "{k.nama}"', "realisasi", sj)
            pc(ak.serapan(d), f'realisasi anggaran kegiatan "{k.nama}"', "serapan", sj)
            if letak is not None:
                letak[id(k)] = (len(data["rupiah"]), len(data["persen"]))
                continue
            for nama, pagu, realisasi in sub[id(k)]:
                _angka_sub(data, nama, pagu, realisasi, d)
    for i in lap.indikator:
        sj = ("indikator", i.id)
        for ukuran, per_tahun in (("target", i.target), ("realisasi", i.realisasi), ("standar", i.standar_nasional)):
            for th, v in per_tahun.items():
                apa = f"{'standar nasional' if ukuran == 'standar' else ukuran} indikator {i.id} ({th})"
                if v is not None:  # an indicator counted in Rupiah (swadaya) or in % (keluhan): one figure, in both
                    nilai = AngkaData(v, apa, ukuran, sj, th)
                    data["rupiah"].append(nilai)
                    data["persen"].append(nilai)
        for th in sorted({*i.target, *i.realisasi, *i.triwulan}):
            pc(calc.capaian_indikator(i, th, d), f"capaian indikator {i.id} ({th})", "capaian", sj, th)
            r = calc.realisasi_tahun(i, th)
            rp(r, f"realisasi indikator {i.id} ({th})", "realisasi", sj, th)
            pc(r, f"realisasi indikator {i.id} ({th})", "realisasi", sj, th)
        pc(calc.persen_perubahan(i, lap.tahun, d), f"persentase perubahan indikator {i.id}", "perubahan", sj)
        pc(calc.tingkat_kemajuan(i, lap, lap.tahun, d), f"tingkat kemajuan indikator {i.id}", "kemajuan", sj)
        for q in range(4):  # quarters 0..3
            pc(calc.capaian_triwulan(i, lap.tahun, q, d), f"capaian indikator {i.id} triwulan {q + 1}", "capaian", sj,
               triwulan=q + 1)
    for th in calc.tahun_akip(lap.evaluasi_akip):
        pc(calc.nilai_akip(lap.evaluasi_akip, th), f"nilai AKIP {th}", "akip", tahun=th)
    return data


class _Cocok:
    """Whether a typed figure is a data figure, or one rounded to the decimals written ("85,1%"
    for 85,15). The figures above the subkegiatan are few (a set, and a sorted list for the
    rounded ones); a city's 10,000 subkegiatan are looked up without listing their figures when
    they are whole numbers: a Rupiah figure in a set, a percentage among the few subkegiatan
    whose serapan is near it (calc.serapan_kira), each of them computed by calc.serapan."""

    def __init__(self, data: dict[str, list[AngkaData]], sub: SubKegiatan, desimal: int) -> None:
        self.desimal = desimal
        baris = [b for bs in sub.values() for b in bs]
        pagu, realisasi = [b[1] for b in baris], [b[2] for b in baris]
        semua = [*pagu, *realisasi]
        # whole numbers: stored rows read as such, or figures loaded that are all whole
        if set(map(type, semua)) <= {int} or aturan.rupiah_bulat_semua(semua):  # type: ignore[arg-type]
            self.pagu, self.realisasi = list(map(int, pagu)), list(map(int, realisasi))
            self.rupiah_sub: set[int] = set(self.pagu + self.realisasi)
            tambahan: dict[str, list[AngkaData]] = {}
        else:  # a figure with decimals or past the rules (an old database): listed as every other
            self.pagu = self.realisasi = []
            self.rupiah_sub = set()
            tambahan = angka_data_sub(sub, desimal)
        self.nilai = {j: {a.nilai for a in (*xs, *tambahan.get(j, ()))} for j, xs in data.items()}
        self._urut: dict[str, list[Decimal]] = {}
        self._kira: list[float] | None = None
        self._kira_urut: list[int] = []

    def __call__(self, jenis: str, v: Decimal, tulis: str) -> bool:
        if v in self.nilai[jenis] or (jenis == "rupiah" and v in self.rupiah_sub):
            return True
        desimal = len(tulis.split(",")[1]) if "," in tulis else 0
        kuantum = Decimal(1).scaleb(-desimal)
        if any(x.quantize(kuantum) == v for x in self._dekat(jenis, v)):
            return True
        # a subkegiatan's Rupiah figure is whole: rounded, it is itself (in the set above)
        return jenis == "persen" and any(x == v or (abs(x - v) < 1 and x.quantize(kuantum) == v)
                                         for x in self._serapan_dekat(v, desimal))

    def _dekat(self, jenis: str, v: Decimal) -> list[Decimal]:
        """The figures above the subkegiatan less than 1 from ``v``."""
        if jenis not in self._urut:
            nilai = self.nilai[jenis]
            if not all(x.is_finite() for x in nilai):  # NaN is not ordered: every figure, as they are
                return [x for x in nilai if abs(x - v) < 1]
            self._urut[jenis] = sorted(nilai)
        urut = self._urut[jenis]
        return urut[bisect_right(urut, v - 1):bisect_left(urut, v + 1)]

    def _serapan_dekat(self, v: Decimal, desimal: int) -> Iterator[Decimal]:
        """The serapan of every subkegiatan that may round to ``v`` written with ``desimal``
        decimals: within half a unit of its last decimal and half of the report's, and a
        margin far above a float's error."""
        if self._kira is None:
            kira = calc.serapan_kira(self.pagu, self.realisasi)
            self._kira = cast("list[float]", kira)  # those None (pagu 0) are left out of _kira_urut
            self._kira_urut = sorted((i for i, k in enumerate(kira) if k is not None), key=self._kira.__getitem__)
        lebar = 0.5 * 10.0 ** -desimal + 0.5 * 10.0 ** -self.desimal + 1e-9 * max(1.0, abs(float(v)))
        ke = self._kira.__getitem__
        awal = bisect_left(self._kira_urut, float(v) - lebar, key=ke)
        akhir = bisect_right(self._kira_urut, float(v) + lebar, key=ke)
        for i in self._kira_urut[awal:akhir]:
            x = calc.serapan(Decimal(self.pagu[i]), Decimal(self.realisasi[i]), self.desimal)
            if x is not None:
                yield x


def _angka_sub(data: dict[str, list[AngkaData]], nama: str, pagu: Decimal | int, realisasi: Decimal | int,
               desimal: int) -> None:
    sj = ("subkegiatan", nama)
    a = calc.Anggaran(Decimal(pagu), Decimal(realisasi))
    data["rupiah"].append(AngkaData(a.pagu, f'pagu subkegiatan "{nama}"', "pagu", sj))
    data["rupiah"].append(AngkaData(a.realisasi, f'realisasi subkegiatan "{nama}"', "realisasi", sj))
    if (serapan := a.serapan(desimal)) is not None:
        data["persen"].append(AngkaData(serapan, f'realisasi anggaran subkegiatan "{nama}"', "serapan", sj))


def angka_data_sub(sub: SubKegiatan, desimal: int) -> dict[str, list[AngkaData]]:
    """The subkegiatan's own figures as :func:`angka_data` lists them."""
    data: dict[str, list[AngkaData]] = {"rupiah": [], "persen": []}
    for baris in sub.values():
        for nama, pagu, realisasi in baris:
            _angka_sub(data, nama, pagu, realisasi, desimal)
    return data


def _sisipkan(data: dict[str, list[AngkaData]], letak: dict[int, tuple[int, int]], sub: SubKegiatan,
              nama_sub: Set[str], desimal: int) -> None:
    """Into ``data`` listed without the subkegiatan's figures (:func:`angka_data` with ``letak``):
    those of the subkegiatan named ``nama_sub``, where :func:`angka_data` lists them."""
    for id_k in reversed(letak):  # from the last kegiatan back: the places before stay as recorded
        if tambah := [b for b in sub[id_k] if b[0] in nama_sub]:
            rupiah, persen = letak[id_k]
            baru = angka_data_sub({id_k: tambah}, desimal)
            data["rupiah"][rupiah:rupiah] = baru["rupiah"]
            data["persen"][persen:persen] = baru["persen"]


# What a sentence says a figure is, by the words just before it ("anggaran murni sebesar Rp …",
# "atau tercapai 95,95%"): the phrase nearest the figure wins, the longer one at the same place.
_UKURAN = {
    "rupiah": {"anggaran murni": "murni", "murni": "murni", "pagu": "pagu", "anggaran": "pagu", "apbd": "pagu",
               "dpa": "pagu", "realisasi": "realisasi", "realisasi anggaran": "realisasi", "digunakan": "realisasi",
               "menggunakan anggaran": "realisasi", "terserap": "realisasi", "penyerapan": "realisasi",
               "sisa": "sisa", "silpa": "sisa", "target": "target", "ditargetkan": "target", "standar": "standar"},
    "persen": {"realisasi anggaran": "serapan", "penyerapan": "serapan", "serapan": "serapan", "terserap": "serapan",
               "capaian": "capaian", "pencapaian": "capaian", "tercapai": "capaian", "mencapai": "capaian",
               "dicapai": "capaian", "porsi": "porsi", "proporsi": "porsi", "efisiensi": "efisiensi",
               "perubahan": "perubahan", "peningkatan": "perubahan", "penurunan": "perubahan",
               "kemajuan": "kemajuan", "akip": "akip", "target": "target", "ditargetkan": "target",
               "realisasi": "realisasi", "standar": "standar"},
}
_FRASA = {jenis: re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, kata), key=len, reverse=True)) + r")\b")
          for jenis, kata in _UKURAN.items()}
# A sentence ends at . ! ? ; followed by a capital (not "Rp. 24.834…", not "2.367"), or at a line break.
_AKHIR_KALIMAT = re.compile(r"(?<=[.!?;])(?<!Rp\.)\s+(?=[A-Z“\"(])|\n+")
_TAHUN = re.compile(r"\b(?:19|20)\d{2}\b")
_TRIWULAN = re.compile(r"\btriwulan\s+(iv|iii|ii|i|[1-4])\b")
_SASARAN_KE = re.compile(r"\bsasaran\s+(\d{1,2})\b", re.IGNORECASE)
_ROMAWI = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


_KATA = re.compile(r"\w{4,}")  # a whole word (greedy) of four letters or more, never part of a shorter one


def _kata_semua(teks: Iterable[str]) -> Iterator[frozenset[str]]:
    """The words that tell names apart (four letters or more), lower case, of each text; one
    C-level pass over a city's 10,000 names."""
    return map(frozenset, map(_KATA.findall, map(str.lower, teks)))


def _kata(teks: str) -> frozenset[str]:
    return next(_kata_semua((teks,)))


def _ukuran(sebelum: str, jenis: str) -> str | None:
    """What the words before a figure say it is (None: they do not say)."""
    terakhir = None
    for m in _FRASA[jenis].finditer(sebelum.lower()):
        if terakhir is None or m.end() >= terakhir.end():
            terakhir = m
    return _UKURAN[jenis][terakhir.group()] if terakhir else None


class _Subjek:
    """The names a sentence may call the year's sasaran, programs, kegiatan, subkegiatan and
    indicators by; their words taken once per check, indexed by word (a city has 10,000)."""

    def __init__(self, lap: Laporan, sub: SubKegiatan, dicari: Set[str]) -> None:
        """``dicari``: every word of the sentences to be asked about (:func:`_kata`): only
        these are indexed."""
        self.sasaran = [s.id for s in lap.sasaran]  # "Sasaran 1" is the first
        nama: dict[tuple[str, str], str] = {}
        for sj, n in (*((("sasaran", s.id), s.uraian) for s in lap.sasaran),
                      *((("indikator", i.id), i.uraian) for i in lap.indikator),
                      *((("program", p.id), p.nama) for p in lap.program),
                      *((("kegiatan", k.nama), k.nama) for p in lap.program for k in p.kegiatan)):
            nama.setdefault(sj, n)
        nama_sub = dict.fromkeys(b[0] for bs in sub.values() for b in bs)  # each name once, in order
        nama.update(zip(zip(repeat("subkegiatan"), nama_sub), nama_sub))  # keys of their own: none replaced
        # names of the same words score the same: scored once ("Subkegiatan 12 kegiatan 3 …")
        self.per_kata_nama: dict[frozenset[str], list[tuple[str, str]]] = {}
        for sj, kata in zip(nama, _kata_semua(nama.values())):
            self.per_kata_nama.setdefault(kata, []).append(sj)
        self.per_kata: dict[str, list[frozenset[str]]] = {}
        for kata in self.per_kata_nama:
            for k in kata & dicari:
                self.per_kata.setdefault(k, []).append(kata)

    def disebut(self, kalimat: str, kunci: str) -> set[tuple[str, str]]:
        """Whose figures the sentence is about: those it names (three quarters of a name's words,
        at least two unless the name has one; the fullest match), else the sasaran it numbers
        ("Sasaran 1 …"), else the one its text part is about (``sasaran.S1.…``,
        ``indikator.I3.…``); empty: the unit as a whole."""
        kena = Counter(nama for k in _kata(kalimat) for nama in self.per_kata.get(k, ()))
        skor = {nama: n / len(nama) for nama, n in kena.items() if n >= min(2, len(nama)) and n >= 0.75 * len(nama)}
        if skor:
            tertinggi = max(skor.values())
            return {sj for nama, v in skor.items() if v == tertinggi for sj in self.per_kata_nama[nama]}
        if ke := {("sasaran", self.sasaran[n - 1]) for n in map(int, _SASARAN_KE.findall(kalimat))
                  if 0 < n <= len(self.sasaran)}:
            return ke
        bagian = kunci.split(".")
        return {(bagian[0], bagian[1])} if len(bagian) > 2 and bagian[0] in ("sasaran", "indikator") else set()


def _saran(v: Decimal, ukuran: str, siapa: set[tuple[str, str]], kalimat: str, lap: Laporan,
           data: dict[str, list[AngkaData]]) -> AngkaData | None:
    """The data figure the sentence's figure stands for: same kind (Rupiah or %, ``data``),
    what the words before it say it is (``ukuran``: :func:`_ukuran`), whose the sentence names
    (``siapa``: :meth:`_Subjek.disebut`), of the year it names (else the report's), within
    :data:`DEKAT` of it. None when that is not one figure: better no suggestion than the
    nearest number of another table."""
    batas = abs(v) * DEKAT if v else Decimal(1)
    tahun = {int(t) for t in _TAHUN.findall(kalimat)} or {lap.tahun}
    tw = {_ROMAWI.get(t, int(t) if t.isdigit() else 0) for t in _TRIWULAN.findall(kalimat.lower())}
    calon = [a for a in data.get(ukuran, ()) if (a.subjek in siapa if siapa else a.subjek is None)
             and abs(a.nilai - v) <= batas
             and (a.tahun is None or a.tahun in tahun)
             and (a.triwulan in tw if a.triwulan is not None else not tw or ukuran != "capaian")]
    return calon[0] if calon and len({a.nilai for a in calon}) == 1 else None


def _kalimat(isi: str, letak: int) -> tuple[str, str]:
    """(the sentence holding position ``letak`` of ``isi``, its part before that position)."""
    awal = max((m.end() for m in _AKHIR_KALIMAT.finditer(isi, 0, letak)), default=0)
    ujung = _AKHIR_KALIMAT.search(isi, letak)
    akhir = ujung.start() if ujung else len(isi)
    return isi[awal:akhir], isi[awal:letak]


def _teks_diterima(lap: Laporan) -> Iterator[tuple[str, str, str]]:
    """(kunci, title, text) of every accepted text of the outline that is not blank."""
    judul = {b.kunci: b.judul for b in narasi.bagian_teks(lap)}
    return ((t.kunci, judul[t.kunci], t.isi) for t in lap.narasi if t.kunci in judul and t.isi)


class _Tertulis(NamedTuple):
    """A figure typed in a text."""

    kunci: str
    judul: str
    isi: str     # the whole text
    jenis: str   # rupiah / persen
    tulis: str   # as written
    nilai: Decimal
    letak: int   # where in the text


def periksa(lap: Laporan, baca_sub: Callable[[], SubKegiatan] | None = None) -> list[Temuan]:
    """One finding per typed figure that matches no data figure, in the texts' order.
    ``baca_sub`` reads the subkegiatan's figures when ``lap`` is loaded without them (their
    stored rows, store/check.periksa_tersimpan), only when a text names a figure; by default
    ``lap``'s own are read."""
    angka = [_Tertulis(kunci, judul, isi, jenis, tulis, v, letak) for kunci, judul, isi in _teks_diterima(lap)
             for jenis, tulis, v, letak in _angka_letak(isi)]
    if not angka:  # no figure: the data's are not needed (at city scale they are most of `check`)
        return []
    sub = sub_kegiatan(lap) if baca_sub is None else baca_sub()
    d = lap.pengaturan.desimal
    letak: dict[int, tuple[int, int]] = {}
    data = angka_data(lap, sub, letak)
    cocok = _Cocok(data, sub, d)
    salah = [a for a in angka if not cocok(a.jenis, a.nilai, a.tulis)]
    if not salah:
        return []
    # what each sentence says the figure is, and whose: the subkegiatan it names are the only
    # ones whose own figures can be suggested (a city's 10,000 others are not listed)
    kalimat = [_kalimat(a.isi, a.letak) for a in salah]
    ukuran = [_ukuran(sebelum, a.jenis) for a, (_k, sebelum) in zip(salah, kalimat)]
    subjek = _Subjek(lap, sub, frozenset().union(*(_kata(k) for (k, _s), u in zip(kalimat, ukuran) if u is not None)))
    siapa = [subjek.disebut(k, a.kunci) if u is not None else set() for a, (k, _s), u in zip(salah, kalimat, ukuran)]
    if nama_sub := {n for sj in siapa for j, n in sj if j == "subkegiatan"}:
        _sisipkan(data, letak, sub, nama_sub, d)
    per_ukuran: dict[str, dict[str, list[AngkaData]]] = {"rupiah": {}, "persen": {}}
    for jenis, apa in {(a.jenis, u) for a, u in zip(salah, ukuran) if u is not None}:  # by what they measure
        per_ukuran[jenis][apa] = [x for x in data[jenis] if x.ukuran == apa]
    hasil: list[Temuan] = []
    for a, (k, _s), u, sj in zip(salah, kalimat, ukuran, siapa):
        tampil = f"Rp {a.tulis}" if a.jenis == "rupiah" else f"{a.tulis} %"
        pesan = f"angka {tampil} di teks tidak ada di data"
        if u is not None and (saran := _saran(a.nilai, u, sj, k, lap, per_ukuran[a.jenis])) is not None:
            benar = format_rupiah(saran.nilai) if a.jenis == "rupiah" else f"{format_bebas(saran.nilai)} %"
            pesan += f"; tabel mencetak {benar} ({saran.apa}): sesuaikan teksnya"
        hasil.append(("angka-narasi", f"Teks {a.judul}", pesan))
    return hasil
