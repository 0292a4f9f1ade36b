"""F6 ``i``: the budget import in the app, driven by keys (Pilot)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from textual.widgets import OptionList

from lkjip_tui.app import LkjipApp
from lkjip_tui.screens.impor_anggaran import PratinjauImpor
from lkjip_tui.widgets.formulir import Formulir
from store import audit
from store.repository import Repository
from tests.store.berkas_sipd import beri_kode, kode_sub, tulis_realisasi

from .util import SIZE


def _db(tmp_path, lap):
    subs = beri_kode(lap, 3)
    subs[2].kode = ""  # a subkegiatan still without its code
    db = tmp_path / "db.json"
    with Repository(db) as repo:
        repo.simpan_laporan(lap)
    berkas = tulis_realisasi(tmp_path / "realisasi.xlsx", [
        (kode_sub(1), subs[0].nama, "15 Januari 2021", 1_000_000, None),
        ("7.01.01.2.01.01", subs[0].nama, "3 Maret 2021", 500_000, None),
        (kode_sub(1), subs[0].nama, dt.date(2021, 3, 20), None, 200_000),
        (kode_sub(2), subs[1].nama, "28 Februari 2021", 2_000_000, None),
        (kode_sub(3), subs[2].nama, "2 Maret 2021", 750_000, None),  # matched by name, once confirmed
        ("7.01.01.2.01.0077", "Subkegiatan Baru", "1 Maret 2021", 10, None),
    ])
    return db, subs, berkas


def _baris(app) -> list[str]:
    ol = app.screen.query_one(OptionList)
    return [str(ol.get_option_at_index(i).prompt) for i in range(ol.option_count)]


def _ke(app, awal: str) -> None:
    """Put the preview's cursor on the line starting with ``awal`` (as the arrow keys would)."""
    ol = app.screen.query_one(OptionList)
    ol.highlighted = next(i for i, t in enumerate(_baris(app)) if t.startswith(awal))


def _sub(db, kode):
    with Repository(db, readonly=True) as r:
        lap = r.muat(2021)
    return next((s for _, _, s in lap.semua_subkegiatan() if s.kode == kode), None)


async def _buka_impor(pilot) -> None:
    """F6, then `i`: the import form."""
    await pilot.press("f6")
    await pilot.pause()
    await pilot.press("i")
    await pilot.pause()


async def test_impor_dari_f6_satu_langkah(lap, tmp_path):
    db, subs, berkas = _db(tmp_path, lap)
    repo = Repository(db)
    try:
        app = LkjipApp(repo)
        async with app.run_test(size=SIZE) as pilot:
            await _buka_impor(pilot)
            assert isinstance(app.screen, Formulir)
            await pilot.press(*str(berkas), "tab", "tab", *"30-06-2021", "enter")
            await pilot.pause()
            assert isinstance(app.screen, PratinjauImpor)
            teks = "\n".join(_baris(app))
            assert "Berubah: 2 subkegiatan" in teks and "s.d. Mar - → 1.300.000" in teks
            assert "Tidak cocok (kodenya tidak ada di data tahun ini): 2" in teks
            assert "usul: beri kode ini ke" in teks

            _ke(app, f"  {kode_sub(3)} ")
            await pilot.press("b")  # confirm the name match: the subkegiatan takes the file's code
            await pilot.pause()
            _ke(app, "  7.01.01.2.01.0077 ")
            await pilot.press("a")  # add it under kegiatan 7.01.01.2.01
            await pilot.pause()
            teks = "\n".join(_baris(app))
            assert "Berubah: 4 subkegiatan" in teks and "Tidak cocok" not in teks
            assert _sub(db, "7.01.01.2.01.0077") is not None  # the added subkegiatan is kept

            n = len(audit.baca_riwayat(db))
            await pilot.press("t")
            await pilot.pause()
            assert not isinstance(app.screen, PratinjauImpor)
            assert _sub(db, kode_sub(1)).realisasi == Decimal(1_300_000)
            assert _sub(db, kode_sub(3)).realisasi_bulanan == {1: 0, 2: 0, 3: Decimal(750_000), 4: 0, 5: 0, 6: 0}
            riwayat = audit.baca_riwayat(db)
            assert len(riwayat) == n + 1 and "realisasi.xlsx" in riwayat[0]["keterangan"]

            await pilot.press("ctrl+z")  # one step undoes the whole import
            await pilot.pause()
            assert _sub(db, kode_sub(1)).realisasi == subs[0].realisasi
            assert _sub(db, kode_sub(3)) is None  # the code given from the file went back too
            assert _sub(db, "7.01.01.2.01.0077") is not None  # adding it was its own step
    finally:
        repo.close()


async def test_masalah_tidak_diterapkan_dan_peta_ditanya(lap, tmp_path):
    db, subs, _ = _db(tmp_path, lap)
    f = tmp_path / "kantor.csv"
    f.write_text(f"Kode;Uraian;Nilai\n{kode_sub(1)};x;-5\n{kode_sub(2)};y;10\n", encoding="utf-8")
    repo = Repository(db)
    try:
        app = LkjipApp(repo)
        async with app.run_test(size=SIZE) as pilot:
            await _buka_impor(pilot)
            await pilot.press(*str(f), "tab", "tab", *"31-03-2021", "enter")
            await pilot.pause()
            assert isinstance(app.screen, Formulir)  # the columns are asked once
            assert "Kolom yang ada: Kode; Uraian; Nilai" in str(app.screen.catatan)
            await pilot.press(*"Kode", "tab", *"Nilai", "enter")
            await pilot.pause()
            assert isinstance(app.screen, PratinjauImpor)
            teks = "\n".join(_baris(app))
            assert "MASALAH (1)" in teks and "baris 2: nilai negatif" in teks
            await pilot.press("t")
            await pilot.pause()
            assert isinstance(app.screen, PratinjauImpor)  # refused: nothing changed
            await pilot.press("escape")
            await pilot.pause()
        assert repo.peta_impor()  # remembered by the header
    finally:
        repo.close()
    assert _sub(db, kode_sub(1)).realisasi == subs[0].realisasi
    assert _sub(db, kode_sub(2)).realisasi == subs[1].realisasi


async def test_cocokkan_manual_dan_palet(lap, tmp_path):
    db, subs, berkas = _db(tmp_path, lap)
    lain = lap.program[1].kegiatan[0].subkegiatan[0]  # a subkegiatan of another program, no code
    repo = Repository(db)
    try:
        app = LkjipApp(repo)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"Impor pagu", "enter")
            await pilot.pause()
            assert isinstance(app.screen, Formulir)
            await pilot.press(*str(berkas), "enter")  # s.d. the last date in the file
            await pilot.pause()
            _ke(app, "  7.01.01.2.01.0077 ")
            await pilot.press("k")
            await pilot.pause()
            ol = app.screen.query_one(OptionList)
            ol.highlighted = next(i for i in range(ol.option_count)
                                  if lain.nama in str(ol.get_option_at_index(i).prompt))
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, PratinjauImpor)
            teks = "\n".join(_baris(app))
            assert f"7.01.01.2.01.0077 {lain.nama}" in teks and "kode (kosong) → 7.01.01.2.01.0077" in teks
            await pilot.press("t")
            await pilot.pause()
        s = _sub(db, "7.01.01.2.01.0077")
        assert s.nama == lain.nama and s.realisasi_bulanan == {1: 0, 2: 0, 3: Decimal(10)}
    finally:
        repo.close()


async def test_petunjuk_isian_impor_utuh_di_80x24(lap, tmp_path):
    """At 80x24 each field's hint is read whole: a cut hint ("kosong = tanggal terakhir di
    berka") leaves the clerk guessing what an empty date means."""
    from textual.widgets import Input

    db, _, _ = _db(tmp_path, lap)
    repo = Repository(db)
    try:
        app = LkjipApp(repo)
        async with app.run_test(size=SIZE) as pilot:
            await _buka_impor(pilot)
            assert isinstance(app.screen, Formulir)
            for inp in app.screen.query(Input):
                assert len(inp.placeholder) <= inp.content_region.width, inp.placeholder
    finally:
        repo.close()
