"""Report years from the app: the list to switch between (``PilihTahunScreen``), the form that
creates one (``form_tahun_baru``: empty, or copied from another year by ``store/tahun.py``) and
``buat_tahun``, which saves and opens it. Used by Beranda, Pengaturan and the command palette."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store.perubahan import GantiTahun
from store.tahun import laporan_kosong, salin_laporan

from ..widgets.formulir import Formulir, Isian
from ..widgets.modal import Modal
from ..widgets.pembaca import bulat, wajib
from ..widgets.pembaca_pengaturan import baca_tahun


def form_tahun_baru(app, tahun: int | None = None) -> Formulir:
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
    """Create and open the year described by :func:`form_tahun_baru`'s result."""
    tahun, nama, salin = hasil["tahun"], hasil["nama"], hasil.get("salin")
    if salin is not None:
        lap = salin_laporan(app.repo.muat(salin), tahun)
        lap.instansi.nama = nama
    else:
        lap = laporan_kosong(tahun, nama)
    asal = f"disalin dari {salin}" if salin is not None else "kosong"
    if not app.simpan_tahun(GantiTahun(lap, keterangan=f"buat tahun {tahun} ({asal})")):
        return False
    app.notify(f"Tahun {tahun} dibuat ({asal}) dan dibuka.")
    r = lap.renstra
    if r is not None and not r.mulai <= tahun <= r.akhir:
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
        oid = event.option.id
        if oid is not None:  # every option here has one: "baru" or the year
            self.dismiss("baru" if oid == "baru" else int(oid))

    def action_baru(self) -> None:
        if self.boleh_baru:
            self.dismiss("baru")

    def action_batal(self) -> None:
        self.dismiss(None)
