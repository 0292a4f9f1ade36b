"""Beranda: the first screen — how the open year stands, at a glance, read-only.

A fixed summary (unit, year, capaian organisasi, serapan, what is still missing) over a
scrolling list: capaian per sasaran and indikator with bars and a trend over the Renstra
years, serapan per program, and the entries still missing up to the running quarter.

Built cheaply: the lists are ``Daftar`` widgets (fixed columns, drawn a line at a time), so a
city-sized year (hundreds of indicators and programs) creates no widget per row and renders
only the lines on screen.
Every figure comes from ``store.calc``.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from store import calc, narasi
from store.kelengkapan import Kurang, ada_target, belum_diisi, kuartal_berjalan
from store.models import TRIWULAN, Indikator, Laporan
from store.numbers import format_angka, format_rupiah

from ..simbol import teks as sim
from ..tombol import ikat
from ..widgets.bar import bar_teks
from ..widgets.daftar import Daftar, KolomDaftar
from ..widgets.tren import tren_teks
from .base import LayarDasar

BATAS_DAFTAR = 60  # missing entries listed; the rest is counted
PREDIKAT_PENDEK = {"Tidak Tercapai": "Tdk tercapai", "Tercapai sesuai target": "Sesuai target",
                   "Melebihi target": "Melebihi"}


def tahun_tren(lap: Laporan) -> list[int]:
    r = lap.renstra
    assert r is not None  # Laporan.__post_init__ fills it
    tahun = set(r.tahun_target) if r.tahun_target else set(range(r.mulai, r.akhir + 1))
    return sorted(tahun | {lap.tahun})


def tren_indikator(ind: Indikator, tahun: list[int]):
    return [calc.realisasi_tahun(ind, t) for t in tahun]


def _kosong(teks: str = "-") -> Text:
    return Text(teks, style="dim")


# ---------------------------------------------------------------- the screen
class BerandaScreen(LayarDasar):
    MODE = "beranda"
    JUDUL = "Beranda"
    BANTUAN = sim("Ringkasan tahun laporan yang terbuka; layar ini hanya untuk dibaca. Capaian dan serapan "
                  "dihitung dari data yang sudah diisi. Batang: penuh = 100 %, ▶ di ujung = di atas 100 %, "
                  "░ kosong = belum dapat dihitung. Tren: realisasi indikator tiap tahun Renstra "
                  "(· = belum ada). 'Belum diisi' memuat isian yang diharapkan sampai triwulan berjalan. "
                  "I, A, B melompat ke bagian Capaian, Anggaran, Belum diisi; ↑ ↓ PgUp PgDn menggulir.")
    BINDINGS = [
        Binding("i", "ke('#b-capaian')", "Capaian", id="ke-capaian"),
        Binding("a", "ke('#b-anggaran')", "Anggaran", id="ke-anggaran"),
        Binding("b", "ke('#b-kurang')", "Belum diisi", id="ke-kurang"),
        ikat("tahun-baru", "tahun_baru", "Buat tahun"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._sudah_tawar = False

    def isi(self) -> ComposeResult:
        yield Static(id="b-ringkas", classes="ringkas")
        with VerticalScroll(id="b-daftar"):
            yield Daftar(id="b-capaian")
            yield Daftar(id="b-anggaran")
            yield Static(id="b-kurang")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#b-daftar").focus()

    def check_action(self, action: str, parameters) -> bool | None:
        ada = self.app.lap is not None
        if action == "tahun_baru":
            return not ada and not self.app.hanya_baca
        if action == "ke":
            return ada
        return True

    # ------------------------------------------------------------ actions
    def action_ke(self, selector: str) -> None:
        daftar = self.query_one("#b-daftar", VerticalScroll)
        daftar.scroll_to_widget(self.query_one(selector), top=True, animate=False)

    def action_tahun_baru(self) -> None:
        self.app.buat_tahun_baru()

    # ------------------------------------------------------------ drawing
    def segarkan(self) -> None:
        self.refresh_bindings()
        lap = self.app.lap
        if lap is None:
            self._kosong()
            return
        d = lap.pengaturan.desimal
        kuartal = kuartal_berjalan(lap.tahun)
        kurang = belum_diisi(lap, kuartal)
        # Each program's rollup once: the summary line and the table both use them.
        per_program = [(p, calc.anggaran_program(p)) for p in lap.program]
        total = calc.jumlah(a for _, a in per_program)
        self.query_one("#b-ringkas", Static).update(self._ringkas(lap, d, kuartal, kurang, total))
        self._capaian(lap, d)
        self._anggaran(lap, d, per_program, total)
        self.query_one("#b-kurang", Static).update(self._kurang(lap, kuartal, kurang) + self._teks_kurang(lap))

    def _kosong(self) -> None:
        pesan = Text("Basis data masih kosong: belum ada tahun laporan.\n\n", style="bold")
        if self.app.hanya_baca:
            pesan.append("Basis data dibuka hanya-baca, jadi tahun baru tidak dapat dibuat di sini.\n"
                         "Impor bundle dengan: lkjip import BERKAS.json", style="")
        else:
            pesan.append("Tekan ", style="")
            pesan.append("N", style="reverse bold")
            pesan.append(" untuk membuat tahun laporan pertama (cukup nama unit dan tahun),\n"
                         "atau buka ", style="")
            pesan.append("F8", style="reverse bold")
            pesan.append(" Atur. Data dari aplikasi lain: lkjip import BERKAS.json", style="")
        self.query_one("#b-ringkas", Static).update(pesan)
        for sid in ("#b-capaian", "#b-anggaran"):
            self.query_one(sid, Daftar).kosongkan()
        self.query_one("#b-kurang", Static).update("")
        if not self._sudah_tawar and not self.app.hanya_baca:
            # A brand-new user lands here: offer the first year straight away, once.
            self._sudah_tawar = True
            self.call_after_refresh(self.action_tahun_baru)

    def _ringkas(self, lap: Laporan, d: int, kuartal: int, kurang: list[Kurang], total: calc.Anggaran) -> Text:
        skala = lap.pengaturan.skala
        t = Text(no_wrap=True, overflow="ellipsis")
        t.append(lap.instansi.nama or "Tanpa nama", style="bold")
        if lap.instansi.pemerintah_daerah:
            t.append(f" · {lap.instansi.pemerintah_daerah}")
        t.append(f" · LKjIP tahun {lap.tahun}", style="bold")
        if lap.renstra is not None:  # always (Laporan.__post_init__); said for the type checker
            t.append(f" (Renstra {lap.renstra.mulai}–{lap.renstra.akhir})", style="dim")
        org = calc.capaian_organisasi(lap)
        t.append("\nCapaian organisasi ")
        if org is None:
            t.append("- belum dapat dihitung (target/realisasi belum diisi)", style="dim")
        else:
            t.append(format_angka(org, d), style="bold")
            t.append(" % ")
            t.append(calc.kategori(org, skala), style="bold")
            t.append("  ")
            t.append_text(bar_teks(org, 20))
        ser = total.serapan(d)
        t.append("\nSerapan anggaran   ")
        if ser is None:
            t.append("- belum ada pagu", style="dim")
        else:
            t.append(format_angka(ser, d), style="bold")
            t.append(" % ")
            t.append_text(bar_teks(ser, 10))
            t.append(f" {format_rupiah(total.realisasi)} / {format_rupiah(total.pagu)}", style="dim")
        t.append("\n")
        if not lap.indikator and not lap.program:
            t.append("Belum ada indikator dan program: mulai dari F3 Indikator dan F6 Anggaran.", style="dim")
        elif kuartal == 0:
            t.append(f"Tahun {lap.tahun} belum berjalan: belum ada isian yang ditunggu.", style="dim")
        elif not ada_target(lap):
            t.append(f"Tahun {lap.tahun} belum punya target: isi target indikator di F3 dulu; "
                     "sesudah itu di sini terlihat isian yang masih kurang.", style="dim")
        elif not kurang:
            t.append(sim(f"✓ Semua isian s.d. TW {TRIWULAN[kuartal - 1]} sudah diisi."), style="green")
        else:
            n_ind = sum(1 for k in kurang if k.jenis == "indikator")
            n_sub = len(kurang) - n_ind
            t.append(sim(f"⚠ Belum diisi s.d. TW {TRIWULAN[kuartal - 1]}: "), style="bold yellow")
            t.append(f"{n_ind} indikator, {n_sub} subkegiatan (tekan B)")
        n_teks = len(narasi.belum_diisi(lap))
        if n_teks:
            t.append(f" · teks laporan belum diisi: {n_teks} (F10)", style="yellow")
        return t

    KOLOM_CAPAIAN = [KolomDaftar("Sasaran / indikator"), KolomDaftar("%", 7, kanan=True), KolomDaftar("", 10),
                     KolomDaftar("Kategori", 13)]
    KOLOM_ANGGARAN = [KolomDaftar("Program"), KolomDaftar("Pagu (Rp)", 17, kanan=True),
                      KolomDaftar("%", 6, kanan=True), KolomDaftar("", 10)]

    def _capaian(self, lap: Laporan, d: int) -> None:
        skala, t = lap.pengaturan.skala, lap.tahun
        tahun = tahun_tren(lap)
        kolom = [*self.KOLOM_CAPAIAN, KolomDaftar("Tren", max(4, len(tahun)))]
        catatan = Text(f"Tren: realisasi {tahun[0]}–{tahun[-1]} (· = belum ada)", style="dim")
        if not lap.sasaran and not lap.indikator:
            catatan = Text("Belum ada sasaran dan indikator. Isi di F3 Indikator.", style="dim")
        sasaran_ids = {s.id for s in lap.sasaran}
        kelompok: list[tuple[str | None, Text, list[Indikator]]] = [(s.id, Text(f"{s.id} {s.uraian}", style="bold"), lap.indikator_sasaran(s.id)) for s in lap.sasaran]
        yatim = [i for i in lap.indikator if i.sasaran not in sasaran_ids]
        if yatim:
            kelompok.append((None, Text("Tanpa sasaran", style="bold"), yatim))
        baris: list = []
        for sid, judul, inds in kelompok:
            if sid is not None:
                c = calc.capaian_sasaran(lap, sid)
                baris.append([judul, Text(format_angka(c, d), style="bold"), bar_teks(c, 10),
                              Text(calc.kategori(c, skala), style="bold"), ""])
            else:
                baris.append([judul, "", "", "", ""])
            for ind in inds:
                c = calc.capaian_indikator(ind, t, d)
                pred = calc.predikat(c)
                baris.append([Text(f" {ind.id} {ind.uraian}"), format_angka(c, d) if c is not None else _kosong(),
                              bar_teks(c, 10), _kosong() if c is None else Text(PREDIKAT_PENDEK.get(pred, pred)),
                              tren_teks(tren_indikator(ind, tahun))])
        self.query_one("#b-capaian", Daftar).isi(kolom, baris, Text(f"Capaian kinerja {t}", style="bold"), catatan)

    def _anggaran(self, lap: Laporan, d: int, per_program: list, total: calc.Anggaran) -> None:
        judul = Text("Serapan anggaran per program", style="bold")
        daftar = self.query_one("#b-anggaran", Daftar)
        if not lap.program:
            daftar.isi(self.KOLOM_ANGGARAN, [], judul, Text("Belum ada program. Isi di F6 Anggaran.", style="dim"))
            return
        baris: list = []
        for p, a in per_program:
            s = a.serapan(d)
            baris.append([Text(f"{p.id} {p.nama}"), format_rupiah(a.pagu),
                          format_angka(s, d) if s is not None else _kosong(), bar_teks(s, 10)])
        s = total.serapan(d)
        baris.append([Text("Total", style="bold"), Text(format_rupiah(total.pagu), style="bold"),
                      Text(format_angka(s, d), style="bold"), bar_teks(s, 10)])
        daftar.isi(self.KOLOM_ANGGARAN, baris, judul)

    def _teks_kurang(self, lap: Laporan) -> Text:
        """The report's text parts still empty (the rule is store.narasi's, as for lkjip check)."""
        kosong = narasi.belum_diisi(lap)
        t = Text(f"\n\nTeks laporan belum diisi ({len(kosong)})", style="bold")
        if not kosong:
            t.append(sim("\n✓ semua bagian teks sudah diisi."), style="green")
            return t
        for k in kosong[:BATAS_DAFTAR]:
            t.append("\n• ")
            t.append(k.judul)
            t.append(": baru draf" if k.status == "draf" else ": belum diisi", style="yellow")
        if len(kosong) > BATAS_DAFTAR:
            t.append(f"\n… dan {len(kosong) - BATAS_DAFTAR} lagi (lkjip check menampilkan semuanya)", style="dim")
        t.append("\nTulis di F10 Narasi.", style="dim")
        return t

    def _kurang(self, lap: Laporan, kuartal: int, kurang: list[Kurang]) -> Text:
        if kuartal == 0:
            return Text(f"\nBelum diisi: tahun {lap.tahun} belum berjalan.", style="dim")
        t = Text(f"\nBelum diisi s.d. TW {TRIWULAN[kuartal - 1]} {lap.tahun}", style="bold")
        if not kurang:
            t.append(sim("\n✓ tidak ada; semua isian sudah lengkap."), style="green")
            return t
        for k in kurang[:BATAS_DAFTAR]:
            t.append(sim("\n• "))
            t.append(k.lokasi)
            t.append(f": {k.pesan}", style="yellow")
        if len(kurang) > BATAS_DAFTAR:
            t.append(f"\n… dan {len(kurang) - BATAS_DAFTAR} lagi (lkjip check menampilkan semuanya)", style="dim")
        t.append("\nIsi di F4 Triwulan (indikator) dan F6 Anggaran (subkegiatan).", style="dim")
        return t
