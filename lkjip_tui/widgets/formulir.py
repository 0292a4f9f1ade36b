"""The app's one modal form: a column of fields, a reader on every field, ONE message listing
every failure when the user tries to save, Esc cancels.

Screens describe the fields as data (:class:`Isian`). Each field has a reader (``baca``) that
turns the typed text into a value or raises ``ValueError`` with the reason (see
:mod:`.pembaca`); ``periksa`` then checks the read values together (e.g. an id that already
exists) and ``jadi`` builds what the form returns. The form dismisses with ``jadi(values)`` on
a valid save, or with ``None`` on Esc.

Text fields are one-line Inputs (Enter or ctrl+s saves, Tab/Down and shift+Tab/Up move), choices
are :class:`Select` (space or ↓ opens the list; Enter saves), multi-line text is a :class:`TextArea` (one item
per line; ctrl+s saves). A field whose ``aktif_jika`` is false is disabled, not read, and
given to ``jadi`` as ``None``. Keys typed into a field are handled in the order they arrive,
so fast typing never lands in the wrong field. ``fokus`` is the field focused first; with
``fokus_galat`` a failed save moves the focus to the first failing field (else it stays put).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from rich.text import Text
from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from store.teks import periksa_teks

from ..urut import TerimaTombol
from .masukan import MasukanUrut
from .modal import Modal
from .pembaca import teks_wajib
from .penyunting import PenyuntingUrut

TEKS, PILIHAN, BARIS = "teks", "pilihan", "baris"
LEBAR_LABEL, LEBAR_LABEL_MAKS = 19, 34


@dataclass(frozen=True)
class Isian:
    """One field. ``baca`` turns the text into the value or raises ValueError(reason)."""

    key: str
    label: str
    awal: str = ""
    baca: Callable[[str], Any] = teks_wajib
    petunjuk: str = ""  # placeholder of a text field
    jenis: str = TEKS
    pilihan: Sequence[tuple[str, str]] = ()  # (label, value) of a PILIHAN field
    aktif_jika: Callable[[dict[str, str]], bool] | None = None  # over the texts of every field
    tinggi: int = 3  # lines of a BARIS field


def alasan(baca: Callable[[str], Any], teks: str) -> str | None:
    """Why ``baca`` refuses ``teks`` (None: it reads)."""
    try:
        baca(teks)
    except ValueError as e:
        return str(e)
    return None


class _Cek(Validator):
    def __init__(self, baca: Callable[[str], Any]):
        super().__init__()
        self.baca = baca

    def validate(self, value: str) -> ValidationResult:
        salah = alasan(self.baca, value)
        return self.success() if salah is None else self.failure(salah)


class _Masukan(MasukanUrut):
    """A form's text field: Tab/Down and shift+Tab/Up move, Enter saves, all in arrival order;
    keys that arrive after the focus left go on to the new field."""

    async def tombol_khusus(self, event: events.Key) -> bool:
        layar = self.screen
        if layar.focused is not self and layar.focused is not None:
            if isinstance(layar.focused, TerimaTombol):
                await layar.focused.terapkan(event)
            else:
                layar.focused.post_message(events.Key(event.key, event.character))
            return True
        if event.key in ("tab", "shift+tab", "down", "up"):
            layar.focus_next() if event.key in ("tab", "down") else layar.focus_previous()
            return True
        if event.key == "enter":
            layar.action_simpan()  # type: ignore[attr-defined]
            return True
        return False


class Formulir(Modal[Any]):
    """Dismisses with ``jadi(values)`` on a valid save, ``None`` on Esc."""

    DEFAULT_CSS = """
    Formulir { align: center middle; }
    Formulir #formulir {
        width: 78; max-width: 100%; height: auto; max-height: 24;
        border: round $accent; background: $surface; padding: 0 1;
    }
    Formulir #formulir .f-baris { height: auto; }
    Formulir #formulir .f-label { width: 19; }
    Formulir #formulir Input { width: 1fr; height: 1; border: none; padding: 0 1; }
    Formulir #formulir Input.-invalid { background: $error 30%; }
    Formulir #formulir Select { width: 1fr; }
    Formulir #formulir SelectCurrent { padding: 0 1; }
    Formulir #formulir TextArea { width: 1fr; border: none; padding: 0 1; }
    Formulir #galat-form { height: auto; color: $error; }
    """

    BINDINGS = [
        Binding("escape", "batal", "Batal"),
        Binding("ctrl+s", "simpan", "Simpan"),
        # Enter on a closed choice saves, as in the text fields (the Select would reopen its
        # list); space or the arrows open the list.
        Binding("enter", "enter_pilihan", "Simpan", show=False, priority=True),
    ]

    def __init__(self, judul: str, isian: Sequence[Isian], jadi: Callable[[dict[str, Any]], Any] = lambda d: d,
                 periksa: Callable[[dict[str, Any]], list[str]] | None = None, catatan: str = "",
                 fokus: str | None = None, fokus_galat: bool = False, galat: str = ""):
        super().__init__()
        self.judul, self.isian, self.jadi, self.periksa = judul, list(isian), jadi, periksa
        self.catatan, self.fokus, self.fokus_galat, self.galat = catatan, fokus, fokus_galat, galat
        self.teks_dikirim: dict[str, str] = {}  # the texts of the last save, kept for a retry

    def ulang(self, alasan: str) -> Formulir:
        """The same form again, holding what was typed, saying why the save failed (a full
        disk): nothing the user typed is lost, and Enter tries again."""
        isian = [replace(f, awal=self.teks_dikirim.get(f.key, f.awal)) for f in self.isian]
        return Formulir(self.judul, isian, self.jadi, self.periksa, self.catatan, self.fokus, self.fokus_galat,
                        galat=f"Belum tersimpan: {alasan}. Isian masih di sini; simpan lagi untuk mencoba.")

    def compose(self) -> ComposeResult:
        lebar = min(max(LEBAR_LABEL, *(len(f.label) + 2 for f in self.isian)), LEBAR_LABEL_MAKS)
        with VerticalScroll(id="formulir", can_focus=False):
            yield Static(Text(self.judul, style="bold"))
            if self.catatan:
                yield Static(Text(self.catatan, style="dim"), classes="f-catatan")
            for f in self.isian:
                with Horizontal(classes="f-baris"):
                    label = Label(Text(f.label), classes="f-label")
                    if lebar != LEBAR_LABEL:
                        label.styles.width = lebar
                    yield label
                    yield self._widget(f)
            yield Static(Text(self.galat, style="bold"), id="galat-form")
            simpan = "ctrl+s" if any(f.jenis == BARIS for f in self.isian) else "Enter"
            yield Static(Text(f"{simpan}: simpan · Tab: isian berikut · Esc: batal", style="dim"))

    @staticmethod
    def _widget(f: Isian) -> Widget:
        wid = f"isian-{f.key}"
        if f.jenis == PILIHAN:
            nilai = f.awal if any(v == f.awal for _, v in f.pilihan) else Select.NULL
            return Select([(Text(lbl, no_wrap=True, overflow="ellipsis"), v) for lbl, v in f.pilihan], value=nilai,
                          allow_blank=nilai is Select.NULL, compact=True, id=wid, prompt="(pilih)")
        if f.jenis == BARIS:
            ta = PenyuntingUrut(f.awal, id=wid, soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
            ta.styles.height = f.tinggi
            return ta
        return _Masukan(f.awal, id=wid, validators=[_Cek(f.baca)], placeholder=f.petunjuk,
                        validate_on=["changed", "submitted"], select_on_focus=False)

    def _medan(self, f: Isian) -> Widget:
        return self.query_one(f"#isian-{f.key}")

    def on_mount(self) -> None:
        self._awal = self.teks()
        self._atur_aktif()
        pertama = next((f for f in self.isian if f.key == self.fokus), self.isian[0])
        w = self._medan(pertama)
        w.focus()
        if isinstance(w, Input):
            w.cursor_position = len(w.value)

    # ------------------------------------------------------------ values
    def teks(self) -> dict[str, str]:
        """The text of every field as typed (a choice: its value, "" when none)."""
        hasil: dict[str, str] = {}
        for f in self.isian:
            w = self._medan(f)
            if isinstance(w, Select):
                hasil[f.key] = "" if w.value is Select.NULL else str(w.value)
            elif isinstance(w, TextArea):
                hasil[f.key] = w.text
            else:
                hasil[f.key] = w.value  # type: ignore[attr-defined]
        return hasil

    def berubah(self) -> bool:
        """Whether any field differs from what the form opened with."""
        return self.teks() != self._awal

    def _atur_aktif(self) -> None:
        t = self.teks()
        for f in self.isian:
            if f.aktif_jika is not None:
                self._medan(f).disabled = not f.aktif_jika(t)

    @on(Select.Changed)
    def _pilihan_berubah(self, event: Select.Changed) -> None:
        self._atur_aktif()

    def kumpulkan(self) -> tuple[dict[str, Any], list[str], str | None]:
        """The read values, every failure (one line each) and the first failing field's key.
        The whole-form ``periksa`` runs once every field reads."""
        teks = self.teks()
        nilai: dict[str, Any] = {}
        galat: list[str] = []
        pertama = None
        for f in self.isian:
            w = self._medan(f)
            if w.disabled:
                nilai[f.key] = None
                continue
            try:
                periksa_teks(teks[f.key], multi_baris=f.jenis == BARIS)  # no ESC, bidi override...
                nilai[f.key] = f.baca(teks[f.key])
                w.remove_class("-invalid")
            except ValueError as e:
                galat.append(f"{f.label}: {e}")
                w.add_class("-invalid")
                pertama = pertama or f.key
        if not galat and self.periksa is not None:
            galat = self.periksa(nilai)
        return nilai, galat, pertama

    # ------------------------------------------------------------ actions
    def action_simpan(self) -> None:
        nilai, galat, pertama = self.kumpulkan()
        kotak = self.query_one("#galat-form", Static)
        if galat:
            kotak.update(Text("Belum dapat disimpan:\n" + "\n".join(f"• {g}" for g in galat), style="bold"))
            self.app.bell()
            if pertama and self.fokus_galat:
                self.query_one(f"#isian-{pertama}").focus()
            return
        kotak.update("")
        self.teks_dikirim = self.teks()
        self.dismiss(self.jadi(nilai))

    def action_enter_pilihan(self) -> None:
        if not isinstance(self.focused, Select) or self.focused.expanded:
            raise SkipAction()
        self.action_simpan()

    def action_batal(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_simpan()
