"""Top line: the unit and year on the left, the save status on the right."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static


class TitleBar(Static):
    DEFAULT_CSS = """
    TitleBar { height: 1; background: $primary; color: $text; text-style: bold; }
    """

    judul: reactive[str] = reactive("")
    status: reactive[str] = reactive("")

    def render(self) -> Text:
        kiri = Text(self.judul, no_wrap=True, overflow="ellipsis")
        kanan = Text(self.status, no_wrap=True)
        ruang = max(1, self.size.width - kanan.cell_len)
        kiri.truncate(ruang - 1, overflow="ellipsis")
        kiri.pad_right(ruang - kiri.cell_len)
        return kiri + kanan
