"""Property-based tests: the number parser and the calculation engine take any input."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store import calc
from store.models import (
    Band,
    Indikator,
    Kegiatan,
    KomponenAkip,
    Laporan,
    Program,
    Renstra,
    Sasaran,
    Subkegiatan,
    Triwulan,
    Tujuan,
)
from store.numbers import (
    AngkaTidakSah,
    bulatkan,
    format_angka,
    format_bebas,
    parse_angka,
)

CEPAT = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ------------------------------------------------------------------ numbers
KARAKTER_ANGKA = "0123456789.,-%Rrp \u2212\u00a0e+"


@CEPAT
@given(st.one_of(st.text(), st.text(alphabet=KARAKTER_ANGKA, max_size=40)))
def test_parse_any_text_only_ever_raises_angkatidaksah(teks):
    try:
        hasil = parse_angka(teks)
    except AngkaTidakSah as e:
        assert "bukan angka yang sah" in str(e)
        return
    assert hasil is None or (isinstance(hasil, Decimal) and hasil.is_finite())
    if hasil is None:
        assert not teks.strip()


DESIMAL = st.decimals(min_value=Decimal("-1e20"), max_value=Decimal("1e20"), allow_nan=False, allow_infinity=False,
                      places=None).filter(lambda d: len(d.as_tuple().digits) <= 25 and d.as_tuple().exponent >= -40)


@CEPAT
@given(DESIMAL, st.integers(min_value=0, max_value=4))
def test_format_then_parse_gives_the_rounded_value(d, desimal):
    assert parse_angka(format_angka(d, desimal)) == bulatkan(d, desimal)


@CEPAT
@given(DESIMAL)
def test_format_bebas_then_parse_gives_the_value(d):
    assert parse_angka(format_bebas(d)) == d


# ------------------------------------------------------------------ calc
NILAI = st.one_of(
    st.none(), st.just(Decimal(0)),
    st.decimals(min_value=Decimal("-1e15"), max_value=Decimal("1e15"), allow_nan=False, allow_infinity=False, places=2),
    st.decimals(min_value=Decimal("1e-6"), max_value=Decimal("1e-2"), allow_nan=False, allow_infinity=False),
    st.sampled_from([Decimal("1e25"), Decimal("-1e25"), Decimal("999999999999999.99"), Decimal("1e-10")]),
)
# Money as the bundle admits it (|x| < 10^15, whole cents), also negative and 0: sums of these
# are exact in Decimal's 28 digits, so rollups must equal their parts to the last digit.
RUPIAH = st.one_of(st.none(), st.just(Decimal(0)),
                   st.decimals(min_value=Decimal("-999999999999999.99"), max_value=Decimal("999999999999999.99"),
                               allow_nan=False, allow_infinity=False, places=2))
TAHUN = 2025


@st.composite
def indikator(draw, sasaran):
    arah = draw(st.sampled_from(["positif", "negatif"]))
    tw = [Triwulan(draw(NILAI), draw(NILAI)) for _ in range(4)] if draw(st.booleans()) else None
    return Indikator(
        draw(st.text(min_size=1, max_size=3)), sasaran, "u", "", arah, draw(st.sampled_from([None, "2T-R", "T/R"])),
        draw(st.sampled_from(["jumlah", "terakhir", "rata-rata"])), None,
        {t: draw(NILAI) for t in (TAHUN - 1, TAHUN)}, {t: draw(NILAI) for t in (TAHUN - 1, TAHUN)},
        {TAHUN: tw} if tw else {}, {TAHUN: draw(NILAI)})


@st.composite
def subkegiatan(draw):
    bulanan = None
    if draw(st.booleans()):
        bulanan = {b: draw(RUPIAH) for b in draw(st.sets(st.integers(1, 12), max_size=4))}
    return Subkegiatan("s", draw(RUPIAH) or Decimal(0), draw(RUPIAH), bulanan)


@st.composite
def laporan(draw):
    sasaran = [Sasaran(f"S{n}", "T1", "s") for n in range(draw(st.integers(0, 3)))]
    ids = [s.id for s in sasaran] or ["S0"]
    ind = [draw(indikator(draw(st.sampled_from(ids)))) for _ in range(draw(st.integers(0, 6)))]
    program = []
    for n in range(draw(st.integers(0, 3))):
        keg = [Kegiatan("k", [draw(subkegiatan()) for _ in range(draw(st.integers(0, 3)))])
               for _ in range(draw(st.integers(0, 2)))]
        program.append(Program(f"P{n}", "p", draw(st.sampled_from(ids)), None, keg))
    lap = Laporan(TAHUN, renstra=Renstra(TAHUN - 4, TAHUN, draw(st.sampled_from([[], [TAHUN], [TAHUN - 1, TAHUN]]))),
                  tujuan=[Tujuan("T1", 1, "t")], sasaran=sasaran, indikator=ind, program=program,
                  evaluasi_akip=[KomponenAkip("k", draw(NILAI) or Decimal(0), {TAHUN: draw(NILAI)})])
    lap.pengaturan.desimal = draw(st.integers(0, 4))
    if draw(st.booleans()):
        lap.pengaturan.skala_kategori = [Band("A", draw(NILAI)), Band("B", None)]
    return lap


@CEPAT
@given(laporan())
def test_calc_never_raises_and_rollups_add_up(lap):
    d = lap.pengaturan.desimal
    for ind in lap.indikator:
        for t in (TAHUN - 1, TAHUN, TAHUN + 1):
            calc.predikat(calc.capaian_indikator(ind, t, d))
            calc.persen_perubahan(ind, t, d)
            calc.capaian_standar_nasional(ind, t, d)
            calc.tingkat_kemajuan(ind, lap, t, d)
        for q in range(4):
            calc.capaian_triwulan(ind, TAHUN, q, d)
    org = calc.capaian_organisasi(lap)
    calc.kategori(org, lap.pengaturan.skala)
    for s in lap.sasaran:
        cap = calc.capaian_sasaran(lap, s.id)
        bagian = [c for c in (calc.capaian_indikator(i, TAHUN, d) for i in lap.indikator_sasaran(s.id)) if c is not None]
        if bagian:
            assert min(bagian) <= cap <= max(bagian)
        else:
            assert cap is None
        calc.kategori(cap, lap.pengaturan.skala)
        calc.porsi_anggaran(lap, s.id)
        calc.efisiensi(lap, s.id)
    total = calc.anggaran_total(lap)
    assert total == calc.jumlah(calc.anggaran_program(p) for p in lap.program)
    for p in lap.program:
        assert calc.anggaran_program(p) == calc.jumlah(calc.anggaran_kegiatan(k) for k in p.kegiatan)
        for k in p.kegiatan:
            assert calc.anggaran_kegiatan(k) == calc.jumlah(calc.anggaran_sub(s) for s in k.subkegiatan)
            for s in k.subkegiatan:
                calc.anggaran_sub(s).serapan(d)
    assert total.pagu == sum((s.pagu for _, _, s in lap.semua_subkegiatan()), Decimal(0))
    total.serapan(d)
    calc.grade_akip(calc.nilai_akip(lap.evaluasi_akip, TAHUN))


@CEPAT
@given(NILAI, NILAI, st.sampled_from(["positif", "negatif"]), st.sampled_from([None, "2T-R", "T/R"]),
       st.integers(0, 6))
def test_rasio_and_serapan_total_functions(t, r, arah, rumus, desimal):
    hasil = calc.rasio(t, r, arah, rumus, desimal)
    assert hasil is None or hasil.is_finite()
    if t in (None, Decimal(0)) or r is None:
        assert hasil is None
    calc.serapan(t, r, desimal)
