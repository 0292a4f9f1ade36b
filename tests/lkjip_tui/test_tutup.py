"""Closing the console window (Windows' close / logoff / shutdown events, SIGHUP on Linux)
does the close-time work: the journal compacted, the backup refreshed, the lock released."""

import os
import pty
import signal
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest

from lkjip_tui import tutup
from store.repository import Repository


def _ubah(repo):
    lap = repo.muat(2021)
    ind = lap.cari_indikator("I1")
    ind.target[2021] = Decimal("91")
    repo.simpan(2021, ind)


def _kunci(db: Path) -> Path:
    return db.with_name(db.name + ".kunci")


def test_close_event_app_ends_normally(repo_demo, db_path):
    """The app answers the request to quit: its own path does the work, once."""
    _ubah(repo_demo)
    kali = []

    def kerja():
        kali.append(threading.current_thread().name)
        repo_demo.close()

    penutup = tutup.Penutup(kerja)
    penutup.minta_keluar = lambda: threading.Thread(target=penutup, name="app").start()
    tangani = tutup.penangan_windows(penutup)
    assert tangani(tutup.CTRL_CLOSE_EVENT) is True
    penutup()  # the app's own `finally` after it ended: nothing left to do
    assert kali == ["app"]
    assert not _kunci(db_path).exists() and repo_demo.storage.isi_jurnal == 0


def test_close_event_app_hung_handler_does_the_work(repo_demo, db_path):
    _ubah(repo_demo)
    penutup = tutup.Penutup(repo_demo.close)  # minta_keluar does nothing: the app never ends
    t0 = time.monotonic()
    assert tutup.penangan_windows(penutup)(tutup.CTRL_SHUTDOWN_EVENT) is True
    assert time.monotonic() - t0 < tutup.TUNGGU + 2  # inside Windows' 5 s
    assert not _kunci(db_path).exists() and repo_demo.storage.isi_jurnal == 0
    with Repository(db_path, readonly=True) as ro:  # the change is in the compacted file
        assert ro.muat(2021).cari_indikator("I1").target[2021] == Decimal("91")
    assert list((db_path.parent / "backup").glob("*.json"))


def test_ctrl_c_and_break_are_left_to_python(repo_demo, db_path):
    penutup = tutup.Penutup(repo_demo.close)
    tangani = tutup.penangan_windows(penutup)
    assert tangani(0) is False and tangani(1) is False
    assert _kunci(db_path).exists() and not penutup.beres.is_set()


def test_logoff_with_app_gone_still_closes(repo_demo, db_path):
    def sudah_pergi():
        raise RuntimeError("App is not running")

    penutup = tutup.Penutup(repo_demo.close, sudah_pergi)
    assert tutup.penangan_windows(penutup)(tutup.CTRL_LOGOFF_EVENT) is True
    assert not _kunci(db_path).exists()


def test_handlers_put_back_after_the_app(repo_demo):
    sebelum = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)
    lepas = tutup.pasang(tutup.Penutup(repo_demo.close))
    assert signal.getsignal(signal.SIGTERM) is not sebelum[0]
    lepas()
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)) == sebelum


def test_sigterm_without_a_running_app_ends_like_ctrl_c(repo_demo):
    """Outside the app's loop it ends the process by SystemExit, so `finally` blocks run."""
    penutup = tutup.Penutup(repo_demo.close)
    with pytest.raises(SystemExit) as e:
        tutup.penangan_posix(penutup)(signal.SIGTERM, None)
    assert e.value.code == 128 + signal.SIGTERM


def test_sighup_closes_the_running_app(demo_db, tmp_path):
    """The terminal is closed under a running lkjip: it ends through ctrl+q's path, the lock
    is released and the database left whole."""
    induk, anak = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    p = subprocess.Popen([sys.executable, "-m", "lkjip_tui", "--db", str(demo_db)], stdin=anak, stdout=anak,
                         stderr=anak, env=env, start_new_session=True)
    os.close(anak)
    kunci = _kunci(demo_db)
    baca = threading.Thread(target=lambda: _kuras(induk), daemon=True)
    baca.start()
    try:
        batas = time.monotonic() + 60
        while not kunci.exists() and time.monotonic() < batas:
            time.sleep(0.1)
        assert kunci.exists()
        time.sleep(3)  # the first screen is up
        p.send_signal(signal.SIGHUP)
        assert p.wait(timeout=30) == 0
    finally:
        if p.poll() is None:
            p.kill()
        os.close(induk)
    assert not kunci.exists()
    with Repository(demo_db) as repo:
        assert repo.tahun_tersedia() == [2021]


def _kuras(fd):
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
