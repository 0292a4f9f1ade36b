"""``lkjip check`` against ``lkjip import`` of the same city-scale data (issue 20, item 2).

    python -m bench.bench_check [--lama DIR] [--runs 7] [--sub 10000]

Two variants of the synth city year: as synth makes it (no text), and with the demo's 35 texts
(BAB I–IV, which name figures, as a real office's do: each is compared with the data's). Each run
imports a variant into a fresh database, then checks it, each a fresh process (as a user runs
them); with ``--lama`` (a checkout of an earlier version) the two versions alternate in the same
run. Prints per variant and version the medians of check, import and check/import, as wall time
and as CPU time (user + sys of the child: less shaken by other load on the machine).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent


def _jalan(akar: Path, kerja: Path, *args: str) -> tuple[float, float]:
    """(wall, cpu) seconds of ``python -m lkjip_tui *args`` run from checkout ``akar``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "LKJIP"))}
    env["PYTHONPATH"] = str(akar)
    sebelum = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "lkjip_tui", *args], cwd=kerja, env=env, capture_output=True, text=True)
    dinding = time.perf_counter() - t
    sesudah = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode not in (0, 1):
        raise SystemExit(f"{akar}: {' '.join(args)} gagal ({r.returncode}):\n{r.stderr[-2000:]}")
    cpu = (sesudah.ru_utime - sebelum.ru_utime) + (sesudah.ru_stime - sebelum.ru_stime)
    return dinding, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--lama", type=Path, help="checkout versi sebelumnya (dibandingkan bergantian)")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--sub", type=int, default=10_000, help="jumlah subkegiatan data sintetis")
    a = ap.parse_args()
    versi = {"baru": AKAR} | ({"lama": a.lama.resolve()} if a.lama else {})
    with tempfile.TemporaryDirectory(prefix="bench-check-") as d:
        tmp = Path(d)
        data = tmp / "kota.json"
        subprocess.run([sys.executable, "-m", "bench.synth", str(data), "--sub", str(a.sub)], cwd=AKAR, check=True,
                       capture_output=True)
        varian = {"tanpa teks": data, "teks demo": _dengan_teks_demo(data, tmp / "kota-teks.json")}
        hasil: dict[tuple[str, str], list[tuple[float, float, float, float]]] = {}
        urutan = list(versi)
        for n in range(a.runs):
            for nv, (nama_varian, bundel) in enumerate(varian.items()):
                for v in urutan if n % 2 == 0 else urutan[::-1]:
                    db = tmp / f"{v}-{n}-{nv}.db.json"
                    wi, ci = _jalan(versi[v], tmp, "--db", str(db), "import", str(bundel))
                    wc, cc = _jalan(versi[v], tmp, "--db", str(db), "check")
                    hasil.setdefault((nama_varian, v), []).append((wc, wi, cc, ci))
                    print(f"{nama_varian}, {v} run {n}: check {wc:.2f} s / import {wi:.2f} s = {wc / wi:.2f}× "
                          f"(cpu {cc / ci:.2f}×)", file=sys.stderr)
    med = statistics.median
    for (nama_varian, v), xs in hasil.items():
        print(f"{nama_varian}, {v}: check {med(x[0] for x in xs):.2f} s, import {med(x[1] for x in xs):.2f} s, "
              f"check/import {med(x[0] / x[1] for x in xs):.2f}× (wall), "
              f"{med(x[2] / x[3] for x in xs):.2f}× (cpu: {med(x[2] for x in xs):.2f} / {med(x[3] for x in xs):.2f} s)")


def _dengan_teks_demo(data: Path, ke: Path) -> Path:
    """The synth bundle ``data`` with the demo's texts, written to ``ke``."""
    from store.bundle import ke_bundle
    from store.demo import demo_laporan

    bundel = json.loads(data.read_text(encoding="utf-8"))
    bundel["narasi"] = ke_bundle(demo_laporan())["narasi"]
    ke.write_text(json.dumps(bundel, ensure_ascii=False), encoding="utf-8")
    return ke

if __name__ == "__main__":
    main()
