"""Every table's title, from the year alone: the Laporan screen lists the titles without
building the tables (a city's 131 tables take about 0.6 s), and each builder titles its
table with the same function."""

from __future__ import annotations

from store import calc
from store.numbers import KOSONG

from .konteks import Konteks


def j_1_1(k: Konteks) -> str:
    return "Data Pegawai Berdasarkan Jabatan"


def j_2_1(k: Konteks) -> str:
    r = k.lap.renstra
    periode = f"{r.mulai}-{r.akhir}" if r is not None else KOSONG  # no Renstra yet
    return f"Perencanaan Strategis {k.lap.instansi.nama} Tahun {periode}"


def j_2_2(k: Konteks) -> str:
    return "Program/Kegiatan/Subkegiatan untuk Mencapai Tujuan/Sasaran"


def j_2_3(k: Konteks) -> str:
    return f"Indikator Kinerja Utama {k.lap.instansi.nama}".strip()


def j_2_4(k: Konteks) -> str:
    return f"Perjanjian Kinerja Tahun {k.tahun}"


def j_2_5(k: Konteks) -> str:
    return "Anggaran Belanja per Sasaran Strategis"


def j_3_1(k: Konteks) -> str:
    tahun = calc.tahun_akip(k.lap.evaluasi_akip)
    return "Rincian Penilaian Evaluasi Implementasi AKIP" + (f" Tahun {tahun[-1]}" if tahun else "")


def j_3_2(k: Konteks) -> str:
    return f"Capaian Kinerja Organisasi {k.lap.instansi.nama}".strip()


def j_3_3(k: Konteks) -> str:
    return "Capaian Indikator Kinerja Utama"


def j_target(k: Konteks, urut: int) -> str:
    akhir = k.tahun_target()[-1] if k.tahun_target() else None
    banding = f"Target Akhir Renstra Tahun {k.tahun}" if akhir == k.tahun else f"Target Tahun {k.tahun}"
    return f"Analisis Pencapaian Sasaran {urut} Perbandingan dengan {banding}"


def j_perubahan(k: Konteks, urut: int) -> str:
    return (f"Analisis Pencapaian Sasaran {urut} dan Perbandingan antara Realisasi Kinerja serta "
            f"Capaian Kinerja Tahun {k.tahun} dengan Tahun Lalu dan Beberapa Tahun Terakhir")


def j_kemajuan(k: Konteks, urut: int) -> str:
    return (f"Analisis Pencapaian Sasaran {urut} dan Perbandingan Realisasi Kinerja sampai dengan "
            f"Tahun {k.tahun} dengan Target Jangka Menengah yang Terdapat dalam Dokumen Perencanaan "
            "Strategis Organisasi")


def j_nasional(k: Konteks, urut: int) -> str:
    return (f"Analisis Pencapaian Sasaran {urut} dan Perbandingan Realisasi Kinerja Tahun {k.tahun} "
            "dengan Standar Nasional")


def j_program(k: Konteks, urut: int) -> str:
    return f"Analisis Program Penunjang Pencapaian Pernyataan dan Keberhasilan Kinerja Sasaran {urut}"


def j_efisiensi(k: Konteks, urut: int) -> str:
    return f"Analisis Efisiensi Penggunaan Sumber Daya dalam Rangka Pencapaian Sasaran {urut}"


def j_anggaran_pk(k: Konteks) -> str:
    return "Realisasi Anggaran Sesuai dengan Perjanjian Kinerja"


def j_anggaran_rinci(k: Konteks) -> str:
    return "Realisasi Anggaran per Program, Kegiatan dan Subkegiatan"
