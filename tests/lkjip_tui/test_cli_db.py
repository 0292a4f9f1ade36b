"""`--db` before the command is honoured by every command; reading commands refuse a missing
database; `--demo` honours --db and leaves nothing in the temp folder (issue 12 item 10)."""

import tempfile

import pytest

from lkjip_tui import app as app_modul
from lkjip_tui.cli import main
from store.demo import buat_demo


@pytest.fixture
def db(tmp_path):
    return buat_demo(tmp_path / "x.json")


@pytest.fixture
def lain(tmp_path, monkeypatch):
    """A default database elsewhere (LKJIP_DB) that must stay untouched."""
    p = tmp_path / "lain" / "bawaan.json"
    monkeypatch.setenv("LKJIP_DB", str(p))
    return p


@pytest.mark.parametrize("urutan", ["sebelum", "sesudah"])
def test_export_uses_db_given_before_or_after(db, lain, tmp_path, capsys, urutan):
    args = ["export", "--format", "json", "--out", str(tmp_path / "out")]
    argv = ["--db", str(db), *args] if urutan == "sebelum" else [*args, "--db", str(db)]
    assert main(argv) == 0
    assert (tmp_path / "out" / "lkjip-2021.json").is_file()
    assert not lain.exists()


def test_tahun_before_the_command_is_kept(db, tmp_path, capsys):
    assert main(["--db", str(db), "--tahun", "2020", "export", "--format", "json", "--out", str(tmp_path)]) == 2
    assert "Tahun 2020 tidak ada" in capsys.readouterr().err


def test_riwayat_and_check_use_db_given_before(db, lain, capsys):
    assert main(["--db", str(db), "check"]) in (0, 1)
    assert main(["--db", str(db), "riwayat"]) == 0
    assert not lain.exists()


@pytest.mark.parametrize("perintah", ["check", "export", "riwayat"])
def test_missing_database_is_an_error_not_a_clean_bill(tmp_path, capsys, perintah):
    hilang = tmp_path / "missing.json"
    assert main([perintah, "--db", str(hilang)]) == 2
    err = capsys.readouterr().err
    assert f"Basis data {hilang} tidak ada" in err and "Tidak ada masalah" not in err
    assert not hilang.exists()


@pytest.fixture
def tanpa_layar(monkeypatch):
    """The app's run replaced: records the database it was given."""
    dibuka = []

    def run(self, *a, **k):
        dibuka.append(self.repo.path)
        assert self.lap is not None and self.lap.tahun == 2021
        return None

    monkeypatch.setattr(app_modul.LkjipApp, "run", run)
    return dibuka


def test_demo_leaves_no_temp_folder(tmp_path, monkeypatch, tanpa_layar):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    assert main(["--demo"]) == 0
    assert tanpa_layar and str(tanpa_layar[0]).startswith(str(tmp))
    assert list(tmp.iterdir()) == []


def test_demo_with_db_writes_there_and_keeps_it(tmp_path, tanpa_layar, capsys):
    x = tmp_path / "demo-saya.json"
    assert main(["--demo", "--db", str(x)]) == 0
    assert tanpa_layar == [x] and x.is_file()
    assert str(x) in capsys.readouterr().out


def test_demo_never_overwrites_an_existing_database(db, tanpa_layar, capsys):
    isi = db.read_bytes()
    assert main(["--demo", "--db", str(db)]) == 2
    assert "sudah ada" in capsys.readouterr().err
    assert db.read_bytes() == isi and tanpa_layar == []


def test_check_flags_a_negative_realisasi(db, capsys):
    from decimal import Decimal

    from store.repository import Repository

    with Repository(db) as r:
        lap = r.muat(2021)
        ind = lap.cari_indikator("I1")
        ind.triwulan[2021][3].realisasi = Decimal(-5)
        r.simpan(2021, ind)
    assert main(["--db", str(db), "check"]) == 1
    assert "realisasi triwulan IV -5: nilai indikator tidak boleh negatif" in capsys.readouterr().out
