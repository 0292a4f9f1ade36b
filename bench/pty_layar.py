"""Start lkjip in a real 80×24 pseudo-terminal and wait for its first screen (POSIX only).

Shared by the packaging tests (the installed app and the .pyz paint their first screen) and
``bench.bench_pasang`` (how long that takes).
"""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import time
from pathlib import Path

_ANSI = re.compile(rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])")


def layar_pertama(cmd: list[str], cwd: Path, env: dict[str, str], tanda: list[bytes], batas: float = 90) -> tuple[float, bytes]:
    """Run ``cmd``; once every ``tanda`` is on screen press ctrl+q and wait for a clean exit.
    Returns (seconds from start to the first screen, the screen's text without escapes)."""
    mulai = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child: size the terminal, then become the app
        import fcntl
        import struct
        import termios
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.chdir(cwd)
        os.execvpe(cmd[0], cmd, env)
    layar = b""
    try:
        akhir = time.monotonic() + batas
        while time.monotonic() < akhir and not all(t in _ANSI.sub(b"", layar) for t in tanda):
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:
                try:
                    layar += os.read(fd, 65536)
                except OSError:
                    break
        waktu = time.perf_counter() - mulai
        polos = _ANSI.sub(b"", layar)
        if not all(t in polos for t in tanda):
            raise AssertionError(f"{cmd}: layar pertama tidak muncul:\n{polos[-3000:]!r}")
        os.write(fd, b"\x11")  # ctrl+q
        akhir = time.monotonic() + 30
        while time.monotonic() < akhir:
            selesai, status = os.waitpid(pid, os.WNOHANG)
            if selesai:
                pid = 0
                if os.waitstatus_to_exitcode(status) != 0:
                    raise AssertionError(f"{cmd}: keluar dengan status {os.waitstatus_to_exitcode(status)}")
                return waktu, polos
            r, _, _ = select.select([fd], [], [], 0.2)
            if r:
                try:
                    os.read(fd, 65536)
                except OSError:
                    pass
        raise AssertionError(f"{cmd}: tidak keluar setelah ctrl+q")
    finally:
        if pid:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        os.close(fd)

