"""The document's own data: organisation structure, the year's Perjanjian Kinerja, the IKU
decree and the cover's logo (models ``UnitOrganisasi``, ``PerjanjianKinerja``, ``SkIku``).

One plain-JSON shape serves the bundle (optional keys ``organisasi``, ``perjanjian_kinerja``,
``sk_iku``, ``logo``, written only when set so older bundles read and write as before) and
the year's ``laporan`` row in the database (key ``dokumen``, schema 4). The rules here are
used alike by the bundle import and the F8 forms.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import date
from typing import Any, Protocol

from .models import Laporan, Pejabat, PerjanjianKinerja, SkIku, UnitOrganisasi

MAKS_LOGO = 256 * 1024  # bytes of PNG: a cover logo, not a photograph
MAKS_UNIT = 200
PNG = b"\x89PNG\r\n\x1a\n"
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")
CONTOH_TANGGAL = "contoh: 04-01-2021, 2021-01-04 atau Januari 2021"


# ---------------------------------------------------------------- rules
def baca_tanggal(teks: str) -> str:
    """A date as typed → ISO ``2021-01-04``, or ``2021-01`` for a month only ("Januari 2021");
    "" stays "". ValueError with an Indonesian message otherwise."""
    t = " ".join(teks.split())
    if not t:
        return ""
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", t):
        th, bl, hr = m.group(1), m.group(2), m.group(3)
    elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", t):
        hr, bl, th = m.groups()
    elif m := re.fullmatch(r"(?:(\d{1,2}) )?([A-Za-z]+) (\d{4})", t):
        nama = m.group(2).casefold()
        cocok = [n for n, b in enumerate(BULAN, 1) if b.casefold() == nama or b[:3].casefold() == nama]
        if not cocok:
            raise ValueError(f'bulan "{m.group(2)}" tidak dikenal ({CONTOH_TANGGAL})')
        hr, bl, th = m.group(1), str(cocok[0]), m.group(3)
    else:
        raise ValueError(f'tanggal "{t}" tidak dikenal ({CONTOH_TANGGAL})')
    try:
        if hr is None:
            date(int(th), int(bl), 1)
            return f"{int(th):04d}-{int(bl):02d}"
        return date(int(th), int(bl), int(hr)).isoformat()
    except ValueError:
        raise ValueError(f'tanggal "{t}" tidak ada di kalender ({CONTOH_TANGGAL})') from None


def tulis_tanggal(iso: str) -> str:
    """ISO (or a month) → the words the report prints: ``4 Januari 2021``, ``Januari 2021``."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", iso):
        th, bl, hr = int(m.group(1)), int(m.group(2)), m.group(3)
        if 1 <= bl <= 12:
            return f"{int(hr)} {BULAN[bl - 1]} {th}" if hr else f"{BULAN[bl - 1]} {th}"
    return iso


def tulis_nip(nip: str | None) -> str | None:
    """``197001011995031002`` → ``19700101 199503 1 002`` (birth date, appointment, sex, number)."""
    if nip and len(nip) == 18 and nip.isdigit():
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return nip


def periksa_organisasi(unit: list[UnitOrganisasi]) -> list[str]:
    """Each unit named; its ``induk`` is a unit listed before it (so the tree has no cycle)."""
    masalah = []
    if len(unit) > MAKS_UNIT:
        masalah.append(f"terlalu banyak unit ({len(unit)}, paling banyak {MAKS_UNIT})")
    for n, u in enumerate(unit):
        if not u.nama.strip():
            masalah.append(f"unit ke-{n + 1}: nama kosong")
        if u.induk is not None and not 0 <= u.induk < n:
            masalah.append(f'unit ke-{n + 1} "{u.nama}": atasan {u.induk} harus nomor unit di atasnya (0 sampai {n - 1})')
    return masalah


def kedalaman(unit: list[UnitOrganisasi]) -> list[int]:
    """Each unit's depth in the tree (0: a top unit)."""
    d: list[int] = []
    for u in unit:
        d.append(0 if u.induk is None or not 0 <= u.induk < len(d) else d[u.induk] + 1)
    return d


INDEN = 2  # spaces per level in the form's text


def tulis_susunan(unit: list[UnitOrganisasi]) -> str:
    """The structure as the form shows it: one unit a line, indented under its superior."""
    return "\n".join(" " * INDEN * k + u.nama for u, k in zip(unit, kedalaman(unit)))


def baca_susunan(teks: str) -> list[UnitOrganisasi]:
    """The form's text back to units: a line indented deeper than the one above falls under
    it. ValueError naming the line when it is indented with no line above that can be its superior."""
    unit: list[UnitOrganisasi] = []
    tumpuk: list[tuple[int, int]] = []  # (indent, index) of the open superiors
    for n, baris in enumerate(teks.expandtabs(INDEN).splitlines(), 1):
        nama = baris.strip().lstrip("-•").strip()
        if not nama:
            continue
        inden = len(baris) - len(baris.lstrip())
        while tumpuk and tumpuk[-1][0] >= inden:
            tumpuk.pop()
        if not tumpuk and inden > 0 and unit:
            raise ValueError(f'baris {n} "{nama}": menjorok tanpa unit atasan di atasnya')
        unit.append(UnitOrganisasi(nama, tumpuk[-1][1] if tumpuk else None))
        tumpuk.append((inden, len(unit) - 1))
    if masalah := periksa_organisasi(unit):
        raise ValueError(masalah[0])
    return unit


def baca_logo(data: bytes) -> str:
    """PNG bytes → the base64 stored; ValueError for another kind of file or one too large."""
    if not data.startswith(PNG):
        raise ValueError("logo harus berkas PNG")
    if len(data) > MAKS_LOGO:
        raise ValueError(f"logo terlalu besar ({len(data) // 1024} KB, paling besar {MAKS_LOGO // 1024} KB)")
    return base64.b64encode(data).decode("ascii")


def logo_png(logo: str | None) -> bytes | None:
    return None if not logo else base64.b64decode(logo)


# ---------------------------------------------------------------- plain JSON shape
def _pejabat_out(p: Pejabat) -> dict[str, Any]:
    return {"nama": p.nama, "jabatan": p.jabatan, "nip": p.nip}


def keluar(lap: Laporan) -> dict[str, Any]:
    """The keys this module adds to a bundle or a ``laporan`` row; only those that are set."""
    d: dict[str, Any] = {}
    if lap.organisasi:
        d["organisasi"] = [{"nama": u.nama, "induk": u.induk} for u in lap.organisasi]
    if (pk := lap.perjanjian) is not None:
        d["perjanjian_kinerja"] = {"tanggal": pk.tanggal, "tempat": pk.tempat,
                                   "pihak_pertama": _pejabat_out(pk.pihak_pertama),
                                   "pihak_kedua": _pejabat_out(pk.pihak_kedua)}
    if (sk := lap.sk_iku) is not None:
        d["sk_iku"] = {"nomor": sk.nomor, "tanggal": sk.tanggal, "judul": sk.judul,
                       "penetap": _pejabat_out(sk.penetap)}
    if lap.logo:
        d["logo"] = lap.logo
    return d


def masuk(d: dict[str, Any], lap: Laporan) -> None:
    """Set ``lap``'s fields from a stored (already valid) row."""
    lap.organisasi = [UnitOrganisasi(u["nama"], u.get("induk")) for u in d.get("organisasi") or []]
    if (pk := d.get("perjanjian_kinerja")) is not None:
        lap.perjanjian = PerjanjianKinerja(pk.get("tanggal", ""), pk.get("tempat", ""),
                                           Pejabat(**pk.get("pihak_pertama", {})), Pejabat(**pk.get("pihak_kedua", {})))
    if (sk := d.get("sk_iku")) is not None:
        lap.sk_iku = SkIku(sk.get("nomor", ""), sk.get("tanggal", ""), sk.get("judul", ""),
                           Pejabat(**sk.get("penetap", {})))
    lap.logo = d.get("logo") or None


class Pemeriksa(Protocol):
    """What the bundle's checker offers (store.bundle._Periksa)."""

    def salah(self, jalur: str, alasan: str) -> None: ...
    def obj(self, v: Any, jalur: str, boleh_null: bool = False) -> dict[str, Any] | None: ...
    def daftar(self, v: Any, jalur: str) -> list[Any]: ...
    def teks(self, d: dict[str, Any], nama: str, jalur: str, wajib: bool = True, boleh_null: bool = False) -> str | None: ...


def _tanggal(p: Pemeriksa, d: dict[str, Any], jalur: str) -> str:
    t = p.teks(d, "tanggal", jalur, wajib=False) or ""
    try:
        return baca_tanggal(t)
    except ValueError as e:
        p.salah(f"{jalur}.tanggal", str(e))
        return ""


def _pejabat(p: Pemeriksa, v: Any, jalur: str) -> Pejabat:
    d = p.obj(v if v is not None else {}, jalur) or {}
    return Pejabat(p.teks(d, "nama", jalur, wajib=False) or "", p.teks(d, "jabatan", jalur, wajib=False) or "",
                   p.teks(d, "nip", jalur, wajib=False, boleh_null=True) or None)


def baca(p: Pemeriksa, root: dict[str, Any], lap: Laporan) -> None:
    """Validate the optional keys of a bundle and set them on ``lap`` (problems go to ``p``)."""
    unit = []
    for n, u in enumerate(p.daftar(root.get("organisasi") or [], "organisasi")):
        j = f"organisasi[{n}]"
        u = p.obj(u, j) or {}
        induk = u.get("induk")
        if induk is not None and (not isinstance(induk, int) or isinstance(induk, bool)):
            p.salah(f"{j}.induk", f"{induk!r} bukan nomor unit")
            induk = None
        unit.append(UnitOrganisasi(p.teks(u, "nama", j) or "", induk))
    for m in periksa_organisasi(unit):
        p.salah("organisasi", m)
    lap.organisasi = unit
    if root.get("perjanjian_kinerja") is not None:
        j = "perjanjian_kinerja"
        d = p.obj(root["perjanjian_kinerja"], j) or {}
        lap.perjanjian = PerjanjianKinerja(_tanggal(p, d, j), p.teks(d, "tempat", j, wajib=False) or "",
                                           _pejabat(p, d.get("pihak_pertama"), f"{j}.pihak_pertama"),
                                           _pejabat(p, d.get("pihak_kedua"), f"{j}.pihak_kedua"))
    if root.get("sk_iku") is not None:
        d = p.obj(root["sk_iku"], "sk_iku") or {}
        lap.sk_iku = SkIku(p.teks(d, "nomor", "sk_iku", wajib=False) or "", _tanggal(p, d, "sk_iku"),
                           p.teks(d, "judul", "sk_iku", wajib=False) or "", _pejabat(p, d.get("penetap"), "sk_iku.penetap"))
    logo = root.get("logo")
    if logo is not None:
        try:
            if not isinstance(logo, str):
                raise ValueError(f"{type(logo).__name__} bukan teks base64")
            lap.logo = baca_logo(base64.b64decode(logo, validate=True))
        except (ValueError, binascii.Error) as e:
            p.salah("logo", str(e) if isinstance(e, ValueError) and not isinstance(e, binascii.Error)
                    else "bukan base64 yang sah")
