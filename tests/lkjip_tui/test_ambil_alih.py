"""The app that was taken over (issue 18 item 1): its save is refused with the reason, it
turns read-only, and what was typed stays in the editor, also on a second Enter."""

import json
from decimal import Decimal
from pathlib import Path

from textual.widgets import Input, Static

from lkjip_tui.widgets.edit_grid import EditGrid

from .test_anggaran import ke_pagu_penyusunan, sub_db
from .util import SIZE, teks


async def test_diambil_alih_jadi_hanya_baca_dan_isian_tetap(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await ke_pagu_penyusunan(pilot)
        kunci = Path(f"{demo_db}.kunci")
        d = json.loads(kunci.read_text(encoding="utf-8"))
        kunci.write_text(json.dumps(dict(d, token="lkjip-lain", pengguna="sari", host="PC-KEUANGAN")),
                         encoding="utf-8")  # another lkjip took the database over
        await pilot.press(*"20.000.000", "enter")
        await pilot.pause()
        grid = app.screen.query_one("#grid-ang", EditGrid)
        assert app.hanya_baca and app.status == "HANYA-BACA"
        pesan = [n.message for n in app._notifications]
        assert any("diambil alih oleh sari di komputer PC-KEUANGAN" in p and "hanya-baca" in p for p in pesan)
        for _ in range(2):  # and once more: Enter again keeps it too
            assert grid.sedang_edit
            assert grid.query_one("#input-edit", Input).value == "20.000.000"
            assert "belum tersimpan" in teks(grid.query_one("#dibaca", Static))
            await pilot.press("enter")
            await pilot.pause()
    assert sub_db(demo_db).pagu == Decimal(10_000_000)
    assert json.loads(Path(f"{demo_db}.kunci").read_text(encoding="utf-8"))["token"] == "lkjip-lain"

