"""The calc functions added for the report exports (porsi, PK budget sum, AKIP bobot)."""

from decimal import Decimal as D

from store import calc
from store.models import KomponenAkip, Program


def test_porsi_matches_porsi_anggaran(lap):
    total = calc.anggaran_total(lap).pagu
    for s in lap.sasaran:
        assert calc.porsi(calc.anggaran_sasaran(lap, s.id).pagu, total) == calc.porsi_anggaran(lap, s.id)
    assert calc.porsi(calc.anggaran_sasaran(lap, "S1").pagu, total) == D("85.74")


def test_porsi_of_zero_total_is_undefined():
    assert calc.porsi(D(0), D(0)) is None


def test_jumlah_pagu_murni(lap):
    assert calc.jumlah_pagu_murni(lap.program) == D("24398663737")  # SPEC §4: Tabel 2.4's sum
    assert calc.jumlah_pagu_murni([Program("P", "x", "S1", None)]) is None
    assert calc.jumlah_pagu_murni([]) is None


def test_bobot_akip(lap):
    assert calc.bobot_akip(lap.evaluasi_akip) == D(100)
    assert calc.bobot_akip([]) == D(0)
    assert calc.bobot_akip([KomponenAkip("a", D("12.5")), KomponenAkip("b", D(30))]) == D("42.5")
