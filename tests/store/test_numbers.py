from decimal import Decimal

import pytest

from store.numbers import (
    AngkaTidakSah,
    bulatkan,
    format_angka,
    format_bebas,
    format_rupiah,
    parse_angka,
    parse_bulat,
)


@pytest.mark.parametrize("teks, nilai", [
    ("7.303.930.952", "7303930952"),
    ("7303930952", "7303930952"),
    ("Rp 7.303.930.952,-", "7303930952"),
    ("Rp. 7.303.930.952,00", "7303930952.00"),
    ("rp7.303.930.952", "7303930952"),
    ("83,16", "83.16"),
    ("83.16", "83.16"),
    ("95,95%", "95.95"),
    ("95,95 %", "95.95"),
    ("-4,05", "-4.05"),
    ("\u22124,05", "-4.05"),
    ("1.234,56", "1234.56"),
    ("1,234.56", "1234.56"),
    ("0.500", "0.500"),
    ("7.303", "7303"),   # Indonesian: a dot before three digits groups thousands
    ("  100  ", "100"),
    ("0", "0"),
])
def test_parse_good(teks, nilai):
    assert parse_angka(teks) == Decimal(nilai)


@pytest.mark.parametrize("teks", ["", "   ", None])
def test_blank_is_not_zero(teks):
    assert parse_angka(teks) is None


@pytest.mark.parametrize("teks, alasan", [
    ("12,3,4", "koma desimal"),
    ("abc", 'karakter "a"'),
    ("1.23.4", "tiap 3 angka"),
    ("1.234,5,6", "lebih dari sekali"),
    ("12,", "di awal atau di akhir"),
    (",5", "di awal atau di akhir"),
    ("Rp", "tidak ada angkanya"),
    ("1e5", 'karakter "e"'),
    ("9" * 40, "terlalu panjang"),
    ("1,23.456,7", "lebih dari sekali"),
])
def test_parse_bad_says_why(teks, alasan):
    with pytest.raises(AngkaTidakSah) as e:
        parse_angka(teks)
    assert f'"{teks}" bukan angka yang sah' in str(e.value)
    assert alasan in str(e.value)


def test_exact_message_of_the_spec():
    with pytest.raises(AngkaTidakSah, match=r'^"12,3,4" bukan angka yang sah'):
        parse_angka("12,3,4")


def test_parse_bulat():
    assert parse_bulat("12") == 12
    assert parse_bulat("") is None
    with pytest.raises(AngkaTidakSah, match="bulat"):
        parse_bulat("1,5")
    with pytest.raises(AngkaTidakSah, match="negatif"):
        parse_bulat("-1")


@pytest.mark.parametrize("nilai, teks", [
    ("102.025", "102,03"),   # half-up, not half-even
    ("102.035", "102,04"),
    ("95.947", "95,95"),
    ("-0.105", "-0,11"),
    ("0", "0,00"),
    ("159.19", "159,19"),
    ("1234567.891", "1.234.567,89"),
])
def test_format_angka(nilai, teks):
    assert format_angka(Decimal(nilai)) == teks


def test_format_rupiah_and_none():
    assert format_rupiah(Decimal("7303930952")) == "7.303.930.952"
    assert format_rupiah(24246540687) == "24.246.540.687"
    assert format_angka(None) == "-"
    assert format_rupiah(None) == "-"


def test_format_bebas_shows_back_what_was_read():
    assert format_bebas(parse_angka("83.16")) == "83,16"
    assert format_bebas(parse_angka("Rp 7.303.930.952,-")) == "7.303.930.952"
    assert format_bebas(parse_angka("0,5")) == "0,5"


def test_bulatkan_half_up():
    assert bulatkan(Decimal("97.975")) == Decimal("97.98")
    assert bulatkan(Decimal("2.5"), 0) == Decimal("3")
    assert bulatkan(None) is None


def test_every_accepted_length_can_be_shown_back():
    # 25 digits is the most parse_angka takes; Babel must still format it (it works at 28).
    for teks in ("9" * 25, "9" * 23 + ",99", "0," + "9" * 24):
        assert parse_angka(format_bebas(parse_angka(teks))) == parse_angka(teks)
    with pytest.raises(AngkaTidakSah, match="lebih dari 25 angka"):
        parse_angka("9" * 26)
def _nilai_uji():
    """Many values: half-up edges, negatives (also rounding to -0), big Rupiah, long fractions."""
    import random
    rnd = random.Random(7)
    tetap = ["0", "-0", "0.005", "-0.005", "-0.004", "0.5", "-0.5", "1.5", "2.5", "-2.5", "999.995", "-999.995",
             "999999.5", "102.025", "102.035", "-0.105", "97.975", "1234567.891", "24246540687", "-24246540687",
             "100", "1E+3", "1.000", "0.0001", "123456789012345678.9", "33.333333333333333333333333"]
    acak = [f"{rnd.choice(['', '-'])}{rnd.randint(0, 10 ** rnd.randint(0, 14))}.{rnd.randint(0, 10 ** 6):06d}"
            for _ in range(2000)]
    setengah = [f"{rnd.choice(['', '-'])}{rnd.randint(0, 99999)}.{rnd.randint(0, 99)}5" for _ in range(500)]
    return [Decimal(v) for v in tetap + acak + setengah]


def test_format_angka_sama_dengan_babel_format_decimal():
    """The pre-parsed pattern gives exactly what format_decimal gives for the half-up rounded value."""
    from babel.numbers import format_decimal

    from store.numbers import _tanda

    assert _tanda() is not None  # the fast path is the one compared here
    nilai = _nilai_uji()
    for desimal in (0, 1, 2, 3):
        for v in nilai:
            d = bulatkan(v, desimal)
            pola = "#,##0" + ("." + "0" * desimal if desimal else "")
            assert format_angka(v, desimal) == format_decimal(d, format=pola, locale="id_ID"), (v, desimal)
    assert format_angka(7, 0) == "7" and format_rupiah(-1234) == "-1.234"


@pytest.mark.parametrize("isi", [None, {"languages": {}}, {"number_symbols": {"latn": {"group": " "}}}])
def test_symbols_come_from_the_whole_locale_when_its_own_files_do_not_hold_both(isi, tmp_path, monkeypatch):
    """The first screen reads the symbols from the locale's own Babel files; a Babel whose files
    are missing, laid out otherwise, or hold one symbol without the other gets the whole
    locale's, the same as format_decimal's."""
    import pickle

    from babel import localedata
    from babel.numbers import format_decimal

    from store import numbers

    berkas = tmp_path / "lain.dat"
    if isi is not None:
        berkas.write_bytes(pickle.dumps(isi))
    monkeypatch.setattr(localedata, "resolve_locale_filename", lambda nama: str(berkas))
    numbers._tanda.cache_clear()
    try:
        assert numbers._simbol_sendiri() is None
        assert format_angka(Decimal("1234567.891")) == format_decimal(Decimal("1234567.89"), format="#,##0.00",
                                                                       locale="id_ID") == "1.234.567,89"
    finally:
        numbers._tanda.cache_clear()
