"""Evaluasi AKIP (Tabel 3.1): components × years, with the total and grade per year.

Every keystroke in a nilai or bobot recalculates the year's total (``calc.nilai_akip``) and
grade (``calc.grade_akip_tahun``: only once every component has its nilai) on screen before the value is saved; Enter or Tab saves it. A
nilai above its bobot is refused (it would still give grade AA); one already in the data, and
a total bobot other than 100, are flagged. The cursor starts on the report year's values.
"""

from __future__ import annotations

from decimal import Decimal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from store import aturan, calc
from store.models import KomponenAkip
from store.numbers import format_angka, format_bebas

from ..pesan import KOSONG_TAHUN
from ..simbol import teks as sim
from ..tombol import ikat
from ..widgets.edit_grid import ANGKA, TEKS, EditGrid, Kolom, redup
from ..widgets.formulir import Formulir, Isian
from ..widgets.pembaca import angka, teks_wajib
from .base import LayarDasar
from .konfirmasi import KonfirmasiScreen

JUMLAH, GRADE = "__jumlah", "__grade"


def _wajib_teks(v) -> str | None:
    return None if v else "nama komponen wajib diisi"


def _baca_bobot(teks: str) -> Decimal:
    """The reader of the form's Bobot: required, a number, not negative."""
    v = angka(teks_wajib(teks))
    if v is None:  # text that reads as no number at all
        raise ValueError("wajib diisi")
    salah = aturan.alasan_bobot(v)
    if salah is not None:
        raise ValueError(salah)
    return v


class AkipScreen(LayarDasar):
    _calon: list[KomponenAkip] | None = None  # the components as if the value typed were saved
    MODE = "akip"
    JUDUL = "Evaluasi AKIP"
    BANTUAN = ("Nilai evaluasi AKIP per komponen dan tahun (Tabel 3.1). Ketik nilai atau bobot; "
               "jumlah dan grade tiap tahun dihitung langsung. Kosong berarti belum dinilai. "
               "Nilai di atas bobot ditolak (data lama yang begitu ditandai '!'); jumlah bobot harus 100. Untuk mengganti nama "
               "komponen tekan Enter di kolom Komponen. 'a' menambah komponen, 'd'/Delete menghapus.")
    BINDINGS = [
        ikat("tambah", "tambah", priority=True),
        ikat("hapus", "hapus", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._tahun_kolom: list[int] = []
        self._kursor_awal = True

    def isi(self) -> ComposeResult:
        yield Static(id="ringkas-akip", classes="ringkas")
        # One grid for the screen's life: a year switch or a new year changes its columns
        # (EditGrid.atur_kolom); mounting a second one raced the removal of the first.
        self._tahun_kolom = self._tahun() if self.lap is not None else []
        yield EditGrid(self._kolom(self._tahun_kolom), tampil=self._tampil, mentah=self._mentah,
                       bisa_edit=self._bisa_edit, simpan=self._simpan, id="grid-akip", hanya_baca=self.app.hanya_baca,
                       kenapa=self._kenapa)
        yield Static(id="peringatan-akip", classes="ringkas")
        yield Static(id="petunjuk-akip", classes="ringkas")

    # ------------------------------------------------------------ layout
    def _tahun(self) -> list[int]:
        lap = self.lap
        return sorted(set(calc.tahun_akip(lap.evaluasi_akip)) | {lap.tahun - 1, lap.tahun})

    def _kolom(self, tahun: list[int]) -> list[Kolom]:
        return [Kolom("nama", "Komponen", 27, TEKS, kanan=False, cek=_wajib_teks,
                      petunjuk="Kolom Komponen: tekan Enter untuk mengganti nama; ketik nilai di kolom tahun (→)."),
                Kolom("bobot", "Bobot", 6, ANGKA, cek=aturan.alasan_bobot, cek_baris=self._bobot_cukup),
                *[Kolom(f"t{t}", str(t), 8, ANGKA, cek=aturan.alasan_nilai_akip, cek_baris=self._nilai_dalam_bobot) for t in tahun]]

    def _nilai_dalam_bobot(self, baris: str, nilai) -> str | None:
        k = self._komponen(baris)
        return None if k is None else aturan.alasan_nilai_bobot(nilai, k.bobot)

    def _bobot_cukup(self, baris: str, bobot) -> str | None:
        k = self._komponen(baris)
        if k is None or bobot is None:
            return None
        lebih = [(t, v) for t, v in sorted(k.nilai.items()) if v is not None and v > bobot]
        if lebih:
            t, v = lebih[-1]
            return f"bobot {format_bebas(bobot)} lebih kecil dari nilai {t} ({format_bebas(v)})"
        return None

    def _ke_kolom_tahun(self) -> None:
        """The cursor starts on the report year's value (what the screen asks to type), not on
        the component's name."""
        kunci = [k.key for k in self.grid.kolom]
        if f"t{self.lap.tahun}" in kunci:
            t = self.grid.tabel
            t.cursor_coordinate = Coordinate(t.cursor_coordinate.row, kunci.index(f"t{self.lap.tahun}"))

    @property
    def grid(self) -> EditGrid:
        return self.query_one("#grid-akip", EditGrid)

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("tambah", "hapus"):
            g = self.grid
            return not (g is not None and g.sedang_edit)
        return True

    def segarkan(self) -> None:
        lap = self.lap
        self.set_class(lap is None, "-kosong")
        if lap is None:
            self.grid.display = False
            self.query_one("#ringkas-akip", Static).update(Text(KOSONG_TAHUN))
            self.query_one("#peringatan-akip", Static).update("")
            self.query_one("#petunjuk-akip", Static).update("")
            return
        tahun = self._tahun()
        self.grid.display = True
        if tahun != self._tahun_kolom:
            # the year columns follow the data: the same grid gets the new columns
            self._tahun_kolom = tahun
            self.grid.atur_kolom(self._kolom(tahun))
            self._kursor_awal = True
        self._isi_grid()

    def _isi_grid(self) -> None:
        grid = self.grid
        if grid is None or self.lap is None:
            return
        grid.isi([k.key for k in self.lap.evaluasi_akip] + [JUMLAH, GRADE])
        if self._kursor_awal:
            self._kursor_awal = False
            self._ke_kolom_tahun()
        self._perbarui_ringkas()
        if self.app.focused is None and self.app.screen is self:
            grid.tabel.focus()

    # ------------------------------------------------------------ cells
    def _tampak(self) -> list[KomponenAkip]:
        """The components as shown: with the candidate while a value is typed."""
        return self.lap.evaluasi_akip if self._calon is None else self._calon

    def _komponen(self, baris: str) -> KomponenAkip | None:
        return next((k for k in self._tampak() if k.key == baris), None)

    def _tampil(self, baris: str, kolom: str):
        komponen = self._tampak()
        if baris in (JUMLAH, GRADE):
            if kolom == "nama":
                return Text("Jumlah" if baris == JUMLAH else "Grade", style="bold")
            if kolom == "bobot":
                if baris == GRADE:
                    return ""
                total = calc.bobot_akip(komponen)
                salah = aturan.alasan_jumlah_bobot(total) is not None
                return Text(format_bebas(total) + ("!" if salah else ""), style="bold red" if salah else "bold")
            nilai = calc.nilai_akip(komponen, int(kolom[1:]))
            if baris == JUMLAH:
                return redup() if nilai is None else Text(format_angka(nilai, 2), style="bold")
            grade = calc.grade_akip_tahun(komponen, int(kolom[1:]))
            if grade is None:  # no grade until every component has its nilai: how many have
                ada, semua = calc.akip_dinilai(komponen, int(kolom[1:]))
                return redup() if nilai is None else redup(f"{ada}/{semua}")
            return Text(grade, style="bold")
        k = self._komponen(baris)
        if k is None:
            return ""
        if kolom == "nama":
            return Text(k.nama, no_wrap=True, overflow="ellipsis")
        if kolom == "bobot":
            return Text(format_bebas(k.bobot))
        v = k.nilai.get(int(kolom[1:]))
        if v is None:
            return redup()
        if aturan.alasan_nilai_bobot(v, k.bobot) is not None:
            return Text(format_angka(v, 2) + "!", style="bold red")
        return Text(format_angka(v, 2))

    def _mentah(self, baris: str, kolom: str) -> str:
        k = self._komponen(baris)
        if k is None:
            return ""
        if kolom == "nama":
            return k.nama
        if kolom == "bobot":
            return format_bebas(k.bobot)
        v = k.nilai.get(int(kolom[1:]))
        return "" if v is None else format_bebas(v)

    def _bisa_edit(self, baris: str, kolom: str) -> bool:
        return baris not in (JUMLAH, GRADE)

    # ------------------------------------------------------------ live figures
    def _segarkan_baris(self, k: KomponenAkip) -> None:
        self.grid.segarkan([k.key, JUMLAH, GRADE])
        self._perbarui_ringkas()

    def _perbarui_ringkas(self) -> None:
        komponen = self._tampak()
        teks = Text("Nilai AKIP", style="bold")
        for t in self._tahun_kolom:
            n = calc.nilai_akip(komponen, t)
            teks.append(f"  {t}: ")
            grade = calc.grade_akip_tahun(komponen, t)
            if n is not None and grade is None:
                ada, semua = calc.akip_dinilai(komponen, t)
                teks.append(f"{format_angka(n, 2)} ")
                teks.append(f"(sementara, {ada}/{semua} dinilai)", style="dim")
                continue
            teks.append(f"{format_angka(n, 2)} {grade or ''}".rstrip(), style="bold" if n is not None else "dim")
        self.query_one("#ringkas-akip", Static).update(teks)
        peringatan = []
        if komponen and (alasan := aturan.alasan_jumlah_bobot(calc.bobot_akip(komponen))) is not None:
            peringatan.append(sim("⚠ ") + alasan.capitalize() + ".")
        for k in komponen:
            for t in self._tahun_kolom:
                if (alasan := aturan.alasan_nilai_bobot(k.nilai.get(t), k.bobot)) is not None:
                    peringatan.append(sim("⚠ ") + f"{k.nama} {t}: {alasan}.")
        if not komponen:
            peringatan.append("Belum ada komponen. Tekan 'a' untuk menambah komponen penilaian.")
        w = Text("\n".join(peringatan[:3]) + (f"\n… dan {len(peringatan) - 3} lagi" if len(peringatan) > 3 else ""),
                 style="bold red" if komponen else "")
        self.query_one("#peringatan-akip", Static).update(w)
        if self.app.hanya_baca:
            self.query_one("#petunjuk-akip", Static).update(
                Text("HANYA-BACA: data tidak dapat diubah.", style="bold"))
        else:
            petunjuk = Text()
            sel = self.grid.cell_terpilih()
            dipilih = self._komponen(sel[0]) if sel else None
            if dipilih is not None:  # the grid cuts long names: the selected one in full
                petunjuk.append(f"{dipilih.nama}\n", style="bold")
            petunjuk.append("Ketik nilai; Enter/Tab simpan · a: tambah komponen · d: hapus komponen", style="dim")
            self.query_one("#petunjuk-akip", Static).update(petunjuk)

    @on(EditGrid.Pratinjau)
    def _pratinjau(self, event: EditGrid.Pratinjau) -> None:
        k = self._komponen(event.baris)
        if k is None:
            return
        if event.galat is not None or event.batal:
            self._segarkan_baris(k)
            return
        kolom, nilai = event.kolom, event.nilai
        calon = (calc.calon(k, **{kolom: nilai}) if kolom in ("nama", "bobot")
                 else calc.calon(k, nilai={**k.nilai, int(kolom[1:]): nilai}))
        self._calon = calc.ganti(self.lap.evaluasi_akip, k, calon)
        try:
            self._segarkan_baris(calon)
        finally:
            self._calon = None

    def _simpan(self, event: EditGrid.Simpan) -> None:
        k = self._komponen(event.baris)
        if k is None:
            return
        kolom, nilai = event.kolom, event.nilai

        def mutasi(k: KomponenAkip) -> None:
            if kolom == "nama":
                k.nama = nilai
            elif kolom == "bobot":
                k.bobot = nilai
            else:
                k.nilai[int(kolom[1:])] = nilai

        apa = {"nama": "Komponen", "bobot": "Bobot"}.get(kolom, f"Nilai {kolom[1:]}")
        self.app.ubah(k, mutasi, f"{k.nama} · {apa}")
        self._segarkan_baris(k)

    @on(DataTable.CellHighlighted)
    def _pindah(self, event: DataTable.CellHighlighted) -> None:
        if self.lap is not None:
            self._perbarui_ringkas()

    def _kenapa(self, baris: str, kolom: str) -> str | None:
        # a number typed on the total or grade row must not vanish silently
        return "Jumlah dan grade dihitung otomatis dari nilai komponen." if baris in (JUMLAH, GRADE) else None

    # ------------------------------------------------------------ add / delete

    def action_tambah(self) -> None:
        if not self.boleh_ubah():
            return
        sisa = aturan.BOBOT_AKIP - calc.bobot_akip(self.lap.evaluasi_akip)
        isian = [
            Isian("nama", "Komponen", "", petunjuk="mis. Perencanaan Kinerja"),
            Isian("bobot", "Bobot", format_bebas(sisa) if sisa > 0 else "", _baca_bobot, "mis. 30"),
        ]

        def buat(v: dict) -> KomponenAkip:
            return KomponenAkip(v["nama"], v["bobot"])

        def selesai(baru: KomponenAkip | None) -> None:
            if baru is not None and self.app.tambah(baru, keterangan=f"tambah komponen AKIP {baru.nama}"):
                self.segarkan()

        self.app.buka_formulir(Formulir("Komponen AKIP baru", isian, buat), selesai)

    def action_hapus(self) -> None:
        if not self.boleh_ubah():
            return
        sel = self.grid.cell_terpilih() if self.grid else None
        k = self._komponen(sel[0]) if sel else None
        if k is None:
            self.notify("Pilih baris komponen yang akan dihapus.")
            return

        def jawab(ya: bool | None) -> None:
            if ya and self.app.hapus(k, keterangan=f"hapus komponen AKIP {k.nama}"):
                self.notify(f"Komponen {k.nama} dihapus. ctrl+z untuk mengurungkan.", markup=False)
                self.segarkan()

        self.app.push_screen(KonfirmasiScreen(f"Hapus komponen AKIP \"{k.nama}\" beserta semua nilainya?"), jawab)
