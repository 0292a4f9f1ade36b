"""Benchmark: the PDF document (``lkjip export --format pdf``) for the demo year and the city.

    python -m bench.bench_pdf [--runs 5] [--sub 10000] [--indikator 200]

Times ``exports.run.ekspor(lap, folder, ["pdf"])`` (tables built, blocks walked, Typst
typesetting, file written) several times and prints the median, the page count and the size.
Targets: demo year < 1 s, city-scale year (``bench.synth``) < 5 s. Run on demand; not part of
the test suite.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.synth import buat_laporan_kota
from exports.run import ekspor
from store.demo import demo_laporan


def ukur(lap, folder: Path, runs: int) -> tuple[list[float], Path]:
    waktu = []
    for n in range(runs):
        t0 = time.perf_counter()
        (berkas,) = ekspor(lap, folder / str(n), ["pdf"])
        waktu.append(time.perf_counter() - t0)
    return waktu, berkas


def halaman(berkas: Path) -> int:
    from pypdf import PdfReader  # the test extra

    return len(PdfReader(berkas).pages)


def main() -> None:
    ap = argparse.ArgumentParser(description="Ukur waktu ekspor PDF: data contoh dan skala kota.")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sub", type=int, default=10_000)
    ap.add_argument("--indikator", type=int, default=200)
    a = ap.parse_args()
    kota = buat_laporan_kota(a.sub, a.indikator)
    with tempfile.TemporaryDirectory(prefix="lkjip-bench-pdf-") as tmp:
        for nama, lap, target in (("data contoh", demo_laporan(), "< 1 s"), ("skala kota", kota, "< 5 s")):
            w, berkas = ukur(lap, Path(tmp) / nama, a.runs)
            print(f"PDF {nama}: median {statistics.median(w):.2f} s dari {a.runs} kali (min {min(w):.2f}, "
                  f"maks {max(w):.2f}); {halaman(berkas)} halaman, {berkas.stat().st_size / 1e6:.2f} MB "
                  f"(target {target})")


if __name__ == "__main__":
    main()
