"""The CLI as the office's Windows PC runs it: output redirected in cp1252, a reader that
closes the pipe, paths with spaces, reserved names, a file held open by Excel."""

import errno
import os
import subprocess
import sys
from decimal import Decimal

import pytest

from lkjip_tui import cli, paths
from store.repository import Repository


def run(*args, env=None, **kw):
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", **(env or {})}
    return subprocess.run([sys.executable, "-m", "lkjip_tui", *map(str, args)], capture_output=True, env=env, **kw)


@pytest.fixture
def db_diubah(fixture_path, tmp_path):
    """A database whose last audit line reads 'uraian: … → Persentase ≥ 90 % …'."""
    db = tmp_path / "Budi Santoso" / "lkjip.json"
    db.parent.mkdir()
    assert cli.main(["import", str(fixture_path), "--db", str(db)]) == 0
    with Repository(db) as repo:
        lap = repo.muat(2021)
        ind = lap.cari_indikator("I1")
        ind.uraian = "Persentase ≥ 90 % layanan"
        ind.target[2021] = Decimal(0)  # `check` reports it, naming the indicator
        repo.simpan(2021, ind)
    return db


@pytest.mark.parametrize("args, kode", [
    (("riwayat",), 0), (("check",), 1), (("export", "--format", "md,csv,json"), 0), (("restore", "--list"), 0),
    (("--help",), 0)])
def test_cp1252_output_no_traceback(db_diubah, tmp_path, args, kode):
    extra = ("--out", tmp_path / "keluar") if args[0] == "export" else ()
    r = run(*args, "--db", db_diubah, *extra)
    err = r.stderr.decode("cp1252")
    assert "Traceback" not in err and "UnicodeEncodeError" not in err
    assert r.returncode == kode, err
    out = r.stdout.decode("cp1252")  # every byte is valid cp1252: nothing half-written
    if args[0] in ("riwayat", "check"):
        assert "Persentase >= 90 % layanan" in out
    if args[0] == "riwayat":
        assert "83,16 -> 0" in out  # numbers the Indonesian way


def test_utf8_output_keeps_the_symbols(db_diubah):
    r = run("riwayat", "--db", db_diubah, env={"PYTHONIOENCODING": "utf-8"})
    assert r.returncode == 0 and "→ Persentase ≥ 90 % layanan" in r.stdout.decode("utf-8")


def test_closed_pipe_ends_quietly(db_diubah):
    p = subprocess.Popen([sys.executable, "-m", "lkjip_tui", "riwayat", "--batas", "0", "--db", str(db_diubah)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONIOENCODING": "cp1252"})
    p.stdout.close()  # `| more` quit before lkjip wrote a line
    err = p.stderr.read().decode("cp1252")
    assert p.wait() == 0 and err == ""


class _PipaWindows:
    """Windows' stdout after the reader left: writes fail with EINVAL, not EPIPE."""
    encoding = "cp1252"

    def write(self, s):
        raise OSError(errno.EINVAL, "Invalid argument")

    def flush(self):
        raise OSError(errno.EINVAL, "Invalid argument")


def test_closed_pipe_on_windows_einval(db_diubah, monkeypatch):
    monkeypatch.setattr(sys, "stdout", _PipaWindows())
    assert cli.main(["riwayat", "--db", str(db_diubah)]) == 0


def test_broken_export_folder_is_not_a_closed_pipe(lap, tmp_path, monkeypatch, capsys):
    """EINVAL from the disk (not from stdout) is still a failure, with its one line."""
    import exports.run

    def gagal(*a, **kw):
        raise OSError(errno.EINVAL, "Invalid argument")

    db = tmp_path / "db.json"
    with Repository(db) as repo:
        repo.simpan_laporan(lap)
    monkeypatch.setattr(exports.run, "tulis_atomik", gagal)
    assert cli.main(["export", "--format", "json", "--db", str(db), "--out", str(tmp_path / "o")]) == 2
    assert "Tidak dapat menulis" in capsys.readouterr().err


def test_suggested_command_quotes_a_path_with_spaces(tmp_path):
    db = tmp_path / "Budi Santoso" / "lkjip.json"
    db.parent.mkdir()
    db.write_text("{rusak", encoding="utf-8")
    r = run("check", "--db", db)
    err = r.stderr.decode("cp1252")
    assert r.returncode == 2 and err.count("\n") == 1
    assert err.rstrip().endswith(f"lkjip restore --db '{db}' --dari BERKAS")  # no backup yet: restore from a copy
    r = run("check", env={"LKJIP_DB": str(db)})  # the default database: no --db to paste
    assert r.stderr.decode("cp1252").rstrip().endswith("dengan: lkjip restore --dari BERKAS")


def test_windows_quoting(monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "WINDOWS", True)
    monkeypatch.delenv("LKJIP_DB", raising=False)
    assert paths.kutip(r"C:\Users\Budi Santoso\lkjip.json") == r'"C:\Users\Budi Santoso\lkjip.json"'
    assert paths.perintah("restore", "--list", db=tmp_path / "a b.json") == f'lkjip restore --list --db "{tmp_path / "a b.json"}"'
    assert paths.perintah("restore", db=paths.default_db()) == "lkjip restore"


@pytest.mark.parametrize("args, pesan", [
    (("check", "--db", "{tmp}/aux.json"), "'aux.json' dipakai Windows untuk perangkat"),
    (("check", "--db", "{tmp}/NUL"), "'NUL' dipakai Windows untuk perangkat"),
    (("export", "--db", "{db}", "--out", "{tmp}/com1.laporan"), "'com1.laporan' dipakai Windows untuk perangkat"),
    (("export", "--db", "{db}", "--out", "{tmp}/laporan. "), "diakhiri titik atau spasi"),
    (("export", "--db", "{db}", "--out", "{tmp}/" + "folder-laporan-tahunan/" * 12), "lebih dari batas Windows (259)"),
    (("check", "--db", "{tmp}/" + "d" * 240 + ".json"), "lebih dari batas Windows (259)"),
])
def test_paths_windows_refuses_one_clear_line(repo_demo, db_path, tmp_path, capsys, args, pesan):
    repo_demo.close()
    sebelum = sorted(os.listdir(tmp_path))
    args = [a.format(tmp=tmp_path, db=db_path) for a in args]
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert pesan in err and err.count("\n") == 1
    assert sorted(os.listdir(tmp_path)) == sebelum  # nothing created


def test_export_while_excel_holds_the_workbook(repo_demo, db_path, tmp_path, tertahan, capsys):
    repo_demo.close()
    out = tmp_path / "keluar"
    assert cli.main(["export", "--db", str(db_path), "--out", str(out), "--tabel", "3.2"]) == 0
    capsys.readouterr()
    buku = (out / "laporan-2021.xlsx").read_bytes()
    tertahan.tahan(out / "laporan-2021.xlsx")
    assert cli.main(["export", "--db", str(db_path), "--out", str(out), "--tabel", "3.2"]) == 2
    hasil = capsys.readouterr()
    assert hasil.err.count("\n") == 1 and "laporan-2021.xlsx" in hasil.err and "tutup berkas itu di Excel" in hasil.err
    assert hasil.out.split() == [str(out / n) for n in (
        "tabel-3.2.md", "laporan-2021.docx", "laporan-2021.pdf", "tabel-3.2.csv", "lkjip-2021.json")]
    assert (out / "laporan-2021.xlsx").read_bytes() == buku
