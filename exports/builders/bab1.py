"""BAB I: Tabel 1.1, staff per unit and jabatan."""

from __future__ import annotations

from store import calc

from ..tables import Bagian, JenisBaris, Tabel, cacah, teks
from . import judul as jdl
from .konteks import Konteks
from .tanggal import tanggal_panjang

KOLOM_1_1 = ("No", "Jabatan", "Laki-Laki", "Perempuan", "Jumlah")


def tabel_1_1(k: Konteks, nomor: str = "1.1") -> Tabel:
    b = Bagian("", KOLOM_1_1)
    for unit in k.lap.pegawai.unit:
        b.tambah(teks(""), teks(unit.nama.upper()), teks(""), teks(""), teks(""), jenis=JenisBaris.GRUP)
        for n, j in enumerate(unit.jabatan, 1):
            b.tambah(teks(str(n)), teks(j.nama), *map(cacah, calc.jumlah_pegawai([j])))
        b.tambah(teks(""), teks("Jumlah"), *map(cacah, calc.jumlah_pegawai(unit.jabatan)), jenis=JenisBaris.TOTAL)
    b.tambah(teks(""), teks("Total Pegawai"), *map(cacah, calc.total_pegawai(k.lap)), jenis=JenisBaris.TOTAL)
    per = k.lap.pegawai.per_tanggal
    catatan = f"Sumber : Data Kepegawaian per {tanggal_panjang(per)}" if per else ""
    return Tabel(nomor, jdl.j_1_1(k), [b], catatan, k.d)
