"""The year last used (issue 17 case 4, issue 22 item 3): the app opens it again, `--tahun`
that does not exist is refused with the years there are, and `check`/`export` default to it
and say which year they worked on."""

from lkjip_tui import perintah
from lkjip_tui.cli import main
from store.keadaan import tahun_terakhir
from store.repository import Repository
from store.tahun import salin_laporan

from .util import SIZE


def _tambah_2022(db) -> None:
    with Repository(db) as r:
        r.simpan_laporan(salin_laporan(r.muat(2021), 2022))


async def test_the_year_switched_to_is_opened_again(buka, demo_db):
    _tambah_2022(demo_db)
    app = buka()
    assert app.tahun == 2022  # nothing remembered yet: the newest
    async with app.run_test(size=SIZE) as pilot:
        perintah.pilih_tahun(app)
        await pilot.pause()
        await pilot.press("up", "enter")
        await pilot.pause()
        assert app.tahun == 2021
        await pilot.press("ctrl+q")
    app.repo.close()
    assert tahun_terakhir(demo_db) == 2021
    assert buka().tahun == 2021


def test_app_refuses_a_year_that_is_not_there(demo_db, capsys):
    _tambah_2022(demo_db)
    assert main(["--db", str(demo_db), "--tahun", "2019"]) != 0
    err = capsys.readouterr().err
    assert "Tahun 2019 tidak ada" in err and "tersedia: 2021, 2022" in err


def test_check_and_export_use_the_year_last_used_and_name_it(demo_db, tmp_path, capsys):
    _tambah_2022(demo_db)
    with Repository(demo_db) as r:
        assert r.tahun_tersedia() == [2021, 2022]
    from store.keadaan import ingat_tahun
    ingat_tahun(demo_db, 2021)
    main(["check", "--db", str(demo_db)])
    out, err = capsys.readouterr()
    assert "Diperiksa: tahun 2021." in err
    assert all(baris.startswith("2021 · ") for baris in out.splitlines() if " · " in baris)
    assert main(["export", "--db", str(demo_db), "--format", "json", "--out", str(tmp_path / "x")]) == 0
    out, err = capsys.readouterr()
    assert "Tahun 2021 (Kecamatan Balikpapan Selatan): 1 berkas diekspor" in err
    assert [p.name for p in (tmp_path / "x").iterdir()] and "2021" in out
    main(["check", "--db", str(demo_db), "--semua"])
    assert "Diperiksa: tahun 2021, 2022." in capsys.readouterr().err
