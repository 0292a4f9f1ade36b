"""The document's own data (store/dokumen.py): dates as typed, the organisation as indented
lines, the bundle's optional keys (validated, written only when set) and the database row."""

from __future__ import annotations

import base64
import copy
import json

import pytest

from store import dokumen
from store.bundle import BundleTidakSah, baca_bundle, ke_bundle
from store.demo import demo_laporan
from store.models import UnitOrganisasi
from store.repository import Repository
from store.tahun import salin_laporan

PNG_KECIL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


@pytest.mark.parametrize("teks,iso", [("04-01-2021", "2021-01-04"), ("2021-01-04", "2021-01-04"),
                                      ("4 Januari 2021", "2021-01-04"), ("Januari 2021", "2021-01"),
                                      ("  sep 2019 ", "2019-09"), ("3/9/2019", "2019-09-03"), ("", "")])
def test_tanggal_as_typed(teks, iso):
    assert dokumen.baca_tanggal(teks) == iso


@pytest.mark.parametrize("teks,pesan", [("31-02-2021", "tidak ada di kalender"), ("Janu 2021", "bulan"),
                                        ("kemarin", "tidak dikenal")])
def test_tanggal_refused_with_reason(teks, pesan):
    with pytest.raises(ValueError, match=pesan):
        dokumen.baca_tanggal(teks)


def test_tulis_tanggal():
    assert dokumen.tulis_tanggal("2021-01") == "Januari 2021"
    assert dokumen.tulis_tanggal("2019-09-03") == "3 September 2019"


def test_susunan_round_trips_through_the_forms_text():
    unit = demo_laporan().organisasi
    teks = dokumen.tulis_susunan(unit)
    assert teks.splitlines()[:3] == ["Camat", "  Sekretariat", "    Kepala Subbagian Umum"]
    assert dokumen.baca_susunan(teks) == unit


def test_susunan_reads_tabs_and_dashes():
    assert dokumen.baca_susunan("Camat\n\t- Sekretariat\n\t\tSubbag Umum\n\tLurah\n") == [
        UnitOrganisasi("Camat"), UnitOrganisasi("Sekretariat", 0), UnitOrganisasi("Subbag Umum", 1),
        UnitOrganisasi("Lurah", 0)]


def test_organisasi_rule_names_the_unit():
    salah = dokumen.periksa_organisasi([UnitOrganisasi("Camat", 1), UnitOrganisasi(" ", 0)])
    assert salah == ['unit ke-1 "Camat": atasan 1 harus nomor unit di atasnya (0 sampai -1)', "unit ke-2: nama kosong"]


def test_logo_only_png_and_small():
    assert dokumen.logo_png(dokumen.baca_logo(PNG_KECIL)) == PNG_KECIL
    with pytest.raises(ValueError, match="PNG"):
        dokumen.baca_logo(b"GIF89a")
    with pytest.raises(ValueError, match="terlalu besar"):
        dokumen.baca_logo(PNG_KECIL + b"\0" * dokumen.MAKS_LOGO)


def test_bundle_without_the_keys_writes_none(fixture_json):
    keluar = ke_bundle(baca_bundle(fixture_json))
    assert not {"organisasi", "perjanjian_kinerja", "sk_iku", "logo"} & set(keluar)


def test_bundle_round_trip_with_every_key():
    lap = demo_laporan()
    lap.logo = dokumen.baca_logo(PNG_KECIL)
    data = ke_bundle(lap)
    kembali = baca_bundle(json.loads(json.dumps(data)))
    assert (kembali.organisasi, kembali.perjanjian, kembali.sk_iku, kembali.logo) == (
        lap.organisasi, lap.perjanjian, lap.sk_iku, lap.logo)


@pytest.mark.parametrize("jalur,nilai,pesan", [
    (("organisasi", 1, "induk"), 5, "organisasi: unit ke-2"),
    (("organisasi", 1, "induk"), "Camat", "organisasi[1].induk"),
    (("perjanjian_kinerja", "tanggal"), "Jan", "perjanjian_kinerja.tanggal"),
    (("sk_iku", "penetap", "nama"), 7, "sk_iku.penetap.nama"),
    (("logo",), "bukan base64!", "logo: bukan base64"),
    (("logo",), base64.b64encode(b"GIF89a").decode(), "logo: logo harus berkas PNG"),
])
def test_bundle_refuses_bad_values_with_their_path(jalur, nilai, pesan):
    data = copy.deepcopy(ke_bundle(demo_laporan()))
    data["logo"] = base64.b64encode(PNG_KECIL).decode()
    x = data
    for k in jalur[:-1]:
        x = x[k]
    x[jalur[-1]] = nilai
    with pytest.raises(BundleTidakSah) as e:
        baca_bundle(data)
    assert any(m.startswith(pesan) for m in e.value.masalah), e.value.masalah


def test_stored_with_the_year_and_a_new_year_has_no_pk(db_path):
    lap = demo_laporan()
    with Repository(db_path) as repo:
        repo.simpan_laporan(lap)
        lap.sk_iku.nomor = "188.4/200/Balsel"
        repo.simpan_kepala(lap)
    with Repository(db_path) as repo:
        again = repo.muat(2021)
    assert again.organisasi == lap.organisasi and again.perjanjian == lap.perjanjian
    assert again.sk_iku.nomor == "188.4/200/Balsel"
    baru = salin_laporan(again, 2022)
    assert baru.perjanjian is None and baru.organisasi == lap.organisasi and baru.sk_iku == again.sk_iku


def test_schema_3_file_migrates(db_path):
    with Repository(db_path) as repo:
        repo.simpan_laporan(demo_laporan())
    with Repository(db_path) as repo:
        repo.kompaksi()
    raw = json.loads(db_path.read_text(encoding="utf-8"))
    raw["_meta"] = {"1": {"skema": 3}}
    for doc in raw["laporan"].values():
        doc.pop("dokumen")
    db_path.write_text(json.dumps(raw), encoding="utf-8")
    with Repository(db_path) as repo:
        lap = repo.muat(2021)
    assert lap.organisasi == [] and lap.perjanjian is None and lap.logo is None
    assert json.loads(db_path.read_text(encoding="utf-8"))["_meta"]["1"]["skema"] == 4
