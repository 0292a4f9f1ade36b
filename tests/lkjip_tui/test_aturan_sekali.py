"""Each rule once (issue 17): the same year range, "the sasaran must exist" and "pagu is
required" in the forms, bundle import and `lkjip check`, from store/aturan.py."""

import copy
from decimal import Decimal

import pytest

from lkjip_tui.widgets.pembaca import angka_wajib
from lkjip_tui.widgets.pembaca_pengaturan import baca_tahun
from store import aturan
from store.bundle import BundleTidakSah, baca_bundle
from store.check import periksa


@pytest.mark.parametrize("tahun", [aturan.TAHUN_MIN - 1, aturan.TAHUN_MAX + 1])
def test_a_year_out_of_range_is_refused_by_form_and_bundle_alike(fixture_json, tahun):
    with pytest.raises(ValueError, match=f"antara {aturan.TAHUN_MIN} dan {aturan.TAHUN_MAX}"):
        baca_tahun(str(tahun))
    b = copy.deepcopy(fixture_json)
    b["indikator"][0]["target"][str(tahun)] = 1
    with pytest.raises(BundleTidakSah) as e:
        baca_bundle(b)
    assert f"indikator[0].target.{tahun}" in str(e.value.masalah)
    assert baca_tahun(str(aturan.TAHUN_MIN)) == aturan.TAHUN_MIN


def test_a_missing_sasaran_reads_the_same_in_bundle_and_check(fixture_json, lap):
    b = copy.deepcopy(fixture_json)
    b["program"][0]["sasaran"] = "S7"
    with pytest.raises(BundleTidakSah) as e:
        baca_bundle(b)
    pesan = aturan.alasan_sasaran("S7", ["S1", "S2"])
    assert pesan == 'sasaran "S7" tidak ada; pilih salah satu: S1, S2'
    assert f"program[0].sasaran: {pesan}" in e.value.masalah
    lap.program[0].sasaran = "S7"
    assert any(m.pesan == pesan for m in periksa(lap))
    assert aturan.alasan_sasaran("S1", ["S1"]) is None


def test_pagu_is_required_in_the_form_and_the_grid():
    with pytest.raises(ValueError, match="pagu wajib diisi"):
        angka_wajib("")
    assert aturan.alasan_pagu(None) == aturan.PAGU_WAJIB
    assert aturan.alasan_pagu(Decimal(0)) is None
    assert aturan.alasan_pagu(Decimal(-1)) == "tidak boleh negatif"
