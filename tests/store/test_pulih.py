"""Missing or damaged files never open as empty or drop data silently; `lkjip restore`
recovers the newest good state; every repair hint the app prints is a command that works."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal

import pytest

from lkjip_tui import cli
from store import backup
from store.repository import Repository
from store.storage import KUNCI_JURNAL, DatabaseRusak

from .saran import jalankan_saran


def _sub(repo):
    return next(repo.muat(2021).semua_subkegiatan())[2]


def _pagu(path) -> Decimal:
    with Repository(path, readonly=True) as ro:
        return _sub(ro).pagu


def _commit_lalu_mati(path, nilai=777):
    """One acknowledged change left in the journal, then the process dies."""
    repo = Repository(path)
    sub = _sub(repo)
    sub.pagu = Decimal(nilai)
    repo.simpan(2021, sub)
    jurnal = repo.storage.jurnal_path()
    repo._kunci.lepas()
    return jurnal


@pytest.fixture
def db_jurnal(repo_demo, db_path):
    """A database whose last change (pagu 777) lives only in its journal; backups beside it."""
    repo_demo.close()
    jurnal = _commit_lalu_mati(db_path)
    return db_path, jurnal


def _tolak(path, readonly=False) -> DatabaseRusak:
    with pytest.raises(DatabaseRusak) as e:
        Repository(path, readonly=readonly)
    assert "\n" not in str(e.value)
    return e.value


# ------------------------------------------------------------------ item 2: missing or empty snapshot
@pytest.mark.parametrize("rusak", ["hilang", "kosong"])
def test_snapshot_hilang_tidak_dibuka_kosong(db_jurnal, rusak, capsys):
    db_path, jurnal = db_jurnal
    if rusak == "hilang":
        db_path.unlink()
    else:
        db_path.write_bytes(b"")
    isi_jurnal = jurnal.read_bytes()
    e = _tolak(db_path)
    _tolak(db_path, readonly=True)  # an export would otherwise show an empty database
    assert "jurnal" in str(e) or "lkjip-" in str(e)
    assert jurnal.read_bytes() == isi_jurnal  # the journal is not deleted
    assert cli.main(["export", "--db", str(db_path), "--out", str(db_path.parent / "x")]) == 2
    assert jalankan_saran(str(e)) == 0
    assert _pagu(db_path) == Decimal(777)  # backup + the day's journal line
    with Repository(db_path):
        pass


def test_hanya_berkas_disisihkan_pun_mencegah_basis_data_baru(tmp_path):
    db = tmp_path / "lkjip.json"
    (tmp_path / "lkjip.rusak-20260101-000000.json").write_text("{}", encoding="utf-8")
    e = _tolak(db)
    assert "lkjip.rusak-" in str(e) and "--dari BERKAS" in str(e)
    assert not db.exists()


def test_basis_data_baru_tanpa_sisa_tetap_dibuat(tmp_path):
    with Repository(tmp_path / "baru.json") as repo:
        assert repo.tahun_tersedia() == []


# ------------------------------------------------------------------ item 3: damaged journal lines
def test_byte_terbalik_di_baris_terakhir_tidak_dibuang_diam(db_jurnal, capsys):
    db_path, _ = db_jurnal
    repo = Repository(db_path)
    for nilai in (778, 779):  # two lines; the first stays good
        sub = _sub(repo)
        sub.pagu = Decimal(nilai)
        repo.simpan(2021, sub)
    jurnal = repo.storage.jurnal_path()
    repo._kunci.lepas()
    raw = jurnal.read_bytes()
    rusak = raw[:-5] + bytes([raw[-5] ^ 0x01]) + raw[-4:]  # one flipped bit in the last complete line
    jurnal.write_bytes(rusak)
    e = _tolak(db_path)
    assert "baris 2" in str(e)
    _tolak(db_path, readonly=True)
    assert jalankan_saran(str(e)) == 0
    out = capsys.readouterr().out
    assert "1 baris jurnal" in out and "rusak di baris 2" in out
    assert _pagu(db_path) == Decimal(778)  # the good line applied
    salinan = [p for p in db_path.parent.iterdir() if ".jurnal-" in p.name and "rusak-" in p.name]
    assert [p.read_bytes() for p in salinan] == [rusak]  # the damaged line is kept, named in the output
    assert str(salinan[0]) in out


@pytest.mark.parametrize("cara", ["generasi-lain", "jurnal-diganti-nama"])
def test_jurnal_tak_cocok_disisihkan_dengan_pesan(db_jurnal, cara):
    db_path, jurnal = db_jurnal
    isi = jurnal.read_bytes()
    if cara == "generasi-lain":
        data = json.loads(db_path.read_text(encoding="utf-8"))
        data[KUNCI_JURNAL]["1"]["generasi"] = "0badc0de"
        db_path.write_text(json.dumps(data), encoding="utf-8")
    else:
        jurnal.rename(jurnal.with_name(f"{db_path.name}.jurnal-feedf00d"))
    with Repository(db_path, readonly=True) as ro:
        assert any("tidak cocok" in p for p in ro.peringatan)
    with Repository(db_path) as repo:
        [pesan] = repo.peringatan
        disisihkan = pesan.rsplit("disimpan sebagai ", 1)[1].rstrip(".")
    assert open(disisihkan, "rb").read() == isi
    assert not list(db_path.parent.glob(f"{db_path.name}.jurnal-*"))  # nothing left to be deleted later
    with Repository(db_path) as repo:  # and nothing deleted it since
        assert repo.peringatan == []
    assert open(disisihkan, "rb").read() == isi


def test_jurnal_lama_yang_sudah_dilipat_dihapus_tanpa_pesan(db_jurnal):
    db_path, jurnal = db_jurnal
    lama = jurnal.read_bytes()
    with Repository(db_path) as repo:  # compacts: the snapshot records it folded that journal
        assert repo.peringatan == []
    jurnal.write_bytes(lama)  # as if the delete after compaction had failed
    with Repository(db_path) as repo:
        assert repo.peringatan == []
    assert not jurnal.exists()


def test_generasi_berisi_jalur_ditolak_satu_baris(db_jurnal):
    db_path, _ = db_jurnal
    data = json.loads(db_path.read_text(encoding="utf-8"))
    data[KUNCI_JURNAL]["1"]["generasi"] = "../../etc/passwd"
    db_path.write_text(json.dumps(data), encoding="utf-8")
    e = _tolak(db_path)
    assert "tidak sah" in str(e)
    assert jalankan_saran(str(e)) == 0
    with Repository(db_path) as repo:
        assert repo.tahun_tersedia() == [2021]


def test_saran_tanpa_cadangan_memakai_salinan(repo_demo, db_path, tmp_path, capsys):
    repo_demo.close()
    salinan = tmp_path / "salinan.json"
    shutil.copyfile(db_path, salinan)
    shutil.rmtree(backup.folder_backup(db_path))
    jurnal = _commit_lalu_mati(db_path)
    shutil.rmtree(backup.folder_backup(db_path))
    db_path.unlink()
    e = _tolak(db_path)
    assert "--dari BERKAS" in str(e)
    assert jalankan_saran(str(e), BERKAS=str(salinan)) == 0
    assert _pagu(db_path) == Decimal(777)  # the copy is of the journal's generation: its line applies
    assert not jurnal.exists()
    with Repository(db_path) as repo:
        assert repo.tahun_tersedia() == [2021]


# ------------------------------------------------------------------ item 4: restore
def test_restore_menyimpan_baris_jurnal_hari_ini(db_jurnal, capsys):
    db_path, _ = db_jurnal
    assert cli.main(["restore", "--db", str(db_path)]) == 0
    assert _pagu(db_path) == Decimal(777)


@pytest.mark.parametrize("isi", ["root:x:0:0:root:/root:/bin/bash\n", "bundle", "{}", '{"a": 1}'])
def test_restore_dari_bukan_basis_data_ditolak(db_jurnal, tmp_path, fixture_path, isi, capsys):
    db_path, jurnal = db_jurnal
    sumber = tmp_path / "sumber.json"
    if isi == "bundle":
        shutil.copyfile(fixture_path, sumber)
    else:
        sumber.write_text(isi, encoding="utf-8")
    sebelum = {p.name: p.read_bytes() for p in db_path.parent.iterdir() if p.is_file()}
    assert cli.main(["restore", "--db", str(db_path), "--dari", str(sumber)]) == 2
    err = capsys.readouterr().err
    assert "bukan basis data lkjip" in err and err.count("\n") == 1
    assert {p.name: p.read_bytes() for p in db_path.parent.iterdir() if p.is_file()} == sebelum


def test_dua_restore_dalam_satu_detik_tidak_saling_menimpa(db_jurnal, monkeypatch, capsys):
    db_path, _ = db_jurnal
    from datetime import datetime as _dt

    class Beku(_dt):
        @classmethod
        def now(cls, tz=None):
            return _dt(2026, 1, 2, 3, 4, 5, tzinfo=tz)
    monkeypatch.setattr(backup, "datetime", Beku)
    isi_pertama = db_path.read_bytes()
    assert cli.main(["restore", "--db", str(db_path)]) == 0
    assert cli.main(["restore", "--db", str(db_path)]) == 0
    disisihkan = sorted(p for p in db_path.parent.iterdir() if p.name.startswith("lkjip.rusak-20260102-030405"))
    nama_db = [p for p in disisihkan if p.suffix == ".json"]
    assert len(nama_db) == 2
    assert isi_pertama in [p.read_bytes() for p in nama_db]


@pytest.mark.parametrize("jenis", ["folder", "perangkat"])
def test_restore_menolak_db_bukan_berkas_biasa(tmp_path, jenis, capsys):
    import os
    target = tmp_path / "folder.json" if jenis == "folder" else os.devnull
    if jenis == "folder":
        target.mkdir()
    assert cli.main(["restore", "--db", str(target)]) == 2
    assert "bukan berkas biasa" in capsys.readouterr().err
    assert cli.main(["check", "--db", str(target)]) == 2
    assert "bukan berkas biasa" in capsys.readouterr().err


# ------------------------------------------------------------------ held files (Windows, WinError 32)
@pytest.mark.parametrize("kali", [1, None], ids=["sekali", "selalu"])
def test_restore_dengan_jurnal_dipegang(db_jurnal, dipegang, kali, monkeypatch, capsys):
    db_path, jurnal = db_jurnal
    monkeypatch.setattr("time.sleep", lambda s: None)
    dipegang.tahan(jurnal, kali)
    assert cli.main(["restore", "--db", str(db_path)]) == 0
    assert db_path.is_file()  # the path never went missing
    assert _pagu(db_path) == Decimal(777)
    dipegang.lepas()
    with Repository(db_path) as repo:  # a journal the restore could not delete is known folded
        assert repo.peringatan == [] and _sub(repo).pagu == Decimal(777)
    assert not jurnal.exists()


def test_restore_dengan_basis_data_dipegang(db_jurnal, dipegang, monkeypatch, capsys):
    db_path, jurnal = db_jurnal
    monkeypatch.setattr("time.sleep", lambda s: None)
    sebelum_db, sebelum_jurnal = db_path.read_bytes(), jurnal.read_bytes()
    dipegang.tahan(db_path)
    assert cli.main(["restore", "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert "tidak diubah" in err and err.count("\n") == 1 and dipegang.ditolak
    assert db_path.read_bytes() == sebelum_db and jurnal.read_bytes() == sebelum_jurnal
    dipegang.lepas()
    assert _pagu(db_path) == Decimal(777)


@pytest.mark.parametrize("kali", [1, None], ids=["sekali", "selalu"])
def test_kompaksi_dengan_basis_data_dipegang(db_jurnal, dipegang, kali, monkeypatch):
    db_path, jurnal = db_jurnal
    monkeypatch.setattr("time.sleep", lambda s: None)
    repo = Repository(db_path)  # the open compacts; hold the file from now on
    sub = _sub(repo)
    sub.pagu = Decimal(888)
    repo.simpan(2021, sub)
    dipegang.tahan(db_path, kali)
    repo.close()  # compaction + backup: refused, or retried past a single refusal
    assert dipegang.ditolak
    dipegang.lepas()
    assert _pagu(db_path) == Decimal(888)
    with Repository(db_path) as repo:
        assert repo.peringatan == [] and _sub(repo).pagu == Decimal(888)


# ------------------------------------------------------------------ every hint runs
def _rusak_json(db_path, jurnal):
    db_path.write_text('{"laporan": {', encoding="utf-8")


def _bukan_objek(db_path, jurnal):
    db_path.write_text("[1, 2]", encoding="utf-8")


def _bukan_utf8(db_path, jurnal):
    db_path.write_bytes(b'{"laporan": "\xff\xfe"}')


def _hilang(db_path, jurnal):
    db_path.unlink()


def _kosong(db_path, jurnal):
    db_path.write_bytes(b"  \n")


def _jurnal_rusak(db_path, jurnal):
    raw = jurnal.read_bytes()
    jurnal.write_bytes(raw.replace(b"777", b"778"))


def _generasi_jalur(db_path, jurnal):
    data = json.loads(db_path.read_text(encoding="utf-8"))
    data[KUNCI_JURNAL]["1"]["generasi"] = "..\\\\..\\\\x"
    db_path.write_text(json.dumps(data), encoding="utf-8")


def _baris_tak_terbaca(db_path, jurnal):
    data = json.loads(db_path.read_text(encoding="utf-8"))
    baris = list(data["subkegiatan"])[-1]  # not the row the journal line sets
    data["subkegiatan"][baris]["realisasi"] = "abc"
    db_path.write_text(json.dumps(data), encoding="utf-8")


KERUSAKAN = {f.__name__.lstrip("_"): f for f in (_rusak_json, _bukan_objek, _bukan_utf8, _hilang, _kosong, _jurnal_rusak,
                                                  _generasi_jalur, _baris_tak_terbaca)}


@pytest.mark.parametrize("kerusakan", list(KERUSAKAN))
def test_setiap_saran_berjalan(db_jurnal, capsys, kerusakan):
    """Every message for a database that cannot be opened names a command; run it as printed
    and the database opens again with the newest good state."""
    db_path, jurnal = db_jurnal
    KERUSAKAN[kerusakan](db_path, jurnal)
    assert cli.main(["check", "--db", str(db_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    assert jalankan_saran(err) == 0
    out = capsys.readouterr().out
    assert "dipulihkan" in out
    with Repository(db_path) as repo:
        pagu = _sub(repo).pagu
    if kerusakan == "jurnal_rusak":  # its only line was the damage: the snapshot as it was
        assert pagu not in (Decimal(777), Decimal(778))
    else:  # the day's journal line survives
        assert pagu == Decimal(777)


def test_restore_memindahkan_riwayat_baris_jurnal(db_jurnal, capsys):
    """The journal lines a restore applies keep their audit entries (the journal itself is
    only kept aside as a copy)."""
    db_path, _ = db_jurnal
    db_path.unlink()
    assert cli.main(["restore", "--db", str(db_path)]) == 0
    with Repository(db_path) as repo:
        riwayat = repo.riwayat()
    assert "dipulihkan" in riwayat[0]["keterangan"]
    assert any("777" in json.dumps(e) for e in riwayat[1:])


def test_jurnal_tak_cocok_yang_dipegang_dibiarkan_tidak_dihapus(db_jurnal, dipegang, monkeypatch):
    db_path, jurnal = db_jurnal
    monkeypatch.setattr("time.sleep", lambda s: None)
    asing = jurnal.with_name(f"{db_path.name}.jurnal-feedf00d")
    jurnal.rename(asing)
    isi = asing.read_bytes()
    dipegang.tahan(asing, kali=8)  # every try of the retrying replace; a later delete would succeed
    with Repository(db_path) as repo:
        [pesan] = repo.peringatan
        assert "dibiarkan di tempatnya" in pesan
        sub = _sub(repo)
        sub.pagu = Decimal(5)
        repo.simpan(2021, sub)
        repo.kompaksi()  # a compaction must not delete it either
    dipegang.lepas()
    assert asing.read_bytes() == isi
    with Repository(db_path) as repo:  # released: now set aside under its own name
        assert "disimpan sebagai" in repo.peringatan[0]
