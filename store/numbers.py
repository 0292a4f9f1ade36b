"""Indonesian number parsing and formatting: the one place where text becomes a number.

Staff type what is on the paper in front of them (``7.303.930.952``, ``Rp 7.303.930.952,-``,
``83,16``, ``95,95%``), so parsing is lenient about decoration and strict about ambiguity.
Formatting goes through Babel with the ``id`` locale; rounding is done here first, half-up,
because Babel rounds half-even.
"""

from __future__ import annotations

import pickle
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from functools import cache
from typing import overload

from babel import Locale, localedata
from babel.numbers import (
    NumberPattern,
    get_decimal_symbol,
    get_group_symbol,
    parse_pattern,
)

from .tanpa_gc import tanpa_gc

LOCALE = "id_ID"
KOSONG = "-"  # how an undefined value (target 0, nothing reported) is shown

_MAX_DIGITS = 25  # far beyond any Rupiah amount; within what Babel formats at its 28-digit precision
_MAX_PANJANG = 100  # characters of digits and separators, leading zeros included


class AngkaTidakSah(ValueError):
    """Raised for text that is not a number; the message is Indonesian and says why."""

    def __init__(self, teks: str, alasan: str):
        self.teks = teks
        self.alasan = alasan
        super().__init__(f'"{teks}" bukan angka yang sah: {alasan}')


_PREFIX = re.compile(r"^rp\.?\s*", re.IGNORECASE)
_SUFFIX = re.compile(r"(,-|\.-|,00-)$")


def _grouped(digits: str, sep: str) -> bool:
    return re.fullmatch(r"\d{1,3}(?:" + re.escape(sep) + r"\d{3})+", digits) is not None


def parse_angka(teks: str | None) -> Decimal | None:
    """Read a number the way Indonesian staff write it.

    Returns ``None`` for blank input (blank is "not reported", never zero) and raises
    :class:`AngkaTidakSah` with the reason for anything that is not clearly one number.
    """
    if teks is None:
        return None
    asli = str(teks)
    s = asli.strip().replace("\u00a0", " ").replace("\u2212", "-")
    if not s:
        return None
    negatif = False
    if s.startswith("-"):
        negatif = True
        s = s[1:].strip()
    s = _PREFIX.sub("", s)
    if s.startswith("-") and not negatif:
        negatif = True
        s = s[1:].strip()
    s = s.rstrip()
    if s.endswith("%"):
        s = s[:-1].rstrip()
    s = _SUFFIX.sub("", s)
    s = s.replace(" ", "")
    if not s:
        raise AngkaTidakSah(asli, "tidak ada angkanya")
    bad = re.search(r"[^0-9.,]", s)
    if bad:
        raise AngkaTidakSah(asli, f'berisi karakter "{bad.group()}" yang bukan angka')
    if not s[0].isdigit() or not s[-1].isdigit():
        raise AngkaTidakSah(asli, "pemisah tidak boleh di awal atau di akhir angka")

    koma, titik = s.count(","), s.count(".")
    if koma and titik:
        # Both present: the last one is the decimal separator, the other groups thousands.
        desimal = "," if s.rfind(",") > s.rfind(".") else "."
        ribuan = "." if desimal == "," else ","
        if s.count(desimal) > 1:
            raise AngkaTidakSah(asli, f'pemisah desimal "{desimal}" muncul lebih dari sekali')
        bulat, pecahan = s.split(desimal)
        if not _grouped(bulat, ribuan):
            raise AngkaTidakSah(asli, f'pemisah ribuan "{ribuan}" harus memisahkan tiap 3 angka')
        bulat = bulat.replace(ribuan, "")
    elif koma:
        if koma > 1:
            raise AngkaTidakSah(asli, 'koma desimal "," muncul lebih dari sekali')
        bulat, pecahan = s.split(",")
    elif titik > 1:
        if not _grouped(s, "."):
            raise AngkaTidakSah(asli, 'pemisah ribuan "." harus memisahkan tiap 3 angka')
        bulat, pecahan = s.replace(".", ""), ""
    elif titik == 1:
        kiri, kanan = s.split(".")
        # "7.303" is seven thousand three hundred and three in Indonesian; "83.16" and
        # "0.500" can only be decimals.
        if len(kanan) == 3 and kiri != "0" and not kiri.startswith("0"):
            bulat, pecahan = kiri + kanan, ""
        else:
            bulat, pecahan = kiri, kanan
    else:
        bulat, pecahan = s, ""

    # Leading zeros (0,000000000000001) cost nothing and are what format_bebas writes for tiny values.
    if len((bulat + pecahan).lstrip("0")) > _MAX_DIGITS or len(s) > _MAX_PANJANG:
        raise AngkaTidakSah(asli, f"terlalu panjang (lebih dari {_MAX_DIGITS} angka)")
    try:
        nilai = Decimal(f"{bulat}.{pecahan}" if pecahan else bulat)
    except InvalidOperation:  # pragma: no cover - the regexes above make this unreachable
        raise AngkaTidakSah(asli, "tidak dapat dibaca") from None
    return -nilai if negatif else nilai


def parse_bulat(teks: str | None) -> int | None:
    """A whole, non-negative count (e.g. staff numbers)."""
    nilai = parse_angka(teks)
    if nilai is None:
        return None
    if nilai != nilai.to_integral_value():
        raise AngkaTidakSah(str(teks), "harus bilangan bulat")
    if nilai < 0:
        raise AngkaTidakSah(str(teks), "tidak boleh negatif")
    return int(nilai)


@overload
def bulatkan(nilai: Decimal, desimal: int = 2) -> Decimal: ...
@overload
def bulatkan(nilai: None, desimal: int = 2) -> None: ...
@overload
def bulatkan(nilai: Decimal | None, desimal: int = 2) -> Decimal | None: ...
def bulatkan(nilai: Decimal | None, desimal: int = 2) -> Decimal | None:
    """Round half-up to ``desimal`` places, as the printed report does."""
    if nilai is None:
        return None
    with localcontext() as ctx:
        # quantize fails when the result needs more digits than the context holds (1e25 % at
        # 2 places): give it enough, the rounding rule is unchanged.
        ctx.prec = max(ctx.prec, nilai.adjusted() + desimal + 2)
        return nilai.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)


def _pola(desimal: int) -> str:
    return "#,##0" + ("." + "0" * desimal if desimal > 0 else "")


@cache
def _locale() -> Locale:
    with tanpa_gc():
        loc = Locale.parse(LOCALE)
        _ = loc.number_symbols  # Babel loads the locale data on first use: load it here, GC paused
    return loc


def muat_locale() -> None:
    """Load Babel's data for the locale now (~11 ms, once per process; the dates of the report
    use it too): the app does it in the background once its first screen is painted, so the
    first date F9's preview shows does not wait for it."""
    _locale()


@cache
def _pola_babel(desimal: int) -> tuple[NumberPattern, Decimal]:
    return parse_pattern(_pola(desimal)), Decimal(1).scaleb(-desimal)


@cache
def _tanda() -> dict[int, str] | None:
    """Babel's group and decimal symbols of the locale as a ``str.translate`` table, when the
    patterns are the plain ones this module uses (groups of 3, ``-`` before negatives, no
    scaling); None sends every number through ``NumberPattern.apply``."""
    polos = all(p.grouping == (3, 3) and p.prefix == ("", "-") and p.suffix == ("", "") and p.scale == 0
                for p in (_pola_babel(0)[0], _pola_babel(2)[0]))
    if not polos:
        return None
    simbol = _simbol_sendiri()
    if simbol is None:
        loc = _locale()
        simbol = get_group_symbol(loc), get_decimal_symbol(loc)
    return {ord(","): simbol[0], ord("."): simbol[1]}


class _Pengganti:
    """Stands for any of Babel's own objects in a locale file (date patterns, time zones)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def __setstate__(self, state: object) -> None:
        pass


class _DataSaja(pickle.Unpickler):
    """Reads a Babel locale file's plain data (dicts and strings, where the symbols are); any
    object of a class comes back as a :class:`_Pengganti`, so reading two symbols imports no
    module (the classes would bring babel.dates and zoneinfo: 3.5 ms) and runs no code."""

    def find_class(self, module_name: str, global_name: str, /) -> type[_Pengganti]:
        return _Pengganti


def _simbol_sendiri() -> tuple[str, str] | None:
    """The group and decimal symbols (Latin digits, as ``get_group_symbol`` gives them) from
    the locale's own CLDR data in Babel (``id_ID``, then ``id``; a child's value wins, as in
    Babel's merge), without the root data Babel's ``Locale`` merges in first: that costs
    ~12 ms, and the first screen's numbers are the only use of the locale before it is painted.
    None when the locale's own files do not hold both: then the whole locale is loaded."""
    bagian = LOCALE.split("_")
    for n in range(len(bagian), 0, -1):
        try:
            with open(localedata.resolve_locale_filename("_".join(bagian[:n])), "rb") as f:
                latn = _DataSaja(f).load().get("number_symbols", {}).get("latn", {})
        except Exception:  # a Babel laid out otherwise: its own way below
            return None
        if "group" in latn and "decimal" in latn:
            return str(latn["group"]), str(latn["decimal"])
        if "group" in latn or "decimal" in latn:
            return None
    return None


def format_angka(nilai: Decimal | int | None, desimal: int = 2) -> str:
    """``95.947`` → ``95,95``; ``None`` → ``-``.

    Exactly ``babel.numbers.format_decimal(d, format=_pola(desimal), locale=LOCALE)`` of the
    half-up rounded value ``d`` (tests/store/test_numbers.py compares the two on thousands of
    values). A city-scale export formats ~25,000 numbers, and format_decimal re-resolves the
    locale and re-parses the pattern each time (~25 µs): here the pattern is parsed once and,
    for the plain patterns used, Python's own grouping is given Babel's symbols (~1 µs)."""
    if nilai is None:
        return KOSONG
    pola = _pola_babel(desimal)[0]
    d = bulatkan(Decimal(nilai), desimal)
    tanda = _tanda()
    if tanda is None or not d.is_finite():
        return str(pola.apply(d, _locale()))
    # d has exactly `desimal` places, as the pattern's fixed fraction; the sign as Babel's
    # (is_signed: "-0,00" for a negative that rounds to zero).
    teks = format(d.copy_abs(), ",f").translate(tanda)
    return "-" + teks if d.is_signed() else teks


def format_rupiah(nilai: Decimal | int | None) -> str:
    """Whole Rupiah with dot grouping: ``7.303.930.952``."""
    return format_angka(nilai, 0)


def format_persen(nilai: Decimal | None, desimal: int = 2) -> str:
    """``95,95`` (no sign; tables put ``%`` in the header)."""
    return format_angka(nilai, desimal)


def format_bebas(nilai: Decimal | int | None) -> str:
    """Show a typed value back as it was read, keeping its own decimals: ``83,16``, ``100``."""
    if nilai is None:
        return KOSONG
    d = Decimal(nilai)
    exp = d.as_tuple().exponent
    desimal = -exp if isinstance(exp, int) and exp < 0 else 0
    return format_angka(d, desimal)
