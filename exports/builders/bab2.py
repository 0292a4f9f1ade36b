"""BAB II, Perencanaan Kinerja: Tabel 2.1–2.5."""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from store import calc
from store.models import Indikator, Kegiatan, Laporan, Program, Sasaran

from ..tables import KOSONG_SEL, Bagian, JenisBaris, Sel, Tabel, persen, rupiah, teks, ukuran
from . import judul as jdl
from .kode import dengan_kode
from .konteks import Konteks


def tabel_2_1(k: Konteks, nomor: str = "2.1") -> Tabel:
    lap, tahun = k.lap, k.tahun_target()
    b = Bagian("", ("Tujuan", "Indikator Tujuan", "Sasaran Strategis", "Indikator Sasaran", "Satuan",
                    *(f"Target {t}" for t in tahun)))
    kosong = (KOSONG_SEL,) * (2 + len(tahun))
    for tj in lap.tujuan:
        awal_tujuan = True
        sasaran: list[Sasaran | None] = [*lap.sasaran_tujuan(tj.id)] or [None]
        for s in sasaran:
            awal_sasaran = True
            indikator: list[Indikator | None] = [*lap.indikator_sasaran(s.id)] if s else []
            for i in indikator or [None]:
                b.tambah(teks(tj.uraian if awal_tujuan else ""),
                         teks("\n".join(tj.indikator) if awal_tujuan else ""),
                         teks(s.uraian if s and awal_sasaran else ""),
                         *((teks(i.uraian), teks(i.satuan), *(ukuran(i.target.get(t)) for t in tahun))
                           if i else kosong))
                awal_tujuan = awal_sasaran = False
    return Tabel(nomor, jdl.j_2_1(k), [b], desimal=k.d)


KOLOM_2_2 = ("No", "Tujuan", "Sasaran Strategis", "Indikator Sasaran", "Target", "Program", "Kegiatan",
             "Sub Kegiatan")


def tabel_2_2(k: Konteks, nomor: str = "2.2") -> Tabel:
    """As in the seed: the first indicator row carries the sasaran's subkegiatan line by line
    (one line for a subkegiatan every kelurahan runs, see :func:`subkegiatan_umum`), further
    indicators follow with the program columns empty."""
    lap = k.lap
    tujuan = {t.id: t for t in lap.tujuan}
    wilayah = _wilayah(lap)
    b = Bagian("", KOLOM_2_2)
    for n, s in enumerate(lap.sasaran, 1):
        indikator = lap.indikator_sasaran(s.id)
        sub = [(p, kg, nama) for p in urut_program(lap.program_sasaran(s.id)) for kg in p.kegiatan
               for nama in subkegiatan_umum(kg, wilayah)]
        tj = tujuan.get(s.tujuan)
        kepala = [teks(str(n)), teks(tj.uraian if tj else ""), teks(s.uraian)]
        baris_ind = [(teks(i.uraian), ukuran(i.target.get(k.tahun))) for i in indikator]
        pertama = baris_ind[0] if baris_ind else (KOSONG_SEL, KOSONG_SEL)
        # a sasaran with no program yet (a year under construction) still gets its one row
        for m, baris in enumerate(sub or [None]):
            ind = pertama if m == 0 else (KOSONG_SEL, KOSONG_SEL)
            if baris is None:
                prog: tuple[Sel, ...] = (KOSONG_SEL,) * 3
            else:
                p, kg, nama = baris
                # a line merged from one subkegiatan per kelurahan has no single kode of its own
                sk = next((x for x in kg.subkegiatan if x.nama == nama), None)
                prog = (teks(dengan_kode(p, p.nama)), teks(dengan_kode(kg, kg.nama)), teks(dengan_kode(sk, nama)))
            b.tambah(*(kepala if m == 0 else (KOSONG_SEL,) * 3), *ind, *prog)
        for ind in baris_ind[1:]:
            b.tambah(KOSONG_SEL, KOSONG_SEL, KOSONG_SEL, *ind, KOSONG_SEL, KOSONG_SEL, KOSONG_SEL)
    return Tabel(nomor, jdl.j_2_2(k), [b], desimal=k.d)


# The general support program every unit has; the seed's 2.2 lists a sasaran's own programs first.
_PENUNJANG = re.compile(r"^\s*(program\s+)?penunjang\s+urusan", re.IGNORECASE)


def urut_program(program: list[Program]) -> list[Program]:
    return sorted(program, key=lambda p: _PENUNJANG.match(p.nama) is not None)  # stable: data order otherwise


def _wilayah(lap: Laporan) -> list[str]:
    """The areas a subkegiatan can be repeated for: Pegawai's units (``Kelurahan Sepinggan``)
    and the unit itself, longest first so ``Sepinggan Baru`` wins over ``Sepinggan``."""
    nama = {u.nama.strip() for u in lap.pegawai.unit} | {lap.instansi.nama.strip()}
    return sorted((x for x in nama if x), key=len, reverse=True)


_PEMISAH = re.compile(r"\s*[-–—]\s*$")


def _tanpa_wilayah(nama: str, wilayah: _Wilayah) -> str:
    """``Pembangunan Sarana dan Prasarana Kelurahan Sepinggan`` → ``… Kelurahan``;
    ``… di Wilayah Kecamatan - Kelurahan Sepinggan`` → ``… di Wilayah Kecamatan``;
    ``… di Kelurahan (Kecamatan Balikpapan Selatan)`` → ``… di Kelurahan``."""
    lipat = nama.casefold().rstrip()
    if not lipat.endswith(wilayah.akhiran):
        return nama  # most names end with no area
    for w, wl, dalam_kurung in wilayah.daftar:
        if lipat.endswith(dalam_kurung):
            return nama[:len(lipat) - len(wl) - 2].rstrip()
        if lipat.endswith(wl) and (len(lipat) == len(wl) or not lipat[-len(wl) - 1].isalnum()):
            awal = nama[:len(lipat) - len(wl)]
            if _PEMISAH.search(awal):
                return _PEMISAH.sub("", awal)
            return awal + w.split()[0] if " " in w else awal.rstrip()  # keep the kind: "Kelurahan"
    return nama


class _Wilayah(NamedTuple):
    daftar: tuple[tuple[str, str, str], ...]  # each area, casefolded, casefolded in brackets
    akhiran: tuple[str, ...]  # every ending _tanpa_wilayah looks for


def _lipat_wilayah(wilayah: list[str]) -> _Wilayah:
    """The areas folded once per kegiatan, not once per subkegiatan."""
    daftar = tuple((w, w.casefold(), f"({w.casefold()})") for w in wilayah)
    return _Wilayah(daftar, tuple(x for _, wl, kurung in daftar for x in (wl, kurung)))


def subkegiatan_umum(kg: Kegiatan, wilayah: list[str]) -> list[str]:
    """A kegiatan's subkegiatan as Tabel 2.2 lists them: one name for a subkegiatan run per
    kelurahan (the seed: 31 rows where 3.17 has 56), in the order each first appears. A name
    is shortened only when two or more subkegiatan share the shortened form."""
    lipat = _lipat_wilayah(wilayah)
    umum = [_tanpa_wilayah(sk.nama, lipat) for sk in kg.subkegiatan]
    hitung = Counter(x.casefold() for x in umum)
    hasil = [u if hitung[u.casefold()] > 1 else sk.nama for sk, u in zip(kg.subkegiatan, umum)]
    satu: dict[str, str] = {}
    for h in hasil:
        satu.setdefault(h.casefold(), h)
    return list(satu.values())


KOLOM_2_3 = ("No", "Sasaran Strategis", "Indikator Kinerja", "Alasan", "Penjelasan (Formulasi)", "Sumber Data",
             "Penanggung Jawab")


def tabel_2_3(k: Konteks, nomor: str = "2.3") -> Tabel:
    b = Bagian("", KOLOM_2_3)
    for n, s in enumerate(k.lap.sasaran, 1):
        awal = True
        for i in k.lap.indikator_sasaran(s.id):
            if i.iku is None:  # not an IKU: Tabel 2.3 lists only the key indicators
                continue
            b.tambah(teks(str(n) if awal else ""), teks(s.uraian if awal else ""), teks(i.uraian),
                     teks(i.iku.alasan), teks(i.iku.formulasi), teks(i.iku.sumber_data), teks(i.iku.penanggung_jawab))
            awal = False
    return Tabel(nomor, jdl.j_2_3(k), [b], desimal=k.d)


def tabel_2_4(k: Konteks, nomor: str = "2.4") -> Tabel:
    lap = k.lap
    kinerja = Bagian("", ("No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target"))
    for n, s in enumerate(lap.sasaran, 1):
        for m, i in enumerate(lap.indikator_sasaran(s.id)):
            kinerja.tambah(teks(str(n) if m == 0 else ""), teks(s.uraian if m == 0 else ""), teks(i.uraian),
                           teks(i.satuan), ukuran(i.target.get(k.tahun)))
    kolom = ("No.", "Program", "Anggaran (Rp.)", "Keterangan")
    murni = Bagian("Anggaran program (APBD murni)", kolom)
    for n, p in enumerate(lap.program, 1):
        murni.tambah(teks(f"{n}."), teks(p.nama), rupiah(p.pagu_murni), teks("APBD"))
    murni.tambah(KOSONG_SEL, teks("Jumlah"), rupiah(calc.jumlah_pagu_murni(lap.program)), KOSONG_SEL,
                 jenis=JenisBaris.TOTAL)
    ubah = Bagian("Anggaran program setelah APBD Perubahan", kolom)
    for n, p in enumerate(lap.program, 1):
        ubah.tambah(teks(f"{n}."), teks(p.nama), rupiah(k.anggaran_program(p).pagu), teks("APBD Perubahan"))
    ubah.tambah(KOSONG_SEL, teks("Jumlah"), rupiah(k.anggaran_total().pagu), KOSONG_SEL, jenis=JenisBaris.TOTAL)
    return Tabel(nomor, jdl.j_2_4(k), [kinerja, murni, ubah], desimal=k.d)


def tabel_2_5(k: Konteks, nomor: str = "2.5") -> Tabel:
    b = Bagian("", ("No.", "Sasaran Strategis", "Anggaran (Rp.)", "Persentase (%)", "Keterangan"))
    total = k.anggaran_total().pagu
    for n, s in enumerate(k.lap.sasaran, 1):
        pagu = k.anggaran_sasaran(s.id).pagu
        b.tambah(teks(str(n)), teks(s.uraian), rupiah(pagu), persen(calc.porsi(pagu, total, k.d)), KOSONG_SEL)
    b.tambah(KOSONG_SEL, teks("Jumlah"), rupiah(total), KOSONG_SEL, KOSONG_SEL, jenis=JenisBaris.TOTAL)
    return Tabel(nomor, jdl.j_2_5(k), [b], desimal=k.d)
