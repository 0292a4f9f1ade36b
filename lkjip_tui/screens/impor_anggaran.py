"""Budget import in the app (F6 ``i`` or the palette): the file, the columns of an unknown
sheet (asked once, then remembered by its header), then the preview with one key to apply.

Reading and matching are store/sipd.py and store/impor_anggaran.py, the same as ``lkjip
impor-anggaran``; this module only asks and shows. In the preview an unmatched row can be
matched to a subkegiatan by hand (``k``), given to the subkegiatan of the same name that has
no code (``b``; ``B`` takes every such proposal at once), or added as a new subkegiatan under the kegiatan its code belongs to (``a``):
the code is then kept on the subkegiatan, so next month's file matches it by itself.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store import impor_anggaran as ia
from store import sipd
from store.models import Subkegiatan

from ..widgets.formulir import Formulir, Isian
from ..widgets.modal import Modal
from ..widgets.pembaca import teks_wajib
from .base import LayarDasar

if TYPE_CHECKING:
    from ..app import LkjipApp


def _berkas(teks: str) -> Path:
    path = Path(teks_wajib(teks).strip().strip('"')).expanduser()
    if not path.is_file():
        raise ValueError(f"berkas {path} tidak ditemukan")
    return path


def _tahap(teks: str) -> str | None:
    t = teks.strip().casefold()
    if t and t not in ia.TAHAP:
        raise ValueError("isi murni atau perubahan (kosong untuk berkas realisasi)")
    return t or None


def _sampai(teks: str) -> dt.date | None:
    return sipd.baca_tanggal(teks.strip()) if teks.strip() else None


def _opsional(teks: str) -> str | None:
    return teks.strip() or None


def _isi(teks: str) -> str:
    t = teks.strip().casefold() or "realisasi"
    if t not in sipd.ISI:
        raise ValueError("isi pagu atau realisasi")
    return t


def mulai(app: LkjipApp) -> None:
    """Ask for the file (and the stage or the date), then read it."""
    if app.lap is None:
        app.notify("Belum ada tahun laporan yang dibuka.", severity="warning")
        return
    if app.hanya_baca:
        app.bell()
        app.notify("Basis data dibuka hanya-baca; impor tidak dapat dilakukan.", severity="warning")
        return
    form = Formulir("Impor pagu / realisasi dari berkas", [
        Isian("berkas", "Berkas XLSX/CSV", "", _berkas, "path lengkap, mis. C:\\Unduhan\\realisasi.xlsx"),
        Isian("tahap", "Tahap (berkas pagu)", "", _tahap, "murni / perubahan; kosong untuk realisasi"),
        Isian("sampai", "Realisasi s.d.", "", _sampai, "mis. 30-06-2021; kosong: tanggal terakhir berkas"),
    ], catatan="Rekap anggaran dan Laporan Realisasi Per Dokumen SIPD-RI dikenali sendiri; lembar lain "
               "ditanya kolomnya sekali.")

    def dibaca(d) -> None:
        if d is not None:
            baca(app, d["berkas"], d["tahap"], d["sampai"])

    app.push_screen(form, dibaca)


def baca(app: LkjipApp, path: Path, tahap: str | None, sampai: dt.date | None, peta: sipd.Peta | None = None) -> None:
    try:
        berkas = sipd.baca_berkas(path, app.laporan().tahun, app.repo.peta_impor(), peta)
    except sipd.PerluPeta as e:
        _tanya_peta(app, path, tahap, sampai, e)
        return
    except sipd.BerkasTidakSah as e:
        app.notify(str(e), severity="error", timeout=10, markup=False)
        return
    if peta is not None:
        try:  # remembered for this header: next month's file is read without asking
            app.repo.simpan_peta_impor(berkas.sidik, peta.ke_dict())
        except Exception as e:  # read-only or a full disk: the import itself can still go on
            app.notify(f"Peta kolom tidak tersimpan: {e}", severity="warning", markup=False)
    # the screen underneath (F6) redraws its sums after an apply or a subkegiatan added here
    def selesai(_: None) -> None:
        if isinstance(app.screen, LayarDasar):
            app.screen.segarkan()

    app.push_screen(PratinjauImpor(berkas, tahap, sampai), selesai)


def _tanya_peta(app: LkjipApp, path: Path, tahap: str | None, sampai: dt.date | None, e: sipd.PerluPeta) -> None:
    kolom = "; ".join(e.kepala) or "(tidak ada)"
    form = Formulir("Kolom lembar ini (diingat untuk berkas berkepala sama)", [
        Isian("kode", "Kolom kode subkeg.", "", teks_wajib),
        Isian("jumlah", "Kolom jumlah (Rp)", "", teks_wajib),
        Isian("nama", "Kolom nama", "", _opsional, "boleh kosong"),
        Isian("tanggal", "Kolom tanggal", "", _opsional, "boleh kosong (realisasi s.d. tanggal di atas)"),
        Isian("isi", "Isi jumlahnya", "realisasi", _isi, "pagu atau realisasi"),
    ], catatan=f"Kolom yang ada: {kolom}")

    def selesai(d) -> None:
        if d is not None:
            baca(app, path, tahap, sampai, sipd.Peta.dari_dict({k: v for k, v in d.items() if v}))

    app.push_screen(form, selesai)


class PilihSub(Modal[str]):
    """Pick a subkegiatan (for a row matched by hand); returns its key."""

    BINDINGS = [Binding("escape", "tutup", "Batal")]

    def __init__(self, judul: str, subs: list[tuple[str, Subkegiatan]]):
        super().__init__()
        self.judul, self.subs = judul, subs

    def compose(self) -> ComposeResult:
        with Vertical(id="data-jendela"):
            yield Static(Text(self.judul, style="bold", no_wrap=True, overflow="ellipsis"))
            yield OptionList(*[Option(Text(f"{s.kode or '(tanpa kode)'} {s.nama}", no_wrap=True, overflow="ellipsis"),
                                      id=k) for k, s in self.subs], id="pilih-sub")
            yield Static(Text("Enter: pilih · Esc: batal", style="dim"))

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _pilih(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_tutup(self) -> None:
        self.dismiss(None)


class PratinjauImpor(Modal[None]):
    """What the file would change; ``t`` applies it as one change (one ctrl+z)."""

    BINDINGS = [
        Binding("t", "terapkan", "Terapkan"),
        Binding("k", "cocokkan", "Cocokkan"),
        Binding("b", "beri_kode", "Beri kode"),
        Binding("B", "beri_semua", "Beri kode semua"),
        Binding("a", "tambah", "Tambah"),
        Binding("escape", "tutup", "Batal"),
    ]

    if TYPE_CHECKING:  # self.app is LkjipApp (see LayarDasar)
        app = getters.app(LkjipApp)

    def __init__(self, berkas: sipd.Berkas, tahap: str | None, sampai: dt.date | None):
        super().__init__()
        self.berkas, self.tahap, self.sampai = berkas, tahap, sampai
        self.beri: dict[str, str] = {}  # file code → subkegiatan key (choices made here)
        self.rencana: ia.Rencana | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="impor-jendela"):
            yield Static(Text(f"Impor dari {self.berkas.nama}", style="bold", no_wrap=True, overflow="ellipsis"))
            yield OptionList(id="impor-daftar")
            yield Static(id="impor-petunjuk")

    def on_mount(self) -> None:
        self._isi()
        self.query_one(OptionList).focus()

    @staticmethod
    def _kunci(s: Subkegiatan) -> str:
        return s.key or f"obj{id(s)}"

    def _isi(self) -> None:
        r = self.rencana = ia.rencanakan(self.app.laporan(), self.berkas, self.tahap, self.sampai, self.beri)
        tak = {f"  {t.kode} {t.nama} ·": t.kode for t in r.tak_cocok}
        ol = self.query_one(OptionList)
        tinggi = ol.highlighted
        ol.clear_options()
        opsi = []
        for baris in ia.baris_pratinjau(r):
            kode = next((k for awal, k in tak.items() if baris.startswith(awal)), None)
            gaya = "bold red" if baris.startswith("MASALAH") or "TURUN" in baris else ""
            opsi.append(Option(Text(baris or " ", style=gaya, no_wrap=True, overflow="ellipsis"),
                               id=f"t:{kode}" if kode else None))
        ol.add_options(opsi)
        if tinggi is not None and opsi:
            ol.highlighted = min(tinggi, len(opsi) - 1)
        if r.masalah:
            petunjuk = f"{len(r.masalah)} masalah: tidak dapat diterapkan · Esc: tutup"
        else:
            petunjuk = f"t: terapkan ({len(r.berubah)} subkegiatan) · Esc: batal"
        if r.tak_cocok:
            petunjuk += (" · pada baris tidak cocok: k cocokkan, b beri kode (nama sama; B: semua usulan), "
                         "a tambah subkegiatan")
        self.query_one("#impor-petunjuk", Static).update(Text(petunjuk, style="dim"))

    def _tak_cocok(self) -> ia.TakCocok | None:
        ol = self.query_one(OptionList)
        if ol.highlighted is None:
            return None
        oid = ol.get_option_at_index(ol.highlighted).id
        if not oid or not oid.startswith("t:") or self.rencana is None:
            self.app.bell()
            self.notify("Pilih dulu baris di bagian \"Tidak cocok\".")
            return None
        return next((t for t in self.rencana.tak_cocok if t.kode == oid[2:]), None)

    def action_cocokkan(self) -> None:
        t = self._tak_cocok()
        if t is None:
            return
        subs = [(self._kunci(s), s) for _, _, s in self.app.laporan().semua_subkegiatan()]

        def pilih(key: str | None) -> None:
            if key:
                self.beri[t.kode] = key
                self._isi()

        self.app.push_screen(PilihSub(f"{t.kode} {t.nama}: cocokkan dengan", subs), pilih)

    def action_beri_kode(self) -> None:
        t = self._tak_cocok()
        if t is None:
            return
        if t.usul is None:
            self.app.bell()
            self.notify("Tidak ada subkegiatan tanpa kode dengan nama yang sama; pakai k untuk memilih sendiri.")
            return
        self.beri[t.kode] = self._kunci(t.usul)
        self._isi()

    def action_beri_semua(self) -> None:
        """Every name match at once (the first import into a year typed without codes)."""
        if self.rencana is None:
            return
        usul = {t.kode: self._kunci(t.usul) for t in self.rencana.tak_cocok if t.usul is not None}
        if not usul:
            self.app.bell()
            self.notify("Tidak ada usulan kode (nama sama) lagi.")
            return
        self.beri.update(usul)
        self._isi()
        self.notify(f"{len(usul)} subkegiatan akan diberi kode dari berkas (diterapkan dengan t).")

    def action_tambah(self) -> None:
        t = self._tak_cocok()
        if t is None:
            return
        if t.kegiatan is None:
            self.app.bell()
            self.notify(f"Belum ada kegiatan berkode {sipd.kode_induk(t.kode, sipd.BAGIAN_SUB - 1)}; tambahkan "
                        "kegiatannya di F6 dulu, atau cocokkan dengan k.", markup=False)
            return
        sub = Subkegiatan(t.nama or t.kode, Decimal(0), kode=t.kode)
        if self.app.tambah(sub, induk=t.kegiatan.key,
                           keterangan=f"tambah subkegiatan {sub.nama} (dari {self.berkas.nama})"):
            self._isi()

    def action_terapkan(self) -> None:
        r = self.rencana
        if r is None:
            return
        if not r.bisa:
            self.app.bell()
            self.notify(f"Masih ada {len(r.masalah)} masalah (lihat daftar); tidak ada yang diubah.",
                        severity="error")
            return
        if not r.berubah and not r.murni:
            self.notify("Tidak ada yang berubah.")
            self.dismiss(None)
            return
        # one change, one undo step; the riwayat entry names the file
        if self.app.terapkan(ia.perubahan(r), r.keterangan()):
            self.notify(f"Diterapkan: {len(r.berubah)} subkegiatan dari {self.berkas.nama} "
                        f"(ctrl+z mengurungkan). Total pagu/realisasi ikut dihitung ulang.", markup=False)
            self.dismiss(None)

    def action_tutup(self) -> None:
        self.dismiss(None)

