"""BAB III, Akuntabilitas Kinerja: 3.1–3.3, the six tables per sasaran, 3.16 and 3.17."""

from __future__ import annotations

from store import calc
from store.calc import Anggaran
from store.models import TRIWULAN, Indikator, Sasaran

from ..tables import (
    KOSONG_SEL,
    Bagian,
    JenisBaris,
    Sel,
    Tabel,
    nilai,
    persen,
    rupiah,
    teks,
    ukuran,
)
from . import judul as jdl
from .kode import dengan_kode
from .konteks import Konteks


def tabel_3_1(k: Konteks, nomor: str = "3.1") -> Tabel:
    kom = k.lap.evaluasi_akip
    tahun = calc.tahun_akip(kom)
    b = Bagian("", ("No.", "Komponen yang Dinilai", "Bobot (%)", *(f"Nilai {t}" for t in tahun)))
    for n, x in enumerate(kom, 1):
        b.tambah(teks(str(n)), teks(x.nama), ukuran(x.bobot), *(nilai(x.nilai.get(t)) for t in tahun))
    jumlah = [calc.nilai_akip(kom, t) for t in tahun]
    b.tambah(KOSONG_SEL, teks("Nilai Hasil Evaluasi"), ukuran(calc.bobot_akip(kom)), *map(nilai, jumlah),
             jenis=JenisBaris.TOTAL)
    b.tambah(KOSONG_SEL, teks("Tingkat Akuntabilitas Kinerja"), KOSONG_SEL,
             *(teks(calc.predikat_akip_tahun(kom, t)) for t in tahun), jenis=JenisBaris.TOTAL)
    return Tabel(nomor, jdl.j_3_1(k), [b], desimal=k.d)


def tabel_3_2(k: Konteks, nomor: str = "3.2") -> Tabel:
    b = Bagian("", ("No.", "Sasaran Strategis", "Indikator Kinerja", "Target Tahunan", "Realisasi", "Capaian (%)",
                    "Predikat"))
    for n, s in enumerate(k.lap.sasaran, 1):
        for m, i in enumerate(k.lap.indikator_sasaran(s.id)):
            cap = calc.capaian_indikator(i, k.tahun, k.d)
            b.tambah(teks(str(n) if m == 0 else ""), teks(s.uraian if m == 0 else ""), teks(i.uraian),
                     ukuran(i.target.get(k.tahun)), ukuran(calc.realisasi_tahun(i, k.tahun)), persen(cap),
                     teks(calc.predikat(cap)))
    return Tabel(nomor, jdl.j_3_2(k), [b], desimal=k.d)


def tabel_3_3(k: Konteks, nomor: str = "3.3") -> Tabel:
    b = Bagian("", ("No.", "Sasaran Strategis", "Indikator Kinerja", "Target Tahunan", "Triwulan", "Target",
                    "Realisasi", "%"))
    for n, s in enumerate(k.lap.sasaran, 1):
        for m, i in enumerate(k.lap.indikator_sasaran(s.id)):
            tw = i.triwulan.get(k.tahun) or []
            for q, nama in enumerate(TRIWULAN):
                awal = q == 0
                isi = tw[q] if q < len(tw) else None
                b.tambah(teks(str(n) if awal and m == 0 else ""), teks(s.uraian if awal and m == 0 else ""),
                         teks(i.uraian if awal else ""), ukuran(i.target.get(k.tahun)) if awal else KOSONG_SEL,
                         teks(f"Triwulan {nama}"), ukuran(isi.target if isi else None),
                         ukuran(isi.realisasi if isi else None), persen(calc.capaian_triwulan(i, k.tahun, q, k.d)))
    return Tabel(nomor, jdl.j_3_3(k), [b], desimal=k.d)


# ---------------------------------------------------------------- per sasaran (3.4–3.9 for the first)
def _indikator_baris(k: Konteks, s: Sasaran) -> list[tuple[bool, Indikator]]:
    """(first-row flag, indicator) pairs; the sasaran's name goes on its first row only."""
    return [(m == 0, i) for m, i in enumerate(k.lap.indikator_sasaran(s.id))]


def _kepala(awal: bool, urut: int, s: Sasaran) -> tuple[Sel, Sel]:
    return (teks(str(urut) if awal else ""), teks(s.uraian if awal else ""))


def tabel_target(k: Konteks, nomor: str, urut: int, s: Sasaran) -> Tabel:
    b = Bagian("", ("No.", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian (%)"))
    for awal, i in _indikator_baris(k, s):
        b.tambah(*_kepala(awal, urut, s), teks(i.uraian), teks(i.satuan), ukuran(i.target.get(k.tahun)),
                 ukuran(calc.realisasi_tahun(i, k.tahun)), persen(calc.capaian_indikator(i, k.tahun, k.d)))
    b.tambah(KOSONG_SEL, teks("Rata-rata capaian sasaran"), KOSONG_SEL, KOSONG_SEL, KOSONG_SEL, KOSONG_SEL,
             persen(calc.capaian_sasaran(k.lap, s.id, k.tahun)), jenis=JenisBaris.TOTAL)
    return Tabel(nomor, jdl.j_target(k, urut), [b], desimal=k.d)


def tabel_perubahan(k: Konteks, nomor: str, urut: int, s: Sasaran) -> Tabel:
    tahun = k.tahun_realisasi()
    b = Bagian("", ("No.", "Sasaran", "Indikator Kinerja", "Satuan", *(f"Realisasi {t}" for t in tahun),
                    f"% Peningkatan/Penurunan Tahun {k.tahun}"))
    for awal, i in _indikator_baris(k, s):
        b.tambah(*_kepala(awal, urut, s), teks(i.uraian), teks(i.satuan),
                 *(ukuran(calc.realisasi_tahun(i, t)) for t in tahun), persen(calc.persen_perubahan(i, k.tahun, k.d)))
    return Tabel(nomor, jdl.j_perubahan(k, urut), [b], desimal=k.d)


def tabel_kemajuan(k: Konteks, nomor: str, urut: int, s: Sasaran) -> Tabel:
    b = Bagian("", ("No.", "Sasaran", "Indikator Kinerja", "Satuan", "Target Akhir Renstra", "Realisasi",
                    "Tingkat Kemajuan (%)"))
    for awal, i in _indikator_baris(k, s):
        b.tambah(*_kepala(awal, urut, s), teks(i.uraian), teks(i.satuan), ukuran(calc.target_akhir_renstra(i, k.lap)),
                 ukuran(calc.realisasi_tahun(i, k.tahun)), persen(calc.tingkat_kemajuan(i, k.lap, k.tahun, k.d)))
    return Tabel(nomor, jdl.j_kemajuan(k, urut), [b], desimal=k.d)


def tabel_nasional(k: Konteks, nomor: str, urut: int, s: Sasaran) -> Tabel:
    b = Bagian("", ("No.", "Sasaran", "Indikator Kinerja", "Satuan", f"Realisasi {k.tahun}", "Realisasi Nasional",
                    "Ket. (+/-)"))
    tanpa = False  # an indicator without a national standard: its "-" is explained under the table
    for awal, i in _indikator_baris(k, s):
        sn = i.standar_nasional.get(k.tahun)
        tanpa = tanpa or sn is None
        b.tambah(*_kepala(awal, urut, s), teks(i.uraian), teks(i.satuan), ukuran(calc.realisasi_tahun(i, k.tahun)),
                 ukuran(sn), ukuran(calc.selisih_standar_nasional(i, k.tahun)))
    return Tabel(nomor, jdl.j_nasional(k, urut), [b], desimal=k.d, catatan=TANPA_STANDAR if tanpa else "")


TANPA_STANDAR = ("Tanda - pada kolom Realisasi Nasional: standar nasional untuk indikator itu belum ditetapkan "
                 "atau belum diisi, sehingga selisihnya tidak dihitung.")


def tabel_program(k: Konteks, nomor: str, urut: int, s: Sasaran) -> Tabel:
    b = Bagian("", ("No.", "Program", "Anggaran (Rp.)", "Realisasi (Rp.)", "Persentase (%)"))
    for n, p in enumerate(k.lap.program_sasaran(s.id), 1):
        a = k.anggaran_program(p)
        b.tambah(teks(f"{n}."), teks(p.nama), rupiah(a.pagu), rupiah(a.realisasi), persen(a.serapan(k.d)))
    a = k.anggaran_sasaran(s.id)
    b.tambah(KOSONG_SEL, teks("Total"), rupiah(a.pagu), rupiah(a.realisasi), persen(a.serapan(k.d)),
             jenis=JenisBaris.TOTAL)
    return Tabel(nomor, jdl.j_program(k, urut), [b], desimal=k.d)


def tabel_efisiensi(k: Konteks, nomor: str, urut: int, s: Sasaran) -> Tabel:
    b = Bagian("", ("No", "Sasaran Strategis", "% Capaian Kinerja", "% Penyerapan Anggaran", "Tingkat Efisiensi"))
    b.tambah(teks(str(urut)), teks(s.uraian), persen(calc.capaian_sasaran(k.lap, s.id, k.tahun)),
             persen(k.anggaran_sasaran(s.id).serapan(k.d)), persen(calc.efisiensi(k.lap, s.id)))
    return Tabel(nomor, jdl.j_efisiensi(k, urut), [b], desimal=k.d)


# The six tables every sasaran gets, in the seed's order.
PER_SASARAN = (tabel_target, tabel_perubahan, tabel_kemajuan, tabel_nasional, tabel_program, tabel_efisiensi)


# ---------------------------------------------------------------- budget
# 3.16 and 3.17 end as the seed's do: the total of the Perjanjian Kinerja's programs, then the
# unit's whole spending; every program of the unit is in its PK, so both carry the same sums.
TOTAL_ANGGARAN = ("Jumlah", "Total Belanja")

def tabel_anggaran_pk(k: Konteks, nomor: str) -> Tabel:
    b = Bagian("", ("No", "Sasaran Strategis", "Kinerja: Target", "Kinerja: Realisasi", "Kinerja: % Capaian",
                    "Anggaran: Target (Rp)", "Anggaran: Realisasi (Rp)", "Anggaran: % Capaian"))
    for n, s in enumerate(k.lap.sasaran, 1):
        a = k.anggaran_sasaran(s.id)
        uang = (rupiah(a.pagu), rupiah(a.realisasi), persen(a.serapan(k.d)))
        indikator = k.lap.indikator_sasaran(s.id)
        for m, i in enumerate(indikator or [None]):
            kinerja = ((ukuran(i.target.get(k.tahun)), ukuran(calc.realisasi_tahun(i, k.tahun)),
                        persen(calc.capaian_indikator(i, k.tahun, k.d))) if i else (KOSONG_SEL,) * 3)
            b.tambah(teks(str(n) if m == 0 else ""), teks(s.uraian if m == 0 else ""), *kinerja,
                     *(uang if m == 0 else (KOSONG_SEL,) * 3))
    t = k.anggaran_total()
    for judul in TOTAL_ANGGARAN:
        b.tambah(KOSONG_SEL, teks(judul), KOSONG_SEL, KOSONG_SEL, KOSONG_SEL, rupiah(t.pagu), rupiah(t.realisasi),
                 persen(t.serapan(k.d)), jenis=JenisBaris.TOTAL)
    return Tabel(nomor, jdl.j_anggaran_pk(k), [b], desimal=k.d)


def _nama(awalan: str, nama: str) -> str:
    """``Kegiatan X`` as the seed prints it, without doubling a prefix staff already typed."""
    return nama if nama.lower().startswith(awalan.lower()) else f"{awalan} {nama}"


def tabel_anggaran_rinci(k: Konteks, nomor: str) -> Tabel:
    b = Bagian("", ("No", "Program/Kegiatan/Subkegiatan", "Anggaran: Target (Rp)", "Anggaran: Realisasi (Rp)",
                    "Anggaran: %", "Ketr."))
    d = k.d

    def baris(no: str, nama: str, a: Anggaran, jenis: JenisBaris) -> None:
        b.tambah(teks(no), teks(nama), rupiah(a.pagu), rupiah(a.realisasi), persen(a.serapan(d)),
                 teks("Realisasi melebihi pagu" if a.lebih else ""), jenis=jenis)

    for n, p in enumerate(k.lap.program, 1):
        r = k.rincian(p)
        baris(str(n), dengan_kode(p, _nama("Program", p.nama)), r.anggaran, JenisBaris.GRUP)
        for m, rk in enumerate(r.kegiatan, 1):
            baris(f"{n}.{m}", dengan_kode(rk.kegiatan, _nama("Kegiatan", rk.kegiatan.nama)), rk.anggaran,
                  JenisBaris.SUBGRUP)
            for o, (sk, a) in enumerate(rk.sub, 1):
                baris(f"{n}.{m}.{o}", dengan_kode(sk, _nama("Subkegiatan", sk.nama)), a, JenisBaris.ISI)
    for judul in TOTAL_ANGGARAN:
        baris("", judul, k.anggaran_total(), JenisBaris.TOTAL)
    return Tabel(nomor, jdl.j_anggaran_rinci(k), [b], desimal=d)
