"""The optional Permendagri 90/2019 kode of program, kegiatan and subkegiatan (issue 12
item 13): stored, in the bundle when given, old bundles without it still import, shown in
tables 2.2 and 3.17."""

import json

import pytest

from exports.builders import bangun_tabel
from exports.tables import teks_bagian
from store.bundle import BundleTidakSah, baca_bundle, dump_bundle
from store.repository import Repository


def beri_kode(lap):
    p = lap.program[0]
    p.kode = "7.01.01"
    p.kegiatan[0].kode = "7.01.01.2.01"
    p.kegiatan[0].subkegiatan[0].kode = "7.01.01.2.01.0001"
    return p


def test_old_bundle_without_kode_imports_and_dumps_unchanged(fixture_json):
    lap = baca_bundle(fixture_json)
    assert all(x.kode == "" for p in lap.program for x in (p, *p.kegiatan))
    keluar = json.loads(dump_bundle(lap))
    # version 2 adds the narrative texts (empty here) and the head's pangkat; no kode appears
    assert (keluar.pop("version"), keluar.pop("narasi"), keluar.pop("garis_besar")) == (2, [], None)
    assert keluar["instansi"]["kepala"].pop("pangkat") in ("", None)
    fixture_json.pop("version")
    assert keluar == fixture_json


def test_kode_round_trips_through_bundle_and_database(lap, tmp_path):
    beri_kode(lap)
    data = json.loads(dump_bundle(lap))
    assert data["program"][0]["kode"] == "7.01.01"
    assert data["program"][0]["kegiatan"][0]["subkegiatan"][0]["kode"] == "7.01.01.2.01.0001"
    assert "kode" not in data["program"][1]
    kembali = baca_bundle(data)
    with Repository(tmp_path / "db.json") as r:
        r.simpan_laporan(kembali)
        dari_db = r.muat(lap.tahun)
    p = dari_db.program[0]
    assert (p.kode, p.kegiatan[0].kode, p.kegiatan[0].subkegiatan[0].kode) == \
        ("7.01.01", "7.01.01.2.01", "7.01.01.2.01.0001")


def test_bad_kode_refused_on_import(fixture_json):
    fixture_json["program"][0]["kode"] = "7,01 01"
    with pytest.raises(BundleTidakSah) as e:
        baca_bundle(fixture_json)
    assert 'program[0].kode: "7,01 01" bukan kode yang sah' in "\n".join(e.value.masalah)


def test_tables_2_2_and_3_17_show_kode(lap):
    p = beri_kode(lap)
    sub = p.kegiatan[0].subkegiatan[0]
    tabel = {t.nomor: t for t in bangun_tabel(lap, ["2.2", "3.17"])}
    isi22 = [c for r in teks_bagian(tabel["2.2"].bagian[0], 2) for c in r]
    assert f"7.01.01.2.01.0001 {sub.nama}" in isi22 and f"7.01.01 {p.nama}" in isi22
    isi317 = [c for r in teks_bagian(tabel["3.17"].bagian[0], 2) for c in r]
    assert any(c.startswith("7.01.01.2.01.0001 ") for c in isi317)
    assert any(c.startswith("7.01.01.2.01 ") for c in isi317)
