"""A writer that is killed at random moments by tests/store/test_crash.py.

Before each change it writes ``mau <op>`` and after the commit returns ``ok <op>`` to its
output, flushed: every ``ok`` must survive a kill; the one pending ``mau`` may or may not.
Run as ``python penulis_crash.py DB SEED`` (stdout), or call :func:`jalan` in a forked child.
"""

from __future__ import annotations

import random
import sys
from decimal import Decimal
from pathlib import Path

from store import storage
from store.models import (
    Indikator,
    Instansi,
    Kegiatan,
    Laporan,
    Pegawai,
    Program,
    Renstra,
    Sasaran,
    Subkegiatan,
    Tujuan,
)
from store.repository import Repository

TAHUN_TUMBUH = 2030   # rows added and removed one by one, programs added and removed whole
TAHUN_GANTI = 2031    # replaced whole by an import with --replace


def laporan_kecil(tahun: int, tanda: str, n_sub: int) -> Laporan:
    """A report whose every subkegiatan carries ``tanda``: a mixed year means a torn import."""
    prog = Program("P1", "Program dasar", "S1", None, [])
    for k in range(max(1, n_sub // 10 + 1)):
        keg = Kegiatan(f"{tanda} kegiatan {k}")
        for s in range(min(10, n_sub - k * 10)):
            keg.subkegiatan.append(Subkegiatan(f"{tanda} sub {k}.{s}", Decimal(1000 + s),
                                               Decimal(10), {1: Decimal(4), 2: Decimal(6)}))
        prog.kegiatan.append(keg)
    return Laporan(tahun, Instansi(tanda, "Kota Uji"), Renstra(tahun - 4, tahun, [tahun]),
                   tujuan=[Tujuan("T1", 1, "Tujuan")], sasaran=[Sasaran("S1", "T1", "Sasaran")],
                   indikator=[Indikator("I1", "S1", "Indikator", "%", "positif", None, "jumlah", None,
                                        {tahun: Decimal(100)}, {tahun: Decimal(90)}, {}, {})],
                   program=[prog], pegawai=Pegawai(None, []))


def siapkan(db: Path) -> None:
    with Repository(db) as repo:
        repo.simpan_laporan(laporan_kecil(TAHUN_TUMBUH, "dasar", 3))
        repo.simpan_laporan(laporan_kecil(TAHUN_GANTI, "g0", 20))


def jalan(db: Path, seed: int, out) -> None:
    storage.BATAS_JURNAL = 3000  # compact often, so kills also land inside compactions
    rnd = random.Random(seed)
    repo = Repository(db)

    def tulis(s: str) -> None:
        out.write(s + "\n")
        out.flush()

    n = 0
    while True:
        n += 1
        lap = repo.muat(TAHUN_TUMBUH)
        dasar = lap.program[0].kegiatan[0]
        tambahan = [s for s in dasar.subkegiatan if s.nama.startswith("x")]
        grup = [p for p in lap.program if p.id.startswith("Q")]
        aksi = rnd.choices(["tambah", "hapus", "ubah", "program", "hapus-program", "ganti", "tutup"],
                           [30, 15, 15, 10, 8, 6, 3])[0]
        if aksi == "tambah":
            nama = f"x{seed}-{n}"
            tulis(f"mau tambah {nama}")
            repo.simpan(TAHUN_TUMBUH, Subkegiatan(nama, Decimal(n), None), induk=dasar.key)
            tulis(f"ok tambah {nama}")
        elif aksi == "hapus" and tambahan:
            s = rnd.choice(tambahan)
            tulis(f"mau hapus {s.nama}")
            repo.hapus(TAHUN_TUMBUH, s)
            tulis(f"ok hapus {s.nama}")
        elif aksi == "ubah" and tambahan:
            s = rnd.choice(tambahan)
            s.pagu = Decimal(rnd.randint(1, 10**9))
            tulis(f"mau ubah {s.nama} {s.pagu}")
            repo.simpan(TAHUN_TUMBUH, s)
            tulis(f"ok ubah {s.nama} {s.pagu}")
        elif aksi == "program":
            pid = f"Q{seed}-{n}"
            tulis(f"mau program {pid}")
            with repo.transaksi():  # a program with 2 kegiatan × 3 subkegiatan: all or nothing
                repo.simpan(TAHUN_TUMBUH, Program(pid, f"Program {pid}", "S1", None, []))
                for k in range(2):
                    keg = Kegiatan(f"{pid} keg {k}")
                    repo.simpan(TAHUN_TUMBUH, keg, induk=pid)
                    for s in range(3):
                        repo.simpan(TAHUN_TUMBUH, Subkegiatan(f"{pid} sub {k}.{s}", Decimal(5), None), induk=keg.key)
            tulis(f"ok program {pid}")
        elif aksi == "hapus-program" and grup:
            p = rnd.choice(grup)
            tulis(f"mau hapus-program {p.id}")
            repo.hapus(TAHUN_TUMBUH, p)
            tulis(f"ok hapus-program {p.id}")
        elif aksi == "ganti":
            tanda = f"g{seed}-{n}"
            tulis(f"mau ganti {tanda}")
            repo.simpan_laporan(laporan_kecil(TAHUN_GANTI, tanda, rnd.randint(1, 60)), ganti=True)
            tulis(f"ok ganti {tanda}")
        elif aksi == "tutup":
            repo.close()
            repo = Repository(db)


if __name__ == "__main__":
    jalan(Path(sys.argv[1]), int(sys.argv[2]), sys.stdout)
