"""The ``lkjip`` command: open the app, import and export bundles, check data.

Every failure a user can cause (missing file, unreadable JSON, bad bundle, broken database)
ends as one clear Indonesian line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from store import audit, backup
from store.bundle import BundleTidakSah, baca_bundle, muat_json
from store.check import periksa
from store.lock import SedangDipakai
from store.pemulihan import pulihkan_tercatat
from store.repository import Repository, TahunSudahAda
from store.schema import BukanBasisData, SkemaTerlaluBaru
from store.storage import DatabaseRusak, HanyaBaca

from . import __version__
from .argparse_id import ArgumentParser
from .paths import resolve_db

GAGAL = 2


class Gagal(Exception):
    """A user-facing failure: printed as one line, exit status 2."""


class GagalDipakai(Gagal):
    """The database is held by another writer; the message says who."""


BANTU_DB = "berkas basis data (bawaan: LKJIP_DB atau folder data pengguna)"


def _parser() -> ArgumentParser:
    # --db may come before or after the command; the command's copy has no default of its own,
    # so `lkjip --db X export` keeps X (argparse would otherwise reset it to None).
    db = ArgumentParser(add_help=False)
    db.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=BANTU_DB)

    p = ArgumentParser(prog="lkjip",
                       description="lkjip: isi data Laporan Kinerja Instansi Pemerintah (LKjIP) dari papan ketik.",
                       epilog="Tanpa perintah, aplikasi dibuka pada basis data yang dipilih.")
    p.add_argument("--db", metavar="PATH", help=BANTU_DB)
    p.add_argument("--version", action="version", version=f"lkjip {__version__}", help="tampilkan versi lalu keluar")
    p.add_argument("--demo", action="store_true", help="buka salinan baru data contoh Kecamatan Balikpapan Selatan 2021 "
                   "(di --db bila diberikan dan belum ada; tanpa --db salinan sementara dihapus saat keluar)")
    p.add_argument("--tahun", type=int, metavar="YYYY", help="tahun laporan yang dibuka (bawaan: tahun terbaru)")
    p.add_argument("--baca-saja", action="store_true", help="buka hanya-baca; tidak ada yang diubah")
    sub = p.add_subparsers(dest="perintah", title="perintah", metavar="PERINTAH")

    imp = sub.add_parser("import", parents=[db], help="impor bundle JSON", description="Impor satu bundle JSON (satu unit, satu tahun).")
    imp.add_argument("file", metavar="FILE", help="berkas bundle JSON")
    imp.add_argument("--replace", action="store_true", help="ganti data tahun yang sudah ada")

    exp = sub.add_parser("export", parents=[db], help="ekspor tabel laporan dan bundle",
                         description="Ekspor tabel laporan satu tahun (Markdown, CSV, XLSX) dan bundle JSON.")
    exp.add_argument("--format", default="md,csv,xlsx,json", metavar="FORMAT",
                     help="format, dipisah koma: md, csv, xlsx, json (bawaan: semuanya)")
    exp.add_argument("--out", default=".", metavar="DIR", help="folder tujuan (dibuat bila belum ada)")
    exp.add_argument("--tahun", type=int, metavar="YYYY", default=argparse.SUPPRESS,
                     help="tahun laporan (bawaan: tahun terbaru)")
    exp.add_argument("--tabel", metavar="NOMOR", help="hanya tabel ini, dipisah koma, mis. 3.2,3.17 (bawaan: semua tabel "
                     "dan dokumen laporan-TAHUN.md)")
    exp.add_argument("--csv", default="excel", metavar="GAYA", dest="csv_gaya",
                     help="excel (bawaan: ; dan koma desimal, untuk Excel berbahasa Indonesia) atau plain (untuk program)")

    chk = sub.add_parser("check", parents=[db], help="periksa masalah data", description="Periksa masalah data; keluar dengan status 1 bila ada.")
    chk.add_argument("--tahun", type=int, metavar="YYYY", default=argparse.SUPPRESS,
                     help="hanya tahun ini (bawaan: semua tahun)")

    res = sub.add_parser("restore", parents=[db], help="pulihkan cadangan basis data",
                         description="Pulihkan cadangan terbaru yang masih baik dari folder backup/ di samping basis data; "
                                     "berkas lama disimpan dengan nama bertanda waktu, tidak dihapus.")
    res.add_argument("--list", action="store_true", help="tampilkan daftar cadangan saja")
    res.add_argument("--dari", metavar="BERKAS", help="pulihkan cadangan ini, bukan yang terbaru")

    riw = sub.add_parser("riwayat", parents=[db], help="tampilkan riwayat perubahan data",
                         description="Riwayat perubahan data (kapan, data apa, nilai lama dan baru), terbaru di atas.")
    riw.add_argument("--tahun", type=int, metavar="YYYY", default=argparse.SUPPRESS,
                     help="hanya perubahan data tahun ini")
    riw.add_argument("--batas", type=int, default=50, metavar="N", help="paling banyak N entri (bawaan: 50; 0 = semua)")
    return p


def _buka(path: Path, readonly: bool = False) -> Repository:
    try:
        return Repository(path, readonly=readonly)
    except SedangDipakai as e:
        raise GagalDipakai(str(e)) from None
    except (DatabaseRusak, SkemaTerlaluBaru) as e:
        raise Gagal(str(e)) from None
    except BukanBasisData as e:
        raise Gagal(f"{path} bukan basis data lkjip: {e}") from None
    except OSError as e:
        raise Gagal(f"Basis data {path} tidak dapat dibuka: {e.strerror or e}") from None


def _db_ada(args) -> Path:
    """The database a reading command works on; it must exist (reading a missing file would
    report an empty database as having no problems)."""
    path = resolve_db(args.db)
    if not path.is_file():
        raise Gagal(f"Basis data {path} tidak ada; periksa --db atau LKJIP_DB")
    return path


def _pilih_tahun(repo: Repository, tahun: int | None) -> int:
    ada = repo.tahun_tersedia()
    if tahun is None:
        if not ada:
            raise Gagal(f"Basis data {repo.path} belum berisi data; impor dulu dengan: lkjip import FILE")
        return ada[-1]
    if tahun not in ada:
        raise Gagal(f"Tahun {tahun} tidak ada di basis data {repo.path} (tersedia: {', '.join(map(str, ada)) or 'tidak ada'})")
    return tahun


def cmd_import(args) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise Gagal(f"Berkas {path} tidak ditemukan")
    try:
        lap = baca_bundle(muat_json(path))
    except BundleTidakSah as e:
        print(f"{path}: {e}", file=sys.stderr)
        for m in e.masalah[1:]:
            print(f"  - {m}", file=sys.stderr)
        return GAGAL
    with _buka(resolve_db(args.db)) as repo:
        try:
            repo.simpan_laporan(lap, ganti=args.replace)
        except TahunSudahAda as e:
            raise Gagal(str(e)) from None
        print(f"Tahun {lap.tahun} ({lap.instansi.nama}) diimpor ke {repo.path}")
    return 0


def cmd_export(args) -> int:
    from exports.run import EksporTidakSah, baca_format, baca_gaya_csv, ekspor

    try:  # checked before the database is opened: a typo should not cost a load
        formats = baca_format(args.format)
        gaya = baca_gaya_csv(args.csv_gaya)
    except EksporTidakSah as e:
        raise Gagal(str(e)) from None
    with _buka(_db_ada(args), readonly=True) as repo:
        tahun = _pilih_tahun(repo, args.tahun)
        lap = repo.muat(tahun)
    del repo  # the database's rows are not needed for the export: free them (a city is ~40 MB)
    out = Path(args.out)
    try:
        for path in ekspor(lap, out, formats, args.tabel, gaya):
            print(path)
    except EksporTidakSah as e:
        raise Gagal(str(e)) from None
    except OSError as e:
        raise Gagal(f"Tidak dapat menulis ke {out}: {e.strerror or e}") from None
    return 0


def cmd_check(args) -> int:
    with _buka(_db_ada(args), readonly=True) as repo:
        tahun_list = [_pilih_tahun(repo, args.tahun)] if args.tahun else repo.tahun_tersedia()
        jumlah = 0
        for t in tahun_list:
            for m in periksa(repo.muat(t)):
                print(f"{t} · {m}")
                jumlah += 1
    if jumlah:
        print(f"{jumlah} masalah ditemukan.", file=sys.stderr)
        return 1
    print("Tidak ada masalah.")
    return 0


def cmd_app(args) -> int:
    sementara = None
    if args.demo:
        from store.demo import buat_demo
        if args.db:
            path = Path(args.db)
            if path.exists():
                raise Gagal(f"{path} sudah ada; --demo membuat salinan baru, jadi pilih berkas yang belum ada "
                            "(atau buka berkas itu tanpa --demo)")
        else:
            sementara = tempfile.mkdtemp(prefix="lkjip-demo-")
            path = Path(sementara) / "demo.json"
        try:
            buat_demo(path)
        except OSError as e:
            raise Gagal(f"Data contoh tidak dapat dibuat di {path}: {e.strerror or e}") from None
    else:
        path = resolve_db(args.db)
    try:
        return _jalankan(args, path)
    finally:
        if sementara is not None:  # a throwaway copy: nothing left in the temp folder
            shutil.rmtree(sementara, ignore_errors=True)


def _jalankan(args, path: Path) -> int:
    peringatan = None
    try:
        repo = _buka(path, readonly=args.baca_saja)
    except GagalDipakai as e:
        # Another lkjip is writing: open read-only and tell the user who has it.
        peringatan = str(e)
        repo = _buka(path, readonly=True)
    from .app import (
        LkjipApp,  # imported late: textual is only needed for the app itself
    )

    app = LkjipApp(repo, tahun=args.tahun, peringatan=peringatan)
    try:
        app.run()
    finally:
        repo.close()
    if args.demo and args.db:
        print(f"Data contoh tersimpan di {path}")
    return app.return_code or 0


def cmd_restore(args) -> int:
    path = resolve_db(args.db)
    if args.list:
        daftar = backup.daftar_cadangan(path)
        if not daftar:
            raise Gagal(f"Belum ada cadangan untuk {path} (folder {backup.folder_backup(path)} kosong)")
        for c in daftar:
            status = "baik" if c.baik else f"RUSAK ({c.alasan})"
            print(f"{c.waktu:%d-%m-%Y %H:%M}  {c.path}  {status}")
        return 0
    sumber = None
    if args.dari:
        sumber = Path(args.dari)
        if not sumber.is_file():
            sumber = backup.folder_backup(path) / args.dari
        if not sumber.is_file():
            raise Gagal(f"Cadangan {args.dari} tidak ditemukan; lihat daftarnya dengan: lkjip restore --list --db {path}")
        cek = [c for c in backup.daftar_cadangan(path) if c.path.resolve() == sumber.resolve()]
        if cek and not cek[0].baik:
            raise Gagal(f"Cadangan {sumber} rusak ({cek[0].alasan}); pilih yang lain dari: lkjip restore --list --db {path}")
    try:
        dipakai, lama = pulihkan_tercatat(path, sumber)
    except SedangDipakai as e:
        raise Gagal(e.pesan) from None
    except FileNotFoundError:
        raise Gagal(f"Tidak ada cadangan yang baik untuk {path} di {backup.folder_backup(path)}") from None
    except OSError as e:
        raise Gagal(f"Pemulihan {path} gagal: {e.strerror or e}") from None
    print(f"Basis data {path} dipulihkan dari cadangan {dipakai}.")
    if lama:
        print(f"Berkas sebelumnya disimpan sebagai {lama}.")
    return 0


def cmd_riwayat(args) -> int:
    path = _db_ada(args)
    entri = audit.baca_riwayat(path, args.tahun, args.batas or None)
    if not entri:
        print("Belum ada riwayat perubahan" + (f" untuk tahun {args.tahun}." if args.tahun else "."))
        return 0
    for e in entri:
        print("\n".join(audit.teks_entri(e)))
    return 0


PERINTAH = {"import": cmd_import, "export": cmd_export, "check": cmd_check, "restore": cmd_restore,
            "riwayat": cmd_riwayat}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return PERINTAH.get(args.perintah, cmd_app)(args)
    except Gagal as e:
        print(f"lkjip: {e}", file=sys.stderr)
        return GAGAL
    except (DatabaseRusak, SkemaTerlaluBaru, HanyaBaca, SedangDipakai) as e:
        print(f"lkjip: {e}", file=sys.stderr)
        return GAGAL
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `lkjip riwayat | head`: the reader left; not an error
        sys.stdout = open(os.devnull, "w", encoding="utf-8")
        return 0
