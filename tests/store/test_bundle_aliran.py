"""The bundle written an item at a time (issue 20.3): the same bytes as the whole bundle laid
out at once, and read back by ``lkjip import``."""

import json

import pytest

from lkjip_tui import cli
from store.bundle import _BARIS_PER_ITEM, dump_bundle, ke_bundle, tulis_bundle
from store.demo import demo_laporan
from store.repository import Repository


def _utuh(lap) -> str:
    """The layout as the whole bundle was written before (one key per line, one item per line
    in the long lists), from ke_bundle's whole tree."""
    enc = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
    baris = []
    for kunci, nilai in ke_bundle(lap).items():
        if kunci in _BARIS_PER_ITEM and nilai:
            baris.append(f"  {enc(kunci)}: [\n    " + ",\n    ".join(map(enc, nilai)) + "\n  ]")
        else:
            baris.append(f"  {enc(kunci)}: {enc(nilai)}")
    return "{\n" + ",\n".join(baris) + "\n}\n"


def _sintetis():
    from bench.synth import buat_laporan_kota

    return buat_laporan_kota(600, 15)


@pytest.mark.parametrize("buat", [demo_laporan, _sintetis], ids=["demo", "sintetis"])
def test_piecewise_bundle_is_the_whole_bundle(buat):
    lap = buat()
    potong = list(tulis_bundle(lap))
    assert "".join(potong) == dump_bundle(lap) == _utuh(lap)
    assert len(potong) > len(lap.program)  # a piece per item, never the whole


def test_empty_lists_and_an_empty_year():
    from store.models import Laporan

    lap = Laporan(2024)
    assert dump_bundle(lap) == _utuh(lap)


def test_import_reads_the_exported_bundle_back(tmp_path):
    from exports.run import ekspor

    lap = _sintetis()
    (berkas,) = ekspor(lap, tmp_path / "keluar", ["json"])
    db = tmp_path / "db.json"
    assert cli.main(["import", str(berkas), "--db", str(db)]) == 0
    with Repository(db, readonly=True) as repo:
        assert ke_bundle(repo.muat(lap.tahun)) == ke_bundle(lap)
