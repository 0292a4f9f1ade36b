"""Beranda (F2): the first screen, read-only, drawn from the calc engine."""

from datetime import date
from decimal import Decimal
from io import StringIO

from rich.console import Console

from bench.synth import buat_laporan_kota
from lkjip_tui.screens.beranda import belum_diisi, kuartal_berjalan, tahun_tren
from lkjip_tui.widgets.bar import bar_teks
from lkjip_tui.widgets.daftar import Daftar
from lkjip_tui.widgets.tren import tren_teks
from store.models import Indikator, Kegiatan, Laporan, Program, Subkegiatan
from store.repository import Repository

from .util import SIZE, TINDAK_LANJUT, kosongkan


def polos(widget, lebar: int = 78) -> str:
    """Plain text of what a Static or a Daftar shows."""
    if isinstance(widget, Daftar):
        return widget.teks(lebar)
    con = Console(width=lebar, file=StringIO(), color_system=None)
    with con.capture() as cap:
        con.print(widget.content)
    return cap.get()


def layar(app) -> str:
    return "\n".join(polos(app.screen.query_one(s)) for s in ("#b-ringkas", "#b-capaian", "#b-anggaran", "#b-kurang"))


# ------------------------------------------------------------ helpers (pure)
def test_bar_reads_without_colour():
    assert bar_teks(Decimal(50), 10).plain == "█████░░░░░"
    assert bar_teks(Decimal("95.95"), 10).plain == "█████████▌"
    assert bar_teks(Decimal(100), 4).plain == "████"
    assert bar_teks(Decimal("220.40"), 4).plain == "███▶"      # above 100 %: marked, not only coloured
    assert bar_teks(None, 4).plain == "░░░░"
    assert bar_teks(Decimal(-5), 4).plain == "░░░░"


def test_tren_scales_between_min_and_max():
    assert tren_teks([Decimal(1), None, Decimal(5), Decimal(3)]).plain == "▁·█▄"
    assert tren_teks([Decimal(2), Decimal(2)]).plain == "▄▄"
    assert tren_teks([None, None]).plain == "··"


def test_kuartal_berjalan():
    assert kuartal_berjalan(2021, date(2026, 1, 5)) == 4
    assert kuartal_berjalan(2026, date(2026, 1, 5)) == 1
    assert kuartal_berjalan(2026, date(2026, 8, 31)) == 3
    assert kuartal_berjalan(2027, date(2026, 8, 31)) == 0


def test_belum_diisi_quarters_with_target_and_months(lap):
    assert belum_diisi(lap, 4) == []                     # the demo year is complete
    lap.cari_indikator("I2").triwulan[2021][1].realisasi = None
    lap.cari_indikator("I1").triwulan[2021][3].realisasi = None
    sub = lap.program[0].kegiatan[0].subkegiatan[0]
    sub.realisasi_bulanan = {b: Decimal(1000) for b in range(1, 7)}
    sub.realisasi_bulanan[2] = None
    kurang = belum_diisi(lap, 2)                         # up to TW II: I1 has no target before TW IV
    assert [(k.lokasi[:2], k.pesan) for k in kurang] == [("I2", "realisasi TW II"), ("P1", "realisasi Feb")]
    kurang = belum_diisi(lap, 4)
    assert ("I1", "realisasi TW IV") in [(k.lokasi[:2], k.pesan) for k in kurang]
    assert ("P1", "realisasi Feb, Jul, Agu, Sep, Okt, Nov, Des") in [(k.lokasi[:2], k.pesan) for k in kurang]
    assert belum_diisi(lap, 0) == []


def test_belum_diisi_subkegiatan_without_any_realisasi():
    lap = Laporan(2025, program=[Program("P1", "Program", "S1", None, [
        Kegiatan("K", [Subkegiatan("Sub A", Decimal(100)), Subkegiatan("Sub B", Decimal(0))])])])
    assert belum_diisi(lap, 1) == []                                   # no target yet: nothing expected
    lap.indikator.append(Indikator("I1", "S1", "Indikator", target={2025: Decimal(1)}))
    assert [k.lokasi for k in belum_diisi(lap, 1)] == ["P1 Sub A"]   # no pagu: nothing expected


def test_tren_years_include_the_report_year(lap):
    assert tahun_tren(lap) == [2017, 2018, 2019, 2020, 2021]
    lap.tahun = 2022
    assert tahun_tren(lap)[-1] == 2022


# ------------------------------------------------------------ the screen
async def test_dashboard_shows_the_spec_figures(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.MODE == "beranda"                  # the first screen
        ringkas = polos(app.screen.query_one("#b-ringkas"))
        assert "Kecamatan Balikpapan Selatan" in ringkas and "LKjIP tahun 2021" in ringkas
        assert "Capaian organisasi 159,19 % Sangat Tinggi" in ringkas
        assert "Serapan anggaran   85,15 % ████████▌░ 20.644.862.632 / 24.246.540.687" in ringkas
        assert "✓ Semua isian s.d. TW IV sudah diisi." in ringkas
        teks = layar(app)
        assert "97,98 █████████▊ Tinggi" in teks              # sasaran 1
        assert "220,40 █████████▶ Sangat Tinggi" in teks      # sasaran 2
        assert "95,95 █████████▌ Tdk tercapai  █▅▁▃▄" in teks  # I1 with its trend 2017–2021
        assert "47,86 ████▊░░░░░" in teks                     # program 4 serapan
        assert "Total" in teks and "24.246.540.687  85,15" in teks                # total


async def test_live_after_entry_elsewhere_and_undo(buka, demo_db):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("down", "down", "down", "right", *"78,5", "enter")   # F4 starts on I1 TW I target
        await pilot.press("f2")
        await pilot.pause()
        assert "Capaian organisasi 158,80 % Sangat Tinggi" in polos(app.screen.query_one("#b-ringkas"))
        assert "97,20" in layar(app) and "94,40" in layar(app)
        with Repository(demo_db, readonly=True) as r:
            assert r.muat(2021).cari_indikator("I1").triwulan[2021][3].realisasi == Decimal("78.5")
        await pilot.press("ctrl+z")                          # undo goes to the screen of the change
        await pilot.pause()
        assert app.current_mode == "triwulan"
        assert any(n.message.startswith("Diurungkan di Triwulan:") for n in app._notifications)
        await pilot.press("f2")
        await pilot.pause()
        assert "Capaian organisasi 159,19 %" in polos(app.screen.query_one("#b-ringkas"))
    with Repository(demo_db, readonly=True) as r:
        assert r.muat(2021).cari_indikator("I1").triwulan[2021][3].realisasi == Decimal("79.79")


async def test_missing_entries_listed(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        # I2 TW II realisasi: row 6 (I1 has 5 rows), column realisasi; clearing = not reported
        await pilot.press(*["down"] * 6, "right", "enter", "ctrl+u", "enter")
        await pilot.press("f2")
        await pilot.pause()
        assert "⚠ Belum diisi s.d. TW IV: 1 indikator, 0 subkegiatan" in polos(app.screen.query_one("#b-ringkas"))
        await pilot.press("b")                               # jumps to the list
        await pilot.pause()
        assert "I2 Persentase keluhan yang ditindaklanjuti: realisasi TW II" in polos(app.screen.query_one("#b-kurang"))
        assert app.screen.query_one("#b-daftar").scroll_y > 0


async def test_user_text_is_not_markup(buka):
    app = buka()
    app.lap.instansi.nama = "[b]Kecamatan[/b] Uji"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "[b]Kecamatan[/b] Uji · Kota Balikpapan" in polos(app.screen.query_one("#b-ringkas"))


async def test_empty_database_offers_the_first_year(buka, tmp_path):
    path = tmp_path / "kosong.json"
    app = buka(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = app.screen                                    # the first-year form is offered at once
        assert type(form).__name__ == "Formulir"
        await pilot.press("escape")
        await pilot.pause()
        assert "Basis data masih kosong" in polos(app.screen.query_one("#b-ringkas"))
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+u", *"2025", "down", *"Kelurahan Damai", "enter")
        await pilot.pause()
        assert app.lap is not None and app.lap.tahun == 2025
        assert "Kelurahan Damai · LKjIP tahun 2025" in polos(app.screen.query_one("#b-ringkas"))
        await pilot.press("ctrl+q")
    app.repo.close()
    app2 = buka(path)                                        # quit and reopen keeps the year
    assert app2.lap.instansi.nama == "Kelurahan Damai" and app2.lap.tahun == 2025


async def test_empty_readonly_database_says_so(buka, tmp_path):
    path = tmp_path / "kosong.json"
    Repository(path).close()
    app = buka(path, readonly=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.MODE == "beranda"                  # no form: nothing can be created
        assert "hanya-baca" in polos(app.screen.query_one("#b-ringkas"))


async def test_city_scale_first_paint_is_cheap(buka, tmp_path):
    path = tmp_path / "kosong.json"
    app = buka(path)
    app.lap = buat_laporan_kota(n_sub=10_000, n_indikator=200)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert len(list(app.screen.query("*"))) < 30        # lists are text, not thousands of widgets
        assert "I200 Indikator kinerja kota nomor 200" in polos(app.screen.query_one("#b-capaian"), 120)
        assert "P50 Program kota nomor 50" in polos(app.screen.query_one("#b-anggaran"), 120)


def test_snapshot_beranda(buka, demo_db, snap_compare):
    kosongkan(demo_db, TINDAK_LANJUT)  # the demo fills every part: one empty text part to list
    assert snap_compare(buka(), terminal_size=SIZE)


def test_snapshot_beranda_scrolled_to_missing(buka, demo_db, snap_compare):
    kosongkan(demo_db, TINDAK_LANJUT)  # the demo fills every part: one empty text part to list
    app = buka()
    app.lap.cari_indikator("I2").triwulan[2021][1].realisasi = None   # in memory only: one gap to list
    assert snap_compare(app, terminal_size=SIZE, press=["b"])


async def test_new_year_without_targets_expects_nothing_yet(buka):
    """Issue 12 item 12: a year just created said "0 indikator, 54 subkegiatan" were missing."""
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8", "n")
        await pilot.pause()
        await pilot.press("enter", "f2")
        await pilot.pause()
        assert app.tahun == 2022
        ringkas = polos(app.screen.query_one("#b-ringkas"))
        assert "Tahun 2022 belum punya target" in ringkas and "subkegiatan" not in ringkas
