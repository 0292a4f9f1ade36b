"""F8 Atur's document rows: organisation structure, the year's PK, the IKU decree, the logo.
Each is entered in a form, checked by store/dokumen's rules, saved at once and undone by ctrl+z."""

from __future__ import annotations

import base64

from lkjip_tui.widgets.formulir import Formulir
from store.models import UnitOrganisasi
from store.repository import Repository

from .test_pengaturan import ke_baris, sel
from .util import SIZE, teks

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


async def _buka_form(pilot, app, key: str) -> None:
    await ke_baris(pilot, app, key)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, Formulir)


async def test_organisation_typed_as_indented_lines_saved_and_undone(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await _buka_form(pilot, app, "organisasi")
        app.screen.query_one("#isian-susunan").text = "Lurah\n  Sekretaris Kelurahan\n  Seksi Pemerintahan\n"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, Formulir)
        assert sel(app, "organisasi") == "3 unit: Lurah, Sekretaris Kelurahan, Seksi Pemerintahan"
        with Repository(demo_db, readonly=True) as r:
            assert r.muat(2021).organisasi == [UnitOrganisasi("Lurah"), UnitOrganisasi("Sekretaris Kelurahan", 0),
                                               UnitOrganisasi("Seksi Pemerintahan", 0)]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert sel(app, "organisasi").startswith("12 unit: Camat, Sekretariat")
    with Repository(demo_db, readonly=True) as r:
        assert len(r.muat(2021).organisasi) == 12


async def test_organisation_line_indented_under_nothing_refused(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await _buka_form(pilot, app, "organisasi")
        app.screen.query_one("#isian-susunan").text = "    Camat\n  Sekretariat\n"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Formulir)
        assert 'baris 2 "Sekretariat": menjorok tanpa unit atasan' in teks(app.screen.query_one("#galat-form"))


async def test_pk_date_checked_then_saved_with_its_signatories(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await _buka_form(pilot, app, "pk")
        await pilot.press("down", "ctrl+u", *"32-01-2021", "enter")
        await pilot.pause()
        assert "Tanggal: tanggal \"32-01-2021\" tidak ada di kalender" in teks(app.screen.query_one("#galat-form"))
        await pilot.press("ctrl+u", *"04-01-2021", "down", "down", "down", "ctrl+u", *"123", "enter")
        await pilot.pause()
        assert "Pihak Pertama: NIP: NIP terdiri dari 18 angka" in teks(app.screen.query_one("#galat-form"))
        await pilot.press("ctrl+u", "enter")
        await pilot.pause()
        assert sel(app, "pk") == "4 Januari 2021 · Muhammad Idris · H.M. Rizal Effendi, SE"
    with Repository(demo_db, readonly=True) as r:
        pk = r.muat(2021).perjanjian
    assert pk.tanggal == "2021-01-04" and pk.pihak_pertama.nip is None and pk.pihak_kedua.jabatan == "Wali Kota Balikpapan"


async def test_pk_of_a_year_without_one_starts_from_todays_head(buka, demo_db):
    with Repository(demo_db) as r:
        lap = r.muat(2021)
        lap.perjanjian = None
        r.simpan_kepala(lap)
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await _buka_form(pilot, app, "pk")
        assert app.screen.query_one("#isian-p1_nama").value == "Heruressandi Setia Kesuma"
        assert app.screen.query_one("#isian-tempat").value == "Balikpapan"


async def test_logo_from_a_png_path_and_refused_otherwise(buka, demo_db, tmp_path):
    (tmp_path / "logo.png").write_bytes(PNG)
    (tmp_path / "logo.gif").write_bytes(b"GIF89a")
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await _buka_form(pilot, app, "logo")
        await pilot.press(*str(tmp_path / "logo.gif"), "enter")
        await pilot.pause()
        assert "logo harus berkas PNG" in teks(app.screen.query_one("#galat-form"))
        await pilot.press("ctrl+u", *str(tmp_path / "tidak-ada.png"), "enter")
        await pilot.pause()
        assert "tidak ada" in teks(app.screen.query_one("#galat-form"))
        await pilot.press("ctrl+u", *str(tmp_path / "logo.png"), "enter")
        await pilot.pause()
        assert sel(app, "logo") == "PNG 1 KB"
    with Repository(demo_db, readonly=True) as r:
        assert base64.b64decode(r.muat(2021).logo) == PNG


async def test_sk_iku_emptied_is_removed(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await _buka_form(pilot, app, "sk_iku")
        for _ in range(6):
            await pilot.press("ctrl+u", "down")
        await pilot.press("enter")
        await pilot.pause()
        assert sel(app, "sk_iku") == "- (belum diisi)"
    with Repository(demo_db, readonly=True) as r:
        assert r.muat(2021).sk_iku is None
