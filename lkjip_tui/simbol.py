"""Symbols the app draws (✓ ✗ ⚠ ▶ →, the bar's eighth blocks) and their ASCII stand-ins.

Windows' legacy console (conhost with its raster or Consolas font) shows most of these as
boxes, and a CLI's output redirected to a file is written in the ANSI code page (cp1252),
which has none of them. Where they cannot be drawn, :func:`teks` turns them into plain
characters; meanings never rest on a symbol alone (a percentage is always printed beside its
bar). ``LKJIP_ASCII=1`` forces the plain form, ``LKJIP_ASCII=0`` the symbols.
"""

from __future__ import annotations

import os

WINDOWS = os.name == "nt"

# One row per symbol: what the legacy console gets instead.
ASCII = {
    "✓": "v", "✗": "x", "⚠": "!", "▶": ">", "→": "->", "←": "<-", "↑": "^", "↓": "v",
    "≥": ">=", "≤": "<=", "≠": "!=", "×": "x", "·": "-", "–": "-", "—": "-", "…": "...", "•": "*",
    "█": "#", "░": ".", "▏": "-", "▎": "-", "▍": "-", "▌": "=", "▋": "=", "▊": "=", "▉": "=",
    "▁": "_", "▂": "_", "▃": "-", "▄": "-", "▅": "=", "▆": "=", "▇": "#",
}
_TABEL = str.maketrans(ASCII)


def konsol_lama() -> bool:
    """Windows' legacy console: Windows, and no sign of Windows Terminal (``WT_SESSION``) or
    another terminal that says who it is (``TERM_PROGRAM``, e.g. VS Code)."""
    return WINDOWS and not os.environ.get("WT_SESSION") and not os.environ.get("TERM_PROGRAM")


def ascii_saja() -> bool:
    paksa = os.environ.get("LKJIP_ASCII", "").strip()
    if paksa in ("0", "1"):
        return paksa == "1"
    return konsol_lama()


def ke_ascii(s: str) -> str:
    return s.translate(_TABEL)


def teks(s: str) -> str:
    """``s`` as this terminal can draw it."""
    return ke_ascii(s) if ascii_saja() else s
