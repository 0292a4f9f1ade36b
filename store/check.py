"""Data problems a unit should fix before it reports (``lkjip check``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, is_dataclass
from decimal import Decimal
from itertools import chain, repeat
from operator import attrgetter, eq, itemgetter, le
from typing import TYPE_CHECKING, Any, TypeAlias

from . import angka_narasi, aturan, calc, narasi
from .kelengkapan import belum_diisi, kuartal_berjalan
from .models import ADA, TRIWULAN, Indikator, Laporan, Program, Subkegiatan
from .numbers import format_rupiah
from .tanpa_gc import tanpa_gc
from .teks import TERLARANG_MULTI, alasan_teks

if TYPE_CHECKING:
    from .repository import Repository


@dataclass(frozen=True)
class Masalah:
    jenis: str      # short code: pagu-lebih, triwulan-kosong, realisasi-kosong, target-nol, bulanan-beda, struktur, tidak-wajar, akip, angka-narasi
    lokasi: str     # where, in words a user recognises
    pesan: str

    def __str__(self) -> str:
        return f"{self.lokasi}: {self.pesan}"


def periksa(lap: Laporan, kuartal_sekarang: int | None = None, *, cari_kendali: bool = True,
            sub: Callable[[], angka_narasi.SubKegiatan] | None = None) -> list[Masalah]:
    """Every problem of one report year. ``kuartal_sekarang`` (1..4) limits which quarters
    are expected to be filled; by default the quarters due by today, as on Beranda.
    ``cari_kendali=False``: the caller knows no text can hold a refused character (the
    database's bytes hold none: ``Repository.teks_kendali_mungkin``), so the texts
    are not walked for them. ``sub``: ``lap`` is loaded without its subkegiatan, whose stored
    rows give no finding; this reads their figures, for the texts' to be compared with (only
    when a text names one)."""
    if kuartal_sekarang is None:
        kuartal_sekarang = kuartal_berjalan(lap.tahun)
    hasil: list[Masalah] = []
    hasil += periksa_struktur(lap)
    if cari_kendali:
        hasil += periksa_teks_kendali(lap)
    hasil += periksa_wajar(lap)
    hasil += periksa_akip(lap)
    try:
        hasil += [Masalah(*t) for t in angka_narasi.periksa(lap, sub)]  # typed figures the data does not support
    except ArithmeticError:
        # a number no report has (an old database; periksa_wajar lists it): nothing to compare with
        pass
    # What is still missing: the one rule Beranda counts too (store/kelengkapan.py)
    for k in belum_diisi(lap, kuartal_sekarang):
        pesan = k.pesan if k.pesan.endswith("belum diisi") else f"{k.pesan} belum diisi"
        if k.jenis == "indikator":
            hasil.append(Masalah("triwulan-kosong", f"Indikator {k.kode} ({k.nama})", pesan))
        else:
            hasil.append(Masalah("realisasi-kosong", f'Subkegiatan "{k.nama}" ({k.kode})', pesan))
    t = lap.tahun
    for ind in lap.indikator:
        lok = f"Indikator {ind.id} ({ind.uraian})"
        if ind.target.get(t) == 0:
            hasil.append(Masalah("target-nol", lok, f"target {t} bernilai 0; capaian tidak dapat dihitung"))
        for n, q in enumerate(ind.triwulan.get(t) or []):
            if q.target == 0:
                hasil.append(Masalah("target-nol", lok, f"target triwulan {TRIWULAN[n]} bernilai 0"))
    for p, _k, s in lap.semua_subkegiatan():
        a = calc.anggaran_sub(s)
        if a.lebih:
            hasil.append(Masalah("pagu-lebih", _lok_sub(s, p), f"realisasi {_rp(a.realisasi)} melebihi pagu {_rp(a.pagu)}"))
        if s.realisasi_bulanan and s.realisasi is not None:
            # the realisasi calc derives is the sum of the filled months when there is one
            # (calc.realisasi_sub): that sum, not summed twice for each of 10,000 subkegiatan
            bulanan = a.realisasi if any(map(ADA, s.realisasi_bulanan.values())) else calc.NOL
            if bulanan != s.realisasi:
                hasil.append(Masalah("bulanan-beda", _lok_sub(s, p), f"jumlah realisasi bulanan {_rp(bulanan)} "
                                                                     f"tidak sama dengan realisasi {_rp(s.realisasi)}"))
    return hasil


def _lok_sub(s: Subkegiatan, p: Program) -> str:
    return f"Subkegiatan \"{s.nama}\" ({p.id})"


def periksa_tersimpan(repo: Repository, tahun: int, kuartal_sekarang: int | None = None) -> tuple[list[Masalah], list[Masalah]]:
    """:func:`periksa` and :func:`periksa_narasi` of a stored year: exactly what they report
    on ``repo.muat(tahun)``. At city scale most of that work is loading and checking 10,000
    subkegiatan: when their stored rows certainly give no finding (:func:`_sub_tersimpan`) and
    no text can hold a refused character (``Repository.teks_kendali_mungkin``), the year is
    loaded without them; the figures the texts name are compared with their rows' (store/angka_narasi.py)."""
    with tanpa_gc():  # tens of thousands of figures and names, none of them cyclic garbage
        return _periksa_tersimpan(repo, tahun, kuartal_sekarang)


def _periksa_tersimpan(repo: Repository, tahun: int, kuartal_sekarang: int | None) -> tuple[list[Masalah], list[Masalah]]:
    cari_kendali = repo.teks_kendali_mungkin
    if not cari_kendali:
        lap = repo.muat(tahun, subkegiatan=False)
        if (sub := _sub_tersimpan(repo, lap)) is not None:
            return periksa(lap, kuartal_sekarang, cari_kendali=False, sub=sub), periksa_narasi(lap)
    lap = repo.muat(tahun)
    return periksa(lap, kuartal_sekarang, cari_kendali=cari_kendali), periksa_narasi(lap)


_BULAN_TERSIMPAN = frozenset(map(str, range(1, 13)))
_KOLOM_SUB = itemgetter("bulanan", "realisasi", "pagu", "kegiatan", "nama", "key")


def _sub_tersimpan(repo: Repository, lap: Laporan) -> Callable[[], angka_narasi.SubKegiatan] | None:
    """What reads the figures of the stored subkegiatan rows of ``lap``'s year (as
    calc.anggaran_sub gives them, in whole numbers), when they certainly load (as ``Repository.muat`` reads
    them) and give no finding of :func:`periksa`: every figure a plain whole number that
    :func:`aturan.alasan_rupiah` passes, all twelve months filled (nothing missing for any
    quarter), and in each row the months add up to the realisasi (calc.realisasi_sub), not
    above the pagu. Checked in C over all rows at once; None only means "load them and check
    one by one"."""
    try:
        baris = repo.baris_tersimpan("subkegiatan", lap.tahun)
        # one column per field; a row without one: KeyError (key is only looked up)
        bulanan, realisasi, pagu, kegiatan, nama, _key = zip(*map(_KOLOM_SUB, baris))
        keg = {k.key: k for p in lap.program for k in p.kegiatan}
        if not (set(kegiatan) <= keg.keys() and all(map(eq, repeat(_BULAN_TERSIMPAN), map(dict.keys, bulanan)))):
            return None
        angka = aturan.rupiah_tersimpan([*pagu, *realisasi, *chain.from_iterable(map(dict.values, bulanan))])
        if angka is None:
            return None
        n = len(baris)
        jumlah = list(map(sum, zip(*[iter(angka[2 * n:])] * 12)))  # each row's twelve months
        if not (jumlah == angka[n:2 * n] and all(map(le, jumlah, angka[:n]))):
            return None
    except (KeyError, TypeError, ValueError):  # a row not as expected (a field missing, a blank figure): load it
        return None

    def baca() -> angka_narasi.SubKegiatan:
        per_key: dict[str, list[angka_narasi.Baris]] = {key: [] for key in keg}
        for key, b in zip(kegiatan, zip(nama, angka[:n], jumlah)):  # in the rows' order, as muat() appends them
            per_key[key].append(b)
        return {id(keg[key]): b for key, b in per_key.items()}
    return baca


def periksa_struktur(lap: Laporan) -> list[Masalah]:
    """Broken references and duplicate ids: the database itself is inconsistent."""
    hasil = []
    tujuan = {t.id for t in lap.tujuan}
    sasaran = sorted(s.id for s in lap.sasaran)  # sorted, as the bundle reader lists them
    for jenis, items in (("tujuan", lap.tujuan), ("sasaran", lap.sasaran), ("indikator", lap.indikator), ("program", lap.program)):
        ids = [x.id for x in items]
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            hasil.append(Masalah("struktur", f"{jenis.capitalize()} {dup}", "id dipakai lebih dari sekali"))
    for s in lap.sasaran:
        if s.tujuan not in tujuan:
            hasil.append(Masalah("struktur", f"Sasaran {s.id}", f"tujuan {s.tujuan} tidak ada"))
    dirujuk: tuple[Indikator | Program, ...] = (*lap.indikator, *lap.program)
    for x in dirujuk:
        if alasan := aturan.alasan_sasaran(x.sasaran, sasaran):
            hasil.append(Masalah("struktur", f"{type(x).__name__} {x.id}", alasan))
    return hasil


def periksa_narasi(lap: Laporan) -> list[Masalah]:
    """The report's text parts still without accepted text: the document shows a placeholder
    there. Listed by ``lkjip check`` apart from the data problems (a new year starts with
    all of them, and they do not make the figures wrong)."""
    return [Masalah("narasi-draf" if k.status == "draf" else "narasi-kosong", f"Teks {k.judul}",
                    "baru draf, belum diterima; dokumen menampilkan tanda draf" if k.status == "draf"
                    else "belum diisi; dokumen menampilkan tempat kosong")
            for k in narasi.belum_diisi(lap)]


_DAUN = frozenset({type(None), bool, int, float, Decimal})  # values that hold no text: not walked
_NAMA_FIELD: dict[type, tuple[str, ...]] = {}
_Jalur: TypeAlias = "tuple[_Jalur | None, str | int]"  # (parent, field name / ".key" / list index)


def _teks_kendali(akar: object) -> list[tuple[_Jalur | None, str]]:
    """Every text inside a record tree that holds a refused character, in field order, with
    where it is as a chain ``(parent, part)``, spelled out (:func:`_eja`) only for a text found.
    Tens of thousands of texts and numbers are walked, so: a stack, not recursion; per node one
    type lookup and one regex scan in C (store/teks.TERLARANG_MULTI); a list or dict holding
    only numbers (monthly figures, targets per year) passed over in one C-level look."""
    hasil: list[tuple[_Jalur | None, str]] = []
    tumpuk: list[tuple[Any, _Jalur | None]] = [(akar, None)]  # any node of the tree; its type() is tested below
    cari, daun = TERLARANG_MULTI.search, _DAUN
    while tumpuk:
        obj, jalur = tumpuk.pop()
        t = type(obj)
        if t is str:
            if cari(obj) is not None:
                hasil.append((jalur, obj))
        elif t is list or t is tuple:
            if not set(map(type, obj)) <= daun:
                tumpuk.extend((x, (jalur, n)) for n, x in reversed(list(enumerate(obj))))
        elif t is dict:
            if not set(map(type, obj.values())) <= daun:
                tumpuk.extend((x, (jalur, f".{k}")) for k, x in reversed(list(obj.items())))
        elif t not in daun:
            nama = _NAMA_FIELD.get(t)
            if nama is None:
                nama = _NAMA_FIELD[t] = tuple(f.name for f in fields(obj)) if is_dataclass(obj) else ()
            tumpuk.extend((getattr(obj, n), (jalur, n)) for n in reversed(nama))
    return hasil


def _eja(jalur: _Jalur | None) -> str:
    """``(((None, "program"), 0), "nama")`` → ``program[0].nama``."""
    bagian: list[str] = []
    while jalur is not None:
        jalur, b = jalur
        bagian.append(f"[{b}]" if isinstance(b, int) else b if b.startswith(".") else f".{b}")
    return "".join(reversed(bagian)).removeprefix(".")


def periksa_teks_kendali(lap: Laporan) -> list[Masalah]:
    """Control characters or bidi overrides left by a version that let them in: the import
    and the forms refuse them now (store/teks.py), but an older database may hold some.
    Newline and tab are not listed: multi-line texts may hold them."""
    hasil = []
    for jalur, s in _teks_kendali(lap):
        alasan = alasan_teks(s, multi_baris=True, batas=None)
        if alasan:
            hasil.append(Masalah("teks-kendali", _eja(jalur), alasan))
    return hasil


def _rp(v: Decimal | None) -> str:
    """Rupiah for a message; a value past the rule of store/aturan (from an older version)
    as its short form, not a megabyte of digits."""
    return format_rupiah(v) if v is None or aturan.alasan_rupiah(abs(v)) is None else aturan.tampil_angka(v)


def periksa_wajar(lap: Laporan) -> list[Masalah]:
    """Values outside the sanity limits of :mod:`store.aturan` (e.g. from an older import)."""
    hasil = []
    t = lap.tahun
    for ind in lap.indikator:
        lok = f"Indikator {ind.id} ({ind.uraian})"
        nilai = [(f"target {th}", v) for th, v in sorted(ind.target.items())]
        nilai += [(f"realisasi {th}", v) for th, v in sorted(ind.realisasi.items())]
        nilai += [(f"standar nasional {th}", v) for th, v in sorted(ind.standar_nasional.items())]
        for n, q in enumerate(ind.triwulan.get(t) or []):
            nilai += [(f"target triwulan {TRIWULAN[n]}", q.target), (f"realisasi triwulan {TRIWULAN[n]}", q.realisasi)]
        for apa, v in nilai:
            if v is not None and (alasan := aturan.alasan_indikator(v)) is not None:  # None is never refused
                hasil.append(Masalah("tidak-wajar", lok, f"{apa} {aturan.tampil_angka(v)}: {alasan}"))
    for u in lap.pegawai.unit:
        for j in u.jabatan:
            for apa, n in (("laki-laki", j.laki_laki), ("perempuan", j.perempuan)):
                if (alasan := aturan.alasan_pegawai(n)) is not None:
                    hasil.append(Masalah("tidak-wajar", f"Pegawai {u.nama} · {j.nama}", f"{apa}: {alasan}"))
    for p in lap.program:
        if p.pagu_murni is not None and (alasan := aturan.alasan_rupiah(p.pagu_murni)) is not None:
            hasil.append(Masalah("tidak-wajar", f"Program {p.id}", f"pagu murni {aturan.tampil_angka(p.pagu_murni)}: {alasan}"))
    semua = list(lap.semua_subkegiatan())
    subs = [s for _p, _k, s in semua]
    rupiah = chain(map(attrgetter("pagu"), subs), map(attrgetter("realisasi"), subs),
                   chain.from_iterable(s.realisasi_bulanan.values() for s in subs if s.realisasi_bulanan))
    if aturan.rupiah_bulat_semua(rupiah):  # the usual case, in one pass (140,000 figures at city scale)
        return hasil
    for p, _k, s in semua:
        bulanan = [(f"realisasi bulan {b}", v) for b, v in sorted((s.realisasi_bulanan or {}).items())]
        for apa, v in (("pagu", s.pagu), ("realisasi", s.realisasi), *bulanan):
            if v is not None and (alasan := aturan.alasan_rupiah(v)) is not None:
                hasil.append(Masalah("tidak-wajar", _lok_sub(s, p), f"{apa} {aturan.tampil_angka(v)}: {alasan}"))
    return hasil


def periksa_akip(lap: Laporan) -> list[Masalah]:
    """The AKIP rules of :mod:`store.aturan` the AKIP screen flags: bobot totalling 100, and
    no nilai above its component's bobot (an import or an older version may have let one in)."""
    if not lap.evaluasi_akip:
        return []
    hasil = []
    if (alasan := aturan.alasan_jumlah_bobot(calc.bobot_akip(lap.evaluasi_akip))) is not None:
        hasil.append(Masalah("akip", "Evaluasi AKIP", alasan))
    for k in lap.evaluasi_akip:
        for th, v in sorted(k.nilai.items()):
            if (alasan := aturan.alasan_nilai_bobot(v, k.bobot)) is not None:
                hasil.append(Masalah("akip", f"Evaluasi AKIP {k.nama} {th}", alasan))
    return hasil
