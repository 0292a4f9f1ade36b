"""The report's summary sentences, built from the figures (ringkasan eksekutif, BAB III, penutup).

Every figure comes from :mod:`store.calc` and is written with :mod:`store.numbers`, so the
sentences say exactly what the tables show.
"""

from __future__ import annotations

from decimal import Decimal

from store import calc
from store.models import Laporan, Sasaran
from store.numbers import format_persen

BELUM = "belum dapat dihitung (data belum lengkap)"


def _persen_kategori(lap: Laporan, nilai: Decimal | None) -> str:
    if nilai is None:
        return BELUM
    return f"{format_persen(nilai, lap.pengaturan.desimal)}% atau kategori {calc.kategori(nilai, lap.pengaturan.skala)}"


def jumlah_renstra(lap: Laporan) -> str:
    """The Ringkasan Eksekutif's count of the Renstra's parts, as the seed words it."""
    r = lap.renstra
    # no Renstra yet (a year under construction): nothing to say about its last year
    akhir = (f"Tahun {lap.tahun} merupakan tahun terakhir dalam upaya pencapaian tujuan dan sasaran Renstra "
             f"{r.mulai}-{r.akhir}. " if r is not None and lap.tahun == r.akhir else "")
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
