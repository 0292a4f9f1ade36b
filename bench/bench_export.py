"""Benchmark: every table in every format for the city-scale synthetic report.

    python -m bench.bench_export [--runs 5] [--sub 10000] [--indikator 200]

Builds the report with ``bench.synth.buat_laporan_kota`` (not timed), then times
``exports.run.ekspor`` (md, csv, xlsx, json into a temporary folder) several times and
prints the median, and the Python allocations of one run (tracemalloc). The Word document
(``--format docx``: tables built, document laid out and saved) is timed on its own, for the
demo data and the city.

Then it saves the report to a database and runs ``lkjip export`` on it in fresh processes,
as a user would (``bench.run_export``): the time from start to the last file (interpreter,
imports and loading the database included) and the peak resident memory of the process and
of its XLSX writer process (Linux: VmHWM and the reaped child's maxrss).
Run on demand; not part of the test suite.
"""

from __future__ import annotations

import argparse
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
        cli = _cli(lap, Path(tmp), a.runs)
    print(f"laporan: {n_sub} subkegiatan, {len(lap.indikator)} indikator, {len(lap.sasaran)} sasaran; "
          f"{len(files)} berkas, {ukuran / 1e6:.1f} MB")
    print(f"ekspor(): median {statistics.median(waktu):.2f} s dari {a.runs} kali "
          f"(min {min(waktu):.2f}, maks {max(waktu):.2f}); alokasi Python puncak {puncak / 1e6:.0f} MB "
          f"(target < 2 s)")
    for nama, (w, ukuran_docx), target in (("data contoh", word_demo, "< 1 s"), ("skala kota", word_kota, "< 5 s")):
        print(f"dokumen Word (ekspor --format docx), {nama}: median {statistics.median(w):.2f} s dari {a.runs} kali "
              f"(min {min(w):.2f}, maks {max(w):.2f}); {ukuran_docx / 1e6:.2f} MB (target {target})")
    print(f"lkjip export --db kota.json (proses baru, termasuk start dan muat basis data): "
          f"median {statistics.median(c[0] for c in cli):.2f} s; memori puncak proses {max(c[1] for c in cli):.0f} MB, "
          f"proses XLSX {max(c[2] for c in cli):.0f} MB (target memori < 150 MB)")


def _word(lap, folder: Path, runs: int) -> tuple[list[float], int]:
    waktu = []
    for n in range(runs):
        t0 = time.perf_counter()
        (berkas,) = ekspor(lap, folder / str(n), ["docx"])
        waktu.append(time.perf_counter() - t0)
    return waktu, berkas.stat().st_size


def _cli(lap, folder: Path, runs: int) -> list[tuple[float, float, float]]:
    from store.repository import Repository

    db = folder / "kota.json"
    with Repository(db) as repo:
        repo.simpan_laporan(lap)
    hasil = []
    for n in range(runs):
        r = subprocess.run([sys.executable, "-m", "bench.run_export", "--db", str(db), "--out", str(folder / f"cli{n}")],
                           capture_output=True, text=True, check=True)
        kode, detik, utama, anak, sisa = r.stdout.split()[-5:]
        if kode != "0":
            raise SystemExit(f"lkjip export gagal: {r.stderr}")
        hasil.append((float(detik), float(utama), float(anak), int(sisa)))
    return hasil


if __name__ == "__main__":
    main()
