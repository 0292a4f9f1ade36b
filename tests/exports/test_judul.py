"""The catalogue's titles (exports/builders/judul.py) are the titles the builders give: the
Laporan screen lists them without building any table."""

from dataclasses import replace

import pytest

from exports.builders import Konteks, katalog
from store.demo import demo_laporan
from store.models import Laporan, Sasaran


def _sama(lap: Laporan) -> None:
    k = Konteks(lap)
    for e in katalog(lap):
        assert e.judul(k) == e.bangun(Konteks(lap)).judul, e.nomor


def test_seed_titles(lap):
    _sama(lap)
    # the seed's Renstra targets end in its year: 3.4 compares with the Renstra's last target
    assert katalog(lap)[9].judul(Konteks(lap)).endswith(f"Target Akhir Renstra Tahun {lap.tahun}")


@pytest.mark.parametrize("laporan", [
    lambda: Laporan(2024, sasaran=[Sasaran("S1", "T", "s1"), Sasaran("S2", "T", "s2")]),  # no Renstra, no AKIP
    demo_laporan,
])
def test_other_years_titles(laporan):
    _sama(laporan())


def test_renstra_ending_after_the_year(lap):
    lanjut = replace(lap, renstra=replace(lap.renstra, akhir=lap.tahun + 2, tahun_target=[]))
    _sama(lanjut)
    assert katalog(lanjut)[9].judul(Konteks(lanjut)).endswith(f"dengan Target Tahun {lap.tahun}")
