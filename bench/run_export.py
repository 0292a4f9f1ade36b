"""Run ``lkjip export`` once in this fresh process; print seconds, and the peak resident size
(MB) of this process and of its XLSX writer process. Used by ``bench.bench_export``.

    python -m bench.run_export --db KOTA.json --out FOLDER
"""

from __future__ import annotations

import os
import sys
import time

T0 = time.perf_counter()


def _vmhwm() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def main() -> None:
    from lkjip_tui.cli import main as lkjip

    kode = lkjip(["export", *sys.argv[1:]])
    detik = time.perf_counter() - T0
    print(f"{kode} {detik:.4f} {_vmhwm():.1f} {_anak_mb():.1f}")


def _anak_mb() -> float:
    """Peak RSS of the XLSX writer process: reaped here (the export does not wait for it)."""
    try:
        import resource  # not on Windows
    except ImportError:
        return float("nan")
    try:
        while True:
            os.waitpid(-1, 0)
    except ChildProcessError:
        pass
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


if __name__ == "__main__":
    main()
