"""Figures typed in the report's texts that no figure of the data supports (``lkjip check``).

A text says "anggaran murni sebesar Rp. 24.834.513.737" above a table whose total lkjip derives
as 24.398.663.737: the text was typed by hand, the table is computed, and the two disagree
without anyone noticing. This lists every Rupiah amount (``Rp``, or a number of a million or
more written with thousands dots) and every percentage (``85,15%``) in the accepted texts that
equals no figure lkjip computes for the year, with the nearest figure of the data: the one the
document's tables print instead, i.e. lkjip's correction of the typed figure (SPEC §4).

Figures come from :mod:`store.calc` only (the same the tables print); nothing here computes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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
    for m in _RUPIAH.finditer(isi):
        tulis = m.group(1) or m.group(2)
        if (v := _angka(tulis)) is not None:
            yield "rupiah", tulis, v
    for m in _PERSEN.finditer(isi):
        if (v := _angka(m.group(1))) is not None:
            yield "persen", m.group(1), v


def angka_data(lap: Laporan) -> dict[str, dict[Decimal, str]]:
    """Every Rupiah amount and percentage the year's tables print, each with what it is."""
    d = lap.pengaturan.desimal
    rupiah: dict[Decimal, str] = {}
    persen: dict[Decimal, str] = {}

    def rp(v: Decimal | None, apa: str) -> None:
        if v is not None:
            rupiah.setdefault(v, apa)

    def pc(v: Decimal | None, apa: str) -> None:
        if v is not None:
            persen.setdefault(v, apa)

    # each kegiatan summed once (calc.anggaran_program/_sasaran/_total would sum every
    # subkegiatan again for each level): the same sums, in the same order
    per_keg = {id(k): calc.anggaran_kegiatan(k) for p in lap.program for k in p.kegiatan}
    per_prog = {id(p): calc.jumlah(per_keg[id(k)] for k in p.kegiatan) for p in lap.program}
    total = calc.jumlah(per_prog[id(p)] for p in lap.program)
    rp(total.pagu, "jumlah pagu anggaran")
    rp(total.realisasi, "jumlah realisasi anggaran")
    rp(total.pagu - total.realisasi, "sisa anggaran")
    pc(total.serapan(d), "realisasi anggaran keseluruhan")
    rp(calc.jumlah_pagu_murni(lap.program), "jumlah anggaran murni program (Tabel 2.4)")
    for s in lap.sasaran:
        a = calc.jumlah(per_prog[id(p)] for p in lap.program_sasaran(s.id))
        rp(a.pagu, f"pagu sasaran {s.id}")
        rp(a.realisasi, f"realisasi sasaran {s.id}")
        pc(a.serapan(d), f"realisasi anggaran sasaran {s.id}")
        pc(calc.porsi(a.pagu, total.pagu, d), f"porsi anggaran sasaran {s.id}")
        pc(calc.capaian_sasaran(lap, s.id), f"capaian sasaran {s.id}")
        pc(calc.efisiensi(lap, s.id), f"efisiensi sasaran {s.id}")
    pc(calc.capaian_organisasi(lap), "capaian organisasi")
    for p in lap.program:
        a = per_prog[id(p)]
        rp(p.pagu_murni, f"anggaran murni program {p.id}")
        rp(a.pagu, f"pagu program {p.id}")
        rp(a.realisasi, f"realisasi program {p.id}")
        pc(a.serapan(d), f"realisasi anggaran program {p.id}")
        for k in p.kegiatan:
            ak = per_keg[id(k)]
            rp(ak.pagu, f'pagu kegiatan "{k.nama}"')
            rp(ak.realisasi, f'realisasi kegiatan "{k.nama}"')
            pc(ak.serapan(d), f'realisasi anggaran kegiatan "{k.nama}"')
            for sub in k.subkegiatan:
                asub = calc.anggaran_sub(sub)
                rp(asub.pagu, f'pagu subkegiatan "{sub.nama}"')
                rp(asub.realisasi, f'realisasi subkegiatan "{sub.nama}"')
                pc(asub.serapan(d), f'realisasi anggaran subkegiatan "{sub.nama}"')
    for i in lap.indikator:
        for th, v in (*i.target.items(), *i.realisasi.items(), *i.standar_nasional.items()):
            rp(v, f"nilai indikator {i.id} ({th})")
            pc(v, f"nilai indikator {i.id} ({th})")
        for th in sorted({*i.target, *i.realisasi, *i.triwulan}):
            pc(calc.capaian_indikator(i, th, d), f"capaian indikator {i.id} ({th})")
            r = calc.realisasi_tahun(i, th)
            rp(r, f"realisasi indikator {i.id} ({th})")
            pc(r, f"realisasi indikator {i.id} ({th})")
        pc(calc.persen_perubahan(i, lap.tahun, d), f"persentase perubahan indikator {i.id}")
        pc(calc.tingkat_kemajuan(i, lap, lap.tahun, d), f"tingkat kemajuan indikator {i.id}")
        for q in range(4):  # quarters 0..3
            pc(calc.capaian_triwulan(i, lap.tahun, q, d), f"capaian indikator {i.id} triwulan {q + 1}")
    for th in calc.tahun_akip(lap.evaluasi_akip):
        pc(calc.nilai_akip(lap.evaluasi_akip, th), f"nilai AKIP {th}")
    return {"rupiah": rupiah, "persen": persen}


def _cocok(v: Decimal, tulis: str, data: dict[Decimal, str]) -> bool:
    if v in data:
        return True
    # "85,1%" written for 85,15: the data figure rounded to the decimals written
    desimal = len(tulis.split(",")[1]) if "," in tulis else 0
    kuantum = Decimal(1).scaleb(-desimal)
    return any(x.quantize(kuantum) == v for x in data if abs(x - v) < 1)


def _terdekat(v: Decimal, data: dict[Decimal, str]) -> tuple[Decimal, str] | None:
    if not data:
        return None
    x = min(data, key=lambda x: abs(x - v))
    batas = abs(v) * DEKAT if v else Decimal(1)
    return (x, data[x]) if abs(x - v) <= batas else None


def _teks_diterima(lap: Laporan) -> Iterator[tuple[str, str]]:
    """(title, text) of every accepted text of the outline that is not blank."""
    judul = {b.kunci: b.judul for b in narasi.bagian_teks(lap)}
    return ((judul[t.kunci], t.isi) for t in lap.narasi if t.kunci in judul and t.isi)


def ada_angka(lap: Laporan) -> bool:
    """Whether any text :func:`periksa` reads names a figure (then it needs the data's)."""
    return any(next(angka_teks(isi), None) is not None for _judul, isi in _teks_diterima(lap))


def periksa(lap: Laporan) -> list[Temuan]:
    """One finding per typed figure that matches no data figure, in the texts' order."""
    hasil: list[Temuan] = []
    data: dict[str, dict[Decimal, str]] | None = None
    for judul, isi in _teks_diterima(lap):
        for jenis, tulis, v in angka_teks(isi):
            if data is None:  # only once a text has a figure: at city scale it is most of `check`
                data = angka_data(lap)
            if _cocok(v, tulis, data[jenis]):
                continue
            tampil = f"Rp {tulis}" if jenis == "rupiah" else f"{tulis} %"
            pesan = f"angka {tampil} di teks tidak ada di data"
            if (dekat := _terdekat(v, data[jenis])) is not None:
                x, apa = dekat
                benar = format_rupiah(x) if jenis == "rupiah" else f"{format_bebas(x)} %"
                pesan += f"; tabel mencetak {benar} ({apa}): sesuaikan teksnya"
            hasil.append(("angka-narasi", f"Teks {judul}", pesan))
    return hasil
