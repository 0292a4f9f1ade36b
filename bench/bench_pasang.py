"""What a user waits for after installing: size of the wheel and the .pyz, and the time from
starting lkjip to its first screen (80×24 pseudo-terminal, demo data), for the installed wheel
and for the .pyz, first start (the .pyz unpacks itself) and second start.

    python -m bench.bench_pasang [--runs 3]
    python -m bench.bench_pasang --banding lama.pyz baru.pyz [--runs 5]

The second form compares two built .pyz files, alternately run by run: first start (into an
empty SHIV_ROOT each time) and second start to the first screen, wall and CPU (user+sys of the
whole run, to ctrl+q), and what the first start unpacked (files, MiB).

Builds both from this checkout into a temporary folder; needs '.[pyz]' and the network (or a
pip cache) for the dependencies. POSIX only (pseudo-terminal).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

from .pty_layar import layar_pertama

AKAR = Path(__file__).resolve().parent.parent
TANDA = [b"Beranda", b"Balikpapan Selatan"]


def _waktu(cmd: list[str], env: dict[str, str], cwd: Path) -> float:
    mulai = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - mulai


def _cpu_anak() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _layar(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds to the first screen, CPU seconds of the whole run)."""
    cpu = _cpu_anak()
    waktu, _ = layar_pertama(cmd, cwd, env, TANDA)
    return waktu, _cpu_anak() - cpu


def banding(pyz: list[Path], runs: int) -> None:
    """First and second start of each .pyz, alternately."""
    hasil: dict[Path, dict[str, list[float]]] = {p: {"1": [], "1cpu": [], "2": [], "2cpu": []} for p in pyz}
    with tempfile.TemporaryDirectory(prefix="lkjip-banding-") as tmp:
        d = Path(tmp)
        (d / "home").mkdir()
        env = {k: x for k, x in os.environ.items() if not k.startswith(("PYTHON", "LKJIP", "SHIV"))}
        env.update(HOME=str(d / "home"), TERM="xterm-256color")
        for _ in range(runs):
            for p in pyz:
                shiv = d / "shiv"
                shutil.rmtree(shiv, ignore_errors=True)
                e = dict(env, SHIV_ROOT=str(shiv))
                cmd = [sys.executable, "-I", str(p), "--demo"]
                for giliran in ("1", "2"):
                    waktu, cpu = _layar(cmd, d, e)
                    hasil[p][giliran].append(waktu)
                    hasil[p][giliran + "cpu"].append(cpu)
                berkas = [f for f in shiv.rglob("*") if f.is_file()]
                hasil[p]["berkas"] = [len(berkas)]
                hasil[p]["mib"] = [sum(f.stat().st_size for f in berkas) / 2**20]
    for p, h in hasil.items():
        m = {k: statistics.median(v) for k, v in h.items()}
        print(f"{p.name}: start pertama {m['1']:.2f} s (min {min(h['1']):.2f}, CPU {m['1cpu']:.2f} s), "
              f"start kedua {m['2']:.2f} s (min {min(h['2']):.2f}, CPU {m['2cpu']:.2f} s); "
              f"dibongkar {m['berkas']:.0f} berkas, {m['mib']:.1f} MiB; median dari {runs}")


def main(argv: list[str] | None = None) -> int:
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument("--runs", type=int, default=3, help="second starts to time (median)")
    a.add_argument("--banding", nargs="+", type=Path, metavar="PYZ", help="compare these built .pyz files")
    args = a.parse_args(argv)
    runs = args.runs
    if args.banding:
        banding(args.banding, runs)
        return 0
    with tempfile.TemporaryDirectory(prefix="lkjip-pasang-") as tmp:
        d = Path(tmp)
        roda = d / "roda"
        subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-build-isolation", "-w", str(roda), str(AKAR)],
                       check=True, capture_output=True)
        whl = next(roda.glob("lkjip-*.whl"))
        subprocess.run([sys.executable, str(AKAR / "tools" / "pyz.py"), "--out", str(d / "dist"), "--wheelhouse", str(roda)],
                       check=True, capture_output=True)
        pyz = next((d / "dist").glob("lkjip-*.pyz"))
        v = d / "venv"
        venv.create(v, with_pip=True)
        subprocess.run([str(v / "bin" / "python"), "-m", "pip", "install", "-q", "--no-index", "--find-links", str(roda),
                        str(whl)], check=True, capture_output=True)
        home = d / "home"
        home.mkdir()
        env = {k: x for k, x in os.environ.items() if not k.startswith(("PYTHON", "LKJIP", "SHIV"))}
        env.update(HOME=str(home), TERM="xterm-256color", SHIV_ROOT=str(d / "shiv"))
        print(f"wheel {whl.name}: {whl.stat().st_size / 1e6:.2f} MB; .pyz {pyz.name}: {pyz.stat().st_size / 1e6:.1f} MB")
        cara = {"terpasang (venv)": [str(v / "bin" / "lkjip")], ".pyz (python -I)": [sys.executable, "-I", str(pyz)]}
        for nama, cmd in cara.items():
            pertama, _ = layar_pertama([*cmd, "--demo"], d, env, TANDA)  # the .pyz unpacks itself here
            pertama_versi = _waktu([*cmd, "--version"], env, d)
            kedua = statistics.median(layar_pertama([*cmd, "--demo"], d, env, TANDA)[0] for _ in range(runs))
            versi = statistics.median(_waktu([*cmd, "--version"], env, d) for _ in range(runs))
            print(f"{nama:18} layar pertama: start pertama {pertama:5.2f} s, berikutnya {kedua:5.2f} s; "
                  f"--version {versi:5.2f} s (yang pertama sesudah start pertama {pertama_versi:5.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
