"""The app's one keymap: a key means the same on every screen.

Screens take their bindings from :data:`TOMBOL` through :func:`ikat`, so "delete" is ``d``
(and Delete) and "edit in a form" is ``e`` wherever a screen offers it. Keys only one screen
has (Beranda's jumps, the Laporan ctrl keys) stay in that screen. F1 lists every binding of
the screen, shown in the footer or not.
"""

from __future__ import annotations

from textual.binding import Binding

# id: (keys, label)
TOMBOL: dict[str, tuple[str, str]] = {
    "tambah": ("a", "Tambah"),
    "hapus": ("d,delete", "Hapus"),
    "ubah": ("e", "Ubah"),
    "tahun": ("t", "Tahun"),
    "tahun-baru": ("n", "Tahun baru"),
    "tambah-unit": ("u", "Unit"),
    "tambah-program": ("p", "Program"),
    "bulanan": ("m", "Bulanan"),
    "impor": ("i", "Impor"),
    "tanggal": ("g", "Tanggal"),
    "riwayat": ("r", "Riwayat"),
    "cadangan": ("c", "Cadangan"),
}


def ikat(id: str, aksi: str, label: str | None = None, *, show: bool = True, priority: bool = False,
         kunci_lain: str = "") -> Binding:
    """The binding ``id`` of :data:`TOMBOL` running ``aksi`` (``kunci_lain``: extra keys)."""
    kunci, bawaan = TOMBOL[id]
    if kunci_lain:
        kunci = f"{kunci_lain},{kunci}"
    return Binding(kunci, aksi, label or bawaan, show=show, priority=priority, id=id)


def huruf(bindings) -> str:
    """The printable keys among ``bindings``: a grid leaves them to the screen instead of
    starting an edit with them."""
    return "".join(k for b in bindings for k in b.key.split(",") if len(k) == 1)
