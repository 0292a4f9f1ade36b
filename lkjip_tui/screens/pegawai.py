"""Pegawai (Tabel 1.1): units (kecamatan, each kelurahan) × jabatan, laki-laki / perempuan.

Unit totals and the grand total (``calc.jumlah_pegawai`` / ``calc.total_pegawai``) follow every
keystroke before the value is saved. A post with nobody in it (0 + 0) shows "kosong".
A unit is stored as one record with its jabatan list, so a changed count saves the unit.
"""

from __future__ import annotations

import re
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from store import aturan, calc
from store.models import Jabatan, Laporan, UnitPegawai
from store.numbers import format_angka, parse_bulat

from ..pesan import KOSONG_TAHUN
from ..tombol import huruf, ikat
from ..widgets.edit_grid import BULAT, EditGrid, Kolom
from ..widgets.formulir import Formulir, Isian
from .base import LayarDasar
from .konfirmasi import KonfirmasiScreen

KOLOM = [
    Kolom("uraian", "Unit / Jabatan", 46, kanan=False,
          petunjuk="Kolom nama: tekan e untuk mengubah nama; ketik jumlah di L atau P (→)."),
    Kolom("l", "L", 5, BULAT, cek=aturan.alasan_pegawai),
    Kolom("p", "P", 5, BULAT, cek=aturan.alasan_pegawai),
    Kolom("jumlah", "Jumlah", 7),
]
TOTAL = "T"



def tampil_tanggal(iso: str | None) -> str:
    """``2021-12-31`` → ``31 Desember 2021``; other text is shown as it is."""
    if not iso:
        return "belum diisi"
    # loaded here: the builders package (Babel's dates, every table) is not needed to start
    from exports.builders.tanggal import tanggal_panjang

    return tanggal_panjang(iso)  # the report's own way of writing it


def baca_tanggal(teks: str) -> str | None:
    """Read ``31-12-2021``, ``31/12/2021``, ``31 Desember 2021`` or ``2021-12-31``; blank → None."""
    s = teks.strip()
    if not s:
        return None
    try:
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
        if m:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", s)
        if m:
            return date(int(m[3]), int(m[2]), int(m[1])).isoformat()
        m = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", s)
        if m:
            from exports.builders.tanggal import nama_bulan

            nama = m[2].lower()
            bulan = next((i + 1 for i, b in enumerate(nama_bulan()) if b.lower().startswith(nama[:3])), None)
            if bulan is not None:
                return date(int(m[3]), bulan, int(m[1])).isoformat()
    except ValueError:
        raise ValueError(f'"{s}" bukan tanggal yang ada') from None
    raise ValueError(f'"{s}" tidak dikenali; tulis misalnya 31-12-2021')


def angka(n: int) -> str:
    """A count written the Indonesian way: 1.098."""
    return format_angka(n, 0)


def baca_jumlah(teks: str) -> int:
    n = parse_bulat(teks)
    return 0 if n is None else n


ATRIBUT = {"l": "laki_laki", "p": "perempuan"}  # grid column → Jabatan field


class PegawaiScreen(LayarDasar):
    # While a count is typed: (row key of the unit, the unit and the year as if it were saved)
    _calon: tuple[str, UnitPegawai, Laporan] | None = None
    MODE = "pegawai"
    JUDUL = "Pegawai"
    BANTUAN = ("Data pegawai per unit (kecamatan, tiap kelurahan) dan jabatan: laki-laki (L) dan perempuan (P). "
               "Jumlah per unit dan seluruhnya dihitung dan ikut berubah selagi mengetik. Jabatan tanpa "
               "pegawai (0 + 0) ditandai 'kosong'. a: tambah jabatan di unit ini; u: unit baru; "
               "e: ubah nama; d atau Delete: hapus (unit beserta jabatannya; ctrl+z mengembalikan); "
               "g: ubah tanggal data (per tanggal).")

    BINDINGS = [
        ikat("tambah", "tambah", "Jabatan"),
        ikat("tambah-unit", "tambah_unit"),
        ikat("ubah", "sunting"),
        ikat("hapus", "hapus"),
        ikat("tanggal", "tanggal", show=False),  # in F1: the footer fits 80 columns
    ]

    def isi(self) -> ComposeResult:
        yield Static(id="ringkas-peg", classes="ringkas")
        yield EditGrid(KOLOM, tampil=self._tampil, mentah=self._mentah, bisa_edit=self._bisa_edit,
                       simpan=self._simpan, id="grid-peg", hanya_baca=self.app.hanya_baca, tombol=huruf(self.BINDINGS),
                       kenapa=self._kenapa)
        yield Static(id="detail-peg", classes="ringkas detail")

    @property
    def grid(self) -> EditGrid:
        return self.query_one("#grid-peg", EditGrid)

    # ------------------------------------------------------------ rows
    @staticmethod
    def _kunci(u: UnitPegawai) -> str:
        return u.key or f"obj{id(u)}"

    def _unit(self, kunci: str) -> UnitPegawai | None:
        if self._calon is not None and self._calon[0] == kunci:
            return self._calon[1]
        return next((u for u in self.lap.pegawai.unit if self._kunci(u) == kunci), None)

    def _lap_tampak(self) -> Laporan:
        """The year as shown: with the candidate unit while a count is typed."""
        return self.lap if self._calon is None else self._calon[2]

    def _cari(self, baris: str) -> tuple[UnitPegawai | None, int | None]:
        """(unit, jabatan index) of a row; index None for the unit row; (None, None) for the total."""
        if baris == TOTAL:
            return None, None
        bagian = baris.split(":")
        unit = self._unit(bagian[1])
        return unit, (int(bagian[2]) if bagian[0] == "J" else None)

    def _baris(self) -> list[str]:
        rows: list[str] = []
        for u in self.lap.pegawai.unit:
            k = self._kunci(u)
            rows.append(f"U:{k}")
            rows.extend(f"J:{k}:{i}" for i in range(len(u.jabatan)))
        if rows:
            rows.append(TOTAL)
        return rows

    def segarkan(self) -> None:
        if self.lap is None:
            self.query_one("#ringkas-peg", Static).update(Text(KOSONG_TAHUN))
            self.query_one("#detail-peg", Static).update("")
            self.grid.isi([])
            return
        self.grid.isi(self._baris())
        self._perbarui_ringkas()

    def _isi_ulang(self, ke: str | None = None) -> None:
        grid = self.grid
        kol = grid.tabel.cursor_coordinate.column
        rows = self._baris()
        grid.isi(rows)
        if ke in rows:
            grid.ke_baris(ke, kol)
        self._perbarui_ringkas()

    def _tampil(self, baris: str, kolom: str):
        unit, idx = self._cari(baris)
        if baris == TOTAL:
            l, p, n = calc.total_pegawai(self._lap_tampak())
            label = "Jumlah seluruh unit"
            gaya = "bold reverse"
        elif unit is None:  # a row of a unit no longer there: blank until the grid is rebuilt
            return Text("")
        elif idx is None:
            l, p, n = calc.jumlah_pegawai(unit.jabatan)
            label = unit.nama
            gaya = "bold"
        else:
            j = unit.jabatan[idx]
            l, p, n = j.laki_laki, j.perempuan, j.laki_laki + j.perempuan
            if kolom == "uraian":
                return Text(f"  {j.nama}", overflow="ellipsis", no_wrap=True)
            if kolom == "jumlah" and n == 0:
                return Text("kosong", style="dim")
            return Text(angka({"l": l, "p": p, "jumlah": n}[kolom]))
        if kolom == "uraian":
            return Text(label, style=gaya, overflow="ellipsis", no_wrap=True)
        return Text(angka({"l": l, "p": p, "jumlah": n}[kolom]), style="bold")

    def _mentah(self, baris: str, kolom: str) -> str:
        unit, idx = self._cari(baris)
        if unit is None or idx is None:
            return ""
        j = unit.jabatan[idx]
        return str(j.laki_laki if kolom == "l" else j.perempuan)

    def _bisa_edit(self, baris: str, kolom: str) -> bool:
        return baris.startswith("J:")

    def _kenapa(self, baris: str, kolom: str) -> str | None:
        if not self._bisa_edit(baris, kolom):
            return "Jumlah unit dan total dihitung otomatis: ketik L dan P di baris jabatan."
        return None

    # ------------------------------------------------------------ summary lines
    def _perbarui_ringkas(self) -> None:
        lap = self._lap_tampak()
        l, p, n = calc.total_pegawai(lap)
        t = Text(f"Per tanggal {tampil_tanggal(lap.pegawai.per_tanggal)} · ")
        t.append(f"Total {angka(l)} L / {angka(p)} P / {angka(n)} pegawai", style="bold")
        if self.app.hanya_baca:
            t.append(" · HANYA-BACA", style="bold")
        self.query_one("#ringkas-peg", Static).update(t)
        detail = Text()  # wraps: the whole name of the selected row, whatever its length
        sel = self.grid.cell_terpilih()
        if not lap.pegawai.unit:
            detail.append("Belum ada unit. Tekan u untuk menambah unit (kecamatan / kelurahan).")
        elif sel:
            unit, idx = self._cari(sel[0])
            if unit is not None and idx is not None and idx < len(unit.jabatan):
                detail.append(unit.jabatan[idx].nama, style="bold")
                detail.append("\n")
            if unit is not None:
                ul, up, un = calc.jumlah_pegawai(unit.jabatan)
                kosong = sum(1 for j in unit.jabatan if j.laki_laki + j.perempuan == 0)
                detail.append(f"{unit.nama}: {angka(ul)} L / {angka(up)} P / {angka(un)}")
                if kosong:
                    detail.append(f" · {kosong} jabatan kosong", style="dim")
        self.query_one("#detail-peg", Static).update(detail)

    def _segarkan_unit(self, unit: UnitPegawai, idx: int | None = None) -> None:
        k = self._kunci(unit)
        rows = [f"U:{k}", TOTAL] + ([f"J:{k}:{idx}"] if idx is not None else [])
        self.grid.segarkan(rows)
        self._perbarui_ringkas()

    # ------------------------------------------------------------ editing in the grid
    @on(EditGrid.Pratinjau)
    def _pratinjau(self, event: EditGrid.Pratinjau) -> None:
        event.stop()
        unit, idx = self._cari(event.baris)
        if unit is None or idx is None:
            return
        if event.galat is not None or event.batal:
            self._segarkan_unit(unit, idx)
            return
        lap, j = self.lap, unit.jabatan[idx]
        calon = calc.calon(unit, jabatan=calc.ganti(unit.jabatan, j, calc.calon(j, **{ATRIBUT[event.kolom]: event.nilai})))
        pegawai = calc.calon(lap.pegawai, unit=calc.ganti(lap.pegawai.unit, unit, calon))
        self._calon = (self._kunci(unit), calon, calc.calon(lap, pegawai=pegawai))
        try:
            self._segarkan_unit(unit, idx)
        finally:
            self._calon = None

    def _simpan(self, event: EditGrid.Simpan) -> None:
        event.stop()
        unit, idx = self._cari(event.baris)
        if unit is None or idx is None:
            return
        j = unit.jabatan[idx]
        attr = ATRIBUT[event.kolom]

        def mutasi(unit: UnitPegawai) -> None:
            setattr(unit.jabatan[idx], attr, event.nilai)

        judul = next(k.judul for k in KOLOM if k.key == event.kolom)
        self.app.ubah(unit, mutasi, f"{unit.nama} · {j.nama} · {judul}")
        self._segarkan_unit(unit, idx)

    @on(EditGrid.Pilih)
    def _pilih(self, event: EditGrid.Pilih) -> None:
        event.stop()
        if event.kolom == "uraian" and event.baris != TOTAL:
            self.action_sunting()

    @on(DataTable.CellHighlighted)
    def _pindah(self, event) -> None:
        if self.lap is not None and not self.grid.sedang_edit:
            self._perbarui_ringkas()

    # ------------------------------------------------------------ add / change / delete

    def _terpilih(self) -> tuple[UnitPegawai | None, int | None]:
        sel = self.grid.cell_terpilih()
        return self._cari(sel[0]) if sel else (None, None)

    def action_tambah_unit(self) -> None:
        if not self.boleh_ubah():
            return

        def cek(d) -> list[str]:
            ada = {u.nama.casefold() for u in self.lap.pegawai.unit}
            return [f'Unit "{d["nama"]}" sudah ada'] if d["nama"].casefold() in ada else []

        def selesai(unit: UnitPegawai | None) -> None:
            if unit is not None and (unit := self.app.tambah(unit, keterangan=f"tambah unit {unit.nama}")):
                self._isi_ulang(f"U:{self._kunci(unit)}")

        self.app.buka_formulir(Formulir("Unit baru (kecamatan / kelurahan)", [Isian("nama", "Nama unit")],
                                            jadi=lambda d: UnitPegawai(d["nama"]), periksa=cek), selesai)

    def action_tambah(self) -> None:
        if not self.boleh_ubah():
            return
        unit, _ = self._terpilih()
        if unit is None:
            if not self.lap.pegawai.unit:
                self.action_tambah_unit()
                return
            unit = self.lap.pegawai.unit[-1]

        def selesai(j: Jabatan | None) -> None:
            if j is None:
                return
            if self.app.ubah(unit, lambda u: u.jabatan.append(j), f"{unit.nama} · tambah jabatan {j.nama}"):
                self._isi_ulang(f"J:{self._kunci(unit)}:{len(self.app.baru(unit).jabatan) - 1}")

        self.app.buka_formulir(Formulir(
            Text(f"Jabatan baru di {unit.nama}").plain,
            [Isian("nama", "Nama jabatan"), Isian("l", "Laki-laki", "0", baca_jumlah),
             Isian("p", "Perempuan", "0", baca_jumlah)],
            jadi=lambda d: Jabatan(d["nama"], d["l"], d["p"])), selesai)

    def action_sunting(self) -> None:
        if not self.boleh_ubah():
            return
        unit, idx = self._terpilih()
        if unit is None:
            return
        if idx is None:
            judul, awal = "Ubah nama unit", unit.nama
        else:
            judul, awal = f"Ubah nama jabatan di {unit.nama}", unit.jabatan[idx].nama

        def selesai(d: dict | None) -> None:
            if d is None:
                return

            def mutasi(unit: UnitPegawai) -> None:
                if idx is None:
                    unit.nama = d["nama"]
                else:
                    unit.jabatan[idx].nama = d["nama"]

            self.app.ubah(unit, mutasi, f"{unit.nama} · nama" if idx is None else
                          f"{unit.nama} · {unit.jabatan[idx].nama} · nama")
            self.segarkan()

        self.app.buka_formulir(Formulir(judul, [Isian("nama", "Nama", awal)]), selesai)

    def action_hapus(self) -> None:
        if not self.boleh_ubah():
            return
        unit, idx = self._terpilih()
        if unit is None:
            return
        if idx is None:
            tanya = f'Hapus unit "{unit.nama}" beserta {len(unit.jabatan)} jabatannya?'
        else:
            tanya = f'Hapus jabatan "{unit.jabatan[idx].nama}" di {unit.nama}?'
        tanya += "\n(ctrl+z mengembalikannya)"

        def selesai(ya: bool | None) -> None:
            if not ya:
                return
            if idx is None:
                ok = self.app.hapus(unit, keterangan=f"hapus unit {unit.nama}")
            else:
                nama = unit.jabatan[idx].nama
                ok = self.app.ubah(unit, lambda u: u.jabatan.pop(idx), f"{unit.nama} · hapus jabatan {nama}")
            if ok:
                self.segarkan()

        self.app.push_screen(KonfirmasiScreen(tanya), selesai)

    def action_tanggal(self) -> None:
        if not self.boleh_ubah():
            return
        lap = self.lap

        def selesai(d: dict | None) -> None:
            if d is None:
                return

            def mutasi(lap) -> None:
                lap.pegawai.per_tanggal = d["tanggal"]

            self.app.ubah_kepala(mutasi, "tanggal data pegawai")
            self._perbarui_ringkas()

        self.app.buka_formulir(Formulir(
            "Tanggal data pegawai", [Isian("tanggal", "Per tanggal", tampil_tanggal(lap.pegawai.per_tanggal)
                                           if lap.pegawai.per_tanggal else "", baca_tanggal)],
            catatan="Contoh: 31-12-2021, 31/12/2021 atau 31 Desember 2021. Kosong = belum diisi."), selesai)
