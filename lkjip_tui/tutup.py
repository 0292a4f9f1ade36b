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

A hang-up must end the process whatever state the terminal is in. Textual's output thread
dies on its first failed write (EIO once the terminal is gone), after which the app's next
write waits forever on the thread's full queue, inside the app's own shutdown;
:func:`jaga_penulis` keeps that queue emptied and reports the lost terminal as a hang-up. And
:meth:`Penutup.terminal_hilang` starts a watchdog: if the normal ending has not done the
close-time work within :data:`BATAS_HENTI` seconds, the watchdog does it (save, release the
lock) and ends the process with ``os._exit`` (portable: Windows too).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
import time
from collections.abc import Callable

# Console control events that end the process (wincon.h); Ctrl+C (0) and Ctrl+Break (1) are
# left to Python and Textual.
CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT = 2, 5, 6
ACARA_TUTUP = {CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT}
# Windows ends the process 5 s after a close event: leave time for the work itself
# (compaction at city scale: 0.1-0.3 s).
TUNGGU = 2.5
# After a hang-up: how long the app has to end the normal way before the watchdog does the
# close-time work itself, and again how long the normal ending has after that work is done.
BATAS_HENTI = 3.0
BATAS_KERJA = 3.0  # the watchdog's own close-time work (a compaction on a share that hangs) at most


class Penutup:
    """``kerja`` (close the database: compact, back up, release the lock) done once;
    ``minta_keluar`` asks the app to end as if the user quit (it may be called from any
    thread and must not wait). ``paksa_keluar``: after a hang-up, a watchdog ends the
    process if the normal ending stalls (the real app; tests that call the handlers
    directly leave it off)."""

    def __init__(self, kerja: Callable[[], None], minta_keluar: Callable[[], None] = lambda: None,
                 paksa_keluar: bool = False):
        self._kerja = kerja
        self.minta_keluar = minta_keluar
        self.paksa_keluar = paksa_keluar
        self._kunci = threading.Lock()
        self.beres = threading.Event()
        self.mulai = False  # the close-time work has begun (a second signal must not cut it)
        self._jaga: threading.Thread | None = None
        self._kunci_jaga = threading.Lock()

    def __call__(self, tunggu: float = -1) -> None:
        """Do the work unless done; ``tunggu``: at most this long for a run in progress."""
        if not self._kunci.acquire(timeout=tunggu):
            return
        try:
            if self.beres.is_set():
                return
            self.mulai = True
            try:
                self._kerja()
            finally:
                self.beres.set()
        finally:
            self._kunci.release()

    def terminal_hilang(self, kode: int) -> None:
        """The terminal is gone (hang-up, or its output fails): ask the app to end, and make
        sure the process ends within a few seconds (see the module docstring). From any
        thread, also a signal handler; only the first call does anything."""
        with self._kunci_jaga:
            if self._jaga is not None:
                return
            self._jaga = threading.Thread(target=self._awasi, args=(kode,), name="lkjip-jaga-tutup", daemon=True)
            if self.paksa_keluar:
                self._jaga.start()
        try:
            self.minta_keluar()
        except Exception:  # noqa: BLE001 - the app is already gone: nothing to ask
            pass

    def _awasi(self, kode: int) -> None:
        if self.beres.wait(BATAS_HENTI):
            time.sleep(BATAS_HENTI)  # saved and released: the normal ending has this long to finish
        else:
            # The app is stuck (in Textual's shutdown): save and release here, on a thread of its
            # own, so that work hanging too (a share that is gone) cannot keep the process alive.
            # A commit in progress on the app's thread finishes first (the storage's write lock).
            kerja = threading.Thread(target=self._coba, name="lkjip-tutup-paksa", daemon=True)
            kerja.start()
            kerja.join(BATAS_KERJA)
        os._exit(kode)

    def _coba(self) -> None:
        try:
            self(tunggu=BATAS_KERJA)
        except BaseException:  # noqa: BLE001 - ending is what matters now; the journal keeps every commit
            pass

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
    """SIGHUP / SIGTERM: ask the running app to end (its ``finally`` does the work), with the
    watchdog behind it; with no app running, end like Ctrl+C would, so ``finally`` blocks
    still run. Once the work has begun, a further signal only leaves it to finish."""
    def tangani(signum: int, _frame) -> None:
        if penutup.mulai:
            penutup.terminal_hilang(128 + signum)  # the watchdog, should that work stall
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            penutup.terminal_hilang(128 + signum)
            raise SystemExit(128 + signum) from None
        penutup.terminal_hilang(128 + signum)
    return tangani


_saat_terminal_hilang: list[Callable[[], None]] = []


def jaga_penulis(saat_hilang: Callable[[], None]) -> Callable[[], None]:
    """Make Textual's output thread survive a terminal that is gone: after a failed write it
    keeps taking (and dropping) what the app queues, so no write waits forever, and calls
    ``saat_hilang`` once. Returns the function that disconnects ``saat_hilang``. The
    thread's loop is replaced on the class (Textual is pinned to a minor series; see
    DEVELOPERS.md): its queue, file and stop protocol are kept as they are."""
    from textual.drivers._writer_thread import WriterThread

    _saat_terminal_hilang.append(saat_hilang)
    if getattr(WriterThread.run, "__name__", "") != "_jalan_tahan_hilang":
        WriterThread.run = _jalan_tahan_hilang  # type: ignore[method-assign]

    def lepas() -> None:
        if saat_hilang in _saat_terminal_hilang:
            _saat_terminal_hilang.remove(saat_hilang)
    return lepas


def _jalan_tahan_hilang(self) -> None:
    """WriterThread.run: write each queued text, flushing when the queue is empty, until the
    None that stop() puts; after a failed write, only empty the queue."""
    get, qsize = self._queue.get, self._queue.qsize
    hilang = False
    while True:
        text = get()
        if text is None:
            break
        if hilang:
            continue
        try:
            self._file.write(text)
            if qsize() == 0:
                self._file.flush()
        except (OSError, ValueError):  # EIO from a hung-up terminal; ValueError: stream closed
            hilang = True
            for saat in list(_saat_terminal_hilang):
                try:
                    saat()
                except Exception:  # noqa: BLE001 - the output thread must go on emptying its queue
                    pass
    if not hilang:
        try:
            self._file.flush()
        except (OSError, ValueError):
            pass


def pasang(penutup: Penutup) -> Callable[[], None]:
    """Connect ``penutup`` to the console's end; returns the function that disconnects it."""
    if sys.platform == "win32":
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
    if sys.platform != "win32":  # said so the type checker reads what follows as Windows-only code
        raise OSError("SetConsoleCtrlHandler hanya ada di Windows")
    import ctypes
    from ctypes import wintypes

    HandlerRoutine = ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.DWORD)
    tangani = penangan_windows(penutup)
    rutin = HandlerRoutine(lambda acara: bool(tangani(int(acara))))  # referenced until lepas(): not collected
    k32 = ctypes.windll.kernel32
    k32.SetConsoleCtrlHandler(rutin, True)
    return lambda: k32.SetConsoleCtrlHandler(rutin, False)
