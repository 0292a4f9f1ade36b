"""The app shell: screen keys, help, read-only offer, and random keystrokes that must not crash."""

import random

from textual import events
from textual.keys import _character_to_key

from lkjip_tui.app import LAYAR
from lkjip_tui.screens.bantuan import BantuanScreen
from lkjip_tui.screens.konfirmasi import KonfirmasiScreen
from store.bundle import baca_bundle, ke_bundle
from store.check import periksa_struktur
from store.repository import Repository

from .util import SIZE


async def test_every_screen_key_opens_its_screen(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        for key, mode, _ in LAYAR:
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == mode
            assert app.screen.MODE == mode


async def test_help_lists_keys_of_current_screen(buka):
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4", "f1")
        await pilot.pause()
        assert isinstance(app.screen, BantuanScreen)
        assert app.screen.judul == "Triwulan"
        assert ("ctrl+z / ctrl+y", "urungkan / ulangi perubahan (di layar tempat perubahan itu)") in __import__("lkjip_tui.screens.bantuan", fromlist=["UMUM"]).UMUM
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, BantuanScreen)


async def test_locked_database_offers_read_only(buka):
    app = buka(readonly=True, peringatan="Basis data sedang dipakai oleh budi@pc-kecamatan (pid 42).")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, KonfirmasiScreen)
        assert "budi@pc-kecamatan" in app.screen.pertanyaan
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and app.status == "HANYA-BACA"


async def test_locked_database_can_be_left(buka):
    app = buka(readonly=True, peringatan="Basis data sedang dipakai.")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 0


async def test_empty_database_every_screen_says_what_to_do(buka, tmp_path):
    app = buka(tmp_path / "kosong.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")  # skip the first-year form Beranda offers
        for key, mode, _ in LAYAR:
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == mode
        assert app.lap is None


KEYS = (["up", "down", "left", "right", "tab", "shift+tab", "enter", "escape", "backspace", "ctrl+z",
         "f1", "home", "end", "pageup", "pagedown", "space"]
        + [f"f{n}" for n in range(2, 10)] + list("0123456789,.-%") + list("aedmyn") + ["R", "p", "x"])


def tombol(k: str) -> events.Key:
    if len(k) == 1:
        return events.Key(_character_to_key(k), k)
    return events.Key(k, " " if k == "space" else None)


async def test_random_keystrokes_do_not_crash_and_leave_a_sound_database(buka, demo_db):
    rnd = random.Random(20211231)
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        # Keys arrive in bursts of 20, as from a fast typist, without waiting between them
        # (Pilot's per-key wait would make 2000 keys take minutes).
        for _ in range(100):
            for _ in range(20):
                app.post_message(tombol(rnd.choice(KEYS)))
            await pilot.pause()
            assert app.is_running
    app.repo.close()
    with Repository(demo_db, readonly=True) as repo:
        for t in repo.tahun_tersedia():
            lap = repo.muat(t)
            assert periksa_struktur(lap) == []
            baca_bundle(ke_bundle(lap))  # still honours the bundle contract


async def test_jurnal_disisihkan_saat_dibuka_diberitahukan(demo_db, buka):
    """A journal that does not belong to the snapshot is set aside on open; the app says where."""
    from decimal import Decimal

    from store.repository import Repository

    repo = Repository(demo_db)
    sub = next(repo.muat(2021).semua_subkegiatan())[2]
    sub.pagu = Decimal(5)
    repo.simpan(2021, sub)
    jurnal = repo.storage.jurnal_path()
    repo._kunci.lepas()  # killed
    jurnal.rename(jurnal.with_name(demo_db.name + ".jurnal-0badc0de"))
    app = buka()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pesan = [n.message for n in app._notifications]
        assert any("jurnal-0badc0de" in m and "disimpan sebagai" in m for m in pesan), pesan


# Run in a fresh interpreter: what the first paint imported, and what the background loaded after.
PERTAMA = """
import sys
from lkjip_tui.app import LAYAR, LkjipApp
from store.repository import Repository

LAYAR_LAIN = {f"lkjip_tui.screens.{m}" for _, m, _ in LAYAR if m != "beranda"}


class Ukur(LkjipApp):
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self.dilukis)

    def dilukis(self):
        print("dilukis", sorted(LAYAR_LAIN & set(sys.modules)))
        self.selesai()

    def selesai(self):
        if not self.termuat.is_set():  # the loading thread starts a frame after this one
            self.set_timer(0.01, self.selesai)
            return
        print("sesudah", sorted(LAYAR_LAIN - set(sys.modules)), "exports.builders" in sys.modules)
        self.exit()


with Repository(sys.argv[1]) as repo:
    Ukur(repo).run(headless=True, size=(80, 24))
"""


def test_the_first_screen_is_painted_before_the_others_are_imported_and_they_follow_in_the_background(demo_db):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-c", PERTAMA, str(demo_db)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "dilukis []" in r.stdout  # none of the eight other main screens was needed to paint Beranda
    assert "sesudah [] True" in r.stdout  # all of them, and F9's preview modules, loaded once it was painted


def test_every_mode_has_its_screen_class():
    from lkjip_tui.app import kelas_layar

    for _, mode, _ in LAYAR:
        assert kelas_layar(mode).MODE == mode
