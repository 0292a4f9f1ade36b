"""The report's summary sentences, built from the figures (ringkasan eksekutif, BAB III, penutup).

Every figure comes from :mod:`store.calc` and is written with :mod:`store.numbers`, so the
sentences say exactly what the tables show.
"""

from __future__ import annotations

from store import calc
from store.models import Laporan, Sasaran
from store.numbers import format_persen, format_rupiah

BELUM = "belum dapat dihitung (data belum lengkap)"


def _persen_kategori(lap: Laporan, nilai) -> str:
    if nilai is None:
        return BELUM
    return f"{format_persen(nilai, lap.pengaturan.desimal)}% atau kategori {calc.kategori(nilai, lap.pengaturan.skala)}"


def jumlah_renstra(lap: Laporan) -> str:
    """The Ringkasan Eksekutif's count of the Renstra's parts, as the seed words it."""
    r = lap.renstra
    akhir = (f"Tahun {lap.tahun} merupakan tahun terakhir dalam upaya pencapaian tujuan dan sasaran Renstra "
             f"{r.mulai}-{r.akhir}. " if lap.tahun == r.akhir else "")
    return (f"{akhir}Matrik Renstra {lap.instansi.nama} memuat {len(lap.instansi.misi)} Misi, {len(lap.tujuan)} Tujuan, "
            f"{len(lap.sasaran)} Sasaran Strategis, {len(lap.indikator)} Indikator Kinerja Sasaran. Capaian kinerja "
            "atau penilaian indikator kinerja dapat digambarkan sebagai berikut :")


def capaian_sasaran(lap: Laporan, n: int, s: Sasaran) -> str:
    cap = calc.capaian_sasaran(lap, s.id)
    return (f"{n}. Capaian Indikator Kinerja Sasaran Strategis “{s.uraian}” dengan rata-rata capaian "
            f"sebesar {_persen_kategori(lap, cap)};")


def capaian_organisasi(lap: Laporan) -> str:
    cap = calc.capaian_organisasi(lap)
    if cap is None:
        return f"Rata-rata pencapaian kinerja {lap.instansi.nama} Tahun {lap.tahun} {BELUM}."
    return (f"Dapat disimpulkan bahwa secara rata-rata pencapaian kinerja {lap.instansi.nama} Tahun {lap.tahun} "
            f"dengan nilai rata-rata {format_persen(cap, lap.pengaturan.desimal)}% atau dapat dikategorikan "
            f"{calc.kategori(cap, lap.pengaturan.skala)}.")


def analisis_sasaran(lap: Laporan, s: Sasaran) -> str:
    cap = calc.capaian_sasaran(lap, s.id)
    return (f"Dari hasil pengukuran diperoleh capaian kinerja rata-rata untuk sasaran strategis {s.uraian} "
            f"adalah {_persen_kategori(lap, cap)}.")


def realisasi_anggaran(lap: Laporan, total: calc.Anggaran | None = None) -> str:
    """Budget realisation; pass ``total`` when already summed (a city budget is 10,000 rows)."""
    t = calc.anggaran_total(lap) if total is None else total
    ser = t.serapan(lap.pengaturan.desimal)
    murni = calc.jumlah_pagu_murni(lap.program)
    awal = (f"Pada Tahun Anggaran {lap.tahun} {lap.instansi.nama} melaksanakan kegiatan dengan anggaran murni "
            f"sebesar Rp {format_rupiah(murni)}, melalui perubahan APBD menjadi Rp {format_rupiah(t.pagu)}."
            if murni is not None else
            f"Pada Tahun Anggaran {lap.tahun} {lap.instansi.nama} melaksanakan kegiatan dengan anggaran sebesar "
            f"Rp {format_rupiah(t.pagu)}.")
    persen = f" ({format_persen(ser, lap.pengaturan.desimal)}%)" if ser is not None else ""
    return f"{awal} Adapun realisasi anggaran sebesar Rp {format_rupiah(t.realisasi)}{persen}."


def evaluasi_akip(lap: Laporan) -> str | None:
    tahun = calc.tahun_akip(lap.evaluasi_akip)
    if not tahun:
        return None
    nilai = calc.nilai_akip(lap.evaluasi_akip, tahun[-1])
    return (f"Hasil evaluasi AKIP {lap.instansi.nama} untuk tahun {tahun[-1]} memperoleh nilai "
            f"{format_persen(nilai, lap.pengaturan.desimal)} atau kategori {calc.predikat_akip(nilai)}.")


def penutup_sasaran(lap: Laporan, n: int, s: Sasaran) -> str:
    jumlah = len(lap.indikator_sasaran(s.id))
    cap = calc.capaian_sasaran(lap, s.id)
    return f"{n}. Sasaran {n} terdiri dari {jumlah} indikator kinerja dengan realisasi capaian {_persen_kategori(lap, cap)}."
