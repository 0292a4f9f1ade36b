"""The CLI's output on any console: characters the code page lacks, and a reader that left.

Redirected on Windows (``lkjip riwayat > riwayat.txt``, ``| more``), stdout is written in the
ANSI code page (cp1252) with strict errors, so "→" in an audit line would end the command
with a traceback. :func:`siapkan` lets such characters fall back to their ASCII stand-ins
(:mod:`lkjip_tui.simbol`), "?" for the rest. A closed pipe (``| head`` ending early) raises
BrokenPipeError on POSIX but OSError EINVAL on Windows; writes to stdout turn both into
:class:`PipaTertutup`, which no command mistakes for a failure to write its own files.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import sys

from .simbol import ASCII

PENGGANTI = "lkjip-ascii"


class PipaTertutup(Exception):
    """The program reading our stdout has gone; nothing more can be shown."""


def _ganti(e: UnicodeError) -> tuple[str, int]:
    if not isinstance(e, UnicodeEncodeError):
        raise e
    return "".join(ASCII.get(c, "?") for c in e.object[e.start:e.end]), e.end


codecs.register_error(PENGGANTI, _ganti)


def pipa_tertutup(e: BaseException) -> bool:
    """A write failed because the reader left: EPIPE on POSIX, EINVAL on Windows."""
    return isinstance(e, BrokenPipeError) or (isinstance(e, OSError) and e.errno in (errno.EPIPE, errno.EINVAL))


class Stdout:
    """stdout, with a closed pipe reported as :class:`PipaTertutup` (not an OSError)."""

    def __init__(self, asli) -> None:
        self._asli = asli

    def write(self, s: str) -> int:
        try:
            return self._asli.write(s)
        except OSError as e:
            if pipa_tertutup(e):
                raise PipaTertutup from None
            raise

    def flush(self) -> None:
        try:
            self._asli.flush()
        except OSError as e:
            if pipa_tertutup(e):
                raise PipaTertutup from None
            raise

    def __getattr__(self, nama):
        return getattr(self._asli, nama)


def siapkan() -> None:
    """Make stdout and stderr safe for any text; call once, before anything is printed."""
    for nama in ("stdout", "stderr"):
        f = getattr(sys, nama)
        if isinstance(f, io.TextIOWrapper) and codecs.lookup(f.encoding).name != "utf-8":
            f.reconfigure(errors=PENGGANTI)
    if not isinstance(sys.stdout, Stdout) and sys.stdout is not None:
        sys.stdout = Stdout(sys.stdout)


def buang_sisa() -> None:
    """After :class:`PipaTertutup`: point stdout at the null device, so the flush at exit
    does not fail again with "Exception ignored ... BrokenPipeError"."""
    asli = sys.stdout._asli if isinstance(sys.stdout, Stdout) else sys.stdout
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, asli.fileno())
        os.close(fd)
    except (OSError, ValueError, AttributeError):  # no real file behind stdout (a test's capture)
        pass
    sys.stdout = open(os.devnull, "w", encoding="utf-8")
