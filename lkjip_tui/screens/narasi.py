"""Narasi (F10): the report's outline as a tree, the selected part's text in an editor.

The outline is ``store.narasi.garis_besar`` (the unit's own, or the seed's); text parts are
typed in a TextArea and saved as you type (after a short pause, and at once when leaving the
part) through the app's one writer, so every save is journalled, undoable and in riwayat.
For an empty analysis part a draft written from the figures (store/draf.py) is shown, marked
as a draft: ctrl+t accepts it, typing edits it (the edited text is the user's), ctrl+r
discards it. Parts built from the data (tables, the cover, signatures) are listed, dimmed,
so the tree reads as the document does.

The outline itself is the unit's: in the tree, ``r`` renames a part, ``a`` adds a text part
after it, ``d`` removes a text part, shift+↑/↓ move a part among its neighbours (inside a
sasaran's analysis, for every sasaran). Each is one undoable change of the year's data.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Static, TextArea, Tree
from textual.widgets.tree import TreeNode

from store import draf as draf_mod
from store import narasi
from store.models import Bagian, Laporan, Teks
from store.teks import BATAS_NARASI, alasan_teks

from ..tombol import ikat
from ..widgets.formulir import PILIHAN, Formulir, Isian
from ..widgets.pembaca import teks_wajib
from ..widgets.penyunting import PenyuntingUrut
from ..widgets.tertunda import Tertunda
from .base import LayarDasar
from .konfirmasi import KonfirmasiScreen

JEDA_SIMPAN = 0.6  # seconds of no typing before the text is saved
TANDA = {"terisi": ("● ", "green"), "draf": ("◐ ", "yellow"), "kosong": ("○ ", "red")}
AWAL = "kata-pengantar"  # F10 opens here: the first text part of the seed


class Penyunting(PenyuntingUrut):
    """The text editor, without TextArea's F6/F7 (select line/all), which are the app's
    screen keys here."""

    inherit_bindings = False
    BINDINGS = [b for b in TextArea.BINDINGS if getattr(b, "key", "") not in ("f6", "f7")]


def _ttd() -> Bagian:
    """The signing place and date: texts of the year, shown as a group of their own."""
    return Bagian("ttd", "Tanda tangan (tempat, tanggal)", "bab",
                  [Bagian(k, judul, "teks") for k, judul in narasi.ISIAN_TTD])


class NarasiScreen(LayarDasar):
    MODE = "narasi"
    JUDUL = "Narasi laporan"
    BANTUAN = ("Susunan laporan di kiri (seperti dokumen LKjIP), teks bagian terpilih di kanan. "
               "Enter: mulai menulis; Esc: kembali ke daftar bagian. Teks tersimpan sendiri saat "
               "mengetik; ctrl+z di daftar bagian mengurungkan. ○ belum diisi, ◐ baru draf, ● sudah "
               "diisi. Untuk analisis sasaran yang kosong tersedia draf dari angka: ctrl+t menerima, "
               "mengetik menyunting, ctrl+r membuang. Bagian daftar (Isu Strategis, Landasan Hukum): "
               "satu butir per baris. Bagian redup dibuat dari data. Susunan: r ganti judul, a tambah "
               "bagian teks, d hapus bagian teks, shift+↑/↓ pindahkan bagian.")
    BINDINGS = [
        Binding("escape", "ke_pohon", "Daftar", id="ke-pohon"),
        Binding("ctrl+t", "terima", "Terima draf", id="terima-draf", priority=True),
        Binding("ctrl+r", "buang", "Buang draf", id="buang-draf", priority=True),
        # the one keymap (tombol.py): e edits (here the part's title), a adds, d deletes
        ikat("ubah", "ganti_judul", "Judul"),
        ikat("tambah", "tambah_bagian"),
        ikat("hapus", "hapus_bagian"),
        # priority: the tree's own shift+↑/↓ (jump to a sibling) gives way to moving the part
        Binding("shift+up", "pindah(-1)", "Naik", id="naik-bagian", priority=True, show=False),
        Binding("shift+down", "pindah(1)", "Turun", id="turun-bagian", priority=True, show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._bagian: dict[str, Bagian] = {}
        self._kunci: str | None = None      # the part shown in the editor
        self._dimuat = ""                    # the text put into the editor (not typed)
        self._diketik: str | None = None     # the editor's text since the last keystroke, unsaved
        self._alasan = ""                    # why the last save of it did not happen
        self._timer: Timer | None = None
        self._awal = True

    def isi(self) -> ComposeResult:
        with Horizontal(id="n-badan"):
            pohon: Tree[str] = Tree("Laporan", id="n-pohon")
            pohon.show_root = False
            pohon.auto_expand = False  # Enter starts writing; space opens/closes a group
            pohon.guide_depth = 2
            yield pohon
            with Vertical(id="n-kanan"):
                yield Static(id="n-judul")
                yield Penyunting(id="n-teks", soft_wrap=True, show_line_numbers=False,
                                 read_only=self.app.hanya_baca)

    @property
    def pohon(self) -> Tree:
        return self.query_one("#n-pohon", Tree)

    @property
    def editor(self) -> Penyunting:
        return self.query_one("#n-teks", Penyunting)

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("terima", "buang"):
            return self.lap is not None and self._kunci is not None and narasi.status(self.lap, self._kunci) == "draf"
        if action in ("ganti_judul", "tambah_bagian", "hapus_bagian", "pindah"):
            # outline keys belong to the tree; in the editor they are typed text
            try:
                return self.lap is not None and self.query_one("#n-pohon", Tree).has_focus
            except Exception:
                return False
        return True

    # ------------------------------------------------------------ drawing
    def segarkan(self) -> None:
        self._simpan_sekarang()
        pohon = self.pohon
        pohon.clear()
        self._bagian.clear()
        if self.lap is None:
            self.query_one("#n-judul", Static).update(Text(self.PESAN_KOSONG, style="dim"))
            return
        tujuan = self._kunci or AWAL
        target: TreeNode | None = None
        for b in [*narasi.garis_besar(self.lap), _ttd()]:
            n = self._tambah(pohon.root, b, tujuan)
            target = target or n
        pohon.root.expand()
        self._tampilkan(tujuan if tujuan in self._bagian else None)
        if target is not None:
            # The tree numbers its lines when it next draws: move the cursor after that.
            self.call_after_refresh(self._kursor_ke, target)
        if self._awal:
            self._awal = False
            pohon.focus()

    def _kursor_ke(self, node: TreeNode) -> None:
        """Put the tree's cursor on ``node``. A screen coming back into view has not drawn its
        tree yet: reading ``last_line`` numbers the lines, else the cursor falls to the top."""
        pohon = self.pohon
        if pohon.last_line >= 0:
            pohon.move_cursor(node)

    def _label(self, b: Bagian) -> Text:
        if b.jenis in narasi.BERTEKS:
            tanda, gaya = TANDA[narasi.status(self.lap, b.kunci)]
            t = Text(tanda, style=gaya)
            t.append(b.judul)
            return t
        return Text(b.judul, style="bold" if b.jenis in ("bab", "sasaran") else "dim")

    def _tambah(self, induk: TreeNode, b: Bagian, tujuan: str) -> TreeNode | None:
        """Add ``b`` and its children; return the node of ``tujuan`` if it is among them."""
        self._bagian[b.kunci] = b
        if b.anak:
            node = induk.add(self._label(b), data=b.kunci, expand=True)
        else:
            node = induk.add_leaf(self._label(b), data=b.kunci)
        ketemu = node if b.kunci == tujuan else None
        for a in b.anak:
            ketemu = self._tambah(node, a, tujuan) or ketemu
        return ketemu

    def _perbarui_label(self, kunci: str) -> None:
        for node in self._semua_node(self.pohon.root):
            if node.data == kunci:
                node.set_label(self._label(self._bagian[kunci]))
        if kunci == self._kunci:
            self._perbarui_judul(kunci)

    def _semua_node(self, node: TreeNode):
        for anak in node.children:
            yield anak
            yield from self._semua_node(anak)

    def _tampilkan(self, kunci: str | None) -> None:
        """Show part ``kunci`` in the editor (a draft, offered once, for an empty analysis part)."""
        self._simpan_sekarang()
        self._kunci = kunci
        judul = self.query_one("#n-judul", Static)
        ed = self.editor
        b = self._bagian.get(kunci) if kunci else None
        if kunci is None or b is None or b.jenis not in narasi.BERTEKS:
            self._isi_editor("", baca_saja=True)
            if b is None:
                ket = ""
            elif b.jenis in ("bab", "sasaran"):
                ket = "pilih bagian di bawahnya untuk menulis"
            else:
                ket = f"{narasi.JENIS.get(b.jenis, b.jenis)}: tidak diketik di sini"
            judul.update(Text.assemble((b.judul if b else "", "bold"), (f"\n{ket}", "dim")))
            return
        if not self.app.hanya_baca and (narasi.perlu_draf(self.lap, kunci) or narasi.status(self.lap, kunci) == "draf"):
            # offered once for an empty part; a draft not yet accepted follows the current figures
            isi_draf = draf_mod.draf_untuk(self.lap, kunci)
            if isi_draf and isi_draf != narasi.draf(self.lap, kunci):
                self._simpan_draf(kunci, isi_draf)
        if narasi.status(self.lap, kunci) == "draf":
            self._isi_editor(narasi.draf(self.lap, kunci) or "", baca_saja=self.app.hanya_baca)
        else:
            self._isi_editor(narasi.teks(self.lap, kunci), baca_saja=self.app.hanya_baca)
        self._perbarui_judul(kunci)
        ed.scroll_home(animate=False)

    def _perbarui_judul(self, kunci: str) -> None:
        """The part's title and what to do with it: after every save too, so a draft typed
        over or a part just filled no longer says DRAF or "belum diisi"."""
        b = self._bagian[kunci]
        st = narasi.status(self.lap, kunci)
        if st == "draf":
            ket = ("\nDRAF: ^t terima · ketik = sunting · ^r buang", "bold yellow")
        else:
            petunjuk = "satu butir per baris" if b.jenis == "daftar" else "Enter: tulis · Esc: kembali"
            ket = (f"\n{'belum diisi · ' if st == 'kosong' else ''}{petunjuk}", "dim")
        self.query_one("#n-judul", Static).update(Text.assemble((b.judul, "bold"), ket))

    def _isi_editor(self, isi: str, baca_saja: bool) -> None:
        self._dimuat = isi
        self._diketik = None
        ed = self.editor
        ed.read_only = baca_saja
        ed.load_text(isi)

    # ------------------------------------------------------------ tree and keys
    @on(Tree.NodeHighlighted, "#n-pohon")
    def _sorot(self, event: Tree.NodeHighlighted) -> None:
        kunci = event.node.data
        if kunci != self._kunci:
            self._tampilkan(kunci)

    @on(Tree.NodeSelected, "#n-pohon")
    def _pilih(self, event: Tree.NodeSelected) -> None:
        b = self._bagian.get(event.node.data) if event.node.data is not None else None
        if b is not None and b.jenis in narasi.BERTEKS:
            if self.app.hanya_baca:
                self.boleh_ubah()
                return
            self.editor.focus()

    def action_ke_pohon(self) -> None:
        self._simpan_sekarang()
        self.pohon.focus()

    def action_terima(self) -> None:
        t = self.lap.cari_teks(self._kunci) if self._kunci else None
        if t is None or not t.draf or not self.boleh_ubah():
            return
        if self.app.ubah(t, narasi.terima_draf, f"terima draf {self._judul()}"):
            self._sesudah_ubah()
            ed = self.editor
            ed.focus()
            ed.move_cursor(ed.document.end)  # where the causes are to be written

    def action_buang(self) -> None:
        t = self.lap.cari_teks(self._kunci) if self._kunci else None
        if t is None or not t.draf or not self.boleh_ubah():
            return
        if self.app.ubah(t, narasi.buang_draf, f"buang draf {self._judul()}"):
            self._sesudah_ubah()

    def _judul(self) -> str:
        b = self._bagian.get(self._kunci or "")
        return b.judul if b else (self._kunci or "")

    def _sesudah_ubah(self) -> None:
        kunci = self._kunci
        self._kunci = None  # redraw the editor from the data
        self._tampilkan(kunci)
        if kunci:
            self._perbarui_label(kunci)
        self.refresh_bindings()

    # ------------------------------------------------------------ saving as you type
    @on(TextArea.Changed, "#n-teks")
    def _berubah(self, event: TextArea.Changed) -> None:
        if self._kunci is None or event.text_area.text == self._dimuat or self.app.hanya_baca:
            return
        # Kept here, not read back from the editor on saving: the last save may run while the
        # app closes, when the editor is already gone.
        self._diketik = event.text_area.text
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(JEDA_SIMPAN, self._simpan_sekarang)

    def _simpan_sekarang(self, tampilkan: bool = True) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        isi = self._diketik
        if self._kunci is None or self.lap is None or self.app.hanya_baca or isi is None or isi == self._dimuat:
            return
        if alasan := alasan_teks(isi, multi_baris=True, batas=BATAS_NARASI):  # a pasted ESC or bidi override: the store's rule
            self._alasan = f"belum sah: {alasan}"
            self.notify(f"Teks {self._judul()} belum tersimpan: {alasan}", severity="error", markup=False)
            return
        kunci, lap = self._kunci, self.lap
        t = lap.cari_teks(kunci)
        ket = f"teks {self._judul()}"
        if t is None:
            ok = bool(self.app.tambah(Teks(kunci, isi), keterangan=ket))
        else:
            def mutasi(t: Teks) -> None:
                t.isi = isi
                if t.draf:
                    t.draf = None  # the draft, edited, is now the user's text
            ok = self.app.ubah(t, mutasi, ket)
        self._alasan = "belum tersimpan: penyimpanan gagal (lihat pesan)"
        if ok:
            self._dimuat, self._diketik = isi, None
            if tampilkan and self.is_mounted and self.is_attached:
                self._perbarui_label(kunci)
                self.refresh_bindings()

    def _simpan_draf(self, kunci: str, isi: str) -> None:
        t = self.lap.cari_teks(kunci)
        if t is None:
            ok = bool(self.app.tambah(Teks(kunci, "", isi), keterangan=f"draf {kunci}"))
        else:
            ok = self.app.ubah(t, lambda t: setattr(t, "draf", isi), f"draf {kunci}")
        if ok:
            # Offering a draft is not the user's change: journalled and in riwayat like any
            # save, but not an undo step (ctrl+z should undo what the user did, not this).
            self.app.riwayat.ambil()

    # ------------------------------------------------------------ the unit's own outline
    def _ubah_garis(self, ubah: Callable[[Laporan], object], keterangan: str) -> bool:
        """Apply an outline change through the one writer; a refused change says why."""
        if not self.boleh_ubah():
            return False
        uji = copy.copy(self.lap)
        uji.garis = copy.deepcopy(self.lap.garis)
        try:
            ubah(uji)  # tried on a copy first: a refusal must leave nothing half-done
        except narasi.GarisTidakSah as e:
            self.app.bell()
            self.notify(str(e), severity="warning", markup=False)
            return False
        if self.app.ubah_kepala(ubah, keterangan):
            self.segarkan()
            return True
        return False

    def _bagian_pilihan(self) -> Bagian | None:
        return self._bagian.get(self._kunci or "")

    def action_ganti_judul(self) -> None:
        b = self._bagian_pilihan()
        if b is None or not self.boleh_ubah():
            return
        kunci = b.kunci

        def selesai(h: dict | None) -> None:
            if h:
                self._ubah_garis(lambda lap: narasi.ganti_judul(lap, kunci, h["judul"]), f"judul bagian {h['judul']}")

        self.app.buka_formulir(Formulir("Ganti judul bagian", [Isian("judul", "Judul", b.judul, teks_wajib)]), selesai)

    def action_tambah_bagian(self) -> None:
        b = self._bagian_pilihan()
        if b is None or not self.boleh_ubah():
            return
        setelah = b.kunci
        isian = [Isian("judul", "Judul", "", teks_wajib, "mis. Sumber Daya dan Sarana Prasarana"),
                 Isian("jenis", "Jenis", "teks", jenis=PILIHAN,
                       pilihan=[("teks (paragraf)", "teks"), ("daftar (satu butir per baris)", "daftar")])]

        def selesai(h: dict | None) -> None:
            if not h:
                return
            baru: list[Bagian] = []
            if self._ubah_garis(lambda lap: baru.append(narasi.tambah_bagian(lap, setelah, h["judul"], h["jenis"])),
                                f"tambah bagian {h['judul']}") and baru:
                kunci = baru[-1].kunci.replace(narasi.S, setelah.split(".")[1] if narasi.S in baru[-1].kunci else "")
                self._ke(kunci)

        self.app.buka_formulir(Formulir("Bagian teks baru (sesudah bagian terpilih)", isian), selesai)

    def action_hapus_bagian(self) -> None:
        b = self._bagian_pilihan()
        if b is None or not self.boleh_ubah():
            return
        if b.jenis not in narasi.BERTEKS:
            self.app.bell()
            self.notify(f'"{b.judul}" bukan bagian teks; hanya bagian teks yang dapat dihapus.', severity="warning",
                        markup=False)
            return
        kunci = b.kunci

        def jawab(ya: bool | None) -> None:
            if ya and self._ubah_garis(lambda lap: narasi.hapus_bagian(lap, kunci), f"hapus bagian {b.judul}"):
                self._ke(AWAL)

        self.app.push_screen(KonfirmasiScreen(f'Hapus bagian "{b.judul}" dari susunan laporan? (ctrl+z '
                                              f'mengembalikannya; teksnya tetap tersimpan)'), jawab)

    def action_pindah(self, arah: int) -> None:
        b = self._bagian_pilihan()
        if b is not None:
            kunci = b.kunci
            self._ubah_garis(lambda lap: narasi.pindah(lap, kunci, arah), f"pindah bagian {b.judul}")

    def _ke(self, kunci: str) -> None:
        """Select part ``kunci`` (also for the redraw that follows a closing form)."""
        pohon = self.pohon
        node = next((n for n in self._semua_node(pohon.root) if n.data == kunci), None)
        if node is not None:
            self._tampilkan(kunci)
            self.call_after_refresh(pohon.move_cursor, node)

    def perbarui_judul(self) -> None:
        # The last save may come while the app closes (on_unmount), after the title is gone.
        if self.query("#judul"):
            super().perbarui_judul()

    def on_screen_suspend(self) -> None:
        self._simpan_sekarang()

    def tertunda(self) -> list[Tertunda]:
        """Text typed and not saved yet (the save waits for a pause in typing, or failed)."""
        if self._kunci is None or self._diketik is None or self._diketik == self._dimuat:
            return super().tertunda()
        return [*super().tertunda(), Tertunda(f"Narasi: teks {self._judul()}", self._simpan_tertunda, self._buang)]

    def _simpan_tertunda(self) -> str | None:
        self._simpan_sekarang()
        return None if self._diketik is None else self._alasan

    def _buang(self) -> None:
        """The user chose to leave the text unsaved: show what is stored again."""
        self._diketik = None
        if self.is_attached and self.query("#n-teks"):
            self._sesudah_ubah()

    def on_unmount(self) -> None:
        self._simpan_sekarang(tampilkan=False)  # the tree is already gone: save only
