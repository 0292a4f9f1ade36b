"""Pengaturan (F8 "Atur"): the unit, its head, visi and misi, the Renstra, the category scale,
decimals, the document's own data (organisation, PK, IKU decree, logo: ``dokumen.py``), and the report years (switch and create: the forms live in ``tahun.py``, the field
readers in ``widgets/pembaca_pengaturan.py``).

The screen is a list of settings; Enter on a row opens a small form (a modal with a check on
every field and one message listing everything that is wrong). Changes are saved at once
through ``app.ubah_kepala`` and can be undone with ctrl+z. With an empty database this is
where the first report year is created.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from store import aturan
from store.aturan import MAKS_DESIMAL, periksa_skala
from store.models import DEFAULT_SKALA, Kepala, Laporan, Renstra

from ..tombol import ikat
from ..widgets.formulir import Formulir, Isian
from ..widgets.pembaca import wajib
from ..widgets.pembaca_pengaturan import (
    baca_band,
    baca_daftar_tahun,
    baca_desimal,
    baca_nip,
    baca_tahun,
    ringkas_skala,
    tulis_band,
    tulis_daftar_tahun,
    tulis_nip,
)
from . import dokumen
from .base import LayarDasar
from .konfirmasi import KonfirmasiScreen

BARIS_SKALA = 7


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
        tabel: DataTable = DataTable(cursor_type="row", zebra_stripes=True, id="p-tabel")
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
        assert r is not None  # Laporan.__post_init__ fills it
        hasil.append(Baris("renstra", "Renstra", Text(f"{r.mulai}–{r.akhir} · tahun target "
                                                      f"{tulis_daftar_tahun(r.tahun_target) or '-'}")))
        hasil.append(Baris("desimal", "Angka desimal", Text(f"{lap.pengaturan.desimal} angka di belakang koma")))
        skala = Text("bawaan: " if lap.pengaturan.skala_kategori is None else "", style="dim")
        skala.append(ringkas_skala(lap.pengaturan.skala))
        hasil.append(Baris("skala", "Skala kategori", skala))
        hasil += [Baris(k, label, isi) for k, label, isi in dokumen.baris(lap)]
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

    def _ubah(self, mutasi: Callable[[Laporan], object], keterangan: str) -> bool:
        lap = self.app.laporan()
        tiruan = copy.copy(lap)
        bagian_kepala = ("instansi", "renstra", "pengaturan", *dokumen.BAGIAN)
        for bagian in bagian_kepala:
            setattr(tiruan, bagian, copy.deepcopy(getattr(lap, bagian)))
        mutasi(tiruan)
        if all(getattr(tiruan, b) == getattr(lap, b) for b in bagian_kepala):
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
        elif key in dokumen.KUNCI:
            self._form_dokumen(key)

    def _form_dokumen(self, key: str) -> None:
        form, ubahan, keterangan = dokumen.formulir(key, self.app.laporan())

        def selesai(h: dict | None) -> None:
            if h is not None:
                self._ubah(ubahan(h), keterangan)

        self.app.buka_formulir(form, selesai)

    def _form_instansi(self, fokus: str) -> None:
        ins = self.app.laporan().instansi
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

        self.app.buka_formulir(Formulir("Unit kerja dan kepala", isian, fokus=fokus, fokus_galat=True), selesai)

    def _form_misi(self, n: int | None) -> None:
        misi = self.app.laporan().instansi.misi
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
                n_baru = len(self.app.laporan().instansi.misi)  # the year's header is a new one now
                self.tabel.move_cursor(row=self.tabel.get_row_index(f"misi#{n_baru}"))

        judul = f"Misi {n}" if n else f"Misi baru (nomor {len(misi) + 1})"
        self.app.buka_formulir(Formulir(judul, [Isian("misi", "Misi", awal, wajib("misi"))], fokus_galat=True),
                             selesai)

    def action_tambah_misi(self) -> None:
        if not self.boleh_ubah():  # first: with no year there are no misi to count
            return
        if len(self.app.laporan().instansi.misi) >= aturan.MAKS_BUTIR:  # the limit import applies (store/aturan.py)
            self.notify(f"Paling banyak {aturan.MAKS_BUTIR} misi.", severity="warning")
            return
        self._form_misi(None)

    def action_hapus_misi(self) -> None:
        key = self._baris_terpilih() or ""
        if not key.startswith("misi#") or key == "misi#0":
            self.notify("Pilih baris misi yang akan dihapus.", severity="warning")
            return
        if not self.boleh_ubah():
            return
        n = int(key.split("#")[1])
        lap = self.app.laporan()
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
        lap = self.app.laporan()
        r = lap.renstra
        assert r is not None  # Laporan.__post_init__ fills it
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

        self.app.buka_formulir(Formulir("Renstra dan angka desimal", isian, periksa=periksa, fokus=fokus,
                                      fokus_galat=True), selesai)

    def _form_skala(self) -> None:
        lap = self.app.laporan()
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
        self.app.buka_formulir(Formulir("Skala kategori capaian", isian, periksa=periksa, catatan=catatan,
                                      fokus_galat=True), selesai)

    def action_skala_bawaan(self) -> None:
        if not self.boleh_ubah() or self.app.laporan().pengaturan.skala_kategori is None:
            return

        def jawab(ya: bool | None) -> None:
            if ya:
                self._ubah(lambda lap: setattr(lap.pengaturan, "skala_kategori", None), "skala bawaan")

        self.app.push_screen(KonfirmasiScreen("Kembalikan skala kategori ke bawaan?\n" + ringkas_skala(DEFAULT_SKALA)),
                             jawab)

    # the app's commands (lkjip_tui/perintah.py sits above the screens)
    def action_tahun(self) -> None:
        self.app.pilih_tahun()

    def action_tahun_baru(self) -> None:
        self.app.buat_tahun_baru()

    def action_riwayat(self) -> None:
        self.app.lihat_riwayat()

    def action_cadangan(self) -> None:
        self.app.lihat_cadangan()
