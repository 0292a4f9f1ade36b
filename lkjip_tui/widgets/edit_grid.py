"""A spreadsheet-like grid: arrows and Tab move, Enter (or just typing) edits, Esc cancels.

The grid is a ``DataTable`` with an editor row under it (label, input, how the value was
read). While the user types, the grid posts :class:`EditGrid.Pratinjau` with the parsed
value so the screen can recalculate live before anything is saved; Enter or Tab gives
:class:`EditGrid.Simpan` with a valid value to the screen's ``simpan`` callback, at once. A bad value stays in the editor, marked with the
reason, and is not saved.

Screens describe their columns as data (:class:`Kolom`) and answer three questions: what a
cell shows, what its raw value is for editing, and whether it is editable.

Every grid behaves the same (F3–F7 and the month window): the cursor starts on the first
number that can be typed; Enter or a typed key edits the cell under the cursor and no other;
a key typed where nothing is typed (a name, a computed figure, a figure that comes from
elsewhere) changes nothing and the line under the grid says what to do instead (the
column's ``petunjuk``, or the screen's ``kenapa`` for one row).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable, Input, Label, Static
from textual.widgets.input import Selection

from store.numbers import AngkaTidakSah, format_bebas, parse_angka, parse_bulat
from store.teks import alasan_teks

from ..pesan import HANYA_BACA
from ..simbol import teks as sim
from .masukan import MasukanUrut

ANGKA, BULAT, TEKS = "angka", "bulat", "teks"


def redup(teks: str = "-") -> Text:
    """A cell with nothing to show yet (blank value, no figure): dim, so numbers stand out."""
    return Text(teks, style="dim")


@dataclass(frozen=True)
class Kolom:
    key: str
    judul: str
    lebar: int | None = None
    jenis: str | None = None  # ANGKA / BULAT / TEKS; None: read-only (computed)
    kanan: bool = True
    cek: Callable[[Any], str | None] | None = None  # extra rule on the parsed value: the reason it is refused
    cek_baris: Callable[[str, Any], str | None] | None = None  # the same, for a rule that depends on the row
    petunjuk: str | None = None  # what a key typed on this column (not a number typed in) says to do instead


def petunjuk_kolom(k: Kolom) -> str:
    """What a key typed on column ``k`` says when nothing is typed there."""
    if k.petunjuk:
        return k.petunjuk
    if k.jenis is None:
        return f"{k.judul} dihitung otomatis; ketik angka di kolom isian (→ atau Tab)."
    return f"Kolom {k.judul}: tekan Enter untuk mengubahnya."


def alasan_kolom(k: Kolom, baris: str, nilai: Any) -> str | None:
    """Why column ``k`` refuses ``nilai`` in row ``baris`` (None: accepted)."""
    if k.jenis == TEKS and isinstance(nilai, str) and (alasan := alasan_teks(nilai)) is not None:
        return alasan  # the text rule the forms and import apply: no ESC or bidi override, a length limit
    alasan = k.cek(nilai) if k.cek is not None else None
    if alasan is None and k.cek_baris is not None:
        alasan = k.cek_baris(baris, nilai)
    return alasan


def baca_nilai(jenis: str | None, teks: str) -> Any:
    """Parse editor text for a column kind; raises AngkaTidakSah with an Indonesian reason."""
    if jenis == ANGKA:
        return parse_angka(teks)
    if jenis == BULAT:
        n = parse_bulat(teks)
        return 0 if n is None else n  # a blank count means nobody, the report prints 0
    return teks.strip()


def tampil_dibaca(jenis: str | None, nilai: Any) -> str:
    if jenis == ANGKA:
        return "kosong (belum dilaporkan)" if nilai is None else format_bebas(nilai)
    if jenis == BULAT:
        return str(nilai)
    return nilai


class _Tabel(DataTable):
    """DataTable where Tab moves to the next editable cell and typing starts an edit."""

    BINDINGS = [
        Binding("enter", "ubah", "Ubah sel", id="ubah-sel", show=False),  # in F1; the footer keeps its room
        Binding("tab", "berikut", "Sel berikut", show=False),
        Binding("shift+tab", "sebelum", "Sel sebelumnya", show=False),
    ]

    # Keys are handled here, in arrival order. Bindings run later (after the key has bubbled to
    # the app), so with fast typing a binding for "right" could run after the "2" typed next,
    # and focus moves to the editor input only after the key that started the edit: keys typed
    # quickly after it still arrive here and belong to the open edit.
    _GERAK = {"up": "cursor_up", "down": "cursor_down", "left": "cursor_left", "right": "cursor_right",
              "pageup": "page_up", "pagedown": "page_down", "home": "scroll_home", "end": "scroll_end",
              "ctrl+home": "scroll_top", "ctrl+end": "scroll_bottom"}

    def action_ubah(self) -> None:
        grid = self._grid()
        if grid.sedang_edit:
            grid.selesai(maju=0)
        else:
            grid.mulai_edit(None)

    def action_berikut(self) -> None:
        grid = self._grid()
        grid.selesai(maju=+1) if grid.sedang_edit else grid.lompat(+1)

    def action_sebelum(self) -> None:
        grid = self._grid()
        grid.selesai(maju=-1) if grid.sedang_edit else grid.lompat(-1)

    def _grid(self) -> EditGrid:
        grid = self.parent.parent if self.parent is not None else None
        assert isinstance(grid, EditGrid)  # the table sits in the grid's container (EditGrid.compose)
        return grid

    async def terapkan(self, event: events.Key) -> bool:
        """Apply a key now (see :mod:`lkjip_tui.urut`); True when the grid used it. While an
        edit is open, keys that still reach the table belong to the editor."""
        grid = self._grid()
        key = event.key
        if grid.sedang_edit:
            return await grid.query_one("#input-edit", _Editor).terapkan(event)
        if key == "enter":
            self.action_ubah()
        elif key == "tab":
            self.action_berikut()
        elif key == "shift+tab":
            self.action_sebelum()
        elif key in self._GERAK:
            getattr(self, f"action_{self._GERAK[key]}")()
        elif event.character and event.is_printable and event.character not in "?" + grid.tombol:
            return grid.mulai_edit(event.character)
        else:
            return False
        return True

    def tempel(self, teks: str) -> None:
        grid = self._grid()
        if grid.sedang_edit:
            grid.query_one("#input-edit", _Editor).tempel(teks)
        elif teks and grid.mulai_edit(teks.splitlines()[0]):
            pass

    async def on_key(self, event: events.Key) -> None:
        if await self.terapkan(event):
            event.stop()
            event.prevent_default()

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        self.tempel(event.text)


class _Editor(MasukanUrut):
    """The editor input. Enter, Tab and Esc are handled in arrival order (not as bindings, which
    run later); after the edit closes, keys that still reach it belong to the table."""

    async def tombol_khusus(self, event: events.Key) -> bool:
        grid = self.parent.parent  # type: ignore[union-attr]
        if not isinstance(grid, EditGrid):
            return False
        if not grid.sedang_edit:
            self.screen.set_focus(grid.tabel)
            return await grid.tabel.terapkan(event)
        if event.key in ("enter", "tab", "shift+tab", "escape"):
            if event.key == "escape":
                grid.batal()
            else:
                grid.selesai(maju={"enter": 0, "tab": +1, "shift+tab": -1}[event.key])
            return True
        return False


class EditGrid(Vertical):
    DEFAULT_CSS = """
    EditGrid { height: 1fr; }
    EditGrid > #tabel-wrap { height: 1fr; }
    EditGrid _Tabel { height: 1fr; }
    /* height auto: the reason a value is refused is long; it wraps instead of being cut off */
    EditGrid #editor { height: auto; display: none; }
    EditGrid #editor.aktif { display: block; }
    EditGrid #editor Label { width: auto; max-width: 30; padding: 0 1 0 0; }
    EditGrid #editor Input { width: 24; height: 1; border: none; padding: 0 1; }
    EditGrid #editor Input.-invalid { background: $error 30%; }
    EditGrid #dibaca { width: 1fr; height: auto; padding: 0 1; }
    EditGrid #dibaca.galat { color: $error; text-style: bold; }
    EditGrid #pesan-grid { height: auto; display: none; padding: 0 1; color: $warning; }
    EditGrid #pesan-grid.aktif { display: block; }
    """

    class Pratinjau(Message):
        """The user is typing: ``nilai`` is the parsed value, or ``galat`` says why it is bad."""

        def __init__(self, grid: EditGrid, baris: str, kolom: str, nilai: Any, galat: str | None, batal: bool = False):
            super().__init__()
            self.grid, self.baris, self.kolom, self.nilai, self.galat, self.batal = grid, baris, kolom, nilai, galat, batal

    class Pilih(Message):
        """Enter on a cell that is not editable (e.g. a group row to open or close)."""

        def __init__(self, grid: EditGrid, baris: str, kolom: str):
            super().__init__()
            self.grid, self.baris, self.kolom = grid, baris, kolom

    class Simpan(Message):
        """A valid value was committed (Enter / Tab). Given to the ``simpan`` callback at once
        (the next key of a burst may already depend on the saved value); posted only to a
        grid without one."""

        def __init__(self, grid: EditGrid, baris: str, kolom: str, nilai: Any):
            super().__init__()
            self.grid, self.baris, self.kolom, self.nilai = grid, baris, kolom, nilai

    def __init__(self, kolom: Sequence[Kolom], *, tampil: Callable[[str, str], Text | str],
                 mentah: Callable[[str, str], str] | None = None,
                 bisa_edit: Callable[[str, str], bool] | None = None, id: str | None = None,
                 hanya_baca: bool = False, tombol: str = "",
                 simpan: Callable[[EditGrid.Simpan], None] | None = None,
                 kenapa: Callable[[str, str], str | None] | None = None):
        super().__init__(id=id)
        # why a cell of a number column cannot be typed in on this row (it is computed, or
        # comes from elsewhere): said when a key is typed there
        self._kenapa = kenapa or (lambda b, k: None)
        self._awal = True  # the cursor is put on the first number to type once rows come
        self._pesan_di: Coordinate | None = None  # the cell the line under the grid speaks of
        self._simpan = simpan
        self.tombol = tombol  # printable keys left to the screen's bindings instead of starting an edit
        self.kolom = list(kolom)
        self._tampil = tampil
        self._mentah = mentah or (lambda b, k: "")
        self._bisa_edit = bisa_edit or (lambda b, k: True)
        self.hanya_baca = hanya_baca
        self._baris: list[str] = []
        self._edit: tuple[str, str] | None = None
        self.tertunda: tuple[str, str, str] | None = None  # (row, column, typed text) sent to be saved
        self._alasan_gagal = ""  # why the last save failed (belum_tersimpan)

    def compose(self) -> ComposeResult:
        with Vertical(id="tabel-wrap"):
            t = _Tabel(cursor_type="cell", zebra_stripes=True, id="tabel")
            yield t
        with Horizontal(id="editor"):
            yield Label("", id="label-edit")
            yield _Editor(id="input-edit", select_on_focus=False)
            yield Static("", id="dibaca")
        yield Static("", id="pesan-grid")

    @property
    def tabel(self) -> _Tabel:
        return self.query_one("#tabel", _Tabel)

    def on_mount(self) -> None:
        for k in self.kolom:
            self.tabel.add_column(k.judul, key=k.key, width=k.lebar)

    def atur_kolom(self, kolom: Sequence[Kolom]) -> None:
        """Replace the columns (e.g. the years of another report) in place: the grid stays
        mounted, so a quick second redraw cannot meet a half-removed twin of it."""
        if self._edit is not None:
            self.batal()
        self.kolom = list(kolom)
        t = self.tabel
        t.clear(columns=True)
        self._baris = []
        for k in self.kolom:
            t.add_column(k.judul, key=k.key, width=k.lebar)

    # ---------------------------------------------------------------- rows
    @property
    def baris(self) -> Sequence[str]:
        """The row keys on screen, in order (read only: rebuild them with ``isi``)."""
        return self._baris

    def isi(self, baris: Sequence[str]) -> None:
        """(Re)build all rows; keeps the cursor where it was."""
        t = self.tabel
        pos = t.cursor_coordinate
        t.clear()
        self._baris = list(baris)
        for b in self._baris:
            t.add_row(*(self._sel(b, k) for k in self.kolom), key=b)
        if self._baris:
            t.cursor_coordinate = Coordinate(min(pos.row, len(self._baris) - 1), pos.column)
            if self._awal:
                self._awal = False
                awal = self._sel_awal()
                if awal is not None:
                    t.cursor_coordinate = awal

    def _sel_awal(self) -> Coordinate | None:
        """The first cell a number is typed in (read-only too: it is what the screen is for)."""
        for i, b in enumerate(self._baris):
            for j, k in enumerate(self.kolom):
                if k.jenis in (ANGKA, BULAT) and self._bisa_edit(b, k.key):
                    return Coordinate(i, j)
        return None

    def ke_baris(self, baris: str, kolom: int | None = None) -> None:
        """Put the cursor on row ``baris`` and scroll it into view (once the rows just built
        have their size: scrolling now would stop at the old end of the table)."""
        if baris not in self._baris:
            return
        t = self.tabel
        n = self._baris.index(baris)
        k = t.cursor_coordinate.column if kolom is None else kolom
        t.cursor_coordinate = Coordinate(n, k)
        self.call_after_refresh(lambda: t.move_cursor(row=n, column=k, scroll=True, animate=False))

    def segarkan(self, baris: Sequence[str] | None = None) -> None:
        """Redraw the cells of some rows (all by default) without rebuilding the table."""
        for b in self._baris if baris is None else baris:
            if b in self._baris:
                for k in self.kolom:
                    self.tabel.update_cell(b, k.key, self._sel(b, k))

    def _sel(self, b: str, k: Kolom) -> Text:
        v = self._tampil(b, k.key)
        t = v if isinstance(v, Text) else Text(str(v))  # user text is never read as markup
        if k.kanan:
            t.justify = "right"
        return t

    # ---------------------------------------------------------------- navigation
    def _posisi(self) -> tuple[str, Kolom] | None:
        t = self.tabel
        if not self._baris:
            return None
        c = t.cursor_coordinate
        return self._baris[c.row], self.kolom[c.column]

    def _editable(self, b: str, k: Kolom) -> bool:
        return not self.hanya_baca and k.jenis is not None and self._bisa_edit(b, k.key)

    def lompat(self, arah: int) -> None:
        """Move to the next (or previous) editable cell, row by row, like a spreadsheet."""
        t = self.tabel
        if not self._baris:
            return
        n_kol = len(self.kolom)
        total = len(self._baris) * n_kol
        i = t.cursor_coordinate.row * n_kol + t.cursor_coordinate.column
        for _ in range(total):
            i = (i + arah) % total
            b, k = self._baris[i // n_kol], self.kolom[i % n_kol]
            if self._editable(b, k):
                t.cursor_coordinate = Coordinate(i // n_kol, i % n_kol)
                return

    # ---------------------------------------------------------------- editing
    def mulai_edit(self, awal: str | None) -> bool:
        pos = self._posisi()
        if pos is None:
            return False
        if self._edit is not None and awal is not None:
            # keys typed faster than the focus moved to the editor: keep them all
            self.query_one("#input-edit", Input).insert_text_at_cursor(awal)
            return True
        b, k = pos
        if awal is not None and (k.jenis not in (ANGKA, BULAT) or not self._bisa_edit(b, k.key)):
            # A key typed where no number is typed changes nothing, here or in another cell
            # (a name is changed with its own key, a computed figure not at all): say so here.
            angka = k.jenis in (ANGKA, BULAT)
            self.katakan((self._kenapa(b, k.key) if angka else None) or petunjuk_kolom(k))
            return True
        if not self._editable(b, k):
            bisa = k.jenis is not None and self._bisa_edit(b, k.key)
            if self.hanya_baca and bisa:
                self.app.bell()
                self.notify(HANYA_BACA, severity="warning")
            elif awal is None:
                self.post_message(self.Pilih(self, b, k.key))
            return False
        self._edit = (b, k.key)
        self.katakan(None)
        inp = self.query_one("#input-edit", Input)
        self.query_one("#label-edit", Label).update(Text(f"{k.judul}:"))
        inp.value = self._mentah(b, k.key) if awal is None else awal
        inp.cursor_position = len(inp.value)
        if awal is None and inp.value:
            # Enter on a value selects it: the first key typed replaces it, as in a spreadsheet;
            # an arrow, Home or End keeps it and moves into it.
            inp.selection = Selection(0, len(inp.value))
        self.query_one("#editor").add_class("aktif")
        inp.focus()
        self._cek(inp.value)
        return True

    def _cek(self, teks: str) -> tuple[bool, Any]:
        if self._edit is None:
            return False, None
        b, key = self._edit
        k = next(x for x in self.kolom if x.key == key)
        dibaca = self.query_one("#dibaca", Static)
        inp = self.query_one("#input-edit", Input)
        try:
            nilai = baca_nilai(k.jenis, teks)
            alasan = alasan_kolom(k, b, nilai)
        except AngkaTidakSah as e:
            alasan = str(e)
        if alasan is not None:
            dibaca.update(Text(sim("✗ ") + alasan))
            dibaca.add_class("galat")
            inp.add_class("-invalid")
            self.post_message(self.Pratinjau(self, b, key, None, alasan))
            return False, None
        dibaca.update(Text(f"dibaca: {tampil_dibaca(k.jenis, nilai)}"))
        dibaca.remove_class("galat")
        inp.remove_class("-invalid")
        self.post_message(self.Pratinjau(self, b, key, nilai, None))
        return True, nilai

    @on(Input.Changed, "#input-edit")
    def _berubah(self, event: Input.Changed) -> None:
        event.stop()
        self._cek(event.value)

    @on(Input.Submitted, "#input-edit")
    def _kirim(self, event: Input.Submitted) -> None:
        event.stop()
        self.selesai(maju=0)

    def selesai(self, maju: int) -> bool:
        """Commit the edit if the value is valid; ``maju`` moves on afterwards (Tab)."""
        if self._edit is None:
            return False
        ok, nilai = self._cek(self.query_one("#input-edit", Input).value)
        if not ok:
            self.app.bell()
            return False
        b, key = self._edit
        # Kept until the app says it was saved: a failed save reopens the editor with it.
        self.tertunda = (b, key, self.query_one("#input-edit", Input).value)
        self._tutup()
        pesan = self.Simpan(self, b, key, nilai)
        self._simpan(pesan) if self._simpan is not None else self.post_message(pesan)
        if maju:
            self.lompat(maju)
        return True

    def belum_tersimpan(self, alasan: str) -> bool:
        """The last value sent to be saved was not saved: reopen the editor on its cell with
        the typed text, marked and saying why, so Enter tries again. False if none is pending."""
        if self.tertunda is None or self.tertunda[0] not in self._baris:
            return False
        b, key, teks = self.tertunda
        self.tertunda = None
        self._alasan_gagal = alasan
        self.tabel.cursor_coordinate = Coordinate(self._baris.index(b), [k.key for k in self.kolom].index(key))
        self._edit = None
        if not self.mulai_edit(teks):
            return False
        dibaca = self.query_one("#dibaca", Static)
        dibaca.update(Text(f"✗ belum tersimpan: {alasan}"))  # the notification says: Enter to retry
        dibaca.add_class("galat")
        self.query_one("#input-edit", Input).add_class("-invalid")
        return True

    def batal(self) -> None:
        if self._edit is None:
            return
        b, key = self._edit
        self._tutup()
        self.post_message(self.Pratinjau(self, b, key, None, None, batal=True))

    def _tutup(self) -> None:
        self._edit = None
        self.query_one("#editor").remove_class("aktif")
        self.screen.set_focus(self.tabel)  # now, not later: the next key of a burst is the table's

    def galat(self) -> str | None:
        """Why the text in the open editor is refused (None: it reads, or no edit is open)."""
        if self._edit is None:
            return None
        b, key = self._edit
        k = next(x for x in self.kolom if x.key == key)
        try:
            nilai = baca_nilai(k.jenis, self.query_one("#input-edit", Input).value)
        except AngkaTidakSah as e:
            return str(e)
        return alasan_kolom(k, b, nilai)

    @property
    def sedang_edit(self) -> bool:
        return self._edit is not None

    def keterangan_edit(self) -> str:
        """The open edit in words, for a question about it: ``Realisasi = 66``."""
        if self._edit is None:
            return ""
        b, key = self._edit
        k = next(x for x in self.kolom if x.key == key)
        return f"{k.judul} = {self.query_one('#input-edit', Input).value}"

    def simpan_tertunda(self) -> str | None:
        """Save the open edit now through the screen's save (leaving the screen, quitting):
        None when saved (or nothing was open), else why it is not saved: a value that does
        not read, or a save that failed (the editor then stays open, marked)."""
        if self._edit is None:
            return None
        alasan = self.galat()
        if alasan is not None:
            return f"belum sah: {alasan}"
        self.selesai(maju=0)
        if self._edit is not None:  # the save failed: belum_tersimpan reopened the editor
            return f"belum tersimpan: {self._alasan_gagal}"
        return None

    def on_key(self, event) -> None:
        # Keys that reach the grid while the editor input has focus.
        if self._edit is None:
            return
        if event.key == "escape":
            event.stop()
            event.prevent_default()
            self.batal()
        elif event.key in ("tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            self.selesai(maju=+1 if event.key == "tab" else -1)

    def katakan(self, pesan: str | None) -> None:
        """Say ``pesan`` on the line under the grid, where the key was typed (None: clear it);
        it stays until the cursor moves or an edit starts."""
        baris = self.query_one("#pesan-grid", Static)
        baris.update(Text(pesan or ""))
        baris.set_class(bool(pesan), "aktif")
        self._pesan_di = self.tabel.cursor_coordinate if pesan else None

    @on(DataTable.CellHighlighted)
    def _pindah(self, event: DataTable.CellHighlighted) -> None:
        # the screen hears it too: not stopped. Only a cursor now elsewhere clears it: the
        # message of a move made before the key (late, in a burst) leaves it alone.
        if self._pesan_di is not None and self.tabel.cursor_coordinate != self._pesan_di:
            self.katakan(None)

    def cell_terpilih(self) -> tuple[str, str] | None:
        pos = self._posisi()
        return None if pos is None else (pos[0], pos[1].key)
