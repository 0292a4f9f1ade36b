"""Take-over never makes two writers (issue 18 item 1).

`--ambil-alih` is refused while the holder runs on this machine (pid and start time); a
holder that was taken over anyway (from another PC, whose pid cannot be checked) finds out
at its next commit through the lock's fencing token, writes nothing more, and says so. Every
write point of a take-over fails in turn: the database is untouched and the lock is either
the old holder's or ours, whole. ``HITUNG`` gives the counts for the report."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from lkjip_tui import cli
from store import lock
from store.lock import Kunci, KunciHilang, SedangDipakai
from store.repository import Repository
from store.storage import HanyaBaca

from .gangguan import SALAH, Suntik

HITUNG = {"fault": 0, "pulih": 0, "tolak": 0}
ROOT = Path(__file__).resolve().parents[2]

_PENULIS = """
import sys
from decimal import Decimal
from store.repository import Repository
repo = Repository(sys.argv[1])
def ubah(n):
    sub = next(repo.muat(2021).semua_subkegiatan())[2]
    sub.pagu = Decimal(n)
    repo.simpan(2021, sub)
ubah(111)
print("siap", flush=True)
for baris in sys.stdin:
    try:
        ubah(int(baris))
        print("ok", flush=True)
    except Exception as e:
        print(type(e).__name__, flush=True)
repo.close()
"""


def _pagu(path) -> Decimal:
    with Repository(path, readonly=True) as ro:
        return next(ro.muat(2021).semua_subkegiatan())[2].pagu


def _ubah(repo, n) -> None:
    sub = next(repo.muat(2021).semua_subkegiatan())[2]
    sub.pagu = Decimal(n)
    repo.simpan(2021, sub)


def _pagu_riwayat(path) -> list[str]:
    with Repository(path, readonly=True) as ro:
        entri = ro.riwayat()
    return [p["baru"]["pagu"] for e in reversed(entri) for p in e.get("perubahan", []) if "pagu" in (p.get("baru") or {})]


def test_ambil_alih_ditolak_selagi_pemegang_berjalan(repo_demo, db_path, monkeypatch):
    """The reported case with real processes: A saves 111; `--ambil-alih` is refused and
    opens read-only saying why; A's next save (333) is kept."""
    repo_demo.close()
    a = subprocess.Popen([sys.executable, "-c", _PENULIS, str(db_path)], cwd=ROOT, text=True,
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert a.stdout.readline().strip() == "siap"
        with pytest.raises(SedangDipakai) as e:
            Repository(db_path, ambil_alih=True)
        assert e.value.hidup and "pengambilalihan ditolak" in e.value.pesan and str(a.pid) in e.value.pesan
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
        assert cli.main(["--db", str(db_path), "--ambil-alih"]) == 0
        assert dibuat["repo"].readonly and "ditolak" in dibuat["peringatan"]
        assert "--ambil-alih" not in dibuat["peringatan"]  # no advice to do what was just refused
        a.stdin.write("333\n")
        a.stdin.flush()
        assert a.stdout.readline().strip() == "ok"
    finally:
        a.stdin.close()
        a.wait(timeout=30)
    assert _pagu(db_path) == Decimal(333)
    assert not Path(f"{db_path}.kunci").exists()
    HITUNG["tolak"] += 2


def _ambil_dari_pc_lain(db_path, monkeypatch) -> Repository:
    """A take-over as another PC does it: the holder's pid cannot be checked from there."""
    with monkeypatch.context() as m:
        m.setattr(lock, "id_mesin", lambda: "pc-lain")
        return Repository(db_path, ambil_alih=True)


def test_yang_diambil_alih_tidak_menulis_lagi(repo_demo, db_path, monkeypatch):
    repo_demo.close()
    a = Repository(db_path)
    _ubah(a, 111)
    c = _ambil_dari_pc_lain(db_path, monkeypatch)
    _ubah(c, 222)
    with pytest.raises(KunciHilang) as e:
        _ubah(a, 333)
    assert "diambil alih" in str(e.value) and "hanya-baca" in str(e.value) and "\n" not in str(e.value)
    assert a.readonly and a.diambil_alih is e.value
    with pytest.raises(HanyaBaca):  # a second attempt writes nothing either
        _ubah(a, 334)
    assert a.muat(2021) is not None  # still readable
    a.close()  # neither compacts nor removes the new holder's lock
    assert Kunci(db_path).baca()["token"] == c._kunci.baca()["token"]
    _ubah(c, 444)
    c.close()
    assert _pagu(db_path) == Decimal(444)
    assert _pagu_riwayat(db_path)[-3:] == ["111", "222", "444"]
    HITUNG["tolak"] += 2


@pytest.mark.parametrize("rusak", ["dihapus", "sampah", "token-lain"])
def test_kunci_yang_hilang_atau_diganti_menghentikan_penulisan(repo_demo, db_path, rusak):
    path = Path(f"{db_path}.kunci")
    if rusak == "dihapus":
        path.unlink()
    elif rusak == "sampah":
        path.write_bytes(b"\x00{")
    else:
        d = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(dict(d, token="orang-lain")), encoding="utf-8")
    sebelum = db_path.read_bytes()
    jurnal = {p.name: p.read_bytes() for p in db_path.parent.glob("*.jurnal-*")}
    with pytest.raises(KunciHilang):
        repo_demo.kompaksi()  # a compaction is fenced as a commit is (that one: the test above)
    with pytest.raises(HanyaBaca):
        _ubah(repo_demo, 999)
    assert db_path.read_bytes() == sebelum
    assert {p.name: p.read_bytes() for p in db_path.parent.glob("*.jurnal-*")} == jurnal
    HITUNG["tolak"] += 2


def test_kunci_sejenak_tak_terbaca_hanya_menggagalkan_simpan_itu(repo_demo, db_path):
    """A lock that cannot be read for a moment (a share that drops) fails that save as a disk
    error does; the instance stays writable and the retry saves."""
    path = Path(f"{db_path}.kunci")
    isi = path.read_bytes()
    path.unlink()
    path.mkdir()  # reading it now fails with an OSError that is not "gone"
    try:
        with pytest.raises(OSError) as e:
            _ubah(repo_demo, 999)
        assert not isinstance(e.value, FileNotFoundError)
    finally:
        path.rmdir()
        path.write_bytes(isi)
    assert not repo_demo.readonly
    _ubah(repo_demo, 999)
    repo_demo.close()
    assert _pagu(db_path) == Decimal(999)
    HITUNG["pulih"] += 1


# ------------------------------------------------------------------ faults during a take-over
KUNCI_LAMA = {
    "basi": lambda db: {"pid": 2 ** 22 + 7, "mesin": lock.id_mesin()},          # a dead holder here
    "pc-lain": lambda db: {"pid": 1, "mesin": "mesin-lain", "host": "PC-KEUANGAN"},  # explicit take-over
}


def _tulis_kunci(db_path, **isi) -> bytes:
    d = {"pengguna": "budi", "host": "x", "mesin": lock.id_mesin(), "pid": 1, "mulai_proses": None, "detak": lock.DETAK,
         "sejak": "2026-01-02T08:00:00+07:00", "sejak_epoch": time.time(), "token": "lama"}
    d.update(isi)
    raw = json.dumps(d).encode()
    Path(f"{db_path}.kunci").write_bytes(raw)
    return raw


def _berkas(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("terus", [False, True], ids=["sekali", "disk-penuh"])
@pytest.mark.parametrize("jenis", sorted(KUNCI_LAMA))
def test_setiap_titik_pengambilalihan_gagal(repo_demo, db_path, tmp_path, jenis, terus):
    repo_demo.close()
    templat = tmp_path / "templat"
    shutil.copytree(db_path.parent, templat)
    nama = db_path.name

    def siapkan(d: Path) -> tuple[Path, bytes]:
        shutil.copytree(templat, d)
        return d / nama, _tulis_kunci(d / nama, **KUNCI_LAMA[jenis](d / nama))

    db, _ = siapkan(tmp_path / "hitung")
    with Suntik() as s:
        Repository(db, ambil_alih=True).close()
    n = len(s.titik)
    assert n >= 3  # at least the lock's write and fsync, and the day's backup
    for ke in range(1, n + 1):
        err = SALAH[ke % len(SALAH)]
        db, lama = siapkan(tmp_path / f"ke{ke}")
        sebelum = {k: v for k, v in _berkas(db.parent).items() if not k.endswith(".kunci")}
        with Suntik(ke, err, terus) as s:
            try:
                repo = Repository(db, ambil_alih=True)
            except (OSError, SedangDipakai):
                repo = None
        HITUNG["fault"] += s.disuntik
        kunci = Path(f"{db}.kunci")
        sisa = [p.name for p in db.parent.iterdir() if p.name.startswith(f"{nama}.kunci.")]
        assert not sisa, f"left behind: {sisa}"
        if repo is None:
            # Nothing of ours is there: the old lock whole, or (stale, removed) none at all.
            assert not kunci.exists() or kunci.read_bytes() == lama
            assert {k: v for k, v in _berkas(db.parent).items() if not k.endswith(".kunci")} == sebelum
            repo = Repository(db, ambil_alih=True)  # the retry on a working disk takes it
        assert repo._kunci.baca()["token"] == repo._kunci._isi["token"]
        _ubah(repo, 500 + ke)
        repo.close()
        assert not kunci.exists() and _pagu(db) == Decimal(500 + ke)
        HITUNG["pulih"] += 1


def test_jumlah(capsys):
    with capsys.disabled():
        print(f"\nambil alih: {HITUNG['fault']} gangguan disuntik, {HITUNG['pulih']} pemulihan diperiksa, "
              f"{HITUNG['tolak']} penulisan/pengambilalihan ditolak (sejauh ini di proses ini)")
