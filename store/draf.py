"""Drafts of the per-sasaran analysis written from the figures, in the seed's manner.

A draft is offered for an analysis part that has no text yet (steps 5 and 6 of each
sasaran: ``sasaran.<id>.penyebab`` and ``sasaran.<id>.program``). It is stored as
``Teks.draf``, apart from the user's text, until the user accepts it (store/narasi.py):
the document prints it only as a marked draft. Every figure comes from store/calc.py and
is written through store/numbers.py; what the data cannot say (the causes) is left as a
bracketed prompt for the unit to replace.
"""

from __future__ import annotations

from decimal import Decimal

from . import calc
from .models import Indikator, Laporan, Sasaran
from .numbers import format_bebas, format_persen, format_rupiah

MINTA_PENYEBAB = ("[Tuliskan penyebab keberhasilan atau kegagalan, dan alternatif solusi yang telah "
                  "dilakukan.]")


# How a value of a unit is written in a sentence: "Rp 7.303.930.952", "100%", "83,16".
RUPIAH, PERSEN, TANPA_SATUAN = {"rp", "rupiah"}, {"persen", "persentase", "%"}, {"", "angka", "indeks", "nilai"}


def _nilai(ind: Indikator, v: Decimal | None) -> str:
    if v is None:
        return "belum diisi"
    satuan = ind.satuan.strip().lower()
    if satuan in RUPIAH:
        return f"Rp {format_rupiah(v)}"
    if satuan in PERSEN:
        return f"{format_bebas(v)}%"
    return format_bebas(v) if satuan in TANPA_SATUAN else f"{format_bebas(v)} {ind.satuan.strip()}"


BELUM_DIHITUNG = "belum dapat dihitung"


def _persen(v: Decimal | None, d: int) -> str:
    """A percentage in a sentence; a missing one says so (never a bare "-" in prose)."""
    return BELUM_DIHITUNG if v is None else f"{format_persen(v, d)}%"


def _tahun_renstra(lap: Laporan) -> list[int]:
    r = lap.renstra
    if r is None:
        return []
    return [t for t in (r.tahun_target or range(r.mulai + 1, r.akhir + 1)) if t < lap.tahun]


def _kalimat_indikator(lap: Laporan, ind: Indikator) -> str:
    t, d = lap.tahun, lap.pengaturan.desimal
    real = calc.realisasi_tahun(ind, t)
    cap = calc.capaian_indikator(ind, t, d)
    hasil = "belum dapat dihitung" if cap is None else f"{_persen(cap, d)} ({calc.predikat(cap).lower()})"
    kal = [f"Indikator {ind.uraian}: target tahun {t} {_nilai(ind, ind.target.get(t))}, realisasi "
           f"{_nilai(ind, real)}, capaian {hasil}."]
    lalu = calc.realisasi_tahun(ind, t - 1)
    ubah = calc.persen_perubahan(ind, t, d)
    if lalu is not None and ubah is not None:
        arah = "naik" if ubah > 0 else "turun" if ubah < 0 else "tetap"
        besar = "" if ubah == 0 else f" {format_persen(abs(ubah), d)}%"
        kal.append(f"Dibandingkan tahun {t - 1} (realisasi {_nilai(ind, lalu)}), realisasi {arah}{besar}.")
    sebelumnya = [(y, calc.realisasi_tahun(ind, y)) for y in _tahun_renstra(lap)]
    sebelumnya = [(y, v) for y, v in sebelumnya if v is not None]
    if sebelumnya:
        kal.append("Realisasi tahun-tahun Renstra sebelumnya: "
                   + "; ".join(f"{y} {_nilai(ind, v)}" for y, v in sebelumnya) + ".")
    akhir = calc.target_akhir_renstra(ind, lap)
    maju = calc.tingkat_kemajuan(ind, lap, t, d)
    if akhir is not None and maju is not None:
        kal.append(f"Terhadap target akhir Renstra ({_nilai(ind, akhir)}) tingkat kemajuannya {_persen(maju, d)}.")
    sn = ind.standar_nasional.get(t)
    if sn is None:
        kal.append("Standar nasional untuk indikator ini belum diisi.")
    else:
        kal.append(f"Terhadap standar nasional ({_nilai(ind, sn)}) capaiannya "
                   f"{_persen(calc.capaian_standar_nasional(ind, t, d), d)}.")
    return " ".join(kal)


def draf_penyebab(lap: Laporan, s: Sasaran) -> str:
    """Step 5: the sasaran's result against target, last year, the Renstra years, the end
    target and the national standard, and the efficiency of its budget."""
    d = lap.pengaturan.desimal
    cap = calc.capaian_sasaran(lap, s.id)
    kat = calc.kategori(cap, lap.pengaturan.skala)
    if cap is None:
        bagian = [f"Capaian kinerja sasaran strategis \u201c{s.uraian}\u201d tahun {lap.tahun} belum dapat "
                  f"dihitung: target atau realisasi indikatornya belum diisi."]
    else:
        bagian = [f"Capaian kinerja sasaran strategis \u201c{s.uraian}\u201d tahun {lap.tahun} rata-rata "
                  f"{_persen(cap, d)} atau kategori {kat}."]
    bagian += [_kalimat_indikator(lap, i) for i in lap.indikator_sasaran(s.id)]
    a = calc.anggaran_sasaran(lap, s.id)
    if a.pagu:
        ef = calc.efisiensi(lap, s.id)
        bagian.append(f"Program pendukung sasaran ini menggunakan anggaran Rp {format_rupiah(a.realisasi)} dari "
                      f"pagu Rp {format_rupiah(a.pagu)} (serapan {_persen(a.serapan(d), d)}); tingkat efisiensi "
                      f"(capaian dikurangi serapan) " + (f"{format_persen(ef, d)}." if ef is not None else
                                                         f"{BELUM_DIHITUNG} (capaian atau serapan belum ada)."))
    bagian.append(MINTA_PENYEBAB)
    return "\n\n".join(bagian)


def draf_program(lap: Laporan, s: Sasaran) -> str:
    """Step 6: the programs behind the sasaran with their budget and serapan."""
    d = lap.pengaturan.desimal
    program = lap.program_sasaran(s.id)
    if not program:
        return f"Belum ada program yang dicatat untuk sasaran \u201c{s.uraian}\u201d."
    baris = [f"Untuk menunjang Sasaran {s.uraian} didukung oleh program sebagai berikut:", ""]
    for n, p in enumerate(program, 1):
        a = calc.anggaran_program(p)
        baris.append(f"{n}. {p.nama}: anggaran Rp {format_rupiah(a.pagu)}, realisasi Rp "
                     f"{format_rupiah(a.realisasi)} (serapan {_persen(a.serapan(d), d)}).")
    return "\n".join(baris)


PEMBUAT = {"penyebab": draf_penyebab, "program": draf_program}


def draf_untuk(lap: Laporan, kunci: str) -> str | None:
    """The draft for text part ``kunci`` from the current figures; None when that part has
    no draft (only the analysis parts "sasaran.<id>.penyebab" / ".program" have one)."""
    if not kunci.startswith("sasaran."):
        return None
    sid, _, jenis = kunci[len("sasaran."):].rpartition(".")
    s = lap.cari_sasaran(sid)
    buat = PEMBUAT.get(jenis)
    return buat(lap, s) if s and buat else None
