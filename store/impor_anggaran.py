"""What a budget/realisation file changes in a report year, before anything is changed.

:func:`rencanakan` takes the year's :class:`Laporan` and a read :class:`~store.sipd.Berkas` and
returns a :class:`Rencana`: per subkegiatan the new pagu or monthly realisasi, what did not
match, what is refused. It changes nothing. :func:`pasang` then writes the new values into the
records (the caller saves them as one change: one transaction, one undo step).

Realisasi from dated rows fills the months as the monthly window keeps them (each month's own
amount, the realisasi is their sum): the file covers January up to the month of ``sampai``
(the given date, else the last date in the file), those months are replaced, later months
are kept. Rows dated after ``sampai`` are not counted. Undated realisasi (an office's own
sheet) is the realisasi "s.d." the month of ``sampai``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from . import calc
from . import perubahan as pb
from .models import BULAN, Kegiatan, Laporan, Program, Subkegiatan
from .numbers import format_bebas
from .sipd import BAGIAN_SUB, Berkas, kode_induk, normal_kode, normal_nama

NOL = Decimal(0)
TAHAP = ("murni", "perubahan")


@dataclass
class Ubah:
    """One matched subkegiatan: old and new values (None: that value is not touched)."""

    program: Program
    kegiatan: Kegiatan
    sub: Subkegiatan
    baris: list[int]
    pagu: Decimal | None = None
    bulanan: dict[int, Decimal | None] | None = None
    realisasi: Decimal | None = None
    kode: str | None = None  # a code given from the file (the subkegiatan had none)

    @property
    def berubah(self) -> bool:
        s = self.sub
        return ((self.pagu is not None and self.pagu != s.pagu)
                or (self.bulanan is not None and (self.bulanan != (s.realisasi_bulanan or {})
                                                  or self.realisasi != s.realisasi))
                or (self.kode is not None and self.kode != s.kode))

    def turun(self) -> list[str]:
        """What goes down (shown, never hidden): the pagu, the realisasi, a month "s.d."."""
        s, hasil = self.sub, []
        if self.pagu is not None and self.pagu < s.pagu:
            hasil.append("pagu")
        if self.bulanan is not None:
            lama = calc.kumulatif_bulanan(s.realisasi_bulanan)
            baru = calc.kumulatif_bulanan(self.bulanan)
            for b, v in baru.items():
                if b in lama and v < lama[b]:
                    hasil.append(f"s.d. {BULAN[b - 1]}")
            if self.realisasi is not None and s.realisasi is not None and self.realisasi < s.realisasi:
                hasil.append("realisasi")
        return hasil


@dataclass
class TakCocok:
    """A code in the file that no subkegiatan carries. ``usul``: a subkegiatan without a code
    whose name is the file's name for it; ``kegiatan``: where it would be added (by prefix)."""

    kode: str
    nama: str
    jumlah: Decimal
    baris: list[int]
    usul: Subkegiatan | None = None
    kegiatan: Kegiatan | None = None
    program: Program | None = None


@dataclass
class Rencana:
    berkas: Berkas
    tahap: str | None
    sampai: dt.date | None
    bulan_akhir: int | None
    ubah: list[Ubah] = field(default_factory=list)
    tak_cocok: list[TakCocok] = field(default_factory=list)
    tidak_di_berkas: list[Subkegiatan] = field(default_factory=list)
    dilewati: list[tuple[int, str]] = field(default_factory=list)
    masalah: list[tuple[int | None, str]] = field(default_factory=list)
    murni: list[tuple[Program, Decimal | None, Decimal]] = field(default_factory=list)
    berubah: list[Ubah] = field(default_factory=list)  # the matched ones that change (as planned)

    @property
    def bisa(self) -> bool:
        """Applicable: no problem at all (nothing is ever half-applied)."""
        return not self.masalah

    def objek(self) -> list[Program | Subkegiatan]:
        """The records :func:`pasang` changes (programs first), for the caller to save."""
        return [p for p, _, _ in self.murni] + [u.sub for u in self.berubah]

    def keterangan(self) -> str:
        isi = "pagu" if self.berkas.isi == "pagu" else "realisasi"
        tahap = f" {self.tahap}" if self.tahap else ""
        sd = f" s.d. {self.sampai:%d-%m-%Y}" if self.sampai and isi == "realisasi" else ""
        return f"impor {isi}{tahap}{sd} dari {self.berkas.nama} ({len(self.berubah)} subkegiatan)"


def rencanakan(lap: Laporan, berkas: Berkas, tahap: str | None = None, sampai: dt.date | None = None,
               beri_kode: dict[str, str] | None = None) -> Rencana:
    """The change ``berkas`` makes to ``lap``. ``beri_kode``: file code → key of a subkegiatan
    that takes that code (a name match the user confirmed, or a match made by hand)."""
    beri_kode = beri_kode or {}
    r = Rencana(berkas, tahap, None, None, dilewati=list(berkas.dilewati),
                masalah=list(berkas.masalah))
    if berkas.isi == "pagu" and tahap not in TAHAP:
        r.masalah.append((None, "berkas pagu: sebutkan tahapnya, murni atau perubahan (berkasnya tidak mencatatnya)"))
    if sampai is not None and sampai.year != lap.tahun:
        r.masalah.append((None, f"tanggal s.d. {sampai:%d-%m-%Y} di luar tahun {lap.tahun}"))

    # subkegiatan by normalised code; two with one code cannot be told apart
    per_kode: dict[str, tuple[Program, Kegiatan, Subkegiatan]] = {}
    per_key: dict[str, tuple[Program, Kegiatan, Subkegiatan]] = {}
    for p, k, s in lap.semua_subkegiatan():
        per_key[s.key or f"obj{id(s)}"] = (p, k, s)
        kode = normal_kode(s.kode)
        if not kode:
            continue
        if kode in per_kode:
            r.masalah.append((None, f'kode {kode} dipakai dua subkegiatan: "{per_kode[kode][2].nama}" dan "{s.nama}"; '
                                    "perbaiki salah satunya di F6 dulu"))
        per_kode[kode] = (p, k, s)
    for kode, key in beri_kode.items():
        if key in per_key:
            per_kode[kode] = per_key[key]

    # the file's rows by code (and by month for dated realisasi)
    baris_kode: dict[str, list[int]] = defaultdict(list)
    nama_kode: dict[str, str] = {}
    jumlah: dict[str, Decimal] = defaultdict(lambda: NOL)
    bulan: dict[str, dict[int, Decimal]] = defaultdict(dict)
    bertanggal = any(b.tanggal is not None for b in berkas.baris)
    if berkas.isi == "realisasi":
        akhir: dt.date | None
        if bertanggal:
            akhir = sampai or max(b.tanggal for b in berkas.baris if b.tanggal is not None)
        else:
            akhir = sampai
            if akhir is None:
                r.masalah.append((None, "realisasi tanpa kolom tanggal: sebutkan s.d. tanggal berapa (--sampai)"))
        r.sampai, r.bulan_akhir = akhir, akhir.month if akhir else None
    lewat_tanggal: list[int] = []
    for b in berkas.baris:
        if b.tanggal is not None and r.sampai is not None and b.tanggal > r.sampai:
            lewat_tanggal.append(b.nomor)
            continue
        baris_kode[b.kode].append(b.nomor)
        nama_kode.setdefault(b.kode, b.nama)
        jumlah[b.kode] += b.jumlah
        if b.tanggal is not None:
            m = bulan[b.kode]
            m[b.tanggal.month] = m.get(b.tanggal.month, NOL) + b.jumlah
    if lewat_tanggal:
        r.dilewati += [(n, f"sesudah {r.sampai:%d-%m-%Y}") for n in lewat_tanggal]

    tanpa_kode: dict[str, list[Subkegiatan]] = defaultdict(list)
    for _p, _k, s in lap.semua_subkegiatan():
        if not s.kode.strip():
            tanpa_kode[normal_nama(s.nama)].append(s)
    kegiatan_kode = {normal_kode(k.kode): (p, k) for p in lap.program for k in p.kegiatan if k.kode.strip()}

    for kode, nomor in baris_kode.items():
        if kode not in per_kode:
            calon = tanpa_kode.get(normal_nama(nama_kode[kode])) or []
            pk = kegiatan_kode.get(kode_induk(kode, BAGIAN_SUB - 1))
            r.tak_cocok.append(TakCocok(kode, nama_kode[kode], jumlah[kode], nomor,
                                        usul=calon[0] if len(calon) == 1 else None,
                                        kegiatan=pk[1] if pk else None, program=pk[0] if pk else None))
            continue
        p, k, s = per_kode[kode]
        beri = not s.kode.strip() or (beri_kode.get(kode) == s.key and normal_kode(s.kode) != kode)
        u = Ubah(p, k, s, nomor, kode=kode if beri else None)
        if berkas.isi == "pagu":
            u.pagu = jumlah[kode]
        elif r.bulan_akhir is not None:
            u.bulanan = _bulanan_baru(s, r.bulan_akhir, bulan.get(kode) if bertanggal else None, jumlah[kode])
            u.realisasi = calc.realisasi_sub(calc.calon(s, realisasi_bulanan=u.bulanan)) if u.bulanan else None
            sd = calc.kumulatif_bulanan(u.bulanan).get(r.bulan_akhir, NOL)
            if sd < 0:
                r.masalah.append((nomor[0], f"{kode}: realisasi s.d. {BULAN[r.bulan_akhir - 1]} menjadi negatif "
                                            f"({format_bebas(sd)}): setoran melebihi realisasi"))
        r.ubah.append(u)
    dipakai = set(baris_kode)
    r.tidak_di_berkas = [s for kode, (_, _, s) in per_kode.items() if kode not in dipakai]

    if berkas.isi == "pagu" and tahap == "murni":
        baru = {id(u.sub): u.pagu for u in r.ubah}
        for p in lap.program:
            if any(id(s) in baru for k in p.kegiatan for s in k.subkegiatan):
                total = sum((baru.get(id(s), s.pagu) or NOL for k in p.kegiatan for s in k.subkegiatan), NOL)
                if total != p.pagu_murni:
                    r.murni.append((p, p.pagu_murni, total))
    r.dilewati.sort()
    r.berubah = [u for u in r.ubah if u.berubah]
    return r


def _bulanan_baru(sub: Subkegiatan, akhir: int, per_bulan: dict[int, Decimal] | None,
                  total: Decimal) -> dict[int, Decimal | None]:
    """The subkegiatan's months after the import: January..``akhir`` from the file (a month
    without a row is 0, it is covered), later months kept. Undated: ``total`` is the
    realisasi to date, so the month ``akhir`` gets what the months before it lack."""
    lama = dict(sub.realisasi_bulanan or {})
    if per_bulan is not None:
        baru: dict[int, Decimal | None] = {b: per_bulan.get(b, NOL) for b in range(1, akhir + 1)}
    else:
        sebelum = {b: v for b, v in lama.items() if b < akhir}
        if not sebelum and sub.realisasi and akhir > 1 and not sub.realisasi_bulanan:
            sebelum = {akhir - 1: sub.realisasi}  # a realisasi typed as one figure: kept as before (calc.bawa_tahunan)
        baru = {**sebelum, akhir: calc.bulan_dari_kumulatif(sebelum, akhir, total)}
    for b, v in lama.items():
        if b > akhir:
            baru[b] = v
    return {b: v for b, v in sorted(baru.items()) if v is not None}


def perubahan(r: Rencana) -> list[pb.Perubahan]:
    """The plan as commands for the one writer (:func:`store.perubahan.terapkan`), applied as
    one change: new records built from the ones the plan read, never those changed in place.
    Refuses a plan with problems: nothing is ever half-applied."""
    if not r.bisa:
        raise ValueError("rencana impor masih bermasalah; tidak ada yang diubah")
    hasil: list[pb.Perubahan] = [pb.Ubah(dataclasses.replace(p, pagu_murni=total)) for p, _, total in r.murni]
    for u in r.berubah:
        medan: dict[str, object] = {}
        if u.pagu is not None:
            medan["pagu"] = u.pagu
        if u.bulanan is not None:
            medan["realisasi_bulanan"] = dict(u.bulanan) or None
            medan["realisasi"] = u.realisasi
        if u.kode is not None:
            medan["kode"] = u.kode
        hasil.append(pb.Ubah(dataclasses.replace(u.sub, **medan)))  # type: ignore[arg-type]
    return hasil


# ------------------------------------------------------------------ the preview, as text lines
def rentang(nomor: list[int], batas: int = 12) -> str:
    """Row numbers as "2-5, 9, 12" (at most ``batas`` pieces, then how many more)."""
    potong: list[str] = []
    urut = sorted(set(nomor))
    i = 0
    while i < len(urut):
        j = i
        while j + 1 < len(urut) and urut[j + 1] == urut[j] + 1:
            j += 1
        potong.append(str(urut[i]) if i == j else f"{urut[i]}-{urut[j]}")
        i = j + 1
    lebih = len(potong) - batas
    return ", ".join(potong[:batas]) + (f", … (+{lebih})" if lebih > 0 else "")


def _rp(v: Decimal | None) -> str:
    return "-" if v is None else format_bebas(v)


def judul_ubah(u: Ubah) -> str:
    return f"{u.kode or normal_kode(u.sub.kode) or '(tanpa kode)'} {u.sub.nama}"


def rincian_ubah(u: Ubah) -> list[str]:
    """The old → new lines of one subkegiatan (months as "s.d.", as the finance system says)."""
    s, hasil = u.sub, []
    if u.kode is not None and u.kode != s.kode:
        hasil.append(f"kode {s.kode or '(kosong)'} → {u.kode}")
    if u.pagu is not None and u.pagu != s.pagu:
        hasil.append(f"pagu {_rp(s.pagu)} → {_rp(u.pagu)}")
    if u.bulanan is not None:
        lama_r, baru_r = calc.realisasi_sub(s), u.realisasi
        if lama_r != baru_r:
            hasil.append(f"realisasi {_rp(lama_r)} → {_rp(baru_r)}")
        lama, baru = calc.kumulatif_bulanan(s.realisasi_bulanan), calc.kumulatif_bulanan(u.bulanan)
        for b in sorted(set(lama) | set(baru)):
            if lama.get(b) != baru.get(b):
                tanda = "  TURUN" if b in lama and b in baru and baru[b] < lama[b] else ""
                hasil.append(f"s.d. {BULAN[b - 1]} {_rp(lama.get(b))} → {_rp(baru.get(b))}{tanda}")
    turun = [t for t in u.turun() if not t.startswith("s.d.")]
    if turun:
        hasil.append("TURUN: " + ", ".join(turun))
    return hasil


def baris_pratinjau(r: Rencana) -> list[str]:
    """The whole preview as lines (the CLI prints them; the app shows the same words)."""
    b = r.berkas
    out = [f"Berkas {b.nama}: {b.peta.judul}, lembar \"{b.lembar}\", kepala kolom di baris {b.baris_kepala}, "
           f"{len(b.baris)} baris data"]
    if b.isi == "pagu":
        out.append(f"Isi: pagu per subkegiatan (jumlah baris rekeningnya), tahap {r.tahap or '?'}")
    elif r.bulan_akhir:
        out.append(f"Isi: realisasi s.d. {r.sampai:%d-%m-%Y}; Jan–{BULAN[r.bulan_akhir - 1]} diganti dari berkas, "
                   "bulan sesudahnya tetap")
    berubah = r.berubah
    out.append("")
    out.append(f"Berubah: {len(berubah)} subkegiatan")
    for u in berubah:
        out.append(f"  {judul_ubah(u)}")
        out += [f"    {x}" for x in rincian_ubah(u)]
    for p, lama, baru in r.murni:
        out.append(f"  Program {p.id}: pagu murni {_rp(lama)} → {_rp(baru)}")
    sama = len(r.ubah) - len(berubah)
    if sama:
        out.append(f"Cocok dan tidak berubah: {sama} subkegiatan")
    if r.tak_cocok:
        out.append("")
        out.append(f"Tidak cocok (kodenya tidak ada di data tahun ini): {len(r.tak_cocok)}")
        for t in r.tak_cocok:
            saran = (f' · usul: beri kode ini ke "{t.usul.nama}" (nama sama)' if t.usul is not None
                     else f" · dapat ditambahkan di kegiatan {t.kegiatan.kode}" if t.kegiatan is not None
                     else " · kegiatannya belum ada")
            out.append(f"  {t.kode} {t.nama} · {_rp(t.jumlah)} · baris {rentang(t.baris)}{saran}")
    if r.tidak_di_berkas:
        out.append("")
        out.append(f"Tidak ada di berkas (tidak diubah): {len(r.tidak_di_berkas)} subkegiatan")
        for s in r.tidak_di_berkas[:20]:
            out.append(f"  {normal_kode(s.kode)} {s.nama}")
        if len(r.tidak_di_berkas) > 20:
            out.append(f"  … dan {len(r.tidak_di_berkas) - 20} lagi")
    if r.dilewati:
        out.append("")
        out.append(f"Baris dilewati: {len(r.dilewati)}")
        per_alasan: dict[str, list[int]] = defaultdict(list)
        for n, alasan in r.dilewati:
            per_alasan[alasan].append(n)
        for alasan, nomor in per_alasan.items():
            out.append(f"  {alasan}: baris {rentang(nomor)}")
    if r.masalah:
        out.append("")
        out.append(f"MASALAH ({len(r.masalah)}), tidak ada yang diubah sampai semuanya diperbaiki:")
        for n_baris, alasan in r.masalah:
            out.append(f"  {'baris ' + str(n_baris) + ': ' if n_baris is not None else ''}{alasan}")
    return out
