"""What a bundle may carry (issue 18 items 5-9): year keys in another spelling, numbers that
import but break the app later, texts and lists without limits, inputs that gave a traceback."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest

from lkjip_tui import cli
from store import aturan
from store.bundle import BundleTidakSah, baca_bundle, dump_bundle, ke_bundle, muat_json


def _tolak(data) -> str:
    with pytest.raises(BundleTidakSah) as e:
        baca_bundle(data)
    return "\n".join(e.value.masalah)


def _json(tmp_path, teks: str):
    p = tmp_path / "b.json"
    p.write_text(teks, encoding="utf-8")
    return muat_json(p)


# ---------------------------------------------------------------- 5. keys meaning the same thing
@pytest.mark.parametrize("letak", ["target", "realisasi", "standar_nasional", "triwulan", "akip"])
def test_tahun_dua_ejaan_ditolak(fixture_json, letak):
    ind = fixture_json["indikator"][0]
    if letak == "triwulan":
        ind["triwulan"]["02021"] = ind["triwulan"]["2021"]
        jalur = "indikator[0].triwulan.02021"
    elif letak == "akip":
        nilai = fixture_json["evaluasi_akip"]["komponen"][0]["nilai"]
        nilai["02019"] = 1
        jalur = "evaluasi_akip.komponen[0].nilai.02019"
    else:
        ind[letak] = {"2024": 70, "02024": 95}
        jalur = f"indikator[0].{letak}.02024"
    teks = _tolak(fixture_json)
    assert f"{jalur}: tahun" in teks and "sudah ada" in teks, teks


def test_tahun_angka_lain_bukan_tahun(fixture_json):
    fixture_json["indikator"][0]["target"] = {"٢٠٢٤": 70}  # Arabic-Indic digits: int() would read 2024
    assert "indikator[0].target.٢٠٢٤" in _tolak(fixture_json)


def test_tahun_target_ganda_ditolak(fixture_json):
    fixture_json["renstra"]["tahun_target"] = [2021, "2021"]
    assert "renstra.tahun_target[1]: tahun 2021 muncul lebih dari sekali" in _tolak(fixture_json)


# ---------------------------------------------------------------- 6. one rule for numbers
NILAI_RUSAK = ["1e999999", "1e-999999", "0." + "1" * 200, "1" * 30, "1234567890123.5", "12345678901.123456", "0.1234567"]


@pytest.mark.parametrize("v", NILAI_RUSAK)
def test_angka_indikator_yang_merusak_ditolak(fixture_json, tmp_path, v):
    teks = json.dumps(fixture_json).replace('"2021": 83.16', f'"2021": {v}', 1)
    assert f'"2021": {v}' in teks
    assert "indikator[0].target.2021" in _tolak(_json(tmp_path, teks))


@pytest.mark.parametrize("v", ["1e30", "1.005", "999999999999999.5", "1e-50", "0E-999999", "1." + "0" * 5000])
def test_angka_rupiah_yang_merusak_ditolak(fixture_json, tmp_path, v):
    teks = json.dumps(fixture_json).replace('"pagu": 10000000', f'"pagu": {v}', 1)
    assert "program[0].kegiatan[0].subkegiatan[0].pagu" in _tolak(_json(tmp_path, teks))


@pytest.mark.parametrize("v", ["1e5", "30.12345"])
def test_angka_akip_yang_merusak_ditolak(fixture_json, tmp_path, v):
    teks = json.dumps(fixture_json).replace('"bobot": 30', f'"bobot": {v}', 1)
    assert "evaluasi_akip.komponen[0].bobot" in _tolak(_json(tmp_path, teks))


def test_angka_yang_lolos_selalu_dapat_diekspor(fixture_json, tmp_path):
    """At the limits of each kind a value imports and writes back to the same bundle."""
    fixture_json["indikator"][0]["target"]["2021"] = Decimal("999999999999.123")  # 15 digits
    fixture_json["program"][0]["kegiatan"][0]["subkegiatan"][0]["pagu"] = Decimal("9999999999999.99")
    fixture_json["evaluasi_akip"]["komponen"][0]["bobot"] = Decimal("30.1234")
    lap = baca_bundle(fixture_json)
    ulang = baca_bundle(_json(tmp_path, dump_bundle(lap)))
    assert ke_bundle(ulang) == ke_bundle(lap)


def test_aturan_angka_sama_untuk_form_dan_impor():
    # the grid and forms ask these (store/aturan.py); import asks alasan_angka with the same kinds
    assert aturan.alasan_rupiah(Decimal("1.005")) == aturan.alasan_angka(Decimal("1.005"), aturan.RUPIAH)
    assert "di belakang koma" in aturan.alasan_rupiah(Decimal("1.005"))
    assert "terlalu besar" in aturan.alasan_indikator(Decimal("1e999999"))
    assert "di belakang koma" in aturan.alasan_indikator(Decimal("1e-999999"))
    assert "terlalu besar" in aturan.alasan_bobot(Decimal("1e5"))
    assert "di belakang koma" in aturan.alasan_nilai_akip(Decimal("1.00001"))
    assert aturan.alasan_indikator(Decimal("95.95")) is None
    assert aturan.alasan_rupiah(Decimal("7303930952")) is None


def test_skala_pengaturan_memakai_aturan_yang_sama():
    from lkjip_tui.widgets.pembaca_pengaturan import baca_band
    with pytest.raises(ValueError, match="terlalu besar"):
        baca_band("Tinggi >= 1" + "0" * 14)


# ---------------------------------------------------------------- 7. every text and list limited
def test_butir_misi_dan_indikator_tujuan_dibatasi_panjangnya(fixture_json):
    fixture_json["instansi"]["misi"] = ["x" * 10_001]
    fixture_json["tujuan"][0]["indikator"] = ["y" * 10_001]
    teks = _tolak(fixture_json)
    assert "instansi.misi[0]: teks terlalu panjang" in teks
    assert "tujuan[0].indikator[0]: teks terlalu panjang" in teks


@pytest.mark.parametrize("letak", ["misi", "indikator_tujuan", "tahun_target", "program"])
def test_daftar_dibatasi(fixture_json, letak):
    if letak == "misi":
        fixture_json["instansi"]["misi"] = ["m"] * (aturan.MAKS_BUTIR + 1)
        jalur = "instansi.misi"
    elif letak == "indikator_tujuan":
        fixture_json["tujuan"][0]["indikator"] = ["i"] * (aturan.MAKS_BUTIR + 1)
        jalur = "tujuan[0].indikator"
    elif letak == "tahun_target":
        fixture_json["renstra"]["tahun_target"] = [2021] * (aturan.MAKS_BUTIR + 1)
        jalur = "renstra.tahun_target"
    else:
        fixture_json["program"] = fixture_json["program"] * (aturan.MAKS_DAFTAR // len(fixture_json["program"]) + 1)
        jalur = "program"
    assert f"{jalur}: terlalu banyak butir" in _tolak(fixture_json)


# ---------------------------------------------------------------- 8, 9. one line, not a traceback
def _impor(tmp_path, berkas, capsys) -> tuple[int, str]:
    kode = cli.main(["import", str(berkas), "--db", str(tmp_path / "db.json")])
    cap = capsys.readouterr()
    return kode, cap.out + cap.err


def test_bundle_tak_terbaca_satu_baris(tmp_path, capsys, monkeypatch):
    berkas = tmp_path / "b.json"
    berkas.write_text("{}")
    from pathlib import Path

    def tolak(self):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(Path, "read_bytes", tolak)
    kode, keluar = _impor(tmp_path, berkas, capsys)
    assert kode == 2 and "tidak dapat dibaca" in keluar and "Traceback" not in keluar


def test_bilangan_5000_angka_satu_baris(fixture_json, tmp_path, capsys):
    berkas = tmp_path / "b.json"
    berkas.write_text(json.dumps(fixture_json).replace('"pagu": 10000000', '"pagu": ' + "9" * 5000, 1))
    kode, keluar = _impor(tmp_path, berkas, capsys)
    assert kode == 2 and "terlalu panjang" in keluar and "Traceback" not in keluar


@pytest.mark.parametrize("versi", ["2.0", "1.0", "2e0", "true"])
def test_versi_bukan_bilangan_bulat_ditolak(fixture_json, tmp_path, versi):
    teks = json.dumps(fixture_json).replace('"version": 1', f'"version": {versi}', 1)
    assert f'"version": {versi}' in teks
    assert "version: harus 2" in _tolak(_json(tmp_path, teks))


# ---------------------------------------------------------------- 6. restore: the same rule
def test_pemulihan_dari_berkas_dengan_angka_rusak_ditolak(repo_demo, db_path, tmp_path, capsys):
    repo_demo.close()
    sumber = tmp_path / "lain.json"
    data = json.loads(db_path.read_text(encoding="utf-8"))
    baris = next(iter(data["subkegiatan"]))
    data["subkegiatan"][baris]["pagu"] = "1E+999999"
    data.pop("_jurnal", None)
    sumber.write_text(json.dumps(data), encoding="utf-8")
    sebelum = db_path.read_bytes()
    assert cli.main(["restore", "--db", str(db_path), "--dari", str(sumber)]) == 2
    keluar = capsys.readouterr().err
    assert f"tabel subkegiatan baris {baris} pagu" in keluar and "terlalu besar" in keluar, keluar
    assert db_path.read_bytes() == sebelum


def test_check_menyebut_angka_lama_yang_melanggar(lap):
    from store.check import periksa
    lap.program[0].pagu_murni = Decimal("1E+999999")
    sub = next(lap.semua_subkegiatan())[2]
    sub.realisasi_bulanan = {1: Decimal("0.001")}
    teks = "\n".join(map(str, periksa(lap)))
    assert "pagu murni 1E+999999: terlalu besar" in teks
    assert "realisasi bulan 1 0,001: Rupiah paling banyak 2 angka di belakang koma" in teks


# ---------------------------------------------------------------- ids: the forms' rule in the bundle too
@pytest.mark.parametrize("bagian", ["tujuan", "sasaran", "indikator", "program"])
def test_kode_dengan_spasi_atau_terlalu_panjang_ditolak_seperti_di_formulir(fixture_json, bagian):
    from store import aturan

    for salah in ("S 1", "X" * 13):
        b = copy.deepcopy(fixture_json)
        b[bagian][0]["id"] = salah
        with pytest.raises(BundleTidakSah) as e:
            baca_bundle(b)
        assert any(m.startswith(f"{bagian}[0].id") and aturan.alasan_id(salah) in m for m in e.value.masalah)
