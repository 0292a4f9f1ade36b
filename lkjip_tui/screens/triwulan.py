"""Triwulan: indicators × TW I–IV (target, realisasi) of the report year.

Every keystroke in a target or realisasi recalculates the quarter's capaian, the year's
realisasi and capaian, the sasaran average and the organisation's capaian on screen, before
the value is saved; Enter or Tab saves it.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from store import aturan, calc
from store.models import TRIWULAN, Indikator, Laporan, empat_triwulan
from store.numbers import format_angka, format_bebas

from ..widgets.edit_grid import ANGKA, EditGrid, Kolom, redup
from .base import LayarDasar

TAHUNAN = 4  # row index of the "year" row under the four quarters

KOLOM = [
    Kolom("indikator", "Indikator", 26, kanan=False,
          petunjuk="Kolom Indikator: ketik angka di Target atau Realisasi (→)."),
    Kolom("tw", "TW", 4, kanan=False, petunjuk="Kolom TW: ketik angka di Target atau Realisasi (→)."),
    Kolom("target", "Target", 15, ANGKA, cek=aturan.alasan_indikator),
    Kolom("realisasi", "Realisasi", 15, ANGKA, cek=aturan.alasan_indikator),
    Kolom("capaian", "Capaian %", 9),
]


def kunci(ind: Indikator, q: int) -> str:
    return f"{ind.id}#{q}"


def pecah(baris: str) -> tuple[str, int]:
    i, q = baris.rsplit("#", 1)
    return i, int(q)


class TriwulanScreen(LayarDasar):
    # While a value is typed: the indicator and the year as if it were saved (calc.calon)
    _calon: tuple[Indikator, Laporan] | None = None
    MODE = "triwulan"
    JUDUL = "Triwulan"
    BANTUAN = ("Isi target dan realisasi tiap triwulan. Kosong berarti belum dilaporkan (bukan nol). "
               "Baris 'Thn' adalah target dan realisasi setahun; realisasi setahun dihitung dari "
               "triwulan sesuai agregasi indikator.")

    def isi(self) -> ComposeResult:
        yield Static(id="ringkas-tw", classes="ringkas")
        yield EditGrid(KOLOM, tampil=self._tampil, mentah=self._mentah, bisa_edit=self._bisa_edit,
                       simpan=self._simpan, id="grid-tw", hanya_baca=self.app.hanya_baca, kenapa=self._kenapa)
        yield Static(id="detail-tw", classes="ringkas")

    @property
    def grid(self) -> EditGrid:
        return self.query_one("#grid-tw", EditGrid)

    def segarkan(self) -> None:
        if self.lap is None:
            self.query_one("#ringkas-tw", Static).update(
                Text("Belum ada tahun laporan. Buka F8 Atur untuk membuat tahun baru, atau impor bundle."))
            self.grid.isi([])
            return
        # grouped by sasaran, as in the report: an indicator added to S1 later sits with S1's
        lap = self.lap
        ada = {s.id for s in lap.sasaran}
        urut = [i for s in lap.sasaran for i in lap.indikator_sasaran(s.id)]
        urut += [i for i in lap.indikator if i.sasaran not in ada]
        self.grid.isi([kunci(i, q) for i in urut for q in range(5)])
        self._perbarui_ringkas(semua=True)

    # ------------------------------------------------------------ cells
    def _cari(self, baris: str) -> tuple[Indikator, int]:
        i, q = pecah(baris)
        if self._calon is not None and self._calon[0].id == i:
            return self._calon[0], q
        return self.lap.cari_indikator(i), q

    def _nilai(self, ind: Indikator, q: int, kolom: str):
        t = self.lap.tahun
        if q == TAHUNAN:
            return ind.target.get(t) if kolom == "target" else calc.realisasi_tahun(ind, t)
        return getattr(ind.triwulan_tahun(t)[q], kolom) if t in ind.triwulan else None

    def _tampil(self, baris: str, kolom: str):
        ind, q = self._cari(baris)
        t, d = self.lap.tahun, self.lap.pengaturan.desimal
        if kolom == "indikator":
            if q == 0:
                return Text(f"{ind.id} {ind.uraian}", overflow="ellipsis", no_wrap=True)
            if q == 1:
                return Text(f"  {ind.satuan} · {ind.agregasi_triwulan}", style="dim")
            return ""
        if kolom == "tw":
            return Text("Thn", style="bold") if q == TAHUNAN else TRIWULAN[q]
        if kolom in ("target", "realisasi"):
            v = self._nilai(ind, q, kolom)
            teks = redup() if v is None else Text(format_bebas(v))
            if q == TAHUNAN:
                teks.stylize("bold")
            return teks
        if q == TAHUNAN:
            c = calc.capaian_indikator(ind, t, d)
            return Text(format_angka(c, d), style="bold") if c is not None else redup()
        c = calc.capaian_triwulan(ind, t, q, d)
        return redup() if c is None else format_angka(c, d)

    def _mentah(self, baris: str, kolom: str) -> str:
        ind, q = self._cari(baris)
        v = self._nilai(ind, q, kolom)
        return "" if v is None else format_bebas(v)

    def _bisa_edit(self, baris: str, kolom: str) -> bool:
        _, q = pecah(baris)
        return not (q == TAHUNAN and kolom == "realisasi")  # the year's realisasi is derived

    def _kenapa(self, baris: str, kolom: str) -> str | None:
        if not self._bisa_edit(baris, kolom):
            return "Realisasi setahun dihitung dari triwulan: ketik realisasi TW I–IV di atasnya."
        return None

    # ------------------------------------------------------------ live figures
    def _perbarui_ringkas(self, ind: Indikator | None = None, semua: bool = False) -> None:
        """Redraw the summary lines. Only the sasaran of ``ind`` is recomputed unless
        ``semua``: a keystroke touches one indicator, so one sasaran average changes."""
        lap = self.lap if self._calon is None else self._calon[1]
        d, skala = lap.pengaturan.desimal, lap.pengaturan.skala
        if semua or not hasattr(self, "_per_sasaran"):
            self._per_sasaran = calc.capaian_per_sasaran(lap)
        elif ind is not None:
            self._per_sasaran[ind.sasaran] = calc.capaian_sasaran(lap, ind.sasaran)
        org = calc.capaian_organisasi(lap, per_sasaran=self._per_sasaran)
        teks = Text(f"Capaian organisasi {format_angka(org, d)} ({calc.kategori(org, skala)})", style="bold")
        for sid, c in self._per_sasaran.items():
            bagian = f"  {sid} {format_angka(c, d)}"
            if teks.cell_len + len(bagian) > 78:  # one line; the detail line names the current sasaran
                teks.append("  …", style="dim")
                break
            teks.append(bagian, style="")
        self.query_one("#ringkas-tw", Static).update(teks)
        sel = self.grid.cell_terpilih()
        if ind is None and sel:
            ind, _ = self._cari(sel[0])
        detail = Text()
        if ind is not None:
            detail.append(f"{ind.id} {ind.uraian}\n", style="bold")  # the grid cuts long names
            t = lap.tahun
            c = calc.capaian_indikator(ind, t, d)
            cs = self._per_sasaran.get(ind.sasaran)
            detail.append(f"{ind.id}: realisasi {t} ", style="dim")
            detail.append(format_bebas(calc.realisasi_tahun(ind, t)))
            detail.append(" · capaian ", style="dim")
            detail.append(f"{format_angka(c, d)} {calc.predikat(c)}", style="bold")
            detail.append(f" · sasaran {ind.sasaran} ", style="dim")
            detail.append(f"{format_angka(cs, d)} ({calc.kategori(cs, skala)})")
        self.query_one("#detail-tw", Static).update(detail)

    def _baris_indikator(self, ind: Indikator) -> list[str]:
        return [kunci(ind, q) for q in range(5)]

    @on(EditGrid.Pratinjau)
    def _pratinjau(self, event: EditGrid.Pratinjau) -> None:
        ind, q = self._cari(event.baris)
        if event.galat is not None or event.batal:
            self.grid.segarkan(self._baris_indikator(ind))
            self._perbarui_ringkas(ind)
            return
        t = self.lap.tahun
        if q == TAHUNAN:
            calon = calc.calon(ind, target={**ind.target, t: event.nilai})
        else:
            tw = list(ind.triwulan.get(t) or empat_triwulan())
            tw[q] = calc.calon(tw[q], **{event.kolom: event.nilai})
            calon = calc.calon(ind, triwulan={**ind.triwulan, t: tw})
        self._calon = (calon, calc.calon(self.lap, indikator=calc.ganti(self.lap.indikator, ind, calon)))
        try:
            self.grid.segarkan(self._baris_indikator(calon))
            self._perbarui_ringkas(calon)
        finally:
            self._calon = None

    def _simpan(self, event: EditGrid.Simpan) -> None:
        ind, q = self._cari(event.baris)
        t = self.lap.tahun

        def mutasi(ind: Indikator) -> None:
            if q == TAHUNAN:
                ind.target[t] = event.nilai
            else:
                setattr(ind.triwulan_tahun(t)[q], event.kolom, event.nilai)

        nama = "Target" if event.kolom == "target" else "Realisasi"
        label = f"tahun {t}" if q == TAHUNAN else f"TW {TRIWULAN[q]}"
        self.app.ubah(ind, mutasi, f"{ind.id} · {nama} {label}")
        ind = self.app.baru(ind)
        self.grid.segarkan(self._baris_indikator(ind))
        self._perbarui_ringkas(ind)

    @on(DataTable.CellHighlighted)
    def _pindah(self, event) -> None:
        if self.lap is not None:
            self._perbarui_ringkas()
