import copy
import json
from decimal import Decimal

import pytest

from store.bundle import BundleTidakSah, baca_bundle, dump_bundle, ke_bundle, muat_json
from store.repository import Repository


def test_round_trip_through_database_is_identical(fixture_json, lap, db_path):
    with Repository(db_path) as repo:
        repo.simpan_laporan(lap)
    with Repository(db_path) as repo:
        again = repo.muat(2021)
    # The fixture is a version-1 bundle: it comes back as version 2 with no texts, the
    # default outline and no pangkat, and otherwise identical.
    v2 = copy.deepcopy(fixture_json)
    v2.update(version=2, narasi=[], garis_besar=None)
    v2["instansi"]["kepala"]["pangkat"] = ""
    assert ke_bundle(again) == v2
    assert json.loads(dump_bundle(again)) == v2


def test_numbers_are_exact_decimals(lap):
    assert lap.cari_indikator("I1").target[2021] == Decimal("83.16")
    assert isinstance(lap.evaluasi_akip[3].nilai[2019], Decimal)


def _tolak(data) -> list[str]:
    with pytest.raises(BundleTidakSah) as e:
        baca_bundle(data)
    return e.value.masalah


def test_bad_number_names_field(fixture_json):
    fixture_json["indikator"][2]["target"]["2021"] = "abc"
    assert _tolak(fixture_json) == ['indikator[2].target.2021: "abc" bukan angka']


def test_all_problems_listed(fixture_json):
    fixture_json["sasaran"][0]["tujuan"] = "T9"
    fixture_json["program"][1]["kegiatan"][0]["subkegiatan"][0]["pagu"] = -5
    fixture_json["indikator"][0]["arah"] = "naik"
    fixture_json["indikator"][1]["id"] = "I1"
    masalah = _tolak(fixture_json)
    assert 'sasaran[0].tujuan: tujuan "T9" tidak ada' in masalah
    assert "program[1].kegiatan[0].subkegiatan[0].pagu: -5 tidak boleh negatif" in masalah
    assert any(m.startswith("indikator[0].arah:") for m in masalah)
    assert 'indikator[1].id: "I1" dipakai lebih dari sekali' in masalah


@pytest.mark.parametrize("mutasi, awal", [
    (lambda b: b.update(format="lain"), "format"),
    (lambda b: b.update(version=3), "version: bundle versi 3 lebih baru"),
    (lambda b: b.update(tahun="dua ribu"), "tahun"),
    (lambda b: b["indikator"][0]["triwulan"]["2021"].pop(), "indikator[0].triwulan.2021: harus berisi 4"),
    (lambda b: b["pegawai"]["unit"][0]["jabatan"][0].update(laki_laki=1.5), "pegawai.unit[0].jabatan[0].laki_laki"),
    (lambda b: b["program"][0].update(sasaran="S7"), 'program[0].sasaran: sasaran "S7" tidak ada'),
    (lambda b: b["program"][0]["kegiatan"][0]["subkegiatan"][0].update(pagu=10**16), "program[0].kegiatan[0].subkegiatan[0].pagu"),
    (lambda b: b["indikator"][0].update(target=True), "indikator[0].target"),
])
def test_contract_violations(fixture_json, mutasi, awal):
    mutasi(fixture_json)
    assert any(m.startswith(awal) for m in _tolak(fixture_json))


def test_monthly_sum_must_match(fixture_json):
    sub = fixture_json["program"][0]["kegiatan"][0]["subkegiatan"][0]
    sub["realisasi_bulanan"] = {"1": 1000000, "2": 2911500}
    assert baca_bundle(copy.deepcopy(fixture_json))  # 3.911.500: matches
    sub["realisasi_bulanan"]["13"] = 1
    sub["realisasi_bulanan"]["2"] = 1
    masalah = _tolak(fixture_json)
    assert any("realisasi_bulanan.13: bulan harus 1 sampai 12" in m for m in masalah)
    assert any("tidak sama dengan jumlah realisasi bulanan" in m for m in masalah)


def test_file_level_errors(tmp_path):
    p = tmp_path / "b.json"
    p.write_bytes(b'{"format": ')
    with pytest.raises(BundleTidakSah, match="JSON tidak sah"):
        muat_json(p)
    p.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(BundleTidakSah, match="UTF-8"):
        muat_json(p)
    p.write_bytes(b"[" * 100000 + b"]" * 100000)
    with pytest.raises(BundleTidakSah, match="bersarang"):
        muat_json(p)
    p.write_text('{"a": NaN}', encoding="utf-8")
    with pytest.raises(BundleTidakSah, match="NaN"):
        muat_json(p)


def test_not_an_object():
    assert _tolak([1, 2]) == ["bundle: harus berupa objek"]
