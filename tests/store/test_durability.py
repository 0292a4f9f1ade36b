"""Journal, lock, backups, migrations and the audit trail."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from lkjip_tui import cli
from store import backup, storage
from store.audit import baca_riwayat
from store.bundle import ke_bundle
from store.lock import SedangDipakai
from store.numbers import format_rupiah
from store.repository import Repository
from store.schema import SKEMA, SkemaTerlaluBaru
from store.storage import DatabaseRusak, HanyaBaca

DATA = Path(__file__).with_name("data")


def _sub_pertama(lap):
    return next(lap.semua_subkegiatan())[2]


# ------------------------------------------------------------------ journal
def test_single_change_is_one_journal_line_not_a_rewrite(repo_demo, db_path):
    repo_demo.kompaksi()
    snapshot = db_path.read_bytes()
    lap = repo_demo.muat(2021)
    sub = _sub_pertama(lap)
    sub.pagu = Decimal("123456789")
    repo_demo.simpan(2021, sub)
    assert db_path.read_bytes() == snapshot  # the big file is not touched
    lines = repo_demo.storage.jurnal_path().read_bytes().splitlines()
    assert len(lines) == 1 and b"123456789" in lines[0]
    with Repository(db_path, readonly=True) as ro:  # a reader sees the journal
        assert _sub_pertama(ro.muat(2021)).pagu == Decimal("123456789")


def _tulis_lalu_bunuh(db_path, lap):
    """Commit one change and leave without closing (no compaction), like a killed window."""
    repo = Repository(db_path)
    sub = _sub_pertama(repo.muat(2021))
    sub.pagu = Decimal(777)
    repo.simpan(2021, sub)
    jurnal = repo.storage.jurnal_path()
    repo._kunci.lepas()  # the process "died": its lock is gone or stale, the journal stays
    return jurnal


def test_torn_last_line_is_dropped(repo_demo, db_path, lap):
    repo_demo.close()
    jurnal = _tulis_lalu_bunuh(db_path, lap)
    with open(jurnal, "ab") as f:
        f.write(b'345 0badc0de {"seq":2,"ops":[["s","subkegiat')  # power cut mid-append
    with Repository(db_path) as repo:
        assert _sub_pertama(repo.muat(2021)).pagu == Decimal(777)
        assert not jurnal.exists()  # folded into the snapshot on open


def test_torn_tail_cut_even_when_compaction_fails(repo_demo, db_path, monkeypatch):
    """Windows may refuse the snapshot replace on open; the torn tail must still go, or the
    next commit would follow garbage and the journal would read as damaged."""
    repo_demo.close()
    jurnal = _tulis_lalu_bunuh(db_path, None)
    with open(jurnal, "ab") as f:
        f.write(b"\x00\x00\x00")  # a power cut after the size grew but before the data
    def tolak(*a, **k):
        raise PermissionError(13, "Access is denied")
    monkeypatch.setattr(storage, "tulis_atomik", tolak)
    with Repository(db_path) as repo:
        sub = _sub_pertama(repo.muat(2021))
        assert sub.pagu == Decimal(777)
        sub.pagu = Decimal(778)
        repo.simpan(2021, sub)
    monkeypatch.undo()
    with Repository(db_path) as repo:
        assert _sub_pertama(repo.muat(2021)).pagu == Decimal(778)


def test_failed_append_is_undone_in_memory_and_on_disk(repo_demo, db_path, monkeypatch):
    lap = repo_demo.muat(2021)
    sub = _sub_pertama(lap)
    lama = sub.pagu
    sub.pagu = Decimal(1)
    def penuh(fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(storage, "_fsync_data", penuh)
    with pytest.raises(OSError):
        repo_demo.simpan(2021, sub)
    monkeypatch.undo()
    assert _sub_pertama(repo_demo.muat(2021)).pagu == lama
    with Repository(db_path, readonly=True) as ro:  # not on disk either: the caller was told it failed
        assert _sub_pertama(ro.muat(2021)).pagu == lama
    sub.pagu = Decimal(2)
    repo_demo.simpan(2021, sub)  # the journal is still clean after the failed append
    repo_demo.close()
    with Repository(db_path) as repo:
        assert _sub_pertama(repo.muat(2021)).pagu == Decimal(2)


def test_damage_inside_the_journal_is_refused(repo_demo, db_path, lap):
    repo_demo.close()
    jurnal = _tulis_lalu_bunuh(db_path, lap)
    good = jurnal.read_bytes()
    jurnal.write_bytes(good.replace(b"777", b"778") + good)  # a bad record followed by a good one
    with pytest.raises(DatabaseRusak, match=r"jurnal lkjip.json.jurnal-\w+ rusak di baris 1.*lkjip restore --db"):
        Repository(db_path)
    assert jurnal.read_bytes() == good.replace(b"777", b"778") + good  # never overwritten


def test_stale_journal_of_older_generation_is_ignored(repo_demo, db_path):
    repo_demo.close()
    jurnal = _tulis_lalu_bunuh(db_path, None)
    lama = jurnal.read_bytes()
    with Repository(db_path) as repo:  # compacts: new generation
        sub = _sub_pertama(repo.muat(2021))
        sub.pagu = Decimal(1)
        repo.simpan(2021, sub)
    jurnal.write_bytes(lama)  # as if the delete after compaction had failed
    with Repository(db_path) as repo:
        assert _sub_pertama(repo.muat(2021)).pagu == Decimal(1)
    assert not jurnal.exists()


def test_failed_transaction_leaves_memory_and_disk_as_before(repo_demo, db_path):
    sebelum = ke_bundle(repo_demo.muat(2021))
    lap = repo_demo.muat(2021)
    with pytest.raises(RuntimeError):
        with repo_demo.transaksi():
            repo_demo.hapus(2021, lap.program[0])
            sub = lap.program[-1].kegiatan[0].subkegiatan[0]
            sub.pagu = Decimal(5)
            repo_demo.simpan(2021, sub)
            raise RuntimeError("listrik padam")
    assert ke_bundle(repo_demo.muat(2021)) == sebelum
    repo_demo.close()
    with Repository(db_path, readonly=True) as ro:
        assert ke_bundle(ro.muat(2021)) == sebelum


def test_journal_compacts_when_it_grows(repo_demo, db_path, monkeypatch):
    monkeypatch.setattr(storage, "BATAS_JURNAL", 2000)
    repo_demo.kompaksi()
    lap = repo_demo.muat(2021)
    gen = repo_demo.storage._gen
    for n in range(40):
        sub = _sub_pertama(lap)
        sub.pagu = Decimal(n)
        repo_demo.simpan(2021, sub)
    assert repo_demo.storage._gen != gen
    assert repo_demo.storage.isi_jurnal < 25_000


# ------------------------------------------------------------------ lock
def test_second_writer_is_told_who_holds_it(repo_demo, db_path):
    with pytest.raises(SedangDipakai) as e:
        Repository(db_path)
    pesan = str(e.value)
    assert f"proses {os.getpid()}" in pesan and socket.gethostname() in pesan and "tutup lkjip di sana dulu" in pesan
    with Repository(db_path, readonly=True) as ro:
        assert ro.tahun_tersedia() == [2021]
        with pytest.raises(HanyaBaca):
            ro.simpan(2021, ro.muat(2021).indikator[0])
    repo_demo.close()
    with Repository(db_path):  # released on close
        pass


def _kunci_palsu(db_path, **isi):
    d = {"pengguna": "budi", "host": socket.gethostname(), "pid": os.getpid(), "sejak": "2026-01-02T08:00:00+07:00",
         "sejak_epoch": time.time(), "token": "x"}
    d.update(isi)
    Path(str(db_path) + ".kunci").write_text(json.dumps(d), encoding="utf-8")


def test_stale_lock_of_dead_process_is_taken_over(db_path):
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    _kunci_palsu(db_path, pid=p.pid)
    with Repository(db_path) as repo:
        assert repo._kunci.dipegang


def test_lock_from_before_boot_is_stale(db_path, monkeypatch):
    monkeypatch.setattr("store.lock.waktu_boot", lambda: time.time() - 60)
    _kunci_palsu(db_path, sejak_epoch=time.time() - 3600)  # our own, live pid: reused after a reboot
    with Repository(db_path):
        # taken over: the lock file is this writer's now, not the one from before the boot
        kunci = json.loads(Path(str(db_path) + ".kunci").read_text(encoding="utf-8"))
        assert kunci["token"] != "x" and kunci["sejak_epoch"] > time.time() - 60
    # the same lock written after the boot is a live writer's: respected
    monkeypatch.setattr("store.lock.waktu_boot", lambda: time.time() - 7200)
    _kunci_palsu(db_path, sejak_epoch=time.time() - 3600)
    with pytest.raises(SedangDipakai):
        Repository(db_path)


def test_lock_of_other_host_or_live_pid_is_respected(db_path):
    _kunci_palsu(db_path, host="PC-KEUANGAN", pid=1)
    with pytest.raises(SedangDipakai, match="budi di komputer PC-KEUANGAN .*sejak 02-01-2026 08:00"):
        Repository(db_path)
    _kunci_palsu(db_path)  # this very process: alive
    with pytest.raises(SedangDipakai):
        Repository(db_path)


def test_import_into_locked_db_refused(repo_demo, db_path, fixture_path, capsys):
    repo_demo.kompaksi()
    sebelum = db_path.read_bytes()
    assert cli.main(["import", str(fixture_path), "--db", str(db_path), "--replace"]) == 2
    err = capsys.readouterr().err
    assert "sedang dibuka oleh" in err and f"proses {os.getpid()}" in err
    assert len(err.strip().splitlines()) == 1
    assert db_path.read_bytes() == sebelum


def test_app_opens_read_only_with_warning_when_locked(repo_demo, db_path, monkeypatch):
    dibuat = {}

    class AppPalsu:
        return_code = 0

        def __init__(self, repo, tahun=None, peringatan=None):
            self.repo = repo
            dibuat.update(repo=repo, peringatan=peringatan)

        def run(self):
            pass

    import lkjip_tui.app
    monkeypatch.setattr(lkjip_tui.app, "LkjipApp", AppPalsu)
    assert cli.main(["--db", str(db_path)]) == 0
    assert dibuat["repo"].readonly and "sedang dibuka oleh" in dibuat["peringatan"]
    repo_demo.close()
    assert cli.main(["--db", str(db_path)]) == 0
    assert not dibuat["repo"].readonly and dibuat["peringatan"] is None


# ------------------------------------------------------------------ backups and restore
def test_daily_backup_on_open_and_rotation(repo_demo, db_path):
    folder = backup.folder_backup(db_path)
    hari_ini = folder / f"lkjip-{date.today().isoformat()}.json"
    assert hari_ini.exists()
    repo_demo.close()
    assert json.loads(hari_ini.read_text(encoding="utf-8"))["laporan"]  # refreshed on close
    for n in range(1, 10):
        backup.cadangan_harian(db_path, b"{}", hari=date.today() - timedelta(days=n))
    assert len([p for p in folder.iterdir() if p.name.startswith("lkjip-")]) == backup.SIMPAN_HARI
    assert hari_ini.exists()


def test_restore_newest_good_backup_keeps_broken_aside(repo_demo, db_path, lap, capsys):
    repo_demo.close()
    folder = backup.folder_backup(db_path)
    rusak = folder / "lkjip-2099-01-01.json"
    rusak.write_text("{potong", encoding="utf-8")  # newest but broken: must be skipped
    db_path.write_text('{"laporan": {', encoding="utf-8")
    assert cli.main(["check", "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert "rusak" in err and f"lkjip restore --db {db_path}" in err
    assert cli.main(["restore", "--list", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "RUSAK" in out and "baik" in out
    assert cli.main(["restore", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "dipulihkan" in out
    disisihkan = [p for p in db_path.parent.iterdir() if p.name.startswith("lkjip.rusak-")]
    assert len(disisihkan) == 1 and disisihkan[0].read_text(encoding="utf-8") == '{"laporan": {'
    with Repository(db_path) as repo:
        assert ke_bundle(repo.muat(2021)) == ke_bundle(lap)
    assert "dipulihkan dari cadangan" in baca_riwayat(db_path)[0]["keterangan"]


def test_restore_refused_while_open_and_without_backups(repo_demo, db_path, tmp_path, capsys):
    assert cli.main(["restore", "--db", str(db_path)]) == 2
    assert "sedang dibuka" in capsys.readouterr().err
    assert cli.main(["restore", "--db", str(tmp_path / "lain.json")]) == 2
    assert "Tidak ada cadangan" in capsys.readouterr().err


# ------------------------------------------------------------------ schema versions
@pytest.mark.parametrize("versi", [0, 1])
def test_old_schema_migrated_after_backup(db_path, lap, versi):
    asli = (DATA / "lkjip-skema1.json").read_bytes()  # written by lkjip before the journal (schema 1)
    if versi == 0:
        raw = json.loads(asli)
        del raw["_meta"]
        asli = json.dumps(raw, ensure_ascii=False).encode("utf-8")
    db_path.write_bytes(asli)
    with Repository(db_path, readonly=True) as ro:  # read-only: migrated in memory, file untouched
        assert ke_bundle(ro.muat(2021)) == ke_bundle(lap)
    assert db_path.read_bytes() == asli
    with Repository(db_path) as repo:
        assert ke_bundle(repo.muat(2021)) == ke_bundle(lap)
    cadangan = list(backup.folder_backup(db_path).glob(f"lkjip-skema{versi}-*.json"))
    assert len(cadangan) == 1 and cadangan[0].read_bytes() == asli
    assert json.loads(db_path.read_text(encoding="utf-8"))["_meta"]["1"]["skema"] == SKEMA
    assert "migrasi skema" in baca_riwayat(db_path)[0]["keterangan"]


def test_newer_schema_refused_untouched(db_path, capsys):
    isi = json.dumps({"_meta": {"1": {"skema": SKEMA + 1}}, "laporan": {}})
    db_path.write_text(isi, encoding="utf-8")
    with pytest.raises(SkemaTerlaluBaru):
        Repository(db_path)
    assert cli.main(["check", "--db", str(db_path)]) == 2
    assert "lebih baru" in capsys.readouterr().err
    assert db_path.read_text(encoding="utf-8") == isi
    assert not Path(str(db_path) + ".kunci").exists()  # a refused open releases the lock


# ------------------------------------------------------------------ audit trail
def test_every_commit_is_in_the_audit_trail(repo_demo, db_path, capsys):
    lap = repo_demo.muat(2021)
    ind = lap.cari_indikator("I1")
    ind.triwulan[2021][2].realisasi = Decimal("78.5")
    repo_demo.simpan(2021, ind)
    sub = _sub_pertama(lap)
    lama = sub.pagu
    sub.pagu = Decimal(999)
    repo_demo.simpan(2021, sub)
    entri = repo_demo.riwayat()
    assert entri[0]["perubahan"][0]["lama"]["pagu"] == str(lama)
    assert entri[0]["perubahan"][0]["baru"]["pagu"] == "999"
    assert entri[0]["perubahan"][0]["nama"] == sub.nama and entri[0]["tahun"] == [2021]
    assert entri[1]["perubahan"][0]["kunci"] == "I1"
    assert entri[-1]["keterangan"] == "impor tahun 2021" and entri[-1]["ringkasan"]["subkegiatan"] == {"tambah": 55}
    repo_demo.close()  # compaction moves the entries into the .jsonl, once
    assert [e["waktu"] for e in baca_riwayat(db_path)] == [e["waktu"] for e in entri]
    with Repository(db_path):
        pass
    assert len(baca_riwayat(db_path)) == len(entri)
    assert cli.main(["riwayat", "--db", str(db_path), "--tahun", "2021", "--batas", "2"]) == 0
    out = capsys.readouterr().out
    assert f'ubah subkegiatan "{sub.nama}": pagu: {format_rupiah(lama)} → 999' in out
    assert 'ubah indikator I1 "Indeks Kepuasan Masyarakat": triwulan 2021 TW III realisasi: (kosong) → 78,5' in out
    assert "impor" not in out
    assert out.index("subkegiatan") < out.index("indikator I1")  # newest first
    assert cli.main(["riwayat", "--db", str(db_path), "--tahun", "1999"]) == 0
    assert "Belum ada riwayat" in capsys.readouterr().out


def test_audit_not_duplicated_when_compaction_is_repeated(repo_demo, db_path):
    """A crash after the entries were appended but before the snapshot was replaced makes
    the next compaction append them again; they must be skipped."""
    sub = _sub_pertama(repo_demo.muat(2021))
    sub.pagu = Decimal(1)
    repo_demo.simpan(2021, sub)
    st = repo_demo.storage
    from store.audit import tambah_riwayat
    tambah_riwayat(st.riwayat_path, st.riwayat_tertunda())  # step 1 happened, then "crash"
    repo_demo.close()
    assert len(baca_riwayat(db_path)) == 2


def test_whole_write_whose_compaction_fails_leaves_memory_as_the_disk(tmp_path, monkeypatch):
    """A whole-dict write (migration, drop_table) inside a transaction becomes a compaction at
    commit; when that compaction fails, what the storage holds in memory is the disk's state
    again, not the write that never reached it (a later compaction would save it silently)."""
    st = storage.AtomicJSONStorage(tmp_path / "db.json")
    with st.transaction():
        st.write({"t": {"1": {"v": 1}}})
    assert st.read()["t"]["1"]["v"] == 1

    def penuh(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(st, "kompaksi", penuh)
    with pytest.raises(OSError), st.transaction():
        st.write({"t": {"1": {"v": 2}}})
    monkeypatch.undo()
    assert st.read()["t"]["1"]["v"] == 1
    st.close()
    assert storage.AtomicJSONStorage(tmp_path / "db.json", readonly=True).read()["t"]["1"]["v"] == 1
