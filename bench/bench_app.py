"""App speed and memory against the bare-Textual floor, on the demo and a city-scale database.

    python -m bench.bench_app [--runs 5]

Each start is a fresh process (imports count, as for a user); figures are medians. The
floor and the demo start run alternately, so a drift in the machine's speed during the run
touches both alike, and their ratio is taken run by run. The packages are compiled to
bytecode first: pip installed Textual precompiled, and a user's lkjip has its bytecode
cached after the first start (this matters where PYTHONDONTWRITEBYTECODE is set). The
keystroke figure is the work one keystroke in a Triwulan realisasi field causes (parse,
recalculate indicator, sasaran and organisation capaian, redraw the touched rows), measured
in-process on the city-scale database. F9 (Laporan, until its preview is painted) and F6
(Anggaran) are opened from Beranda at city scale alternately, and compared run by run; each
is opened as a person opens it, once what the app loads in the background after its first
paint (the other screens' modules, ~0.1 s) is loaded.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _start(*args: str) -> tuple[float, float]:
    """Seconds from the child's start to its first paint of the screen, and its peak RSS in MB.
    Interpreter start-up (the same for floor and app) and exit (closing the database) are not
    counted."""
    r = subprocess.run([sys.executable, "-m", "bench.run_app", *args], capture_output=True, text=True, check=True)
    t, mb = r.stdout.split()[-2:]
    return float(t), float(mb)


def _median(runs: int, *args: str) -> tuple[float, float]:
    hasil = [_start(*args) for _ in range(runs)]
    return statistics.median(h[0] for h in hasil), max(h[1] for h in hasil)


def _bergantian(runs: int, *args: str) -> tuple[float, float, float, float, float]:
    """Floor and app started alternately: medians and peak RSS of each, and the median of
    the run-by-run ratio app/floor."""
    floor, app = [], []
    for _ in range(runs):
        floor.append(_start("bare"))
        app.append(_start(*args))
    rasio = statistics.median(a[0] / f[0] for a, f in zip(app, floor))
    return (statistics.median(f[0] for f in floor), max(f[1] for f in floor),
            statistics.median(a[0] for a in app), max(a[1] for a in app), rasio)


def _pindah(db: Path, mode: str) -> tuple[float, float]:
    """Seconds (wall, CPU of every thread) from the switch Beranda → ``mode`` to its paint."""
    r = subprocess.run([sys.executable, "-m", "bench.run_app", "lkjip", str(db), f"beranda>{mode}"],
                       capture_output=True, text=True, check=True)
    cpu, wall = r.stdout.split()[-2:]
    return float(wall), float(cpu)


def _laporan_anggaran(runs: int, db: Path) -> tuple[float, float, float, float, float, int]:
    """F9 and F6 opened from Beranda, alternately (which goes first alternates too): medians of
    wall and CPU seconds, the median run-by-run ratio F9/F6 (wall), and in how many runs F9 took
    no longer than F6."""
    f9, f6 = [], []
    for n in range(runs):
        urutan = ("laporan", "anggaran") if n % 2 == 0 else ("anggaran", "laporan")
        hasil = {m: _pindah(db, m) for m in urutan}
        f9.append(hasil["laporan"])
        f6.append(hasil["anggaran"])
    rasio = [a[0] / b[0] for a, b in zip(f9, f6)]
    return (statistics.median(x[0] for x in f9), statistics.median(x[1] for x in f9),
            statistics.median(x[0] for x in f6), statistics.median(x[1] for x in f6),
            statistics.median(rasio), sum(r <= 1 for r in rasio))


def _kompilasi() -> None:
    import compileall

    akar = Path(__file__).resolve().parent.parent
    for paket in ("store", "exports", "lkjip_tui", "bench"):
        compileall.compile_dir(akar / paket, quiet=1)


def _kota(folder: Path) -> Path:
    from bench.synth import buat_laporan_kota
    from store.repository import Repository

    db = folder / "kota.json"
    with Repository(db) as repo:
        repo.simpan_laporan(buat_laporan_kota())
    return db


async def _keystroke(db: Path, n: int = 30) -> float:
    from decimal import Decimal

    from lkjip_tui.app import LkjipApp
    from lkjip_tui.widgets.edit_grid import EditGrid
    from store.repository import Repository

    repo = Repository(db)
    app = LkjipApp(repo)
    waktu = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        scr = app.screen
        grid = scr.query_one(EditGrid)
        ind = app.lap.indikator[0]
        for i in range(n):
            t = time.perf_counter()
            scr._pratinjau(EditGrid.Pratinjau(grid, f"{ind.id}#3", "realisasi", Decimal(100 + i), None))
            waktu.append(time.perf_counter() - t)
    repo.close()
    return statistics.median(waktu)


def main() -> None:
    ap = argparse.ArgumentParser(description="Ukur kecepatan dan memori aplikasi.")
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    from store.demo import buat_demo

    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        demo = buat_demo(folder / "demo.json")
        kota = _kota(folder)
        baris = []
        _kompilasi()
        _start("bare"), _start("lkjip", str(demo), "beranda")  # warm the disk cache for both
        floor, floor_mb, t, mb, rasio = _bergantian(a.runs, "lkjip", str(demo), "beranda")
        baris.append(("floor: bare Textual + DataTable 200 baris", floor, floor_mb, ""))
        baris.append(("Beranda pertama, data contoh", t, mb, f"{rasio:.2f}× floor (target ≤ 1,2×); < 80 MB"))
        t, mb = _median(a.runs, "lkjip", str(kota), "beranda")
        baris.append(("Beranda pertama, skala kota", t, mb, "< 200 MB"))
        t, mb = _median(a.runs, "lkjip", str(kota), "anggaran")
        baris.append(("Anggaran pertama, skala kota", t, mb, "target < 2 s; < 200 MB"))
        f9, f9_cpu, f6, f6_cpu, rasio, menang = _laporan_anggaran(a.runs, kota)
        baris.append(("F6 Anggaran dari Beranda, skala kota", f6, float("nan"), f"CPU {f6_cpu * 1000:.0f} ms"))
        baris.append(("F9 Laporan dari Beranda (dengan pratinjau), kota", f9, float("nan"),
                      f"CPU {f9_cpu * 1000:.0f} ms; {rasio:.2f}× F6, ≤ F6 di {menang}/{a.runs} run (target ≤ F6)"))
        k = asyncio.run(_keystroke(kota))
        baris.append(("1 ketukan di realisasi → capaian, skala kota", k, float("nan"), "target < 16 ms"))
    print(f"{'ukuran':48} {'waktu':>9} {'RSS MB':>7}  catatan")
    for nama, t, mb, cat in baris:
        print(f"{nama:48} {t * 1000:7.1f}ms {mb:7.1f}  {cat}")


if __name__ == "__main__":
    main()
