"""A synthetic city-scale report year for benchmarks.

One unit the size of a whole city budget: about 10,000 subkegiatan with monthly realisasi,
200 indicators with quarterly entries, five Renstra years, 40 staffing units. Deterministic
for a given seed, so runs compare.

    python -m bench.synth OUT.json [--sub 10000] [--indikator 200]   # writes a bundle
"""

from __future__ import annotations

import argparse
import random
from decimal import Decimal
from pathlib import Path

from store.models import (
    Iku,
    Indikator,
    Instansi,
    Jabatan,
    Kegiatan,
    Kepala,
    KomponenAkip,
    Laporan,
    Pegawai,
    Program,
    Renstra,
    Sasaran,
    Subkegiatan,
    Triwulan,
    Tujuan,
    UnitPegawai,
)

TAHUN = 2025


def buat_laporan_kota(n_sub: int = 10_000, n_indikator: int = 200, seed: int = 1, tahun: int = TAHUN) -> Laporan:
    rnd = random.Random(seed)
    tahun_target = list(range(tahun - 4, tahun + 1))
    n_tujuan, n_sasaran = 5, 20
    tujuan = [Tujuan(f"T{i+1}", 1, f"Tujuan kota nomor {i+1}", [f"Indikator tujuan {i+1}"]) for i in range(n_tujuan)]
    sasaran = [Sasaran(f"S{i+1}", f"T{i % n_tujuan + 1}", f"Sasaran strategis kota nomor {i+1}") for i in range(n_sasaran)]
    indikator = []
    for i in range(n_indikator):
        arah = "negatif" if i % 10 == 9 else "positif"
        base = Decimal(rnd.randint(50, 5000))
        target = {t: base + n for n, t in enumerate(tahun_target)}
        realisasi = {t: (base * Decimal(rnd.randint(80, 120)) / 100).quantize(Decimal("0.01")) for t in tahun_target[:-1]}
        q_target = (target[tahun] / 4).quantize(Decimal("0.01"))
        tw = [Triwulan(q_target, (q_target * Decimal(rnd.randint(70, 130)) / 100).quantize(Decimal("0.01")))
              for _ in range(4)]
        indikator.append(Indikator(
            f"I{i+1}", f"S{i % n_sasaran + 1}", f"Indikator kinerja kota nomor {i+1}", "Angka", arah,
            "2T-R" if arah == "negatif" else None, ("jumlah", "terakhir", "rata-rata")[i % 3],
            Iku("Renstra", "Rumus", "Sumber", "Bidang"), target, realisasi, {tahun: tw}, {}))
    program, n = [], 0
    n_program = max(1, n_sub // 200)
    for p in range(n_program):
        prog = Program(f"P{p+1}", f"Program kota nomor {p+1}", f"S{p % n_sasaran + 1}", None, [])
        for k in range(10):
            keg = Kegiatan(f"Kegiatan {k+1} program {p+1}")
            for s in range(20):
                if n >= n_sub:
                    break
                n += 1
                pagu = Decimal(rnd.randint(10, 5000) * 100_000)
                bulanan = {b: Decimal(rnd.randint(0, int(pagu) // 12 // 1000) * 1000) for b in range(1, 13)}
                keg.subkegiatan.append(Subkegiatan(f"Subkegiatan {s+1} kegiatan {k+1} program {p+1}", pagu,
                                                   sum(bulanan.values()), bulanan))
            if keg.subkegiatan:
                prog.kegiatan.append(keg)
        prog.pagu_murni = sum((s.pagu for k in prog.kegiatan for s in k.subkegiatan), Decimal(0))
        program.append(prog)
    unit = [UnitPegawai(f"Unit kerja {u+1}", [Jabatan(f"Jabatan {j+1}", rnd.randint(0, 5), rnd.randint(0, 5))
                                               for j in range(12)]) for u in range(40)]
    akip = [KomponenAkip(nama, Decimal(b), {t: Decimal(b) * Decimal("0.7") for t in tahun_target[:-1]})
            for nama, b in (("Perencanaan Kinerja", 30), ("Pengukuran Kinerja", 25), ("Pelaporan Kinerja", 15),
                            ("Evaluasi Kinerja", 10), ("Capaian Kinerja", 20))]
    return Laporan(tahun, Instansi("Pemerintah Kota Sintetis", "Kota Sintetis", Kepala("Wali Kota", "Wali Kota", None),
                                   "Visi kota", ["Misi kota"]),
                   Renstra(tahun - 5, tahun, tahun_target), tujuan=tujuan, sasaran=sasaran, indikator=indikator,
                   program=program, pegawai=Pegawai(f"{tahun}-12-31", unit), evaluasi_akip=akip)


def main() -> None:
    from store.bundle import dump_bundle

    ap = argparse.ArgumentParser(description="Tulis bundle sintetis skala kota.")
    ap.add_argument("out")
    ap.add_argument("--sub", type=int, default=10_000)
    ap.add_argument("--indikator", type=int, default=200)
    a = ap.parse_args()
    Path(a.out).write_text(dump_bundle(buat_laporan_kota(a.sub, a.indikator)), encoding="utf-8")


if __name__ == "__main__":
    main()
