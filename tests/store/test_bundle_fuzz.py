"""Malformed bundles fed to ``lkjip import``: refused whole, one clear message, exit 2, and the
existing database byte-for-byte unchanged."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lkjip_tui import cli
from store.bundle import baca_bundle, ke_bundle, muat_json
from store.repository import Repository


@pytest.fixture(scope="module")
def db_awal(tmp_path_factory, request):
    from tests.conftest import FIXTURE
    folder = tmp_path_factory.mktemp("fuzz")
    db = folder / "lkjip.json"
    assert cli.main(["import", str(FIXTURE), "--db", str(db)]) == 0
    return db


def _semua_berkas(db: Path) -> dict[str, bytes]:
    """Every file of the database (snapshot, journals, audit, lock) except backups."""
    return {p.name: p.read_bytes() for p in db.parent.iterdir() if p.is_file()}


def _impor(db: Path, isi: bytes, tmp: Path, capsys, ganti: bool) -> tuple[int, str]:
    f = tmp / "bundle.json"
    f.write_bytes(isi)
    capsys.readouterr()
    rc = cli.main(["import", str(f), "--db", str(db)] + (["--replace"] if ganti else []))
    return rc, capsys.readouterr().err


def _mutasi(data: dict, jalur: list, nilai) -> dict:
    d = copy.deepcopy(data)
    x = d
    for k in jalur[:-1]:
        x = x[k]
    x[jalur[-1]] = nilai
    return d


KASUS = {
    "tipe salah: pagu teks": (["program", 0, "kegiatan", 0, "subkegiatan", 0, "pagu"], "banyak"),
    "tipe salah: target daftar": (["indikator", 0, "target"], [1, 2]),
    "tipe salah: instansi angka": (["instansi"], 5),
    "tipe salah: program null": (["program", 0], None),
    "tipe salah: tahun teks": (["tahun"], "dua ribu"),
    "tipe salah: bool sebagai angka": (["indikator", 0, "realisasi", "2021"], True),
    "wajib hilang: pagu null": (["program", 0, "kegiatan", 0, "subkegiatan", 0, "pagu"], None),
    "rujukan hilang: sasaran": (["indikator", 1, "sasaran"], "S99"),
    "rujukan hilang: tujuan": (["sasaran", 0, "tujuan"], "T99"),
    "rujukan hilang: program→sasaran": (["program", 2, "sasaran"], "S99"),
    "id kembar": (["indikator", 1, "id"], "I1"),
    "pagu negatif": (["program", 0, "kegiatan", 0, "subkegiatan", 0, "pagu"], -1),
    "angka raksasa": (["program", 0, "kegiatan", 0, "subkegiatan", 0, "realisasi"], 10**30),
    "float raksasa": (["indikator", 0, "target", "2021"], 1e300),
    "bulan 13": (["program", 0, "kegiatan", 0, "subkegiatan", 0, "realisasi_bulanan"], {"13": 5}),
    "arah aneh": (["indikator", 0, "arah"], "naik"),
    "triwulan 3": (["indikator", 0, "triwulan", "2021"], [{"target": 1, "realisasi": 1}] * 3),
    "format lain": (["format"], "excel"),
    "versi baru": (["version"], 3),
    "pegawai negatif": (["pegawai", "unit", 0, "jabatan", 0, "laki_laki"], -3),
    "teks sangat panjang": (["instansi", "nama"], "x" * 20_000),
}


@pytest.mark.parametrize("ganti", [False, True])
@pytest.mark.parametrize("nama", list(KASUS))
def test_named_malformations_refused(db_awal, fixture_json, tmp_path, capsys, nama, ganti):
    jalur, nilai = KASUS[nama]
    sebelum = _semua_berkas(db_awal)
    rc, err = _impor(db_awal, json.dumps(_mutasi(fixture_json, jalur, nilai)).encode(), tmp_path, capsys, ganti)
    assert rc == 2, err
    assert "Bundle ditolak" in err and "Traceback" not in err
    assert _semua_berkas(db_awal) == sebelum


@pytest.mark.parametrize("isi, pesan", [
    (b'{"format": "lkjip-bundle", "version": 1, "tahun": 2021, "instansi": {"nama": "\xff\xfe"}}', "UTF-8"),
    (b"[" * 100_000 + b"]" * 100_000, "bersarang"),
    (b'{"a": ' * 50_000 + b"1" + b"}" * 50_000, "bersarang"),
    (b'{"format": "lkjip-bundle", "version": 1, "tahun": NaN}', "NaN"),
    (b'{"format": "lkjip-bundle", "version": 1, "tahun": Infinity}', "Infinity"),
    (b"[1, 2, 3]", "objek"),
    (b"", "JSON tidak sah"),
    (b"\x00\x01\x02", "JSON tidak sah"),
])
def test_unreadable_files_refused(db_awal, tmp_path, capsys, isi, pesan):
    sebelum = _semua_berkas(db_awal)
    rc, err = _impor(db_awal, isi, tmp_path, capsys, True)
    assert rc == 2 and pesan in err and "Traceback" not in err
    assert _semua_berkas(db_awal) == sebelum


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.floats(min_value=0, max_value=1))
def test_truncated_bundles_refused(db_awal, fixture_path, tmp_path, capsys, potong):
    isi = fixture_path.read_bytes()
    n = int(len(isi.rstrip()) * potong)
    sebelum = _semua_berkas(db_awal)
    rc, err = _impor(db_awal, isi[:min(n, len(isi.rstrip()) - 1)], tmp_path, capsys, True)
    assert rc == 2 and "Traceback" not in err
    assert _semua_berkas(db_awal) == sebelum


SAMPAH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**40, max_value=10**40), st.text(max_size=5),
              st.floats(allow_nan=False, allow_infinity=False)),
    lambda anak: st.one_of(st.lists(anak, max_size=3), st.dictionaries(st.text(max_size=4), anak, max_size=3)),
    max_leaves=8)


def _jalur_acak(data, draw):
    jalur, x = [], data
    while isinstance(x, (dict, list)) and x and draw(st.integers(0, 5)) > 0:
        k = draw(st.sampled_from(sorted(x) if isinstance(x, dict) else list(range(len(x)))))
        jalur.append(k)
        x = x[k]
    return jalur


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.data())
def test_random_mutations_never_crash_and_never_half_import(db_awal, fixture_json, tmp_path, capsys, data):
    jalur = _jalur_acak(fixture_json, data.draw)
    if not jalur:
        return
    bundle = _mutasi(fixture_json, jalur, data.draw(SAMPAH))
    sebelum = _semua_berkas(db_awal)
    rc, err = _impor(db_awal, json.dumps(bundle).encode(), tmp_path, capsys, True)
    assert rc in (0, 2) and "Traceback" not in err
    if rc == 2:
        assert _semua_berkas(db_awal) == sebelum, jalur
    else:  # the mutation happened to be valid: then it is stored whole, exactly as read
        lap = baca_bundle(muat_json(tmp_path / "bundle.json"))
        with Repository(db_awal, readonly=True) as ro:
            assert ke_bundle(ro.muat(lap.tahun)) == ke_bundle(lap)


def test_subprocess_refusal_is_one_line(db_awal, fixture_json, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_mutasi(fixture_json, ["program", 0, "kegiatan", 0, "subkegiatan", 0, "pagu"], -5)),
                   encoding="utf-8")
    sebelum = _semua_berkas(db_awal)
    r = subprocess.run([sys.executable, "-m", "lkjip_tui", "import", str(bad), "--db", str(db_awal), "--replace"],
                       capture_output=True, text=True, encoding="utf-8")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "program[0].kegiatan[0].subkegiatan[0].pagu: -5 tidak boleh negatif" in r.stderr
    assert _semua_berkas(db_awal) == sebelum
