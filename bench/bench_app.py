"""App speed and memory against the bare-Textual floor, on the demo and a city-scale database.

    python -m bench.bench_app [--runs 5]

Each start is a fresh process (imports count, as for a user); figures are medians. The
floor and the demo start run alternately, so a drift in the machine's speed during the run
touches both alike, and their ratio is taken run by run. The packages are compiled to
bytecode first: pip installed Textual precompiled, and a user's lkjip has its bytecode
cached after the first start (this matters where PYTHONDONTWRITEBYTECODE is set). The
keystroke figure is the work one keystroke in a Triwulan realisasi field causes (parse,
recalculate indicator, sasaran and organisation capaian, redraw the touched rows), measured
in-process on the city-scale database.
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
        baris.append(("Beranda pertama, data contoh", t, mb, f"{rasio:.2f}× floor (target ≤ 1,3×); < 80 MB"))
        t, mb = _median(a.runs, "lkjip", str(kota), "beranda")
        baris.append(("Beranda pertama, skala kota", t, mb, "< 200 MB"))
        t, mb = _median(a.runs, "lkjip", str(kota), "anggaran")
        baris.append(("Anggaran pertama, skala kota", t, mb, "target < 2 s; < 200 MB"))
        k = asyncio.run(_keystroke(kota))
        baris.append(("1 ketukan di realisasi → capaian, skala kota", k, float("nan"), "target < 16 ms"))
    print(f"{'ukuran':48} {'waktu':>9} {'RSS MB':>7}  catatan")
    for nama, t, mb, cat in baris:
        print(f"{nama:48} {t * 1000:7.1f}ms {mb:7.1f}  {cat}")


if __name__ == "__main__":
    main()
