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
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from . import calc, narasi
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


@dataclass(frozen=True)
class AngkaData:
    """One figure the year's tables print, with what a sentence about it would say."""

    nilai: Decimal
    apa: str                      # as a message names it
    ukuran: str                   # what it measures: a value of _UKURAN (pagu, realisasi, capaian, ...)
    subjek: tuple[str, str] | None = None  # whose: ("sasaran", "S1"), ("program", "P1"), ...; None: the unit's
    tahun: int | None = None      # the year it is of, when not simply the report's
    triwulan: int | None = None   # 1..4 for a quarter's figure


def angka_data(lap: Laporan) -> dict[str, list[AngkaData]]:
    """Every Rupiah amount and percentage the year's tables print, each with what it is."""
    d = lap.pengaturan.desimal
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
    per_keg = {id(k): calc.anggaran_kegiatan(k) for p in lap.program for k in p.kegiatan}
    per_prog = {id(p): calc.jumlah(per_keg[id(k)] for k in p.kegiatan) for p in lap.program}
    total = calc.jumlah(per_prog[id(p)] for p in lap.program)
    rp(total.pagu, "jumlah pagu anggaran", "pagu")
    rp(total.realisasi, "jumlah realisasi anggaran", "realisasi")
    rp(total.pagu - total.realisasi, "sisa anggaran", "sisa")
    pc(total.serapan(d), "realisasi anggaran keseluruhan", "serapan")
    rp(calc.jumlah_pagu_murni(lap.program), "jumlah anggaran murni program (Tabel 2.4)", "murni")
    for s in lap.sasaran:
        sj = ("sasaran", s.id)
        a = calc.jumlah(per_prog[id(p)] for p in lap.program_sasaran(s.id))
        rp(a.pagu, f"pagu sasaran {s.id}", "pagu", sj)
        rp(a.realisasi, f"realisasi sasaran {s.id}", "realisasi", sj)
        pc(a.serapan(d), f"realisasi anggaran sasaran {s.id}", "serapan", sj)
        pc(calc.porsi(a.pagu, total.pagu, d), f"porsi anggaran sasaran {s.id}", "porsi", sj)
        pc(calc.capaian_sasaran(lap, s.id), f"capaian sasaran {s.id}", "capaian", sj)
        pc(calc.efisiensi(lap, s.id), f"efisiensi sasaran {s.id}", "efisiensi", sj)
    pc(calc.capaian_organisasi(lap), "capaian organisasi", "capaian")
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
            for sub in k.subkegiatan:
                sj = ("subkegiatan", sub.nama)
                asub = calc.anggaran_sub(sub)
                rp(asub.pagu, f'pagu subkegiatan "{sub.nama}"', "pagu", sj)
                rp(asub.realisasi, f'realisasi subkegiatan "{sub.nama}"', "realisasi", sj)
                pc(asub.serapan(d), f'realisasi anggaran subkegiatan "{sub.nama}"', "serapan", sj)
    for i in lap.indikator:
        sj = ("indikator", i.id)
        for ukuran, per_tahun in (("target", i.target), ("realisasi", i.realisasi), ("standar", i.standar_nasional)):
            for th, v in per_tahun.items():
                apa = f"{'standar nasional' if ukuran == 'standar' else ukuran} indikator {i.id} ({th})"
                rp(v, apa, ukuran, sj, th)  # an indicator counted in Rupiah (swadaya) or in % (keluhan)
                pc(v, apa, ukuran, sj, th)
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


def _cocok(v: Decimal, tulis: str, data: set[Decimal]) -> bool:
    if v in data:
        return True
    # "85,1%" written for 85,15: the data figure rounded to the decimals written
    desimal = len(tulis.split(",")[1]) if "," in tulis else 0
    kuantum = Decimal(1).scaleb(-desimal)
    return any(x.quantize(kuantum) == v for x in data if abs(x - v) < 1)


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


def _kata(teks: str) -> frozenset[str]:
    """The words that tell names apart (four letters or more), lower case."""
    return frozenset(w for w in re.findall(r"\w+", teks.lower()) if len(w) >= 4)


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

    def __init__(self, lap: Laporan) -> None:
        self.sasaran = [s.id for s in lap.sasaran]  # "Sasaran 1" is the first
        self.nama: dict[tuple[str, str], frozenset[str]] = {}
        for sj, nama in (*((("sasaran", s.id), s.uraian) for s in lap.sasaran),
                         *((("indikator", i.id), i.uraian) for i in lap.indikator),
                         *((("program", p.id), p.nama) for p in lap.program),
                         *((("kegiatan", k.nama), k.nama) for p in lap.program for k in p.kegiatan),
                         *((("subkegiatan", s.nama), s.nama) for _p, _k, s in lap.semua_subkegiatan())):
            self.nama.setdefault(sj, _kata(nama))
        self.per_kata: dict[str, list[tuple[str, str]]] = {}
        for sj, kata in self.nama.items():
            for k in kata:
                self.per_kata.setdefault(k, []).append(sj)

    def disebut(self, kalimat: str, kunci: str) -> set[tuple[str, str]]:
        """Whose figures the sentence is about: those it names (three quarters of a name's words,
        at least two unless the name has one; the fullest match), else the sasaran it numbers
        ("Sasaran 1 …"), else the one its text part is about (``sasaran.S1.…``,
        ``indikator.I3.…``); empty: the unit as a whole."""
        kata = _kata(kalimat)
        kena = Counter(sj for k in kata for sj in self.per_kata.get(k, ()))
        skor = {sj: n / len(self.nama[sj]) for sj, n in kena.items()
                if n >= min(2, len(self.nama[sj])) and n >= 0.75 * len(self.nama[sj])}
        if skor:
            tertinggi = max(skor.values())
            return {sj for sj, v in skor.items() if v == tertinggi}
        if ke := {("sasaran", self.sasaran[n - 1]) for n in map(int, _SASARAN_KE.findall(kalimat))
                  if 0 < n <= len(self.sasaran)}:
            return ke
        bagian = kunci.split(".")
        return {(bagian[0], bagian[1])} if len(bagian) > 2 and bagian[0] in ("sasaran", "indikator") else set()


def _saran(v: Decimal, jenis: str, kalimat: str, sebelum: str, kunci: str, lap: Laporan,
           data: dict[str, list[AngkaData]], subjek: _Subjek) -> AngkaData | None:
    """The data figure the sentence's figure stands for: same kind (Rupiah or %), what the
    words before it say it is, whose the sentence names, of the year it names (else the
    report's), within :data:`DEKAT` of it. None when that is not one figure: better no
    suggestion than the nearest number of another table."""
    ukuran = _ukuran(sebelum, jenis)
    if ukuran is None:
        return None
    batas = abs(v) * DEKAT if v else Decimal(1)
    siapa = subjek.disebut(kalimat, kunci)
    tahun = {int(t) for t in _TAHUN.findall(kalimat)} or {lap.tahun}
    tw = {_ROMAWI.get(t, int(t) if t.isdigit() else 0) for t in _TRIWULAN.findall(kalimat.lower())}
    calon = [a for a in data.get(ukuran, ()) if abs(a.nilai - v) <= batas
             and (a.subjek in siapa if siapa else a.subjek is None)
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


def ada_angka(lap: Laporan) -> bool:
    """Whether any text :func:`periksa` reads names a figure (then it needs the data's)."""
    return any(next(angka_teks(isi), None) is not None for _kunci, _judul, isi in _teks_diterima(lap))


def periksa(lap: Laporan) -> list[Temuan]:
    """One finding per typed figure that matches no data figure, in the texts' order."""
    hasil: list[Temuan] = []
    data: dict[str, list[AngkaData]] | None = None
    nilai: dict[str, set[Decimal]] = {}
    per_ukuran: dict[str, dict[str, list[AngkaData]]] = {"rupiah": {}, "persen": {}}
    subjek: _Subjek | None = None
    for kunci, judul, isi in _teks_diterima(lap):
        for jenis, tulis, v, letak in _angka_letak(isi):
            if data is None:  # only once a text has a figure: at city scale it is most of `check`
                data = angka_data(lap)
                nilai = {j: {a.nilai for a in xs} for j, xs in data.items()}
                for j, xs in data.items():  # by what they measure, for the suggestions
                    for a in xs:
                        per_ukuran[j].setdefault(a.ukuran, []).append(a)
            if _cocok(v, tulis, nilai[jenis]):
                continue
            tampil = f"Rp {tulis}" if jenis == "rupiah" else f"{tulis} %"
            pesan = f"angka {tampil} di teks tidak ada di data"
            subjek = subjek or _Subjek(lap)
            kalimat, sebelum = _kalimat(isi, letak)
            if (saran := _saran(v, jenis, kalimat, sebelum, kunci, lap, per_ukuran[jenis], subjek)) is not None:
                benar = format_rupiah(saran.nilai) if jenis == "rupiah" else f"{format_bebas(saran.nilai)} %"
                pesan += f"; tabel mencetak {benar} ({saran.apa}): sesuaikan teksnya"
            hasil.append(("angka-narasi", f"Teks {judul}", pesan))
    return hasil
