"""Run ``lkjip export`` once in this fresh process; print its exit status, seconds, the peak
resident size (MB) of this process and of its XLSX writer process, and how many processes it
started were still running when it returned (target 0), as the last line. The line before
it: ``cpu`` and the CPU seconds (user + system) of this process and of its XLSX writer process.
Used by ``bench.bench_export`` and ``bench.bench_banding``.

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
    sisa = _anak_hidup()
    anak_mb = _anak_mb()
    print(f"cpu {_cpu('RUSAGE_SELF'):.3f} {_cpu('RUSAGE_CHILDREN'):.3f}")
    print(f"{kode} {detik:.4f} {_vmhwm():.1f} {anak_mb:.1f} {sisa}")


def _cpu(siapa: str) -> float:
    try:
        import resource  # not on Windows
    except ImportError:
        return float("nan")
    r = resource.getrusage(getattr(resource, siapa))
    return r.ru_utime + r.ru_stime


def _anak_hidup() -> int:
    """Children of this process still there (running, or ended and not reaped) after the
    export returned (Linux /proc; -1 elsewhere)."""
    from pathlib import Path

    tugas = list(Path(f"/proc/{os.getpid()}/task").glob("*/children"))
    if not tugas:
        return -1
    return len({x for f in tugas for x in f.read_text().split()})


def _anak_mb() -> float:
    """Peak RSS of the XLSX writer process (counted once it has been reaped: by the export
    itself, or here for a version that did not wait for it)."""
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
