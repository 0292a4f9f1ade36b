"""The lock judged as Windows and shared folders make it meet: a pid reused by another
process, a holder on another PC that stopped beating, a lock file held open."""

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lkjip_tui import cli
from store import lock
from store.lock import Kunci, SedangDipakai
from store.repository import Repository


def _kunci_palsu(db_path, **isi) -> Path:
    d = {"pengguna": "budi", "host": socket.gethostname(), "mesin": lock.id_mesin(), "pid": os.getpid(),
         "mulai_proses": lock.mulai_proses(os.getpid()), "detak": lock.DETAK, "sejak": "2026-01-02T08:00:00+07:00",
         "sejak_epoch": time.time(), "token": "x"}
    d.update(isi)
    path = Path(str(db_path) + ".kunci")
    path.write_text(json.dumps(d), encoding="utf-8")
    return path


def test_lock_records_process_start_and_machine(db_path):
    k = Kunci(db_path)
    k.ambil()
    d = k.baca()
    assert d["mesin"] == lock.id_mesin() and d["detak"] == lock.DETAK
    assert d["mulai_proses"] == lock.mulai_proses(os.getpid()) is not None
    anak = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
    try:
        assert lock.mulai_proses(anak.pid) not in (None, d["mulai_proses"])  # another process, another value
    finally:
        anak.kill()
        anak.wait()
    k.lepas()
    assert not k.path.exists()


def test_live_pid_of_the_holder_is_respected(db_path):
    _kunci_palsu(db_path)  # this very process, same start time: the holder is alive
    with pytest.raises(SedangDipakai, match="sedang dibuka oleh budi"):
        Repository(db_path)


def test_live_reused_pid_is_stale(db_path):
    """The pid is alive, but it is not the process that took the lock: Windows gave the dead
    holder's pid to another program."""
    _kunci_palsu(db_path, mulai_proses=lock.mulai_proses(1), sejak_epoch=time.time())  # another process's
    with Repository(db_path) as repo:
        assert repo._kunci.dipegang and repo._kunci.baca()["token"] != "x"


def test_stale_heartbeat_from_another_pc_is_taken_over(db_path):
    path = _kunci_palsu(db_path, host="PC-KEUANGAN", mesin="mesin-lain", pid=1)
    with pytest.raises(SedangDipakai, match="PC-KEUANGAN"):  # beating recently: respected
        Repository(db_path)
    lama = time.time() - lock.BASI_LAIN - 60
    os.utime(path, (lama, lama))  # that PC was switched off a quarter of an hour ago
    with Repository(db_path) as repo:
        assert repo._kunci.baca()["mesin"] == lock.id_mesin()


def test_old_lock_from_another_pc_without_heartbeat_never_expires(db_path):
    path = _kunci_palsu(db_path, host="PC-KEUANGAN", mesin=None, detak=None, pid=1)
    os.utime(path, (0, 0))  # an older lkjip never touches its lock: its age says nothing
    with pytest.raises(SedangDipakai) as e:
        Repository(db_path)
    assert e.value.pemegang["host"] == "PC-KEUANGAN"


def test_explicit_take_over(db_path, repo_demo, capsys):
    repo_demo.close()
    _kunci_palsu(db_path, host="PC-KEUANGAN", mesin="mesin-lain", pid=1)
    assert cli.main(["check", "--db", str(db_path)]) == 0  # read-only: the lock does not matter
    with pytest.raises(SedangDipakai):
        Repository(db_path)
    with Repository(db_path, ambil_alih=True) as repo:
        assert repo._kunci.baca()["mesin"] == lock.id_mesin() and repo.tahun_tersedia() == [2021]
    assert not Path(str(db_path) + ".kunci").exists()


def test_cli_suggests_take_over_quoted(tmp_path, capsys):
    db = tmp_path / "data kantor" / "lkjip.json"
    db.parent.mkdir()
    _kunci_palsu(db, host="PC-KEUANGAN", mesin="mesin-lain", pid=1)
    from tests.conftest import FIXTURE
    assert cli.main(["import", str(FIXTURE), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.rstrip().endswith(f"buka dengan: lkjip --ambil-alih --db '{db}'")


def test_lock_held_open_during_take_over(db_path, repo_demo, tertahan):
    """The stale lock cannot be deleted (WinError 32: an antivirus has it open): one clear
    line, the database untouched, and the take-over works once it is let go."""
    repo_demo.close()
    sebelum = db_path.read_bytes()
    path = _kunci_palsu(db_path, pid=2 ** 22 + 7)  # a pid that does not exist
    tertahan.tahan(path)
    with pytest.raises(SedangDipakai) as e:
        Repository(db_path)
    assert "tidak dapat dihapus" in e.value.pesan and "\n" not in e.value.pesan
    assert db_path.read_bytes() == sebelum and path.exists()
    assert not Path(str(db_path) + ".kunci.ambil").exists()  # the take-over marker is cleaned up
    tertahan.lepas(path)
    with Repository(db_path) as repo:
        assert repo.tahun_tersedia() == [2021]


def test_heartbeat_touches_only_our_lock(db_path, monkeypatch):
    monkeypatch.setattr(lock, "DETAK", 0.05)
    k = Kunci(db_path)
    k.ambil()
    lama = time.time() - 3600
    os.utime(k.path, (lama, lama))
    time.sleep(0.5)
    assert time.time() - k.path.stat().st_mtime < 5  # beating
    _kunci_palsu(db_path, token="orang-lain")  # taken over by someone else
    os.utime(k.path, (lama, lama))
    time.sleep(0.5)
    assert k.path.stat().st_mtime == pytest.approx(lama)  # not refreshed
    k.lepas()
    assert k.path.exists()  # not ours: left alone


def test_app_take_over_flag(db_path, repo_demo, monkeypatch):
    """`lkjip --ambil-alih`: the app opens writable despite another PC's lock."""
    repo_demo.close()
    _kunci_palsu(db_path, host="PC-KEUANGAN", mesin="mesin-lain", pid=1)
    dibuat = {}

    class AppPalsu:
        return_code = 0

        def __init__(self, repo, tahun=None, peringatan=None):
            self.repo = repo
            dibuat.update(repo=repo, peringatan=peringatan, kunci=repo._kunci and repo._kunci.baca())

        def run(self):
            pass

    import lkjip_tui.app
    monkeypatch.setattr(lkjip_tui.app, "LkjipApp", AppPalsu)
    assert cli.main(["--db", str(db_path)]) == 0
    assert dibuat["repo"].readonly and "PC-KEUANGAN" in dibuat["peringatan"] and "--ambil-alih" in dibuat["peringatan"]
    assert cli.main(["--db", str(db_path), "--ambil-alih"]) == 0
    assert not dibuat["repo"].readonly and dibuat["peringatan"] is None
    assert dibuat["kunci"]["mesin"] == lock.id_mesin()
    assert not Path(str(db_path) + ".kunci").exists()  # released when the app ended
