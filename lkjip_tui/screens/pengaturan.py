"""Pengaturan (F8 "Atur"): the unit, its head, visi and misi, the Renstra, the category scale,
decimals, and the report years (switch, create empty or copied from another year).

The screen is a list of settings; Enter on a row opens a small form (a modal with a check on
every field and one message listing everything that is wrong). Changes are saved at once
through ``app.ubah_kepala`` and can be undone with ctrl+z. With an empty database this is
where the first report year is created.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from store.aturan import MAKS_DESIMAL, alasan_desimal, periksa_skala
from store.models import DEFAULT_SKALA, Band, Kepala, Laporan, Renstra
from store.numbers import format_bebas
from store.tahun import laporan_kosong, salin_laporan

from ..tombol import ikat
from ..widgets.formulir import Formulir, Isian
from ..widgets.modal import Modal
from ..widgets.pembaca import angka, bulat, wajib
from .base import LayarDasar
from .konfirmasi import KonfirmasiScreen

TAHUN_MIN, TAHUN_MAX = 1990, 2100
BARIS_SKALA = 7


# ================================================================ readers (text -> value)
def baca_tahun(teks: str) -> int:
    t = bulat(teks)
    if t is None:
        raise ValueError("wajib diisi")
    if not TAHUN_MIN <= t <= TAHUN_MAX:
        raise ValueError(f"tahun harus antara {TAHUN_MIN} dan {TAHUN_MAX}")
    return t


def baca_desimal(teks: str) -> int:
    d = bulat(teks)
    if d is None:
        raise ValueError("wajib diisi")
    if (alasan := alasan_desimal(d)) is not None:
        raise ValueError(alasan)
    return d


def baca_nip(teks: str) -> str | None:
    s = teks.strip().replace(" ", "")
    if not s:
        return None
    if not s.isdigit():
        raise ValueError("hanya boleh berisi angka (spasi boleh)")
    if len(s) != 18:
        raise ValueError(f"NIP terdiri dari 18 angka (tertulis {len(s)})")
    return s


def tulis_nip(nip: str | None) -> str | None:
    """``197001011995031002`` → ``19700101 199503 1 002`` (birth date, appointment, sex, number)."""
    if nip and len(nip) == 18 and nip.isdigit():
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return nip


def baca_daftar_tahun(teks: str) -> list[int]:
    """``2017-2021`` or ``2017, 2018, 2019`` (or a mix)."""
    hasil: list[int] = []
    for bagian in re.split(r"[,;\s]+", teks.strip()):
        if not bagian:
            continue
        m = re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})", bagian)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            if a > b:
                raise ValueError(f"rentang {bagian}: tahun awal sesudah tahun akhir")
            hasil += range(a, b + 1)
        elif re.fullmatch(r"\d{4}", bagian):
            hasil.append(int(bagian))
        else:
            raise ValueError(f'"{bagian}" bukan tahun (tulis mis. 2017-2021 atau 2017, 2018)')
    if not hasil:
        raise ValueError("isi paling sedikit satu tahun target")
    return sorted(set(hasil))


def tulis_daftar_tahun(tahun: Sequence[int]) -> str:
    t = sorted(tahun)
    if t and t == list(range(t[0], t[-1] + 1)) and len(t) > 2:
        return f"{t[0]}-{t[-1]}"
    return ", ".join(map(str, t))


_BAND = re.compile(r"^(?P<label>.*?)\s*(?P<op>>=|≥|=>|>)\s*(?P<min>[^<>=≥]+)$")


def baca_band(teks: str) -> Band | None:
    """``Tinggi >= 91`` / ``Sangat Tinggi > 100`` / ``Sangat Rendah`` (the rest); blank: None."""
    s = teks.strip()
    if not s:
        return None
    m = _BAND.match(s)
    if m is None:
        if any(c in s for c in "<>=≥"):
            raise ValueError(f'"{s}" tidak dapat dibaca; tulis mis. "Tinggi >= 91"')
        return Band(s, None, True)
    label = m.group("label").strip()
    if not label:
        raise ValueError("nama kategori kosong")
    nilai = angka(m.group("min"))
    if nilai is None:
        raise ValueError("batas kosong")
    return Band(label, nilai, m.group("op") != ">")


def tulis_band(b: Band) -> str:
    if b.min is None:
        return b.label
    return f"{b.label} {'>=' if b.termasuk_min else '>'} {format_bebas(b.min)}"


def ringkas_skala(skala: Sequence[Band]) -> str:
    return " · ".join(f"{'≥' if b.termasuk_min else '>'}{format_bebas(b.min)} {b.label}" if b.min is not None
                      else f"sisanya {b.label}" for b in skala)


# ================================================================ report years
def TahunBaruScreen(app, tahun: int | None = None) -> Formulir:
    """The form that creates a report year (empty, or copied from an existing one)."""
    ada = app.repo.tahun_tersedia()
    lap = app.lap

    def baca_baru(teks: str) -> int:
        t = baca_tahun(teks)
        if t in ada:
            raise ValueError(f"tahun {t} sudah ada; pilih lewat T (ganti tahun)")
        return t

    def baca_sumber(teks: str) -> int | None:
        if not teks.strip():
            return None
        t = bulat(teks)
        if t not in ada:
            raise ValueError(f"tahun {t} tidak ada" + (f" (tersedia: {', '.join(map(str, ada))})" if ada else
                                                       "; kosongkan untuk mulai dari nol"))
        return t

    usul = tahun or (max(ada) + 1 if ada else date.today().year)
    isian = [
        Isian("tahun", "Tahun laporan", "" if usul is None else str(usul), baca_baru, "mis. 2025"),
        Isian("nama", "Nama unit kerja", lap.instansi.nama if lap else "", wajib("nama unit kerja"),
              "mis. Kecamatan Balikpapan Selatan"),
    ]
    if ada:
        isian.append(Isian("salin", "Salin dari tahun", str(lap.tahun if lap else max(ada)), baca_sumber,
                           "kosong = mulai dari nol"))
    catatan = ("Menyalin: unit, Renstra, sasaran, indikator beserta target dan realisasi tahun-tahun "
               "sebelumnya, program/kegiatan/subkegiatan dengan pagu, pegawai, AKIP, serta teks BAB I "
               "dan Landasan Hukum. Isian triwulan, realisasi anggaran dan teks analisis tahun baru "
               "dikosongkan. Kosongkan 'Salin dari tahun' untuk mulai dari nol.") if ada else "Cukup tahun dan nama unit untuk mulai; sisanya dapat diisi nanti."
    return Formulir("Buat tahun laporan baru" if ada else "Buat tahun laporan pertama", isian,
                    catatan=catatan, fokus_galat=True)


def buat_tahun(app, hasil: dict) -> bool:
    """Create and open the year described by :func:`TahunBaruScreen`'s result."""
    tahun, nama, salin = hasil["tahun"], hasil["nama"], hasil.get("salin")
    if salin is not None:
        lap = salin_laporan(app.repo.muat(salin), tahun)
        lap.instansi.nama = nama
    else:
        lap = laporan_kosong(tahun, nama)
    try:
        app.repo.simpan_laporan(lap)
    except Exception as e:
        app.notify(f"Tahun {tahun} gagal dibuat: {e}", severity="error", timeout=8)
        return False
    app.ganti_laporan(app.repo.muat(tahun))
    asal = f"disalin dari {salin}" if salin is not None else "kosong"
    app.notify(f"Tahun {tahun} dibuat ({asal}) dan dibuka.")
    r = lap.renstra
    if not r.mulai <= tahun <= r.akhir:
        app.notify(f"Tahun {tahun} di luar Renstra {r.mulai}–{r.akhir}: perbarui Renstra dan targetnya di F8 Atur.",
                   severity="warning", timeout=10)
    return True


class PilihTahunScreen(Modal[int | str | None]):
    """The years in the database; Enter opens one, or "baru" creates a new one."""

    BINDINGS = [Binding("escape", "batal", "Batal"), Binding("n", "baru", "Tahun baru")]

    def __init__(self, ada: Sequence[int], aktif: int | None, boleh_baru: bool):
        super().__init__()
        self.ada, self.aktif, self.boleh_baru = list(ada), aktif, boleh_baru

    def compose(self) -> ComposeResult:
        opsi = [Option(Text(f"{t}" + ("  (terbuka)" if t == self.aktif else "")), id=str(t)) for t in self.ada]
        if self.boleh_baru:
            opsi.append(Option(Text("+ Buat tahun baru…"), id="baru"))
        with Vertical(id="pilih-tahun"):
            yield Static(Text("Tahun laporan", style="bold"))
            yield OptionList(*opsi, id="daftar-tahun")
            petunjuk = "Enter: buka · N: tahun baru · Esc: batal" if self.boleh_baru else "Enter: buka · Esc: batal"
            yield Static(Text(petunjuk, style="dim"))

    def on_mount(self) -> None:
        ol = self.query_one(OptionList)
        ol.focus()
        if self.aktif in self.ada:
            ol.highlighted = self.ada.index(self.aktif)

    @on(OptionList.OptionSelected)
    def _pilih(self, event: OptionList.OptionSelected) -> None:
        self.dismiss("baru" if event.option.id == "baru" else int(event.option.id))

    def action_baru(self) -> None:
        if self.boleh_baru:
            self.dismiss("baru")

    def action_batal(self) -> None:
        self.dismiss(None)


# ================================================================ the screen
@dataclass
class Baris:
    key: str
    label: str
    isi: Text = field(default_factory=Text)


INSTANSI = ("nama", "pemda", "kepala", "jabatan", "pangkat", "nip", "visi")


class PengaturanScreen(LayarDasar):
    PESAN_KOSONG = "Buat tahun laporan dulu (N)."
    MODE = "pengaturan"
    JUDUL = "Pengaturan"
    BANTUAN = ("Data unit kerja dan pengaturan tahun laporan yang terbuka. Enter membuka isian baris "
               "terpilih; semua perubahan langsung tersimpan dan dapat diurungkan dengan ctrl+z. "
               "Skala kategori: satu kategori per baris dari atas, mis. 'Tinggi >= 91' atau "
               "'Sangat Tinggi > 100'; baris terakhir hanya nama (untuk nilai sisanya). "
               "T membuka daftar tahun (ganti tahun atau buat tahun baru, kosong atau salinan); N langsung "
               "membuat tahun baru. B mengembalikan skala kategori ke bawaan.")
    BINDINGS = [
        ikat("ubah", "ubah", kunci_lain="enter", priority=True),
        ikat("tambah", "tambah_misi", "Misi baru"),
        ikat("hapus", "hapus_misi"),
        ikat("tahun", "tahun"),
        ikat("tahun-baru", "tahun_baru", show=False),
        ikat("riwayat", "riwayat", show=False),
        ikat("cadangan", "cadangan", show=False),
        Binding("b", "skala_bawaan", "Skala bawaan", show=False, id="skala-bawaan"),
    ]

    def isi(self) -> ComposeResult:
        yield Static(id="p-info", classes="ringkas")
        tabel = DataTable(cursor_type="row", zebra_stripes=True, id="p-tabel")
        tabel.add_column("Pengaturan", key="label", width=18)
        tabel.add_column("Isi", key="isi", width=56)
        yield tabel
        yield Static(id="p-detail", classes="ringkas")

    @property
    def tabel(self) -> DataTable:
        return self.query_one("#p-tabel", DataTable)

    def on_mount(self) -> None:
        super().on_mount()
        self.tabel.focus()

    # ------------------------------------------------------------ drawing
    def teks_db(self) -> str:
        """Where the open database is (Enter on its row: backups and restore)."""
        return str(self.app.repo.path)

    def baris(self) -> list[Baris]:
        lap = self.app.lap
        ada = self.app.repo.tahun_tersedia()
        tahun = Text(f"{lap.tahun}" if lap else "belum ada", style="bold")
        tahun.append(f"   tersedia: {', '.join(map(str, ada)) or '-'}", style="dim")
        db = Baris("db", "Basis data", Text(self.teks_db()))
        if lap is None:
            return [Baris("tahun", "Tahun laporan", tahun), db]

        def t(s: str | None, kosong: str = "- (belum diisi)") -> Text:
            return Text(s) if s else Text(kosong, style="dim")

        ins = lap.instansi
        hasil = [
            Baris("tahun", "Tahun laporan", tahun),
            Baris("nama", "Unit kerja", t(ins.nama)),
            Baris("pemda", "Pemerintah daerah", t(ins.pemerintah_daerah)),
            Baris("kepala", "Kepala", t(ins.kepala.nama)),
            Baris("jabatan", "Jabatan kepala", t(ins.kepala.jabatan)),
            Baris("pangkat", "Pangkat/golongan", t(ins.kepala.pangkat)),
            Baris("nip", "NIP kepala", t(tulis_nip(ins.kepala.nip))),
            Baris("visi", "Visi", t(ins.visi)),
        ]
        for n, m in enumerate(ins.misi, 1):
            hasil.append(Baris(f"misi#{n}", f"Misi {n}", Text(m)))
        if not ins.misi:
            hasil.append(Baris("misi#0", "Misi", Text("- (A untuk menambah)", style="dim")))
        r = lap.renstra
        hasil.append(Baris("renstra", "Renstra", Text(f"{r.mulai}–{r.akhir} · tahun target "
                                                      f"{tulis_daftar_tahun(r.tahun_target) or '-'}")))
        hasil.append(Baris("desimal", "Angka desimal", Text(f"{lap.pengaturan.desimal} angka di belakang koma")))
        skala = Text("bawaan: " if lap.pengaturan.skala_kategori is None else "", style="dim")
        skala.append(ringkas_skala(lap.pengaturan.skala))
        hasil.append(Baris("skala", "Skala kategori", skala))
        hasil.append(db)
        return hasil

    def segarkan(self) -> None:
        lap = self.app.lap
        info = self.query_one("#p-info", Static)
        if lap is None:
            pesan = Text("Basis data masih kosong. ", style="bold")
            pesan.append("Tekan N untuk membuat tahun laporan pertama (cukup nama unit dan tahun)."
                         if not self.app.hanya_baca else "Basis data hanya-baca: tahun baru tidak dapat dibuat.")
            info.update(pesan)
        elif self.app.hanya_baca:
            info.update(Text("HANYA-BACA: pengaturan hanya dapat dilihat. T: lihat tahun lain.", style="bold"))
        else:
            info.update(Text("Enter ubah · A/D misi · T ganti tahun · N tahun baru · B skala bawaan · "
                             "R riwayat · C cadangan/pulihkan", style="dim"))
        tabel = self.tabel
        pos = tabel.cursor_row
        tabel.clear()
        for b in self.baris():
            isi = b.isi.copy()
            isi.no_wrap, isi.overflow = True, "ellipsis"
            tabel.add_row(Text(b.label, style="bold"), isi, key=b.key)
        if tabel.row_count:
            tabel.move_cursor(row=min(pos, tabel.row_count - 1))
        self._detail()

    def _detail(self) -> None:
        """The whole text of the highlighted row (the table cuts long ones)."""
        key = self._baris_terpilih()
        b = next((b for b in self.baris() if b.key == key), None)
        teks = Text()
        if b is not None:
            teks.append(f"{b.label}: ", style="bold")
            teks.append_text(b.isi)
        self.query_one("#p-detail", Static).update(teks)

    @on(DataTable.RowHighlighted, "#p-tabel")
    def _pindah(self, event: DataTable.RowHighlighted) -> None:
        self._detail()

    def _baris_terpilih(self) -> str | None:
        t = self.tabel
        if not t.row_count:
            return None
        return t.coordinate_to_cell_key(t.cursor_coordinate).row_key.value

    # ------------------------------------------------------------ actions

    def _ubah(self, mutasi: Callable[[Laporan], None], keterangan: str) -> bool:
        lap = self.app.lap
        tiruan = copy.copy(lap)
        for bagian in ("instansi", "renstra", "pengaturan"):
            setattr(tiruan, bagian, copy.deepcopy(getattr(lap, bagian)))
        mutasi(tiruan)
        if all(getattr(tiruan, b) == getattr(lap, b) for b in ("instansi", "renstra", "pengaturan")):
            self.notify("Tidak ada perubahan.")
            return False
        ok = self.app.ubah_kepala(mutasi, keterangan)
        self.segarkan()
        return ok

    def action_ubah(self) -> None:
        key = self._baris_terpilih()
        if key == "tahun" or key is None:
            self.action_tahun()
            return
        if key == "db":  # the database: its backups (and restore) live here
            self.action_cadangan()
            return
        if not self.boleh_ubah():
            return
        if key in INSTANSI:
            self._form_instansi(key)
        elif key.startswith("misi#"):
            n = int(key.split("#")[1])
            if n == 0:
                self.action_tambah_misi()
            else:
                self._form_misi(n)
        elif key in ("renstra", "desimal"):
            self._form_renstra(key)
        elif key == "skala":
            self._form_skala()

    def _form_instansi(self, fokus: str) -> None:
        ins = self.app.lap.instansi
        isian = [
            Isian("nama", "Unit kerja", ins.nama, wajib("nama unit kerja")),
            Isian("pemda", "Pemerintah daerah", ins.pemerintah_daerah, str.strip, "mis. Kota Balikpapan"),
            Isian("kepala", "Kepala", ins.kepala.nama, str.strip),
            Isian("jabatan", "Jabatan kepala", ins.kepala.jabatan, str.strip, "mis. Camat Balikpapan Selatan"),
            Isian("pangkat", "Pangkat/golongan", ins.kepala.pangkat, str.strip, "mis. Pembina Tk. I (IV/b)"),
            Isian("nip", "NIP kepala", tulis_nip(ins.kepala.nip) or "", baca_nip, "18 angka; boleh kosong"),
            Isian("visi", "Visi", ins.visi, str.strip),
        ]

        def selesai(h: dict | None) -> None:
            if h is None:
                return

            def mutasi(lap: Laporan) -> None:
                i = lap.instansi
                i.nama, i.pemerintah_daerah, i.visi = h["nama"], h["pemda"], h["visi"]
                i.kepala = Kepala(h["kepala"], h["jabatan"], h["nip"], h["pangkat"])

            self._ubah(mutasi, "data unit kerja")

        self.app.push_screen(Formulir("Unit kerja dan kepala", isian, fokus=fokus, fokus_galat=True), selesai)

    def _form_misi(self, n: int | None) -> None:
        misi = self.app.lap.instansi.misi
        awal = misi[n - 1] if n else ""

        def selesai(h: dict | None) -> None:
            if h is None:
                return

            def mutasi(lap: Laporan) -> None:
                if n:
                    lap.instansi.misi[n - 1] = h["misi"]
                else:
                    lap.instansi.misi.append(h["misi"])

            self._ubah(mutasi, f"misi {n}" if n else "tambah misi")
            if not n:
                self.tabel.move_cursor(row=self.tabel.get_row_index(f"misi#{len(misi)}"))

        judul = f"Misi {n}" if n else f"Misi baru (nomor {len(misi) + 1})"
        self.app.push_screen(Formulir(judul, [Isian("misi", "Misi", awal, wajib("misi"))], fokus_galat=True),
                             selesai)

    def action_tambah_misi(self) -> None:
        if self.boleh_ubah():
            self._form_misi(None)

    def action_hapus_misi(self) -> None:
        key = self._baris_terpilih() or ""
        if not key.startswith("misi#") or key == "misi#0":
            self.notify("Pilih baris misi yang akan dihapus.", severity="warning")
            return
        if not self.boleh_ubah():
            return
        n = int(key.split("#")[1])
        lap = self.app.lap
        dipakai = [t.id for t in lap.tujuan if t.misi >= n]
        if dipakai:
            self.notify(f"Misi {n} tidak dapat dihapus: tujuan {', '.join(dipakai)} merujuk misi nomor {n} atau "
                        "sesudahnya (nomornya akan bergeser). Ubah tujuannya dulu di F3.",
                        severity="error", timeout=10)
            return

        def jawab(ya: bool | None) -> None:
            if ya:
                self._ubah(lambda lap: lap.instansi.misi.pop(n - 1), f"hapus misi {n}")

        self.app.push_screen(KonfirmasiScreen(f"Hapus misi {n}?\n\n{lap.instansi.misi[n - 1]}"), jawab)

    def _form_renstra(self, fokus: str) -> None:
        lap = self.app.lap
        r = lap.renstra
        isian = [
            Isian("mulai", "Renstra mulai", str(r.mulai), baca_tahun),
            Isian("akhir", "Renstra akhir", str(r.akhir), baca_tahun),
            Isian("target", "Tahun target", tulis_daftar_tahun(r.tahun_target), baca_daftar_tahun,
                  "mis. 2017-2021"),
            Isian("desimal", "Angka desimal", str(lap.pengaturan.desimal), baca_desimal, f"0 sampai {MAKS_DESIMAL}"),
        ]

        def periksa(h: dict) -> list[str]:
            galat = []
            if h["mulai"] > h["akhir"]:
                galat.append(f"Renstra mulai ({h['mulai']}) sesudah akhir ({h['akhir']})")
            else:
                luar = [t for t in h["target"] if not h["mulai"] <= t <= h["akhir"]]
                if luar:
                    galat.append(f"tahun target {', '.join(map(str, luar))} di luar Renstra {h['mulai']}–{h['akhir']}")
            return galat

        def selesai(h: dict | None) -> None:
            if h is None:
                return

            def mutasi(lap: Laporan) -> None:
                lap.renstra = Renstra(h["mulai"], h["akhir"], h["target"])
                lap.pengaturan.desimal = h["desimal"]

            self._ubah(mutasi, "Renstra dan desimal")
            if not h["mulai"] <= lap.tahun <= h["akhir"]:
                self.notify(f"Catatan: tahun laporan {lap.tahun} di luar Renstra {h['mulai']}–{h['akhir']}.",
                            severity="warning")

        self.app.push_screen(Formulir("Renstra dan angka desimal", isian, periksa=periksa, fokus=fokus,
                                      fokus_galat=True), selesai)

    def _form_skala(self) -> None:
        lap = self.app.lap
        skala = list(lap.pengaturan.skala)
        isian = [Isian(f"band{n}", f"Kategori {n + 1}", tulis_band(skala[n]) if n < len(skala) else "", baca_band)
                 for n in range(max(BARIS_SKALA, len(skala)))]

        def periksa(h: dict) -> list[str]:
            return periksa_skala([b for b in h.values() if b is not None])

        def selesai(h: dict | None) -> None:
            if h is None:
                return
            band = [b for b in h.values() if b is not None]
            baru = None if not band or band == list(DEFAULT_SKALA) else band
            self._ubah(lambda lap: setattr(lap.pengaturan, "skala_kategori", baru), "skala kategori")

        catatan = ("Dari atas ke bawah; kategori pertama yang cocok dipakai. Tulis 'Nama >= angka' "
                   "(termasuk batas) atau 'Nama > angka'; baris terakhir hanya nama (sisanya). "
                   "Kosongkan semua untuk skala bawaan.")
        self.app.push_screen(Formulir("Skala kategori capaian", isian, periksa=periksa, catatan=catatan,
                                      fokus_galat=True), selesai)

    def action_skala_bawaan(self) -> None:
        if not self.boleh_ubah() or self.app.lap.pengaturan.skala_kategori is None:
            return

        def jawab(ya: bool | None) -> None:
            if ya:
                self._ubah(lambda lap: setattr(lap.pengaturan, "skala_kategori", None), "skala bawaan")

        self.app.push_screen(KonfirmasiScreen("Kembalikan skala kategori ke bawaan?\n" + ringkas_skala(DEFAULT_SKALA)),
                             jawab)

    def action_tahun(self) -> None:
        from ..perintah import pilih_tahun

        pilih_tahun(self.app)

    def action_tahun_baru(self) -> None:
        from ..perintah import buat_tahun_baru

        buat_tahun_baru(self.app)

    def action_riwayat(self) -> None:
        from ..perintah import riwayat

        riwayat(self.app)

    def action_cadangan(self) -> None:
        from ..perintah import cadangan

        cadangan(self.app)
