import json
import subprocess
import sys

import pytest

from lkjip_tui.cli import main


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "lkjip_tui", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", env=env)


def test_import_export_round_trip(fixture_path, fixture_json, tmp_path, capsys):
    db = tmp_path / "db.json"
    assert main(["import", str(fixture_path), "--db", str(db)]) == 0
    assert main(["export", "--format", "json", "--db", str(db), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert str(tmp_path / "out" / "lkjip-2021.json") in out
    # version 1 in, version 2 out: the same data, with (no) texts, the default outline, no pangkat
    fixture_json.update(version=2, narasi=[], garis_besar=None)
    fixture_json["instansi"]["kepala"]["pangkat"] = ""
    assert json.loads((tmp_path / "out" / "lkjip-2021.json").read_text(encoding="utf-8")) == fixture_json


def test_import_same_year_asks_for_replace(fixture_path, tmp_path, capsys):
    db = tmp_path / "db.json"
    assert main(["import", str(fixture_path), "--db", str(db)]) == 0
    before = db.read_bytes()
    assert main(["import", str(fixture_path), "--db", str(db)]) == 2
    assert "--replace" in capsys.readouterr().err
    assert db.read_bytes() == before
    assert main(["import", str(fixture_path), "--db", str(db), "--replace"]) == 0


def test_bad_bundle_refused_whole(fixture_json, tmp_path, capsys):
    db = tmp_path / "db.json"
    fixture_json["indikator"][2]["target"]["2021"] = "abc"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(fixture_json), encoding="utf-8")
    assert main(["import", str(bad), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert 'indikator[2].target.2021: "abc" bukan angka' in err
    assert "Traceback" not in err
    assert not db.exists() or "laporan" not in db.read_text(encoding="utf-8")


@pytest.mark.parametrize("isi, pesan", [(None, "tidak ditemukan"), (b"{oops", "JSON tidak sah"), (b"\xff\xfe", "UTF-8")])
def test_file_errors_one_line_exit_2(tmp_path, isi, pesan):
    f = tmp_path / "x.json"
    if isi is not None:
        f.write_bytes(isi)
    r = run("import", f, "--db", tmp_path / "db.json")
    assert r.returncode == 2
    assert pesan in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_broken_database_one_line(tmp_path):
    db = tmp_path / "db.json"
    db.write_text("{broken", encoding="utf-8")
    r = run("check", "--db", db)
    assert r.returncode == 2 and "rusak" in r.stderr and "Traceback" not in r.stderr
    assert db.read_text(encoding="utf-8") == "{broken"


def test_check_clean_and_dirty(fixture_path, fixture_json, tmp_path, capsys):
    db = tmp_path / "db.json"
    main(["import", str(fixture_path), "--db", str(db)])
    assert main(["check", "--db", str(db)]) == 0
    sub = fixture_json["program"][3]["kegiatan"][0]["subkegiatan"][0]
    sub["realisasi"] = sub["pagu"] + 1
    fixture_json["indikator"][1]["triwulan"]["2021"][1]["realisasi"] = None
    fixture_json["indikator"][0]["target"]["2021"] = 0
    bad = tmp_path / "b.json"
    bad.write_text(json.dumps(fixture_json), encoding="utf-8")
    main(["import", str(bad), "--db", str(db), "--replace"])
    capsys.readouterr()
    assert main(["check", "--db", str(db)]) == 1
    out = capsys.readouterr().out
    assert "melebihi pagu" in out
    assert "Indikator I2 (Persentase keluhan yang ditindaklanjuti): realisasi TW II belum diisi" in out
    assert "target 2021 bernilai 0" in out


def test_env_var_selects_database(fixture_path, tmp_path):
    import os
    env = dict(os.environ, LKJIP_DB=str(tmp_path / "env.json"))
    r = run("import", fixture_path, env=env)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "env.json").exists()


def test_help_and_version_in_indonesian():
    r = run("--help")
    assert r.returncode == 0 and "Pemakaian: lkjip" in r.stdout and "tampilkan bantuan" in r.stdout
    r = run("--version")
    assert r.returncode == 0 and r.stdout.startswith("lkjip ")
    r = run("--tidak-ada")
    assert r.returncode == 2 and "argumen tidak dikenal" in r.stderr


def test_empty_database_export_says_so(tmp_path):
    from store.repository import Repository

    with Repository(tmp_path / "kosong.json"):
        pass
    r = run("export", "--db", tmp_path / "kosong.json", "--out", tmp_path)
    assert r.returncode == 2 and "belum berisi data" in r.stderr


def test_bundle_given_as_database_is_refused_and_left_alone(fixture_path, tmp_path):
    salah = tmp_path / "bundle.json"
    salah.write_bytes(fixture_path.read_bytes())
    for args in (("check", "--db", salah), ("import", fixture_path, "--db", salah), ("export", "--db", salah)):
        r = run(*args)
        assert r.returncode == 2, r.stderr
        assert "bukan basis data lkjip" in r.stderr and "lkjip import" in r.stderr
        assert "Traceback" not in r.stderr
    assert salah.read_bytes() == fixture_path.read_bytes()


def test_demo_has_no_text_left_to_write(tmp_path, capsys):
    """Issue 19: the demo's document has no placeholder left, and `lkjip check` lists no missing text."""
    from store.demo import buat_demo

    db = buat_demo(tmp_path / "demo.json")
    main(["check", "--db", str(db)])  # (its exit status also counts other problems, e.g. a figure in a text)
    r = capsys.readouterr()
    assert "Diperiksa: tahun 2021." in r.err
    assert "belum diisi" not in r.out + r.err and "tempat kosong" not in r.out
    assert main(["export", "--db", str(db), "--format", "md", "--out", str(tmp_path / "out")]) == 0
    r = capsys.readouterr()
    assert "Dokumen laporan lengkap: tidak ada bagian kosong atau draf." in r.out + r.err
    assert "BELUM DIISI" not in (tmp_path / "out" / "laporan-2021.md").read_text(encoding="utf-8")


def test_check_lists_the_text_placeholders(fixture_path, tmp_path, capsys):
    db = tmp_path / "db.json"
    main(["import", str(fixture_path), "--db", str(db)])  # a version-1 bundle: no texts at all
    capsys.readouterr()
    assert main(["check", "--db", str(db)]) == 0  # an empty text is listed, not a wrong figure
    r = capsys.readouterr()
    assert "2021 · Teks Kata Pengantar: belum diisi; dokumen menampilkan tempat kosong" in r.out
    assert "2021 · Teks BAB I Pendahuluan › E. Landasan Hukum › Daftar landasan hukum: belum diisi" in r.out
    assert "2021 · Teks Tanggal penandatanganan: belum diisi" in r.out
    assert "bagian teks laporan belum diisi" in r.err

    from store import narasi
    from store.models import Teks
    from store.repository import Repository
    with Repository(db) as repo:
        lap = repo.muat(2021)
        for b in narasi.bagian_teks(lap):
            repo.simpan(2021, Teks(b.kunci, "Isi."))
        repo.simpan(2021, Teks("ttd.tempat", "Balikpapan"))
        repo.simpan(2021, Teks("ttd.tanggal", "25 Februari 2022"))
        repo.simpan(2021, Teks("sasaran.S1.penyebab", "", "draf dari angka"))
    assert main(["check", "--db", str(db)]) == 0
    r = capsys.readouterr()
    assert r.out.count("· Teks") == 1 and "penyebab keberhasilan" in r.out and "baru draf, belum diterima" in r.out
