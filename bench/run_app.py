"""Start an app, paint one screen, exit; print seconds from start to that paint, and peak RSS.

Used by ``bench.bench_app`` in a fresh process per run, so import time counts as it does for
a user. ``bare`` is the floor: a bare Textual app with a 200-row DataTable.

    python -m bench.run_app lkjip DB MODE            # seconds to MODE's first paint, peak MB
    python -m bench.run_app lkjip DB beranda>MODE    # also: the CPU seconds (every thread) and,
                                                     # last, the seconds from the switch to MODE
                                                     # until it is painted (Laporan: with its preview);
                                                     # the switch waits for the background loading
"""

from __future__ import annotations

import sys
import threading
import time

T0 = time.perf_counter()
PAINT: list[float] = []  # when the measured screen had been painted
PINDAH: list[float] = []  # when the switch to the second screen was asked for
CPU: list[float] = []  # process CPU time at the switch and at its paint


def _selesai(app) -> None:
    PAINT.append(time.perf_counter())
    CPU.append(time.process_time())
    app.exit()


def peak_mb() -> float:
    # VmHWM is this process's own high-water mark; ru_maxrss would include the parent's
    # memory at fork time, because Linux carries it across exec.
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows: no resource module; psutil is not a dependency
        return float("nan")
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def bare() -> None:
    from textual.app import App
    from textual.widgets import DataTable

    class Bare(App):
        def compose(self):
            yield DataTable()

        def on_mount(self):
            t = self.query_one(DataTable)
            t.add_columns("a", "b", "c")
            for i in range(200):
                t.add_row(str(i), "x" * 10, str(i * 7))
            self.call_after_refresh(_selesai, self)

    Bare().run(headless=True, size=(80, 24))


def _kelas_aplikasi():
    """LkjipApp, imported as this version's ``lkjip`` imports it (bench_banding runs this file
    against older checkouts too): through its command-line module."""
    import lkjip_tui.cli as cli

    if hasattr(cli, "kelas_aplikasi"):
        return cli.kelas_aplikasi()
    from lkjip_tui.app import LkjipApp  # versions before it: imported plainly, after cli's imports

    return LkjipApp


def _latar_selesai(app) -> bool:
    """Whether what the app loads in the background once its first screen is painted is loaded:
    LkjipApp.termuat, or in versions before it, their loading thread has ended."""
    termuat = getattr(app, "termuat", None)
    if termuat is not None:
        return termuat.is_set()
    return not any(t.name == "lkjip-muat" for t in threading.enumerate())


def lkjip(db: str, mode: str) -> None:
    from store.repository import Repository

    LkjipApp = _kelas_aplikasi()

    repo = Repository(db)
    mode, _, lalu = mode.partition(">")

    def siap(app) -> bool:
        # Laporan is ready when its preview shows a table (any version: built at open or lazily).
        if app.current_mode != "laporan":
            return True
        try:
            return "Tabel " in str(app.screen.query_one("#lap-isi").render())
        except Exception:
            return False

    class Bench(LkjipApp):
        # Exit the same way the floor does: after the refresh that follows the screen's mount.
        def on_mount(self):
            super().on_mount()
            if mode == self.DEFAULT_MODE and not lalu:
                self.call_after_refresh(_selesai, self)
            else:
                self.switch_mode(mode)
                self._tunggu()

        def _tunggu(self):
            # Checked after each refresh: a timer is held up by the very work it waits for,
            # landed up to a frame late and so counted work done after the screen was painted.
            if self.current_mode == mode and self.screen.is_mounted and siap(self):
                (self._lalu if lalu else _selesai)(self)
            else:
                self.call_after_refresh(self._tunggu)

        def _lalu(self, _app=None):
            nonlocal mode, lalu
            if not PAINT:
                PAINT.append(time.perf_counter())
            if not _latar_selesai(self):
                # A person reads the first screen before pressing a key: by then what the app
                # loads in the background once it is painted (~0.1 s) is loaded.
                self.set_timer(0.005, self._lalu)
                return
            mode, lalu = lalu, ""
            CPU.append(time.process_time())
            PINDAH.append(time.perf_counter())
            self.switch_mode(mode)
            self._tunggu()

    Bench(repo).run(headless=True, size=(80, 24))
    repo.close()


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        lkjip(sys.argv[2], sys.argv[3])
    # seconds from the start of this module to the first paint (exit and close not counted)
    print(f"{PAINT[0] - T0:.4f} {peak_mb():.1f}" + (f" {CPU[-1] - CPU[0]:.4f} {PAINT[1] - PINDAH[0]:.4f}" if PINDAH else ""))
