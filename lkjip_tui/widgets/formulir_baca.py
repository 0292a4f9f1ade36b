"""A small add/edit form as a modal: one Input per field, each with a validator, and ONE message
listing every failure when the user tries to save (Enter or ctrl+s). Esc cancels.

Fields are data (:class:`Isian`): a label, the starting text and a reader that turns the text
into a value or raises ``ValueError`` with the reason (``AngkaTidakSah`` is one). ``cek_semua``
checks the fields together (e.g. an id that already exists); ``jadi`` builds the record the
modal returns, so the caller gets a ``Record | None``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Label, Static

from store.numbers import AngkaTidakSah, parse_angka

from .modal import Modal

BATAS_ANGKA = Decimal(10) ** 18  # far above any Rupiah amount; keeps Decimal arithmetic exact


def _batas(teks: str, nilai: Decimal) -> Decimal:
    if nilai < 0:
        raise AngkaTidakSah(teks, "tidak boleh negatif")
    if nilai >= BATAS_ANGKA:
        raise AngkaTidakSah(teks, "terlalu besar")
    return nilai


def teks_wajib(teks: str) -> str:
    s = teks.strip()
    if not s:
        raise ValueError("wajib diisi")
    return s


def angka_wajib(teks: str) -> Decimal:
    """A non-negative amount that must be given (0 is allowed, blank is not)."""
    nilai = parse_angka(teks)
    if nilai is None:
        raise ValueError("wajib diisi (isi 0 bila tidak ada)")
    return _batas(teks, nilai)


def angka_opsional(teks: str) -> Decimal | None:
    """A non-negative amount; blank means "not reported" (None), never 0."""
    nilai = parse_angka(teks)
    return None if nilai is None else _batas(teks, nilai)


@dataclass(frozen=True)
class Isian:
    key: str
    label: str
    awal: str = ""
    baca: Callable[[str], Any] = teks_wajib


class _Cek(Validator):
    def __init__(self, baca: Callable[[str], Any]):
        super().__init__()
        self.baca = baca

    def validate(self, value: str) -> ValidationResult:
        try:
            self.baca(value)
        except ValueError as e:
            return self.failure(str(e))
        return self.success()


class _Isian(Input):
    """An Input that handles Tab / shift+Tab / Enter in arrival order. Bindings run only after
    the key has gone round the app, so with fast typing (or a slow PC) "Tab a b c" would put
    "abc" in this field before the focus moves; keys that arrive after focus left go on."""

    async def _on_key(self, event: events.Key) -> None:
        layar = self.screen
        if layar.focused is not self and layar.focused is not None:
            event.stop()
            event.prevent_default()
            layar.focused.post_message(events.Key(event.key, event.character))
            return
        if event.key in ("tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            layar.focus_next() if event.key == "tab" else layar.focus_previous()
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            layar.action_simpan()  # type: ignore[attr-defined]
            return
        sendiri = self._bindings.key_to_bindings.get(event.key)
        if sendiri:  # the Input's own editing keys (backspace, ctrl+u, arrows…), in order too
            event.stop()
            event.prevent_default()
            await self.run_action(sendiri[0].action)
            return
        await super()._on_key(event)


class FormulirScreen(Modal[Any]):
    DEFAULT_CSS = """
    FormulirScreen { align: center middle; }
    FormulirScreen > #formulir {
        width: 76; max-width: 100%; height: auto; max-height: 22;
        border: round $accent; background: $surface; padding: 0 1;
    }
    FormulirScreen #form-judul { text-style: bold; margin-bottom: 1; }
    FormulirScreen .baris-isian { height: 1; margin-bottom: 1; }
    FormulirScreen .baris-isian Label { width: 22; }
    FormulirScreen .baris-isian Input { width: 1fr; padding: 0 1; background: $boost; }
    FormulirScreen .baris-isian Input:focus { background: $accent 40%; }
    FormulirScreen .baris-isian Input.-invalid { background: $error 40%; }
    FormulirScreen #form-galat { color: $error; height: auto; }
    FormulirScreen #form-petunjuk { color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape", "batal", "Batal"),
        Binding("ctrl+s", "simpan", "Simpan"),
    ]

    def __init__(self, judul: str, isian: Sequence[Isian], jadi: Callable[[dict[str, Any]], Any] = lambda d: d,
                 cek_semua: Callable[[dict[str, Any]], list[str]] | None = None, catatan: str = ""):
        super().__init__()
        self.judul, self.isian, self.jadi = judul, list(isian), jadi
        self.cek_semua = cek_semua or (lambda d: [])
        self.catatan = catatan

    def compose(self) -> ComposeResult:
        with Vertical(id="formulir"):
            yield Static(Text(self.judul), id="form-judul")
            for f in self.isian:
                with Horizontal(classes="baris-isian"):
                    yield Label(Text(f"{f.label}:"))
                    yield _Isian(f.awal, id=f"isian-{f.key}", validators=[_Cek(f.baca)],
                                validate_on=["changed", "submitted"], select_on_focus=False, compact=True)
            if self.catatan:
                yield Static(Text(self.catatan), id="form-catatan")
            yield Static("", id="form-galat")
            yield Static(Text("Enter/ctrl+s: simpan · Tab: isian berikut · Esc: batal"), id="form-petunjuk")

    def on_mount(self) -> None:
        if self.isian:
            self.query_one(f"#isian-{self.isian[0].key}", Input).focus()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_simpan()

    def action_batal(self) -> None:
        self.dismiss(None)

    def action_simpan(self) -> None:
        nilai: dict[str, Any] = {}
        galat: list[str] = []
        for f in self.isian:
            inp = self.query_one(f"#isian-{f.key}", Input)
            try:
                nilai[f.key] = f.baca(inp.value)
                inp.remove_class("-invalid")
            except ValueError as e:
                galat.append(f"{f.label}: {e}")
                inp.add_class("-invalid")
        if not galat:
            galat = self.cek_semua(nilai)
        if galat:
            self.app.bell()
            self.query_one("#form-galat", Static).update(
                Text("Belum bisa disimpan:\n" + "\n".join(f"• {g}" for g in galat)))
            return
        self.dismiss(self.jadi(nilai))
