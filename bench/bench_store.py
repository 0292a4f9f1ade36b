"""Speed and memory of the store at city scale (run on demand; not part of the tests).

    python -m bench.bench_store [--ulang 15] [--folder DIR]

Builds the city-scale database (bench.synth: 10,000 subkegiatan with monthly realisasi)
and prints, each as the median of several runs: one subkegiatan commit, one indicator
commit, open + muat(), compaction; then peak memory of open + muat() (tracemalloc peak and
ru_maxrss, each measured in a fresh process) for the city DB and the demo DB.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from bench.synth import TAHUN, buat_laporan_kota
from store.models import Subkegiatan
from store.repository import Repository


def _median_ms(xs: list[float]) -> float:
    return statistics.median(xs) * 1000


def ukur_memori(path: str) -> None:
    """Child mode: open + muat() every year, print peaks as JSON."""
    import tracemalloc
    tracemalloc.start()
    t = time.perf_counter()
    with Repository(path, readonly=True) as repo:
        for tahun in repo.tahun_tersedia():
            repo.muat(tahun)
        detik = time.perf_counter() - t
        _, puncak = tracemalloc.get_traced_memory()
    rss_mb = None
    try:
        # Linux: VmHWM is this process's own peak. ru_maxrss would also count the parent's
        # peak, which Linux carries across fork+exec, and the parent holds the city data.
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    rss_mb = int(line.split()[1]) / 1024
    except OSError:
        try:
            import resource
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            rss_mb = rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024  # bytes on macOS, KiB elsewhere
        except ImportError:  # Windows
            pass
    print(json.dumps({"tracemalloc_mb": puncak / 2**20, "maxrss_mb": rss_mb, "detik": detik}))


def _memori(path: Path) -> dict:
    r = subprocess.run([sys.executable, "-m", "bench.bench_store", "--ukur-memori", str(path)],
                       capture_output=True, text=True, encoding="utf-8", check=True,
                       cwd=Path(__file__).resolve().parents[1])
    return json.loads(r.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description="Ukur kecepatan dan memori penyimpanan pada skala kota.")
    ap.add_argument("--ulang", type=int, default=15, help="jumlah pengulangan tiap ukuran (median)")
    ap.add_argument("--folder", help="folder kerja (bawaan: folder sementara)")
    ap.add_argument("--ukur-memori", metavar="DB", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.ukur_memori:
        ukur_memori(a.ukur_memori)
        return
    folder = Path(a.folder or tempfile.mkdtemp(prefix="lkjip-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "kota.json"
    for p in folder.glob("kota*"):
        p.unlink()
    hasil: list[tuple[str, str]] = []

    t = time.perf_counter()
    lap = buat_laporan_kota()
    with Repository(db) as repo:
        repo.simpan_laporan(lap)
    hasil.append(("impor kota (sekali, termasuk kompaksi)", f"{(time.perf_counter() - t) * 1000:.0f} ms"))
    ukuran = db.stat().st_size

    with Repository(db) as repo:
        lap = repo.muat(TAHUN)
        subs = [s for _, _, s in lap.semua_subkegiatan()]
        waktu = []
        for n in range(a.ulang):
            s = subs[n * 37 % len(subs)]
            s.realisasi_bulanan[1] = (s.realisasi_bulanan[1] or Decimal(0)) + 1000
            t = time.perf_counter()
            repo.simpan(TAHUN, s)
            waktu.append(time.perf_counter() - t)
        hasil.append(("simpan 1 subkegiatan (jurnal + fsync)", f"{_median_ms(waktu):.1f} ms"))
        waktu = []
        for n in range(a.ulang):
            ind = lap.indikator[n % len(lap.indikator)]
            q = ind.triwulan[TAHUN][2]
            q.realisasi = (q.realisasi or Decimal(0)) + 1
            t = time.perf_counter()
            repo.simpan(TAHUN, ind)
            waktu.append(time.perf_counter() - t)
        hasil.append(("simpan 1 nilai indikator (jurnal + fsync)", f"{_median_ms(waktu):.1f} ms"))
        waktu = []
        keg = lap.program[0].kegiatan[0]
        for n in range(a.ulang):
            t = time.perf_counter()
            repo.simpan(TAHUN, Subkegiatan(f"Subkegiatan baru {n}", Decimal(1000), None), induk=keg.key)
            waktu.append(time.perf_counter() - t)
        hasil.append(("tambah 1 subkegiatan baru (jurnal + fsync)", f"{_median_ms(waktu):.1f} ms"))
        waktu = []
        for _ in range(max(3, a.ulang // 5)):
            t = time.perf_counter()
            repo.kompaksi()
            waktu.append(time.perf_counter() - t)
        hasil.append(("kompaksi (tulis ulang penuh, atomik)", f"{_median_ms(waktu):.0f} ms"))

    for label, ro in (("buka + muat() kota, hanya-baca", True), ("buka + muat() kota, tulis (kunci, cadangan)", False)):
        waktu = []
        for _ in range(max(3, a.ulang // 5)):
            t = time.perf_counter()
            with Repository(db, readonly=ro) as repo:
                repo.muat(TAHUN)
                waktu.append(time.perf_counter() - t)
        hasil.append((label, f"{_median_ms(waktu):.0f} ms"))

    from store.demo import buat_demo
    demo = buat_demo(folder / "demo.json")
    for nama, path in (("kota", db), ("demo", demo)):
        m = _memori(path)
        rss = "-" if m["maxrss_mb"] is None else f"{m['maxrss_mb']:.0f} MB"
        hasil.append((f"memori buka + muat() {nama}: tracemalloc puncak / RSS puncak",
                      f"{m['tracemalloc_mb']:.0f} MB / {rss}"))

    print(f"Basis data kota: {ukuran / 2**20:.1f} MB, {len(subs)} subkegiatan; median dari {a.ulang} kali; {folder}")
    lebar = max(len(k) for k, _ in hasil)
    print(f"{'ukuran':<{lebar}}  hasil")
    print(f"{'-' * lebar}  {'-' * 16}")
    for k, v in hasil:
        print(f"{k:<{lebar}}  {v}")


if __name__ == "__main__":
    main()
