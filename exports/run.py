"""One export run: which tables, which formats, writing the files. The CLI (``lkjip export``)
and the TUI's Laporan screen both call :func:`ekspor`, so they write the same files.

Every file is written atomically with :func:`store.berkas.tulis_atomik`: an existing file is
replaced only by a complete new one. A large file is made and written in pieces (:data:`Isi`),
so that memory is bounded by a table, not by the report (issue 20.3).
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, overload

from store.berkas import buang, fsync_folder, pasang, tulis_atomik, tulis_sementara
from store.bundle import tulis_bundle
from store.jalur import masalah_jalur
from store.models import Laporan
from store.tanpa_gc import tanpa_gc

from .builders import Konteks, bangun_tabel, nomor_tabel, satu_per_satu
from .csv_writer import GAYA, tabel_csv_potong
from .document import dokumen_md_potong
from .format import FORMAT
from .markdown import per_kelompok, tabel_md, tabel_md_baris, tabel_teks
from .tables import Tabel
from .xlsx import nama_sheet, rencana, rencana_potong
from .xlsx_proses import PenulisXlsx, ProsesXlsx, penulis_xlsx

Progres = Callable[[int, int, str], None]
@dataclass(frozen=True)
class Sementara:
    """A file's content already written to its temp file (store.berkas.tulis_sementara)."""

    path: Path


# A file's content: its bytes, its bytes in pieces (a large file never held whole), or its temp file.
Isi = bytes | Iterable[bytes] | Sementara
POTONG = 1 << 18  # characters per piece of a file written in pieces


def _diselingi(baris: Iterable[str]) -> Iterator[str]:
    """The lines with a newline between each two (``"\\n".join`` a piece at a time)."""
    for n, x in enumerate(baris):
        if n:
            yield "\n"
        yield x


def dalam_potong(teks: Iterable[str]) -> Iterator[bytes]:
    """UTF-8 pieces of about :data:`POTONG` characters from many small strings."""
    kumpul: list[str] = []
    n = 0
    for t in teks:
        if len(t) >= POTONG:  # a large table's text: encoded alone, not copied into a piece first
            if kumpul:
                yield "".join(kumpul).encode("utf-8")
                kumpul.clear()
                n = 0
            yield t.encode("utf-8")
            continue
        kumpul.append(t)
        n += len(t)
        if n >= POTONG:
            yield "".join(kumpul).encode("utf-8")
            kumpul.clear()
            n = 0
    if kumpul:
        yield "".join(kumpul).encode("utf-8")


class EksporTidakSah(ValueError):
    """A format, table number or CSV style the user asked for does not exist; the message says which."""


class BerkasDipakai(Exception):
    """Files another program holds open (Excel, on Windows) could not be replaced; every other
    file was written. ``ditulis`` lists those, ``dipakai`` the names held."""

    def __init__(self, folder: Path, dipakai: list[str], ditulis: list[Path]):
        self.folder, self.dipakai, self.ditulis = folder, dipakai, ditulis
        nama = ", ".join(dipakai)
        super().__init__(f"{nama} di {folder} sedang dibuka program lain (mis. Excel) dan tidak dapat diganti; "
                         f"tutup berkas itu di Excel lalu ekspor lagi ({len(ditulis)} berkas lain sudah ditulis).")


# Windows' answers when a file is open in another program: ERROR_ACCESS_DENIED,
# ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
_WINERROR_DIPAKAI = {5, 32, 33}


def _dipakai(e: BaseException, path: Path) -> bool:
    """Replacing ``path`` failed because another program has it open (Excel holds its files)."""
    return isinstance(e, PermissionError) and getattr(e, "winerror", None) in _WINERROR_DIPAKAI and path.exists()


def _daftar(teks: str | Iterable[str]) -> list[str]:
    bagian = teks.split(",") if isinstance(teks, str) else list(teks)
    return [b.strip() for b in bagian if b.strip()]


def baca_format(teks: str | Iterable[str]) -> list[str]:
    """``"md,csv"`` → ``["md", "csv"]`` in the order given, duplicates dropped."""
    pilih = [f.lower() for f in _daftar(teks)]
    salah = [f for f in pilih if f not in FORMAT]
    if salah or not pilih:
        raise EksporTidakSah(f"Format tidak dikenal: {', '.join(salah) or '(kosong)'} "
                             f"(yang tersedia: {', '.join(FORMAT)})")
    return list(dict.fromkeys(pilih))


def baca_gaya_csv(gaya: str) -> str:
    if gaya not in GAYA:
        raise EksporTidakSah(f"Gaya CSV tidak dikenal: {gaya} (yang tersedia: {', '.join(GAYA)})")
    return gaya


@overload
def baca_tabel(lap: Laporan, teks: None) -> None: ...
@overload
def baca_tabel(lap: Laporan, teks: str | Iterable[str]) -> list[str]: ...
@overload
def baca_tabel(lap: Laporan, teks: str | Iterable[str] | None) -> list[str] | None: ...
def baca_tabel(lap: Laporan, teks: str | Iterable[str] | None) -> list[str] | None:
    """Table numbers as typed (``"3.2, 3.17"``; ``Tabel 3.2.`` also accepted); None = all."""
    if teks is None:
        return None
    ada = nomor_tabel(lap)
    pilih = [t.lower().removeprefix("tabel").strip().rstrip(".") for t in _daftar(teks)]
    salah = [t for t in pilih if t not in ada]
    if salah or not pilih:
        raise EksporTidakSah(f"Tabel tidak dikenal: {', '.join(salah) or '(kosong)'} "
                             f"(tabel tahun {lap.tahun}: {', '.join(ada)})")
    return list(dict.fromkeys(pilih))


def nama_berkas(lap: Laporan, formats: Sequence[str], nomor: Sequence[str] | None = None) -> list[str]:
    """The files an export will write, in writing order (for the TUI to show before it runs)."""
    daftar = nomor if nomor is not None else nomor_tabel(lap)
    nama: list[str] = []
    if "md" in formats:
        nama += [f"tabel-{n}.md" for n in daftar]
        if nomor is None:
            nama.append(f"laporan-{lap.tahun}.md")
    if "docx" in formats:  # always the whole document
        nama.append(f"laporan-{lap.tahun}.docx")
    if "pdf" in formats:  # likewise
        nama.append(f"laporan-{lap.tahun}.pdf")
    if "csv" in formats:
        nama += [f"tabel-{n}.csv" for n in daftar]
    if "xlsx" in formats:
        nama.append(f"laporan-{lap.tahun}.xlsx")
    if "json" in formats:
        nama.append(f"lkjip-{lap.tahun}.json")
    return nama


def ekspor(lap: Laporan, out: str | Path, formats: Iterable[str] = FORMAT, tabel: Iterable[str] | None = None,
           csv_gaya: str = "excel", on_progress: Progres | None = None) -> list[Path]:
    """Write the chosen tables in the chosen formats into ``out`` (created when missing).

    ``tabel`` None means every table plus the whole document ``laporan-<tahun>.md``; a
    selection writes only those tables. ``on_progress(done, total, name)`` is called after
    each file. Raises :class:`EksporTidakSah` before writing anything when a choice is
    unknown or the folder is one Windows refuses (:mod:`store.jalur`), ``OSError`` when the
    folder cannot be written, and :class:`BerkasDipakai` after writing the others when a file
    is held open by another program.
    """
    formats = baca_format(formats)
    csv_gaya = baca_gaya_csv(csv_gaya)
    nomor = baca_tabel(lap, tabel)
    # Longest name plus the temporary file's ".<name>.xxxxxxxx.tmp" around it.
    tambahan = 1 + max(map(len, nama_berkas(lap, formats, nomor)), default=0) + 14
    if masalah := masalah_jalur(out, tambahan):
        raise EksporTidakSah(f"Folder {out} tidak dapat dipakai: {masalah}")
    # Started first: a second process's interpreter starts while the tables are built.
    penulis = _penulis_xlsx(lap, nomor) if "xlsx" in formats else None
    try:
        # Tables, cells and their texts live until the files are written: the collector
        # would only walk them (and the report) again and again, about a tenth of the time.
        with tanpa_gc():
            return _ekspor(lap, Path(out), formats, nomor, csv_gaya, on_progress, penulis)
    except ArithmeticError:
        # A value an older version let in (1E+999999): one line naming the command that lists it
        raise EksporTidakSah("Ada angka di basis data yang tidak dapat dihitung atau ditulis (terlalu besar "
                             "atau terlalu banyak angka di belakang koma); lihat dan perbaiki dulu: "
                             "lkjip check") from None
    finally:
        if penulis is not None:
            penulis.tutup()


def _ekspor(lap: Laporan, folder: Path, formats: list[str], nomor: list[str] | None, csv_gaya: str,
            on_progress: Progres | None, penulis: PenulisXlsx | None) -> list[Path]:
    konteks = Konteks(lap)
    daftar: list[Tabel | None] = []
    if {"md", "csv", "xlsx", "docx", "pdf"} & set(formats):
        for i, t in enumerate(satu_per_satu(lap, nomor, konteks)):
            daftar.append(t)
            if penulis is not None:
                # Planning a sheet formats every cell, which the Markdown and CSV then share.
                # A second process writes each sheet as soon as it is planned, and closes the
                # workbook while this process goes on with Markdown, CSV and the bundle.
                for bagian in rencana_potong(t):  # a large sheet in parts: its plan is never whole
                    penulis.tambah(i, bagian)
    if penulis is not None:
        penulis.cukup()
    nomor_ada = [t.nomor for t in daftar if t is not None]  # every one, until the CSV lets them go
    md_cache: dict[str, list[str]] = {}

    def md(t: Tabel) -> Iterable[str]:
        """A table's Markdown lines: kept for laporan-<tahun>.md, or for a large table made as written."""
        if t.nomor in md_cache:
            return md_cache[t.nomor]
        if _besar(t):
            return tabel_md_baris(t)
        baris = md_cache[t.nomor] = list(tabel_md_baris(t))
        return baris

    def dokumen() -> Iterator[bytes]:
        per_nomor = {t.nomor: t for t in daftar if t is not None}
        yield from dalam_potong(dokumen_md_potong(lap, per_nomor, md))
        md_cache.clear()  # the tables' Markdown is not needed again

    def docx() -> bytes:
        from .docx import dokumen_docx  # python-docx and lxml load only for a Word export

        # The whole document even when only some tables were chosen: build them all then.
        semua = daftar if nomor is None else bangun_tabel(lap, None, konteks)
        return dokumen_docx(lap, {t.nomor: t for t in semua if t is not None})

    def pdf() -> bytes:
        from .pdf import dokumen_pdf  # the Typst compiler loads only for a PDF export

        semua = daftar if nomor is None else bangun_tabel(lap, None, konteks)
        return dokumen_pdf(lap, {t.nomor: t for t in semua if t is not None})

    def tabel_ke(i: int) -> Tabel:
        t = daftar[i]
        assert t is not None, f"tabel {nomor_ada[i]} sudah dilepas"  # its CSV, the last file made of it, comes last
        return t

    def md_(i: int) -> Isi:
        baris = md(tabel_ke(i))
        if isinstance(baris, list):
            return "\n".join(baris).encode("utf-8")
        return dalam_potong(_diselingi(per_kelompok(baris)))

    def csv_(i: int) -> Isi:
        t = tabel_ke(i)
        daftar[i] = None  # its last file: let the table and its texts go (memory at city scale)
        if not _besar(t):
            return b"".join(tabel_csv_potong(t, csv_gaya))
        return tabel_csv_potong(t, csv_gaya)  # a large table's, written as it is made

    tugas: list[tuple[str, Callable[[], Isi]]] = []
    if "md" in formats:
        tugas += [(f"tabel-{n}.md", partial(md_, i)) for i, n in enumerate(nomor_ada)]
        if nomor is None:
            tugas.append((f"laporan-{lap.tahun}.md", dokumen))
    if "docx" in formats:  # before the CSV, which lets each table go
        tugas.append((f"laporan-{lap.tahun}.docx", docx))
    if "pdf" in formats:
        tugas.append((f"laporan-{lap.tahun}.pdf", pdf))
    if "csv" in formats:
        tugas += [(f"tabel-{n}.csv", partial(csv_, i)) for i, n in enumerate(nomor_ada)]
    sementara: list[Path] = []  # the bundle's temp file, when made ahead

    def json_() -> Isi:
        return Sementara(sementara[0]) if sementara else dalam_potong(tulis_bundle(lap))

    if penulis is not None:
        def xlsx() -> bytes:
            if "json" in formats and isinstance(penulis, ProsesXlsx):
                # Made while the other process finishes the workbook, into its temp file: put
                # in place after the workbook, in the files' order.
                sementara.append(tulis_sementara(folder / f"lkjip-{lap.tahun}.json", dalam_potong(tulis_bundle(lap))))
            return penulis.selesai()

        tugas.append((f"laporan-{lap.tahun}.xlsx", xlsx))
    if "json" in formats:
        tugas.append((f"lkjip-{lap.tahun}.json", json_))

    folder.mkdir(parents=True, exist_ok=True)
    try:
        return _tulis_semua(folder, tugas, on_progress)
    finally:
        for tmp in sementara:  # gone once in place; still there if the export stopped before
            buang(tmp)


# A table with this many rows has its Markdown made again for laporan-<tahun>.md rather than
# kept from its own file (at 4x city scale two such tables' lines are ~25 MB, made in ~0.1 s),
# and its files are written in pieces as they are made; a smaller one's are made whole and
# written by a writer thread.
BARIS_SIMPAN_MD = 2000


def _besar(t: Tabel) -> bool:
    """A table of :data:`BARIS_SIMPAN_MD` rows or more: its files are made as they are written."""
    return sum(len(b.baris) for b in t.bagian) >= BARIS_SIMPAN_MD


# From this many subkegiatan the XLSX workbook is written in a second process while this one
# writes Markdown, CSV and the bundle: xlsxwriter is about half of a city-scale export.
BESAR = 2000


def _penulis_xlsx(lap: Laporan, nomor: list[str] | None) -> PenulisXlsx:
    """The workbook's writer (:mod:`.xlsx_proses`): a second process for a large report on a
    machine with two or more cores, this process otherwise."""
    besar = (os.cpu_count() or 1) >= 2 and sum(1 for _ in lap.semua_subkegiatan()) >= BESAR
    return penulis_xlsx([nama_sheet(n) for n in (nomor if nomor is not None else nomor_tabel(lap))], besar,
                        lambda: rencana(bangun_tabel(lap, nomor)))


PENULIS = 4  # writer threads: fsync waits on the disk, not the CPU, and releases the GIL
MAKS_ANTRE = 64  # files made but not yet on disk: small ones (a large file is written in pieces, here)
MAKS_ANTRE_BYTE = 4 << 20  # and their bytes


SISA_TMP_DETIK = 120  # a temp file this old is no export still writing: one that was killed left it


def _buang_sisa_tmp(folder: Path, nama: set[str]) -> None:
    """Delete the temp files (``.<name>.xxxxxxxx.tmp``, see store.berkas.tulis_atomik) that a
    killed export left for the files about to be written; a fresh one may be another
    export's at work and is left alone."""
    batas = time.time() - SISA_TMP_DETIK
    try:
        calon = list(folder.glob(".*.tmp"))
    except OSError:
        return
    for p in calon:
        inti = p.name[1:-len(".tmp")]
        if "." not in inti or inti.rsplit(".", 1)[0] not in nama:
            continue
        try:
            if p.stat().st_mtime < batas:
                p.unlink()
        except OSError:
            pass  # gone already, or held open (Windows): the next export tries again


def _tulis_semua(folder: Path, tugas: list[tuple[str, Callable[[], Isi]]],
                 on_progress: Progres | None) -> list[Path]:
    """Make each file's bytes here and write them (each atomically: temp file, fsync,
    replace) on a few writer threads, so the disk waits overlap each other and the next
    file's formatting; the folder is fsynced once at the end. Files are reported in order;
    ``on_progress`` is called from this thread once a file is in place. A file held open by
    another program is skipped (its old copy stays whole) and reported at the end as
    :class:`BerkasDipakai`, after the others are written."""
    ditulis: list[Path] = []
    dipakai: list[str] = []
    antre: deque[tuple[str, Future[Any]]] = deque()
    tertunda: deque[tuple[int, Future[Any]]] = deque()  # bytes given to a writer thread, not yet on disk
    _buang_sisa_tmp(folder, {nama for nama, _ in tugas})

    def lapor(sampai_habis: bool) -> None:
        while antre and (sampai_habis or antre[0][1].done()):
            nama, f = antre.popleft()
            try:
                f.result()  # re-raises the writer's OSError
            except PermissionError as e:
                if not _dipakai(e, folder / nama):
                    raise
                dipakai.append(nama)
            else:
                ditulis.append(folder / nama)
            if on_progress is not None:
                on_progress(len(ditulis) + len(dipakai), len(tugas), nama)

    with ThreadPoolExecutor(max_workers=PENULIS, thread_name_prefix="lkjip-tulis") as penulis:
        try:
            for nama, buat in tugas:
                data = buat()
                if isinstance(data, bytes):
                    antre.append((nama, penulis.submit(tulis_atomik, folder / nama, data, False)))
                    tertunda.append((len(data), antre[-1][1]))
                elif isinstance(data, Sementara):
                    antre.append((nama, penulis.submit(pasang, data.path, folder / nama, False)))
                else:  # made while it is written, here: its pieces come from this thread's work
                    antre.append((nama, _tulis_di_sini(folder / nama, data)))
                del data
                while tertunda and tertunda[0][1].done():
                    tertunda.popleft()
                # The disk is behind: wait rather than hold many files' bytes.
                while tertunda and (len(tertunda) > MAKS_ANTRE or sum(n for n, _ in tertunda) > MAKS_ANTRE_BYTE):
                    wait([tertunda[0][1]])
                    while tertunda and tertunda[0][1].done():
                        tertunda.popleft()
                lapor(False)
            lapor(True)
            fsync_folder(folder)
        except BaseException:
            for _, f in antre:
                f.cancel()
            raise
    if dipakai:
        raise BerkasDipakai(folder, dipakai, ditulis)
    return ditulis


def _tulis_di_sini(path: Path, potong: Iterable[bytes]) -> Future[None]:
    """A file written in pieces, in this thread; its outcome as a writer thread's would be."""
    hasil: Future[None] = Future()
    try:
        tulis_atomik(path, potong, False)
    except OSError as e:  # reported in order, as the writer threads' are (BerkasDipakai)
        hasil.set_exception(e)
    else:
        hasil.set_result(None)
    return hasil


def pratinjau(lap: Laporan, nomor: str, gaya: str = "md") -> str:
    """One table rendered for a preview: ``md`` (Markdown) or ``teks`` (plain text grid)."""
    (n,) = baca_tabel(lap, [nomor])
    (t,) = bangun_tabel(lap, [n])
    return tabel_teks(t) if gaya == "teks" else tabel_md(t)
