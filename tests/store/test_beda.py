"""The riwayat line of a change: human names, and the changed part of a long text."""

import dataclasses
from decimal import Decimal

from store.beda import ringkas_beda, teks_ubah
from store.models import Jabatan, Kegiatan, UnitPegawai

PANJANG = "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah pada Kecamatan Balikpapan Selatan"


def test_a_long_rename_shows_where_it_changed():
    lama, baru = ringkas_beda(PANJANG, PANJANG + " X")
    assert lama != baru
    assert baru.endswith("Selatan X") and lama.endswith("Selatan")
    assert lama.startswith("…") and len(baru) <= 62


def test_a_change_in_the_middle_keeps_both_sides_visible():
    tengah = PANJANG.replace("Evaluasi", "Pelaporan")
    lama, baru = ringkas_beda(PANJANG, tengah)
    assert "Evaluasi" in lama and "Pelaporan" in baru
    assert lama.endswith("…") and baru.endswith("…")


def test_short_texts_are_left_whole():
    assert ringkas_beda("Camat", "Lurah") == ("Camat", "Lurah")


def test_one_value_reads_as_the_screen_names_it():
    lama = UnitPegawai("Sekretariat", [Jabatan("Camat", 1, 5)], key="k1")
    baru = UnitPegawai("Sekretariat", [Jabatan("Camat", 1, 6)], key="k1")
    assert teks_ubah("Sekretariat · Camat · P", lama, baru) == "Sekretariat · Camat · P: 5 → 6"


def test_a_rename_of_a_kegiatan_names_the_field_and_shows_the_difference():
    lama = Kegiatan(PANJANG, key="k")
    teks = teks_ubah("ubah kegiatan", lama, Kegiatan(PANJANG + " X", key="k"))
    assert teks.startswith("ubah kegiatan: …") and teks.endswith("Selatan → …Balikpapan Selatan X")


def test_several_fields_are_named_each_once():
    from store.models import Subkegiatan

    lama = Subkegiatan("Uji", Decimal(1_000_000), None, key="s")
    baru = Subkegiatan("Uji 2", Decimal(2_000_000), None, key="s")
    assert teks_ubah("ubah", lama, baru) == "ubah: nama: Uji → Uji 2; pagu: 1.000.000 → 2.000.000"


def test_the_first_quarter_value_of_a_new_year_reads_as_the_value():
    """A new year's indicator has no quarters yet; the first value typed (F4, TW II realisasi)
    creates all four: the line names the value, not the four empty quarters as JSON."""
    from store.models import Indikator, Triwulan

    lama = Indikator(id="I3", sasaran="S2", uraian="Nilai Swadaya Masyarakat")
    tw = [Triwulan() for _ in range(4)]
    tw[1] = Triwulan(realisasi=Decimal(5000))
    baru = dataclasses.replace(lama, triwulan={2022: tw})
    assert teks_ubah("I3 · Realisasi TW II", lama, baru) == "I3 · Realisasi TW II: (kosong) → 5.000"
