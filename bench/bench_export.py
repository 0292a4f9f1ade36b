"""Benchmark: every table in every format for the city-scale synthetic report.

    python -m bench.bench_export [--runs 5] [--sub 10000] [--indikator 200] [--skala 1,4] [--sendiri]

Builds the report with ``bench.synth.buat_laporan_kota`` (not timed), then times
``exports.run.ekspor`` (md, csv, xlsx, json into a temporary folder) several times and
prints the median, and the Python allocations of one run (tracemalloc). The Word document
(``--format docx``: tables built, document laid out and saved) is timed on its own, for the
demo data and the city.

Then, for each ``--skala`` (1 = city, 4 = four times the city's subkegiatan), it saves the
report to a database and runs ``lkjip export --format md,csv,xlsx,docx,json`` on it in fresh
processes, as a user would (``bench.run_export``): the time from start to the last file
(interpreter, imports and loading the database included), the CPU seconds and the peak
resident memory of the process and of its XLSX writer process (Linux: VmHWM and the reaped
child's maxrss); with ``--sendiri`` each of those formats alone too. Issue 20's targets: city
< 2 s and < 120 MiB, 4x city < 4x the city's time and < 250 MiB.
Run on demand; not part of the test suite.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench.synth import buat_laporan_kota
from exports.run import ekspor
from store.demo import demo_laporan

TABEL_DAN_BUNDLE = ("md", "csv", "xlsx", "json")  # the figures in the README before the Word document


def main() -> None:
    ap = argparse.ArgumentParser(description="Ukur waktu dan memori ekspor semua tabel, semua format.")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sub", type=int, default=10_000)
    ap.add_argument("--indikator", type=int, default=200)
    ap.add_argument("--skala", default="1,4", help="kelipatan --sub untuk lkjip export (mis. 1,4)")
    ap.add_argument("--sendiri", action="store_true", help="juga tiap format sendiri-sendiri")
    a = ap.parse_args()

    lap = buat_laporan_kota(a.sub, a.indikator)
    n_sub = sum(1 for _ in lap.semua_subkegiatan())
    waktu = []
    with tempfile.TemporaryDirectory(prefix="lkjip-bench-") as tmp:
        for n in range(a.runs):
            out = Path(tmp) / f"run{n}"
            t0 = time.perf_counter()
            files = ekspor(lap, out, TABEL_DAN_BUNDLE)
            waktu.append(time.perf_counter() - t0)
        word_kota = _word(lap, Path(tmp) / "docx-kota", a.runs)
        word_demo = _word(demo_laporan(), Path(tmp) / "docx-demo", a.runs)
        tracemalloc.start()
        ekspor(lap, Path(tmp) / "mem", TABEL_DAN_BUNDLE)
        _, puncak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        ukuran = sum(f.stat().st_size for f in files)
    print(f"laporan: {n_sub} subkegiatan, {len(lap.indikator)} indikator, {len(lap.sasaran)} sasaran; "
          f"{len(files)} berkas, {ukuran / 1e6:.1f} MB")
    print(f"ekspor(): median {statistics.median(waktu):.2f} s dari {a.runs} kali "
          f"(min {min(waktu):.2f}, maks {max(waktu):.2f}); alokasi Python puncak {puncak / 1e6:.0f} MB "
          f"(target < 2 s)")
    for nama, (w, ukuran_docx), target in (("data contoh", word_demo, "< 1 s"), ("skala kota", word_kota, "< 5 s")):
        print(f"dokumen Word (ekspor --format docx), {nama}: median {statistics.median(w):.2f} s dari {a.runs} kali "
              f"(min {min(w):.2f}, maks {max(w):.2f}); {ukuran_docx / 1e6:.2f} MB (target {target})")
    print("lkjip export (proses baru, termasuk start dan muat basis data; median detik, CPU, memori puncak MiB):")
    print(f"{'skala':>5} {'format':<22} {'detik':>6} {'CPU':>5} {'CPU xlsx':>8} {'MiB':>5} {'MiB xlsx':>8} {'sisa':>4}")
    daftar_format = [SEMUA] + (SEMUA.split(",") if a.sendiri else [])
    for skala in (int(x) for x in a.skala.split(",")):
        lap_skala = lap if skala == 1 else buat_laporan_kota(a.sub * skala, a.indikator)
        with tempfile.TemporaryDirectory(prefix="lkjip-bench-") as tmp:
            db = _db(lap_skala, Path(tmp))
            for f in daftar_format:
                c = _cli(db, Path(tmp), a.runs, f)
                print(f"{skala:>4}x {f:<22} {statistics.median(x[0] for x in c):6.2f} "
                      f"{statistics.median(x[1] for x in c):5.2f} {statistics.median(x[2] for x in c):8.2f} "
                      f"{max(x[3] for x in c):5.0f} {max(x[4] for x in c):8.0f} {max(x[5] for x in c):4d}")


def _word(lap, folder: Path, runs: int) -> tuple[list[float], int]:
    waktu = []
    for n in range(runs):
        t0 = time.perf_counter()
        (berkas,) = ekspor(lap, folder / str(n), ["docx"])
        waktu.append(time.perf_counter() - t0)
    return waktu, berkas.stat().st_size


SEMUA = "md,csv,xlsx,docx,json"  # issue 20's "all formats" (the PDF is bench.bench_pdf's)


def _db(lap, folder: Path) -> Path:
    from store.repository import Repository

    db = folder / "kota.json"
    with Repository(db) as repo:
        repo.simpan_laporan(lap)
    return db


def _cli(db: Path, folder: Path, runs: int, formats: str) -> list[tuple[float, float, float, float, float, int]]:
    """(seconds, CPU, CPU of the XLSX process, MiB, MiB of the XLSX process, processes left) per run."""
    hasil = []
    for n in range(runs):
        out = folder / f"cli{n}"
        r = subprocess.run([sys.executable, "-m", "bench.run_export", "--db", str(db), "--out", str(out),
                            "--format", formats], capture_output=True, text=True, check=True)
        shutil.rmtree(out, ignore_errors=True)
        *_, cpu, cpu_utama, cpu_anak, kode, detik, utama, anak, sisa = r.stdout.split()
        if kode != "0" or cpu != "cpu":
            raise SystemExit(f"lkjip export gagal: {r.stderr}")
        hasil.append((float(detik), float(cpu_utama), float(cpu_anak), float(utama), float(anak), int(sisa)))
    return hasil


if __name__ == "__main__":
    main()
