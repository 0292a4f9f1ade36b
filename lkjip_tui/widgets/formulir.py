"""A compact modal form: one line per field, a check on every field, ONE message listing
every failure when the user tries to save, Esc cancels.

Screens describe the fields as data (:class:`Isian`) and give a function that turns the
checked values into the record to return (``buat``); the form dismisses with that record, or
with ``None`` when cancelled. Text fields are :class:`Input` (Enter saves), choices are
:class:`Select` (Enter opens the list), multi-line text is a :class:`TextArea` (one item per
line; ctrl+s saves). A field whose ``aktif_jika`` is false is disabled and not checked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Label, Select, Static, TextArea

from .modal import Modal

TEKS, PILIHAN, BARIS = "teks", "pilihan", "baris"


@dataclass
class Isian:
    key: str
    label: str
    nilai: str = ""
    jenis: str = TEKS
    pilihan: Sequence[tuple[str, str]] = ()  # (label, value) for PILIHAN
    periksa: Callable[[str], str | None] | None = None  # reason why the value is wrong, or None
    wajib: bool = False
    petunjuk: str = ""  # placeholder
    aktif_jika: Callable[[dict[str, str]], bool] | None = None
    tinggi: int = 3  # lines of a BARIS field

    def alasan(self, nilai: str) -> str | None:
        if self.wajib and not nilai.strip():
            return "wajib diisi"
        if self.periksa is not None:
            return self.periksa(nilai)
        return None


class _Periksa(Validator):
    def __init__(self, isian: Isian):
        super().__init__()
        self.isian = isian

    def validate(self, value: str) -> ValidationResult:
        alasan = self.isian.alasan(value)
        return self.success() if alasan is None else self.failure(alasan)


class Formulir(Modal[Any]):
    """Dismisses with ``buat(values)`` on a valid save, ``None`` on Esc."""

    DEFAULT_CSS = """
    Formulir { align: center middle; }
    Formulir > #formulir {
        width: 78; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    Formulir .judul-form { text-style: bold; }
    Formulir .baris-form { height: auto; }
    Formulir .baris-form > Label { width: 17; padding: 0 1 0 0; }
    Formulir .baris-form > Input, Formulir .baris-form > Select { width: 1fr; }
    Formulir .baris-form > TextArea { width: 1fr; border: none; padding: 0 1; }
    Formulir .baris-form > Input.-invalid { background: $error 30%; }
    Formulir #galat-form { color: $error; text-style: bold; height: auto; }
    Formulir #petunjuk-form { color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape", "batal", "Batal"),
        Binding("ctrl+s", "simpan", "Simpan"),
    ]

    def __init__(self, judul: str, isian: Sequence[Isian], buat: Callable[[dict[str, str]], Any],
                 periksa_semua: Callable[[dict[str, str]], list[str]] | None = None):
        super().__init__()
        self.judul = judul
        self.isian = list(isian)
        self.buat = buat
        self.periksa_semua = periksa_semua

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="formulir", can_focus=False):
            yield Static(Text(self.judul), classes="judul-form")
            for f in self.isian:
                with Horizontal(classes="baris-form"):
                    yield Label(Text(f.label))
                    yield self._widget(f)
            yield Static("", id="galat-form")
            petunjuk = "Enter/ctrl+s: simpan · Esc: batal · Tab: isian berikut"
            if any(f.jenis == BARIS for f in self.isian):
                petunjuk = "ctrl+s: simpan · Esc: batal · Tab: isian berikut"
            yield Static(Text(petunjuk), id="petunjuk-form")

    def _widget(self, f: Isian):
        wid = f"isian-{f.key}"
        if f.jenis == PILIHAN:
            nilai = f.nilai if any(v == f.nilai for _, v in f.pilihan) else Select.NULL
            return Select([(Text(lbl, no_wrap=True, overflow="ellipsis"), v) for lbl, v in f.pilihan], value=nilai,
                          allow_blank=nilai is Select.NULL, compact=True, id=wid, prompt="(pilih)")
        if f.jenis == BARIS:
            ta = TextArea(f.nilai, id=wid, soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
            ta.styles.height = f.tinggi
            return ta
        return Input(f.nilai, placeholder=f.petunjuk, compact=True, id=wid, validators=[_Periksa(f)],
                     select_on_focus=False)

    def on_mount(self) -> None:
        self._atur_aktif()
        self.query_one(f"#isian-{self.isian[0].key}").focus()

    # ------------------------------------------------------------ values
    def nilai(self) -> dict[str, str]:
        hasil: dict[str, str] = {}
        for f in self.isian:
            w = self.query_one(f"#isian-{f.key}")
            if isinstance(w, Select):
                hasil[f.key] = "" if w.value is Select.NULL else str(w.value)
            elif isinstance(w, TextArea):
                hasil[f.key] = w.text
            else:
                hasil[f.key] = w.value
        return hasil

    def _atur_aktif(self) -> None:
        v = self.nilai()
        for f in self.isian:
            if f.aktif_jika is not None:
                self.query_one(f"#isian-{f.key}").disabled = not f.aktif_jika(v)

    @on(Select.Changed)
    def _pilihan_berubah(self, event: Select.Changed) -> None:
        self._atur_aktif()

    def kegagalan(self) -> list[str]:
        """Every reason the form cannot be saved, one line per failing field."""
        v = self.nilai()
        gagal = []
        for f in self.isian:
            w = self.query_one(f"#isian-{f.key}")
            if w.disabled:
                continue
            alasan = f.alasan(v[f.key])
            if isinstance(w, Input):
                w.set_class(alasan is not None, "-invalid")
            if alasan is not None:
                gagal.append(f"{f.label}: {alasan}")
        if self.periksa_semua is not None:
            gagal.extend(self.periksa_semua(v))
        return gagal

    # ------------------------------------------------------------ actions
    def action_simpan(self) -> None:
        gagal = self.kegagalan()
        galat = self.query_one("#galat-form", Static)
        if gagal:
            galat.update(Text("Belum bisa disimpan:\n" + "\n".join(f"• {g}" for g in gagal)))
            self.app.bell()
            return
        galat.update("")
        self.dismiss(self.buat(self.nilai()))

    def action_batal(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_simpan()
