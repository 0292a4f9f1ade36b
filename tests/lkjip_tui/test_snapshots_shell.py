"""Snapshots at 80×24 of the screens built in the shell (Triwulan, Laporan) on the demo data."""

import shutil

import pytest

from lkjip_tui.app import LkjipApp
from store.repository import Repository


@pytest.fixture
def app_demo(demo_db, tmp_path):
    salinan = tmp_path / "salinan.json"
    shutil.copy(demo_db, salinan)
    repo = Repository(salinan)
    yield LkjipApp(repo)
    repo.close()


def test_snapshot_triwulan(snap_compare, app_demo):
    assert snap_compare(app_demo, terminal_size=(80, 24), press=["f4", "down", "down", "down", "right", "7", "8", ",", "5"])


def test_snapshot_laporan(snap_compare, app_demo):
    async def siap(pilot):
        await pilot.press("f9")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        pilot.app.screen.query_one("#lap-folder").value = "/tmp/lkjip-laporan-2021"

    assert snap_compare(app_demo, terminal_size=(80, 24), run_before=siap)
