"""Every screen survives a year creation and a year switch, also when it was opened before
(issue 12: F7, F8 n Enter, F7 crashed with DuplicateIds 'grid-akip')."""

import pytest

from lkjip_tui.app import LAYAR

from .util import SIZE

KUNCI = [k for k, *_ in LAYAR]


async def kunjungi_semua(app, pilot, tahun: int) -> None:
    for k, mode, *_ in LAYAR:
        await pilot.press(k)
        await pilot.pause()
        assert app.current_mode == mode
        assert app.is_running
        assert str(tahun) in app.screen.query_one("#judul").judul


async def test_every_screen_after_year_creation_and_switch(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await kunjungi_semua(app, pilot, 2021)
        await pilot.press("f8", "n")
        await pilot.pause()
        await pilot.press("enter")        # new year 2022, copied from 2021
        await pilot.pause()
        assert app.tahun == 2022
        await kunjungi_semua(app, pilot, 2022)
        await pilot.press("f8", "t")
        await pilot.pause()
        await pilot.press("home", "enter")  # back to 2021
        await pilot.pause()
        assert app.tahun == 2021
        await kunjungi_semua(app, pilot, 2021)


@pytest.mark.parametrize("kunci", KUNCI)
async def test_screen_open_while_year_created(buka, kunci):
    """The screen the user looks at while a year appears (F7 F8 n Enter F7)."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(kunci, "f8", "n")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(kunci)
        await pilot.pause()
        assert app.is_running and app.tahun == 2022
        await pilot.press("f8", "t")
        await pilot.pause()
        await pilot.press("home", "enter", kunci)
        await pilot.pause()
        assert app.is_running and app.tahun == 2021


async def test_year_created_in_f8_reads_as_created_in_riwayat(buka, demo_db):
    """F8 n Enter makes a year; riwayat says so (and from which year), not "impor tahun 2022",
    which reads as if a file had been imported."""
    from store import audit

    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8", "n")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.tahun == 2022
    baris = audit.baca_riwayat(demo_db)[0]["keterangan"]
    assert baris == "buat tahun 2022 (disalin dari 2021)"
