"""What a user waits for after installing: size of the wheel and the .pyz, and the time from
starting lkjip to its first screen (80×24 pseudo-terminal, demo data), for the installed wheel
and for the .pyz, first start (the .pyz unpacks itself) and second start.

    python -m bench.bench_pasang [--runs 3]

Builds both from this checkout into a temporary folder; needs '.[pyz]' and the network (or a
pip cache) for the dependencies. POSIX only (pseudo-terminal).
"""

from __future__ import annotations

import argparse
import os
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


def _waktu(cmd: list[str], env: dict, cwd: Path) -> float:
    mulai = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - mulai


def main(argv: list[str] | None = None) -> int:
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument("--runs", type=int, default=3, help="second starts to time (median)")
    runs = a.parse_args(argv).runs
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
