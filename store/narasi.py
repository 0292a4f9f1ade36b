"""The report as a document: its outline (data, default = the seed's, SPEC §7) and its texts.

Headless (never imports textual); the Narasi screen, Beranda, ``lkjip check`` and the
document exporters all read the report's words through this module.

API
---
Outline::

    garis_besar(lap) -> list[Bagian]       # the unit's effective outline, per-sasaran parts expanded
    jelajah(garis) -> Iterator[(tingkat, Bagian)]   # depth-first, tingkat 0 = top level
    cari_bagian(lap, kunci) -> Bagian | None

A :class:`store.models.Bagian` has a stable ``kunci``, a ``judul``, a ``jenis`` (see JENIS
below), children ``anak``, ``tabel`` (jenis "tabel": its number, already shifted for the
number of sasaran, so it matches ``exports.builders.katalog``), ``judul_tampil`` (False: no
heading is printed), ``opsional`` (an empty text is not listed as missing) and ``dibawa``
(its text is copied into the next year). The per-sasaran group comes out as one
``jenis="sasaran"`` Bagian per sasaran (``kunci`` "sasaran.<id>") holding steps 1)–7);
per-indicator notes as ``jenis="teks"`` Bagian "indikator.<id>.catatan".

Texts, keyed by ``kunci`` (``Laporan.narasi``, records :class:`store.models.Teks`)::

    teks(lap, kunci) -> str                # the accepted text ("" when none); never a draft
    butir(lap, kunci) -> list[str]         # a "daftar" section: one item per non-empty line
    draf(lap, kunci) -> str | None         # a draft from the figures, not yet accepted
    status(lap, kunci) -> "terisi" | "draf" | "kosong"   # "terisi": text with no instruction left
    ada_petunjuk(isi) / tanpa_petunjuk(isi)   # "[Tuliskan …]" instructions and "[BELUM …]" placeholders
    terima_draf(t) / buang_draf(t) / perlu_draf(lap, kunci)   # drafts: store/draf.py writes them
    belum_diisi(lap) -> list[Kosong]       # required text parts still empty (or only a draft)

Signature (Kata Pengantar, Ringkasan Eksekutif, Penutup, Lampiran)::

    tanda_tangan(lap) -> Ttd(tempat, tanggal, jabatan, nama, pangkat, nip)

Outline changes (a unit renames, reorders, adds and removes text parts; stored in
``Laporan.garis``, which stays None while the unit keeps the default); each raises
:class:`GarisTidakSah` with a one-line Indonesian reason::

    ganti_judul(lap, kunci, judul)  pindah(lap, kunci, arah)  tambah_bagian(lap, setelah, judul)
    hapus_bagian(lap, kunci)

Year copy: :func:`teks_tahun_baru` (BAB I, including Landasan Hukum, and the signing place
carry over; the analysis does not).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .models import Bagian, Indikator, Laporan, Teks

# Kinds of outline parts. Only "teks" and "daftar" hold text typed by the unit.
JENIS = {
    "sampul": "sampul (dari data)",
    "daftar-isi": "daftar isi (dibuat otomatis)",
    "daftar-tabel": "daftar tabel (dibuat otomatis)",
    "daftar-gambar": "daftar gambar (dibuat otomatis)",
    "bab": "bab",
    "teks": "teks",
    "daftar": "daftar (satu butir per baris)",
    "tabel": "tabel dari data",
    "data": "bagian dari data",
    "ttd": "tanda tangan",
    "per-sasaran": "per sasaran",
    "sasaran": "sasaran",
    "per-indikator": "per indikator",
    "lampiran": "lampiran dari data",
}
BERTEKS = ("teks", "daftar")

# The signing place and date: texts of the year, not parts of the outline.
TTD_TEMPAT, TTD_TANGGAL = "ttd.tempat", "ttd.tanggal"
ISIAN_TTD = ((TTD_TEMPAT, "Tempat penandatanganan"), (TTD_TANGGAL, "Tanggal penandatanganan"))

# Placeholders inside the per-sasaran / per-indicator templates; {t} in a title is the report year.
S, I, T = "{s}", "{i}", "{t}"


class GarisTidakSah(ValueError):
    """An outline change that cannot be made; the message says why, in one line."""


def _b(kunci: str, judul: str, jenis: str = "teks", *anak: Bagian, **kw: Any) -> Bagian:
    return Bagian(kunci, judul, jenis, list(anak), **kw)


def _tabel(nomor: str) -> Bagian:
    return Bagian(f"tabel.{nomor}", f"Tabel {nomor}", "tabel", tabel=nomor, judul_tampil=False)


def _teks_bawah(kunci: str, judul: str, jenis: str = "teks", **kw: Any) -> Bagian:
    """A text part printed without a heading of its own (it follows its parent's text)."""
    return Bagian(kunci, judul, jenis, judul_tampil=False, **kw)


def garis_bawaan() -> list[Bagian]:
    """The seed's outline (SPEC §7). Per-sasaran parts are templates: ``{s}`` is the sasaran
    id, ``{i}`` the indicator id; tables carry the seed's numbers (two sasaran)."""
    bab1 = [
        _b("bab1.latar", "A. Latar Belakang", dibawa=True),
        _b("bab1.gambaran", "B. Gambaran Umum Perangkat Daerah", "teks",
           Bagian("bab1.organisasi", "Susunan organisasi (dari struktur organisasi)", "data", judul_tampil=False),
           _tabel("1.1"), dibawa=True),
        _b("bab1.tugas", "C. Tugas dan Fungsi", "teks",
           Bagian("bab1.bagan", "Bagan struktur organisasi", "data", judul_tampil=False), dibawa=True),
        _b("bab1.isu", "D. Isu Strategis", "teks",
           _teks_bawah("bab1.isu.daftar", "Daftar isu strategis", "daftar", dibawa=True), dibawa=True),
        _b("bab1.hukum", "E. Landasan Hukum", "teks",
           _teks_bawah("bab1.hukum.daftar", "Daftar landasan hukum", "daftar", dibawa=True), dibawa=True),
        _b("bab1.sistematika", "F. Sistematika Penulisan", dibawa=True),
    ]
    langkah = [
        # The seed's step headings, whole (SPEC §7); {t} is the report year.
        _b(f"sasaran.{S}.1", f"1) Analisis pencapaian sasaran dan perbandingan dengan target akhir Renstra tahun {T}",
           "teks", _tabel("3.4"),
           Bagian("indikator", "Catatan per indikator", "per-indikator", [
               _teks_bawah(f"indikator.{I}.catatan", "Catatan indikator", opsional=True)], judul_tampil=False),
           opsional=True),
        _b(f"sasaran.{S}.2", "2) Analisis pencapaian sasaran perbandingan antara realisasi kinerja serta capaian "
           f"kinerja tahun {T} dengan tahun lalu dan beberapa tahun terakhir", "teks", _tabel("3.5"), opsional=True),
        _b(f"sasaran.{S}.3", f"3) Analisis perbandingan realisasi kinerja sampai dengan tahun {T} dengan target "
           "jangka menengah yang terdapat dalam dokumen perencanaan strategis organisasi", "teks", _tabel("3.6"),
           opsional=True),
        _b(f"sasaran.{S}.4", f"4) Analisis perbandingan realisasi kinerja tahun {T} dengan standar nasional", "teks",
           _tabel("3.7"), opsional=True),
        _b(f"sasaran.{S}.penyebab", "5) Analisis penyebab keberhasilan/kegagalan atau peningkatan/penurunan kinerja "
           "serta alternatif solusi yang telah dilakukan", "teks",
           _teks_bawah(f"sasaran.{S}.solusi", "Alternatif solusi yang diambil adalah :", "daftar")),
        _b(f"sasaran.{S}.program", "6) Analisis program/kegiatan yang menunjang keberhasilan ataupun kegagalan "
           "pencapaian pernyataan kinerja", "teks", _tabel("3.8")),
        _b(f"sasaran.{S}.7", "7) Analisis atas efisiensi penggunaan sumber daya", "teks", _tabel("3.9"),
           opsional=True),
    ]
    return [
        Bagian("sampul", "Sampul", "sampul", judul_tampil=False),
        _b("kata-pengantar", "Kata Pengantar", "teks", Bagian("ttd.kata-pengantar", "Tanda tangan", "ttd")),
        _b("ringkasan", "Ringkasan Eksekutif", "teks",
           Bagian("ringkasan.visi-misi", "Visi dan misi", "data", judul_tampil=False),
           Bagian("ringkasan.capaian", "Capaian per sasaran", "data", judul_tampil=False),
           Bagian("ttd.ringkasan", "Tanda tangan", "ttd")),
        Bagian("daftar-isi", "Daftar Isi", "daftar-isi"),
        Bagian("daftar-tabel", "Daftar Tabel", "daftar-tabel"),
        Bagian("daftar-gambar", "Daftar Gambar", "daftar-gambar"),
        _b("bab1", "BAB I Pendahuluan", "bab", *bab1),
        _b("bab2", "BAB II Perencanaan Kinerja", "bab",
           _b("bab2.renstra", "A. Perencanaan Strategis", "teks", _tabel("2.1"), _tabel("2.2")),
           _b("bab2.iku", "B. Indikator Kinerja Utama", "teks", _tabel("2.3")),
           _b("bab2.pk", "C. Perjanjian Kinerja", "teks", _tabel("2.4")),
           _b("bab2.anggaran", "D. Rencana Anggaran", "teks", _tabel("2.5"))),
        _b("bab3", "BAB III Akuntabilitas Kinerja", "bab",
           _b("bab3.akip", "A. Laporan Hasil Evaluasi atas Implementasi SAKIP", "teks", _tabel("3.1"),
              _teks_bawah("bab3.akip.rekomendasi", "Rekomendasi evaluator"),
              _teks_bawah("bab3.akip.tindak-lanjut", "Tindak lanjut rekomendasi")),
           _b("bab3.pengukuran", "B. Pengukuran Capaian Kinerja Organisasi", "teks", _tabel("3.2")),
           _b("bab3.iku", "C. Capaian Indikator Kinerja Utama", "teks", _tabel("3.3")),
           _b("bab3.analisis", "D. Analisis Capaian Kinerja", "teks",
              Bagian("sasaran", "Analisis per sasaran", "per-sasaran", langkah, judul_tampil=False)),
           _b("bab3.anggaran", "E. Realisasi Anggaran", "teks", _tabel("3.16"), _tabel("3.17"))),
        _b("bab4", "BAB IV Penutup", "bab",
           _teks_bawah("bab4.kesimpulan", "Kesimpulan"),
           _teks_bawah("bab4.strategi", "Strategi pemecahan masalah"),
           Bagian("ttd.penutup", "Tanda tangan", "ttd")),
        _b("lampiran", "Lampiran", "bab",
           Bagian("lampiran.pk", "Perjanjian Kinerja", "lampiran"),
           Bagian("lampiran.iku", "Indikator Kinerja Utama", "lampiran")),
    ]


# ------------------------------------------------------------------ the effective outline
def _garis_mentah(lap: Laporan) -> list[Bagian]:
    return lap.garis if lap.garis is not None else garis_bawaan()


def _nomor_tabel(seed: str, n_sasaran: int, urut: int) -> str:
    """A table number of the seed (two sasaran) → this report's number (SPEC §6)."""
    bab, no = seed.split(".")
    no_i = int(no)
    if bab != "3" or no_i < 4:
        return seed
    if no_i >= 16:
        return f"3.{no_i - 12 + 6 * n_sasaran}"
    return f"3.{4 + 6 * (urut - 1) + (no_i - 4) % 6}"


def _isi_templat(b: Bagian, ganti: dict[str, str], n_sasaran: int, urut: int, lap: Laporan,
                 sasaran_id: str | None) -> Bagian | list[Bagian]:
    kunci = b.kunci
    for lama, baru in ganti.items():
        kunci = kunci.replace(lama, baru)
    if b.jenis == "per-sasaran":
        hasil = []
        for n, s in enumerate(lap.sasaran, 1):
            anak = _isi_semua(b.anak, {**ganti, S: s.id}, n_sasaran, n, lap, s.id)
            hasil.append(Bagian(f"sasaran.{s.id}", f"Sasaran {n}. {s.uraian}", "sasaran", anak))
        return hasil
    if b.jenis == "per-indikator":
        hasil = []
        for ind in lap.indikator:
            if sasaran_id is not None and ind.sasaran != sasaran_id:
                continue
            for a in _isi_semua(b.anak, {**ganti, I: ind.id}, n_sasaran, urut, lap, sasaran_id):
                if a.jenis in BERTEKS and a.kunci.endswith(".catatan"):
                    a.judul = f"Catatan: {ind.uraian}"
                hasil.append(a)
        return hasil
    tabel = _nomor_tabel(b.tabel, n_sasaran, urut) if b.tabel else None
    judul = f"Tabel {tabel}" if b.jenis == "tabel" and tabel and b.judul == f"Tabel {b.tabel}" else b.judul
    judul = judul.replace(T, str(lap.tahun))
    if b.jenis == "tabel" and tabel:
        kunci = f"tabel.{tabel}"  # unique per sasaran, as the number is
    return Bagian(kunci, judul, b.jenis, _isi_semua(b.anak, ganti, n_sasaran, urut, lap, sasaran_id), tabel,
                  b.judul_tampil, b.opsional, b.dibawa)


def _isi_semua(daftar: list[Bagian], ganti: dict[str, str], n_sasaran: int, urut: int, lap: Laporan,
               sasaran_id: str | None) -> list[Bagian]:
    hasil: list[Bagian] = []
    for b in daftar:
        x = _isi_templat(b, ganti, n_sasaran, urut, lap, sasaran_id)
        hasil.extend(x if isinstance(x, list) else [x])
    return hasil


def garis_besar(lap: Laporan) -> list[Bagian]:
    """The unit's outline for ``lap``: the stored one (or the default), with one part per
    sasaran and per indicator and table numbers that follow the number of sasaran. A fresh
    copy: changing it changes nothing stored (use the outline changes below)."""
    return _isi_semua(_garis_mentah(lap), {}, len(lap.sasaran), 1, lap, None)


def jelajah(garis: list[Bagian], tingkat: int = 0) -> Iterator[tuple[int, Bagian]]:
    for b in garis:
        yield tingkat, b
        yield from jelajah(b.anak, tingkat + 1)


def cari_bagian(lap: Laporan, kunci: str) -> Bagian | None:
    return next((b for _, b in jelajah(garis_besar(lap)) if b.kunci == kunci), None)


def bagian_teks(lap: Laporan) -> list[Bagian]:
    """Every part that holds typed text, in document order."""
    return [b for _, b in jelajah(garis_besar(lap)) if b.jenis in BERTEKS]


# ------------------------------------------------------------------ texts
def teks(lap: Laporan, kunci: str) -> str:
    t = lap.cari_teks(kunci)
    return t.isi if t else ""


def butir(lap: Laporan, kunci: str) -> list[str]:
    return [b.strip() for b in teks(lap, kunci).splitlines() if b.strip()]


def draf(lap: Laporan, kunci: str) -> str | None:
    t = lap.cari_teks(kunci)
    return t.draf if t and t.draf else None


# An instruction left for the writer ("[Tuliskan penyebab …]", store/draf.py) or a placeholder
# the document prints ("[BELUM DIISI: …]"): a text holding one is not finished.
_PETUNJUK = re.compile(r"\[(?:Tuliskan|Tulis|Isi|Lengkapi|Sisipkan|Uraikan|Jelaskan|BELUM|DRAF)\b[^\]]*\]")


def ada_petunjuk(isi: str) -> bool:
    return _PETUNJUK.search(isi) is not None


def tanpa_petunjuk(isi: str) -> str:
    """``isi`` with its instructions and placeholders taken out, and the blank lines they leave."""
    isi = _PETUNJUK.sub("", isi)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(b.rstrip() for b in isi.splitlines())).strip()


def _status(t: Teks | None) -> str:
    """"terisi" only when the text holds something besides instructions; a text that still
    holds one counts as not written ("kosong"), and the document shows it with a mark."""
    if t is not None and t.isi.strip() and not ada_petunjuk(t.isi):
        return "terisi"
    return "draf" if t is not None and t.draf and not t.isi.strip() else "kosong"


def status(lap: Laporan, kunci: str) -> str:
    return _status(lap.cari_teks(kunci))


@dataclass(frozen=True)
class Kosong:
    kunci: str
    judul: str     # where, as the user sees it ("BAB I › D. Isu Strategis › Daftar isu strategis")
    status: str    # "kosong" or "draf" (a draft exists but is not accepted)

    def __str__(self) -> str:
        return f"{self.judul}: {'baru draf, belum diterima' if self.status == 'draf' else 'belum diisi'}"


def belum_diisi(lap: Laporan) -> list[Kosong]:
    """Required text parts without accepted text, in document order, then the signing place
    and date. Beranda and ``lkjip check`` both list these."""
    hasil: list[Kosong] = []
    per_kunci = {t.kunci: t for t in lap.narasi}  # one look-up per part, not a scan (city scale: 500 parts)

    def st(kunci: str) -> str:
        return _status(per_kunci.get(kunci))

    def jalan(daftar: list[Bagian], jalur: tuple[str, ...]) -> None:
        for b in daftar:
            j = (*jalur, b.judul)
            if b.jenis in BERTEKS and not b.opsional and (s := st(b.kunci)) != "terisi":
                hasil.append(Kosong(b.kunci, " › ".join(j), s))
            jalan(b.anak, j)

    jalan(garis_besar(lap), ())
    for kunci, judul in ISIAN_TTD:
        if st(kunci) != "terisi":
            hasil.append(Kosong(kunci, judul, "kosong"))
    return hasil


def terima_draf(t: Teks) -> None:
    """The user accepts the draft: it becomes the part's text, without the draft's
    instructions (what the unit is asked to write is not part of its text)."""
    if t.draf:
        t.isi, t.draf = tanpa_petunjuk(t.draf), None


def buang_draf(t: Teks) -> None:
    """The user discards the draft; "" (not None) so that it is not offered again by itself."""
    t.draf = ""


def perlu_draf(lap: Laporan, kunci: str) -> bool:
    """A draft is offered once for an empty part that never had one (None, not "")."""
    t = lap.cari_teks(kunci)
    return not teks(lap, kunci).strip() and (t is None or t.draf is None)


# ------------------------------------------------------------------ signature
@dataclass(frozen=True)
class Ttd:
    tempat: str
    tanggal: str
    jabatan: str
    nama: str
    pangkat: str
    nip: str | None


def tanda_tangan(lap: Laporan) -> Ttd:
    k = lap.instansi.kepala
    return Ttd(teks(lap, TTD_TEMPAT).strip(), teks(lap, TTD_TANGGAL).strip(), k.jabatan, k.nama, k.pangkat, k.nip)


# ------------------------------------------------------------------ outline changes
def _milik(lap: Laporan) -> list[Bagian]:
    if lap.garis is None:
        lap.garis = garis_bawaan()
    return lap.garis


def _cocok(lap: Laporan, b: Bagian, kunci: str) -> bool:
    if b.kunci == kunci:
        return True
    if S not in b.kunci and I not in b.kunci:
        return False
    for s in lap.sasaran:
        indikator: list[Indikator | None] = [*lap.indikator] or [None]
        for i in indikator:
            k = b.kunci.replace(S, s.id)
            if i is not None:
                k = k.replace(I, i.id)
            if k == kunci:
                return True
    return False


def _dari_data(lap: Laporan, kunci: str) -> str | None:
    """Why a part that is not in the stored outline cannot be changed there, if it is one
    the data names (a sasaran's group, an indicator's note, the signing place and date)."""
    if kunci.startswith("sasaran.") and lap.cari_sasaran(kunci[len("sasaran."):]):
        return "judul dan urutan sasaran mengikuti data sasaran (F3 Indikator)"
    if kunci == "ttd" or kunci in dict(ISIAN_TTD):
        return "tempat dan tanggal tanda tangan selalu ada; isinya saja yang diubah"
    return None


def _temukan(lap: Laporan, kunci: str) -> tuple[list[Bagian], int]:
    """The stored list holding part ``kunci`` (or the template it comes from), and its index."""
    def cari(daftar: list[Bagian]) -> tuple[list[Bagian], int] | None:
        for n, b in enumerate(daftar):
            if _cocok(lap, b, kunci):
                return daftar, n
            r = cari(b.anak)
            if r:
                return r
        return None

    alasan = _dari_data(lap, kunci)
    if alasan:
        raise GarisTidakSah(alasan)
    r = cari(_milik(lap))
    if r is None:
        raise GarisTidakSah(f'bagian "{kunci}" tidak ada dalam susunan laporan')
    return r


def ganti_judul(lap: Laporan, kunci: str, judul: str) -> None:
    judul = " ".join(judul.split())
    if not judul:
        raise GarisTidakSah("judul bagian tidak boleh kosong")
    daftar, n = _temukan(lap, kunci)
    daftar[n].judul = judul


def pindah(lap: Laporan, kunci: str, arah: int) -> None:
    """Move a part one place up (-1) or down (+1) among its siblings."""
    daftar, n = _temukan(lap, kunci)
    m = n + arah
    if not 0 <= m < len(daftar):
        raise GarisTidakSah("bagian ini sudah di " + ("awal" if arah < 0 else "akhir"))
    daftar[n], daftar[m] = daftar[m], daftar[n]


def tambah_bagian(lap: Laporan, setelah: str, judul: str, jenis: str = "teks") -> Bagian:
    """A new text part right after ``setelah``, at the same level. Inside the per-sasaran
    part it is added for every sasaran."""
    if jenis not in BERTEKS:
        raise GarisTidakSah(f"hanya bagian teks atau daftar yang dapat ditambahkan, bukan {jenis}")
    judul = " ".join(judul.split())
    if not judul:
        raise GarisTidakSah("judul bagian tidak boleh kosong")
    daftar, n = _temukan(lap, setelah)
    acuan = daftar[n]
    awalan = f"sasaran.{S}." if S in acuan.kunci else ""
    import uuid  # imported here: only a new part needs it, and it costs every start (platform)

    baru = Bagian(f"{awalan}tambahan.{uuid.uuid4().hex[:8]}", judul, jenis, dibawa=acuan.dibawa)
    daftar.insert(n + 1, baru)
    return baru


def hapus_bagian(lap: Laporan, kunci: str) -> Bagian:
    """Remove a text part from the outline (its text stays stored, so undo brings it back)."""
    daftar, n = _temukan(lap, kunci)
    b = daftar[n]
    if b.jenis not in BERTEKS:
        raise GarisTidakSah(f'"{b.judul}" bukan bagian teks; hanya bagian teks yang dapat dihapus')
    if any(a.jenis not in BERTEKS for _, a in jelajah(b.anak)):
        raise GarisTidakSah(f'"{b.judul}" memuat tabel atau data; pindahkan isinya dulu')
    return daftar.pop(n)


# ------------------------------------------------------------------ year copy
def teks_tahun_baru(lap: Laporan) -> list[Teks]:
    """The texts a new year copied from ``lap`` starts with: the accepted text of parts marked
    ``dibawa`` (BAB I with Landasan Hukum) and the signing place; no drafts, no analysis."""
    bawa = {b.kunci for _, b in jelajah(garis_besar(lap)) if b.dibawa} | {TTD_TEMPAT}
    return [Teks(t.kunci, t.isi) for t in lap.narasi if t.kunci in bawa and t.isi.strip()]
