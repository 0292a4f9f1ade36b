"""The report as a document, once: a flat list of blocks walked from the unit's outline.

``laporan-<tahun>.md`` (exports.document), ``laporan-<tahun>.docx`` (exports.docx) and
``laporan-<tahun>.pdf`` (exports.pdf) all render :func:`susun`'s blocks, so they cannot differ
in text or order; :func:`sisa` counts what the document still shows as not done. The outline is
:func:`store.narasi.garis_besar` (the seed's by default; a unit may rename, reorder, add and
remove text parts); texts come from :mod:`store.narasi`, figures from :mod:`store.calc` via
the tables and :mod:`exports.ringkasan`.

A text part with no text yet becomes a :class:`Kosong` block, shown visibly in both files so
that no one submits a gap unknowingly; a draft not yet accepted is a :class:`Kosong` that
carries the draft, marked as a draft, never printed as the user's text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from store import dokumen, narasi
from store.models import Bagian as BagianGaris
from store.models import Laporan, Pejabat, SkIku

from . import ringkasan
from .builders.tanggal import tanggal_panjang
from .tables import Tabel


# ---------------------------------------------------------------- blocks
@dataclass(frozen=True)
class Judul:
    teks: str
    tingkat: int          # 1: front-matter title, BAB, Lampiran; 2: A.–F.; 3: a sasaran; 4: its steps
    di_daftar_isi: bool = True


@dataclass(frozen=True)
class Paragraf:
    teks: str
    tebal: bool = False
    tengah: bool = False
    sampul: bool = False  # a line of the cover: large


@dataclass(frozen=True)
class Butir:
    """A list; ``nomor`` "1" numbers 1., 2., …; "" gives bullets."""
    isi: tuple[str, ...]
    nomor: str = "1"


@dataclass(frozen=True)
class Kosong:
    """A text part not written yet (or only a draft): a visible placeholder."""
    judul: str
    kunci: str
    draf: str | None = None
    layar: str = "Narasi (F10)"  # where it is written
    petunjuk: bool = False  # ``draf`` is the unit's own text, which still holds an instruction

    @property
    def label(self) -> str:
        if self.petunjuk:
            return (f"[BELUM SELESAI: {self.judul} masih memuat petunjuk dalam kurung siku. "
                    f"Lengkapi di layar {self.layar}.]")
        if self.draf:
            return f"[DRAF, BELUM DITERIMA: {self.judul}. Terima atau ubah di layar {self.layar}.]"
        return f"[BELUM DIISI: {self.judul}. Tulis di layar {self.layar}.]"


@dataclass(frozen=True)
class BlokTabel:
    tabel: Tabel
    bernomor: bool = True  # False: a table of an annex, with a title but no number


@dataclass(frozen=True)
class TandaTangan:
    atas: tuple[str, ...]   # place and date, "Pihak Pertama", jabatan
    nama: str
    bawah: tuple[str, ...] = ()  # pangkat/golongan, NIP


@dataclass(frozen=True)
class TandaTanganDua:
    kiri: TandaTangan
    kanan: TandaTangan


@dataclass(frozen=True)
class Daftar:
    """Daftar Isi / Tabel / Gambar: a Word field that fills in when the file is opened;
    ``entri`` (level, text) is what it shows until then, and the Markdown's list."""
    jenis: str  # "isi", "tabel", "gambar"
    entri: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class Gambar:
    nomor: str
    judul: str
    keterangan: str  # what to put there (no picture is stored)

    @property
    def label(self) -> str:
        return f"Gambar {self.nomor}. {self.judul}"


@dataclass(frozen=True)
class Bagan:
    """An organisation chart drawn from the structure (store/dokumen.py): ``unit`` lists
    (depth, name) in the positions' order, a unit under the nearest shallower one before it.
    Renderers draw it as a tree; it is captioned and listed like a :class:`Gambar`."""
    nomor: str
    judul: str
    unit: tuple[tuple[int, str], ...]

    @property
    def label(self) -> str:
        return f"Gambar {self.nomor}. {self.judul}"


@dataclass(frozen=True)
class Logo:
    """The cover's logo: PNG bytes as the user gave them (store/dokumen.py limits the size)."""
    png: bytes


@dataclass(frozen=True)
class Seksi:
    """A new part of the document: "depan" (front matter, roman page numbers), "isi" (from
    BAB I, arabic from 1), "lampiran"."""
    jenis: str


@dataclass(frozen=True)
class HalamanBaru:
    pass


Blok = (Judul | Paragraf | Butir | Kosong | BlokTabel | TandaTangan | TandaTanganDua | Daftar | Gambar | Bagan
        | Logo | Seksi | HalamanBaru)

ATUR = "Atur (F8)"
_BUTIR = re.compile(r"^\s*[-•*]\s+")


# ---------------------------------------------------------------- the walk
def susun(lap: Laporan, tabel: Mapping[str, Tabel]) -> list[Blok]:
    """Every block of the report, in order. ``tabel`` maps each table number to its built table."""
    s = _Penyusun(lap, tabel)
    for b in narasi.garis_besar(lap):
        s.bagian(b, 1)
    return s.selesai()


class _Penyusun:
    def __init__(self, lap: Laporan, tabel: Mapping[str, Tabel]) -> None:
        self.lap, self.tabel = lap, tabel
        self.out: list[Blok] = []
        self.seksi = "sampul"
        self.ttd = narasi.tanda_tangan(lap)

    # -- one outline part and its children
    def bagian(self, b: BagianGaris, tingkat: int) -> None:
        jenis = b.jenis
        if jenis == "sampul":
            self.sampul()
        elif jenis.startswith("daftar-"):
            self.halaman_depan()
            self.out += [HalamanBaru(), Judul(b.judul, 1), Daftar(jenis.removeprefix("daftar-"))]
        elif jenis == "bab":
            self.bab(b)
        elif jenis in narasi.BERTEKS:
            if tingkat == 1:  # Kata Pengantar, Ringkasan Eksekutif: own page, in the front matter
                self.halaman_depan()
                self.out.append(HalamanBaru())
            if b.judul_tampil:
                self.out.append(Judul(b.judul, tingkat))
            self.teks(b)
        elif jenis == "tabel":
            t = self.tabel.get(b.tabel or "")
            if t is not None:
                self.out.append(BlokTabel(t))
        elif jenis == "data":
            self.data(b.kunci)
        elif jenis == "ttd":
            self.out.append(self.tanda_tangan())
        elif jenis == "sasaran":
            self.out.append(Judul(b.judul, tingkat))
        elif jenis == "lampiran":
            self.lampiran(b)
        for a in b.anak:
            self.bagian(a, tingkat + 1)

    def halaman_depan(self) -> None:
        if self.seksi == "sampul":
            self.seksi = "depan"
            self.out.append(Seksi("depan"))

    def bab(self, b: BagianGaris) -> None:
        lampiran = b.kunci == "lampiran" or (b.anak and all(a.jenis == "lampiran" for a in b.anak))
        jenis = "lampiran" if lampiran else "isi"
        if self.seksi != jenis:
            self.seksi = jenis
            self.out.append(Seksi(jenis))
        else:
            self.out.append(HalamanBaru())
        self.out.append(Judul(b.judul, 1))

    # -- texts
    def teks(self, b: BagianGaris) -> None:
        status = narasi.status(self.lap, b.kunci)
        if status == "terisi":
            if not b.judul_tampil and b.judul.rstrip().endswith(":"):  # "Alternatif solusi yang diambil adalah :"
                self.out.append(Paragraf(b.judul.strip()))
            if b.jenis == "daftar":
                self.out.append(Butir(tuple(narasi.butir(self.lap, b.kunci))))
            else:
                self.paragraf(narasi.teks(self.lap, b.kunci))
        elif isi := narasi.teks(self.lap, b.kunci).strip():  # written, but an instruction is left in it
            self.out.append(Kosong(b.judul, b.kunci, isi, petunjuk=True))
        elif status == "draf" or not b.opsional:
            self.out.append(Kosong(b.judul, b.kunci, narasi.draf(self.lap, b.kunci)))

    def paragraf(self, isi: str) -> None:
        """Typed text: a paragraph per line; lines starting ``-`` or ``•`` are a bulleted list."""
        butir: list[str] = []
        for baris in isi.splitlines():
            if not baris.strip():
                continue
            if _BUTIR.match(baris):
                butir.append(_BUTIR.sub("", baris).strip())
                continue
            if butir:
                self.out.append(Butir(tuple(butir), ""))
                butir = []
            self.out.append(Paragraf(baris.strip()))
        if butir:
            self.out.append(Butir(tuple(butir), ""))

    # -- parts built from the data
    def sampul(self) -> None:
        lap = self.lap
        if (png := dokumen.logo_png(lap.logo)) is not None:
            self.out.append(Logo(png))
        baris = ["LAPORAN KINERJA INSTANSI PEMERINTAH", "(LKjIP)", lap.instansi.nama.upper(), f"TAHUN {lap.tahun}"]
        if lap.instansi.pemerintah_daerah:
            baris.append(f"PEMERINTAH {lap.instansi.pemerintah_daerah.upper()}")
        self.out += [Paragraf(x, tebal=True, tengah=True, sampul=True) for x in baris]

    def data(self, kunci: str) -> None:
        lap = self.lap
        if kunci == "ringkasan.visi-misi":
            i, r = lap.instansi, lap.renstra
            periode = f"{r.mulai}-{r.akhir}" if r is not None else "-"  # a year without a Renstra yet
            self.out.append(Paragraf(f"Visi {i.nama} yang tertuang dalam Renstra Tahun {periode} adalah :"))
            self.out.append(Paragraf(i.visi, tebal=True) if i.visi.strip() else Kosong("Visi", "visi", layar=ATUR))
            self.out.append(Paragraf(f"Sesuai dengan Visi tersebut maka {i.nama} menetapkan {len(i.misi)} Misi yaitu :"))
            self.out.append(Butir(tuple(i.misi)) if i.misi else Kosong("Misi", "misi", layar=ATUR))
        elif kunci == "ringkasan.capaian":
            self.out.append(Paragraf(ringkasan.jumlah_renstra(lap)))
            self.out += [Paragraf(ringkasan.capaian_sasaran(lap, n, s)) for n, s in enumerate(lap.sasaran, 1)]
            self.out.append(Paragraf(ringkasan.capaian_organisasi(lap)))
        elif kunci == "bab1.organisasi":
            self.organisasi()
        elif kunci == "bab1.bagan":
            self.bagan()

    def pengantar(self, teks: str) -> None:
        """A lead-in, unless the unit's own text just before already ends in one (":")."""
        akhir = self.out[-1] if self.out else None
        if not (isinstance(akhir, Paragraf) and akhir.teks.rstrip().endswith(":")):
            self.out.append(Paragraf(teks))

    def organisasi(self) -> None:
        """The organs of the structure (F8 Atur), numbered, the ones under each lettered.
        Without a structure yet: the units and their posts (Pegawai)."""
        lap = self.lap
        if lap.organisasi:
            self.pengantar(f"Susunan organisasi {lap.instansi.nama} sebagai berikut :")
            self.out += susunan_organisasi(lap)
            return
        unit = lap.pegawai.unit
        if unit:
            self.pengantar(f"Susunan organisasi {lap.instansi.nama} sebagai berikut :")
            # Units with the same posts (every kelurahan) are listed once, together.
            sama: dict[tuple[str, ...], list[str]] = {}
            for u in unit:
                sama.setdefault(tuple(j.nama for j in u.jabatan), []).append(u.nama)
            for n, (jabatan, nama) in enumerate(sama.items(), 1):
                self.out.append(Paragraf(f"{n}. {', '.join(nama)}" + (" (masing-masing)" if len(nama) > 1 else "")))
                if jabatan:
                    self.out.append(Butir(jabatan, "a"))

    def bagan(self) -> None:
        """Gambar 1.1, drawn from the structure (F8 Atur); a placeholder until there is one."""
        lap = self.lap
        judul = f"Struktur Organisasi {lap.instansi.nama}".strip()
        if not lap.organisasi:
            self.out.append(Gambar("1.1", judul, f"[BELUM ADA BAGAN: isi struktur organisasi di layar {ATUR}.]"))
            return
        self.pengantar("Struktur organisasi digambarkan dalam diagram berikut ini :")
        dalam = dokumen.kedalaman(lap.organisasi)
        self.out.append(Bagan("1.1", judul, tuple((k, u.nama) for u, k in zip(lap.organisasi, dalam))))

    def tanda_tangan(self, tanggal: str | None = None, sebagai: tuple[str, ...] = ()) -> TandaTangan:
        """The head's signature: place and date, (``sebagai``: "Pihak Pertama"), post, name,
        rank and NIP; what is not filled in yet shows as ``[…]``."""
        t = self.ttd
        tanggal = tanggal or (tanggal_panjang(t.tanggal) if t.tanggal else "[tanggal]")
        bawah = tuple(x for x in (t.pangkat, f"NIP. {t.nip}" if t.nip else "") if x)
        return TandaTangan((f"{t.tempat or '[tempat]'}, {tanggal}", *sebagai, t.jabatan or "[jabatan kepala]"),
                           t.nama or "[nama kepala]", bawah)

    def lampiran(self, b: BagianGaris) -> None:
        lap = self.lap
        nama, pemda = lap.instansi.nama, lap.instansi.pemerintah_daerah
        if b.kunci == "lampiran.pk":
            pk = self.tabel.get("2.4")
            self.halaman_baru()
            self.out += [Judul(f"Perjanjian Kinerja Tahun {lap.tahun}", 2),
                         Paragraf(f"{nama} {pemda}".strip().upper(), tebal=True, tengah=True)]
            if pk is not None:  # the targets and the program budgets (murni) of Tabel 2.4
                self.out.append(BlokTabel(Tabel("", "", pk.bagian[:2], desimal=pk.desimal), bernomor=False))
            self.out.append(self.ttd_pk())
        elif b.kunci == "lampiran.iku":
            iku = self.tabel.get("2.3")
            sk = lap.sk_iku
            self.halaman_baru()
            self.out.append(Judul(f"Indikator Kinerja Utama (IKU) {nama}".strip(), 2))
            if sk is not None:  # the annex of the decree that set the IKU
                self.out += [Paragraf(x) for x in _kepala_sk(sk, kepala_unit(lap))]
            if iku is not None:
                self.out.append(BlokTabel(Tabel("", "", iku.bagian, desimal=iku.desimal), bernomor=False))
            self.out.append(self.tanda_tangan() if sk is None or not sk.penetap.nama
                            else _ttd_pejabat(sk.penetap, ()))

    def ttd_pk(self) -> TandaTanganDua:
        """The year's PK as signed (F8 Atur): the head of that time is Pihak Pertama. Not entered
        yet: the head of today, the day left for the pen, the head of region's name to fill."""
        lap, pk = self.lap, self.lap.perjanjian
        pemda = lap.instansi.pemerintah_daerah
        if pk is None:
            kanan = self.tanda_tangan(f"............ {lap.tahun}", ("Pihak Pertama",))
            kiri = TandaTangan(("", "Pihak Kedua", kepala_daerah(pemda)), f"[nama kepala daerah: isi di {ATUR}]")
            return TandaTanganDua(kiri, kanan)
        tanggal = dokumen.tulis_tanggal(pk.tanggal) if pk.tanggal else f"............ {lap.tahun}"
        kanan = _ttd_pejabat(pk.pihak_pertama, (f"{pk.tempat or '[tempat]'}, {tanggal}", "Pihak Pertama"))
        kiri = _ttd_pejabat(pk.pihak_kedua, ("", "Pihak Kedua"), kepala_daerah(pemda))
        return TandaTanganDua(kiri, kanan)

    def halaman_baru(self) -> None:
        if not isinstance(self.out[-1], Judul):  # a heading just printed keeps its first part with it
            self.out.append(HalamanBaru())

    # -- the lists of contents, filled once every heading and caption is known
    def selesai(self) -> list[Blok]:
        isi = tuple((b.tingkat, b.teks) for b in self.out if isinstance(b, Judul) and b.di_daftar_isi
                    and b.tingkat <= 2)
        tabel = tuple((1, b.tabel.keterangan) for b in self.out if isinstance(b, BlokTabel) and b.bernomor)
        gambar = tuple((1, b.label) for b in self.out if isinstance(b, (Gambar, Bagan)))
        entri = {"isi": isi, "tabel": tabel, "gambar": gambar}
        return [replace(b, entri=entri.get(b.jenis, ())) if isinstance(b, Daftar) else b for b in self.out]


def susunan_organisasi(lap: Laporan) -> list[Blok]:
    """BAB I's list, as the seed writes it: the head and the organs directly under it numbered
    (``2. Sekretariat, yang membawahi :``), the ones under those lettered. Deeper units are
    only in the chart."""
    unit, dalam = lap.organisasi, dokumen.kedalaman(lap.organisasi)
    atas = 1 if sum(1 for k in dalam if k == 0) == 1 else 0  # one head: its organs are numbered with it
    out: list[Blok] = []
    n = 0
    for i, (u, k) in enumerate(zip(unit, dalam)):
        if k > atas:
            continue
        anak = tuple(x.nama for x, kx in zip(unit, dalam) if x.induk == i and kx > atas)
        n += 1
        out.append(Paragraf(f"{n}. {u.nama}" + (", yang membawahi :" if anak else "")))
        if anak:
            out.append(Butir(anak, "a"))
    return out


def kepala_unit(lap: Laporan) -> str:
    """``Camat Balikpapan Selatan`` from the unit ``Kecamatan Balikpapan Selatan``."""
    return lap.instansi.kepala.jabatan or lap.instansi.nama


def _kepala_sk(sk: SkIku, penetap: str) -> list[str]:
    tanggal = dokumen.tulis_tanggal(sk.tanggal) if sk.tanggal else "[tanggal]"
    baris = [f"Lampiran : Keputusan {sk.penetap.jabatan or penetap}", f"Nomor : {sk.nomor or '[nomor]'}",
             f"Tanggal : {tanggal}"]
    return baris + ([f"Tentang : {sk.judul}"] if sk.judul else [])


def _ttd_pejabat(p: Pejabat, atas: tuple[str, ...], jabatan: str = "") -> TandaTangan:
    return TandaTangan((*atas, p.jabatan or jabatan or "[jabatan]"), p.nama or "[nama]",
                       (f"NIP. {dokumen.tulis_nip(p.nip)}",) if p.nip else ())


@dataclass(frozen=True)
class Sisa:
    """What the document still shows as not done: placeholders (a part not written, a text
    with an instruction left, a figure or a name not filled in) and drafts not accepted."""
    kosong: int
    draf: int

    def __str__(self) -> str:
        if not self.kosong and not self.draf:
            return "Dokumen laporan lengkap: tidak ada bagian kosong atau draf."
        return (f"Dokumen laporan masih memuat {self.kosong} tanda belum diisi dan {self.draf} draf belum diterima "
                "(lihat lkjip check).")


_TEMPAT = re.compile(r"\[[^\]]+\]")  # "[nama kepala]", "[tanggal]", "[BELUM ADA GAMBAR: …]"


def sisa(lap: Laporan) -> Sisa:
    """Counts :class:`Sisa` over the document's blocks (tables are not needed for it)."""
    kosong = draf = 0
    for b in susun(lap, {}):
        if isinstance(b, Kosong):
            if b.draf and not b.petunjuk:
                draf += 1
            else:
                kosong += 1
        elif isinstance(b, (TandaTangan, TandaTanganDua, Gambar)):
            kosong += len(_TEMPAT.findall(_teks_blok(b)))
    return Sisa(kosong, draf)


def _teks_blok(b: object) -> str:
    if isinstance(b, TandaTanganDua):
        return _teks_blok(b.kiri) + _teks_blok(b.kanan)
    if isinstance(b, TandaTangan):
        return " ".join((*b.atas, b.nama, *b.bawah))
    if isinstance(b, Gambar):
        return b.keterangan
    return ""


_KEPALA_DAERAH = (("kota ", "Wali Kota "), ("kabupaten ", "Bupati "), ("provinsi ", "Gubernur "))


def kepala_daerah(pemda: str) -> str:
    """The head of region who signs the Perjanjian Kinerja as pihak kedua: ``Kota Balikpapan``
    → ``Wali Kota Balikpapan``."""
    for awal, jabatan in _KEPALA_DAERAH:
        if pemda.lower().startswith(awal):
            return jabatan + pemda[len(awal):].strip()
    return f"Kepala Daerah {pemda}".strip() if pemda else "[jabatan kepala daerah]"
