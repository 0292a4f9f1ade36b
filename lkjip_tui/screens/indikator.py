"""Indikator: tujuan → sasaran → indikator of the Renstra, and each indicator's yearly figures.

On top a tree of tujuan, sasaran and indikator; below it the selected record's details and,
for an indicator, a grid of the Renstra years × (target, realisasi, standar nasional) with
capaian recalculated on every keystroke before the value is saved. Text and choice fields
are edited in a form (``e``); ``a`` adds under the selected item, ``d``/Delete deletes.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from store import aturan, calc
from store.models import AGREGASI, Iku, Indikator, Laporan, Sasaran, Tujuan
from store.numbers import format_angka, format_bebas

from ..pesan import KOSONG_TAHUN
from ..tombol import ikat
from ..widgets.edit_grid import ANGKA, EditGrid, Kolom, redup
from ..widgets.formulir import BARIS, PILIHAN, Formulir, Isian
from ..widgets.pembaca import teks_opsional, teks_wajib
from .base import LayarDasar
from .konfirmasi import KonfirmasiScreen

KOLOM = [
    Kolom("tahun", "Tahun", 5, kanan=False,
          petunjuk="Kolom Tahun: ketik angka di Target, Realisasi atau Standar nas. (→)."),
    Kolom("target", "Target", 14, ANGKA, cek=aturan.alasan_indikator),
    Kolom("realisasi", "Realisasi", 15, ANGKA, cek=aturan.alasan_indikator),
    Kolom("standar", "Standar nas.", 14, ANGKA, cek=aturan.alasan_indikator),
    Kolom("capaian", "Capaian %", 9),
    Kolom("capaian_sn", "vs SN %", 8),
]
NAMA_KOLOM = {"target": "target", "realisasi": "realisasi", "standar": "standar nasional"}

ARAH_PILIHAN = [("positif (makin besar makin baik)", "positif"), ("negatif (makin kecil makin baik)", "negatif")]
RUMUS_PILIHAN = [("2T-R: (2×target − realisasi) ÷ target", "2T-R"), ("T/R: target ÷ realisasi", "T/R")]
AGREGASI_PILIHAN = [("jumlah (jumlah triwulan terisi)", "jumlah"),
                    ("terakhir (triwulan terakhir terisi)", "terakhir"),
                    ("rata-rata (rata-rata triwulan terisi)", "rata-rata")]
IKU_PILIHAN = [("IKU (Indikator Kinerja Utama)", "ya"), ("bukan IKU", "bukan")]


def id_berikut(awalan: str, ada: list[str]) -> str:
    """The next free id of the form ``awalan`` + number: I1, I2, I3 → I4."""
    angka = [int(m.group(1)) for i in ada if (m := re.fullmatch(re.escape(awalan) + r"(\d+)", i))]
    n = max(angka, default=0) + 1
    while f"{awalan}{n}" in ada:
        n += 1
    return f"{awalan}{n}"


def baca_id(ada: list[str], sendiri: str | None = None) -> Callable[[str], str]:
    """The reader of a record's code: required, a valid id, not taken by another record."""
    def baca(teks: str) -> str:
        teks = teks_wajib(teks)
        if alasan := aturan.alasan_id(teks):
            raise ValueError(alasan)
        if teks != sendiri and teks in ada:
            raise ValueError(f'"{teks}" sudah dipakai')
        return teks
    return baca


def baca_nomor_misi(teks: str) -> str:
    teks = teks_wajib(teks)
    if not (teks.isdigit() and int(teks) >= 1):
        raise ValueError("harus bilangan bulat 1 atau lebih")
    return teks


MEDAN = {"target": "target", "realisasi": "realisasi", "standar": "standar_nasional"}  # grid column → field

# What a form saves, per kind: the records that name it by id (they follow
# an id change), the fields the form sets (None: all; an indikator keeps its figures).
_BENTUK = {
    "tujuan": (lambda lap, i: lap.sasaran_tujuan(i), None),
    "sasaran": (lambda lap, i: [*lap.indikator_sasaran(i), *lap.program_sasaran(i)], None),
    "indikator": (lambda lap, i: [],
                  ("sasaran", "uraian", "satuan", "arah", "rumus_negatif", "agregasi_triwulan", "iku", "id")),
}


class IndikatorScreen(LayarDasar):
    MODE = "indikator"
    JUDUL = "Indikator"
    BANTUAN = ("Pohon di atas: tujuan → sasaran → indikator. 'a' menambah di bawah yang terpilih "
               "(di akar: tujuan; di tujuan: sasaran; di sasaran atau indikator: indikator). "
               "'e' mengubah rincian (kode, uraian, satuan, arah, agregasi, IKU); 'd'/Delete menghapus "
               "(dengan konfirmasi). Tab, atau Enter pada indikator, pindah ke tabel tahun: ketik target, realisasi atau standar "
               "nasional; capaian dihitung langsung. Esc kembali ke pohon. Realisasi bertanda * "
               "dihitung dari triwulan (ubah di F4). Kosong berarti belum dilaporkan, bukan nol.")
    BINDINGS = [
        ikat("tambah", "tambah", priority=True),
        ikat("ubah", "ubah_rincian", priority=True),
        ikat("hapus", "hapus", priority=True),
        Binding("escape", "ke_pohon", "Ke pohon", show=False, id="ke-pohon"),
        Binding("tab", "ke_tabel", "Ke tabel", show=False, id="ke-tabel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._pilihan: tuple[str, str | None] = ("root", None)
        # While a value is typed: the indicator and the year as if it were saved (calc.calon)
        self._calon: tuple[Indikator, Laporan] | None = None

    def isi(self) -> ComposeResult:
        pohon: Tree = Tree("Renstra", id="pohon")
        pohon.guide_depth = 2
        yield pohon
        yield Static(id="rinci-ind")
        yield EditGrid(KOLOM, tampil=self._tampil, mentah=self._mentah, bisa_edit=self._bisa_edit,
                       simpan=self._simpan, id="grid-ind", hanya_baca=self.app.hanya_baca, kenapa=self._kenapa)
        yield Static(id="petunjuk-ind")

    # ------------------------------------------------------------ helpers
    @property
    def grid(self) -> EditGrid:
        return self.query_one("#grid-ind", EditGrid)

    @property
    def pohon(self) -> Tree:
        return self.query_one("#pohon", Tree)

    @property
    def ind(self) -> Indikator | None:
        jenis, kunci = self._pilihan
        if jenis != "indikator" or self.lap is None:
            return None
        if self._calon is not None:
            return self._calon[0]
        return self.lap.cari_indikator(kunci)

    def _tujuan(self, tid: str | None) -> Tujuan | None:
        return next((t for t in self.lap.tujuan if t.id == tid), None) if self.lap else None

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("tambah", "ubah_rincian", "hapus"):
            # while a value is being typed in the grid the keys belong to the editor
            try:
                return not self.grid.sedang_edit
            except Exception:
                return True
        return True

    # ------------------------------------------------------------ drawing
    def segarkan(self) -> None:
        self._bangun_pohon(self._pilihan)

    def _bangun_pohon(self, pilih: tuple[str, str | None]) -> None:
        pohon, lap = self.pohon, self.lap
        baris_lama = max(pohon.cursor_line, 0)
        pohon.clear()
        if lap is None:
            pohon.root.set_label(Text("Basis data kosong"))
            pohon.root.data = ("root", None)
            self._pilihan = ("root", None)
            self._tampilkan()
            return
        r = lap.renstra
        pohon.root.set_label(Text(f"Renstra {r.mulai}–{r.akhir}", style="bold"))
        pohon.root.data = ("root", None)
        simpul: dict[tuple[str, str | None], TreeNode] = {("root", None): pohon.root}
        sasaran_ada = set()

        def tambah_sasaran(induk, s: Sasaran) -> None:
            n = induk.add(Text(f"{s.id} {s.uraian}", no_wrap=True, overflow="ellipsis"),
                          data=("sasaran", s.id), expand=True)
            simpul[("sasaran", s.id)] = n
            sasaran_ada.add(s.id)
            for i in lap.indikator_sasaran(s.id):
                simpul[("indikator", i.id)] = n.add_leaf(
                    Text(f"{i.id} {i.uraian}", no_wrap=True, overflow="ellipsis"), data=("indikator", i.id))

        for t in lap.tujuan:
            n = pohon.root.add(Text(f"{t.id} {t.uraian}", no_wrap=True, overflow="ellipsis"),
                               data=("tujuan", t.id), expand=True)
            simpul[("tujuan", t.id)] = n
            for s in lap.sasaran_tujuan(t.id):
                tambah_sasaran(n, s)
        # records whose parent is missing stay visible, so they can be fixed or deleted
        for s in lap.sasaran:
            if s.id not in sasaran_ada:
                tambah_sasaran(pohon.root, s)
        for i in lap.indikator:
            if i.sasaran not in sasaran_ada:
                simpul[("indikator", i.id)] = pohon.root.add_leaf(
                    Text(f"{i.id} {i.uraian} (sasaran {i.sasaran} tidak ada)", style="red"),
                    data=("indikator", i.id))
        pohon.root.expand()
        _ = pohon.last_line  # builds the lines so the nodes know their line
        node = simpul.get(pilih)
        if node is None:  # the record is gone (deleted, undone): stay on the same line
            node = pohon.get_node_at_line(min(baris_lama, pohon.last_line)) or pohon.root
        self._pilihan = node.data or ("root", None)
        pohon.move_cursor(node)
        self._tampilkan()

    def _tampilkan(self) -> None:
        """Show the details (and for an indicator, the grid) of the selected node."""
        ind = self.ind
        self.set_class(ind is None, "-tanpa-grid")
        if ind is not None:
            self.grid.isi([str(t) for t in self._tahun(ind)])
        else:
            self.grid.isi([])
        self._perbarui_rinci()

    def _tahun(self, ind: Indikator) -> list[int]:
        lap = self.lap
        return sorted(set(lap.renstra.tahun_target) | {lap.tahun} | set(ind.target) | set(ind.realisasi)
                      | set(ind.standar_nasional))

    def _perbarui_rinci(self) -> None:
        rinci = self.query_one("#rinci-ind", Static)
        petunjuk = self.query_one("#petunjuk-ind", Static)
        lap = self.lap
        if lap is None:
            rinci.update(Text(KOSONG_TAHUN))
            petunjuk.update("")
            return
        jenis, kunci = self._pilihan
        d, skala = lap.pengaturan.desimal, lap.pengaturan.skala
        teks = Text()
        if jenis == "indikator" and self.ind is not None:
            ind = self.ind
            teks.append(f"{ind.id} · ", style="bold")
            teks.append(ind.uraian, style="bold")
            teks.append("\n")
            arah = ind.arah + (f" ({ind.rumus_negatif or '2T-R'})" if ind.arah == "negatif" else "")
            t = lap.tahun
            teks.append(f"Satuan {ind.satuan or '-'} · {arah} · TW {ind.agregasi_triwulan} · "
                        f"{'IKU' if ind.iku else 'bukan IKU'}", style="dim")
            if self._dari_triwulan(ind, t):
                teks.append(" · * = dari triwulan", style="dim")
            teks.append("\n")
            c = calc.capaian_indikator(ind, t, d)
            cs = calc.capaian_sasaran(lap if self._calon is None else self._calon[1], ind.sasaran)
            teks.append(f"{t}: capaian ")
            teks.append(f"{format_angka(c, d)} {calc.predikat(c)}", style="bold")
            teks.append(f" · sasaran {ind.sasaran}: {format_angka(cs, d)} {calc.kategori(cs, skala)}")
            teks.no_wrap, teks.overflow = True, "ellipsis"
            tambah = f"a: indikator baru di {ind.sasaran}"
            nama = ind.id
        elif jenis == "sasaran" and lap.cari_sasaran(kunci) is not None:
            s = lap.cari_sasaran(kunci)
            teks.append(f"Sasaran {s.id} · ", style="bold")
            teks.append(s.uraian, style="bold")
            teks.append(f"\nTujuan {s.tujuan} · {len(lap.indikator_sasaran(s.id))} indikator · "
                        f"{len(lap.program_sasaran(s.id))} program", style="dim")
            cs = calc.capaian_sasaran(lap, s.id)
            teks.append(f"\nCapaian {lap.tahun}: {format_angka(cs, d)} ({calc.kategori(cs, skala)})")
            tambah = f"a: indikator baru di {s.id}"
            nama = s.id
        elif jenis == "tujuan" and (tj := self._tujuan(kunci)) is not None:
            teks.append(f"Tujuan {tj.id} · ", style="bold")
            teks.append(tj.uraian, style="bold")
            misi = lap.instansi.misi
            teks.append(f"\nMisi {tj.misi}", style="dim")
            if 1 <= tj.misi <= len(misi):
                teks.append(f": {misi[tj.misi - 1]}", style="dim")
            teks.append("\nIndikator tujuan: ", style="dim")
            teks.append("; ".join(tj.indikator) or "-")
            teks.append(f"\nSasaran: {', '.join(s.id for s in lap.sasaran_tujuan(tj.id)) or '-'}", style="dim")
            tambah = f"a: sasaran baru di {tj.id}"
            nama = tj.id
        else:
            org = calc.capaian_organisasi(lap)
            teks.append(f"{len(lap.tujuan)} tujuan · {len(lap.sasaran)} sasaran · {len(lap.indikator)} indikator")
            teks.append(f"\nCapaian organisasi {lap.tahun}: {format_angka(org, d)} ({calc.kategori(org, skala)})")
            if not lap.tujuan:
                teks.append("\nBelum ada tujuan. Tekan 'a' untuk menambah tujuan pertama.")
            tambah = "a: tujuan baru"
            nama = None
        rinci.update(teks)
        if self.app.hanya_baca:
            petunjuk.update(Text("HANYA-BACA: data tidak dapat diubah.", style="bold"))
        else:
            bagian = [tambah]
            if nama:
                bagian += [f"e: ubah {nama}", f"d: hapus {nama}"]
            if jenis == "indikator":
                bagian.append("Tab: ke tabel")
            petunjuk.update(Text(" · ".join(bagian), style="dim"))

    # ------------------------------------------------------------ grid cells
    @staticmethod
    def _dari_triwulan(ind: Indikator, tahun: int) -> bool:
        tw = ind.triwulan.get(tahun)
        return tw is not None and any(q.realisasi is not None for q in tw)

    def _peta(self, ind: Indikator, kolom: str) -> dict:
        return getattr(ind, MEDAN[kolom])

    def _tampil(self, baris: str, kolom: str):
        ind, t = self.ind, int(baris)
        if ind is None:  # the grid has rows only while an indikator is selected
            return Text("")
        d = self.lap.pengaturan.desimal
        tebal = "bold" if t == self.lap.tahun else ""
        if kolom == "tahun":
            return Text(baris, style=tebal)
        if kolom == "realisasi":
            v = calc.realisasi_tahun(ind, t)
            if v is None:
                return redup()
            return Text(format_bebas(v) + ("*" if self._dari_triwulan(ind, t) else " "), style=tebal)
        if kolom in ("target", "standar"):
            v = self._peta(ind, kolom).get(t)
            return redup() if v is None else Text(format_bebas(v), style=tebal)
        c = (calc.capaian_indikator(ind, t, d) if kolom == "capaian"
             else calc.capaian_standar_nasional(ind, t, d))
        if c is None:
            return redup()
        teks = format_angka(c, d)
        if len(teks) > 8:  # wider than the column: say so instead of cutting digits off
            teks = ">9.999" if c > 0 else "<-999"
        return Text(teks, style=tebal)

    def _mentah(self, baris: str, kolom: str) -> str:
        if self.ind is None:
            return ""
        v = self._peta(self.ind, kolom).get(int(baris))
        return "" if v is None else format_bebas(v)

    def _bisa_edit(self, baris: str, kolom: str) -> bool:
        ind = self.ind
        if ind is None:
            return False
        return not (kolom == "realisasi" and self._dari_triwulan(ind, int(baris)))

    @on(EditGrid.Pratinjau)
    def _pratinjau(self, event: EditGrid.Pratinjau) -> None:
        ind = self.ind
        if ind is None:
            return
        if event.galat is not None or event.batal:
            self.grid.segarkan([event.baris])
            self._perbarui_rinci()
            return
        peta = {**self._peta(ind, event.kolom), int(event.baris): event.nilai}
        calon = calc.calon(ind, **{MEDAN[event.kolom]: peta})
        self._calon = (calon, calc.calon(self.lap, indikator=calc.ganti(self.lap.indikator, ind, calon)))
        try:
            self.grid.segarkan([event.baris])
            self._perbarui_rinci()
        finally:
            self._calon = None

    def _simpan(self, event: EditGrid.Simpan) -> None:
        ind = self.ind
        if ind is None:
            return
        t = int(event.baris)

        def mutasi(ind: Indikator) -> None:
            self._peta(ind, event.kolom)[t] = event.nilai

        self.app.ubah(ind, mutasi, f"{ind.id} · {NAMA_KOLOM[event.kolom].capitalize()} {t}")
        self.grid.segarkan([event.baris])
        self._perbarui_rinci()

    def _kenapa(self, baris: str, kolom: str) -> str | None:
        # a number typed on a derived realisasi must not vanish silently: say where it comes from
        if self.ind is not None and kolom == "realisasi" and self._dari_triwulan(self.ind, int(baris)):
            return f"Realisasi {baris} dihitung dari triwulan; ubah di F4 Triwulan."
        return None

    # ------------------------------------------------------------ tree events
    @on(Tree.NodeHighlighted, "#pohon")
    def _sorot(self, event: Tree.NodeHighlighted) -> None:
        data = event.node.data or ("root", None)
        if data != self._pilihan:
            self._pilihan = data
            self._tampilkan()

    @on(Tree.NodeSelected, "#pohon")
    def _pilih(self, event: Tree.NodeSelected) -> None:
        data = event.node.data or ("root", None)
        if data[0] == "indikator":
            self._pilihan = data
            self.grid.tabel.focus()

    def action_ke_tabel(self) -> None:
        if self.ind is not None:
            self.grid.tabel.focus()
        else:
            self.focus_next()

    def action_ke_pohon(self) -> None:
        self.pohon.focus()

    # ------------------------------------------------------------ changing records

    def action_tambah(self) -> None:
        if not self.boleh_ubah():
            return
        lap = self.lap
        jenis, kunci = self._pilihan
        if jenis == "root":
            self._form_tujuan(None)
        elif jenis == "tujuan":
            self._form_sasaran(None, tujuan=kunci)
        else:
            sasaran = kunci if jenis == "sasaran" else (self.ind.sasaran if self.ind else None)
            if not lap.sasaran:
                self.notify("Belum ada sasaran: tambah tujuan dan sasaran dulu.", severity="warning")
                return
            self._form_indikator(None, sasaran=sasaran)

    def action_ubah_rincian(self) -> None:
        if not self.boleh_ubah():
            return
        jenis, kunci = self._pilihan
        if jenis == "tujuan":
            self._form_tujuan(self._tujuan(kunci))
        elif jenis == "sasaran":
            self._form_sasaran(self.lap.cari_sasaran(kunci))
        elif jenis == "indikator":
            self._form_indikator(self.ind)
        else:
            self.notify("Pilih tujuan, sasaran atau indikator di pohon dulu.")

    def action_hapus(self) -> None:
        if not self.boleh_ubah():
            return
        lap = self.lap
        jenis, kunci = self._pilihan
        obj: Tujuan | Sasaran | Indikator
        if jenis == "tujuan" and (tj := self._tujuan(kunci)) is not None:
            obj = tj
            sisa = lap.sasaran_tujuan(kunci)
            if sisa:
                self._tolak(f"Tujuan {kunci} masih memiliki sasaran ({', '.join(s.id for s in sisa)}); "
                            "hapus sasarannya dulu.")
                return
            soal = f"Hapus tujuan {kunci}: {tj.uraian}?"
        elif jenis == "sasaran":
            obj = lap.cari_sasaran(kunci)
            if lap.indikator_sasaran(kunci):
                self._tolak(f"Sasaran {kunci} masih memiliki indikator; hapus indikatornya dulu.")
                return
            if lap.program_sasaran(kunci):
                self._tolak(f"Sasaran {kunci} masih memiliki program; pindahkan atau hapus programnya dulu (F6).")
                return
            soal = f"Hapus sasaran {kunci}: {obj.uraian}?"
        elif jenis == "indikator" and self.ind is not None:
            obj = self.ind
            soal = (f"Hapus indikator {kunci}: {obj.uraian}?\n"
                    "Semua target, realisasi dan data triwulannya ikut terhapus (ctrl+z mengurungkan).")
        else:
            self.notify("Pilih tujuan, sasaran atau indikator yang akan dihapus.")
            return

        def jawab(ya: bool | None) -> None:
            if not ya:
                return
            urutan = self._tetangga(jenis, kunci)
            if self.app.hapus(obj, keterangan=f"hapus {jenis} {kunci}"):
                self.notify(f"{jenis.capitalize()} {kunci} dihapus. ctrl+z untuk mengurungkan.", markup=False)
                self._bangun_pohon(urutan)

        self.app.push_screen(KonfirmasiScreen(soal), jawab)

    def _tolak(self, pesan: str) -> None:
        self.app.bell()
        self.notify(pesan, title="Tidak dapat dihapus", severity="error", timeout=8, markup=False)

    def _tetangga(self, jenis: str, kunci: str | None) -> tuple[str, str | None]:
        """Where the cursor goes after deleting: the parent of the deleted record."""
        lap, ind = self.lap, self.ind
        if jenis == "indikator" and ind is not None:
            return ("sasaran", ind.sasaran)
        if jenis == "sasaran":
            return ("tujuan", lap.cari_sasaran(kunci).tujuan)
        return ("root", None)

    # ------------------------------------------------------------ forms
    def _form_tujuan(self, tj: Tujuan | None) -> None:
        lap = self.lap
        ids = [t.id for t in lap.tujuan]
        misi = lap.instansi.misi
        if misi:
            isian_misi = Isian("misi", "Misi ke-", str(tj.misi if tj else 1), jenis=PILIHAN,
                               pilihan=[(f"{n}. {m}", str(n)) for n, m in enumerate(misi, 1)])
        else:
            isian_misi = Isian("misi", "Misi ke-", str(tj.misi if tj else 1), baca_nomor_misi)
        isian = [
            Isian("id", "Kode tujuan", tj.id if tj else id_berikut("T", ids), baca_id(ids, tj.id if tj else None)),
            isian_misi,
            Isian("uraian", "Uraian", tj.uraian if tj else ""),
            Isian("indikator", "Indikator tujuan", "\n".join(tj.indikator) if tj else "", teks_opsional,
                  jenis=BARIS),
        ]

        def buat(v: dict[str, str]) -> Tujuan:
            return Tujuan(v["id"].strip(), int(v["misi"]), v["uraian"].strip(),
                          [b.strip() for b in v["indikator"].splitlines() if b.strip()])

        judul = f"Ubah tujuan {tj.id}" if tj else "Tujuan baru"
        self.app.buka_formulir(Formulir(judul + " (indikator tujuan: satu per baris)", isian, buat),
                             lambda baru: self._simpan_bentuk("tujuan", tj, baru))

    def _form_sasaran(self, s: Sasaran | None, tujuan: str | None = None) -> None:
        lap = self.lap
        ids = [x.id for x in lap.sasaran]
        isian = [
            Isian("id", "Kode sasaran", s.id if s else id_berikut("S", ids), baca_id(ids, s.id if s else None)),
            Isian("tujuan", "Tujuan", s.tujuan if s else (tujuan or ""), jenis=PILIHAN,
                  pilihan=[(f"{t.id} {t.uraian}", t.id) for t in lap.tujuan]),
            Isian("uraian", "Uraian", s.uraian if s else ""),
        ]

        def buat(v: dict[str, str]) -> Sasaran:
            return Sasaran(v["id"].strip(), v["tujuan"], v["uraian"].strip())

        judul = f"Ubah sasaran {s.id}" if s else "Sasaran baru"
        self.app.buka_formulir(Formulir(judul, isian, buat), lambda baru: self._simpan_bentuk("sasaran", s, baru))

    def _form_indikator(self, ind: Indikator | None, sasaran: str | None = None) -> None:
        lap = self.lap
        ids = [i.id for i in lap.indikator]
        iku = ind.iku if ind else None
        negatif = lambda v: v["arah"] == "negatif"  # noqa: E731
        ya_iku = lambda v: v["iku"] == "ya"  # noqa: E731
        isian = [
            Isian("id", "Kode indikator", ind.id if ind else id_berikut("I", ids),
                  baca_id(ids, ind.id if ind else None)),
            Isian("sasaran", "Sasaran", ind.sasaran if ind else (sasaran or ""), jenis=PILIHAN,
                  pilihan=[(f"{s.id} {s.uraian}", s.id) for s in lap.sasaran]),
            Isian("uraian", "Uraian", ind.uraian if ind else ""),
            Isian("satuan", "Satuan", ind.satuan if ind else "", teks_opsional, "mis. Persen, Angka, Rupiah"),
            Isian("arah", "Arah", ind.arah if ind else "positif", jenis=PILIHAN, pilihan=ARAH_PILIHAN),
            Isian("rumus", "Rumus negatif", (ind.rumus_negatif if ind else None) or "2T-R", teks_opsional,
                  jenis=PILIHAN, pilihan=RUMUS_PILIHAN, aktif_jika=negatif),
            Isian("agregasi", "Agregasi TW", ind.agregasi_triwulan if ind else "jumlah", jenis=PILIHAN,
                  pilihan=AGREGASI_PILIHAN),
            Isian("iku", "IKU?", "ya" if (ind is None or iku) else "bukan", teks_opsional, jenis=PILIHAN,
                  pilihan=IKU_PILIHAN),
            Isian("alasan", "Alasan", iku.alasan if iku else "", teks_opsional, aktif_jika=ya_iku),
            Isian("formulasi", "Formulasi", iku.formulasi if iku else "", teks_opsional, aktif_jika=ya_iku),
            Isian("sumber", "Sumber data", iku.sumber_data if iku else "", teks_opsional, aktif_jika=ya_iku),
            Isian("pj", "Penanggung jawab", iku.penanggung_jawab if iku else "", teks_opsional, aktif_jika=ya_iku),
        ]

        def buat(v: dict[str, str]) -> Indikator:
            baru = copy.deepcopy(ind) if ind else Indikator(id="", sasaran="", uraian="")
            baru.id, baru.sasaran, baru.uraian = v["id"].strip(), v["sasaran"], v["uraian"].strip()
            baru.satuan = v["satuan"].strip()
            baru.arah = v["arah"]
            baru.rumus_negatif = v["rumus"] if v["arah"] == "negatif" else None
            baru.agregasi_triwulan = v["agregasi"] if v["agregasi"] in AGREGASI else "jumlah"
            baru.iku = (Iku(v["alasan"].strip(), v["formulasi"].strip(), v["sumber"].strip(), v["pj"].strip())
                        if v["iku"] == "ya" else None)
            return baru

        judul = f"Ubah indikator {ind.id}" if ind else "Indikator baru"
        self.app.buka_formulir(Formulir(judul, isian, buat), lambda baru: self._simpan_bentuk("indikator", ind, baru))

    def _simpan_bentuk(self, jenis: str, lama, baru) -> None:
        """Save a form's tujuan/sasaran/indikator (``_BENTUK`` says which records
        point to it and which fields the form sets). A changed id moves those records with it."""
        if baru is None:
            return
        anak, medan = _BENTUK[jenis]
        lap = self.lap
        if lama is None:
            if self.app.tambah(baru, keterangan=f"tambah {jenis} {baru.id}"):
                self._bangun_pohon((jenis, baru.id))
            return

        def salin(salinan) -> None:
            for m in medan or list(vars(baru)):
                setattr(salinan, m, getattr(baru, m))

        if baru.id == lama.id:
            ok = self.app.ubah(lama, salin, f"ubah {jenis} {lama.id}")
        else:
            kaitan = anak(lap, lama.id)

            def mutasi(salinan: list) -> None:
                for x in salinan[1:]:
                    setattr(x, jenis, baru.id)  # sasaran.tujuan, indikator/program.sasaran
                salin(salinan[0])

            ok = self.app.ubah_banyak([lama, *kaitan], mutasi, f"ubah {jenis} {lama.id} → {baru.id}")
        if ok:
            self._bangun_pohon((jenis, baru.id))

