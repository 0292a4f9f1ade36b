"""The bundle: the JSON import/export contract (SPEC §5), version 2.

Version 2 adds, all optional on import: ``narasi`` (the report's texts, a list of
``{"kunci", "isi", "draf"}``), ``garis_besar`` (the unit's own outline, null for the default;
store/narasi.py) and ``instansi.kepala.pangkat``; later, also optional and written only when set:
``organisasi``, ``perjanjian_kinerja``, ``sk_iku`` and ``logo`` (store/dokumen.py). A version-1 bundle still imports (no texts,
the default outline); export writes version 2.

:func:`baca_bundle` validates a whole file before anything is stored and collects every
problem with its field path (``indikator[2].target.2021: "abc" bukan angka``), so a bad
bundle is refused whole. :func:`ke_bundle` writes a :class:`Laporan` back; a bundle that
is read and written again comes out identical.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn, Protocol, overload

from . import aturan, codec, dokumen
from .models import (
    AGREGASI,
    ARAH,
    RUMUS_NEGATIF,
    Bagian,
    Band,
    Iku,
    Indikator,
    Instansi,
    Jabatan,
    Kegiatan,
    Kepala,
    KomponenAkip,
    Laporan,
    Pegawai,
    Pengaturan,
    Program,
    Renstra,
    Sasaran,
    Subkegiatan,
    Teks,
    Triwulan,
    Tujuan,
    UnitPegawai,
)
from .narasi import JENIS as JENIS_BAGIAN
from .teks import BATAS_NARASI, BATAS_TEKS, alasan_teks  # noqa: F401 - BATAS_TEKS re-exported

FORMAT = "lkjip-bundle"
VERSI = 2
VERSI_DIKENAL = (1, 2)
# Fields whose text may run over several lines (newline and tab allowed; see store/teks.py).
MULTI_BARIS = frozenset({"visi", "alasan", "formulasi", "sumber_data", "penanggung_jawab"})


class BundleTidakSah(Exception):
    """The bundle breaks the contract; ``masalah`` lists every problem found."""

    def __init__(self, masalah: list[str]):
        self.masalah = masalah
        lebih = f" (dan {len(masalah) - 1} masalah lain)" if len(masalah) > 1 else ""
        super().__init__(f"Bundle ditolak: {masalah[0]}{lebih}")


class _Periksa:
    """Reads values out of the parsed JSON, noting every problem instead of stopping."""

    def __init__(self) -> None:
        self.masalah: list[str] = []

    def salah(self, jalur: str, alasan: str) -> None:
        self.masalah.append(f"{jalur}: {alasan}")

    def obj(self, v: Any, jalur: str, boleh_null: bool = False) -> dict[str, Any] | None:
        if v is None and boleh_null:
            return None
        if not isinstance(v, dict):
            self.salah(jalur, "harus berupa objek" + (" atau null" if boleh_null else ""))
            return None
        return v

    def daftar(self, v: Any, jalur: str, maks: int = aturan.MAKS_DAFTAR) -> list[Any]:
        if not isinstance(v, list):
            self.salah(jalur, "harus berupa daftar")
            return []
        if len(v) > maks:  # every list has a limit, as every text has (an export must stay quick)
            self.salah(jalur, f"terlalu banyak butir ({len(v)}, paling banyak {maks})")
            return []
        return v

    def teks(self, d: dict[str, Any], nama: str, jalur: str, wajib: bool = True, boleh_null: bool = False) -> str | None:
        v = d.get(nama)
        if v is None:
            if nama not in d and not wajib:
                return None
            if boleh_null:
                return None
            self.salah(f"{jalur}.{nama}", "wajib diisi" if nama not in d else "tidak boleh null")
            return "" if wajib else None
        if not isinstance(v, str):
            self.salah(f"{jalur}.{nama}", f"{_tampil(v)} bukan teks")
            return ""
        alasan = alasan_teks(v, multi_baris=nama in MULTI_BARIS)
        if alasan:
            self.salah(f"{jalur}.{nama}", alasan)
        return v

    def angka(self, v: Any, jalur: str, jenis: aturan.JenisAngka, boleh_null: bool = True) -> Decimal | None:
        """A number of kind ``jenis`` (Rupiah, nilai indikator, nilai AKIP): the one rule
        of :func:`store.aturan.alasan_angka`, as the forms and the grid apply it."""
        if v is None:
            if not boleh_null:
                self.salah(jalur, "wajib diisi")
            return None
        if isinstance(v, bool) or not isinstance(v, (int, float, Decimal)):
            self.salah(jalur, f"{_tampil(v)} bukan angka")
            return None
        # A float (from a caller's own json.loads) is taken by its shortest repr, not its binary value.
        d = Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
        if alasan := aturan.alasan_angka(d, jenis):
            self.salah(jalur, f"{_tampil(v)} {alasan}")
            return None
        return d

    def bulat(self, v: Any, jalur: str, minimum: int = 0, maksimum: int = 10**9) -> int:
        if isinstance(v, bool) or not isinstance(v, int):
            self.salah(jalur, f"{_tampil(v)} bukan bilangan bulat")
            return minimum
        if not minimum <= v <= maksimum:
            self.salah(jalur, f"{v} di luar rentang {minimum}..{maksimum}")
            return minimum
        return v

    def tahun(self, v: Any, jalur: str) -> int:
        if isinstance(v, str) and v.isascii() and v.isdigit() and len(v) <= 8:  # "٢٠٢٤" is no year key
            v = int(v)
        return self.bulat(v, jalur, aturan.TAHUN_MIN, aturan.TAHUN_MAX)

    def per_tahun(self, v: Any, jalur: str, jenis: aturan.JenisAngka) -> dict[int, Decimal | None]:
        d = self.obj(v if v is not None else {}, jalur)
        hasil: dict[int, Decimal | None] = {}
        for k, t in self.kunci_tahun(d or {}, jalur).items():
            hasil[t] = self.angka(d[k], f"{jalur}.{k}", jenis)  # type: ignore[index]
        return hasil

    def kunci_tahun(self, d: dict[str, Any], jalur: str) -> dict[str, int]:
        """A map's year keys, each read as a year; two keys naming the same year in another
        spelling ("2024" and "02024") are refused, or the last would silently win."""
        hasil: dict[str, int] = {}
        dilihat: dict[int, str] = {}
        for k in d:
            t = self.tahun(k, f"{jalur}.{k}")
            if t in dilihat:
                self.salah(f"{jalur}.{k}", f'tahun {t} sudah ada sebagai "{dilihat[t]}"')
                continue
            dilihat[t] = k
            hasil[k] = t
        return hasil

    @overload
    def pilihan(self, d: dict[str, Any], nama: str, jalur: str, pilihan: tuple[str, ...], bawaan: str) -> str: ...
    @overload
    def pilihan(self, d: dict[str, Any], nama: str, jalur: str, pilihan: tuple[str, ...],
                bawaan: None = None) -> str | None: ...

    def pilihan(self, d: dict[str, Any], nama: str, jalur: str, pilihan: tuple[str, ...], bawaan: str | None = None) -> str | None:
        v: str | None = d.get(nama, bawaan)  # any JSON value; returned only once found in pilihan
        if v is None and bawaan is None and nama not in d:
            return None
        if v not in pilihan:
            self.salah(f"{jalur}.{nama}", f"{_tampil(v)} bukan salah satu dari {', '.join(pilihan)}")
            return pilihan[0]
        return v


def _tampil(v: Any) -> str:
    s = json.dumps(v, ensure_ascii=False, default=str)
    return s if len(s) <= 40 else s[:37] + "..."


class _BerId(Protocol):
    @property
    def id(self) -> str: ...


def _unik(p: _Periksa, items: Sequence[_BerId], jalur: str) -> set[str]:
    seen: set[str] = set()
    for n, it in enumerate(items):
        i = it.id
        if i and (alasan := aturan.alasan_id(i)):  # the forms' rule (an empty id is the reader's to name)
            p.salah(f"{jalur}[{n}].id", f'"{i[:20]}": {alasan}')
        if i in seen:
            p.salah(f"{jalur}[{n}].id", f'"{i}" dipakai lebih dari sekali')
        seen.add(i)
    return seen


# ---------------------------------------------------------------- reading
def _tanpa_kunci_ganda(pasangan: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose keys are unique: with a key twice, the last would silently win."""
    d = dict(pasangan)
    if len(d) != len(pasangan):
        seen: set[str] = set()
        for ganda, _ in pasangan:  # the first key met a second time
            if ganda in seen:
                break
            seen.add(ganda)
        raise BundleTidakSah([f'kunci "{ganda}" muncul lebih dari sekali dalam satu objek'])
    return d


def muat_json(path: str | Path) -> Any:
    """Parse a bundle file exactly: JSON numbers become int or Decimal, never float."""
    try:
        raw = Path(path).read_bytes()
    except OSError as e:  # no permission, a folder, a device that fails: one line, not a traceback
        raise BundleTidakSah([f"berkas tidak dapat dibaca: {e.strerror or e}"]) from None
    try:
        teks = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise BundleTidakSah([f"berkas bukan teks UTF-8 (byte {e.start})"]) from None
    try:
        return json.loads(teks, parse_float=Decimal, parse_int=_bulat_json, parse_constant=_tolak_konstanta,
                          object_pairs_hook=_tanpa_kunci_ganda)
    except json.JSONDecodeError as e:
        raise BundleTidakSah([f"JSON tidak sah di baris {e.lineno} kolom {e.colno}: {e.msg}"]) from None
    except RecursionError:
        raise BundleTidakSah(["JSON terlalu bersarang"]) from None


MAKS_DIGIT_JSON = 40  # a number written with more digits is no figure of a report (and int() refuses 4,300)


def _bulat_json(teks: str) -> int:
    if len(teks.lstrip("-")) > MAKS_DIGIT_JSON:
        raise BundleTidakSah([f"angka {teks[:20]}… terlalu panjang ({len(teks.lstrip('-'))} angka)"])
    return int(teks)


def _tolak_konstanta(nama: str) -> NoReturn:
    raise BundleTidakSah([f"{nama} bukan angka yang sah dalam bundle"])


def baca_bundle(data: Any) -> Laporan:
    """Validate a parsed bundle and build its :class:`Laporan`; raise :class:`BundleTidakSah`."""
    p = _Periksa()
    root = p.obj(data, "bundle")
    if root is None:
        raise BundleTidakSah(p.masalah)
    if root.get("format") != FORMAT:
        raise BundleTidakSah([f'format: harus "{FORMAT}", bukan {_tampil(root.get("format"))}'])
    versi = root.get("version")
    if type(versi) is not int or versi not in VERSI_DIKENAL:  # 2.0 is no version: a number, not the name
        if isinstance(versi, int) and not isinstance(versi, bool) and versi > VERSI:
            raise BundleTidakSah([f"version: bundle versi {versi} lebih baru dari yang dikenal aplikasi ini ({VERSI})"])
        raise BundleTidakSah([f"version: harus {VERSI}, bukan {_tampil(versi)}"])
    tahun = p.tahun(root.get("tahun"), "tahun")

    ins = p.obj(root.get("instansi"), "instansi") or {}
    kep = p.obj(ins.get("kepala", {}), "instansi.kepala") or {}
    misi = p.daftar(ins.get("misi", []), "instansi.misi", aturan.MAKS_BUTIR)
    for n, m in enumerate(misi):
        if not isinstance(m, str):
            p.salah(f"instansi.misi[{n}]", f"{_tampil(m)} bukan teks")
        elif alasan := alasan_teks(m, multi_baris=True):  # with its length limit, as every text
            p.salah(f"instansi.misi[{n}]", alasan)
    instansi = Instansi(
        p.teks(ins, "nama", "instansi") or "", p.teks(ins, "pemerintah_daerah", "instansi", wajib=False) or "",
        Kepala(p.teks(kep, "nama", "instansi.kepala", wajib=False) or "",
               p.teks(kep, "jabatan", "instansi.kepala", wajib=False) or "",
               p.teks(kep, "nip", "instansi.kepala", wajib=False, boleh_null=True),
               p.teks(kep, "pangkat", "instansi.kepala", wajib=False) or ""),
        p.teks(ins, "visi", "instansi", wajib=False) or "", [m for m in misi if isinstance(m, str)])

    ren = p.obj(root.get("renstra"), "renstra") or {}
    mulai, akhir = p.tahun(ren.get("mulai"), "renstra.mulai"), p.tahun(ren.get("akhir"), "renstra.akhir")
    if mulai > akhir:
        p.salah("renstra", f"mulai {mulai} sesudah akhir {akhir}")
    tahun_target = [p.tahun(t, f"renstra.tahun_target[{n}]")
                    for n, t in enumerate(p.daftar(ren.get("tahun_target", []), "renstra.tahun_target", aturan.MAKS_BUTIR))]
    for n, th in enumerate(tahun_target):
        if th in tahun_target[:n]:
            p.salah(f"renstra.tahun_target[{n}]", f"tahun {th} muncul lebih dari sekali")
    renstra = Renstra(mulai, akhir, tahun_target)

    peng = p.obj(root.get("pengaturan", {}), "pengaturan") or {}
    skala = None
    if peng.get("skala_kategori") is not None:
        skala = []
        for n, b in enumerate(p.daftar(peng["skala_kategori"], "pengaturan.skala_kategori", aturan.MAKS_BUTIR)):
            j = f"pengaturan.skala_kategori[{n}]"
            b = p.obj(b, j) or {}
            tm = b.get("termasuk_min", True)
            if not isinstance(tm, bool):
                p.salah(f"{j}.termasuk_min", f"{_tampil(tm)} harus true atau false")
            skala.append(Band(p.teks(b, "label", j) or "", p.angka(b.get("min"), f"{j}.min", aturan.NILAI), bool(tm)))
        for galat in aturan.periksa_skala(skala):  # the rule Pengaturan's form applies
            p.salah("pengaturan.skala_kategori", galat)
    pengaturan = Pengaturan(p.bulat(peng.get("desimal", 2), "pengaturan.desimal", 0, aturan.MAKS_DESIMAL), skala)

    tujuan = []
    for n, t in enumerate(p.daftar(root.get("tujuan", []), "tujuan")):
        j = f"tujuan[{n}]"
        t = p.obj(t, j) or {}
        ind = p.daftar(t.get("indikator", []), f"{j}.indikator", aturan.MAKS_BUTIR)
        for m, x in enumerate(ind):
            if not isinstance(x, str):
                p.salah(f"{j}.indikator[{m}]", f"{_tampil(x)} bukan teks")
            elif alasan := alasan_teks(x):
                p.salah(f"{j}.indikator[{m}]", alasan)
        nomor_misi = p.bulat(t.get("misi", 1), f"{j}.misi", 1, max(1, len(instansi.misi)))
        tujuan.append(Tujuan(p.teks(t, "id", j) or "", nomor_misi, p.teks(t, "uraian", j) or "",
                             [x for x in ind if isinstance(x, str)]))
    id_tujuan = _unik(p, tujuan, "tujuan")

    sasaran = []
    for n, s in enumerate(p.daftar(root.get("sasaran", []), "sasaran")):
        j = f"sasaran[{n}]"
        s = p.obj(s, j) or {}
        ref = p.teks(s, "tujuan", j) or ""
        if ref and ref not in id_tujuan:
            p.salah(f"{j}.tujuan", f'tujuan "{ref}" tidak ada')
        sasaran.append(Sasaran(p.teks(s, "id", j) or "", ref, p.teks(s, "uraian", j) or ""))
    id_sasaran = _unik(p, sasaran, "sasaran")

    indikator = [_indikator(p, i, f"indikator[{n}]", id_sasaran)
                 for n, i in enumerate(p.daftar(root.get("indikator", []), "indikator"))]
    _unik(p, indikator, "indikator")

    program = [_program(p, x, f"program[{n}]", id_sasaran)
               for n, x in enumerate(p.daftar(root.get("program", []), "program"))]
    _unik(p, program, "program")

    peg = p.obj(root.get("pegawai", {}), "pegawai") or {}
    unit = []
    for n, u in enumerate(p.daftar(peg.get("unit", []), "pegawai.unit")):
        j = f"pegawai.unit[{n}]"
        u = p.obj(u, j) or {}
        jab = []
        for m, x in enumerate(p.daftar(u.get("jabatan", []), f"{j}.jabatan")):
            jj = f"{j}.jabatan[{m}]"
            x = p.obj(x, jj) or {}
            jab.append(Jabatan(p.teks(x, "nama", jj) or "",
                               p.bulat(x.get("laki_laki", 0), f"{jj}.laki_laki", maksimum=aturan.MAKS_PEGAWAI),
                               p.bulat(x.get("perempuan", 0), f"{jj}.perempuan", maksimum=aturan.MAKS_PEGAWAI)))
        unit.append(UnitPegawai(p.teks(u, "nama", j) or "", jab))
    pegawai = Pegawai(p.teks(peg, "per_tanggal", "pegawai", wajib=False, boleh_null=True), unit)

    eva = p.obj(root.get("evaluasi_akip", {}), "evaluasi_akip") or {}
    akip = []
    for n, k in enumerate(p.daftar(eva.get("komponen", []), "evaluasi_akip.komponen", aturan.MAKS_BUTIR)):
        j = f"evaluasi_akip.komponen[{n}]"
        k = p.obj(k, j) or {}
        akip.append(KomponenAkip(p.teks(k, "nama", j) or "", p.angka(k.get("bobot"), f"{j}.bobot", aturan.AKIP, boleh_null=False) or Decimal(0),
                                 p.per_tahun(k.get("nilai"), f"{j}.nilai", aturan.AKIP)))

    narasi = _narasi(p, root.get("narasi", []))
    garis = None if root.get("garis_besar") is None else _garis(p, root["garis_besar"], "garis_besar", set())

    lap = Laporan(tahun, instansi, renstra, pengaturan, tujuan, sasaran, indikator, program, pegawai, akip,
                  narasi, garis)
    dokumen.baca(p, root, lap)  # optional: organisation, the year's PK, the IKU decree, the logo
    if p.masalah:
        raise BundleTidakSah(p.masalah)
    return lap


def _kunci_unik(p: _Periksa, d: dict[str, Any], j: str, dilihat: set[str]) -> str:
    """A text's or an outline part's ``kunci``: required, and once only in the bundle."""
    kunci = p.teks(d, "kunci", j) or ""
    if kunci in dilihat:
        p.salah(f"{j}.kunci", f'"{kunci}" dipakai lebih dari sekali')
    dilihat.add(kunci)
    return kunci


def _narasi(p: _Periksa, v: Any) -> list[Teks]:
    hasil: list[Teks] = []
    dilihat: set[str] = set()
    for n, t in enumerate(p.daftar(v if v is not None else [], "narasi")):
        j = f"narasi[{n}]"
        t = p.obj(t, j) or {}
        kunci = _kunci_unik(p, t, j, dilihat)
        isi, draf = t.get("isi", ""), t.get("draf")
        for nama, x in (("isi", isi), ("draf", draf)):
            if x is None and nama == "draf":
                continue
            if not isinstance(x, str):
                p.salah(f"{j}.{nama}", f"{_tampil(x)} bukan teks")
            elif alasan := alasan_teks(x, multi_baris=True, batas=BATAS_NARASI):
                p.salah(f"{j}.{nama}", alasan)
        hasil.append(Teks(kunci, isi if isinstance(isi, str) else "", draf if isinstance(draf, str) else None))
    return hasil


def _garis(p: _Periksa, v: Any, jalur: str, dilihat: set[str]) -> list[Bagian]:
    hasil = []
    for n, b in enumerate(p.daftar(v, jalur)):
        j = f"{jalur}[{n}]"
        b = p.obj(b, j) or {}
        kunci = _kunci_unik(p, b, j, dilihat)
        jenis = p.pilihan(b, "jenis", j, tuple(JENIS_BAGIAN), "teks")
        tanda = {}
        for nama, bawaan in (("judul_tampil", True), ("opsional", False), ("dibawa", False)):
            x = b.get(nama, bawaan)
            if not isinstance(x, bool):
                p.salah(f"{j}.{nama}", f"{_tampil(x)} harus true atau false")
            tanda[nama] = bool(x)
        hasil.append(Bagian(kunci, p.teks(b, "judul", j) or "", jenis,
                            _garis(p, b.get("anak", []), f"{j}.anak", dilihat),
                            p.teks(b, "tabel", j, wajib=False, boleh_null=True), **tanda))
    return hasil


def _indikator(p: _Periksa, i: Any, j: str, id_sasaran: set[str]) -> Indikator:
    i = p.obj(i, j) or {}
    ref = p.teks(i, "sasaran", j) or ""
    if ref and (alasan := aturan.alasan_sasaran(ref, sorted(id_sasaran))):
        p.salah(f"{j}.sasaran", alasan)
    iku = None
    if i.get("iku") is not None:
        d = p.obj(i["iku"], f"{j}.iku", boleh_null=True) or {}
        iku = Iku(*(p.teks(d, f, f"{j}.iku", wajib=False) or "" for f in ("alasan", "formulasi", "sumber_data", "penanggung_jawab")))
    triwulan: dict[int, list[Triwulan]] = {}
    tw = p.obj(i.get("triwulan", {}) if i.get("triwulan") is not None else {}, f"{j}.triwulan") or {}
    for t, tahun in p.kunci_tahun(tw, f"{j}.triwulan").items():
        jt = f"{j}.triwulan.{t}"
        qs = tw[t]
        qs = p.daftar(qs, jt)
        if len(qs) != 4:
            p.salah(jt, f"harus berisi 4 triwulan, bukan {len(qs)}")
        daftar = []
        for n, q in enumerate(qs[:4]):
            q = p.obj(q, f"{jt}[{n}]") or {}
            daftar.append(Triwulan(p.angka(q.get("target"), f"{jt}[{n}].target", aturan.NILAI),
                                   p.angka(q.get("realisasi"), f"{jt}[{n}].realisasi", aturan.NILAI)))
        triwulan[tahun] = daftar + [Triwulan() for _ in range(4 - len(daftar))]
    arah = p.pilihan(i, "arah", j, ARAH, "positif")
    rumus = i.get("rumus_negatif")
    if rumus is not None and rumus not in RUMUS_NEGATIF:
        p.salah(f"{j}.rumus_negatif", f"{_tampil(rumus)} bukan salah satu dari {', '.join(RUMUS_NEGATIF)}")
        rumus = None
    return Indikator(
        p.teks(i, "id", j) or "", ref, p.teks(i, "uraian", j) or "", p.teks(i, "satuan", j, wajib=False) or "",
        arah, rumus, p.pilihan(i, "agregasi_triwulan", j, AGREGASI, "jumlah"), iku,
        p.per_tahun(i.get("target"), f"{j}.target", aturan.NILAI),
        p.per_tahun(i.get("realisasi"), f"{j}.realisasi", aturan.NILAI), triwulan,
        p.per_tahun(i.get("standar_nasional"), f"{j}.standar_nasional", aturan.NILAI))


_BULAN = frozenset(str(n) for n in range(1, 13))  # keys of realisasi_bulanan


def _program(p: _Periksa, x: Any, j: str, id_sasaran: set[str]) -> Program:
    x = p.obj(x, j) or {}
    ref = p.teks(x, "sasaran", j) or ""
    if ref and (alasan := aturan.alasan_sasaran(ref, sorted(id_sasaran))):
        p.salah(f"{j}.sasaran", alasan)
    kegiatan = []
    for n, k in enumerate(p.daftar(x.get("kegiatan", []), f"{j}.kegiatan")):
        jk = f"{j}.kegiatan[{n}]"
        k = p.obj(k, jk) or {}
        subs = []
        for m, s in enumerate(p.daftar(k.get("subkegiatan", []), f"{jk}.subkegiatan")):
            js = f"{jk}.subkegiatan[{m}]"
            s = p.obj(s, js) or {}
            pagu = p.angka(s.get("pagu"), f"{js}.pagu", aturan.RUPIAH, boleh_null=False) or Decimal(0)
            real = p.angka(s.get("realisasi"), f"{js}.realisasi", aturan.RUPIAH)
            bulanan = None
            if s.get("realisasi_bulanan") is not None:
                b = p.obj(s["realisasi_bulanan"], f"{js}.realisasi_bulanan") or {}
                bulanan = {}
                for bk, bv in b.items():
                    if bk not in _BULAN:
                        p.salah(f"{js}.realisasi_bulanan.{bk}", "bulan harus 1 sampai 12")
                        continue
                    bulanan[int(bk)] = p.angka(bv, f"{js}.realisasi_bulanan.{bk}", aturan.RUPIAH)
                terisi = [v for v in bulanan.values() if v is not None]
                if terisi and real is not None and sum(terisi) != real:
                    p.salah(f"{js}.realisasi", f"{real} tidak sama dengan jumlah realisasi bulanan {sum(terisi)}")
            subs.append(Subkegiatan(p.teks(s, "nama", js) or "", pagu, real, bulanan, kode=_kode(p, s, js)))
        kegiatan.append(Kegiatan(p.teks(k, "nama", jk) or "", subs, kode=_kode(p, k, jk)))
    return Program(p.teks(x, "id", j) or "", p.teks(x, "nama", j) or "", ref,
                   p.angka(x.get("pagu_murni"), f"{j}.pagu_murni", aturan.RUPIAH), kegiatan, kode=_kode(p, x, j))


def _kode(p: _Periksa, d: dict[str, Any], j: str) -> str:
    """The optional ``kode`` (Permendagri 90/2019): absent in older bundles, which still import."""
    kode = p.teks(d, "kode", j, wajib=False, boleh_null=True) or ""
    if kode and (alasan := aturan.alasan_kode(kode)):
        p.salah(f"{j}.kode", alasan)
    return kode.strip()


# ---------------------------------------------------------------- writing
def _num(d: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: int when whole, else the float whose repr is the same digits."""
    if d is None:
        return None
    i = int(d)
    if i == d:
        return i
    f = float(d)
    if Decimal(repr(f)) != d:
        raise ValueError(f"{d} tidak dapat ditulis tepat sebagai angka JSON")
    return f


def _per_tahun(m: dict[int, Decimal | None]) -> dict[str, Any]:
    return {str(t): _num(v) for t, v in sorted(m.items())}


def ke_bundle(lap: Laporan) -> dict[str, Any]:
    """The bundle (version 2) of one report year, as plain JSON-ready data."""
    return {k: list(v) if k in _MALAS else v for k, v in _bundle_malas(lap).items()}


_MALAS = frozenset({"program"})  # made an item at a time by _bundle_malas: most of a city's bundle


def _bundle_malas(lap: Laporan) -> dict[str, Any]:
    """:func:`ke_bundle`, with each key of ``_MALAS`` an iterator over its items (made as
    they are written, so a large budget is never held as one JSON-ready tree)."""
    assert lap.renstra is not None  # Laporan.__post_init__ fills it
    return {
        "format": FORMAT, "version": VERSI, "tahun": lap.tahun,
        "instansi": {"nama": lap.instansi.nama, "pemerintah_daerah": lap.instansi.pemerintah_daerah,
                     "kepala": {"nama": lap.instansi.kepala.nama, "jabatan": lap.instansi.kepala.jabatan,
                                "nip": lap.instansi.kepala.nip, "pangkat": lap.instansi.kepala.pangkat},
                     "visi": lap.instansi.visi, "misi": list(lap.instansi.misi)},
        "renstra": {"mulai": lap.renstra.mulai, "akhir": lap.renstra.akhir, "tahun_target": list(lap.renstra.tahun_target)},
        "pengaturan": {"desimal": lap.pengaturan.desimal, "skala_kategori": None if lap.pengaturan.skala_kategori is None else [
            {"label": b.label, "min": _num(b.min), "termasuk_min": b.termasuk_min} for b in lap.pengaturan.skala_kategori]},
        "tujuan": [{"id": t.id, "misi": t.misi, "uraian": t.uraian, "indikator": list(t.indikator)} for t in lap.tujuan],
        "sasaran": [{"id": s.id, "tujuan": s.tujuan, "uraian": s.uraian} for s in lap.sasaran],
        "indikator": [_indikator_out(i) for i in lap.indikator],
        "program": map(_program_out, lap.program),
        "pegawai": {"per_tanggal": lap.pegawai.per_tanggal, "unit": [
            {"nama": u.nama, "jabatan": [{"nama": j.nama, "laki_laki": j.laki_laki, "perempuan": j.perempuan}
                                         for j in u.jabatan]} for u in lap.pegawai.unit]},
        "evaluasi_akip": {"komponen": [{"nama": k.nama, "bobot": _num(k.bobot), "nilai": _per_tahun(k.nilai)}
                                       for k in lap.evaluasi_akip]},
        "narasi": [{"kunci": t.kunci, "isi": t.isi, "draf": t.draf} for t in lap.narasi],
        "garis_besar": codec.garis_out(lap.garis),
        **dokumen.keluar(lap),
    }


def _program_out(p: Program) -> dict[str, Any]:
    return {"id": p.id, "nama": p.nama, "sasaran": p.sasaran, "pagu_murni": _num(p.pagu_murni), **_kode_out(p),
            "kegiatan": [{"nama": k.nama, **_kode_out(k), "subkegiatan": [_sub_out(s) for s in k.subkegiatan]}
                         for k in p.kegiatan]}


def _indikator_out(i: Indikator) -> dict[str, Any]:
    d: dict[str, Any] = {"id": i.id, "sasaran": i.sasaran, "uraian": i.uraian, "satuan": i.satuan, "arah": i.arah}
    if i.rumus_negatif is not None:
        d["rumus_negatif"] = i.rumus_negatif
    d.update({
        "agregasi_triwulan": i.agregasi_triwulan,
        "iku": None if i.iku is None else {"alasan": i.iku.alasan, "formulasi": i.iku.formulasi,
                                           "sumber_data": i.iku.sumber_data, "penanggung_jawab": i.iku.penanggung_jawab},
        "target": _per_tahun(i.target), "realisasi": _per_tahun(i.realisasi),
        "triwulan": {str(t): [{"target": _num(q.target), "realisasi": _num(q.realisasi)} for q in qs]
                     for t, qs in sorted(i.triwulan.items())},
        "standar_nasional": _per_tahun(i.standar_nasional),
    })
    return d


def _kode_out(x: Program | Kegiatan | Subkegiatan) -> dict[str, Any]:
    return {"kode": x.kode} if x.kode else {}  # only when given: bundles without kode stay as they were


def _sub_out(s: Subkegiatan) -> dict[str, Any]:
    d: dict[str, Any] = {"nama": s.nama, "pagu": _num(s.pagu), "realisasi": _num(s.realisasi), **_kode_out(s)}
    if s.realisasi_bulanan is not None:
        d["realisasi_bulanan"] = {str(b): _num(v) for b, v in sorted(s.realisasi_bulanan.items())}
    return d


_BARIS_PER_ITEM = ("tujuan", "sasaran", "indikator", "program", "narasi")


def dump_bundle(lap: Laporan) -> str:
    """The bundle as JSON text, laid out for reading and diffing: one top-level key per line,
    and one item per line in the long lists (indikator, program, ...)."""
    return "".join(tulis_bundle(lap))


def tulis_bundle(lap: Laporan) -> Iterator[str]:
    """:func:`dump_bundle`'s text in pieces, one list item at a time: a city's budget is
    written without holding its whole bundle (as data or as text).

    Written with the C encoder (``json.dumps`` without ``indent``): ``indent=2`` falls back to
    the pure-Python encoder, four times slower on a city-scale budget."""
    enc = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
    yield "{\n"
    for n, (kunci, nilai) in enumerate(_bundle_malas(lap).items()):
        awal = ",\n  " if n else "  "
        k = enc(kunci)
        if kunci in _BARIS_PER_ITEM:
            butir = iter(nilai)
            pertama = next(butir, _KOSONG)
            if pertama is not _KOSONG:
                yield f"{awal}{k}: [\n    {enc(pertama)}"
                for x in butir:
                    yield f",\n    {enc(x)}"
                yield "\n  ]"
                continue
            nilai = []
        yield f"{awal}{k}: {enc(nilai)}"
    yield "\n}\n"


_KOSONG = object()
