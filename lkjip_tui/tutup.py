"""Closing the console window is how staff usually quit: do the close-time work then too.

On Windows, closing the console, logging off or shutting down ends Python a few seconds
after telling it (a console control event), without running ``finally`` blocks: the lock
would stay, and the journal would not be compacted nor the day's backup refreshed. On
Linux, closing the terminal sends SIGHUP, and a shutdown SIGTERM.

:class:`Penutup` does the close-time work exactly once, whichever comes first: the app
ending normally, or one of those events. On an event it first asks the app to end the normal
way (so no save is cut in half), waits a little for that, and only then does the work
itself. :func:`pasang` connects it: SetConsoleCtrlHandler on Windows (:func:`_pasang_windows`,
the only Windows-only branch), signal handlers on POSIX.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Callable

# Console control events that end the process (wincon.h); Ctrl+C (0) and Ctrl+Break (1) are
# left to Python and Textual.
CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT = 2, 5, 6
ACARA_TUTUP = {CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT}
# Windows ends the process 5 s after a close event: leave time for the work itself
# (compaction at city scale: 0.1-0.3 s).
TUNGGU = 2.5


class Penutup:
    """``kerja`` (close the database: compact, back up, release the lock) done once;
    ``minta_keluar`` asks the app to end as if the user quit (it may be called from any
    thread and must not wait)."""

    def __init__(self, kerja: Callable[[], None], minta_keluar: Callable[[], None] = lambda: None):
        self._kerja = kerja
        self.minta_keluar = minta_keluar
        self._kunci = threading.Lock()
        self.beres = threading.Event()

    def __call__(self) -> None:
        with self._kunci:
            if self.beres.is_set():
                return
            try:
                self._kerja()
            finally:
                self.beres.set()

    def saat_konsol_ditutup(self, tunggu: float = TUNGGU) -> None:
        """The window is closing: let the app end normally, else do the work here."""
        try:
            self.minta_keluar()
        except Exception:  # noqa: BLE001 - the app is already gone: nothing to ask
            pass
        if not self.beres.wait(tunggu):
            self()


def penangan_windows(penutup: Penutup) -> Callable[[int], bool]:
    """The HandlerRoutine's logic: True (handled) for close, logoff and shutdown, after the
    close-time work; False passes Ctrl+C and Ctrl+Break on to the next handler."""
    def tangani(acara: int) -> bool:
        if acara not in ACARA_TUTUP:
            return False
        penutup.saat_konsol_ditutup()
        return True
    return tangani


def penangan_posix(penutup: Penutup) -> Callable[[int, object], None]:
    """SIGHUP / SIGTERM: ask the running app to end (its ``finally`` does the work); with no
    app running, end like Ctrl+C would, so ``finally`` blocks still run."""
    def tangani(signum: int, _frame) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise SystemExit(128 + signum) from None
        loop.call_soon_threadsafe(penutup.minta_keluar)  # not from inside a signal handler's frame
    return tangani


def pasang(penutup: Penutup) -> Callable[[], None]:
    """Connect ``penutup`` to the console's end; returns the function that disconnects it."""
    if os.name == "nt":
        return _pasang_windows(penutup)
    semula = {}
    for nama in ("SIGHUP", "SIGTERM"):
        if hasattr(signal, nama):
            sig = getattr(signal, nama)
            try:
                semula[sig] = signal.signal(sig, penangan_posix(penutup))
            except ValueError:  # not the main thread (a test runner): leave the default
                pass

    def lepas() -> None:
        for sig, asal in semula.items():
            signal.signal(sig, asal)
    return lepas


def _pasang_windows(penutup: Penutup) -> Callable[[], None]:
    """SetConsoleCtrlHandler via ctypes; Windows calls the handler on a thread of its own."""
    import ctypes
    from ctypes import wintypes

    HandlerRoutine = ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.DWORD)
    tangani = penangan_windows(penutup)
    rutin = HandlerRoutine(lambda acara: bool(tangani(int(acara))))  # referenced until lepas(): not collected
    k32 = ctypes.windll.kernel32
    k32.SetConsoleCtrlHandler(rutin, True)
    return lambda: k32.SetConsoleCtrlHandler(rutin, False)
