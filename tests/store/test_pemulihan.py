"""A restore is all or nothing, and recorded either way (issue 18 items 2 and 3).

Every write, flush, fsync, truncate and replace of a restore fails in turn (once, and as a
disk that stays full); afterwards the folder is byte for byte as it was (the riwayat may only
gain the failed attempt's entry), or the restore completed: the database holds the source's
data, the riwayat says so, the old file is kept aside. The same under a real file-size limit
(RLIMIT_FSIZE) on `lkjip restore --dari`. A source that is not restorable (unknown schema,
a row that does not read, a year a bundle import would refuse) is refused in one line before
anything is touched. ``HITUNG`` gives the counts for the report."""

from __future__ import annotations

import copy
import errno
import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from lkjip_tui import cli
from store import backup
from store.pemulihan import PemulihanGagal, periksa_sumber, pulihkan_tercatat
from store.repository import Repository
from store.schema import SKEMA
from store.storage import KUNCI_JURNAL

from .gangguan import SALAH, Suntik

HITUNG = {"fault": 0, "pulih": 0, "tolak": 0}
ROOT = Path(__file__).resolve().parents[2]


def _sub(repo):
    return next(repo.muat(2021).semua_subkegiatan())[2]


def _ubah(repo, nilai) -> None:
    sub = _sub(repo)
    sub.pagu = Decimal(nilai)
    repo.simpan(2021, sub)


def _isi(path: Path) -> dict:
    with Repository(path, readonly=True) as ro:
        data = copy.deepcopy(ro.storage.read())
    data.pop(KUNCI_JURNAL, None)
    return data


def _entri(line: bytes) -> dict:
    """A riwayat line; {} for a torn one (a disk that stays full cuts the attempt's own entry
    and its clean-up: the trail skips such a line)."""
    try:
        return json.loads(line)
    except ValueError:
        return {}


def _berkas(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def templat(tmp_path_factory):
    """lkjip.json with pagu 333 (one line still in its journal, as after a crash) and
    lama.json, a copy of it from when pagu was 111."""
    from store.bundle import baca_bundle, muat_json
    from tests.conftest import FIXTURE

    folder = tmp_path_factory.mktemp("pulih")
    db = folder / "lkjip.json"
    with Repository(db) as repo:
        repo.simpan_laporan(baca_bundle(muat_json(FIXTURE)))
        _ubah(repo, 111)
    shutil.copy(db, folder / "lama.json")
    with Repository(db) as repo:
        _ubah(repo, 222)  # compacted on close: lama.json's generation is folded, its journal gone
    repo = Repository(db)
    _ubah(repo, 333)
    repo._kunci.lepas()  # killed: the change lives in the journal only
    return folder


def _dari(d: Path):
    return pulihkan_tercatat(d / "lkjip.json", d / "lama.json")


def _terbaru(d: Path):
    return pulihkan_tercatat(d / "lkjip.json")


OPERASI = {"dari": (_dari, Decimal(111)), "terbaru": (_terbaru, Decimal(333))}


def _titik(templat, tmp_path, operasi) -> int:
    d = tmp_path / "hitung"
    shutil.copytree(templat, d)
    with Suntik() as s:
        OPERASI[operasi][0](d)
    return len(s.titik)


def _tanpa_jangkar(raw: bytes) -> dict:
    data = json.loads(raw)
    data.get("_jurnal", {}).get("1", {}).pop("riwayat", None)
    return data


def _periksa_hasil(d: Path, sebelum: dict[str, bytes], berhasil: bool, pagu: Decimal) -> None:
    sesudah = _berkas(d)
    assert not (d / "lkjip.json.kunci").exists(), "the lock was left behind"
    riwayat = [_entri(b) for b in sesudah.get("lkjip.json.riwayat.jsonl", b"").splitlines()]
    riwayat_lama = sebelum.get("lkjip.json.riwayat.jsonl", b"")
    if berhasil:
        with Repository(d / "lkjip.json", readonly=True) as ro:
            assert _sub(ro).pagu == pagu
            assert any("dipulihkan dari" in (e.get("keterangan") or "") for e in ro.riwayat())
        kopi = [n for n in sesudah if ".rusak-" in n and n.endswith(".json")]
        assert len(kopi) == 1 and _tanpa_jangkar(sesudah[kopi[0]]) == _tanpa_jangkar(sebelum["lkjip.json"]), \
            "the old file was not kept aside"
        return
    # Failed: every file as it was; the riwayat only gained entries at its end (the attempt,
    # or the applied journal lines' entries, which are committed changes either way), and the
    # database's data is as it was (only its riwayat anchor may name the attempt).
    assert {n: b for n, b in sesudah.items() if n not in ("lkjip.json.riwayat.jsonl", "lkjip.json")} == {
        n: b for n, b in sebelum.items() if n not in ("lkjip.json.riwayat.jsonl", "lkjip.json")}, \
        "a failed restore changed files"
    assert _tanpa_jangkar(sesudah["lkjip.json"]) == _tanpa_jangkar(sebelum["lkjip.json"]), "a failed restore changed the data"
    assert sesudah.get("lkjip.json.riwayat.jsonl", b"").startswith(riwayat_lama)
    assert not any("dipulihkan dari" in (e.get("keterangan") or "") for e in riwayat)
    with Repository(d / "lkjip.json", readonly=True) as ro:
        assert _sub(ro).pagu == Decimal(333)


@pytest.mark.parametrize("terus", [False, True], ids=["sekali", "disk-penuh"])
@pytest.mark.parametrize("operasi", sorted(OPERASI))
def test_setiap_titik_gagal_semua_atau_tidak_sama_sekali(templat, tmp_path, operasi, terus):
    fungsi, pagu = OPERASI[operasi]
    n = _titik(templat, tmp_path, operasi)
    assert n >= 8  # the copies, the riwayat, the new journal, the snapshot: each write, fsync, replace
    gagal = 0
    for ke in range(1, n + 1):
        err = SALAH[ke % len(SALAH)]
        d = tmp_path / f"ke{ke}"
        shutil.copytree(templat, d)
        sebelum = _berkas(d)
        with Suntik(ke, err, terus) as s:
            try:
                fungsi(d)
                berhasil = True
            except PemulihanGagal as e:
                assert e.errno == err
                berhasil = False
        HITUNG["fault"] += s.disuntik
        gagal += not berhasil
        _periksa_hasil(d, sebelum, berhasil, pagu)
        HITUNG["pulih"] += 1
        if not berhasil:  # the user tries again on a working disk: it completes
            fungsi(d)
            _periksa_hasil(d, sebelum, True, pagu)
            HITUNG["pulih"] += 1
    assert gagal, "no injected fault made the restore fail: the injection missed it"


def test_gagal_tercatat_di_riwayat(templat, tmp_path):
    """The last point is the snapshot's replace: failing it leaves the database as it was and
    a riwayat entry saying so."""
    d = tmp_path / "d"
    shutil.copytree(templat, d)
    titik = []
    with Suntik() as s:
        _dari(d)
    titik = s.titik
    d2 = tmp_path / "d2"
    shutil.copytree(templat, d2)
    with Suntik(len(titik) - titik[::-1].index("replace"), errno.EIO), pytest.raises(PemulihanGagal) as e:
        _dari(d2)
    assert e.value.tercatat
    with Repository(d2 / "lkjip.json", readonly=True) as ro:
        assert _sub(ro).pagu == Decimal(333)
        pesan = [x.get("keterangan", "") for x in ro.riwayat()]
    assert any("gagal" in p and "tidak diubah" in p for p in pesan)
    assert not any(p.startswith("dipulihkan") for p in pesan)


_BATASAN = """
import resource, sys
batas = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (batas, batas))
from lkjip_tui.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.skipif(os.name == "nt", reason="RLIMIT_FSIZE is POSIX")
def test_batas_ukuran_berkas_sungguhan(templat, tmp_path):
    """The reported case: `lkjip restore --dari` under 24 file-size limits. Exit 2 means
    nothing changed; exit 0 means restored, and the riwayat says so."""
    ukuran = (templat / "lkjip.json").stat().st_size
    hasil = {0: 0, 2: 0}
    for i, batas in enumerate([ukuran * k // 20 for k in range(1, 25)]):  # up to 1.2x: the restored file carries its anchor
        d = tmp_path / f"b{i}"
        shutil.copytree(templat, d)
        sebelum = _berkas(d)
        p = subprocess.run([sys.executable, "-c", _BATASAN, str(batas), "restore", "--db", str(d / "lkjip.json"),
                            "--dari", str(d / "lama.json")], capture_output=True, text=True, cwd=ROOT, timeout=60)
        assert p.returncode in (0, 2), p.stderr
        assert "Traceback" not in p.stderr
        hasil[p.returncode] += 1
        HITUNG["fault"] += p.returncode == 2
        if p.returncode == 2:
            assert "gagal, basis data tidak diubah" in p.stderr
        _periksa_hasil(d, sebelum, p.returncode == 0, Decimal(111))
        HITUNG["pulih"] += 1
    assert hasil[2] and hasil[0], hasil  # small limits fail, large ones complete


# ------------------------------------------------------------------ item 3: the source is checked
def _rusak_skema(nilai):
    def ubah(data):
        data["_meta"]["1"]["skema"] = nilai
    return ubah


def _baris(tabel, kolom, nilai):
    def ubah(data):
        baris = next(iter(data[tabel].values()))
        baris[kolom] = nilai
    return ubah


SUMBER_SALAH = {
    "skema-negatif": (_rusak_skema(-1), "tanda skema"),
    "skema-baru": (_rusak_skema(SKEMA + 1), "lebih baru"),
    "skema-raksasa": (_rusak_skema(10 ** 400), "(401 digit)"),
    "angka-sejuta-digit": (_baris("subkegiatan", "pagu", "1e999999"), "pagu"),
    "skema-pecahan": (_rusak_skema(2.5), "tanda skema"),
    "skema-teks": (_rusak_skema("3"), "tanda skema"),
    "skema-bool": (_rusak_skema(True), "tanda skema"),
    "realisasi-teks": (_baris("indikator", "realisasi", "abc"), "indikator"),
    "urut-teks": (_baris("program", "urut", "z"), "urut"),
    "tahun-hilang": (_baris("sasaran", "tahun", None), "tahun"),
    "teks-kendali": (_baris("tujuan", "uraian", "a\x1b[2Jb"), "tahun 2021"),
    "induk-hilang": (_baris("kegiatan", "program", "tidak-ada"), "program"),
    "rupiah-negatif": (_baris("subkegiatan", "pagu", "-5"), "pagu"),
}


@pytest.mark.parametrize("kasus", sorted(SUMBER_SALAH))
def test_sumber_yang_tidak_sah_ditolak_sebelum_apa_pun_diubah(templat, tmp_path, kasus, capsys):
    ubah, kata = SUMBER_SALAH[kasus]
    d = tmp_path / "d"
    shutil.copytree(templat, d)
    data = json.loads((d / "lama.json").read_text(encoding="utf-8"))
    ubah(data)
    (d / "lama.json").write_text(json.dumps(data), encoding="utf-8")
    sebelum = _berkas(d)
    with pytest.raises(backup.CadanganTidakSah) as e:
        periksa_sumber(d / "lama.json")
    assert kata in str(e.value) and "\n" not in str(e.value) and len(str(e.value)) < 400
    with pytest.raises(backup.CadanganTidakSah):
        pulihkan_tercatat(d / "lkjip.json", d / "lama.json")
    assert cli.main(["restore", "--db", str(d / "lkjip.json"), "--dari", str(d / "lama.json")]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert _berkas(d) == sebelum
    HITUNG["tolak"] += 1


def test_bilangan_ribuan_digit_satu_baris(templat, tmp_path, capsys):
    d = tmp_path / "d"
    shutil.copytree(templat, d)
    teks = (d / "lama.json").read_text(encoding="utf-8").replace(f'"skema":{SKEMA}', '"skema":' + "9" * 5000)
    assert "9" * 5000 in teks
    (d / "lama.json").write_text(teks, encoding="utf-8")
    assert cli.main(["restore", "--db", str(d / "lkjip.json"), "--dari", str(d / "lama.json")]) == 2
    err = capsys.readouterr().err
    assert "terlalu panjang" in err and len(err.strip().splitlines()) == 1
    HITUNG["tolak"] += 1


def test_restore_biasa_tidak_memilih_basis_data_berskema_asing(templat, tmp_path, capsys):
    """A database with an unknown schema is not 'the file itself still reads': plain
    `lkjip restore` takes the newest good backup instead, and the database opens again."""
    d = tmp_path / "d"
    shutil.copytree(templat, d)
    db = d / "lkjip.json"
    data = json.loads(db.read_text(encoding="utf-8"))
    data["_meta"]["1"]["skema"] = -1
    db.write_text(json.dumps(data), encoding="utf-8")
    assert cli.main(["check", "--db", str(db)]) == 2
    assert "tanda skema" in capsys.readouterr().err
    assert cli.main(["restore", "--db", str(db)]) == 0
    assert "dipulihkan dari cadangan" in capsys.readouterr().out
    with Repository(db) as repo:
        assert repo.tahun_tersedia() == [2021]
    HITUNG["tolak"] += 1


def test_kunci_diambil_alih_di_tengah_pemulihan(templat, tmp_path, monkeypatch):
    """Another lkjip takes the lock over while the restore prepares: the restore stops before
    its commit point and leaves everything as it was."""
    from store import lock
    from store.lock import KunciHilang

    d = tmp_path / "d"
    shutil.copytree(templat, d)
    sebelum = _berkas(d)
    asli = backup.fsync_folder

    def lalu_diambil(folder):
        asli(folder)
        kunci = d / "lkjip.json.kunci"
        isi = json.loads(kunci.read_text(encoding="utf-8"))
        kunci.write_text(json.dumps(dict(isi, token="lain", mesin="pc-lain")), encoding="utf-8")
    monkeypatch.setattr(backup, "fsync_folder", lalu_diambil)
    with pytest.raises(KunciHilang):
        _dari(d)
    monkeypatch.undo()
    assert json.loads((d / "lkjip.json.kunci").read_text(encoding="utf-8"))["token"] == "lain"  # left to its holder
    (d / "lkjip.json.kunci").unlink()
    assert _berkas(d) == {k: v for k, v in sebelum.items()}
    assert lock.Kunci(d / "lkjip.json").baca() is None
    HITUNG["tolak"] += 1


@pytest.mark.parametrize("operasi", sorted(OPERASI))
def test_basis_data_dipegang_program_lain(templat, tmp_path, dipegang, operasi, monkeypatch):
    """Windows: the database is held open (a read-only lkjip, an antivirus) so it cannot be
    replaced: the restore fails saying so, every file as it was; once let go, it completes.
    The old journals held open after the commit point do not fail a completed restore."""
    from store import berkas

    monkeypatch.setattr(berkas.time, "sleep", lambda _s: None, raising=False)  # the replace's retries, at once
    fungsi, pagu = OPERASI[operasi]
    d = tmp_path / "d"
    shutil.copytree(templat, d)
    sebelum = _berkas(d)
    dipegang.tahan(d / "lkjip.json")
    with pytest.raises(PemulihanGagal):
        fungsi(d)
    _periksa_hasil(d, sebelum, False, pagu)
    dipegang.lepas()
    for j in d.glob("lkjip.json.jurnal-*"):
        dipegang.tahan(j)  # held after the commit point: harmless, the new snapshot marks it folded
    fungsi(d)
    _periksa_hasil(d, sebelum, True, pagu)
    HITUNG["fault"] += 1
    HITUNG["pulih"] += 2


def test_jumlah(capsys):
    with capsys.disabled():
        print(f"\npemulihan: {HITUNG['fault']} gangguan disuntik, {HITUNG['pulih']} pemulihan diperiksa, "
              f"{HITUNG['tolak']} sumber ditolak (sejauh ini di proses ini)")
