"""Symbols in Windows' legacy console: ✓ ✗ ⚠ ▶ and the eighth blocks fall back to ASCII;
"above 100 %" is never carried by ▶ alone."""

from decimal import Decimal

import pytest

from lkjip_tui import simbol
from lkjip_tui.widgets.bar import bar_teks
from lkjip_tui.widgets.tren import tren_teks

from .test_beranda import layar
from .util import SIZE

TAK_TERGAMBAR = set("✓✗⚠▶▏▎▍▌▋▊▉█░▁▂▃▄▅▆▇")


@pytest.mark.parametrize("env, windows, ascii_", [
    ({}, False, False),                              # Linux terminals draw them
    ({}, True, True),                                # conhost: the legacy console
    ({"WT_SESSION": "f00"}, True, False),            # Windows Terminal
    ({"TERM_PROGRAM": "vscode"}, True, False),       # VS Code's terminal
    ({"LKJIP_ASCII": "1"}, False, True),             # forced either way
    ({"LKJIP_ASCII": "0"}, True, False),
])
def test_legacy_console_detected(monkeypatch, env, windows, ascii_):
    for nama in ("WT_SESSION", "TERM_PROGRAM", "LKJIP_ASCII"):
        monkeypatch.delenv(nama, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setattr(simbol, "WINDOWS", windows)
    assert simbol.ascii_saja() is ascii_
    assert simbol.teks("✓ 3 berkas → folder") == ("v 3 berkas -> folder" if ascii_ else "✓ 3 berkas → folder")


def test_bar_and_trend_in_ascii(monkeypatch):
    monkeypatch.setenv("LKJIP_ASCII", "1")
    assert bar_teks(Decimal(50), 10).plain == "#####....."
    assert bar_teks(Decimal("95.95"), 10).plain == "#########="
    assert bar_teks(Decimal("220.40"), 4).plain == "###>"
    assert bar_teks(None, 4).plain == "...."
    t = tren_teks([Decimal(1), None, Decimal(3), Decimal(2)])
    assert t.plain == "_-#-" and t.spans  # styles kept
    assert not TAK_TERGAMBAR & set(simbol.teks("".join(simbol.ASCII)))


async def test_beranda_in_legacy_console_draws_no_boxes(monkeypatch, buka):
    monkeypatch.setenv("LKJIP_ASCII", "1")
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        teks = layar(app)
    assert not TAK_TERGAMBAR & set(teks), TAK_TERGAMBAR & set(teks)
    assert "95,95" in teks and "#########=" in teks  # the figure beside its bar
    baris = next(b for b in teks.splitlines() if "###>" in b)  # a sasaran above 100 %
    assert "," in baris.split("###>")[0]  # ... with its percentage printed before the bar
