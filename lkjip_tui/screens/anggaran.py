"""Anggaran: program → kegiatan → subkegiatan with pagu, realisasi and % serapan.

A tree shown as a flat grid: Enter on a program or kegiatan row opens or closes it. Only a
subkegiatan's pagu and realisasi are typed; kegiatan, program, sasaran and total are sums
(``store.calc``) and follow every keystroke before anything is saved. ``m`` opens the twelve
months of a subkegiatan; their sum becomes its realisasi.

City scale (~10.000 subkegiatan): rows are built only for what is open (with many
subkegiatan, one program and one kegiatan at a time), and the sums are cached per kegiatan
and program, so a keystroke recomputes only the path it touches.
"""

from __future__ import annotations

import weakref
from decimal import Decimal
from typing import TYPE_CHECKING

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from store import aturan, calc
from store.models import BULAN, Kegiatan, Program, Subkegiatan
from store.numbers import format_bebas, format_persen

from ..pesan import KOSONG_TAHUN
from ..tombol import huruf, ikat
from ..widgets.edit_grid import ANGKA, EditGrid, Kolom, redup
from ..widgets.formulir import Formulir, Isian
from ..widgets.modal import Modal
from ..widgets.pembaca import angka_opsional, angka_wajib, teks_wajib
from .base import LayarDasar
from .konfirmasi import KonfirmasiScreen

if TYPE_CHECKING:
    from ..app import LkjipApp

BATAS_KECIL = 300  # up to this many subkegiatan everything starts open; above it, one at a time


_tidak_negatif = aturan.alasan_rupiah  # the one rule (store/aturan.py), also import's and check's


def baca_kode(teks: str) -> str:
    """The optional Permendagri 90/2019 code (rule: store/aturan.py)."""
    alasan = aturan.alasan_kode(teks)
    if alasan is not None:
        raise ValueError(alasan)
    return teks.strip()


def isian_kode(awal: str, contoh: str) -> Isian:
    """The kode field (last in its form); a new child starts from its parent's code."""
    return Isian("kode", "Kode (Permendagri 90)", awal, baca_kode, f"mis. {contoh}; boleh kosong")


def _pagu_sah(v) -> str | None:
    return aturan.alasan_pagu(v)


KOLOM = [
    Kolom("uraian", "Uraian", 29, kanan=False,
          petunjuk="Kolom nama: e mengubah nama, Enter membuka/menutup; ketik angka di Pagu/Realisasi (→)."),
    Kolom("pagu", "Pagu (Rp)", 15, ANGKA, cek=_pagu_sah),
    Kolom("realisasi", "Realisasi (Rp)", 15, ANGKA, cek=_tidak_negatif),
    Kolom("serapan", "Serap%", 9),
]



def teks_serapan(a: calc.Anggaran, desimal: int) -> Text:
    """Serapan %, with a "!" (not only colour) when realisasi is above pagu."""
    s = a.serapan(desimal)
    if a.lebih:
        return Text("!" + format_persen(s, desimal) if s is not None else "!", style="bold red")
    return redup() if s is None else Text(format_persen(s, desimal))


def teks_anggaran(label: str, a: calc.Anggaran, desimal: int) -> Text:
    t = Text(f"{label} pagu {format_bebas(a.pagu)} · realisasi {format_bebas(a.realisasi)} · ")
    t.append_text(teks_serapan(a, desimal))
    t.append(" %")
    return t


def ada_bulanan(sub: Subkegiatan) -> bool:
    bulanan = sub.realisasi_bulanan
    return bulanan is not None and any(v is not None for v in bulanan.values())



def _baca_id(teks: str) -> str:
    """A program's id: required, and the rule every record's code keeps (store/aturan.py)."""
    teks = teks_wajib(teks)
    if alasan := aturan.alasan_id(teks):
        raise ValueError(alasan)
    return teks

class AnggaranScreen(LayarDasar):
    MODE = "anggaran"
    JUDUL = "Anggaran"
    BANTUAN = ("Program → kegiatan → subkegiatan. Enter pada baris program/kegiatan membuka atau menutupnya. "
               "Hanya pagu dan realisasi subkegiatan yang diisi; jumlah kegiatan, program, sasaran dan total "
               "dihitung (ikut berubah selagi mengetik). Realisasi kosong = belum dilaporkan. "
               "Tanda ! : realisasi melebihi pagu. m: realisasi per bulan (Jan–Des); jumlahnya menjadi "
               "realisasi subkegiatan. i: impor pagu/realisasi dari berkas SIPD-RI (XLSX/CSV), dicek dulu. "
               "a: tambah kegiatan/subkegiatan di bawah baris ini; p: program baru; "
               "e: ubah nama/data; d atau Delete: hapus (program/kegiatan beserta isinya; ctrl+z mengembalikan).")

    BINDINGS = [
        ikat("tambah", "tambah"),
        ikat("tambah-program", "tambah_program", show=False),
        ikat("ubah", "sunting"),
        ikat("hapus", "hapus"),
        ikat("bulanan", "bulanan"),
        ikat("impor", "impor", show=False),  # the footer is full at 80 columns: F1 and the palette list it
    ]

    def __init__(self) -> None:
        super().__init__()
        self._prog: dict[str, Program] = {}
        self._keg: dict[str, tuple[Program, Kegiatan]] = {}
        self._sub: dict[str, tuple[Program, Kegiatan, Subkegiatan]] = {}
        self._a_keg: dict[str, calc.Anggaran] = {}
        self._a_prog: dict[str, calc.Anggaran] = {}
        self._buka: set[str] = set()
        self._besar = False
        self._tahun_dibuka: weakref.ref | None = None  # the year the rows were opened for
        self._versi_indeks: int | None = None  # app.versi the caches were built or kept for
        self._calon: tuple[str, Subkegiatan] | None = None  # (row key, candidate) while a value is typed

    def isi(self) -> ComposeResult:
        yield Static(id="ringkas-ang", classes="ringkas")
        yield EditGrid(KOLOM, tampil=self._tampil, mentah=self._mentah, bisa_edit=self._bisa_edit,
                       simpan=self._simpan, id="grid-ang", hanya_baca=self.app.hanya_baca, tombol=huruf(self.BINDINGS),
                       kenapa=self._kenapa)
        yield Static(id="detail-ang", classes="ringkas detail")

    @property
    def grid(self) -> EditGrid:
        return self.query_one("#grid-ang", EditGrid)

    # ------------------------------------------------------------ index and caches
    def _masih_sama(self) -> bool:
        return self._versi_indeks == self.app.versi

    def _masih_sama_kecuali_satu(self) -> bool:
        """The caches were current just before the one change being taken in."""
        return self._versi_indeks == self.app.versi - 1

    def _tandai(self) -> None:
        """The caches were kept up to date by hand after a change made here."""
        self._versi_indeks = self.app.versi

    def _indeks(self) -> None:
        """Maps row keys to records and caches the sums of every kegiatan and program."""
        lap = self.lap
        self._versi_indeks = self.app.versi
        self._prog, self._keg, self._sub = {}, {}, {}
        self._a_keg, self._a_prog = {}, {}
        for p in lap.program:
            self._prog[p.id] = p
            for k in p.kegiatan:
                kk = self._kunci_keg(k)
                self._keg[kk] = (p, k)
                for s in k.subkegiatan:
                    self._sub[self._kunci_sub(s)] = (p, k, s)
                self._a_keg[kk] = calc.anggaran_kegiatan(k)
            self._a_prog[p.id] = calc.jumlah(self._a_keg[self._kunci_keg(k)] for k in p.kegiatan)

    @staticmethod
    def _kunci_keg(k: Kegiatan) -> str:
        return k.key or f"obj{id(k)}"

    @staticmethod
    def _kunci_sub(s: Subkegiatan) -> str:
        return s.key or f"obj{id(s)}"

    def _hitung_jalur(self, prog: Program, keg: Kegiatan | None, sub: Subkegiatan | None = None,
                      calon: Subkegiatan | None = None) -> None:
        """Recompute the sums on one path after a change below ``keg`` (or in ``prog``); with
        ``calon``, as if ``sub`` were that candidate."""
        if keg is not None:
            dihitung = keg if calon is None else calc.calon(keg, subkegiatan=calc.ganti(keg.subkegiatan, sub, calon))
            self._a_keg[self._kunci_keg(keg)] = calc.anggaran_kegiatan(dihitung)
        self._a_prog[prog.id] = calc.jumlah(self._a_keg[self._kunci_keg(k)] for k in prog.kegiatan)

    def _tampak(self, kunci: str) -> Subkegiatan:
        """The subkegiatan as shown: the candidate being typed, else the stored record."""
        if self._calon is not None and self._calon[0] == kunci:
            return self._calon[1]
        return self._sub[kunci][2]

    def _a_sasaran(self, sasaran_id: str) -> calc.Anggaran:
        return calc.jumlah(self._a_prog[p.id] for p in self.lap.program if p.sasaran == sasaran_id)

    def _a_total(self) -> calc.Anggaran:
        return calc.jumlah(self._a_prog[p.id] for p in self.lap.program)

    # ------------------------------------------------------------ rows
    def _baris(self) -> list[str]:
        rows: list[str] = []
        for p in self.lap.program:
            rp = f"P:{p.id}"
            rows.append(rp)
            if rp not in self._buka:
                continue
            for k in p.kegiatan:
                rk = f"K:{self._kunci_keg(k)}"
                rows.append(rk)
                if rk in self._buka:
                    rows.extend(f"S:{self._kunci_sub(s)}" for s in k.subkegiatan)
        return rows

    def segarkan(self) -> None:
        if self.lap is None:
            self.query_one("#ringkas-ang", Static).update(Text(KOSONG_TAHUN))
            self.query_one("#detail-ang", Static).update("")
            self.grid.isi([])
            return
        sama = self._masih_sama()
        if not sama:  # the data changed since the caches were built
            self._indeks()
        if self._tahun_dibuka is None or self._tahun_dibuka() is not self.lap:
            # a (new) year opened: decide how much starts open (a weak reference: an id()
            # may be reused by the next year loaded; holding the year would keep it in memory)
            self._tahun_dibuka = weakref.ref(self.lap)
            self._besar = len(self._sub) > BATAS_KECIL
            self._buka = set() if self._besar else {f"P:{p}" for p in self._prog} | {f"K:{k}" for k in self._keg}
        rows = self._baris()
        if not (sama and rows == self.grid.baris):  # else the rows on screen are already these
            self.grid.isi(rows)
        self._perbarui_ringkas()

    def _tampil(self, baris: str, kolom: str):
        jenis, kunci = baris[0], baris[2:]
        d = self.lap.pengaturan.desimal
        if jenis == "S":
            sub = self._tampak(kunci)
            a = calc.anggaran_sub(sub)
            if kolom == "uraian":
                return Text(f"    {sub.nama}", overflow="ellipsis", no_wrap=True)
            if kolom == "pagu":
                return Text(format_bebas(sub.pagu))
            if kolom == "realisasi":
                r = calc.realisasi_sub(sub)
                if r is None:
                    return redup()
                return Text(format_bebas(r), style="underline" if ada_bulanan(sub) else "")
            return teks_serapan(a, d)
        if jenis == "K":
            _, keg = self._keg[kunci]
            a = self._a_keg[kunci]
            if kolom == "uraian":
                tanda = "-" if baris in self._buka else "+"
                return Text(f"  {tanda} {keg.nama}", overflow="ellipsis", no_wrap=True)
        else:
            prog = self._prog[kunci]
            a = self._a_prog[kunci]
            if kolom == "uraian":
                tanda = "-" if baris in self._buka else "+"
                return Text(f"{tanda} {prog.id} {prog.nama}", style="bold", overflow="ellipsis", no_wrap=True)
        if kolom == "pagu":
            return Text(format_bebas(a.pagu), style="bold" if jenis == "P" else "")
        if kolom == "realisasi":
            return Text(format_bebas(a.realisasi), style="bold" if jenis == "P" else "")
        return teks_serapan(a, d)

    def _mentah(self, baris: str, kolom: str) -> str:
        if baris[0] != "S":
            return ""
        _, _, sub = self._sub[baris[2:]]
        v = sub.pagu if kolom == "pagu" else sub.realisasi
        return "" if v is None else format_bebas(v)

    def _bisa_edit(self, baris: str, kolom: str) -> bool:
        if baris[0] != "S":
            return False
        if kolom == "realisasi":
            return not ada_bulanan(self._sub[baris[2:]][2])  # then it is the sum of the months
        return True

    def _kenapa(self, baris: str, kolom: str) -> str | None:
        if baris[0] != "S":
            return "Pagu dan realisasi program/kegiatan dijumlah dari subkegiatannya."
        if not self._bisa_edit(baris, kolom):
            return "Realisasi = jumlah bulanan: tekan m atau Enter untuk mengisinya per bulan."
        return None

    # ------------------------------------------------------------ summary lines
    def _terpilih(self) -> str | None:
        sel = self.grid.cell_terpilih()
        return sel[0] if sel else None

    def _jalur(self, baris: str | None) -> tuple[Program | None, Kegiatan | None, Subkegiatan | None]:
        if baris is None:
            return None, None, None
        jenis, kunci = baris[0], baris[2:]
        if jenis == "S" and kunci in self._sub:
            p, k, _ = self._sub[kunci]
            return p, k, self._tampak(kunci)
        if jenis == "K" and kunci in self._keg:
            p, k = self._keg[kunci]
            return p, k, None
        return self._prog.get(kunci), None, None

    def _perbarui_ringkas(self) -> None:
        lap = self.lap
        d = lap.pengaturan.desimal
        ringkas = teks_anggaran("Total", self._a_total(), d)
        if self.app.hanya_baca:
            ringkas.append(" · HANYA-BACA", style="bold")
        self.query_one("#ringkas-ang", Static).update(ringkas)
        detail = Text()  # wraps: the whole name of the selected row, whatever its length
        if not lap.program:
            detail.append("Belum ada program. Tekan p untuk menambah program.")
        else:
            prog, keg, sub = self._jalur(self._terpilih())
            pilihan = sub or keg or prog
            if pilihan is not None and pilihan.kode:
                detail.append(f"{pilihan.kode} ", style="bold")
            if sub is not None:
                detail.append(sub.nama)
                if ada_bulanan(sub):
                    detail.append(" · realisasi = jumlah bulanan (m)", style="dim")
            elif keg is not None:
                detail.append(keg.nama)
            elif prog is not None:
                murni = "" if prog.pagu_murni is None else f" · pagu murni {format_bebas(prog.pagu_murni)}"
                detail.append(f"{prog.id} {prog.nama}{murni}")
            detail.append("\n")
            if prog is not None:
                s = lap.cari_sasaran(prog.sasaran)
                detail.append_text(teks_anggaran(f"Sasaran {prog.sasaran}" if s else "Sasaran ?",
                                                 self._a_sasaran(prog.sasaran), d))
        self.query_one("#detail-ang", Static).update(detail)

    def perbarui_jalur(self, prog: Program, keg: Kegiatan, sub: Subkegiatan | None = None,
                       calon: Subkegiatan | None = None) -> None:
        """Recompute and redraw one path: the subkegiatan, its kegiatan and program, the totals.
        With ``calon`` (a candidate copy of ``sub``, typing in progress) the figures drawn are
        the candidate's; the records, and afterwards the caches, keep the stored figures."""
        self._hitung_jalur(prog, keg, sub, calon)
        rows = [f"P:{prog.id}", f"K:{self._kunci_keg(keg)}"]
        if sub is not None:
            rows.append(f"S:{self._kunci_sub(sub)}")
        if calon is not None and sub is not None:  # a candidate is always a subkegiatan's
            self._calon = (self._kunci_sub(sub), calon)
        try:
            self.grid.segarkan(rows)
            self._perbarui_ringkas()
        finally:
            if calon is not None:
                self._calon = None
                self._hitung_jalur(prog, keg)

    def disimpan(self, sub: Subkegiatan) -> None:
        """A change to ``sub`` was saved (here or in the monthly window): its program, kegiatan
        and subkegiatan are new records now (store/perubahan.py), so that program's part of the
        index is taken again from the year (not the whole index: a city has thousands of rows)
        and the path redrawn."""
        kunci = self._kunci_sub(sub)
        prog = next((p for p in self.lap.program for k in p.kegiatan for s in k.subkegiatan
                     if self._kunci_sub(s) == kunci), None)
        if prog is None or not self._masih_sama_kecuali_satu():
            self._indeks()
        else:
            self._prog[prog.id] = prog
            for k in prog.kegiatan:
                self._keg[self._kunci_keg(k)] = (prog, k)
                for s in k.subkegiatan:
                    self._sub[self._kunci_sub(s)] = (prog, k, s)
            self._tandai()
        self.perbarui_jalur(*self._sub[kunci])

    def jalur_sub(self, kunci: str) -> tuple[Program, Kegiatan, Subkegiatan]:
        """The program, kegiatan and subkegiatan the year holds now for subkegiatan ``kunci``."""
        if not self._masih_sama():
            self._indeks()
        return self._sub[kunci]

    # ------------------------------------------------------------ editing in the grid
    @on(EditGrid.Pratinjau)
    def _pratinjau(self, event: EditGrid.Pratinjau) -> None:
        event.stop()
        if event.baris[0] != "S" or event.baris[2:] not in self._sub:
            return  # a preview that arrives after its row went (undo of an add, in a burst)
        prog, keg, sub = self._sub[event.baris[2:]]
        if event.galat is not None or event.batal:
            self.perbarui_jalur(prog, keg, sub)
            return
        nilai = Decimal(0) if event.kolom == "pagu" and event.nilai is None else event.nilai
        self.perbarui_jalur(prog, keg, sub, calc.calon(sub, **{event.kolom: nilai}))

    def _simpan(self, event: EditGrid.Simpan) -> None:
        event.stop()
        prog, keg, sub = self._sub[event.baris[2:]]

        def mutasi(sub: Subkegiatan) -> None:
            setattr(sub, event.kolom, event.nilai)

        self.app.ubah(sub, mutasi, f"{sub.nama} · {next(k.judul for k in KOLOM if k.key == event.kolom)}")
        self.disimpan(sub)

    @on(EditGrid.Pilih)
    def _pilih(self, event: EditGrid.Pilih) -> None:
        event.stop()
        jenis = event.baris[0]
        if jenis in "PK":
            self._buka_tutup(event.baris)
        elif event.kolom == "realisasi":
            self.action_bulanan()
        elif event.kolom == "uraian":
            self.action_sunting()

    def _buka_tutup(self, baris: str) -> None:
        if baris in self._buka:
            self._buka.discard(baris)
        else:
            if self._besar:  # many rows: one program and one kegiatan open at a time
                self._buka = {b for b in self._buka if b[0] != baris[0]}
                if baris[0] == "K":
                    prog, _ = self._keg[baris[2:]]
                    self._buka.add(f"P:{prog.id}")
            self._buka.add(baris)
        self._isi_ulang(baris)

    def _isi_ulang(self, ke: str | None = None) -> None:
        """Rebuild the rows and put the cursor on row ``ke`` when it is shown."""
        grid = self.grid
        kol = grid.tabel.cursor_coordinate.column
        rows = self._baris()
        grid.isi(rows)
        if ke in rows:
            grid.ke_baris(ke, kol)
        self._perbarui_ringkas()

    @on(DataTable.CellHighlighted)
    def _pindah(self, event) -> None:
        if self.lap is not None and not self.grid.sedang_edit:
            self._perbarui_ringkas()

    # ------------------------------------------------------------ add / change / delete

    def _cek_sasaran(self, teks: str) -> str:
        sid = teks_wajib(teks)
        if self.lap.sasaran and (alasan := aturan.alasan_sasaran(sid, [s.id for s in self.lap.sasaran])):
            raise ValueError(alasan)
        return sid

    def action_tambah_program(self) -> None:
        if not self.boleh_ubah():
            return
        lap = self.lap
        pilihan = ", ".join(s.id for s in lap.sasaran) or "belum ada"

        def cek(d) -> list[str]:
            return [f'ID program "{d["id"]}" sudah dipakai'] if d["id"] in self._prog else []

        def selesai(prog: Program | None) -> None:
            if prog is not None and self.app.tambah(prog, keterangan=f"tambah program {prog.id}"):
                self._indeks()
                self._buka.add(f"P:{prog.id}")
                self._isi_ulang(f"P:{prog.id}")

        n = len(lap.program) + 1
        while f"P{n}" in self._prog:
            n += 1
        self.app.buka_formulir(Formulir(
            "Program baru",
            [Isian("id", "ID program", f"P{n}", _baca_id), Isian("nama", "Nama program"),
             Isian("sasaran", f"Sasaran ({pilihan})", lap.sasaran[0].id if lap.sasaran else "", self._cek_sasaran),
             Isian("pagu_murni", "Pagu murni (Rp)", "", angka_opsional), isian_kode("", "7.01.01")],
            jadi=lambda d: Program(d["id"], d["nama"], d["sasaran"], d["pagu_murni"], kode=d["kode"]),
            periksa=cek), selesai)

    def action_tambah(self) -> None:
        if not self.boleh_ubah():
            return
        prog, keg, _ = self._jalur(self._terpilih())
        if prog is None:
            self.action_tambah_program()
        elif keg is None:
            self._tambah_kegiatan(prog)
        else:
            self._tambah_sub(prog, keg)

    def _tambah_kegiatan(self, prog: Program) -> None:
        def selesai(keg: Kegiatan | None) -> None:
            if keg is not None and (keg := self.app.tambah(keg, induk=prog.id,
                                                           keterangan=f"tambah kegiatan {keg.nama}")):
                self._indeks()
                rk = f"K:{self._kunci_keg(keg)}"
                self._buka |= {f"P:{prog.id}", rk}
                self._isi_ulang(rk)

        self.app.buka_formulir(Formulir(f"Kegiatan baru di program {prog.id}",
                                      [Isian("nama", "Nama kegiatan"), isian_kode(prog.kode, "7.01.01.2.01")],
                                      jadi=lambda d: Kegiatan(d["nama"], kode=d["kode"])), selesai)

    def _tambah_sub(self, prog: Program, keg: Kegiatan) -> None:
        def selesai(sub: Subkegiatan | None) -> None:
            if sub is not None and (sub := self.app.tambah(sub, induk=keg.key,
                                                           keterangan=f"tambah subkegiatan {sub.nama}")):
                self._indeks()
                self._buka |= {f"P:{prog.id}", f"K:{self._kunci_keg(keg)}"}
                self._isi_ulang(f"S:{self._kunci_sub(sub)}")

        self.app.buka_formulir(Formulir(
            Text(f"Subkegiatan baru di kegiatan: {keg.nama}").plain,
            [Isian("nama", "Nama subkegiatan"), Isian("pagu", "Pagu (Rp)", "", angka_wajib),
             Isian("realisasi", "Realisasi (Rp)", "", angka_opsional), isian_kode(keg.kode, "7.01.01.2.01.0001")],
            jadi=lambda d: Subkegiatan(d["nama"], d["pagu"], d["realisasi"], kode=d["kode"])), selesai)

    def action_sunting(self) -> None:
        if not self.boleh_ubah():
            return
        prog, keg, sub = self._jalur(self._terpilih())
        if prog is None:
            return
        obj: Subkegiatan | Kegiatan | Program
        if sub is not None:
            obj, isian, judul = sub, [Isian("nama", "Nama subkegiatan", sub.nama),
                                      isian_kode(sub.kode, "7.01.01.2.01.0001")], "Ubah subkegiatan"
        elif keg is not None:
            obj, isian, judul = keg, [Isian("nama", "Nama kegiatan", keg.nama),
                                      isian_kode(keg.kode, "7.01.01.2.01")], "Ubah kegiatan"
        else:
            pilihan = ", ".join(s.id for s in self.lap.sasaran) or "belum ada"
            obj, judul = prog, f"Ubah program {prog.id}"
            isian = [Isian("nama", "Nama program", prog.nama),
                     Isian("sasaran", f"Sasaran ({pilihan})", prog.sasaran, self._cek_sasaran),
                     Isian("pagu_murni", "Pagu murni (Rp)",
                           "" if prog.pagu_murni is None else format_bebas(prog.pagu_murni), angka_opsional),
                     isian_kode(prog.kode, "7.01.01")]

        def selesai(d: dict | None) -> None:
            if d is None:
                return

            def mutasi(salinan) -> None:
                for k, v in d.items():
                    setattr(salinan, k, v)

            jenis = "subkegiatan" if sub is not None else "kegiatan" if keg is not None else "program"
            self.app.ubah(obj, mutasi, f"ubah {jenis} {obj.nama}")
            self.segarkan()

        self.app.buka_formulir(Formulir(judul, isian), selesai)

    def action_hapus(self) -> None:
        if not self.boleh_ubah():
            return
        prog, keg, sub = self._jalur(self._terpilih())
        if prog is None:
            return
        obj: Subkegiatan | Kegiatan | Program
        if sub is not None:
            obj = sub
            tanya = f'Hapus subkegiatan "{sub.nama}"?'
        elif keg is not None:
            obj = keg
            tanya = f'Hapus kegiatan "{keg.nama}" beserta {len(keg.subkegiatan)} subkegiatannya?'
        else:
            obj = prog
            n_sub = sum(len(k.subkegiatan) for k in prog.kegiatan)
            tanya = (f'Hapus program {prog.id} "{prog.nama}" beserta {len(prog.kegiatan)} kegiatan '
                     f"dan {n_sub} subkegiatannya?")
        tanya += "\n(ctrl+z mengembalikannya)"

        def selesai(ya: bool | None) -> None:
            if ya and self.app.hapus(obj, keterangan=f"hapus {obj.nama}"):
                self.segarkan()

        self.app.push_screen(KonfirmasiScreen(tanya), selesai)

    def action_impor(self) -> None:
        from .impor_anggaran import mulai

        mulai(self.app)

    def action_bulanan(self) -> None:
        if self.lap is None:
            self.notify(KOSONG_TAHUN, severity="warning")
            return
        prog, keg, sub = self._jalur(self._terpilih())
        if sub is None or keg is None or prog is None:  # a subkegiatan's row has all three
            self.notify("Pilih baris subkegiatan dulu (buka kegiatannya dengan Enter).")
            return
        self.app.push_screen(BulananScreen(self, prog, keg, sub), lambda _: self.segarkan())


# ---------------------------------------------------------------- monthly realisasi
class BulananScreen(Modal[None]):
    """The twelve months of one subkegiatan's realisasi. Each month is typed either as the
    month's own amount or as the realisasi to date ("s.d. bulan ini", as the finance system
    reports it); each value is saved on Enter/Tab and the subkegiatan's realisasi becomes the
    sum of the filled months. A realisasi typed earlier as one figure is kept as the month
    before the first month entered (``calc.bawa_tahunan``)."""

    BINDINGS = [Binding("escape", "tutup", "Tutup")]
    JUDUL = "Realisasi bulanan"

    if TYPE_CHECKING:  # self.app is LkjipApp (see LayarDasar)
        app = getters.app(LkjipApp)

    def __init__(self, layar: AnggaranScreen, prog: Program, keg: Kegiatan, sub: Subkegiatan):
        super().__init__()
        self.layar, self._kunci = layar, layar._kunci_sub(sub)
        self._calon: Subkegiatan | None = None  # while a month is typed

    # the records as the year holds them now: a saved month makes new ones
    @property
    def prog(self) -> Program:
        return self.layar.jalur_sub(self._kunci)[0]

    @property
    def keg(self) -> Kegiatan:
        return self.layar.jalur_sub(self._kunci)[1]

    @property
    def sub(self) -> Subkegiatan:
        return self.layar.jalur_sub(self._kunci)[2]

    def _kolom(self) -> list[Kolom]:
        return [
            Kolom("bulan", "Bulan", 5, kanan=False,
                  petunjuk="Kolom Bulan: ketik di Realisasi bulan atau s.d. bulan ini (→)."),
            Kolom("realisasi", "Realisasi bulan (Rp)", 20, ANGKA, cek=_tidak_negatif),
            Kolom("sd", "s.d. bulan ini (Rp)", 20, ANGKA, cek=_tidak_negatif, cek_baris=self._cek_sd),
        ]

    def compose(self) -> ComposeResult:
        with Vertical(id="bulanan"):
            yield Static(Text(f"Realisasi bulanan: {self.sub.nama}", no_wrap=True, overflow="ellipsis"),
                         id="bulanan-judul")
            yield EditGrid(self._kolom(), tampil=self._tampil, mentah=self._mentah, simpan=self._simpan,
                           id="grid-bulan", hanya_baca=self.app.hanya_baca)
            yield Static(id="bulanan-ringkas")
            yield Static(Text("Isi realisasi bulan itu ATAU s.d. bulan ini · Enter simpan · Tab berikut · "
                              "kosong = belum dilaporkan · Esc tutup"), id="bulanan-petunjuk")

    @property
    def grid(self) -> EditGrid:
        return self.query_one("#grid-bulan", EditGrid)

    def on_mount(self) -> None:
        self.grid.isi([str(b) for b in range(1, 13)])
        self.grid.tabel.cursor_coordinate = Coordinate(0, 1)
        self.grid.tabel.focus()
        self._perbarui()

    @property
    def _tampak(self) -> Subkegiatan:
        """The subkegiatan as shown: the candidate while a month is typed, else the record."""
        return self._calon or self.sub

    def _nilai(self, bulan: int):
        return (self._tampak.realisasi_bulanan or {}).get(bulan)

    def _sd(self, bulan: int):
        return calc.kumulatif_bulanan(self._tampak.realisasi_bulanan).get(bulan)

    def _cek_sd(self, baris: str, total) -> str | None:
        if total is None:
            return None
        sebelum = calc.sd_sebelum(self.sub.realisasi_bulanan, int(baris))
        if total < sebelum:
            return f"lebih kecil dari realisasi s.d. bulan sebelumnya ({format_bebas(sebelum)})"
        return None

    def _tampil(self, baris: str, kolom: str):
        b = int(baris)
        if kolom == "bulan":
            return BULAN[b - 1]
        v = self._nilai(b) if kolom == "realisasi" else self._sd(b)
        tercakup = calc.bulan_tercakup(self._tampak.realisasi_bulanan)
        if v is None and b <= tercakup:  # reported, in the first filled month's "s.d." figure
            return redup(f"dalam s.d. {BULAN[tercakup]}") if kolom == "realisasi" else redup()
        return redup() if v is None else Text(format_bebas(v))

    def _mentah(self, baris: str, kolom: str) -> str:
        b = int(baris)
        v = self._nilai(b) if kolom == "realisasi" else self._sd(b)
        return "" if v is None else format_bebas(v)

    def _jumlah_bulan(self, bulan: int, kolom: str, nilai):
        """The month's own amount from what was typed in ``kolom``."""
        if kolom == "sd" and nilai is not None:
            return calc.bulan_dari_kumulatif(self.sub.realisasi_bulanan, bulan, nilai)
        return nilai

    def _perbarui(self) -> None:
        d = self.layar.lap.pengaturan.desimal
        sub = self._tampak
        keg = self.keg if sub is self.sub else calc.calon(self.keg, subkegiatan=calc.ganti(self.keg.subkegiatan, self.sub, sub))
        t = teks_anggaran("Subkegiatan", calc.anggaran_sub(sub), d)
        t.append("\n")
        t.append_text(teks_anggaran("Kegiatan", calc.anggaran_kegiatan(keg), d))
        if not ada_bulanan(sub) and sub.realisasi:
            t.append(f"\nRealisasi {format_bebas(sub.realisasi)} diisi langsung; bulan pertama yang diisi "
                     "menyimpannya sebagai realisasi bulan sebelumnya.", style="dim")
        self.query_one("#bulanan-ringkas", Static).update(t)

    def _calon_bulan(self, bulan: int, nilai) -> Subkegiatan:
        """The subkegiatan as if ``nilai`` were saved for ``bulan`` (the record is left alone)."""
        lama = self.sub.realisasi_bulanan
        baru = dict(lama or calc.bawa_tahunan(self.sub, bulan) or {}) if nilai is not None else dict(lama or {})
        baru[bulan] = nilai
        return calc.calon(self.sub, realisasi_bulanan=baru)

    @on(EditGrid.Pratinjau)
    def _pratinjau(self, event: EditGrid.Pratinjau) -> None:
        event.stop()
        if event.galat is not None or event.batal:
            self.grid.segarkan()
            self._perbarui()
            self.layar.perbarui_jalur(self.prog, self.keg, self.sub)
            return
        bulan = int(event.baris)
        self._calon = self._calon_bulan(bulan, self._jumlah_bulan(bulan, event.kolom, event.nilai))
        try:
            self.grid.segarkan()
            self._perbarui()
            self.layar.perbarui_jalur(self.prog, self.keg, self.sub, self._calon)
        finally:
            self._calon = None

    def _simpan(self, event: EditGrid.Simpan) -> None:
        event.stop()
        sub, bulan = self.sub, int(event.baris)
        nilai = self._jumlah_bulan(bulan, event.kolom, event.nilai)
        tahunan = sub.realisasi if not ada_bulanan(sub) and sub.realisasi and nilai is not None else None
        bawa = calc.bawa_tahunan(sub, bulan) if tahunan is not None else None

        def simpan() -> None:
            def mutasi(sub: Subkegiatan) -> None:
                bul = dict(sub.realisasi_bulanan or bawa or {})
                bul[bulan] = nilai
                bul = {b: v for b, v in sorted(bul.items()) if v is not None}
                sub.realisasi_bulanan = bul or None
                # the bundle contract: realisasi equals the sum of the filled months
                sub.realisasi = calc.realisasi_sub(sub) if bul else None

            if self.app.ubah(sub, mutasi, f"{sub.nama} · realisasi {BULAN[bulan - 1]}") and bawa:
                self.notify(f"Realisasi sebelumnya {format_bebas(tahunan)} disimpan sebagai isian "
                            f"{BULAN[bulan - 2]} (s.d. {BULAN[bulan - 2]}); ubah bila perlu.", markup=False)
            self.grid.segarkan()
            self._perbarui()
            self.layar.disimpan(self.sub)

        if tahunan is not None and bawa is None:
            # January: there is no month before it to keep the earlier figure in
            def jawab(ya: bool | None) -> None:
                if ya:
                    simpan()
                else:
                    self.segarkan()

            self.app.push_screen(KonfirmasiScreen(
                f"Realisasi {format_bebas(tahunan)} diisi langsung sebelumnya. Isian bulanan "
                f"menggantinya dengan jumlah bulan yang diisi.\n\nGanti?"), jawab)
            return
        simpan()

    def segarkan(self) -> None:
        """Redraw (also after ctrl+z)."""
        self.grid.segarkan()
        self._perbarui()
        self.layar.perbarui_jalur(self.prog, self.keg, self.sub)

    def action_tutup(self) -> None:
        self.dismiss(None)
