"""Run the repair command a message suggests, exactly as printed."""

from __future__ import annotations

import shlex

from lkjip_tui import cli


def jalankan_saran(pesan: str, **ganti) -> int:
    """Run the command a message suggests ("... dengan: lkjip restore --db X") as the user would."""
    assert "dengan: lkjip " in pesan, pesan
    perintah = shlex.split(pesan.split("dengan: ", 1)[1])
    assert perintah[0] == "lkjip"
    return cli.main([ganti.get(a, a) for a in perintah[1:]])
