"""The control-character rule (store/teks.py) and its use at import (issue 10, item 5)."""

from __future__ import annotations

import json

import pytest

from store.bundle import BundleTidakSah, baca_bundle, muat_json
from store.teks import alasan_teks, aman, periksa_teks

JAHAT = ["\x1b[2J", "\x07", "\x00", "\r", "\u202e", "\u2066", "\u200f", "\x85", "\u2028", "\x7f"]


@pytest.mark.parametrize("c", JAHAT)
def test_kendali_ditolak_dengan_posisi(c):
    alasan = alasan_teks(f"ab{c}cd")
    assert alasan and f"U+{ord(c[0]):04X}" in alasan and "posisi 3" in alasan
    with pytest.raises(ValueError):
        periksa_teks(f"ab{c}cd", multi_baris=True)
    assert "<U+" in aman(f"ab{c}") and c[0] not in aman(f"ab{c}")


def test_baris_baru_dan_tab_hanya_di_teks_multi_baris():
    assert alasan_teks("a\nb") and alasan_teks("a\tb")
    assert alasan_teks("a\nb\tc", multi_baris=True) is None
    assert alasan_teks("Kecamatan Balikpapan Selatan — 95,95 % ≥ target") is None


@pytest.mark.parametrize("jalur,c", [
    ("instansi.nama", "\x1b]0;judul\x07"), ("program.0.nama", "\u202e"), ("instansi.visi", "\r"),
    ("tujuan.0.indikator.0", "\n"), ("instansi.misi.0", "\x00"),
])
def test_impor_menolak_kendali(fixture_json, tmp_path, jalur, c):
    d = fixture_json
    *jalan, akhir = jalur.split(".")
    x = d
    for k in jalan:
        x = x[int(k)] if k.isdigit() else x[k]
    akhir = int(akhir) if akhir.isdigit() else akhir
    x[akhir] = "Nama " + c + " sisa"
    with pytest.raises(BundleTidakSah) as e:
        baca_bundle(d)
    assert any(f"U+{ord(c[0]):04X}" in m for m in e.value.masalah), e.value.masalah


def test_impor_multi_baris_boleh_baris_baru(fixture_json):
    fixture_json["instansi"]["visi"] = "Baris satu\nBaris dua"
    assert baca_bundle(fixture_json).instansi.visi == "Baris satu\nBaris dua"


def test_kunci_ganda_ditolak(tmp_path):
    p = tmp_path / "b.json"
    p.write_text('{"format": "lkjip-bundle", "tahun": 2021, "tahun": 2022}', encoding="utf-8")
    with pytest.raises(BundleTidakSah, match='kunci "tahun" muncul lebih dari sekali'):
        muat_json(p)


def test_cli_impor_kendali_satu_pesan_tanpa_kendali_di_layar(fixture_json, tmp_path, capsys):
    from lkjip_tui import cli
    fixture_json["instansi"]["nama"] = "Kec\x1b[31m merah"
    p = tmp_path / "b.json"
    p.write_text(json.dumps(fixture_json), encoding="utf-8")
    assert cli.main(["import", str(p), "--db", str(tmp_path / "db.json")]) == 2
    cap = capsys.readouterr()
    assert "U+001B" in cap.err and "\x1b" not in cap.err + cap.out


def test_riwayat_lama_berisi_kendali_tidak_sampai_ke_terminal(repo_demo, db_path, capsys):
    from lkjip_tui import cli
    repo_demo.close()
    with open(db_path.with_name(db_path.name + ".riwayat.jsonl"), "a", encoding="utf-8") as f:
        f.write(json.dumps({"waktu": "2021-01-01T00:00:00", "pengguna": "x\x1b]0;y\x07", "tahun": [2021],
                            "perubahan": [{"tabel": "program", "aksi": "tambah", "nama": "P\u202eQ"}]}) + "\n")
    assert cli.main(["riwayat", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "<U+001B>" in out and "<U+202E>" in out and "\x1b" not in out and "\u202e" not in out


def test_check_melaporkan_kendali_dari_versi_lama(lap):
    from store.check import periksa
    lap.program[0].nama = "Program\x1b[2J"
    lap.instansi.misi[0] = "Misi \u202e"
    masalah = [m for m in periksa(lap) if m.jenis == "teks-kendali"]
    assert [m.lokasi for m in masalah] == ["instansi.misi[0]", "program[0].nama"]
    assert "U+001B" in masalah[1].pesan


def test_pola_terkompilasi_sama_dengan_aturan_per_karakter():
    """The compiled classes (the fast path of alasan_teks, aman and check) refuse exactly the
    characters the per-character rule refuses, over every code point."""
    from store.teks import TERLARANG, TERLARANG_MULTI, _terlarang
    for n in range(0x110000):
        c = chr(n)
        assert (TERLARANG.search(c) is not None) == _terlarang(c), hex(n)
        assert (TERLARANG_MULTI.search(c) is not None) == (_terlarang(c) and c not in "\n\t"), hex(n)


def test_check_menyebut_jalur_di_kamus_dan_daftar(lap):
    from store.check import periksa_teks_kendali
    sub = next(s for _, _, s in lap.semua_subkegiatan())
    lap.indikator[1].iku.sumber_data = "BPS\x07"
    lap.tujuan[0].indikator[0] = "x\u2028y"
    sub.nama = "Sub\x00"
    lap.program[0].nama = "baris\nbaru\tdan tab"  # allowed in any text check looks at
    lokasi = [m.lokasi for m in periksa_teks_kendali(lap)]
    assert lokasi == ["tujuan[0].indikator[0]", "indikator[1].iku.sumber_data", "program[0].kegiatan[0].subkegiatan[0].nama"]


def test_mungkin_kendali_json_menemukan_setiap_karakter_terlarang():
    """Every character a multi-line text refuses is seen in the JSON bytes that hold it, as
    lkjip writes them (UTF-8, escapes only for C0) and as another tool may (all escaped); a
    database without one is told apart from one with, so `lkjip check` skips its text walk."""
    import json

    from store.teks import TERLARANG_MULTI, mungkin_kendali_json
    terlarang = [chr(n) for n in range(0x110000) if TERLARANG_MULTI.search(chr(n))]
    assert len(terlarang) > 2000  # C0, DEL, C1, U+2028/9, surrogates, bidi
    for c in terlarang:
        for ascii_saja in (False, True):
            # between ASCII, and between other characters of several bytes (found among the non-ASCII bytes alone)
            for nama in (f"Dinas {c} Kota", f"é“{c}”²Â"):
                teks = json.dumps({"nama": nama}, ensure_ascii=ascii_saja)
                assert mungkin_kendali_json(teks.encode("utf-8", "surrogatepass")), hex(ord(c))
    bersih = {"nama": "Capaian “baik” – naik ≥ 5 % (é, ü, ²)", "isi": "baris\nbaru\tdan \"kutip\" \\ garis"}
    assert not mungkin_kendali_json(json.dumps(bersih, ensure_ascii=False).encode())
    assert not mungkin_kendali_json(json.dumps({"nama": "Dinas Kota"}).encode())
