"""The ``lkjip`` command: open the app, import and export bundles, check data.

Every failure a user can cause (missing file, unreadable JSON, bad bundle, broken database)
ends as one clear Indonesian line on stderr and exit status 2, never a traceback; so does
output the console's code page cannot show, or a reader that left (:mod:`.keluaran`).
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from exports.format import FORMAT, ada_dokumen, nama_format
from store import audit, backup
from store.jalur import masalah_jalur
from store.keadaan import tahun_bawaan
from store.lock import KunciHilang, SedangDipakai
from store.repository import Repository, TahunSudahAda
from store.schema import BukanBasisData, SkemaTerlaluBaru
from store.storage import DatabaseRusak, HanyaBaca, sisa_di_samping
from store.tanpa_gc import tanpa_gc
from store.teks import aman

from . import __version__, keluaran, paths
from .argparse_id import ArgumentParser
from .paths import kutip, perintah, resolve_db

if TYPE_CHECKING:  # imported late at run time: textual is only needed for the app itself
    from .app import LkjipApp

GAGAL = 2
SISIP_DB = 40  # the longest name lkjip puts beside the database (journal, lock take-over, temp files)


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
    p.add_argument("--tahun", type=int, metavar="YYYY", help="tahun laporan yang dibuka (bawaan: tahun terakhir dipakai, atau yang terbaru)")
    p.add_argument("--baca-saja", action="store_true", help="buka hanya-baca; tidak ada yang diubah")
    p.add_argument("--ambil-alih", action="store_true",
                   help="ambil alih kunci basis data dari lkjip yang sudah tidak berjalan (mis. komputernya mati)")
    sub = p.add_subparsers(dest="perintah", title="perintah", metavar="PERINTAH")

    imp = sub.add_parser("import", parents=[db], help="impor bundle JSON", description="Impor satu bundle JSON (satu unit, satu tahun).")
    imp.add_argument("file", metavar="FILE", help="berkas bundle JSON")
    imp.add_argument("--replace", action="store_true", help="ganti data tahun yang sudah ada")

    exp = sub.add_parser("export", parents=[db], help="ekspor tabel, dokumen laporan dan bundle",
                         description=f"Ekspor laporan satu tahun: {', '.join(nama_format(f) for f in FORMAT)}. "
                                     f"Tanpa --out berkas ditulis ke {paths.folder_laporan('TAHUN')}, "
                                     "folder yang sama dengan F9 Laporan.")
    exp.add_argument("--format", default=",".join(FORMAT), metavar="FORMAT",
                     help=f"format, dipisah koma: {', '.join(f'{f}: {nama_format(f)}' for f in FORMAT)} "
                          "(bawaan: semuanya)")
    exp.add_argument("--out", metavar="DIR", help="folder tujuan, dibuat bila belum ada (bawaan: "
                     f"{paths.folder_laporan('TAHUN')}, seperti F9 Laporan)")
    exp.add_argument("--tahun", type=int, metavar="YYYY", default=argparse.SUPPRESS,
                     help="tahun laporan (bawaan: tahun terakhir dipakai, atau yang terbaru)")
    exp.add_argument("--tabel", metavar="NOMOR", help="hanya tabel ini, dipisah koma, mis. 3.2,3.17 (bawaan: semua tabel "
                     "dan dokumen laporan-TAHUN.md)")
    exp.add_argument("--csv", default="excel", metavar="GAYA", dest="csv_gaya",
                     help="excel (bawaan: ; dan koma desimal, untuk Excel berbahasa Indonesia) atau plain (untuk program)")

    chk = sub.add_parser("check", parents=[db], help="periksa masalah data", description="Periksa masalah data; keluar dengan status 1 bila ada.")
    chk.add_argument("--tahun", type=int, metavar="YYYY", default=argparse.SUPPRESS,
                     help="tahun laporan (bawaan: tahun terakhir dipakai, atau yang terbaru)")
    chk.add_argument("--semua", action="store_true", help="periksa semua tahun")
    chk.add_argument("--terima-putus", action="store_true",
                     help="terima putus rantai riwayat yang sudah dilaporkan (dicatat di riwayat)")

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
    ang = sub.add_parser("impor-anggaran", parents=[db], help="impor pagu/realisasi dari berkas SIPD-RI (XLSX/CSV)",
                         description="Baca pagu (rekap anggaran) atau realisasi (Laporan Realisasi Per Dokumen) SIPD-RI, "
                                     "atau lembar kantor sendiri, cocokkan dengan subkegiatan menurut kode, lalu tampilkan "
                                     "perubahannya. Baru diterapkan dengan --terapkan (satu perubahan, satu langkah ctrl+z).")
    ang.add_argument("file", metavar="FILE", help="berkas XLSX, XLS, ODS atau CSV")
    ang.add_argument("--tahun", type=int, metavar="YYYY", default=argparse.SUPPRESS,
                     help="tahun laporan (bawaan: tahun terbaru)")
    ang.add_argument("--sampai", metavar="TANGGAL", help="realisasi s.d. tanggal ini, mis. 30-06-2021 atau "
                     '"30 Juni 2021" (bawaan: tanggal terakhir di berkas)')
    ang.add_argument("--tahap", choices=("murni", "perubahan"), help="tahap anggaran berkas pagu (wajib untuk berkas pagu)")
    ang.add_argument("--kolom", metavar="PETA", help='kolom lembar sendiri, mis. "kode=Kode,jumlah=Realisasi,'
                     'nama=Uraian,tanggal=Tanggal,isi=realisasi" (diingat untuk kepala kolom yang sama)')
    ang.add_argument("--beri-kode", action="store_true",
                     help="subkegiatan tanpa kode yang namanya sama dengan di berkas diberi kode dari berkas")
    ang.add_argument("--terapkan", action="store_true", help="terapkan perubahan (tanpa ini hanya ditampilkan)")
    return p


def _pesan_rusak(e: DatabaseRusak) -> str:
    """The store's message, its repair hint without ``--db`` when that is the default database."""
    return str(e).replace(f" --db {kutip(str(e.path))}", "") if perintah(db=e.path) == "lkjip" else str(e)


def _bukan_berkas(path: Path) -> None:
    """A --db naming a folder or a device is refused: it would be replaced by a file."""
    if path.exists() and not path.is_file():
        raise Gagal(f"{path} bukan berkas biasa; --db harus menunjuk berkas basis data .json")


def _buka(path: Path, readonly: bool = False, ambil_alih: bool = False) -> Repository:
    if masalah := masalah_jalur(path, SISIP_DB):
        raise Gagal(f"Basis data {path} tidak dapat dipakai: {masalah}")
    _bukan_berkas(path)
    try:
        repo = Repository(path, readonly=readonly, ambil_alih=ambil_alih)
    except SedangDipakai as e:
        if e.pemegang and not e.hidup:  # a holder who may be gone for good: say how to take over
            raise GagalDipakai(f"{e} Bila lkjip itu sudah tidak berjalan, buka dengan: "
                               f"{perintah('--ambil-alih', db=path)}") from None
        raise GagalDipakai(str(e)) from None
    except DatabaseRusak as e:
        raise Gagal(_pesan_rusak(e)) from None
    except SkemaTerlaluBaru as e:
        raise Gagal(str(e)) from None
    except BukanBasisData as e:
        raise Gagal(f"{path} bukan basis data lkjip: {e}") from None
    except OSError as e:
        raise Gagal(f"Basis data {path} tidak dapat dibuka: {e.strerror or e}") from None
    for pesan in repo.peringatan:
        print(f"lkjip: {pesan}", file=sys.stderr)
    return repo


def _db_ada(args) -> Path:
    """The database a reading command works on; it must exist (reading a missing file would
    report an empty database as having no problems)."""
    path = resolve_db(args.db)
    if masalah := masalah_jalur(path, SISIP_DB):
        raise Gagal(f"Basis data {path} tidak dapat dipakai: {masalah}")
    _bukan_berkas(path)
    # A snapshot gone while its journal or backups remain is the store's to explain (with the
    # restore command): only a path with nothing at all is "not there".
    if not path.is_file() and not sisa_di_samping(path):
        raise Gagal(f"Basis data {path} tidak ada; periksa --db atau LKJIP_DB")
    return path


def _pilih_tahun(repo: Repository, tahun: int | None) -> int:
    ada = repo.tahun_tersedia()
    if tahun is None:
        if not ada:
            raise Gagal(f"Basis data {repo.path} belum berisi data; impor dulu dengan: "
                        f"{perintah('import', 'FILE', db=repo.path)}")
        return tahun_bawaan(repo.path, ada) or ada[-1]
    if tahun not in ada:
        raise Gagal(f"Tahun {tahun} tidak ada di basis data {repo.path} (tersedia: {', '.join(map(str, ada)) or 'tidak ada'})")
    return tahun


def cmd_import(args) -> int:
    # Each command imports what only it needs: the app's first paint waits for none of it.
    from store.bundle import BundleTidakSah, baca_bundle, muat_json
    from store.perubahan import GantiTahun, simpan_tahun  # the writer: not needed by check or export

    path = Path(args.file)
    if not path.is_file():
        raise Gagal(f"Berkas {path} tidak ditemukan")
    try:
        with tanpa_gc():  # a city's bundle is ~10^6 objects, none of them garbage (store/tanpa_gc.py)
            lap = baca_bundle(muat_json(path))
    except BundleTidakSah as e:
        print(f"{path}: {e}", file=sys.stderr)
        for m in e.masalah[1:]:
            print(f"  - {m}", file=sys.stderr)
        return GAGAL
    with _buka(resolve_db(args.db)) as repo:
        try:
            with tanpa_gc():  # ~10^6 long-lived objects at city scale: the collector would walk them again and again
                simpan_tahun(repo, GantiTahun(lap, ganti=args.replace))  # the one writer's whole-year command
        except TahunSudahAda as e:
            raise Gagal(str(e)) from None
        except OSError as e:  # disk full, I/O error: the import is all or nothing
            raise Gagal(f"Impor {path} gagal, tidak ada yang disimpan ke {repo.path}: {e.strerror or e}") from None
        print(f"Tahun {lap.tahun} ({aman(lap.instansi.nama)}) diimpor ke {repo.path}")
    return 0


def cmd_export(args) -> int:
    from exports.run import BerkasDipakai, EksporTidakSah, baca_format, baca_gaya_csv, ekspor

    try:  # checked before the database is opened: a typo should not cost a load
        formats = baca_format(args.format)
        gaya = baca_gaya_csv(args.csv_gaya)
    except EksporTidakSah as e:
        raise Gagal(str(e)) from None
    with _buka(_db_ada(args), readonly=True) as repo:
        tahun = _pilih_tahun(repo, args.tahun)
        lap = repo.muat(tahun)
    del repo  # the database's rows are not needed for the export: free them (a city is ~40 MB)
    out = Path(args.out) if args.out is not None else paths.folder_laporan(tahun)
    try:
        ditulis = ekspor(lap, out, formats, args.tabel, gaya)
    except EksporTidakSah as e:
        raise Gagal(str(e)) from None
    except BerkasDipakai as e:
        for path in e.ditulis:
            print(path)
        raise Gagal(str(e)) from None
    except OSError as e:
        raise Gagal(f"Tidak dapat menulis ke {out}: {e.strerror or e}") from None
    for path in ditulis:  # printed outside the try: a closed pipe is not a failure to write the files
        print(path)
    if ada_dokumen(ditulis):
        from exports.naskah import sisa

        print(aman(str(sisa(lap))), file=sys.stderr)  # beside the file list, which scripts may read
    # the paths stay alone on stdout (for scripts); the year goes with the summary
    print(aman(f"Tahun {tahun} ({lap.instansi.nama}): {len(ditulis)} berkas diekspor ke {out}"), file=sys.stderr)
    return 0


def cmd_check(args) -> int:
    from store.check import periksa_tersimpan

    if args.terima_putus:
        return _terima_putus(args)
    keluar: list[str] = []
    with _buka(_db_ada(args), readonly=True) as repo:
        tahun_list = repo.tahun_tersedia() if args.semua else [_pilih_tahun(repo, getattr(args, "tahun", None))]
        jumlah = kosong = 0
        for t in tahun_list:
            masalah, belum = periksa_tersimpan(repo, t)
            for m in masalah:
                keluar.append(aman(f"{t} · {m}"))
                jumlah += 1
            for m in belum:
                keluar.append(aman(f"{t} · {m}"))
                kosong += 1
        try:
            putus = repo.storage.masalah_riwayat()
        except OSError as e:  # a riwayat that is a folder or cannot be read
            putus = [(0, f"tidak dapat dibaca: {e.strerror or e}")]
        for baris, salah in putus:
            letak = f"baris {baris} " if baris else ""
            keluar.append(aman(f"riwayat · {letak}berkas {repo.path.name}.riwayat.jsonl: {salah}"))
            jumlah += 1
        if putus and all(b for b, _ in putus):
            keluar.append(f"Bila sudah diperiksa, terima putusnya (dicatat di riwayat) dengan: "
                          f"{perintah('check', '--terima-putus', db=repo.path)}")
    print(f"Diperiksa: tahun {', '.join(map(str, tahun_list))}.", file=sys.stderr)
    status = 1 if jumlah else 0
    try:  # all found first: a reader that leaves early (`| head -1`) does not change the status
        for baris_keluar in keluar:
            print(baris_keluar)
    except keluaran.PipaTertutup:
        keluaran.buang_sisa()
        return status
    if kosong:  # a placeholder is listed, but it is not a wrong figure: the status stays 0 for it
        print(f"{kosong} bagian teks laporan belum diisi.", file=sys.stderr)
    if jumlah:
        print(f"{jumlah} masalah ditemukan.", file=sys.stderr)
        return 1
    print(f"Tidak ada masalah (tahun {', '.join(map(str, tahun_list))}).")
    return 0


def _terima_putus(args) -> int:
    """The user has looked at the riwayat breaks and accepts them: recorded in the riwayat."""
    with _buka(_db_ada(args)) as repo:
        try:
            n = repo.storage.terima_putus()
        except OSError as e:
            raise Gagal(f"Riwayat {repo.storage.riwayat_path} tidak dapat ditulis: {e.strerror or e}") from None
    print(f"{n} masalah riwayat diterima dan dicatat di riwayat." if n else "Riwayat utuh; tidak ada yang perlu diterima.")
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
        return _buka_aplikasi(args, path)
    finally:
        if sementara is not None:  # a throwaway copy: nothing left in the temp folder
            shutil.rmtree(sementara, ignore_errors=True)


def kelas_aplikasi() -> type[LkjipApp]:
    """The app's class, imported late (Textual is only needed for the app itself) with the
    cyclic collector paused, and what the import built (Textual, the app's modules: ~10^5
    objects that live as long as the process) moved out of its way at once (``gc.freeze``).
    Otherwise the collector walks them again and again while they are being built: ~15 ms of
    the first paint. ``bench/run_app.py`` starts the app through here too."""
    with tanpa_gc():
        from .app import LkjipApp

        gc.freeze()
    return LkjipApp


def _buka_aplikasi(args, path: Path) -> int:
    from . import tutup  # imports asyncio: only the app needs it, not import/check/export

    # Closing the console window (or SIGHUP/SIGTERM) does the same close-time work as ctrl+q,
    # connected before the lock is taken, so a hang-up at any moment releases it.
    terbuka: list[Repository] = []
    aplikasi: list[LkjipApp] = []

    def kerja() -> None:
        # app.repo too: a restore from F8 reopens the database as a new Repository
        for r in [*terbuka, *(a.repo for a in aplikasi)]:
            r.close()
    penutup = tutup.Penutup(kerja, lambda: _minta_keluar(aplikasi[0] if aplikasi else None), paksa_keluar=True)
    lepas = tutup.pasang(penutup)
    lepas_penulis = tutup.jaga_penulis(lambda: penutup.terminal_hilang(128 + 1))  # as a hang-up (SIGHUP)
    try:
        peringatan = None
        try:
            terbuka.append(_buka(path, readonly=args.baca_saja, ambil_alih=args.ambil_alih))
        except GagalDipakai as e:
            # Another lkjip is writing: open read-only and tell the user who has it.
            peringatan = str(e)
            terbuka.append(_buka(path, readonly=True))
        if args.tahun is not None:
            _pilih_tahun(terbuka[0], args.tahun)  # a year that is not there is refused, as `export` does
        app = kelas_aplikasi()(terbuka[0], tahun=args.tahun, peringatan=peringatan)
        aplikasi.append(app)
        app.run()
    finally:
        penutup()
        lepas()
        lepas_penulis()
    if args.demo and args.db:
        print(f"Data contoh tersimpan di {path}")
    if getattr(args, "peringatan_store", None):  # the app's screen covered it at the start
        print(f"lkjip: {args.peringatan_store}", file=sys.stderr)
    return app.return_code or 0


def _minta_keluar(app: LkjipApp | None) -> None:
    """Ask the app to end as if the user pressed ctrl+q, with nobody left to answer a
    question (the console is closing); from any thread, without waiting."""
    if app is None:
        return

    def minta() -> None:
        try:
            app.call_from_thread(app.keluar_karena_tutup)
        except RuntimeError:  # not running (yet, or any more)
            pass
    threading.Thread(target=minta, name="lkjip-tutup", daemon=True).start()


def cmd_restore(args) -> int:
    from store.pemulihan import PemulihanGagal, asal, periksa_sumber, pulihkan_tercatat

    path = resolve_db(args.db)
    if args.list:
        daftar = backup.daftar_cadangan(path)
        if not daftar:
            raise Gagal(f"Belum ada cadangan untuk {path} (folder {backup.folder_backup(path)} kosong)")
        for c in daftar:
            status = "baik" if c.baik else f"RUSAK ({c.alasan})"
            print(f"{c.waktu:%d-%m-%Y %H:%M}  {c.path}  {status}")
        return 0
    _bukan_berkas(path)
    sumber = None
    if args.dari:  # checked before anything is locked or touched
        sumber = Path(args.dari)
        if not sumber.is_file():
            sumber = backup.folder_backup(path) / args.dari
        if not sumber.is_file():
            raise Gagal(f"Cadangan {args.dari} tidak ditemukan; lihat daftarnya dengan: "
                        f"{perintah('restore', '--list', db=path)}")
        try:
            periksa_sumber(sumber)
        except backup.CadanganTidakSah as e:
            raise Gagal(f"{e}; pilih cadangan dari: {perintah('restore', '--list', db=path)}") from None
    try:
        hasil = pulihkan_tercatat(path, sumber)
    except SedangDipakai as e:
        raise Gagal(e.pesan) from None
    except backup.CadanganTidakSah as e:
        raise Gagal(str(e)) from None
    except FileNotFoundError:
        raise Gagal(f"Tidak ada cadangan yang baik untuk {path} di {backup.folder_backup(path)}") from None
    except KunciHilang:
        raise Gagal(f"Pemulihan {path} gagal, basis data tidak diubah: lkjip lain mengambil alih kuncinya") from None
    except PemulihanGagal as e:
        catat = "" if e.tercatat else " (riwayat juga tidak dapat ditulis)"
        raise Gagal(f"Pemulihan {path} gagal, basis data tidak diubah: {e.strerror or e}{catat}") from None
    except OSError as e:  # taking the lock itself failed: nothing was touched
        raise Gagal(f"Pemulihan {path} gagal, basis data tidak diubah: {e.strerror or e}") from None
    print(f"Basis data {path} dipulihkan dari {asal(hasil, path)} dengan {hasil.baris_jurnal} baris jurnal.")
    if hasil.dilewati:
        print(f"Perhatian: {hasil.dilewati}.")
    for p in hasil.disisihkan:
        print(f"Berkas sebelumnya disimpan sebagai {p}.")
    return 0


def cmd_riwayat(args) -> int:
    if args.batas < 0:
        raise Gagal(f"--batas harus 0 atau lebih (0 = semua), bukan {args.batas}")
    path = _db_ada(args)
    try:
        entri = audit.baca_riwayat(path, args.tahun, args.batas or None)
    except OSError as e:
        raise Gagal(f"Riwayat {path.name}.riwayat.jsonl tidak dapat dibaca: {e.strerror or e}") from None
    if not entri:
        print("Belum ada riwayat perubahan" + (f" untuk tahun {args.tahun}." if args.tahun else "."))
        return 0
    for satu in entri:
        print(aman("\n".join(audit.teks_entri(satu))))
    return 0


def cmd_impor_anggaran(args) -> int:
    from store import impor_anggaran as ia
    from store import sipd
    from store.perubahan import terapkan

    path = Path(args.file)
    if not path.is_file():
        raise Gagal(f"Berkas {path} tidak ditemukan")
    try:
        peta = sipd.peta_dari_teks(args.kolom) if args.kolom else None
    except ValueError as e:
        raise Gagal(f"--kolom: {e}") from None
    try:
        sampai = sipd.baca_tanggal(args.sampai) if args.sampai else None
    except ValueError as e:
        raise Gagal(f"--sampai: {e}") from None
    with _buka(_db_ada(args), readonly=not args.terapkan) as repo:
        tahun = _pilih_tahun(repo, args.tahun)
        lap = repo.muat(tahun)
        try:
            berkas = sipd.baca_berkas(path, tahun, repo.peta_impor(), peta)
        except sipd.PerluPeta as e:
            contoh = ",".join(f"{k}=KOLOM" for k in ("kode", "jumlah", "nama", "tanggal")) + ",isi=realisasi"
            raise Gagal(f"{e}. Kolom yang ada: {'; '.join(e.kepala) or '-'}. Contoh: "
                        f"{perintah('impor-anggaran', kutip(str(path)), '--kolom', kutip(contoh), db=repo.path)}") from None
        except sipd.BerkasTidakSah as e:
            raise Gagal(str(e)) from None
        beri = {t.kode: t.usul.key for t in ia.rencanakan(lap, berkas, args.tahap, sampai).tak_cocok
                if t.usul is not None} if args.beri_kode else None
        rencana = ia.rencanakan(lap, berkas, args.tahap, sampai, beri)
        for baris in ia.baris_pratinjau(rencana):
            print(aman(baris))
        if not rencana.bisa:
            raise Gagal(f"{path.name}: {len(rencana.masalah)} masalah; tidak ada yang diubah")
        if not args.terapkan:
            print("\nBelum ada yang diubah; jalankan lagi dengan --terapkan untuk menerapkannya.")
            return 0
        if not rencana.berubah and not rencana.murni and peta is None:
            print("\nTidak ada yang berubah.")
            return 0
        try:
            with repo.transaksi(rencana.keterangan()):
                terapkan(repo, lap, ia.perubahan(rencana), rencana.keterangan())
                if peta is not None:
                    repo.simpan_peta_impor(berkas.sidik, peta.ke_dict())
        except OSError as e:
            raise Gagal(f"Impor {path.name} gagal, tidak ada yang disimpan ke {repo.path}: {e.strerror or e}") from None
        print(f"\nDiterapkan: {len(rencana.berubah)} subkegiatan diubah ({rencana.keterangan()}).")
    return 0


PERINTAH = {"impor-anggaran": cmd_impor_anggaran, "import": cmd_import, "export": cmd_export, "check": cmd_check, "restore": cmd_restore,
            "riwayat": cmd_riwayat}


def main(argv: list[str] | None = None) -> int:
    stdout = sys.stdout
    keluaran.siapkan()
    try:
        return _jalankan(argv)
    except keluaran.PipaTertutup:  # `lkjip riwayat | more` closed early: the reader left; not an error
        keluaran.buang_sisa()
        return 0
    finally:
        if isinstance(sys.stdout, keluaran.Stdout):
            sys.stdout = stdout


def _python_store(args) -> str | None:
    """The Microsoft Store's Python: the warning line, after moving the default data where
    it survives (see :mod:`.paths`)."""
    pesan = paths.peringatan_store()
    if pesan is None or args.db or os.environ.get("LKJIP_DB"):
        return pesan
    try:
        dari = paths.siapkan_folder_data()
    except OSError as e:
        return f"{pesan} Data lama di {paths.folder_data_biasa()} belum dapat disalin ke sana: {e.strerror or e}"
    return f"{pesan} Data lama disalin dari {dari}." if dari else pesan


def _jalankan(argv: list[str] | None) -> int:
    try:
        args = _parser().parse_args(argv)
        if pesan := _python_store(args):
            print(f"lkjip: {pesan}", file=sys.stderr)
            args.peringatan_store = pesan
        return PERINTAH.get(args.perintah, cmd_app)(args)
    except Gagal as e:
        print(f"lkjip: {e}", file=sys.stderr)
        return GAGAL
    except DatabaseRusak as e:
        print(f"lkjip: {_pesan_rusak(e)}", file=sys.stderr)
        return GAGAL
    except (SkemaTerlaluBaru, HanyaBaca, SedangDipakai, KunciHilang) as e:
        print(f"lkjip: {e}", file=sys.stderr)
        return GAGAL
    except KeyboardInterrupt:
        return 130
