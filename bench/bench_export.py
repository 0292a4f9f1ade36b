"""Benchmark: every table in every format for the city-scale synthetic report.

    python -m bench.bench_export [--runs 5] [--sub 10000] [--indikator 200]

Builds the report with ``bench.synth.buat_laporan_kota`` (not timed), then times
``exports.run.ekspor`` (md, csv, xlsx, json into a temporary folder) several times and
prints the median, and the peak memory of one run (tracemalloc: Python allocations during
the export) and the peak resident size of the process and of the second process that
writes the XLSX workbook of a large report (``resource`` where the platform has it).
Run on demand; not part of the test suite.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench.synth import buat_laporan_kota
from exports.run import ekspor


def _maxrss_mb(siapa: str = "RUSAGE_SELF") -> float | None:
    try:
        import resource  # not on Windows
    except ImportError:
        return None
    rss = resource.getrusage(getattr(resource, siapa)).ru_maxrss
    return rss / 1024 / 1024 if sys.platform == "darwin" else rss / 1024  # bytes on macOS, KiB elsewhere


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
            files = ekspor(lap, out)
            waktu.append(time.perf_counter() - t0)
        tracemalloc.start()
        ekspor(lap, Path(tmp) / "mem")
        _, puncak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        ukuran = sum(f.stat().st_size for f in files)
    rss, anak = _maxrss_mb(), _maxrss_mb("RUSAGE_CHILDREN")
    print(f"laporan: {n_sub} subkegiatan, {len(lap.indikator)} indikator, {len(lap.sasaran)} sasaran; "
          f"{len(files)} berkas, {ukuran / 1e6:.1f} MB")
    print(f"waktu: median {statistics.median(waktu):.2f} s dari {a.runs} kali "
          f"(min {min(waktu):.2f}, maks {max(waktu):.2f})")
    print(f"memori: puncak tracemalloc {puncak / 1e6:.0f} MB selama ekspor"
          + (f"; maxrss proses {rss:.0f} MB" if rss is not None else "")
          + (f", proses XLSX kedua {anak:.0f} MB" if anak else ""))


if __name__ == "__main__":
    main()
